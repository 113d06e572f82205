"""Reads for data subjects' requests, and the export of everything Sargs holds about a person.

The export is read through each app's own selectors (``records_about_child`` and its kin):
this app never queries another app's tables by itself. Every record is written out field by
field, in the reader's language; the fields ``settings.SUBJECT_EXPORT_WITHHELD`` names are left
out with the reason stated, and so is the name of a withheld person where an audit entry would
show them reading the record. Nothing here writes: the view records the export as a read.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import BinaryField, Count, Model, QuerySet
from django.db.models.fields import Field as ModelField
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sargs.audit.subjects import RecordRef, entries_about
from sargs.cases.casework.selectors import case_ids_of_child, casework_records_about_child
from sargs.cases.concerns.selectors import concern_records_about_child
from sargs.cases.court.selectors import court_records_about
from sargs.cases.npais.selectors import npais_records_about
from sargs.cases.police.selectors import police_records_about_cases
from sargs.cases.referrals.selectors import referral_records_about_cases
from sargs.cooperation.selectors import cooperation_records_about_cases
from sargs.core.terms import SUBJECT_REQUEST_ANSWER_MONTHS, add_months
from sargs.organisations.principal import Principal
from sargs.registry.models import Child, ChildRepresentative, LegalRepresentative
from sargs.registry.selectors import records_about_child, records_about_representative
from sargs.responsibility.selectors import responsibility_records_about_child

from .access import request_policy
from .models import Correction, RequestPerson, RequestStatus, SubjectRequest

Person = Child | LegalRepresentative

# --- Requests ---------------------------------------------------------------------------------


def answer_due(request: SubjectRequest) -> datetime.date:
    """The day the answer is due: one month after receipt (GDPR art. 12(3))."""
    return add_months(request.received_on, SUBJECT_REQUEST_ANSWER_MONTHS.value)


def request_list(*, principal: Principal, status: str = "") -> QuerySet[SubjectRequest]:
    """Requests of the principal's municipalities, newest first, with their people counted."""
    qs = request_policy.visible(
        principal, SubjectRequest.objects.select_related("handled_by", "municipality")
    ).annotate(people_count=Count("people"))
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-received_on", "-pk")


def open_request_counts(*, principal: Principal, today: datetime.date) -> dict[str, int]:
    """Open requests and those past their month (for the home panel), in one query."""
    due_before = add_months(today, -SUBJECT_REQUEST_ANSWER_MONTHS.value)
    received = list(
        request_list(principal=principal, status=RequestStatus.OPEN).values_list(
            "received_on", flat=True
        )
    )
    return {"open": len(received), "overdue": sum(1 for day in received if day < due_before)}


def request_get(*, principal: Principal, pk: int) -> SubjectRequest:
    """One request the principal answers; 404 otherwise."""
    return request_policy.get_visible_or_404(
        principal, SubjectRequest.objects.select_related("handled_by", "municipality"), pk=pk
    )


def request_people(request: SubjectRequest) -> list[RequestPerson]:
    return list(
        RequestPerson.objects.filter(request=request).select_related("child", "representative")
    )


def request_person_get(*, request: SubjectRequest, pk: int) -> RequestPerson:
    person = (
        RequestPerson.objects.filter(request=request, pk=pk)
        .select_related("child", "representative", "request")
        .first()
    )
    if person is None:
        raise Http404
    return person


def request_corrections(request: SubjectRequest) -> list[Correction]:
    return list(
        Correction.objects.filter(request=request).select_related(
            "changed_by", "person__child", "person__representative"
        )
    )


# --- The export -------------------------------------------------------------------------------

SECTIONS: tuple[tuple[str, Any], ...] = (
    ("registry", gettext_lazy("Registry")),
    ("concerns", gettext_lazy("Concerns")),
    ("casework", gettext_lazy("Case work")),
    ("services", gettext_lazy("Services given")),
    ("court", gettext_lazy("Orphan's court")),
    ("police", gettext_lazy("Police")),
    ("npais", gettext_lazy("Entries owed to NPAIS")),
    ("cooperation", gettext_lazy("Cooperation group")),
    ("responsibility", gettext_lazy("Handovers and cost claims")),
    ("subjects", gettext_lazy("Data subject requests")),
)

# Columns that hold no information about the person (keys, search copies, message codes whose
# words are in the text beside them).
SKIPPED_FIELDS = frozenset(
    {"id", "search_name", "message", "params", "title_message", "title_params"}
)
UNLABELLED = {"created_at": gettext_lazy("recorded at"), "updated_at": gettext_lazy("changed at")}


def withheld_reason(model_label: str) -> str:
    """Why fields of ``model_label`` are left out of an export (stated in the export)."""
    if model_label == "cases.concern":
        return _(
            "The identity of the person who reported a concern is not disclosed, so that "
            "reporting stays safe: GDPR article 15(4) (a copy must not adversely affect the "
            "rights of others) and article 23(1)(i); Law on the Protection of the Rights of the "
            "Child article 73 (everyone's duty to report)."
        )
    return _("Not disclosed to protect the rights of others (GDPR article 15(4)).")


def withheld_fields(model_label: str) -> tuple[str, ...]:
    table: dict[str, tuple[str, ...]] = getattr(settings, "SUBJECT_EXPORT_WITHHELD", {})
    return tuple(table.get(model_label, ()))


@dataclass(frozen=True)
class ExportField:
    name: str
    label: str
    text: str
    data: Any


@dataclass(frozen=True)
class WithheldField:
    name: str
    label: str
    reason: str


@dataclass
class ExportRecord:
    model: str  # "app_label.model"
    kind: str  # the model's name in the reader's language
    pk: str
    fields: list[ExportField]
    withheld: list[WithheldField]

    @property
    def title(self) -> str:
        return _("%(kind)s No. %(pk)s") % {"kind": self.kind, "pk": self.pk}


@dataclass
class ExportSection:
    key: str
    title: str
    records: list[ExportRecord]


@dataclass(frozen=True)
class AuditLine:
    when: datetime.datetime
    action: str
    record: str
    actor: str


@dataclass
class SubjectExport:
    person: Person
    request: SubjectRequest
    generated_at: datetime.datetime
    sections: list[ExportSection]
    audit: list[AuditLine]
    withheld_reasons: dict[str, str] = field(default_factory=dict)

    @property
    def person_label(self) -> str:
        return self.person.full_name

    @property
    def record_count(self) -> int:
        return sum(len(s.records) for s in self.sections)

    @property
    def withheld_count(self) -> int:
        return sum(len(r.withheld) for s in self.sections for r in s.records)


def _user_name(user: Any) -> str:
    full = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return full or str(user)


def _text(value: Any) -> tuple[str, Any]:
    """A value as the document shows it and as JSON carries it."""
    if value is None or value == "":
        return "", None
    if isinstance(value, bool):
        return (_("Yes") if value else _("No")), value
    if isinstance(value, datetime.datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return local.strftime("%d.%m.%Y %H:%M"), value.isoformat()
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y"), value.isoformat()
    if isinstance(value, Decimal):
        return str(value).replace(".", ","), str(value)
    if isinstance(value, dict | list):
        if not value:
            return "", value
        return json.dumps(value, ensure_ascii=False, default=str), value
    return str(value), value


def _field_value(obj: Model, model_field: ModelField[Any, Any]) -> tuple[str, Any]:
    if isinstance(model_field, BinaryField):
        return _("a document (a copy is given on request)"), None
    if model_field.is_relation:
        related = getattr(obj, model_field.name)
        if related is None:
            return "", None
        label = _user_name(related) if hasattr(related, "get_full_name") else str(related)
        return label, {"id": related.pk, "label": label}
    if model_field.choices:
        raw = getattr(obj, model_field.attname)
        text = str(dict(model_field.flatchoices).get(raw, raw)) if raw not in (None, "") else ""
        return text, raw
    display = getattr(obj, f"get_{model_field.name}_display", None)
    if callable(display):  # e.g. a concern's categories: codes shown by their names
        shown = display()
        text = ", ".join(str(s) for s in shown) if isinstance(shown, list) else str(shown)
        return text, getattr(obj, model_field.attname)
    return _text(getattr(obj, model_field.attname))


def export_record(obj: Model, hidden: dict[int, str] | None = None) -> ExportRecord:
    """One record written out field by field, the withheld fields left out with the reason.
    ``hidden``: users withheld wherever they appear (a reporter who also wrote a timeline
    entry), each with the reason."""
    hidden = hidden or {}
    meta = obj._meta
    label = meta.label_lower
    withheld_here = withheld_fields(label)
    fields: list[ExportField] = []
    withheld: list[WithheldField] = []
    for model_field in meta.concrete_fields:
        name = model_field.name
        if name in SKIPPED_FIELDS:
            continue
        verbose = str(UNLABELLED.get(name, model_field.verbose_name))
        if name in withheld_here:
            withheld.append(WithheldField(name, verbose, withheld_reason(label)))
            continue
        if model_field.is_relation and model_field.related_model is get_user_model():
            user_id = getattr(obj, model_field.attname)
            if user_id in hidden:
                withheld.append(WithheldField(name, verbose, hidden[user_id]))
                continue
        text, data = _field_value(obj, model_field)
        fields.append(ExportField(name, verbose, text, data))
    return ExportRecord(label, str(meta.verbose_name), str(obj.pk), fields, withheld)


def withheld_people(records: Iterable[Model]) -> dict[int, str]:
    """Users named in the withheld fields of any of ``records`` (a concern's reporter), each
    with the reason: they are left out wherever else the export would name them."""
    people: dict[int, str] = {}
    user_model = get_user_model()
    for obj in records:
        label = obj._meta.label_lower
        for name in withheld_fields(label):
            model_field = obj._meta.get_field(name)
            if model_field.is_relation and model_field.related_model is user_model:
                value = getattr(obj, f"{name}_id", None)
                if value is not None:
                    people[value] = withheld_reason(label)
    return people


def records_about(person: Person) -> dict[str, list[Model]]:
    """Every record Sargs holds about ``person``, by section, read through each app's selectors."""
    children: list[Child] = []
    if isinstance(person, Child):
        registry = records_about_child(person)
        case_ids = case_ids_of_child(person)
        child: Child | None = person
    else:
        registry = records_about_representative(person)
        children = [r.child for r in registry if isinstance(r, ChildRepresentative)]
        case_ids = sorted({pk for c in children for pk in case_ids_of_child(c)})
        child = None
    relation_ids = [r.pk for r in registry if isinstance(r, ChildRepresentative)]
    concerns = concern_records_about_child(child) if child is not None else []
    casework: list[Model] = []
    if child is not None:
        casework = casework_records_about_child(child)
    elif case_ids:
        # A parent's family cases are about them too: read through each child's case file.
        seen: set[tuple[str, Any]] = set()
        for kid in children:
            for record in casework_records_about_child(kid):
                key = (record._meta.label_lower, record.pk)
                if key not in seen:
                    seen.add(key)
                    casework.append(record)
    concern_ids = [c.pk for c in concerns if c._meta.model_name == "concern"]
    return {
        "registry": registry,
        "concerns": concerns,
        "casework": casework,
        "services": referral_records_about_cases(case_ids),
        "court": court_records_about(case_ids=case_ids, relation_ids=relation_ids, child=child),
        "police": list(police_records_about_cases(case_ids)),
        "npais": list(npais_records_about(case_ids=case_ids, concern_ids=concern_ids)),
        "cooperation": list(cooperation_records_about_cases(case_ids)),
        "responsibility": (
            list(responsibility_records_about_child(child)) if child is not None else []
        ),
        "subjects": _subject_records(person),
    }


def _subject_records(person: Person) -> list[Model]:
    """Earlier requests about the person and the corrections made on them."""
    key = "child" if isinstance(person, Child) else "representative"
    links = list(RequestPerson.objects.filter(**{key: person}).select_related("request"))
    requests = sorted({link.request for link in links}, key=lambda r: r.pk)
    corrections = list(Correction.objects.filter(person__in=links).select_related("changed_by"))
    return [*requests, *corrections]


def _audit_lines(records: list[Model], hidden: dict[int, str]) -> list[AuditLine]:
    """Who read or changed these records and when (never the values); a withheld person
    (``hidden``) is not named."""
    refs = {RecordRef(type(r), str(r.pk)) for r in records}
    lines = []
    for entry in entries_about(refs):
        model = entry.content_type.model_class() if entry.content_type else None
        kind = str(model._meta.verbose_name) if model is not None else ""
        record = _("%(kind)s No. %(pk)s") % {"kind": kind, "pk": entry.object_pk}
        if entry.actor_id in hidden:
            actor = _("withheld (the person who reported)")
        elif entry.actor is not None:
            actor = _user_name(entry.actor)
        else:
            actor = _("Sargs (no user)")
        lines.append(AuditLine(entry.timestamp, entry.get_action_display(), record, actor))
    return lines


def subject_export(*, person: Person, request: SubjectRequest) -> SubjectExport:
    """Everything Sargs holds about ``person``, as the data protection officer hands it over."""
    found = records_about(person)
    everything = [obj for key, _title in SECTIONS for obj in found[key]]
    hidden = withheld_people(everything)
    sections = []
    reasons: dict[str, str] = {}
    for key, title in SECTIONS:
        rows = [export_record(obj, hidden) for obj in found[key]]
        for row in rows:
            for item in row.withheld:
                reasons.setdefault(item.reason, item.reason)
        sections.append(ExportSection(key, str(title), rows))
    return SubjectExport(
        person=person,
        request=request,
        generated_at=timezone.now(),
        sections=sections,
        audit=_audit_lines(everything, hidden),
        withheld_reasons=reasons,
    )
