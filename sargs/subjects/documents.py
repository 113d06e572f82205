"""A data subject's export as a readable document (Word, PDF) and as JSON.

Both carry the same records and say, where a field is left out, that it was and why. The
document is written in the active language (the view activates the request's language).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from sargs.core.documents import Document, Letterhead

from .selectors import SubjectExport

JSON_FORMAT = "sargs-subject-export/1"


def _person_line(export: SubjectExport) -> str:
    person = export.person
    code = person.personal_code_display if person.personal_code else ""
    born = person.birth_date.strftime("%d.%m.%Y") if person.birth_date else ""
    parts = [person.full_name, code, born and _("born %(date)s") % {"date": born}]
    return ", ".join(p for p in parts if p)


def export_document(export: SubjectExport) -> Document:
    """The export as a document: the request, then each section's records, then the reads."""
    request = export.request
    doc = Document(
        title=_("What Sargs holds about a person"),
        letterhead=Letterhead(municipality=request.municipality.name, institution=""),
        date=timezone.localdate(export.generated_at),
        personal_data=True,
    )
    doc.para(
        _(
            "Answer to a data subject's request No. %(no)s received on %(date)s. Requester: "
            "%(requester)s (%(relation)s). Basis: %(basis)s."
        )
        % {
            "no": request.pk,
            "date": request.received_on.strftime("%d.%m.%Y"),
            "requester": request.requester_name,
            "relation": request.get_requester_relation_display(),
            "basis": request.get_legal_basis_display(),
        }
    )
    doc.para(_("Person: %(person)s.") % {"person": _person_line(export)})
    doc.para(
        _("Records: %(records)s. Fields withheld: %(withheld)s.")
        % {"records": export.record_count, "withheld": export.withheld_count}
    )
    if export.withheld_reasons:
        doc.heading(_("What is withheld and why"))
        doc.bullets(list(export.withheld_reasons.values()))
    header = [_("Field"), _("Value")]
    for section in export.sections:
        doc.heading(section.title)
        if not section.records:
            doc.para(_("None."))
            continue
        for record in section.records:
            doc.heading(record.title, level=2)
            rows = [[f.label, f.text or "–"] for f in record.fields]
            rows += [[w.label, _("withheld (see why above)")] for w in record.withheld]
            doc.table([header, *rows], first_column_header=True)
    doc.heading(_("Who read or changed these records"))
    if export.audit:
        doc.table(
            [
                [_("When"), _("Action"), _("Record"), _("By")],
                *[
                    [
                        timezone.localtime(line.when).strftime("%d.%m.%Y %H:%M"),
                        line.action,
                        line.record,
                        line.actor,
                    ]
                    for line in export.audit
                ],
            ],
        )
    else:
        doc.para(_("None."))
    return doc


def export_json(export: SubjectExport) -> dict[str, Any]:
    """The export as JSON: machine-readable values, the same records, the withheld fields
    named with the reason (their values absent)."""
    request = export.request
    person = export.person
    return {
        "format": JSON_FORMAT,
        "generated_at": export.generated_at.isoformat(),
        "municipality": request.municipality.name,
        "request": {
            "id": request.pk,
            "received_on": request.received_on.isoformat(),
            "requester": request.requester_name,
            "relation": request.requester_relation,
            "legal_basis": request.legal_basis,
        },
        "person": {
            "type": person._meta.label_lower,
            "id": person.pk,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "personal_code": person.personal_code or "",
            "birth_date": person.birth_date.isoformat() if person.birth_date else None,
        },
        "sections": [
            {
                "key": section.key,
                "title": section.title,
                "records": [
                    {
                        "type": record.model,
                        "kind": record.kind,
                        "id": record.pk,
                        "fields": {f.name: f.data for f in record.fields},
                        "labels": {f.name: f.label for f in record.fields},
                        "withheld": [
                            {"field": w.name, "label": w.label, "reason": w.reason}
                            for w in record.withheld
                        ],
                    }
                    for record in section.records
                ],
            }
            for section in export.sections
        ],
        "audit": [
            {
                "when": line.when.isoformat(),
                "action": line.action,
                "record": line.record,
                "by": line.actor,
            }
            for line in export.audit
        ],
    }
