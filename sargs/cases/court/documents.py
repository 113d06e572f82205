"""Documents of the orphan's court's work: the support record as a Word document."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from .selectors import SupportRecord


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
