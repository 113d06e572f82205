"""Reads for case transfers: the summary handed to the receiving municipality, who may see a
transfer, and the summary as a document (docs/adr/0006)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from sargs.core.documents import Document, Letterhead
from sargs.organisations.principal import Principal
from sargs.registry.models import Child
from sargs.responsibility.models import HANDOVER_OPEN, Handover

from .access import CASE_MANAGERS
from .models import Case, RiskLevel, SupportArea
from .transfer_models import CaseTransfer


def _day(value: Any) -> str | None:
    return value.isoformat() if value else None


def transfer_summary(*, case: Case, child: Child) -> dict[str, Any]:
    """What the receiver needs to go on, as plain data kept with the transfer: the concerns,
    the latest assessment and plan, services given, court matters and placements."""
    from sargs.cases.concerns.models import Concern
    from sargs.cases.court.models import Placement, Proceeding
    from sargs.cases.referrals.models import Referral

    assessment = case.assessments.order_by("-assessed_on", "-pk").first()
    plan = case.plans.order_by("-version").prefetch_related("goals").first()
    return {
        "child": {"name": child.full_name, "birth_date": _day(child.birth_date)},
        "case_opened_on": _day(case.opened_on),
        "concerns": [
            {
                "id": c.pk,
                "date": _day(c.observed_on),
                "categories": c.categories,
                "danger": c.danger_to_life,
            }
            for c in Concern.objects.filter(case=case).order_by("observed_on", "pk")
        ],
        "assessment": None
        if assessment is None
        else {
            "id": assessment.pk,
            "date": _day(assessment.assessed_on),
            "risk": assessment.overall_risk,
            "summary": assessment.summary,
        },
        "plan": None
        if plan is None
        else {
            "version": plan.version,
            "review_on": _day(plan.review_on),
            "agreed_on": _day(plan.family_agreed_on),
            "goals": [{"area": g.area, "goal": g.goal} for g in plan.goals.all()],
        },
        "referrals": [
            {
                "id": r.pk,
                "service": str(r.service),
                "status": r.status,
                "requested_on": _day(r.requested_on),
                "started_on": _day(r.started_on),
                "ended_on": _day(r.ended_on),
            }
            for r in Referral.objects.filter(case=case).select_related("service").order_by("pk")
        ],
        "court_matters": [
            {"id": p.pk, "kind": p.kind, "status": p.status, "opened_on": _day(p.opened_on)}
            for p in Proceeding.objects.filter(case=case).order_by("opened_on", "pk")
        ],
        "placements": [
            {
                "id": p.pk,
                "form": p.form,
                "placed_on": _day(p.placed_on),
                "ended_on": _day(p.ended_on),
            }
            for p in Placement.objects.filter(case=case, child=child).order_by("placed_on", "pk")
        ],
    }


def transfers_visible(principal: Principal) -> QuerySet[CaseTransfer]:
    """Transfers from or to a municipality whose cases the principal manages."""
    mine = CASE_MANAGERS.municipalities(principal)
    return CaseTransfer.objects.filter(
        Q(from_case__municipality__in=mine) | Q(to_case__municipality__in=mine)
    ).select_related(
        "child",
        "from_case",
        "to_case",
        "handover__from_municipality",
        "handover__to_municipality",
        "transferred_by",
    )


def children_with_open_handover(children: list[Child]) -> list[Child]:
    """The children whose record another municipality is asked to take over: the registry
    opened the handover because the BTAL 67 engine makes that municipality responsible, so a
    cost claim for them has a payer (the case page offers it only for these)."""
    ids = set(
        Handover.objects.filter(child__in=children, status__in=HANDOVER_OPEN).values_list(
            "child_id", flat=True
        )
    )
    return [child for child in children if child.pk in ids]


def transfer_get(*, principal: Principal, pk: int) -> CaseTransfer:
    transfer = transfers_visible(principal).filter(pk=pk).first()
    if transfer is None:
        raise Http404
    return transfer


def is_receiver(principal: Principal, transfer: CaseTransfer) -> bool:
    return transfer.to_case.municipality_id in CASE_MANAGERS.municipalities(principal)


def _label(choices: Any, value: str) -> str:
    return str(dict(choices).get(value, value))


def _date(value: str | None) -> str:
    if not value:
        return "–"
    year, month, day = value.split("-")
    return f"{day}.{month}.{year}"


def summary_lines(summary: dict[str, Any]) -> dict[str, list[list[str]]]:
    """The summary's tables in the current language (for the page and the document)."""
    from sargs.cases.concerns.models import ConcernCategory
    from sargs.cases.court.models import CareForm, ProceedingKind, ProceedingStatus
    from sargs.cases.referrals.models import ReferralStatus

    assessment = summary.get("assessment")
    plan = summary.get("plan")
    return {
        "concerns": [
            [
                _date(c["date"]),
                ", ".join(_label(ConcernCategory.choices, k) for k in c["categories"]),
                _("yes") if c["danger"] else _("no"),
            ]
            for c in summary.get("concerns", [])
        ],
        "assessment": []
        if not assessment
        else [
            [
                _date(assessment["date"]),
                _label(RiskLevel.choices, assessment["risk"]),
                assessment["summary"],
            ]
        ],
        "plan": []
        if not plan
        else [[_label(SupportArea.choices, g["area"]), g["goal"]] for g in plan["goals"]],
        "referrals": [
            [
                r["service"],
                _label(ReferralStatus.choices, r["status"]),
                _date(r["started_on"]),
                _date(r["ended_on"]),
            ]
            for r in summary.get("referrals", [])
        ],
        "court_matters": [
            [
                _label(ProceedingKind.choices, p["kind"]),
                _label(ProceedingStatus.choices, p["status"]),
                _date(p["opened_on"]),
            ]
            for p in summary.get("court_matters", [])
        ],
        "placements": [
            [_label(CareForm.choices, p["form"]), _date(p["placed_on"]), _date(p["ended_on"])]
            for p in summary.get("placements", [])
        ],
    }


def transfer_document(transfer: CaseTransfer) -> Document:
    """The transfer summary as a document (personal data), in the current language."""
    handover = transfer.handover
    lines = summary_lines(transfer.summary)
    doc = Document(
        title=_("Case transfer summary"),
        letterhead=Letterhead(municipality=handover.from_municipality.name, institution=""),
        date=transfer.transferred_at.date(),
        personal_data=True,
    )
    child = transfer.summary.get("child", {})
    doc.para(
        _("%(child)s, born %(born)s, handed over from %(from)s to %(to)s on %(date)s.")
        % {
            "child": child.get("name", ""),
            "born": _date(child.get("birth_date")),
            "from": handover.from_municipality.name,
            "to": handover.to_municipality.name,
            "date": transfer.transferred_at.strftime("%d.%m.%Y"),
        }
    )
    sections = [
        ("concerns", _("Concerns"), [_("Date"), _("Categories"), _("Danger")]),
        ("assessment", _("Latest assessment"), [_("Date"), _("Risk"), _("Summary")]),
        ("plan", _("Current plan"), [_("Area"), _("Goal")]),
        ("referrals", _("Services given"), [_("Service"), _("Status"), _("Started"), _("Ended")]),
        ("court_matters", _("Court matters"), [_("Matter"), _("Status"), _("Opened")]),
        ("placements", _("Placements"), [_("Form of care"), _("Placed on"), _("Ended on")]),
    ]
    for key, title, header in sections:
        doc.heading(title)
        if lines[key]:
            doc.table([header, *lines[key]], caption=title)
        else:
            doc.para(_("None."))
    return doc
