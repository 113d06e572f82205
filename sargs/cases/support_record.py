"""The support record for the court (issue 4, part 6): per problem identified, whether the plan
covered it, which services were actually given and for how long, and the gaps. The Supreme
Court's test (domain.md §6): support must follow an individual plan covering the main problems;
fragmentary support is inadequate."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from .models import Assessment, Case, SupportArea
from .referral_models import Referral, ReferralStatus

SERVICE_GIVEN = (
    ReferralStatus.IN_PROGRESS.value,
    ReferralStatus.COMPLETED.value,
    ReferralStatus.ENDED.value,
)


@dataclass
class ServiceGiven:
    referral: Referral
    hours: Decimal


@dataclass
class ProblemRow:
    area: str
    label: str
    rating: int
    rating_label: str
    goals: list[str] = field(default_factory=list)
    services: list[ServiceGiven] = field(default_factory=list)

    @property
    def has_goal(self) -> bool:
        return bool(self.goals)

    @property
    def has_service(self) -> bool:
        return bool(self.services)

    @property
    def is_gap(self) -> bool:
        return not (self.has_goal and self.has_service)


@dataclass
class SupportRecord:
    case: Case
    assessment: Assessment | None
    problems: list[ProblemRow]
    services: list[ServiceGiven]

    @property
    def gaps(self) -> list[ProblemRow]:
        return [p for p in self.problems if p.is_gap]


def _hours(referral: Referral) -> Decimal:
    return sum((s.hours for s in referral.sessions.all()), Decimal(0))


def support_record(*, case: Case) -> SupportRecord:
    """Problems are the areas the latest assessment rated as a need; a goal counts from any
    plan version; a service counts once work began (in progress, completed or ended)."""
    assessment = case.assessments.prefetch_related("areas").order_by("-assessed_on", "-pk").first()
    labels = dict(SupportArea.choices)
    goals: dict[str, list[str]] = {}
    for plan in case.plans.prefetch_related("goals").order_by("version"):
        for goal in plan.goals.all():
            if goal.goal not in goals.setdefault(goal.area, []):
                goals[goal.area].append(goal.goal)
    given = [
        ServiceGiven(referral=r, hours=_hours(r))
        for r in case.referrals.filter(status__in=SERVICE_GIVEN)
        .select_related("service", "provider")
        .prefetch_related("sessions")
        .order_by("started_on", "pk")
    ]
    problems = []
    if assessment is not None:
        for area in sorted(assessment.areas.all(), key=lambda a: SupportArea.values.index(a.area)):
            if area.rating < 1:
                continue
            problems.append(
                ProblemRow(
                    area=area.area,
                    label=str(labels[area.area]),
                    rating=area.rating,
                    rating_label=str(area.get_rating_display()),
                    goals=goals.get(area.area, []),
                    services=[s for s in given if area.area in s.referral.areas],
                )
            )
    return SupportRecord(case=case, assessment=assessment, problems=problems, services=given)


def _date(value: object) -> str:
    return value.strftime("%d.%m.%Y") if value is not None else "…"  # type: ignore[attr-defined]


def support_record_docx(record: SupportRecord) -> bytes:
    """The record as a Word document for the court."""
    from docx import Document

    doc = Document()
    case = record.case
    doc.add_heading(_("Support record: %(case)s") % {"case": case}, level=1)
    children = "; ".join(f"{c.full_name} ({_date(c.birth_date)})" for c in case.children.all())
    doc.add_paragraph(_("Children: %(names)s") % {"names": children})
    doc.add_paragraph(
        _("Case opened on %(date)s; status: %(status)s.")
        % {"date": _date(case.opened_on), "status": case.get_status_display()}
    )
    if record.assessment is not None:
        doc.add_paragraph(
            _("Latest needs and risk assessment: %(date)s, overall risk %(risk)s.")
            % {
                "date": _date(record.assessment.assessed_on),
                "risk": record.assessment.get_overall_risk_display(),
            }
        )
    doc.add_heading(_("Problems identified and the support given"), level=2)
    table = doc.add_table(rows=1, cols=4)
    head = table.rows[0].cells
    for cell, text in zip(
        head, (_("Problem"), _("Plan goal"), _("Services given"), _("Gap")), strict=True
    ):
        cell.text = str(text)
    for row in record.problems:
        cells = table.add_row().cells
        cells[0].text = f"{row.label} ({row.rating_label})"
        cells[1].text = "\n".join(row.goals) or str(_("No plan goal"))
        cells[2].text = "\n".join(
            f"{s.referral.service.name}, {_date(s.referral.started_on)}–"
            f"{_date(s.referral.ended_on)}, {s.hours} h"
            for s in row.services
        ) or str(_("No service"))
        cells[3].text = str(_("Yes")) if row.is_gap else str(_("No"))
    doc.add_heading(_("Services given"), level=2)
    for s in record.services:
        doc.add_paragraph(
            f"{s.referral.service.name} – {s.referral.provider.name}: "
            f"{_date(s.referral.started_on)}–{_date(s.referral.ended_on)}, {s.hours} h; "
            f"{s.referral.get_status_display()}. {s.referral.outcome}",
            style="List Bullet",
        )
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
