"""Demo case work for the demo municipality (sargs/organisations/demo.py): concerns from a
school and the police, a family's case with assessment, plan, tasks, a family assistant and an
orphan's court matter, an emergency placement, a case closed with the child kept in the family,
and a handover and cost claim with the neighbouring municipality.

Every name and personal code is invented. Everything goes through the services (so the audit
trail, the rules and the timeline are as in real use), dated relative to today. Safe to run
again: when the demo families are already registered nothing is added.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from sargs.organisations.demo import DEMO_MUNICIPALITY, NEIGHBOUR_MUNICIPALITY
from sargs.organisations.models import Institution, Municipality, User
from sargs.organisations.roles import InstitutionType as T
from sargs.registry import personal_codes
from sargs.registry import services as registry
from sargs.registry.models import Child, ChildRepresentative
from sargs.responsibility import services as responsibility
from sargs.services import services as catalogue
from sargs.services.models import MunicipalService, ProviderContract, ServiceType

from .casework import services as case_services
from .casework.models import Case, SupportArea
from .concerns import services as concern_services
from .concerns.models import Concern
from .court import services as court_services
from .court.models import FosterFamily
from .court.register import foster_family_register
from .referrals import services as referral_services


def demo_code(born: datetime.date, serial: int) -> str:
    """A fictional old-format personal code for ``born`` that the registry accepts."""
    for number in range(serial, serial + 50):
        code = personal_codes.old_format_code(born, number)
        if code is not None:
            return code
    raise ValueError("no valid code")  # pragma: no cover


@dataclass
class DemoCast:
    """The demo municipality's people and institutions the case work needs."""

    town: Municipality
    neighbour: Municipality
    social: User
    court: User
    school: User
    police: User
    coordinator: User
    provider_staff: User
    neighbour_social: User
    institutions: dict[str, Institution]


def demo_cast() -> DemoCast:
    town = Municipality.objects.get(atvk=DEMO_MUNICIPALITY)
    neighbour = Municipality.objects.get(atvk=NEIGHBOUR_MUNICIPALITY)
    institutions = {
        key: Institution.objects.filter(municipality=town, type=kind).order_by("pk").first()
        for key, kind in (
            ("social", T.SOCIAL_SERVICE),
            ("court", T.ORPHANS_COURT),
            ("school", T.SCHOOL),
            ("police", T.MUNICIPAL_POLICE),
            ("provider", T.SERVICE_PROVIDER),
        )
    }
    missing = [key for key, value in institutions.items() if value is None]
    if missing:
        raise ValueError(f"load the demo organisations first (missing: {', '.join(missing)})")
    users = {u.username: u for u in User.objects.filter(username__in=USERNAMES)}
    return DemoCast(
        town=town,
        neighbour=neighbour,
        social=users["socialais"],
        court=users["barintiesa"],
        school=users["skola"],
        police=users["policija"],
        coordinator=users["koordinators"],
        provider_staff=users["pakalpojumi"],
        neighbour_social=users["smiltene"],
        institutions=institutions,  # type: ignore[arg-type]
    )


USERNAMES = (
    "socialais",
    "barintiesa",
    "skola",
    "policija",
    "koordinators",
    "pakalpojumi",
    "smiltene",
)
# The first demo child's code marks the demo as loaded.
MARTA_BORN = datetime.date(2016, 9, 14)
MARKER_CODE = demo_code(MARTA_BORN, 901)


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def demo_child(
    c: DemoCast,
    household: object,
    first: str,
    last: str,
    sex: str,
    born: datetime.date,
    serial: int,
) -> Child:
    return registry.child_create(
        actor=c.social,
        municipality=c.town,
        first_name=first,
        last_name=last,
        sex=sex,
        birth_date=born,
        personal_code=demo_code(born, serial),
        household=household,  # type: ignore[arg-type]
        school=c.institutions["school"],
        declared_municipality=c.town,
        declared_address="Rīgas iela 1, Valmiera (izdomāta adrese)",
        declared_from=born,
        confirm_likely_duplicate=True,
    )


def demo_mother(c: DemoCast, child: Child, first: str, last: str) -> ChildRepresentative:
    return registry.representative_add(
        actor=c.social,
        child=child,
        role="mother",
        first_name=first,
        last_name=last,
        lives_with_child=True,
    )


def demo_report(
    c: DemoCast, user: User, institution: str, child: Child, **values: object
) -> Concern:
    return concern_services.concern_report(
        actor=user,
        reporting_institution=c.institutions[institution],
        child_first_name=child.first_name,
        child_last_name=child.last_name,
        child_birth_date=child.birth_date,
        child_personal_code=child.personal_code or "",
        **values,  # type: ignore[arg-type]
    )


def _family_assistant(c: DemoCast) -> tuple[MunicipalService, ProviderContract]:
    service = MunicipalService.objects.filter(
        municipality=c.town, service_type__code="family-assistant"
    ).first()
    if service is None:
        service = catalogue.municipal_service_create(
            actor=c.coordinator,
            municipality=c.town,
            service_type=ServiceType.objects.get(code="family-assistant"),
            referring_roles=["social_worker"],
        )
    contract = ProviderContract.objects.filter(
        service=service, provider=c.institutions["provider"]
    ).first()
    if contract is None:
        contract = catalogue.provider_contract_create(
            actor=c.coordinator,
            service=service,
            provider=c.institutions["provider"],
            valid_from=days_ago(365),
            unit="hour",
            unit_price=Decimal("14.50"),
            capacity=12,
            reference="Līgums Nr. DEMO-1/2026",
        )
    return service, contract


def _ozolini(c: DemoCast) -> Case:
    """The school's concern → assessment, plan, tasks, a family assistant, a court matter."""
    household = registry.household_create(
        actor=c.social, municipality=c.town, name="Ozoliņu ģimene (demo)"
    )
    marta = demo_child(c, household, "Marta", "Ozoliņa", "female", MARTA_BORN, 901)
    roberts = demo_child(c, household, "Roberts", "Ozoliņš", "male", datetime.date(2019, 2, 3), 902)
    demo_mother(c, marta, "Sandra", "Ozoliņa")
    demo_mother(c, roberts, "Sandra", "Ozoliņa")
    concern = demo_report(
        c,
        c.school,
        "school",
        marta,
        categories=["neglect", "school_absence"],
        description="Marta bieži nāk uz skolu izsalkusi; šajā semestrī 24 neattaisnoti kavējumi.",
        observed_on=days_ago(75),
        place="school",
        observed_by="Klases audzinātāja",
    )
    case = concern_services.concern_accept(concern=concern, actor=c.social, child=marta)
    brother = demo_report(
        c,
        c.school,
        "school",
        roberts,
        categories=["neglect"],
        description="Martas brālis Roberts vakaros gaida māsu pie skolas līdz tumsai.",
        observed_on=days_ago(72),
        place="school",
        observed_by="Skolas dežurants",
    )
    concern_services.concern_accept(
        concern=brother, actor=c.social, child=roberts
    )  # joins the case
    case_services.case_participant_add(
        case=case, actor=c.social, institution=c.institutions["court"], role="court"
    )
    ratings = dict.fromkeys(SupportArea.values, 0)
    ratings.update({"budget": 2, "employment": 2, "childcare": 2, "education": 1, "housing": 1})
    case_services.assessment_record(
        case=case,
        actor=c.social,
        assessed_on=days_ago(68),
        overall_risk="medium",
        summary="Mātei trūkst ienākumu un atbalsta; bērni bez uzraudzības pēcpusdienās.",
        ratings=ratings,
    )
    plan = case_services.plan_save(
        case=case,
        actor=c.social,
        review_on=days_ago(-60),
        goals={
            "budget": "Ģimenes budžets sastādīts un ievērots trīs mēnešus.",
            "employment": "Māte reģistrējas NVA un apmeklē karjeras konsultācijas.",
            "childcare": "Bērniem ir pēcpusdienas uzraudzība un regulāras maltītes.",
        },
    )
    case_services.plan_record_agreement(
        plan=plan, actor=c.social, agreed_on=days_ago(0), note="Māte plānu parakstīja."
    )
    case_services.task_create(
        case=case,
        actor=c.social,
        title="Sekot Martas skolas apmeklējumam un ziņot katru mēnesi",
        institution=c.institutions["school"],
        working_days=15,
        area="education",
    )
    case_services.task_create(
        case=case,
        actor=c.social,
        title="Palīdzēt mātei pieteikties trūcīgas ģimenes statusam",
        institution=c.institutions["social"],
        working_days=5,
        area="budget",
    )
    service, contract = _family_assistant(c)
    referral = referral_services.referral_create(
        case=case,
        actor=c.social,
        service=service,
        contract=contract,
        planned_from=days_ago(55),
        planned_to=days_ago(-120),
        planned_hours=Decimal("60"),
        areas=["budget", "childcare"],
        shared_note="Māte viena ar diviem bērniem; strādā maiņās.",
    )
    referral_services.referral_accept(referral=referral, actor=c.provider_staff)
    referral_services.referral_start(
        referral=referral, actor=c.provider_staff, started_on=days_ago(50)
    )
    for days, hours, note in (
        (45, "3", "Kopā sastādījām mēneša budžetu."),
        (31, "2.5", "Ēdienkarte nedēļai; iepirkšanās kopā."),
        (17, "3", "Sarunas ar bērniem par dienas režīmu."),
        (3, "2", "Budžets ievērots otro mēnesi."),
    ):
        referral_services.referral_session_add(
            referral=referral,
            actor=c.provider_staff,
            held_on=days_ago(days),
            hours=Decimal(hours),
            areas=["budget", "childcare"],
            note=note,
        )
    court_services.preventive_talk_record(
        case=case,
        actor=c.court,
        court=c.institutions["court"],
        held_on=days_ago(40),
        participants="Sandra Ozoliņa (māte), bāriņtiesas loceklis, sociālā darbiniece",
        discussed="Bērnu uzraudzība pēcpusdienās un skolas kavējumi.",
        next_steps="Māte sadarbojas ar ģimenes asistentu; tikšanās pēc diviem mēnešiem.",
    )
    matter = court_services.proceeding_open(
        case=case,
        actor=c.court,
        court=c.institutions["court"],
        kind="other",
        grounds="Bērnu aprūpes un uzraudzības trūkums (skolas ziņojums).",
        opened_on=days_ago(20),
    )
    court_services.proceeding_set_remedy_term(
        proceeding=matter, actor=c.court, remedy_until=matter.decision_due
    )
    return case


# The orphan's court's foster family register: (family, kind, places, registered years ago).
FOSTER_FAMILIES = (
    ("Liepiņu audžuģimene (demo)", "ordinary", 3, 6),
    ("Bērziņu specializētā audžuģimene (demo)", "specialised", 2, 4),
    ("Krīzes audžuģimene Priedes (demo)", "crisis", 2, 3),
)


def _foster_families(c: DemoCast) -> dict[str, FosterFamily]:
    """The court's register; the crisis family takes the Sproģi child."""
    return {
        kind: foster_family_register(
            actor=c.court,
            court=c.institutions["court"],
            name=name,
            kind=kind,
            places=places,
            registered_on=days_ago(365 * years),
        )
        for name, kind, places, years in FOSTER_FAMILIES
    }


def _kalnini(c: DemoCast) -> Case:
    """The police's concern about a boy who ran away; support worked, the case is closed."""
    household = registry.household_create(
        actor=c.social, municipality=c.town, name="Kalniņu ģimene (demo)"
    )
    emils = demo_child(c, household, "Emīls", "Kalniņš", "male", datetime.date(2012, 5, 21), 903)
    demo_mother(c, emils, "Inga", "Kalniņa")
    concern = demo_report(
        c,
        c.police,
        "police",
        emils,
        categories=["running_away", "substance_use"],
        description="Zēns atrasts naktī autoostā, smēķēja; mājās neatgriezās divas dienas.",
        observed_on=days_ago(200),
        place="public",
        observed_by="Patruļas policisti",
    )
    case = concern_services.concern_accept(concern=concern, actor=c.social, child=emils)
    case_services.assessment_record(
        case=case,
        actor=c.social,
        assessed_on=days_ago(190),
        overall_risk="low",
        summary="Konflikti ar māti pēc pārcelšanās; brīvā laika trūkums.",
        ratings={**dict.fromkeys(SupportArea.values, 0), "social_skills": 2, "childcare": 1},
    )
    task = case_services.task_create(
        case=case,
        actor=c.social,
        title="Pieteikt Emīlu jauniešu centra pulciņam",
        institution=c.institutions["social"],
        working_days=10,
        area="social_skills",
    )
    case_services.task_complete(
        task=task, actor=c.social, result="Apmeklē basketbolu 3 reizes nedēļā."
    )
    case_services.case_close(
        case=case,
        actor=c.social,
        outcome="stayed_in_family",
        note="Pusgadu bez bēgšanas gadījumiem; attiecības ar māti uzlabojušās.",
    )
    return case


def _sprogi(c: DemoCast) -> Case:
    """Danger reported by the police at night: emergency placement in a crisis foster family."""
    household = registry.household_create(
        actor=c.social, municipality=c.town, name="Sproģu ģimene (demo)"
    )
    elza = demo_child(c, household, "Elza", "Sproģe", "female", datetime.date(2021, 11, 8), 904)
    demo_mother(c, elza, "Dace", "Sproģe")
    concern = demo_report(
        c,
        c.police,
        "police",
        elza,
        categories=["abandonment", "dangerous_dwelling"],
        description="Bērns naktī viens dzīvoklī bez apkures; māte nav sasniedzama.",
        observed_on=days_ago(12),
        place="home",
        observed_by="Pašvaldības policija",
        danger_to_life=True,
    )
    case = concern_services.concern_accept(concern=concern, actor=c.social, child=elza)
    court_services.placement_start(
        case=case,
        actor=c.court,
        child=elza,
        form="crisis_foster",
        foster_family=_foster_families(c)["crisis"],
        child_opinion="Bērns 4 gadus vecs; uzklausīts, raud pēc mammas, audžuģimenē nomierinājās.",
        siblings_note="Brāļu un māsu nav.",
        placed_on=days_ago(11),
    )
    return case


def _between_municipalities(c: DemoCast) -> int:
    """A family moving to the neighbour (a handover is proposed by the registry's rules) and
    the neighbour's cost claim for a crisis team's help to a Valmiera child."""
    household = registry.household_create(
        actor=c.social, municipality=c.town, name="Liepiņu ģimene (demo)"
    )
    born = datetime.date(2014, 7, 30)
    toms = demo_child(c, household, "Toms", "Liepiņš", "male", born, 905)
    mother = demo_mother(c, toms, "Liene", "Liepiņa")
    registry.residence_add(
        actor=c.social,
        kind="declared",
        municipality=c.neighbour,
        valid_from=days_ago(9),
        representative=mother.representative,
    )
    registry.residence_add(
        actor=c.social,
        kind="declared",
        municipality=c.neighbour,
        valid_from=days_ago(9),
        child=toms,
    )
    responsibility.cost_claim_create(
        actor=c.neighbour_social,
        claimant_municipality=c.neighbour,
        child=responsibility.ClaimChild(
            first_name=toms.first_name,
            last_name=toms.last_name,
            birth_date=toms.birth_date,
            personal_code=toms.personal_code or "",
            residence=c.town,
        ),
        description="Krīzes intervences komandas izbraukums pie bērna nedēļas nogalē.",
        period_from=days_ago(30),
        period_to=days_ago(28),
        amount=Decimal("186.40"),
        basis="BTAL 67(7)",
    )
    return 1


def _new_concern(c: DemoCast) -> None:
    """A concern still waiting for triage (no registry child yet)."""
    concern_services.concern_report(
        actor=c.school,
        reporting_institution=c.institutions["school"],
        child_first_name="Kārlis",
        child_last_name="Bērziņš",
        child_birth_date=datetime.date(2013, 1, 17),
        categories=["behaviour", "parents_conflict"],
        description="Stundās agresīvs; stāsta, ka mājās vecāki nemitīgi strīdas.",
        observed_on=days_ago(1),
        place="school",
        observed_by="Skolas sociālais pedagogs",
    )


@transaction.atomic
def load_case_demo() -> dict[str, int]:
    """Add the demo case work once; returns what was added (zeros when already loaded)."""
    if Child.objects.filter(personal_code=MARKER_CODE).exists():
        return {"cases": 0, "concerns": 0}
    c = demo_cast()
    cases = [_ozolini(c), _kalnini(c), _sprogi(c)]
    _between_municipalities(c)
    _new_concern(c)
    return {"cases": len(cases), "concerns": 5}


def _other_municipality() -> dict[str, int]:
    """The stories across municipalities (demo_elsewhere.py); imported here because that
    module builds on the helpers above."""
    from .demo_elsewhere import load_elsewhere_demo

    return load_elsewhere_demo()


# Found by `manage.py demo_data` (sargs.core.demo), after the apps below this one.
DEMO_PARTS = [("case work", load_case_demo), ("other municipality", _other_municipality)]
