"""Navigation by role: each user sees the sections their roles can open."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sargs.organisations.principal import principal_for
from sargs.organisations.roles import CHILD_DATA_ROLES, Role

ALL = frozenset(Role)


@dataclass(frozen=True)
class NavEntry:
    url_name: str
    label: Promise
    roles: frozenset[Role]


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
        if roles & entry.roles:
            url = reverse(entry.url_name)
            current = request.path == url if url == "/" else request.path.startswith(url)
            items.append(NavItem(url=url, label=entry.label, current=current))
    return items
