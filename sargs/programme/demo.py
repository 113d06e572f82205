"""Demo child rights protection programme of the demo municipality: drafted by the coordinator
from the latest frozen assessment (sargs/assessment/demo.py), with the strategic part in
Latvian, two problems, two priorities, four activities with costs by funding source and
performance indicators, a questionnaire for children 13–17 whose answers are summarised into
the draft, the council's approval, a monitoring council, the reporting calendar and one
monitoring report per activity, each made by the responsible institution's own staff.

The programme covers this year and the next two (2026–2028 when loaded in 2026). Every write
goes through the programme services. Invented names only; a child on the monitoring council
is recorded by first name and age group. Safe to run again: when the programme exists
nothing is added.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from sargs.organisations.demo import DEMO_MUNICIPALITY
from sargs.organisations.models import Institution, Municipality, User
from sargs.organisations.roles import InstitutionType as T

from . import questionnaire_services, selectors, services
from .models import (
    Activity,
    ActivityStatus,
    Audience,
    FundingSource,
    IndicatorUnit,
    InvolvementKind,
    MemberKind,
    Priority,
    Programme,
    ProgrammeVersion,
    QuestionKind,
    QuestionnaireStatus,
)

TITLE = "Valmieras novada bērnu tiesību aizsardzības programma"
DECISION_NUMBER = "Nr. 412 (protokols Nr. 14, 27. §)"
APPROVED_DAYS_AGO = 75

SECTIONS = {
    "legal_basis": (
        "Bērnu tiesību aizsardzības likuma 66. pants: pašvaldība analizē bērnu tiesību "
        "aizsardzības situāciju savā teritorijā, izstrādā un īsteno bērnu tiesību aizsardzības "
        "programmu. Ministru kabineta noteikumi Nr. 545 par sadarbības grupām; Valmieras novada "
        "attīstības programma."
    ),
    "drafting_groups": (
        "Programmu izstrādāja darba grupa, ko vadīja bērnu tiesību aizsardzības koordinatore: "
        "Sociālais dienests, bāriņtiesa, Izglītības pārvalde, pašvaldības policija, "
        "Valmieras 2. vidusskola un biedrība \u201cĢimenes atbalsta centrs Vidzeme\u201d. "
        "Viedokli pauda arī bērni un jaunieši anketā un skolēnu pašpārvalžu diskusijā."
    ),
    "target_groups": (
        "Novada bērni vecumā no 0 līdz 17 gadiem un viņu ģimenes, īpaši ģimenes ar bērniem, "
        "kurām nepieciešams sociālais atbalsts; bērni ārpusģimenes aprūpē; skolēni ar "
        "neattaisnotiem kavējumiem; speciālisti, kas strādā ar bērniem."
    ),
    "situation_summary": (
        "Kopumā bērnu tiesību aizsardzības situācija novadā ir stabila. Ārpusģimenes aprūpē "
        "esošo bērnu skaits nedaudz samazinās, un arvien vairāk bērnu aug ģimeniskā vidē. "
        "Tomēr pieaug neattaisnoto skolas kavējumu skaits, un audžuģimeņu joprojām ir par maz, "
        "lai visi bērni, kam nepieciešama ārpusģimenes aprūpe, varētu augt ģimenē."
    ),
    "institutional_model": (
        "Bērnu tiesību aizsardzību novadā koordinē bērnu tiesību aizsardzības koordinatore "
        "pašvaldības administrācijā. Gadījumus vada Sociālais dienests; bāriņtiesa lemj par "
        "aizgādības tiesībām un ārpusģimenes aprūpi; izglītības iestādes un policija ziņo par "
        "bažām. Starpinstitūciju sadarbību nodrošina novada sadarbības grupa."
    ),
}
COMMENTS = {
    "1": "Neattaisnoto kavējumu skaits otrajā semestrī ir lielāks nekā pirmajā; problēma "
    "koncentrējas pamatskolas vecākajās klasēs.",
    "2": "Sociālos pakalpojumus saņemošo ģimeņu skaits ir stabils.",
    "5": "Audžuģimeņu skaits nav pietiekams; nepieciešams turpināt to piesaisti.",
}


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
        "ngo": T.SERVICE_PROVIDER,
    }
    institutions = {
        key: Institution.objects.filter(municipality=town, type=kind).order_by("pk").first()
        for key, kind in kinds.items()
    }
    names = ("koordinators", "socialais", "izglitiba", "pakalpojumi", "policija")
    users = {u.username: u for u in User.objects.filter(username__in=names)}
    missing = [k for k, v in institutions.items() if v is None] + sorted(set(names) - set(users))
    if missing:
        raise ValueError(f"load the demo organisations first (missing: {', '.join(missing)})")
    return _Cast(town=town, users=users, institutions=institutions)  # type: ignore[arg-type]


def _strategic_part(c: _Cast, version: ProgrammeVersion) -> list[Priority]:
    actor = c.users["koordinators"]
    services.version_update(
        actor=actor,
        version=version,
        situation_comments=COMMENTS,
        legal_basis=SECTIONS["legal_basis"],
        drafting_groups=SECTIONS["drafting_groups"],
        target_groups=SECTIONS["target_groups"],
        situation_summary=SECTIONS["situation_summary"],
        institutional_model=SECTIONS["institutional_model"],
    )
    services.problem_save(
        actor=actor,
        version=version,
        title="Pieaug neattaisnoto skolas kavējumu skaits",
        description="Kavējumi bieži ir pirmā pazīme, ka ģimenē trūkst atbalsta vai bērnu "
        "uzraudzības.",
        solution="Agrīna sadarbība starp skolu, sociālo dienestu un ģimeni.",
        indicator_codes=["E2", "E1"],
    )
    services.problem_save(
        actor=actor,
        version=version,
        title="Nepietiek audžuģimeņu",
        description="Krīzes situācijās bērnus nākas ievietot institūcijā vai citā novadā.",
        solution="Audžuģimeņu piesaiste un atbalsts; ģimenes asistenta pakalpojums.",
        indicator_codes=["F4", "F3"],
    )
    family = services.priority_save(
        actor=actor,
        version=version,
        title="Agrīns atbalsts ģimenēm ar bērniem",
        description="Palīdzēt ģimenēm, pirms bērna tiesības tiek apdraudētas.",
    )
    school = services.priority_save(
        actor=actor,
        version=version,
        title="Droša un iekļaujoša izglītības vide",
        description="Mazināt kavējumus un vardarbību skolās; stiprināt bērnu līdzdalību.",
    )
    services.involvement_add(
        actor=actor,
        version=version,
        kind=InvolvementKind.WORKING_GROUP,
        participants="Programmas izstrādes darba grupa (7 institūciju pārstāvji)",
        participant_count=9,
        held_on=timezone.localdate() - datetime.timedelta(days=APPROVED_DAYS_AGO + 40),
        summary="Trīs darba grupas sanāksmēs apspriesta situācija un rīcības plāns.",
    )
    return [family, school]


def _money(amount: int) -> Decimal:
    return Decimal(amount).quantize(Decimal("0.01"))


def _activities(c: _Cast, version: ProgrammeVersion, priorities: list[Priority]) -> list[Activity]:
    actor = c.users["koordinators"]
    programme = version.programme
    first, last = programme.start_year, programme.end_year
    years = programme.years
    family, school = priorities
    specs = [
        (
            family,
            "Ģimenes asistenta pakalpojuma paplašināšana",
            "Vēl divi ģimenes asistenti; pakalpojums pieejams arī vakaros.",
            "ngo",
            ["social"],
            {(y, FundingSource.EXISTING): 18_000 for y in years}
            | {(y, FundingSource.MUNICIPAL): 12_000 for y in years},
        ),
        (
            family,
            "Audžuģimeņu piesaistes kampaņa un atbalsta grupa",
            "Informatīvi pasākumi, mācības un supervīzijas audžuģimenēm.",
            "social",
            ["court"],
            {(y, FundingSource.EXISTING): 4_500 for y in years}
            | {(first, FundingSource.STATE): 6_000},
        ),
        (
            school,
            "Agrīnās brīdināšanas sistēma neattaisnotu kavējumu gadījumiem",
            "Skolas ziņo Sargs sistēmā pēc 10 neattaisnotām stundām; sociālais pedagogs "
            "sazinās ar ģimeni nedēļas laikā.",
            "eduboard",
            ["social"],
            {(y, FundingSource.EXISTING): 2_000 for y in years},
        ),
        (
            school,
            "Vardarbības profilakses nodarbības skolās",
            "Programmas \u201cDroša skola\u201d nodarbības 5.–9. klasēm.",
            "mpolice",
            ["eduboard"],
            {(y, FundingSource.EU): 7_500 for y in years} | {(last, FundingSource.EXISTING): 1_500},
        ),
    ]
    activities = []
    for priority, title, description, responsible, cooperating, costs in specs:
        activities.append(
            services.activity_save(
                actor=actor,
                version=version,
                priority=priority,
                title=title,
                description=description,
                responsible=c.institutions[responsible],
                cooperating=[c.institutions[k] for k in cooperating],
                starts_on=datetime.date(first, 1, 1),
                deadline=datetime.date(last, 12, 31),
                costs={key: _money(amount) for key, amount in costs.items()},
            )
        )
    return activities


def _indicators(c: _Cast, activities: list[Activity]) -> None:
    actor = c.users["koordinators"]
    assistant, foster, absence, violence = activities
    services.indicator_add(
        actor=actor,
        activity=assistant,
        name="Ģimenes, kas saņem ģimenes asistenta pakalpojumu gadā",
        unit=IndicatorUnit.FAMILIES,
        baseline=Decimal(24),
        target=Decimal(40),
    )
    services.indicator_add(
        actor=actor,
        activity=foster,
        name="Audžuģimeņu skaits novadā",
        unit=IndicatorUnit.FAMILIES,
        indicator_code="F4",
        cell="families",  # the baseline comes from the assessment
        target=Decimal(24),
    )
    services.indicator_add(
        actor=actor,
        activity=absence,
        name="Skolēni ar vairāk nekā 20 neattaisnoti kavētām stundām semestrī",
        unit=IndicatorUnit.CHILDREN,
        indicator_code="E2",
        cell="pupils",
        target=Decimal(120),
    )
    services.indicator_add(
        actor=actor,
        activity=violence,
        name="Profilakses nodarbību dalībnieki gadā",
        unit=IndicatorUnit.PARTICIPANTS,
        baseline=Decimal(310),
        target=Decimal(600),
    )


QUESTIONS = [
    (QuestionKind.SCALE, "Cik droši tu jūties savā skolā? (1 – nemaz, 5 – ļoti droši)", []),
    (
        QuestionKind.SINGLE,
        "Vai tu zini, pie kā vērsties, ja tev vai draugam vajadzīga palīdzība?",
        ["Jā", "Nē", "Neesmu pārliecināts"],
    ),
    (
        QuestionKind.MULTIPLE,
        "Kas novadā bērniem un jauniešiem pietrūkst visvairāk?",
        ["Brīvā laika iespējas", "Psihologa atbalsts", "Drošas vietas pēc skolas", "Cits"],
    ),
    (QuestionKind.TEXT, "Ko tu ieteiktu pašvaldībai darīt citādi?", []),
]
ANSWERS = [
    (4, 0, [0, 1], "Vairāk pulciņu vakaros."),
    (3, 2, [1], ""),
    (5, 0, [0, 2], "Jauniešu centrs arī brīvdienās."),
    (2, 1, [2], "Lai skolā vienmēr būtu psihologs."),
    (4, 0, [0], ""),
    (3, 0, [1, 2], "Apgaismojums ceļā uz skolu."),
]


def _questionnaire(c: _Cast, version: ProgrammeVersion) -> None:
    """Open for answers by its public link; the first answers summarised into the draft."""
    actor = c.users["koordinators"]
    questionnaire = questionnaire_services.questionnaire_create(
        actor=actor,
        programme=version.programme,
        title="Tavs viedoklis par bērnu tiesībām novadā",
        audience=Audience.CHILDREN_13_17,
        introduction="Anketa ir anonīma: mēs nejautājam tavu vārdu, un atbildes redzam tikai "
        "kopā. Tā aizņems piecas minūtes.",
    )
    questions = [
        questionnaire_services.question_add(
            actor=actor, questionnaire=questionnaire, kind=kind, text=text, options=options
        )
        for kind, text, options in QUESTIONS
    ]
    questionnaire_services.questionnaire_set_status(
        actor=actor, questionnaire=questionnaire, status=QuestionnaireStatus.OPEN
    )
    for answer in ANSWERS:
        questionnaire_services.questionnaire_answer(
            questionnaire=questionnaire,
            answers={q.pk: value for q, value in zip(questions, answer, strict=True)},
        )
    questionnaire_services.questionnaire_summarise(
        actor=actor, questionnaire=questionnaire, version=version
    )


def _monitoring(c: _Cast, programme: Programme, activities: list[Activity]) -> None:
    """Who monitors, the monitoring council, the calendar, and a report per activity made by
    the responsible institution's staff."""
    actor = c.users["koordinators"]
    services.monitoring_update(
        actor=actor,
        programme=programme,
        monitoring_official="Ilze Kalniņa, bērnu tiesību aizsardzības koordinatore",
        monitoring_unit=c.institutions["admin"],
        reports_per_year=2,
    )
    services.council_member_add(
        actor=actor,
        programme=programme,
        kind=MemberKind.INSTITUTION,
        name="Sociālā dienesta vadītāja",
        institution=c.institutions["social"],
    )
    services.council_member_add(
        actor=actor, programme=programme, kind=MemberKind.NGO, name="Vidzemes jauniešu biedrība"
    )
    services.council_member_add(
        actor=actor, programme=programme, kind=MemberKind.CHILD, name="Keita", age_group="16_17"
    )
    services.reporting_calendar_fill(actor=actor, programme=programme)
    today = timezone.localdate()
    # (reporter, status, money spent, actual per indicator, what was done)
    reports: list[tuple[str, str, int, list[Decimal | None], str]] = [
        (
            "pakalpojumi",
            ActivityStatus.IN_PROGRESS,
            21_400,
            [Decimal(31)],
            "Pieņemts darbā "
            "viens papildu ģimenes asistents; pakalpojums pieejams līdz plkst. 20.00.",
        ),
        (
            "socialais",
            ActivityStatus.IN_PROGRESS,
            5_200,
            [None],
            "Divi informatīvie pasākumi; trīs ģimenes sākušas audžuģimeņu apmācību.",
        ),
        (
            "izglitiba",
            ActivityStatus.IN_PROGRESS,
            900,
            [Decimal(165)],
            "Kārtība saskaņota ar visām skolām; skolas ziņo par kavējumiem Sargs sistēmā.",
        ),
        (
            "policija",
            ActivityStatus.NOT_STARTED,
            0,
            [None],
            "Nodarbības sāksies pēc ES projekta līguma noslēgšanas.",
        ),
    ]
    for activity, (username, status, spent, actuals, narrative) in zip(
        activities, reports, strict=True
    ):
        indicators = list(activity.indicators.all())
        services.monitoring_report_create(
            actor=c.users[username],
            activity=activity,
            as_of=today,
            status=status,
            spent=_money(spent),
            narrative=narrative,
            actuals={
                i.pk: value
                for i, value in zip(indicators, actuals, strict=True)
                if value is not None
            },
        )


@transaction.atomic
def load_programme_demo() -> dict[str, int]:
    """Add the demo programme once; returns what was added (zeros when already loaded)."""
    c = _cast()
    if Programme.objects.filter(municipality=c.town, title=TITLE).exists():
        return {"programmes": 0, "activities": 0}
    assessment = selectors.latest_frozen_assessment(c.town)
    if assessment is None:
        raise ValueError("load the assessment demo first (no frozen assessment)")
    this_year = timezone.localdate().year
    actor = c.users["koordinators"]
    programme = services.programme_create(
        actor=actor,
        municipality=c.town,
        title=TITLE,
        start_year=this_year,
        end_year=this_year + 2,
        assessment=assessment,
    )
    version = programme.versions.get()
    priorities = _strategic_part(c, version)
    activities = _activities(c, version, priorities)
    _indicators(c, activities)
    _questionnaire(c, version)
    services.version_approve(
        actor=actor,
        version=version,
        decision_number=DECISION_NUMBER,
        decision_date=timezone.localdate() - datetime.timedelta(days=APPROVED_DAYS_AGO),
    )
    _monitoring(c, programme, activities)
    return {"programmes": 1, "activities": len(activities)}


# Found by `manage.py demo_data` (sargs.core.demo), after the apps below this one.
DEMO_PARTS = [("programme", load_programme_demo)]
