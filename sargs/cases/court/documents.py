"""Documents of the orphan's court's work: the support record for the court, through the
shared pipeline (sargs/core/documents). Always in Latvian, the language of the court: what
problems were identified, what the plan set, what support was actually given and for how
long, where the gaps are, and the court's steps and placements so far."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sargs.cases.casework.models import AreaRating, SupportArea
from sargs.core.documents import Document, Letterhead, Signer, date_text

from .models import Placement, Proceeding
from .selectors import ServiceGiven, SupportRecord
from .tasks import case_social_service

NONE = "Nav."  # under an empty section, so that the court sees it was looked at


def hours_text(hours: Decimal) -> str:
    """Hours as Latvian writes them: "2,00 h", "1 234,50 h"."""
    text = f"{hours.quantize(Decimal('0.01')):,.2f}"
    return text.replace(",", " ").replace(".", ",") + " h"


def _service_line(s: ServiceGiven) -> str:
    referral = s.referral
    line = (
        f"{referral.service.name} – {referral.provider.name}: "
        f"{date_text(referral.started_on, '…')}–{date_text(referral.ended_on, '…')}, "
        f"{hours_text(s.hours)}; {referral.get_status_display()}"
    )
    return f"{line}. {referral.outcome}" if referral.outcome else line


def _court_steps(proceeding: Proceeding) -> list[str]:
    steps = [
        _("%(date)s: matter opened (%(kind)s)")
        % {"date": date_text(proceeding.opened_on), "kind": proceeding.get_kind_display()}
    ]
    if proceeding.remedy_until is not None:
        steps.append(
            _("%(date)s: the parent warned, term to remedy until %(until)s")
            % {
                "date": date_text(proceeding.warned_on, "…"),
                "until": date_text(proceeding.remedy_until),
            }
        )
    if proceeding.decided_on is not None:
        outcome = proceeding.get_custody_outcome_display() if proceeding.custody_outcome else ""
        steps.append(
            _("%(date)s: decision No. %(number)s: %(decision)s %(outcome)s")
            % {
                "date": date_text(proceeding.decided_on),
                "number": proceeding.decision_number or "–",
                "decision": proceeding.decision,
                "outcome": outcome,
            }
        )
    for judgment in proceeding.judgments.all():
        steps.append(
            _("%(date)s: court judgment No. %(number)s (%(court)s): %(kind)s")
            % {
                "date": date_text(judgment.judged_on),
                "number": judgment.judgment_number,
                "court": judgment.court_name,
                "kind": judgment.get_kind_display(),
            }
        )
    return [s.strip() for s in steps]


def _placement_line(placement: Placement) -> str:
    return _("%(child)s: %(form)s, %(carer)s, %(start)s–%(end)s") % {
        "child": placement.child.full_name,
        "form": placement.get_form_display(),
        "carer": placement.carer_name,
        "start": date_text(placement.placed_on),
        "end": date_text(placement.ended_on, "…"),
    }


def support_record_document(record: SupportRecord, *, day: datetime.date | None = None) -> Document:
    """The support record as a document for the court (Word or PDF), in Latvian."""
    with translation.override("lv"):
        return _build(record, day)


def _build(record: SupportRecord, day: datetime.date | None) -> Document:
    case = record.case
    social_service = case_social_service(case)
    author = case.social_worker.get_full_name() if case.social_worker else ""
    doc = Document(
        title=_("Support record: %(case)s") % {"case": case},
        letterhead=Letterhead(
            municipality=case.municipality.name,
            institution=social_service.name if social_service else "",
        ),
        date=day or timezone.localdate(),
        personal_data=True,
        draft=case.is_open,
    )
    children = "; ".join(f"{c.full_name} ({date_text(c.birth_date)})" for c in case.children.all())
    doc.para(_("Children: %(names)s") % {"names": children})
    doc.para(
        _("Prepared by: %(author)s, %(institution)s.")
        % {"author": author or "–", "institution": social_service.name if social_service else "–"}
    )
    doc.para(
        _("Case opened on %(date)s; status: %(status)s.")
        % {"date": date_text(case.opened_on), "status": case.get_status_display()}
    )
    doc.heading(_("Needs and risk assessment"))
    if record.assessment is None:
        doc.para(NONE)
    else:
        doc.para(
            _("Latest needs and risk assessment: %(date)s, overall risk %(risk)s.")
            % {
                "date": date_text(record.assessment.assessed_on),
                "risk": record.assessment.get_overall_risk_display(),
            }
        )
    doc.heading(_("Problems identified and the support given"))
    if record.problems:
        rows = [[_("Problem"), _("Plan goal"), _("Services given"), _("Gap")]]
        for row in record.problems:
            rows.append(
                [
                    f"{SupportArea(row.area).label} ({AreaRating(row.rating).label})",
                    "\n".join(row.goals) or _("No plan goal"),
                    "\n".join(
                        f"{s.referral.service.name}, {hours_text(s.hours)}" for s in row.services
                    )
                    or _("No service"),
                    _("Yes") if row.is_gap else _("No"),
                ]
            )
        doc.table(rows)
    else:
        doc.para(NONE)
    doc.heading(_("Services given"))
    if record.services:
        doc.bullets([_service_line(s) for s in record.services])
    else:
        doc.para(NONE)
    doc.heading(_("Orphan's court steps"))
    steps = [
        step
        for p in case.proceedings.prefetch_related("judgments").order_by("opened_on", "pk")
        for step in _court_steps(p)
    ]
    if steps:
        doc.bullets(steps)
    else:
        doc.para(NONE)
    doc.heading(_("Out-of-family care"))
    placements = list(
        case.placements.select_related(
            "child", "foster_family", "guardian", "care_institution"
        ).order_by("placed_on", "pk")
    )
    if placements:
        doc.bullets([_placement_line(p) for p in placements])
    else:
        doc.para(NONE)
    doc.signatures(Signer(_("Responsible social worker"), author))
    return doc
