"""Step "programme": each municipality's child rights protection programme and its monitoring.

One programme for 2025–2027 per municipality, approved by the council in February 2025; two
in five were amended in September 2025 (version 1 superseded, its activities copied into
version 2 with the same lineage, as ``version_amend`` copies them). The action plan has three
or four priorities and from six activities (a small novads) to eighty (Rīga at national
scale), each with planned costs per year and funding source and one or two performance
indicators. Monitoring: the reporting calendar (30 June and 31 December), a report for every
started activity on each date passed (the track computed by ``tracking.explain_track``, as
the service computes it) with its indicators' actual values, the council's hearing of 2025,
funding decisions, a monitoring council, and two anonymous questionnaires (children 13–17,
families) with answers in proportion to the municipality's children.
"""

from __future__ import annotations

import datetime
import json
import uuid
from decimal import Decimal
from typing import Any

from sargs.programme.models import (
    Activity,
    ActivityCost,
    Answer,
    CouncilHearing,
    CouncilMember,
    FundingDecision,
    IndicatorResult,
    Involvement,
    MonitoringReport,
    PerformanceIndicator,
    Priority,
    Problem,
    Programme,
    ProgrammeVersion,
    Question,
    Questionnaire,
    QuestionnaireResponse,
    ReportingDate,
)
from sargs.programme.tracking import IndicatorPath, explain_track

from .base import Context, Step, day_between, moment
from .lookups import Staff
from .population import Place
from .writer import Json

START, END = 2025, 2027
APPROVED = datetime.date(2025, 2, 20)
AMENDED = datetime.date(2025, 9, 18)
AMENDED_SHARE = 0.4
REPORT_DATES = [
    datetime.date(year, month, day)
    for year in range(START, END + 1)
    for month, day in ((6, 30), (12, 31))
]
REPORTED = [d for d in REPORT_DATES if d < datetime.date(2026, 1, 1)]
CHILDREN_PER_ACTIVITY = 1_300
ACTIVITIES = (6, 80)
RESPONDENTS_PER_CHILDREN = 60  # one answer to each questionnaire per 60 children
Cooperating = Activity.cooperating.through
RESPONSIBLE_TYPES = (
    "social_service", "education_board", "orphans_court", "municipal_police", "administration",
    "service_provider", "school",
)  # fmt: skip
PRIORITIES = (
    "Agrīna palīdzība ģimenēm ar bērniem",
    "Droša vide skolā un ārpus tās",
    "Bērnu garīgā veselība",
    "Ārpusģimenes aprūpes stiprināšana",
)
PROBLEMS = (
    ("Ģimenes palīdzību lūdz par vēlu", ["E1", "E3"]),
    ("Ģimenēm trūkst atbalsta pakalpojumu", ["F4", "F3"]),
    ("Trūkst audžuģimeņu", ["L2"]),
)
ACTIVITY_TITLES = (
    "Vecāku prasmju programma", "Ģimenes asistenta pakalpojums", "Skolu sociālo pedagogu tīkls",
    "Psihologa konsultācijas bērniem", "Audžuģimeņu piesaistes kampaņa", "Jauniešu centrs",
    "Vardarbības prevencijas nodarbības", "Speciālistu supervīzija", "Mentoru programma",
    "Krīzes intervences komanda",
)  # fmt: skip
INDICATORS = (
    ("Ģimenes, kas saņēmušas atbalstu", "families"),
    ("Bērni, kas piedalījušies nodarbībās", "children"),
    ("Apmācītie speciālisti", "participants"),
    ("Nodarbību skaits", "events"),
    ("Apmierināto dalībnieku daļa", "percent"),
)
SOURCES = ("existing", "municipal", "state", "eu")
# (kind, text, options); answers: scale value, option index or indexes, free text.
QUESTIONS: tuple[tuple[str, str, list[str]], ...] = (
    ("scale", "Cik droši tu jūties savā skolā? (1 – nemaz, 5 – ļoti droši)", []),
    ("single", "Vai tu zini, pie kā vērsties, ja vajadzīga palīdzība?",
     ["Jā", "Nē", "Neesmu pārliecināts"]),
    ("multiple", "Kas novadā bērniem un jauniešiem pietrūkst visvairāk?",
     ["Brīvā laika iespējas", "Psihologa atbalsts", "Drošas vietas pēc skolas", "Cits"]),
    ("text", "Ko tu ieteiktu pašvaldībai darīt citādi?", []),
)  # fmt: skip
SUGGESTIONS = ("Vairāk pulciņu.", "Psihologs skolā katru dienu.", "Drošāks ceļš uz skolu.")

COLUMNS: dict[type, list[str]] = {
    Programme: ["id", "municipality_id", "title", "start_year", "end_year",
                "monitoring_official", "monitoring_unit_id", "reports_per_year", "created_at",
                "created_by_id"],
    ProgrammeVersion: [
        "id", "programme_id", "number", "status", "based_on_id", "amendment_reason",
        "assessment_id", "legal_basis", "drafting_groups", "target_groups", "situation_summary",
        "situation_comments", "institutional_model", "decision_number", "decision_date",
        "approved_at", "approved_by_id", "created_at", "updated_at", "revision",
    ],
    Problem: ["id", "version_id", "order", "title", "description", "solution",
              "indicator_codes", "source"],
    Priority: ["id", "version_id", "order", "title", "description"],
    Activity: ["id", "version_id", "priority_id", "lineage", "order", "title", "description",
               "responsible_id", "starts_on", "deadline"],
    Cooperating: ["id", "activity_id", "institution_id"],
    ActivityCost: ["id", "activity_id", "year", "source", "amount"],
    PerformanceIndicator: ["id", "activity_id", "lineage", "name", "unit", "indicator_code",
                           "cell", "baseline", "baseline_year", "target"],
    ReportingDate: ["id", "programme_id", "due_on", "remind_days_before", "reminded_at"],
    MonitoringReport: [
        "id", "programme_id", "activity_id", "reporting_date_id", "as_of", "status", "spent",
        "narrative", "computed_track", "track_reason_lv", "track_reason_en", "override_track",
        "override_reason", "override_by_id", "reported_by_id", "reported_at",
    ],
    IndicatorResult: ["id", "report_id", "indicator_id", "actual"],
    CouncilHearing: ["id", "programme_id", "year", "due_on", "heard_on", "decision_number"],
    FundingDecision: ["id", "programme_id", "year", "granted", "decision_number", "decided_on"],
    CouncilMember: ["id", "programme_id", "kind", "name", "institution_id", "age_group"],
    Questionnaire: ["id", "programme_id", "title", "audience", "introduction", "token",
                    "status", "repeated_address_answers", "created_at"],
    Question: ["id", "questionnaire_id", "order", "kind", "text", "options"],
    # After the questionnaires it may name (flush deletes in reverse order).
    Involvement: ["id", "version_id", "kind", "held_on", "participants", "participant_count",
                  "summary", "questionnaire_id"],
    QuestionnaireResponse: ["id", "questionnaire_id", "submitted_on"],
    Answer: ["id", "response_id", "question_id", "choices", "text"],
}  # fmt: skip
EMPTY = Json("{}")
NO_CODES = Json("[]")


class ProgrammeBuilder:
    def __init__(self, ctx: Context) -> None:
        self.ctx, self.rng = ctx, ctx.rng("programme")
        self.staff = Staff()
        self.rows: dict[type, list[tuple[Any, ...]]] = {model: [] for model in COLUMNS}
        self.written = 0

    def add(self, model: type, *values: Any) -> int:
        pk = self.ctx.next_id(model)
        self.rows[model].append((pk, *values))
        return pk

    def flush(self) -> None:
        for model, columns in COLUMNS.items():
            self.written += self.ctx.write(model, columns, self.rows[model])
            self.rows[model] = []

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def person(self, institution: int | None, *roles: str) -> int | None:
        for role in roles:
            people = self.staff.holders(institution, role)
            if people:
                return people[0]
        return self.staff.anyone.get(institution) if institution else None

    def programme(self, place: Place) -> None:
        rng = self.rng
        admin = self.staff.first(place.id, "administration")
        coordinator = self.person(admin, "coordinator")
        if admin is None or coordinator is None:
            return
        council = self.staff.first(place.id, "council")
        councillor = self.person(council, "councillor") or coordinator
        created = moment(datetime.date(2024, 10, 1), rng)
        programme = self.add(
            Programme,
            place.id,
            f"{place.genitive} bērnu tiesību aizsardzības programma",
            START,
            END,
            "Bērnu tiesību aizsardzības koordinators",
            admin,
            2,
            created,
            coordinator,
        )
        amended = rng.random() < AMENDED_SHARE
        first = self.version(programme, 1, None, coordinator, councillor, APPROVED, amended)
        plan = self.action_plan(place, first)
        dates = {
            due: self.add(
                ReportingDate,
                programme,
                due,
                14,
                moment(due - datetime.timedelta(days=14), rng) if due in REPORTED else None,
            )
            for due in REPORT_DATES
        }
        current, current_plan = first, plan
        if amended:
            current = self.version(programme, 2, first, coordinator, councillor, AMENDED, False)
            current_plan = self.copy_plan(plan, current)
        for due in REPORTED:
            reported = current_plan if (amended and due > AMENDED) else plan
            for activity in reported:
                self.report(programme, activity, dates[due], due)
        self.add(CouncilHearing, programme, 2025, datetime.date(2026, 3, 31), None, "")
        for year in (2025, 2026):
            asked = sum(a["costs"].get((year, "municipal"), Decimal(0)) for a in plan)
            granted = (asked * Decimal(rng.choice((60, 80, 100))) / 100).quantize(Decimal("1"))
            self.add(
                FundingDecision,
                programme,
                year,
                granted,
                f"Nr. {rng.randint(1, 900)}",
                datetime.date(year - 1, 12, rng.randint(10, 20)),
            )
        self.council(programme, place)
        self.questionnaires(programme, first, place)

    def version(
        self,
        programme: int,
        number: int,
        based_on: int | None,
        coordinator: int,
        councillor: int,
        approved: datetime.date,
        superseded: bool,
    ) -> int:
        rng = self.rng
        at = moment(approved, rng)
        return self.add(
            ProgrammeVersion,
            programme,
            number,
            "superseded" if superseded else "approved",
            based_on,
            "Precizēts rīcības plāns pēc uzraudzības ziņojuma." if based_on else "",
            None,
            "Bērnu tiesību aizsardzības likuma 66. pants.",
            "Sociālais dienests, bāriņtiesa, izglītības pārvalde, pašvaldības policija.",
            "Bērni un ģimenes ar bērniem, īpaši ģimenes ar vairākām problēmām.",
            "Situācija aprakstīta pēc pēdējā situācijas novērtējuma.",
            EMPTY,
            "Koordinators, sadarbības grupa un iestāžu speciālisti.",
            f"Nr. {rng.randint(1, 900)} (protokols Nr. {rng.randint(1, 30)})",
            approved,
            at,
            coordinator,
            at - datetime.timedelta(days=40),
            at,
            number,
        )

    def action_plan(self, place: Place, version: int) -> list[dict[str, Any]]:
        rng = self.rng
        for order, (title, codes) in enumerate(PROBLEMS):
            codes_json = Json(json.dumps(codes))
            self.add(Problem, version, order, title, "", "Skat. rīcības plānu.", codes_json, "")
        priorities = [
            self.add(Priority, version, order, title, "")
            for order, title in enumerate(PRIORITIES[: rng.choice((3, 4))])
        ]
        self.add(
            Involvement, version, "discussion", datetime.date(2024, 11, 12),
            "Skolēnu pašpārvalžu pārstāvji", rng.randint(8, 30), "", None,
        )  # fmt: skip
        fewest, most = ACTIVITIES
        count = min(most, max(fewest, place.children // CHILDREN_PER_ACTIVITY))
        institutions = [i for kind in RESPONSIBLE_TYPES for i in self.staff.all(place.id, kind)]
        plan = []
        for order in range(count):
            starts = day_between(rng, datetime.date(START, 1, 1), datetime.date(START, 9, 1))
            deadline = datetime.date(rng.choice((START, START + 1, END)), 12, 31)
            costs = {}
            for year in range(START, END + 1):
                for source in rng.sample(SOURCES, rng.choice((1, 1, 2))):
                    costs[(year, source)] = Decimal(rng.randrange(500, 40_000))
            indicators = []
            for name, unit in rng.sample(INDICATORS, rng.choice((1, 2))):
                baseline = Decimal(rng.randrange(0, 60))
                target = baseline + Decimal(rng.randrange(10, 120))
                indicators.append((self.uuid(), name, unit, baseline, target))
            activity = {
                "lineage": self.uuid(),
                "priority": rng.randrange(len(priorities)),
                "order": order,
                "title": rng.choice(ACTIVITY_TITLES),
                "responsible": rng.choice(institutions),
                "cooperating": rng.choice(institutions),
                "starts": starts,
                "deadline": deadline,
                "costs": costs,
                "indicators": indicators,
            }
            self.activity(version, priorities, activity)
            plan.append(activity)
        return plan

    def activity(self, version: int, priorities: list[int], activity: dict[str, Any]) -> None:
        pk = self.add(
            Activity,
            version,
            priorities[activity["priority"]],
            activity["lineage"],
            activity["order"],
            activity["title"],
            "",
            activity["responsible"],
            activity["starts"],
            activity["deadline"],
        )
        activity["id"] = pk
        if activity["cooperating"] != activity["responsible"]:
            self.add(Cooperating, pk, activity["cooperating"])
        for (year, source), amount in activity["costs"].items():
            self.add(ActivityCost, pk, year, source, amount)
        activity["indicator_ids"] = [
            self.add(PerformanceIndicator, pk, lineage, name, unit, "", "", base, 2024, target)
            for lineage, name, unit, base, target in activity["indicators"]
        ]

    def copy_plan(self, plan: list[dict[str, Any]], version: int) -> list[dict[str, Any]]:
        """The amendment's copy of the action plan: same lineages, new rows."""
        count = 1 + max(a["priority"] for a in plan)
        priorities = [
            self.add(Priority, version, order, title, "")
            for order, title in enumerate(PRIORITIES[:count])
        ]
        for order, (title, codes) in enumerate(PROBLEMS):
            codes_json = Json(json.dumps(codes))
            self.add(Problem, version, order, title, "", "Skat. rīcības plānu.", codes_json, "")
        copies = []
        for activity in plan:
            copy = dict(activity)
            self.activity(version, priorities, copy)
            copies.append(copy)
        return copies

    def report(
        self, programme: int, activity: dict[str, Any], reporting_date: int, as_of: datetime.date
    ) -> None:
        rng = self.rng
        if activity["starts"] > as_of:
            return
        planned = sum(activity["costs"].values(), Decimal(0))
        elapsed = (as_of - activity["starts"]).days / max(
            1, (activity["deadline"] - activity["starts"]).days
        )
        status = rng.choices(
            ("in_progress", "completed", "not_started", "suspended"), (80, 8, 8, 4)
        )[0]
        if status == "completed" and activity["deadline"] > as_of and rng.random() < 0.5:
            status = "in_progress"
        spent = Decimal(0) if status == "not_started" else (
            planned * Decimal(min(1.0, elapsed * rng.uniform(0.6, 1.3)))
        ).quantize(Decimal("0.01"))  # fmt: skip
        actuals = []
        for (_lineage, _name, _unit, baseline, target), pk in zip(
            activity["indicators"], activity["indicator_ids"], strict=True
        ):
            share = Decimal(min(1.0, elapsed * rng.uniform(0.5, 1.2)))
            actuals.append((pk, (baseline + (target - baseline) * share).quantize(Decimal("1"))))
        result = explain_track(
            status=status,
            start=activity["starts"],
            deadline=activity["deadline"],
            as_of=as_of,
            planned=planned,
            spent=spent,
            paths=[
                IndicatorPath(i[3], i[4], actual)
                for i, (_pk, actual) in zip(activity["indicators"], actuals, strict=True)
            ],
            names=[i[1] for i in activity["indicators"]],
        )
        reporter = self.person(activity["responsible"], "coordinator", "social_worker")
        if reporter is None:
            return
        report = self.add(
            MonitoringReport,
            programme,
            activity["id"],
            reporting_date,
            as_of,
            status,
            spent,
            "Pasākums tiek īstenots saskaņā ar plānu.",
            result.track,
            result.reason_lv,
            result.reason_en,
            "",
            "",
            None,
            reporter,
            moment(as_of + datetime.timedelta(days=rng.randint(1, 20)), rng),
        )
        for pk, actual in actuals:
            self.add(IndicatorResult, report, pk, actual)

    def council(self, programme: int, place: Place) -> None:
        court = self.staff.first(place.id, "orphans_court")
        name = self.staff.names.get(court, "Bāriņtiesa") if court else "Bāriņtiesa"
        self.add(CouncilMember, programme, "institution", name, court, "")
        self.add(CouncilMember, programme, "ngo", "Biedrība “Ģimenes atbalsts”", None, "")
        self.add(CouncilMember, programme, "child", self.rng.choice(("Anna", "Roberts")), None,
                 self.rng.choice(("13_15", "16_17")))  # fmt: skip

    def questionnaires(self, programme: int, version: int, place: Place) -> None:
        rng = self.rng
        for audience, title in (
            ("children_13_17", "Aptauja jauniešiem"),
            ("families", "Aptauja ģimenēm"),
        ):
            questionnaire = self.add(
                Questionnaire,
                programme,
                title,
                audience,
                "Anonīma aptauja programmas izstrādei.",
                f"{rng.getrandbits(192):048x}",
                "closed",
                0,
                moment(datetime.date(2024, 10, 15), rng),
            )
            questions = []
            for order, (kind, text, options) in enumerate(QUESTIONS):
                options_json = Json(json.dumps(options, ensure_ascii=False))
                pk = self.add(Question, questionnaire, order, kind, text, options_json)
                questions.append((pk, kind, options))
            self.add(
                Involvement, version, "questionnaire", datetime.date(2024, 11, 30), title,
                None, "", questionnaire,
            )  # fmt: skip
            for _ in range(max(5, place.children // RESPONDENTS_PER_CHILDREN)):
                day = day_between(rng, datetime.date(2024, 10, 15), datetime.date(2024, 11, 30))
                response = self.add(QuestionnaireResponse, questionnaire, day)
                for pk, kind, options in questions:
                    self.answer(response, pk, kind, options)

    def answer(self, response: int, question: int, kind: str, options: list[str]) -> None:
        rng = self.rng
        if kind == "text":
            if rng.random() < 0.3:
                self.add(Answer, response, question, NO_CODES, rng.choice(SUGGESTIONS))
            return
        if kind == "scale":
            chosen = [rng.randint(1, 5)]
        elif kind == "single":
            chosen = [rng.randrange(len(options))]
        else:
            chosen = sorted(rng.sample(range(len(options)), rng.randint(1, 2)))
        self.add(Answer, response, question, Json(str(chosen)), "")


def run(ctx: Context) -> int:
    builder = ProgrammeBuilder(ctx)
    places = ctx.state["places"]
    progress = ctx.progress("programme", len(places))
    for place in places:
        builder.programme(place)
        builder.flush()
        progress.advance(1)
    progress.finish()
    return builder.written


STEP = Step("programme", run, tuple(COLUMNS), depends_on=("organisations",))
