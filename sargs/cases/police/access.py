"""Who sees and records the police's part (docs/adr/0008-case-access.md).

The case's team (who see the case whole: its managers, the orphan's court in it) and police
officers of a police institution taking part in the case see the records; only those officers
record them. Schools, providers and everyone else: 404.
"""

from __future__ import annotations

from sargs.cases.casework.access import case_policy
from sargs.cases.casework.models import Case, CaseParticipant
from sargs.core.grants import Grants
from sargs.organisations.principal import Principal
from sargs.organisations.roles import InstitutionType, Role

#: Police officers of the municipal or the State Police.
POLICE_OFFICERS = Grants.of(
    "police officer",
    {Role.POLICE_OFFICER: {InstitutionType.MUNICIPAL_POLICE, InstitutionType.STATE_POLICE}},
    "any",
)


def case_police(principal: Principal, case: Case) -> frozenset[int]:
    """The principal's police institutions that take part in ``case`` now."""
    mine = POLICE_OFFICERS.institutions(principal)
    if not mine:
        return frozenset()
    return frozenset(
        CaseParticipant.objects.filter(
            case=case, institution__in=mine, until__isnull=True
        ).values_list("institution_id", flat=True)
    )


def sees_police_part(principal: Principal, case: Case) -> bool:
    return case_policy.sees_whole(principal, case) or bool(case_police(principal, case))


def records_police_part(principal: Principal, case: Case) -> bool:
    return bool(case_police(principal, case))
