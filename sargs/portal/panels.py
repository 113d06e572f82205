"""The panels on each role's home page. Later capabilities fill them; empty ones say so."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sargs.organisations.roles import Role


@dataclass(frozen=True)
class Panel:
    key: str
    title: Promise
    empty_text: Promise
    link_name: str | None = None


_NOTHING = _("Nothing here yet.")

PANELS: dict[Role, tuple[Panel, ...]] = {
    Role.COORDINATOR: (
        Panel("assessment", _("Situation assessment"), _NOTHING),
        Panel("programme", _("Child rights protection programme"), _NOTHING),
        Panel(
            "handovers",
            _("Handovers and cost claims"),
            _NOTHING,
            "responsibility:handover-list",
        ),
        Panel(
            "audit", _("Audit trail"), _("Search who viewed or changed what."), "audit:entry-list"
        ),
    ),
    Role.SOCIAL_WORKER: (
        Panel("my-cases", _("My cases"), _("The cases you manage."), "cases:case-list"),
        Panel(
            "new-concerns",
            _("New concerns to triage"),
            _("Accept each into a case or close it."),
            "cases:concern-list",
        ),
        Panel("due", _("Due this week"), _("Tasks due by Sunday."), "cases:worklist-due"),
    ),
    Role.FAMILY_ASSISTANT: (
        Panel("families", _("My families"), _NOTHING),
        Panel("sessions", _("Sessions this week"), _NOTHING),
        Panel(
            "contracts",
            _("Our contracts and crisis-team rota"),
            _("The services your institution provides under contract."),
            "services:contract-list",
        ),
    ),
    Role.ORPHANS_COURT_MEMBER: (
        Panel(
            "proceedings",
            _("Open proceedings"),
            _("Matters your orphan's court has to decide."),
            "cases:proceeding-list",
        ),
        Panel("deadlines", _("Deadlines"), _("Tasks due this week."), "cases:worklist-due"),
    ),
    Role.POLICE_OFFICER: (
        Panel(
            "concerns",
            _("Concerns reported by us"),
            _("Whether each was taken up."),
            "cases:concern-list",
        ),
        Panel(
            "tasks",
            _("Tasks for our institution"),
            _("Open tasks assigned to your institution."),
            "cases:worklist-institution",
        ),
    ),
    Role.EDUCATION_SPECIALIST: (
        Panel("absences", _("Unexcused absence reports"), _NOTHING),
        Panel(
            "tasks",
            _("Tasks for our institution"),
            _("Open tasks assigned to your institution."),
            "cases:worklist-institution",
        ),
    ),
    Role.SCHOOL_STAFF: (
        Panel(
            "report",
            _("Report a concern"),
            _("Tell the social service about a child."),
            "cases:concern-create",
        ),
        Panel(
            "our-concerns",
            _("Our concerns and their follow-up"),
            _("Whether each was taken up."),
            "cases:concern-list",
        ),
    ),
    Role.PROVIDER_STAFF: (
        Panel("referrals", _("Referrals"), _NOTHING),
        Panel("waiting", _("Waiting list"), _NOTHING),
        Panel(
            "contracts",
            _("Our contracts and staff"),
            _("The services your institution provides under contract."),
            "services:contract-list",
        ),
    ),
    Role.COOPERATION_GROUP_MEMBER: (
        Panel("meetings", _("Next meetings"), _NOTHING),
        Panel(
            "tasks",
            _("Tasks for our institution"),
            _("Open tasks assigned to your institution."),
            "cases:worklist-institution",
        ),
    ),
    Role.COUNCILLOR: (
        Panel("reports", _("Reports to the council"), _NOTHING),
        Panel("progress", _("Programme progress"), _NOTHING),
    ),
    Role.NATIONAL_ANALYST: (Panel("indicators", _("National indicators"), _NOTHING),),
    Role.ADMINISTRATOR: (
        Panel(
            "users",
            _("Users and roles"),
            _("Create users and give them roles."),
            "organisations:user-list",
        ),
        Panel(
            "institutions",
            _("Institutions"),
            _("The institutions of your municipality."),
            "organisations:institution-list",
        ),
    ),
}


def panels_for(roles: frozenset[Role]) -> list[Panel]:
    """Panels for all of a user's roles, each once, in the order of the roles' definition."""
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
