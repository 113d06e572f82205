"""The grants every app's policies share, defined once (docs/adr/0002-access-model.md).

Each is a :class:`sargs.core.grants.Grants`: which roles, held in which kinds of institution,
hold it. Apps build their view rules and policies from these; a rule only one app needs stays
in that app's ``access.py``.
"""

from __future__ import annotations

from typing import Any

from sargs.core.access import HasRole
from sargs.core.grants import Grants

from .roles import CHILD_DATA_ROLES, InstitutionType, Role

T = InstitutionType

#: Child-rights coordinators (in the administration or the social service).
COORDINATORS = Grants.of("child rights coordinator", {Role.COORDINATOR: None}, "municipal")

#: Those who run a municipality's case work and its services: coordinators, and social
#: workers in the social service (not one employed by a school, a provider or a hospital).
CASE_MANAGERS = Grants.of(
    "case manager (coordinator, social service social worker)",
    {
        Role.COORDINATOR: {T.ADMINISTRATION, T.SOCIAL_SERVICE},
        Role.SOCIAL_WORKER: {T.SOCIAL_SERVICE},
    },
    "municipal",
)

#: Members of an orphan's court.
COURT_MEMBERS = Grants.of(
    "orphan's court member", {Role.ORPHANS_COURT_MEMBER: {T.ORPHANS_COURT}}, "municipal"
)

#: Who keeps a municipality's registry of children (docs/adr/0005): case managers and courts.
REGISTRY_KEEPERS = Grants.of(
    "registry keeper (coordinator, social service social worker, orphan's court)",
    {**CASE_MANAGERS.by_role, **COURT_MEMBERS.by_role},
    "municipal",
)

#: Every role that may see an individual child's data (they need a second factor).
CHILD_DATA_STAFF = Grants.of(
    "role that reads children's data", dict.fromkeys(CHILD_DATA_ROLES), "any"
)

#: Staff of a service provider: provider staff and family assistants.
PROVIDER_WORKERS = Grants.of(
    "provider staff or family assistant",
    {Role.PROVIDER_STAFF: None, Role.FAMILY_ASSISTANT: None},
    "any",
)

#: Councillors of a municipality: aggregates only.
COUNCILLORS = Grants.of("councillor", {Role.COUNCILLOR: None}, "municipal")

#: Administrators of a municipality (users and institutions there).
MUNICIPAL_ADMINISTRATORS = Grants.of(
    "administrator", {Role.ADMINISTRATOR: {T.ADMINISTRATION}}, "municipal"
)

#: A municipality's data protection officer: answers data subjects' requests (sargs.subjects)
#: about that municipality's records; no case pages, worklist or concerns in daily work.
DATA_PROTECTION_OFFICERS = Grants.of(
    "data protection officer",
    {Role.DATA_PROTECTION_OFFICER: {T.ADMINISTRATION}},
    "municipal",
)

#: State-level roles, held in the national centre.
NATIONAL_ANALYSTS = Grants.of("national analyst", {Role.NATIONAL_ANALYST: None}, "national")
NATIONAL_ADMINISTRATORS = Grants.of(
    "national administrator", {Role.ADMINISTRATOR: None}, "national"
)


def coordinated_municipalities(principal: Any) -> frozenset[int]:
    """Municipalities the principal is a child-rights coordinator of."""
    return COORDINATORS.municipalities(principal)


def managed_municipalities(principal: Any) -> frozenset[int]:
    """Municipalities whose cases and services the principal manages."""
    return CASE_MANAGERS.municipalities(principal)


def protected_municipalities(principal: Any) -> frozenset[int]:
    """Municipalities whose data subjects' requests the principal answers."""
    return DATA_PROTECTION_OFFICERS.municipalities(principal)


def registry_municipalities(principal: Any) -> frozenset[int]:
    """Municipalities whose registry the principal keeps."""
    return REGISTRY_KEEPERS.municipalities(principal)


# View rules used by more than one app.
IS_COORDINATOR = COORDINATORS.rule
IS_COURT_MEMBER = COURT_MEMBERS.rule
IS_ADMINISTRATOR = HasRole(Role.ADMINISTRATOR, description="administrator")
SEES_CHILD_DATA = CHILD_DATA_STAFF.rule
MANAGES_CASES = CASE_MANAGERS.rule
IS_DATA_PROTECTION_OFFICER = DATA_PROTECTION_OFFICERS.rule
KEEPS_REGISTRY = REGISTRY_KEEPERS.rule

__all__ = [
    "CASE_MANAGERS",
    "CHILD_DATA_STAFF",
    "COORDINATORS",
    "COUNCILLORS",
    "COURT_MEMBERS",
    "DATA_PROTECTION_OFFICERS",
    "IS_ADMINISTRATOR",
    "IS_COORDINATOR",
    "IS_COURT_MEMBER",
    "IS_DATA_PROTECTION_OFFICER",
    "KEEPS_REGISTRY",
    "MANAGES_CASES",
    "MUNICIPAL_ADMINISTRATORS",
    "NATIONAL_ADMINISTRATORS",
    "NATIONAL_ANALYSTS",
    "PROVIDER_WORKERS",
    "REGISTRY_KEEPERS",
    "SEES_CHILD_DATA",
    "coordinated_municipalities",
    "managed_municipalities",
    "protected_municipalities",
    "registry_municipalities",
]
