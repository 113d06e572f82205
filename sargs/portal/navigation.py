"""Navigation by role: each user sees the sections whose page's access rule lets them in,
read from the page itself, so that navigation and access cannot disagree."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.http import HttpRequest
from django.urls import resolve, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sargs.core.access import RuleLike, declared_rule
from sargs.organisations.grants import COUNCILLORS


@cache
def _page_rule(url_name: str) -> RuleLike:
    rule = declared_rule(resolve(reverse(url_name)).func)
    if rule is None:  # tests/test_url_access.py fails first; never show an undeclared page
        raise LookupError(f"{url_name} declares no access rule")
    return rule


@dataclass(frozen=True)
class NavEntry:
    """A section, shown to whoever its page's access rule lets in, or (``rule``) to a
    narrower set of users for whom it is the way in."""

    url_name: str
    label: Promise
    rule: RuleLike | None = None

    def shown_to(self, request: HttpRequest) -> bool:
        return (self.rule or _page_rule(self.url_name)).allows(request)


ENTRIES = (
    NavEntry("portal:home", _("Home")),
    NavEntry("cases:worklist", _("Worklist")),
    NavEntry("cases:concern-list", _("Concerns")),
    NavEntry("registry:child-search", _("Children")),
    NavEntry("responsibility:handover-list", _("Handovers and claims")),
    NavEntry("services:contract-list", _("Services")),
    NavEntry("services:capacity", _("Service capacity")),
    NavEntry("cooperation:group-list", _("Cooperation groups")),
    # Others who may read a group's council report reach it from the group's page.
    NavEntry("cooperation:report-index", _("Cooperation group reports"), COUNCILLORS.rule),
    NavEntry("assessment:collection", _("Indicator reporting")),
    NavEntry("assessment:quality-index", _("Assessment checks")),
    NavEntry("assessment:dashboard", _("Indicators")),
    NavEntry("assessment:report-list", _("Assessment reports")),
    NavEntry("programme:programme-list", _("Programme")),
    NavEntry("organisations:institution-list", _("Institutions")),
    NavEntry("organisations:user-list", _("Users")),
    NavEntry("audit:entry-list", _("Audit trail")),
    NavEntry("accounts:security", _("Security")),
)


@dataclass(frozen=True)
class NavItem:
    url: str
    label: Promise
    current: bool


def navigation_for(request: HttpRequest) -> list[NavItem]:
    items = []
    for entry in ENTRIES:
        if entry.shown_to(request):
            url = reverse(entry.url_name)
            current = request.path == url if url == "/" else request.path.startswith(url)
            items.append(NavItem(url=url, label=entry.label, current=current))
    return items
