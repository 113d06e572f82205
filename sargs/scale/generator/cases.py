"""Step "cases": concerns, cases, participants, timelines, tasks, assessments, plans, services.

Every family whose parents' custody changed has a case (opened before the orphan's court
acted); other families are drawn until the country has about 32,000 cases over three years,
some 18,000 of them open on the base date ("tens of thousands of families with cases").
Each case starts from a concern that the social service took up; about a third as many
concerns again were closed without a case.

Timelines are long-tailed, as in real case files: nine cases in ten have 3–15 entries, one in
twelve up to about 60, one in fifty a few hundred. About one entry in six is addressed beyond
the case team (``TimelineAudience``): to the institution that reported the concern, or to the
participating institutions of one type, as ``timeline_entry_add`` records it.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from typing import Any

from sargs.cases.casework.models import (
    Assessment,
    AssessmentArea,
    Case,
    CaseChild,
    CaseParticipant,
    PlanGoal,
    RehabilitationPlan,
    SupportArea,
    Task,
    TimelineAudience,
    TimelineEntry,
)
from sargs.cases.concerns.models import Concern
from sargs.cases.referrals.models import Referral, ReferralSession

from .base import BASE_DATE, Context, Step, day_between, moment
from .lookups import Family, Staff, families, family_counts
from .writer import BATCH_SIZE, Json

NATIONAL_CASES = 32_000
CLOSED_SHARE = 0.45
CASE_YEARS = 3
DAY = datetime.timedelta(days=1)
AREAS = [a.value for a in SupportArea]
CATEGORIES = (
    ("neglect", 30),
    ("school_absence", 20),
    ("emotional_violence", 10),
    ("physical_violence", 10),
    ("behaviour", 8),
    ("parents_conflict", 7),
    ("substance_use", 5),
    ("dangerous_dwelling", 4),
    ("running_away", 3),
    ("offence", 3),
)
REPORTERS = (
    ("school", "school", 45),
    ("municipal_police", "public", 20),
    ("health_care", "health_care", 15),
    ("social_service", "home", 20),
)
# Entries after the first three (taken up, assessment, plan): (share, fewest, most).
TIMELINE_SPREAD = ((0.90, 0, 12), (0.08, 13, 60), (0.02, 100, 400))
LATER_ENTRIES = (
    ("note", 60, ("Mājas vizīte.", "Saruna ar vecākiem.", "Tālruņa saruna ar skolu.",
                  "Bērns apmeklē skolu regulāri.", "Vecāki piedalās konsultācijās.")),
    ("task", 15, ("Uzdevums izpildīts.", "Uzdots uzdevums izglītības iestādei.")),
    ("referral", 12, ("Sociālais pakalpojums uzsākts.", "Pakalpojuma sniedzēja atskaite.")),
    ("participant", 8, ("Lietā iesaistīta bāriņtiesa.", "Lietā iesaistīta izglītības iestāde.")),
    ("proceeding", 5, ("Bāriņtiesa informēta par situāciju.",)),
)  # fmt: skip
AUDIENCE_SHARE = 1 / 6
AUDIENCE_TYPES = ("orphans_court", "school", "municipal_police", "service_provider")
SEEN = ("klases audzinātāja", "sociālais pedagogs", "kaimiņi", "ģimenes ārsts", "inspektors")
NO_PARAMS = Json("{}")

COLUMNS: dict[type, list[str]] = {
    Case: [
        "id", "municipality_id", "social_worker_id", "status", "opened_on", "closed_on",
        "outcome", "outcome_note", "created_at", "updated_at", "previous_case_id",
    ],
    Concern: [
        "id", "municipality_id", "reporting_institution_id", "reported_by_id",
        "child_first_name", "child_last_name", "child_birth_date", "child_personal_code",
        "categories", "description", "observed_on", "place", "place_detail", "observed_by",
        "danger_to_life", "status", "triage_due", "child_id", "case_id", "closed_reason",
        "triaged_at", "triaged_by_id", "created_at", "residence_municipality_id",
        "residence_address",
    ],
    CaseChild: ["id", "case_id", "child_id", "added_on", "active"],
    CaseParticipant: ["id", "case_id", "institution_id", "role", "since", "until"],
    # Generated entries keep their text as written (no message code), as imported history would.
    TimelineEntry: [
        "id", "case_id", "kind", "text", "author_id", "created_at", "message", "params",
    ],
    TimelineAudience: ["id", "entry_id", "institution_id", "institution_type"],
    Task: [
        "id", "case_id", "title", "description", "institution_id", "assignee_id", "due_on",
        "area", "status", "done_at", "result", "created_by_id", "created_at", "title_message",
        "title_params",
    ],
    Assessment: ["id", "case_id", "assessed_on", "overall_risk", "summary", "author_id",
                 "created_at", "version"],
    AssessmentArea: ["id", "assessment_id", "area", "rating", "note"],
    RehabilitationPlan: [
        "id", "case_id", "version", "review_on", "family_agreed_on", "family_agreement_note",
        "created_by_id", "created_at",
    ],
    PlanGoal: ["id", "plan_id", "area", "goal"],
    Referral: [
        "id", "case_id", "service_id", "contract_id", "provider_id", "status", "requested_on",
        "planned_from", "planned_to", "planned_hours", "areas", "shared_note",
        "cooperation_agreed_on", "accepted_on", "started_on", "ended_on", "outcome_rating",
        "outcome", "referred_by_id", "created_at", "updated_at", "assistant_id",
        "assistant_override_by_id", "assistant_override_reason", "urgency_reason",
        "last_session_on",
    ],
    ReferralSession: ["id", "referral_id", "held_on", "hours", "areas", "note",
                      "recorded_by_id", "created_at"],
}  # fmt: skip


def _days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


class CaseBuilder:
    def __init__(self, ctx: Context, staff: Staff) -> None:
        self.ctx, self.staff = ctx, staff
        self.rng = ctx.rng("cases")
        self.rows: dict[type, list[tuple[Any, ...]]] = {model: [] for model in COLUMNS}
        self.written = 0
        self.opened: dict[int, tuple[int, datetime.date]] = {}  # household → (case, opened on)

    def add(self, model: type, *values: Any) -> int:
        pk = self.ctx.next_id(model)
        self.rows[model].append((pk, *values))
        return pk

    def flush(self) -> None:
        for model, columns in COLUMNS.items():
            self.written += self.ctx.write(model, columns, self.rows[model])
            self.rows[model] = []

    def worker(self, municipality: int) -> tuple[int | None, int | None]:
        """The municipality's social service and one of its social workers."""
        service = self.staff.first(municipality, "social_service")
        people = self.staff.holders(service, "social_worker")
        return service, self.rng.choice(people) if people else None

    def case(self, family: Family, opened: datetime.date, closed: datetime.date | None) -> None:
        rng, muni = self.rng, family.municipality
        service, worker = self.worker(muni)
        outcome = "" if closed is None else self._outcome(family)
        when = moment(opened, rng)
        case = self.add(
            Case,
            muni,
            worker,
            "closed" if closed else "open",
            opened,
            closed,
            outcome,
            "",
            when,
            when,
            None,
        )
        self.opened[family.household] = (case, opened)
        kids = [k for k in family.kids if k.born < opened] or family.kids[:1]
        for kid in kids:
            self.add(CaseChild, case, kid.id, opened, closed is None)
        reporter = self._concern(family, case, opened, worker, kids[0])
        self.add(CaseParticipant, case, service, "owner", opened, closed)
        if reporter is not None and reporter != service:
            self.add(CaseParticipant, case, reporter, "reporter", opened, closed)
        self._work(case, service, worker, opened, closed, reporter)
        self._referral(case, muni, worker, opened, closed)

    def _outcome(self, family: Family) -> str:
        if any(r.custody and r.custody[-1][0] == "restored" for r in family.relations):
            return "returned_to_family"
        return self.rng.choices(("stayed_in_family", "moved_away", "other"), (85, 10, 5))[0]

    def _concern(
        self, family: Family, case: int | None, opened: datetime.date, worker: int | None, kid: Any
    ) -> int | None:
        rng, muni = self.rng, family.municipality
        kind, place, _ = rng.choices(REPORTERS, [r[2] for r in REPORTERS])[0]
        institutions = self.staff.all(muni, kind) or self.staff.all(muni, "social_service")
        institution = rng.choice(institutions) if institutions else None
        if institution is None:
            return None
        reporters = [
            u
            for role in ("school_staff", "police_officer", "social_worker")
            for u in self.staff.holders(institution, role)
        ]
        category = rng.choices(CATEGORIES, [c[1] for c in CATEGORIES])[0][0]
        observed = max(kid.born + DAY, opened - _days(rng.randint(1, 6)))
        accepted = case is not None
        self.add(
            Concern,
            muni,
            institution,
            rng.choice(reporters) if reporters else None,
            kid.first_name,
            kid.last_name,
            kid.born,
            kid.code or "",
            Json(f'["{category}"]'),
            "Bērns stāstīja par situāciju mājās; novērotas pazīmes, kas prasa uzmanību.",
            observed,
            place,
            "",
            rng.choice(SEEN),
            rng.random() < 0.03,
            "accepted" if accepted else "closed",
            observed + _days(4),
            kid.id if accepted else None,
            case,
            "" if accepted else "Pārbaudot informācija neapstiprinājās.",
            moment(opened, rng),
            worker,
            moment(observed, rng),
            muni,  # the child lives where the family is generated
            "",
        )
        return institution

    def closed_concern(self, family: Family) -> None:
        day = day_between(self.rng, BASE_DATE - _days(365 * CASE_YEARS), BASE_DATE - DAY)
        kid = family.kids[0]
        if kid.born < day:
            self._concern(family, None, day, self.worker(family.municipality)[1], kid)

    def _work(
        self,
        case: int,
        service: int | None,
        worker: int | None,
        opened: datetime.date,
        closed: datetime.date | None,
        reporter: int | None,
    ) -> None:
        rng = self.rng
        end = closed or BASE_DATE - DAY
        assessed = min(end, opened + _days(rng.randint(5, 30)))
        risk = rng.choices(("low", "medium", "high", "very_high"), (25, 40, 25, 10))[0]
        assessment = self.add(
            Assessment,
            case,
            assessed,
            risk,
            "Ģimenei nepieciešams atbalsts vairākās jomās.",
            worker,
            moment(assessed, rng),
            1,  # the case's first assessment
        )
        ratings = {area: rng.choices((0, 1, 2, 3), (40, 30, 20, 10))[0] for area in AREAS}
        for area, rating in ratings.items():
            self.add(AssessmentArea, assessment, area, rating, "")
        needs = [a for a, r in ratings.items() if r >= 2] or [rng.choice(AREAS)]
        plan_day = min(end, assessed + _days(rng.randint(3, 20)))
        plan = self.add(
            RehabilitationPlan,
            case,
            1,
            plan_day + _days(180),
            plan_day,
            "Ģimene piekrīt plānam.",
            worker,
            moment(plan_day, rng),
        )
        for area in needs[:4]:
            self.add(PlanGoal, plan, area, "Uzlabot situāciju šajā jomā sešu mēnešu laikā.")
        for kind, day, text in (
            ("taken_up", opened, "Ziņojums pieņemts darbā."),
            ("assessment", assessed, "Veikts vajadzību un riska novērtējums."),
            ("plan", plan_day, "Sagatavots rehabilitācijas plāns."),
        ):
            self.add(TimelineEntry, case, kind, text, worker, moment(day, rng), "", NO_PARAMS)
        self._later_entries(case, worker, opened, end, service, reporter)
        if closed is not None:
            self.add(
                TimelineEntry,
                case,
                "closure",
                "Lieta slēgta.",
                worker,
                moment(closed, rng),
                "",
                NO_PARAMS,
            )
        self._tasks(case, service, worker, opened, closed, needs[0])

    def _later_entries(
        self,
        case: int,
        worker: int | None,
        opened: datetime.date,
        end: datetime.date,
        service: int | None,
        reporter: int | None,
    ) -> None:
        """The case's later entries, a long-tailed number of them; some addressed beyond the
        case team, to the reporting institution or to the participants of one type."""
        rng = self.rng
        _share, fewest, most = rng.choices(TIMELINE_SPREAD, [t[0] for t in TIMELINE_SPREAD])[0]
        weights = [e[1] for e in LATER_ENTRIES]
        for _ in range(rng.randint(fewest, most)):
            kind, _weight, texts = rng.choices(LATER_ENTRIES, weights)[0]
            when = moment(day_between(rng, opened, end), rng)
            entry = self.add(
                TimelineEntry, case, kind, rng.choice(texts), worker, when, "", NO_PARAMS
            )
            if rng.random() < AUDIENCE_SHARE:
                if reporter is not None and reporter != service and rng.random() < 0.5:
                    self.add(TimelineAudience, entry, reporter, "")
                else:
                    self.add(TimelineAudience, entry, None, rng.choice(AUDIENCE_TYPES))

    def _tasks(
        self,
        case: int,
        service: int | None,
        worker: int | None,
        opened: datetime.date,
        closed: datetime.date | None,
        area: str,
    ) -> None:
        rng = self.rng
        for title, due in (
            ("Mājas vizīte", opened + _days(7)),
            ("Pārskatīt plāna izpildi", opened + _days(rng.randint(30, 200))),
        ):
            done = closed is not None or due < BASE_DATE - _days(30)
            status = ("done" if rng.random() < 0.95 else "cancelled") if done else "open"
            done_at = moment(min(due, closed or due), rng) if done else None
            self.add(
                Task,
                case,
                title,
                "",
                service,
                worker,
                due,
                area,
                status,
                done_at,
                "Izpildīts." if done else "",
                worker,
                moment(opened, rng),
                "",
                NO_PARAMS,
            )

    def _referral(
        self,
        case: int,
        muni: int,
        worker: int | None,
        opened: datetime.date,
        closed: datetime.date | None,
    ) -> None:
        rng = self.rng
        catalogue = self.ctx.state.get("catalogue", {}).get(muni)
        if not catalogue:
            return
        service, contract, provider = rng.choice(catalogue)
        requested = min(BASE_DATE - DAY, opened + _days(rng.randint(5, 40)))
        if closed is not None and requested > closed:
            requested = closed
        start = requested + _days(7)
        planned_to = start + _days(180)
        status, started = self._referral_status(closed, start)
        final = status in ("completed", "ended")
        outcome = "Mērķi daļēji sasniegti." if final else ""
        rating = "partly" if status == "completed" else ""
        ended_on = closed if final else None
        accepted = (
            requested + _days(2) if status in ("accepted", "in_progress", "completed") else None
        )
        when = moment(requested, rng)
        areas = Json('["childcare", "budget"]')
        planned_hours = Decimal(rng.randrange(10, 60))
        # The sessions are drawn before the referral is written (the same draws in the same
        # order as before) so that the referral carries its latest session's day.
        held_days: list[tuple[datetime.date, Any]] = []
        if started is not None:
            last = min(ended_on or BASE_DATE - DAY, planned_to)
            for _ in range(rng.randint(2, 8)):
                held = day_between(rng, started, max(started, last))
                held_days.append((held, moment(held, rng)))
        referral = self.add(
            Referral,
            case,
            service,
            contract,
            provider,
            status,
            requested,
            start,
            planned_to,
            planned_hours,
            areas,
            "",
            None,
            accepted,
            started,
            ended_on,
            rating,
            outcome,
            worker,
            when,
            when,
            None,  # no named assistant: generated referrals rest on the case's plan
            None,
            "",
            "",
            max((held for held, _ in held_days), default=None),
        )
        for held, recorded in held_days:
            self.add(
                ReferralSession,
                referral,
                held,
                Decimal("1.50"),
                areas,
                "Darbs ar ģimeni.",
                None,
                recorded,
            )

    def _referral_status(
        self, closed: datetime.date | None, start: datetime.date
    ) -> tuple[str, datetime.date | None]:
        """The status on the base date and the day the service started (if it did)."""
        if closed is not None:
            return ("completed", start) if closed >= start else ("ended", None)
        if start >= BASE_DATE:
            return "accepted", None
        return ("in_progress", start) if self.rng.random() < 0.8 else ("waiting", None)


def _case_dates(
    family: Family, rng: random.Random
) -> tuple[datetime.date, datetime.date | None] | None:
    oldest = family.kids[0].born
    if family.custody_changes:
        first = min(r.custody[0][1] for r in family.relations if r.custody)
        opened = max(oldest + DAY, first - _days(rng.randint(30, 200)))
        still = any(r.without_custody for r in family.relations)
        return opened, (None if still or rng.random() < 0.5 else _closing(family, rng))
    opened = day_between(rng, BASE_DATE - _days(365 * CASE_YEARS), BASE_DATE - DAY)
    if opened <= oldest:
        return None
    if rng.random() >= CLOSED_SHARE:
        return opened, None
    closed = opened + _days(rng.randint(60, 700))
    return opened, (closed if closed < BASE_DATE else None)


def _closing(family: Family, rng: random.Random) -> datetime.date | None:
    last = max(r.custody[-1][1] for r in family.relations if r.custody)
    closed = last + _days(rng.randint(30, 200))
    return closed if closed < BASE_DATE else None


def run(ctx: Context) -> int:
    builder = CaseBuilder(ctx, Staff())
    households, custody = family_counts()
    target = ctx.scale.national(NATIONAL_CASES)
    chance = max(0.0, (target - custody) / max(1, households - custody))
    progress = ctx.progress("cases", households)
    for n, family in enumerate(families(), 1):
        if family.custody_changes or builder.rng.random() < chance:
            dates = _case_dates(family, builder.rng)
            if dates is not None:
                builder.case(family, *dates)
        elif builder.rng.random() < chance / 3:
            builder.closed_concern(family)
        if n % BATCH_SIZE == 0:
            builder.flush()
            progress.advance(BATCH_SIZE)
    builder.flush()
    progress.advance(households % BATCH_SIZE)
    progress.finish()
    ctx.state["case_of_household"] = builder.opened
    return builder.written


STEP = Step("cases", run, tuple(COLUMNS), depends_on=("registry", "services"))
