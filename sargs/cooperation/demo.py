"""Demo cooperation group of the demo municipality (sargs/organisations/demo.py): an active
group with every mandatory member, a meeting held two weeks ago whose minutes are closed (a
decision on the Ozoliņi family's case from sargs/cases/demo.py, with tasks for the school and
the social service, and a situation-analysis item with a task the group follows itself), and
a scheduled meeting next week.

Every write goes through the cooperation services (so the rules, the case timeline and the
audit trail are as in real use); past dates are passed through the services' ``today`` and
``now`` arguments. Invented people only. Safe to run again: when the group exists nothing is
added.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from sargs.cases.casework.models import Case, CaseStatus
from sargs.cases.demo import MARKER_CODE
from sargs.core.workdays import add_working_days, is_working_day, next_working_day
from sargs.organisations.demo import DEMO_MUNICIPALITY
from sargs.organisations.models import Institution, Municipality, User
from sargs.organisations.roles import InstitutionType as T

from . import services
from .models import CooperationGroup, GroupMember, ItemKind, Meeting, MeetingKind
from .services import ActionInput

GROUP_NAME = "Valmieras novada sadarbības grupa"
PLACE = "Valmieras novada pašvaldība, Lāčplēša iela 2, 1. sēžu zāle"
# Days before today when the group started work and when its last meeting was held.
ACTIVE_SINCE_DAYS = 120
HELD_DAYS_AGO = 14


@dataclass
class _Cast:
    town: Municipality
    users: dict[str, User]
    institutions: dict[str, Institution]


def _cast() -> _Cast:
    town = Municipality.objects.get(atvk=DEMO_MUNICIPALITY)
    kinds = {
        "admin": T.ADMINISTRATION,
        "social": T.SOCIAL_SERVICE,
        "court": T.ORPHANS_COURT,
        "mpolice": T.MUNICIPAL_POLICE,
        "eduboard": T.EDUCATION_BOARD,
        "school": T.SCHOOL,
    }
    institutions = {
        key: Institution.objects.filter(municipality=town, type=kind).order_by("pk").first()
        for key, kind in kinds.items()
    }
    names = ("koordinators", "socialais", "barintiesa", "sadarbiba", "izglitiba", "skola")
    users = {u.username: u for u in User.objects.filter(username__in=names)}
    missing = [k for k, v in institutions.items() if v is None] + sorted(set(names) - set(users))
    if missing:
        raise ValueError(f"load the demo organisations first (missing: {', '.join(missing)})")
    return _Cast(town=town, users=users, institutions=institutions)  # type: ignore[arg-type]


def _working_day_before(day: datetime.date) -> datetime.date:
    while not is_working_day(day):
        day -= datetime.timedelta(days=1)
    return day


def _group(c: _Cast, today: datetime.date) -> CooperationGroup:
    """Created and configured by the coordinator, with the mandatory members (MK 545)."""
    coordinator = c.users["koordinators"]
    group = services.group_create(
        actor=coordinator,
        municipality=c.town,
        name=GROUP_NAME,
        territory="Valmieras novads",
        leader=coordinator,
        secretary=c.users["socialais"],
        support_unit=c.institutions["admin"],
        information_exchange=(
            "Locekļi informāciju apmainās Sargs sistēmā; steidzamos gadījumos vadītāja sasauc "
            "ārkārtas sanāksmi un informē locekļus pa tālruni."
        ),
        agenda_preparation=(
            "Jautājumus darba kārtībai sekretāre apkopo ne vēlāk kā trīs darba dienas pirms "
            "sanāksmes; gadījuma vadītājs sagatavo īsu gadījuma izklāstu."
        ),
        report_interval_months=6,
    )
    members = (
        ("admin", "koordinators", "Bērnu tiesību aizsardzības koordinatore, grupas vadītāja"),
        ("social", "socialais", "Sociālā darbiniece darbam ar ģimenēm ar bērniem, sekretāre"),
        ("court", "barintiesa", "Bāriņtiesas loceklis"),
        ("mpolice", "sadarbiba", "Pašvaldības policijas inspektore"),
        ("eduboard", "izglitiba", "Izglītības pārvaldes galvenā speciāliste"),
    )
    for institution, username, position in members:
        services.group_member_add(
            actor=coordinator,
            group=group,
            institution=c.institutions[institution],
            person=c.users[username],
            position=position,
        )
    active_since = _working_day_before(today - datetime.timedelta(days=ACTIVE_SINCE_DAYS))
    group = services.group_activate(actor=coordinator, group=group, today=active_since)
    # The services date a new member "since today"; the demo's group has worked for months,
    # so its members' terms start with the group (a date only, no rule is bypassed).
    GroupMember.objects.filter(group=group).update(since=active_since)
    return group


def _ozolini_case(c: _Cast) -> Case:
    return Case.objects.get(
        municipality=c.town, status=CaseStatus.OPEN, children__personal_code=MARKER_CODE
    )


def _held_meeting(c: _Cast, group: CooperationGroup, today: datetime.date) -> Meeting:
    """A scheduled meeting two weeks ago: a case and a situation analysis, minutes closed."""
    secretary = c.users["socialais"]
    day = _working_day_before(today - datetime.timedelta(days=HELD_DAYS_AGO))
    meeting = services.meeting_create(
        actor=secretary,
        group=group,
        kind=MeetingKind.SCHEDULED,
        date=day,
        time=datetime.time(10, 0),
        place=PLACE,
        today=day - datetime.timedelta(days=21),
    )
    case_item = services.agenda_item_add(
        actor=secretary,
        meeting=meeting,
        kind=ItemKind.CASE,
        title="Ozoliņu ģimene: bērnu uzraudzība un skolas kavējumi",
        case=_ozolini_case(c),
    )
    analysis_item = services.agenda_item_add(
        actor=secretary,
        meeting=meeting,
        kind=ItemKind.ANALYSIS,
        title="Neattaisnoti skolas kavējumi novadā 1. semestrī",
        facts="Izglītības pārvaldes apkopojums: kavējumu skaits pieaudzis divās skolās.",
    )
    services.participant_invite(
        actor=secretary,
        meeting=meeting,
        guest_type="school",
        name="",
        user=c.users["skola"],
        institution=c.institutions["school"],
    )
    services.attendance_record(actor=secretary, meeting=meeting, present=meeting.participants.all())
    due = add_working_days(today, 10)
    services.decision_record(
        actor=secretary,
        item=case_item,
        today=day,
        facts=(
            "Ģimenes asistents strādā ar ģimeni; budžets tiek ievērots. Martas kavējumi "
            "samazinājušies, bet pēcpusdienās bērni joprojām bieži ir bez uzraudzības."
        ),
        text=(
            "Turpināt ģimenes asistenta pakalpojumu; skolai nodrošināt Martai pagarinātās "
            "dienas grupu un psihologa konsultācijas; sociālajam dienestam izvērtēt ģimenes "
            "tiesības uz trūcīgas ģimenes statusu. Jautājumu skatīt atkārtoti pēc diviem mēnešiem."
        ),
        tasks=[
            ActionInput(
                title="Nodrošināt Martai pagarinātās dienas grupu un psihologa konsultācijas",
                institution=c.institutions["school"],
                due_on=due,
            ),
            ActionInput(
                title="Izvērtēt Ozoliņu ģimenes tiesības uz trūcīgas ģimenes statusu",
                institution=c.institutions["social"],
                due_on=add_working_days(today, 5),
            ),
        ],
    )
    services.decision_record(
        actor=secretary,
        item=analysis_item,
        today=day,
        text=(
            "Izglītības pārvaldei kopā ar skolām sagatavot priekšlikumus kavējumu "
            "mazināšanai un iesniegt tos nākamajā sanāksmē."
        ),
        tasks=[
            ActionInput(
                title="Sagatavot priekšlikumus neattaisnoto kavējumu mazināšanai",
                institution=c.institutions["eduboard"],
                due_on=add_working_days(today, 15),
            )
        ],
    )
    closed_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(11, 45)))
    return services.meeting_close(actor=secretary, meeting=meeting, now=closed_at)


def _next_meeting(c: _Cast, group: CooperationGroup, today: datetime.date) -> Meeting:
    """Scheduled for next week's Wednesday (or the first day the notice period allows)."""
    secretary = c.users["socialais"]
    wednesday = today + datetime.timedelta(days=7 - today.weekday() + 2)
    earliest = add_working_days(today, group.notice_working_days)
    meeting = services.meeting_create(
        actor=secretary,
        group=group,
        kind=MeetingKind.SCHEDULED,
        date=next_working_day(max(wednesday, earliest)),
        time=datetime.time(10, 0),
        place=PLACE,
        today=today,
    )
    placement = Case.objects.filter(
        municipality=c.town, status=CaseStatus.OPEN, children__first_name="Elza"
    ).first()
    if placement is not None:
        services.agenda_item_add(
            actor=secretary,
            meeting=meeting,
            kind=ItemKind.CASE,
            title="Sproģu ģimene: bērna atgriešanās iespējas pēc krīzes ievietošanas",
            case=placement,
        )
    services.agenda_item_add(
        actor=secretary,
        meeting=meeting,
        kind=ItemKind.PROGRAMME_PROPOSAL,
        title="Priekšlikumi bērnu tiesību aizsardzības programmas rīcības plānam",
        facts="Izglītības pārvaldes priekšlikumi par kavējumu mazināšanu.",
    )
    return meeting


@transaction.atomic
def load_cooperation_demo() -> dict[str, int]:
    """Add the demo cooperation group once; returns what was added (zeros when loaded)."""
    c = _cast()
    if CooperationGroup.objects.filter(municipality=c.town, name=GROUP_NAME).exists():
        return {"groups": 0, "meetings": 0}
    today = timezone.localdate()
    group = _group(c, today)
    _held_meeting(c, group, today)
    _next_meeting(c, group, today)
    return {"groups": 1, "meetings": 2}


# Found by `manage.py demo_data` (sargs.core.demo), after the apps below this one.
DEMO_PARTS = [("cooperation group", load_cooperation_demo)]
