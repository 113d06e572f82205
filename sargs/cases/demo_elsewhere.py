"""Demo case work across municipalities (issue 15): help given by Valmiera to a child who lives
in Smiltene, claimed from Smiltene, and a family that moved to Smiltene with its case.

- A girl from Smiltene found by the municipal police at night at Valmiera's bus station: a
  danger concern without a personal code that alerts Smiltene too; Valmiera's social service
  claims the night in the crisis centre from Smiltene (no personal code), Smiltene disputes,
  Valmiera answers with a smaller amount and the invoice; the claim waits for Smiltene.
- The Kļaviņi family, with an open case in Valmiera, declared their residence in Smiltene: the
  registry proposed a handover, Smiltene accepted it, the case went with the child (the
  transfer summary) and Valmiera's case is closed as "moved to another municipality".

Each story is added once (it is looked up by its own marker), through the services, dated
relative to today. Builds on the helpers and the cast of ``sargs.cases.demo``.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from sargs.core.documents import Document, Letterhead, Signer, to_pdf
from sargs.registry import services as registry
from sargs.registry.models import Child
from sargs.responsibility import services as responsibility
from sargs.responsibility.models import ClaimOrigin, CostBasis, CostClaim, Handover, HandoverStatus

from .casework import services as case_services
from .casework.models import SupportArea
from .concerns import services as concern_services
from .concerns.models import Concern
from .demo import DemoCast, days_ago, demo_cast, demo_child, demo_code, demo_mother, demo_report

NIGHT_CHILD = ("Līva", "Zariņa")
NIGHT_BORN = datetime.date(2013, 4, 22)
MOVED_BORN = datetime.date(2017, 10, 5)
MOVED_CODE = demo_code(MOVED_BORN, 906)
INVOICE_NO = "VSD-2026/117"


def _invoice_pdf(amount: str, nights: str) -> SimpleUploadedFile:
    """Valmiera's invoice to Smiltene, as the demo attaches it (a real PDF)."""
    doc = Document(
        title=f"Rēķins Nr. {INVOICE_NO} (demo)",
        letterhead=Letterhead(
            municipality="Valmieras novada pašvaldība",
            institution="Valmieras novada Sociālais dienests",
            details="Izdomāts demo rēķins",
        ),
        personal_data=True,
    )
    doc.para("Maksātājs: Smiltenes novada pašvaldība (BTAL 67. panta septītā daļa).")
    doc.table(
        [
            ["Pakalpojums", "Daudzums", "Summa, EUR"],
            ["Krīzes centrs: nakts un diena", nights, "96,00"],
            ["Ēdināšana", "3 reizes", "18,60"],
            ["Transports uz Smilteni", "1 brauciens", "18,00"],
            ["Kopā", "", amount],
        ]
    )
    doc.signatures(Signer("Sociālā dienesta vadītāja", "Anna Bērziņa"))
    return SimpleUploadedFile("rekins.pdf", to_pdf(doc), content_type="application/pdf")


def _help_at_night(c: DemoCast) -> int:
    """Valmiera's police find a Smiltene child at night; Valmiera claims the cost."""
    concern = concern_services.concern_report(
        actor=c.police,
        reporting_institution=c.institutions["police"],
        child_first_name=NIGHT_CHILD[0],
        child_last_name=NIGHT_CHILD[1],
        child_birth_date=NIGHT_BORN,
        categories=["abandonment", "running_away"],
        description=(
            "Meitene atrasta pulksten 1.40 naktī Valmieras autoostā bez pajumtes un siltām "
            "drēbēm; saka, ka dzīvo Smiltenē pie mātes, kura nav sasniedzama. Nogādāta krīzes "
            "centrā."
        ),
        observed_on=days_ago(6),
        place="public",
        place_detail="Valmieras autoosta",
        observed_by="Pašvaldības policijas patruļa",
        danger_to_life=True,
        residence_municipality=c.neighbour,
        residence_address="Dārza iela 5, Smiltene (izdomāta adrese)",
    )
    own_alert = concern.alerts.get(recipient=c.institutions["social"])
    concern_services.alert_acknowledge(alert=own_alert, actor=c.social)
    concern_services.concern_close(
        concern=concern,
        actor=c.social,
        reason=(
            "Bērns dzīvo Smiltenes novadā: nākamajā dienā nodots Smiltenes sociālajam "
            "dienestam; izmaksas pieprasītas no Smiltenes (BTAL 67(7))."
        ),
    )
    claim = responsibility.cost_claim_create(
        actor=c.social,
        claimant_municipality=c.town,
        child=responsibility.ClaimChild(
            first_name=NIGHT_CHILD[0],
            last_name=NIGHT_CHILD[1],
            birth_date=NIGHT_BORN,
            residence=c.neighbour,
        ),
        description="Krīzes centrs (nakts un diena), ēdināšana un transports uz Smilteni.",
        period_from=days_ago(6),
        period_to=days_ago(5),
        amount=Decimal("148.00"),
        basis=CostBasis.CARE_OR_DANGER,
        origin=ClaimOrigin.CONCERN,
        origin_id=concern.pk,
    )
    responsibility.cost_claim_dispute(
        claim=claim,
        actor=c.neighbour_social,
        reason="Lūdzam pievienot rēķinu; transporta izmaksas šķiet par lielu.",
    )
    responsibility.cost_claim_answer(
        claim=claim,
        actor=c.social,
        answer="Transports pārrēķināts pēc faktiskā nobraukuma; rēķins pievienots.",
        amount=Decimal("132.60"),
        invoice=_invoice_pdf("132,60", "1 diennakts"),
    )
    return 1


def _moved_with_case(c: DemoCast) -> int:
    """The Kļaviņi family's case in Valmiera goes with them to Smiltene."""
    household = registry.household_create(
        actor=c.social, municipality=c.town, name="Kļaviņu ģimene (demo)"
    )
    paula = demo_child(c, household, "Paula", "Kļaviņa", "female", MOVED_BORN, 906)
    mother = demo_mother(c, paula, "Agita", "Kļaviņa")
    concern = demo_report(
        c,
        c.school,
        "school",
        paula,
        categories=["neglect"],
        description="Paula bieži nav paēdusi un nāk uz skolu bez mācību piederumiem.",
        observed_on=days_ago(120),
        place="school",
        observed_by="Klases audzinātāja",
    )
    case = concern_services.concern_accept(concern=concern, actor=c.social, child=paula)
    ratings = dict.fromkeys(SupportArea.values, 0)
    ratings.update({"budget": 2, "childcare": 1, "education": 1})
    case_services.assessment_record(
        case=case,
        actor=c.social,
        assessed_on=days_ago(110),
        overall_risk="low",
        summary="Mātei parādi par īri; meklē darbu un lētāku dzīvokli pie radiem Smiltenē.",
        ratings=ratings,
    )
    case_services.plan_save(
        case=case,
        actor=c.social,
        review_on=days_ago(-30),
        goals={
            "budget": "Parādu atmaksas grafiks saskaņots ar izīrētāju.",
            "childcare": "Paulai ir siltas pusdienas skolā un pagarinātā dienas grupa.",
        },
    )
    moved_on, address = days_ago(21), "Pils iela 12, Smiltene (izdomāta adrese)"
    registry.residence_add(
        actor=c.social,
        kind="declared",
        municipality=c.neighbour,
        valid_from=moved_on,
        address=address,
        representative=mother.representative,
    )
    registry.residence_add(
        actor=c.social,
        kind="declared",
        municipality=c.neighbour,
        valid_from=moved_on,
        address=address,
        child=paula,
    )
    handover = Handover.objects.get(child=paula, status=HandoverStatus.PROPOSED)
    responsibility.handover_accept(handover=handover, actor=c.neighbour_social)
    return 1


@transaction.atomic
def load_elsewhere_demo() -> dict[str, int]:
    """Add each story across municipalities once; zeros when both are there."""
    c = demo_cast()
    claims = handovers = 0
    told = Concern.objects.filter(
        child_first_name=NIGHT_CHILD[0], child_last_name=NIGHT_CHILD[1], municipality=c.town
    ).exists()
    if not told and not CostClaim.objects.filter(child_last_name=NIGHT_CHILD[1]).exists():
        claims = _help_at_night(c)
    if not Child.objects.filter(personal_code=MOVED_CODE).exists():
        handovers = _moved_with_case(c)
    return {"cost claims": claims, "accepted handovers": handovers}
