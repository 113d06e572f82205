"""Navigation by role: each user sees the sections whose page's access rule lets them in,
read from the page itself, so that navigation and access cannot disagree."""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import cache

from django.http import HttpRequest
from django.urls import resolve, reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sargs.cooperation.selectors import has_open_invitation
from sargs.core.access import RuleLike, declared_rule
from sargs.organisations.grants import (
    CASE_MANAGERS,
    COUNCILLORS,
    COURT_MEMBERS,
    PROVIDER_WORKERS,
)
from sargs.organisations.principal import principal_for


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
    # Each role's own items: the case team's cases, the providers' referrals, the court's
    # matters (the worklist's sub-navigation reaches them for everyone who may open them).
    NavEntry("cases:case-list", _("Cases"), CASE_MANAGERS.rule),
    NavEntry("cases:referral-list", _("Referrals"), PROVIDER_WORKERS.rule | CASE_MANAGERS.rule),
    NavEntry("cases:proceeding-list", _("Court matters"), COURT_MEMBERS.rule),
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
    NavEntry("subjects:request-list", _("Data subject requests")),
    NavEntry("accounts:security", _("Security")),
)


@dataclass(frozen=True)
class NavItem:
    url: str
    label: Promise
    current: bool


def _current(path: str, urls: list[str]) -> str | None:
    """The section the page belongs to: the longest section address the path starts with
    (``/cases/worklist/`` is the worklist's, not the case list's at ``/cases/``)."""
    matches = [url for url in urls if (path == url if url == "/" else path.startswith(url))]
    return max(matches, key=len, default=None)


def navigation_for(request: HttpRequest) -> list[NavItem]:
    shown = [(entry, reverse(entry.url_name)) for entry in ENTRIES if entry.shown_to(request)]
    current = _current(request.path, [url for _entry, url in shown])
    items = [NavItem(url=url, label=entry.label, current=url == current) for entry, url in shown]
    return items[:1] + _invitations(request) + items[1:]


def _invitations(request: HttpRequest) -> list[NavItem]:
    """An invited guest holds no role that leads to the meeting: the menu points them to the
    home page's list of their invitations while one is open (issue 18, point 6)."""
    if not _has_open_invitation(request):
        return []
    url = reverse("portal:home") + "#panel-invitations"
    return [NavItem(url=url, label=_("Meetings you are invited to"), current=False)]


_INVITATION_KEY = "sargs_open_invitation"
_INVITATION_SECONDS = 600


def _has_open_invitation(request: HttpRequest) -> bool:
    """Asked of the database at most every ten minutes per session, so that the menu costs
    no query on most pages (the home page's panel is always current)."""
    session = getattr(request, "session", None)
    now = int(time.time())
    cached = session.get(_INVITATION_KEY) if session is not None else None
    if isinstance(cached, list) and len(cached) == 2 and now - int(cached[0]) < _INVITATION_SECONDS:
        return bool(cached[1])
    found = has_open_invitation(principal=principal_for(request), today=timezone.localdate())
    if session is not None:
        session[_INVITATION_KEY] = [now, found]
    return found
