"""Navigation by role: each user sees the sections their roles can open."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sargs.assessment.access import (
    COORDINATES_ASSESSMENT,
    READS_ASSESSMENT,
    REPORTS_IN_ASSESSMENT,
)
from sargs.cooperation.access import WorksWithGroups
from sargs.organisations.principal import principal_for
from sargs.organisations.roles import CHILD_DATA_ROLES, Role
from sargs.programme.access import READS_PROGRAMME

ALL = frozenset(Role)


@dataclass(frozen=True)
class NavEntry:
    """A section, shown to the given roles, or to whoever its page's access rule lets in
    (so that navigation and access cannot disagree)."""

    url_name: str
    label: Promise
    roles: frozenset[Role] = frozenset()
    rule: Any = None

    def shown_to(self, request: HttpRequest, roles: frozenset[Role]) -> bool:
        if roles & self.roles:
            return True
        return self.rule is not None and self.rule.allows(request)


ENTRIES = (
    NavEntry("portal:home", _("Home"), ALL),
    NavEntry("cases:worklist", _("Worklist"), CHILD_DATA_ROLES),
    NavEntry("cases:concern-list", _("Concerns"), CHILD_DATA_ROLES),
    NavEntry(
        "registry:child-search",
        _("Children"),
        frozenset({Role.COORDINATOR, Role.SOCIAL_WORKER, Role.ORPHANS_COURT_MEMBER}),
    ),
    NavEntry(
        "responsibility:handover-list",
        _("Handovers and claims"),
        frozenset({Role.COORDINATOR, Role.SOCIAL_WORKER, Role.ORPHANS_COURT_MEMBER}),
    ),
    NavEntry(
        "services:contract-list",
        _("Services"),
        frozenset(
            {Role.COORDINATOR, Role.SOCIAL_WORKER, Role.PROVIDER_STAFF, Role.FAMILY_ASSISTANT}
        ),
    ),
    NavEntry(
        "services:capacity",
        _("Service capacity"),
        frozenset({Role.COUNCILLOR, Role.NATIONAL_ANALYST}),
    ),
    NavEntry("cooperation:group-list", _("Cooperation groups"), rule=WorksWithGroups()),
    NavEntry(
        "cooperation:report-index",
        _("Cooperation group reports"),
        frozenset({Role.COUNCILLOR}),
    ),
    NavEntry("assessment:collection", _("Indicator reporting"), rule=REPORTS_IN_ASSESSMENT),
    NavEntry("assessment:quality-index", _("Assessment checks"), rule=COORDINATES_ASSESSMENT),
    NavEntry("assessment:dashboard", _("Indicators"), rule=READS_ASSESSMENT),
    NavEntry("assessment:report-list", _("Assessment reports"), rule=READS_ASSESSMENT),
    NavEntry("programme:programme-list", _("Programme"), rule=READS_PROGRAMME),
    NavEntry("organisations:institution-list", _("Institutions"), ALL),
    NavEntry(
        "organisations:user-list",
        _("Users"),
        frozenset({Role.ADMINISTRATOR}),
    ),
    NavEntry("audit:entry-list", _("Audit trail"), frozenset({Role.COORDINATOR})),
    NavEntry("accounts:security", _("Security"), ALL),
)


@dataclass(frozen=True)
class NavItem:
    url: str
    label: Promise
    current: bool


def navigation_for(request: HttpRequest) -> list[NavItem]:
    roles = principal_for(request).roles
    items = []
    for entry in ENTRIES:
        if entry.shown_to(request, roles):
            url = reverse(entry.url_name)
            current = request.path == url if url == "/" else request.path.startswith(url)
            items.append(NavItem(url=url, label=entry.label, current=current))
    return items
