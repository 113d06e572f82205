"""Step "cooperation": one cooperation group per municipality and its year of meetings.

Each group has the four mandatory members (MK 545: police, social service, education board,
orphan's court), meets monthly in 2025 plus an urgent meeting now and then, and has its
next meeting planned for January 2026. A held meeting has its members (mostly present),
sometimes an invited school, two to four open cases on the agenda with a decision and an
agreed action each, and every quarter a situation analysis item.
"""

from __future__ import annotations

import datetime
from typing import Any

from sargs.cases.casework.models import Case
from sargs.cooperation.models import (
    AgendaItem,
    CooperationGroup,
    Decision,
    DecisionTask,
    GroupMember,
    Meeting,
    MeetingParticipant,
)
from sargs.organisations.models import User

from .base import BASE_DATE, Context, Step, moment
from .lookups import Staff
from .population import Place

YEAR = BASE_DATE.year - 1
ACTIVE_SINCE = datetime.date(2022, 1, 10)
MANDATORY = (
    ("municipal_police", "state_police"),
    ("social_service",),
    ("education_board",),
    ("orphans_court",),
)
COLUMNS: dict[type, list[str]] = {
    CooperationGroup: [
        "id", "municipality_id", "name", "territory", "status", "leader_id", "secretary_id",
        "support_unit_id", "information_exchange", "agenda_preparation",
        "report_interval_months", "notice_working_days", "quorum_percent",
        "guest_access_days", "activated_on", "created_by_id", "created_at",
    ],
    GroupMember: ["id", "group_id", "institution_id", "person_id", "position", "since", "until"],
    Meeting: ["id", "group_id", "number", "kind", "date", "time", "place", "status", "held_at",
              "created_by_id", "created_at"],
    MeetingParticipant: [
        "id", "meeting_id", "kind", "member_id", "user_id", "name", "institution_id",
        "organisation", "guest_type", "attended", "confidentiality_confirmed_at",
    ],
    AgendaItem: ["id", "meeting_id", "position", "kind", "title", "case_id", "follow_up_of_id",
                 "facts", "added_by_id"],
    Decision: ["id", "item_id", "text", "recorded_by_id", "recorded_at"],
    DecisionTask: ["id", "decision_id", "title", "institution_id", "due_on", "case_task_id",
                   "status", "done_at", "result"],
}  # fmt: skip


class GroupBuilder:
    def __init__(self, ctx: Context) -> None:
        self.ctx, self.rng = ctx, ctx.rng("cooperation")
        self.staff = Staff()
        self.rows: dict[type, list[tuple[Any, ...]]] = {model: [] for model in COLUMNS}
        self.user_names = {
            pk: f"{first} {last}"
            for pk, first, last in User.objects.values_list("pk", "first_name", "last_name")
        }
        self.open_cases: dict[int, list[int]] = {}
        for pk, municipality in (
            Case.objects.filter(status="open").order_by("pk").values_list("pk", "municipality_id")
        ):
            self.open_cases.setdefault(municipality, []).append(pk)

    def add(self, model: type, *values: Any) -> int:
        pk = self.ctx.next_id(model)
        self.rows[model].append((pk, *values))
        return pk

    def group(self, place: Place) -> None:
        members: list[tuple[int, int, int | None]] = []  # (member, institution, person)
        for kinds in MANDATORY:
            institution = next((i for k in kinds for i in self.staff.all(place.id, k)), None)
            if institution is not None:
                people = self.staff.holders(institution, "cooperation_group_member")
                members.append((0, institution, people[0] if people else None))
        persons = [p for _, _, p in members if p is not None]
        leader = persons[1] if len(persons) > 1 else (persons[0] if persons else None)
        secretary = persons[0] if persons else None
        support = self.staff.first(place.id, "administration")
        group = self.add(
            CooperationGroup,
            place.id,
            f"{place.genitive} sadarbības grupa",
            "",
            "active",
            leader,
            secretary,
            support,
            "E-pastā un sēdēs.",
            "Sekretārs apkopo jautājumus.",
            6,
            3,
            50,
            0,
            ACTIVE_SINCE,
            secretary,
            moment(ACTIVE_SINCE, self.rng),
        )
        members = [
            (self.add(GroupMember, group, inst, person, "", ACTIVE_SINCE, None), inst, person)
            for _, inst, person in members
        ]
        self._meetings(place, group, members, secretary, support)

    def _meetings(
        self,
        place: Place,
        group: int,
        members: list[tuple[int, int, int | None]],
        secretary: int | None,
        support: int | None,
    ) -> None:
        rng = self.rng
        hall = f"{self.staff.names.get(support or 0, place.name)}, sēžu zāle"
        dates = [
            (datetime.date(YEAR, month, rng.randint(5, 20)), "scheduled") for month in range(1, 13)
        ]
        dates += [
            (datetime.date(YEAR, rng.randint(1, 12), 25), "urgent")
            for _ in range(rng.randint(0, 3))
        ]
        dates.sort()
        dates.append((datetime.date(YEAR + 1, 1, 14), "scheduled"))
        for number, (day, kind) in enumerate(dates, 1):
            held = day < BASE_DATE
            meeting = self.add(
                Meeting,
                group,
                number,
                kind,
                day,
                datetime.time(10, 0),
                hall,
                "held" if held else "planned",
                moment(day, rng) if held else None,
                secretary,
                moment(day - datetime.timedelta(days=10), rng),
            )
            self._participants(meeting, members, day, held, place)
            if held:
                self._agenda(meeting, place, day, secretary, analysis=day.month % 3 == 0)

    def _participants(
        self,
        meeting: int,
        members: list[tuple[int, int, int | None]],
        day: datetime.date,
        held: bool,
        place: Place,
    ) -> None:
        rng = self.rng
        for member, institution, person in members:
            attended = held and rng.random() < 0.9
            name = self.user_names.get(person or 0) or self.staff.names[institution]
            self.add(
                MeetingParticipant,
                meeting,
                "member",
                member,
                person,
                name,
                institution,
                "",
                "",
                attended,
                moment(day, rng) if attended else None,
            )
        schools = self.staff.all(place.id, "school")
        if schools and rng.random() < 0.3:
            school = rng.choice(schools)
            self.add(
                MeetingParticipant,
                meeting,
                "guest",
                None,
                None,
                "Skolas sociālais pedagogs",
                school,
                "",
                "school",
                held,
                moment(day, rng) if held else None,
            )

    def _agenda(
        self, meeting: int, place: Place, day: datetime.date, secretary: int | None, analysis: bool
    ) -> None:
        rng = self.rng
        cases = self.open_cases.get(place.id, [])
        chosen = rng.sample(cases, min(len(cases), rng.randint(2, 4)))
        service = self.staff.first(place.id, "social_service")
        court = self.staff.first(place.id, "orphans_court")
        items: list[tuple[str, str, int | None]] = [
            ("case", f"Lieta Nr. {case}", case) for case in chosen
        ]
        if analysis:
            items.append(("analysis", "Situācijas analīze ceturksnī", None))
        for position, (kind, title, case) in enumerate(items, 1):
            item = self.add(
                AgendaItem,
                meeting,
                position,
                kind,
                title,
                case,
                None,
                "Iestāžu sniegtā informācija.",
                secretary,
            )
            decision = self.add(
                Decision, item, "Vienoties par turpmāko rīcību.", secretary, moment(day, rng)
            )
            due = day + datetime.timedelta(days=30)
            done = due < BASE_DATE - datetime.timedelta(days=15)
            institution = court if kind == "case" and rng.random() < 0.3 else service
            if institution is not None:
                self.add(
                    DecisionTask,
                    decision,
                    "Sniegt informāciju nākamajā sēdē.",
                    institution,
                    due,
                    None,
                    "done" if done else "open",
                    moment(due, rng) if done else None,
                    "Izpildīts." if done else "",
                )


def run(ctx: Context) -> int:
    builder = GroupBuilder(ctx)
    progress = ctx.progress("cooperation", len(ctx.state["places"]))
    for place in ctx.state["places"]:
        builder.group(place)
        progress.advance(1)
    progress.finish()
    return sum(ctx.write(m, columns, builder.rows[m]) for m, columns in COLUMNS.items())


STEP = Step("cooperation", run, tuple(COLUMNS), depends_on=("cases",))
