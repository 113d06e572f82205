"""Which panels each role's home shows. A panel's empty text says what will appear in it, so
that a new user learns what the home is for before there is any work."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sargs.organisations.roles import Role

from . import casework_panels as work
from . import municipal_panels as municipal
from .panels import Panel

ALERTS = Panel(
    "alerts",
    _("Danger alerts"),
    _("Here you will see alerts of danger to a child's life or health until acknowledged."),
    work.alerts,
    "cases:worklist",
)
# Roles outside the social service and the court get alerts seldom: shown only when there is one.
ALERTS_WHEN_ANY = Panel(
    ALERTS.key, ALERTS.title, ALERTS.empty_text, work.alerts, ALERTS.link_name, hide_when_empty=True
)
TRIAGE = Panel(
    "triage",
    _("Concerns to triage"),
    _("Here you will see new concerns about children, each with its triage deadline."),
    work.triage,
    "cases:concern-list",
)
TASKS_DUE = Panel(
    "tasks-due",
    _("Tasks due"),
    _("Here you will see your tasks that are overdue or due this week."),
    work.tasks_due,
    "cases:worklist",
)
PLANS = Panel(
    "plans",
    _("Plans to review"),
    _("Here you will see the rehabilitation plans of your cases, the nearest review first."),
    work.plans,
    "cases:case-list",
)
OUR_CONCERNS = Panel(
    "our-concerns",
    _("Our concerns"),
    _("Here you will see what became of the concerns your institution reported."),
    work.our_concerns,
    "cases:concern-list",
    action=(_("Report a concern"), "cases:concern-create"),
)
INSTITUTION_TASKS = Panel(
    "institution-tasks",
    _("Tasks for our institution"),
    _("Here you will see tasks the social service or a cooperation group gives your institution."),
    work.institution_tasks,
    "cases:worklist-institution",
)
INDICATOR_REPORTS = Panel(
    "indicator-reports",
    _("Indicator reports"),
    _("Here you will see your institution's reports for the situation assessment."),
    municipal.indicator_reports,
    "assessment:collection",
)
REFERRALS = Panel(
    "referrals",
    _("Referrals"),
    _("Here you will see the referrals the social service sends to your institution."),
    work.referrals,
    "cases:referral-list",
)
SESSIONS = Panel(
    "sessions",
    _("Sessions to record"),
    _("Here you will see the services in progress, the longest without a recorded session first."),
    work.sessions,
    "cases:referral-list",
)
COURT_MATTERS = Panel(
    "court-matters",
    _("Matters and their deadlines"),
    _("Here you will see your orphan's court's open matters, the nearest decision deadline first."),
    work.court_matters,
    "cases:proceeding-list",
)
REVIEWS = Panel(
    "reviews",
    _("One-year reviews"),
    _(
        "Here you will see, a year after custody was suspended, the decisions due on applying "
        "for deprivation of custody."
    ),
    work.reviews,
    "cases:proceeding-list",
)
REMEDIES = Panel(
    "remedies",
    _("Terms to remedy ending"),
    _("Here you will see the terms parents were given to remedy, the nearest end first."),
    work.remedies,
    "cases:proceeding-list",
)
COLLECTION = Panel(
    "collection",
    _("Indicator collection"),
    _("Here you will see how many institutions have submitted their figures once a period opens."),
    municipal.collection,
    "assessment:period-list",
)
MONITORING = Panel(
    "monitoring",
    _("Programme monitoring"),
    _("Here you will see the programme's next reporting date and its activities late or at risk."),
    municipal.monitoring,
    "programme:programme-list",
)
HANDOVERS = Panel(
    "handovers",
    _("Handovers and cost claims"),
    _("Here you will see handovers and cost claims waiting for your or the other side's answer."),
    municipal.handovers,
    "responsibility:handover-list",
)
ASSESSMENT = Panel(
    "assessment",
    _("Latest situation assessment"),
    _("Here you will find the latest frozen situation assessment and its report."),
    municipal.latest_assessment,
    "assessment:report-list",
)
COUNCIL_REPORTS = Panel(
    "council-reports",
    _("Reports to the council"),
    _("Here you will find the latest assessment report and the programme's council report."),
    municipal.council_reports,
    "assessment:report-list",
)
PROGRAMME = Panel(
    "programme",
    _("The programme"),
    _("Here you will see whether the programme is approved and how its activities are going."),
    municipal.monitoring,
    "programme:programme-list",
)
NATIONAL = Panel(
    "national",
    _("National indicators"),
    _("Here you will see how many municipalities have frozen their assessment, once any has."),
    municipal.national,
    "assessment:dashboard",
)
MEETINGS = Panel(
    "meetings",
    _("Next meetings"),
    _("Here you will see the cooperation group meetings ahead."),
    municipal.meetings,
    "cooperation:group-list",
)
USERS = Panel(
    "users",
    _("Users and roles"),
    _("Here you will see the users you manage and those still without a role."),
    municipal.users,
    "organisations:user-list",
)

SUBJECT_REQUESTS = Panel(
    "subject-requests",
    _("Data subject requests"),
    _("Here you will see the requests of people to see or correct their data, until answered."),
    municipal.subject_requests,
    "subjects:request-list",
    action=(_("New request"), "subjects:request-create"),
)

_REPORTER = (ALERTS_WHEN_ANY, OUR_CONCERNS, INSTITUTION_TASKS, INDICATOR_REPORTS)

PANELS: dict[Role, tuple[Panel, ...]] = {
    Role.COORDINATOR: (ALERTS, COLLECTION, MONITORING, HANDOVERS, ASSESSMENT),
    Role.SOCIAL_WORKER: (ALERTS, TRIAGE, TASKS_DUE, PLANS),
    Role.FAMILY_ASSISTANT: (REFERRALS, SESSIONS, TASKS_DUE),
    Role.ORPHANS_COURT_MEMBER: (ALERTS, COURT_MATTERS, REVIEWS, REMEDIES),
    Role.POLICE_OFFICER: _REPORTER,
    Role.EDUCATION_SPECIALIST: _REPORTER,
    Role.SCHOOL_STAFF: _REPORTER,
    Role.PROVIDER_STAFF: (REFERRALS, SESSIONS, ALERTS_WHEN_ANY),
    Role.COOPERATION_GROUP_MEMBER: (MEETINGS, INSTITUTION_TASKS),
    Role.COUNCILLOR: (COUNCIL_REPORTS, PROGRAMME),
    Role.NATIONAL_ANALYST: (NATIONAL,),
    Role.ADMINISTRATOR: (USERS,),
    Role.DATA_PROTECTION_OFFICER: (SUBJECT_REQUESTS,),
}
