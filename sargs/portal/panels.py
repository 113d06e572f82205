"""The panels on each role's home page: the few things the role acts on, with counts and
links, read through the same selectors as the lists they link to.

A panel's ``build`` returns its lines; an empty list means "nothing now" and the panel says
what would appear there; ``None`` means the panel does not apply to this user (e.g. indicator
reports for an institution that reports none) and it is left out. Every builder makes a fixed
number of queries, so a home page costs the same whatever the number of rows.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from django.db.models import Model
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise

from sargs.organisations.principal import Principal
from sargs.organisations.roles import Role

Tone = Literal["", "urgent", "warn", "ok"]


@dataclass(frozen=True)
class Line:
    """One row of a panel: a count or an item, with where to act on it."""

    label: str
    url: str | None = None
    count: int | None = None
    note: str = ""
    tone: Tone = ""


@dataclass
class HomeContext:
    """What builders read, and the child-related records they showed (audited once)."""

    request: HttpRequest
    principal: Principal
    today: datetime.date
    shown: list[Model] = field(default_factory=list)


Builder = Callable[[HomeContext], list[Line] | None]


@dataclass(frozen=True)
class Panel:
    key: str
    title: Promise
    empty_text: Promise
    build: Builder
    link_name: str | None = None
    action: tuple[Promise, str] | None = None  # (label, URL name) of the panel's main action
    hide_when_empty: bool = False


@dataclass(frozen=True)
class ShownPanel:
    key: str
    title: Promise
    empty_text: Promise
    lines: list[Line]
    link: str | None
    action: tuple[Promise, str] | None


def url(name: str, *args: object, query: str = "") -> str:
    """``reverse`` with an optional query string (a list's tab)."""
    path = reverse(name, args=args)
    return f"{path}?{query}" if query else path


def panels_for(roles: frozenset[Role]) -> list[Panel]:
    """Panels for all of a user's roles, each once, in the order of the roles' definition."""
    from .home_panels import PANELS

    seen: set[str] = set()
    result = []
    for role in Role:
        if role not in roles:
            continue
        for panel in PANELS[role]:
            if panel.key not in seen:
                seen.add(panel.key)
                result.append(panel)
    return result


def build_panels(context: HomeContext) -> list[ShownPanel]:
    """The user's panels with their lines; those that do not apply are left out. Meetings the
    user is invited to come first, whatever their roles (an invitation is not a role)."""
    from .guest_panel import INVITATIONS

    shown = []
    for panel in [INVITATIONS, *panels_for(context.principal.roles)]:
        lines = panel.build(context)
        if lines is None or (panel.hide_when_empty and not lines):
            continue
        shown.append(
            ShownPanel(
                key=panel.key,
                title=panel.title,
                empty_text=panel.empty_text,
                lines=lines,
                link=reverse(panel.link_name) if panel.link_name else None,
                action=panel.action,
            )
        )
    return shown
