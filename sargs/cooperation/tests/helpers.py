"""Shared set-ups: an active group of municipality A with its mandatory members, a meeting."""

from __future__ import annotations

import datetime

from django.utils import timezone

from sargs.cooperation import services
from sargs.cooperation.models import CooperationGroup, Meeting

MANDATORY = (
    ("a_police", "police_officer"),
    ("a_social", "social_worker"),
    ("a_eduboard", "education_specialist"),
    ("a_court", "orphans_court_member"),
)


def today() -> datetime.date:
    return timezone.localdate()


def draft_group(cast, **settings) -> CooperationGroup:
    values = {
        "leader": cast.social_worker,
        "secretary": cast.coordinator,
        "territory": "Valmieras novads",
    }
    values.update(settings)
    return services.group_create(
        actor=cast.coordinator,
        municipality=cast.municipality_a,
        name="Valmieras sadarbības grupa",
        **values,
    )


def add_mandatory(cast, group: CooperationGroup, skip: tuple[str, ...] = ()) -> None:
    for key, user in MANDATORY:
        if key in skip:
            continue
        services.group_member_add(
            actor=cast.coordinator,
            group=group,
            institution=cast.institutions[key],
            person=getattr(cast, user),
        )


def active_group(cast, **settings) -> CooperationGroup:
    group = draft_group(cast, **settings)
    add_mandatory(cast, group)
    return services.group_activate(actor=cast.coordinator, group=group)


def urgent_meeting(cast, group: CooperationGroup, day: datetime.date | None = None) -> Meeting:
    return services.meeting_create(
        actor=cast.coordinator,
        group=group,
        kind="urgent",
        date=day or today(),
        time=datetime.time(10, 0),
        place="Domes zāle",
        today=day,
    )


def with_quorum(cast, meeting: Meeting) -> None:
    present = meeting.participants.filter(kind="member")
    services.attendance_record(actor=cast.coordinator, meeting=meeting, present=list(present))


def held_meeting(cast) -> tuple[CooperationGroup, Meeting]:
    """An active group with a meeting held today: one case on the agenda, decided with an
    agreed action for the school, the minutes closed."""
    from sargs.cases.tests.helpers import open_case
    from sargs.cooperation.models import ItemKind
    from sargs.cooperation.services import ActionInput

    group = active_group(
        cast,
        information_exchange="E-pasts un Sargs",
        agenda_preparation="Sekretārs apkopo",
        support_unit=cast.institutions["a_social"],
    )
    meeting = urgent_meeting(cast, group)
    _concern, case, _child = open_case(cast)
    item = services.agenda_item_add(
        actor=cast.coordinator, meeting=meeting, kind=ItemKind.CASE, title="", case=case
    )
    with_quorum(cast, meeting)
    services.decision_record(
        actor=cast.coordinator,
        item=item,
        text="Skola nodrošina atbalstu.",
        facts="Bērns kavē stundas.",
        tasks=[
            ActionInput(
                title="Atbalsta plāns skolā",
                institution=cast.institutions["a_school"],
                due_on=datetime.date(2099, 1, 15),
            )
        ],
    )
    meeting = services.meeting_close(actor=cast.coordinator, meeting=meeting)
    return group, meeting
