"""Audit entries as people read them: labels instead of field names, names instead of ids.

django-auditlog stores changes as JSON, keyed by field name, with foreign keys as ids, dates as
ISO strings in UTC and choices as their stored values; many-to-many changes are a different
shape (``{"type": "m2m", "operation": "add", "objects": [...]}``); Sargs' read entries carry
their purpose and the record they were read for in ``additional_data``. This module turns a
page of such entries into rows of plain text in the user's language. The related records of a
whole page are fetched in one query per model, so the page costs the same number of queries
however many rows it shows. Personal codes are masked in every piece of text (``masking``).
"""

from __future__ import annotations

import datetime
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime, parse_time
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .masking import mask_personal_codes
from .models import AuditEntry

DATE_FORMAT = "%d.%m.%Y"
DATETIME_FORMAT = "%d.%m.%Y %H:%M"
EMPTY = "–"
MAX_TEXT = 300

ACTIONS = {
    AuditEntry.Action.CREATE: gettext_lazy("Created"),
    AuditEntry.Action.UPDATE: gettext_lazy("Changed"),
    AuditEntry.Action.DELETE: gettext_lazy("Deleted"),
    AuditEntry.Action.ACCESS: gettext_lazy("Viewed"),
}

# What the page or API call that recorded a read was for (``record_view(purpose=...)``).
# An unknown purpose is shown as written, with its first letter capitalised.
PURPOSES = {
    "api list": gettext_lazy("List (API)"),
    "assessment form": gettext_lazy("Assessment form"),
    "case": gettext_lazy("Case page"),
    "case api": gettext_lazy("Case (API)"),
    "case list": gettext_lazy("Case list"),
    "concern": gettext_lazy("Concern page"),
    "concern api": gettext_lazy("Concern (API)"),
    "concern list": gettext_lazy("Concern list"),
    "concern triage": gettext_lazy("Concern triage"),
    "cooperation meeting": gettext_lazy("Cooperation group meeting"),
    "cost claim": gettext_lazy("Cost claim"),
    "decision form": gettext_lazy("Decision form"),
    "edit": gettext_lazy("Editing form"),
    "handover": gettext_lazy("Handover"),
    "handover api": gettext_lazy("Handover (API)"),
    "household": gettext_lazy("Household page"),
    "jurisdiction": gettext_lazy("Jurisdiction check"),
    "likely duplicate": gettext_lazy("Likely duplicate when registering"),
    "placement api": gettext_lazy("Placement (API)"),
    "placement form": gettext_lazy("Placement form"),
    "plan": gettext_lazy("Rehabilitation plan"),
    "plan api": gettext_lazy("Rehabilitation plan (API)"),
    "preventive talk api": gettext_lazy("Preventive talk (API)"),
    "preventive talks": gettext_lazy("Preventive talks"),
    "proceeding": gettext_lazy("Proceeding page"),
    "proceeding api": gettext_lazy("Proceeding (API)"),
    "proceeding list": gettext_lazy("Proceeding list"),
    "provider staff": gettext_lazy("Service provider staff"),
    "referral": gettext_lazy("Referral page"),
    "referral api": gettext_lazy("Referral (API)"),
    "referral list": gettext_lazy("Referral list"),
    "responsibility list": gettext_lazy("Handovers and cost claims"),
    "search": gettext_lazy("Search of children"),
    "support record": gettext_lazy("Support record"),
    "support record api": gettext_lazy("Support record (API)"),
    "support record export": gettext_lazy("Support record export"),
    "worklist": gettext_lazy("Worklist"),
    "worklist alert": gettext_lazy("Worklist alert"),
    "audit search": gettext_lazy("Audit trail search"),
    "audit export": gettext_lazy("Audit trail export"),
    "assessment api": gettext_lazy("Needs and risk assessment (API)"),
    "attached support record": gettext_lazy("Support record attached to a proceeding"),
    "case transfer": gettext_lazy("Case transfer"),
    "case transfer document": gettext_lazy("Case transfer document"),
    "cooperation group": gettext_lazy("Cooperation group page"),
    "cost claim api": gettext_lazy("Cost claim (API)"),
    "cost claim form": gettext_lazy("Cost claim form"),
    "cost claim invoice": gettext_lazy("Cost claim invoice"),
    "cost claim list": gettext_lazy("Cost claim list"),
    "crisis team": gettext_lazy("Crisis team calls"),
    "data subject correction": gettext_lazy("Data subject's correction"),
    "data subject export": gettext_lazy("Data subject's export"),
    "data subject request": gettext_lazy("Data subject's request"),
    "home": gettext_lazy("Home page"),
    "npais": gettext_lazy("NPAIS entries"),
    "police": gettext_lazy("Police's part of a case"),
}

# Keys of ``additional_data`` that name the record a read was made for. Models are named by
# label, not imported: the audit app sits below the apps that own them.
CONTEXT_RECORDS = {
    "case": "cases.Case",
    "concern": "cases.Concern",
    "proceeding": "cases.Proceeding",
    "referral": "cases.Referral",
    "meeting": "cooperation.Meeting",
    "handover": "responsibility.Handover",
    "cost_claim": "responsibility.CostClaim",
}
# Keys that are bookkeeping, not something a reader needs: the scope and the URL name.
HIDDEN_CONTEXT = {"municipality_id", "view"}
CONTEXT_LABELS = {
    "purpose": gettext_lazy("Purpose"),
    "export": gettext_lazy("Export format"),
    "items": gettext_lazy("Records"),
    "count": gettext_lazy("Number"),
    "query": gettext_lazy("Search"),
    "lookup": gettext_lazy("Looked up by"),
    "found": gettext_lazy("Found"),
    "code": gettext_lazy("Personal code"),
    "code_digest": gettext_lazy("Code digest (to search the trail)"),
    "subject_request": gettext_lazy("Data subject request No."),
    "format": gettext_lazy("Format"),
    "records": gettext_lazy("Records"),
    "withheld": gettext_lazy("Withheld"),
}
# Values of a recorded lookup's ``lookup`` key (sargs.registry.lookups).
LOOKUP_KINDS = {"personal code": gettext_lazy("personal code")}


@dataclass(frozen=True)
class ChangeLine:
    """One field of a change: its label and the values before and after (or m2m objects)."""

    label: str
    before: str = ""
    after: str = ""
    operation: str = ""  # for many-to-many changes: "added" / "removed"
    # A field kept in one language beside its twin (``track_reason_lv`` / ``_en``): its value
    # is in that language whatever the reader's, and the page marks it so (``lang``).
    language: str = ""


@dataclass(frozen=True)
class EntryRow:
    pk: int
    when: str
    who: str
    action: str
    record_type: str
    record: str
    address: str
    changes: list[ChangeLine] = field(default_factory=list)
    context: list[tuple[str, str]] = field(default_factory=list)


def _text(value: object) -> str:
    text = mask_personal_codes(str(value))
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def _yes_no(value: object) -> str | None:
    # ``is``: 1 == True in Python, and an id of 1 is not a "yes".
    if value is True or value in ("True", "true"):
        return _("Yes")
    if value is False or value in ("False", "false"):
        return _("No")
    return None


def _local_datetime(value: datetime.datetime) -> str:
    if timezone.is_naive(value):  # auditlog stores date-times naive, in UTC
        value = timezone.make_aware(value, datetime.UTC)
    return timezone.localtime(value).strftime(DATETIME_FORMAT)


def _generic(value: object) -> str:
    """A value whose field is unknown: booleans, lists and mappings spelled out, text masked."""
    if value is None or value == "None" or value == "":
        return EMPTY
    yes_no = _yes_no(value)
    if yes_no is not None:
        return yes_no
    if isinstance(value, Mapping):
        return _text("; ".join(f"{k}: {_generic(v)}" for k, v in value.items()))
    if isinstance(value, list | tuple | set):
        return _text(", ".join(_generic(v) for v in value)) if value else EMPTY
    return _text(value)


class RelatedNames:
    """Collects (model, pk) pairs of a page, then fetches each model's records in one query."""

    def __init__(self) -> None:
        self._wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
        self._names: dict[tuple[type[models.Model], Any], str] = {}

    def want(self, model: type[models.Model], raw: object) -> None:
        pk = self._pk(model, raw)
        if pk is not None:
            self._wanted[model].add(pk)

    def fetch(self) -> None:
        for model, pks in self._wanted.items():
            # select_related() follows required foreign keys, which many __str__ methods read.
            found = model._base_manager.select_related().in_bulk(pks)
            for pk, obj in found.items():
                self._names[(model, pk)] = _text(obj)

    def found(self, model: type[models.Model], raw: object) -> str | None:
        """The record's name now, in the reader's language; None when it is gone."""
        return self._names.get((model, self._pk(model, raw)))

    def name(self, model: type[models.Model], raw: object) -> str:
        if raw is None or raw == "None" or raw == "":
            return EMPTY
        pk = self._pk(model, raw)
        return self._names.get((model, pk)) or _("a removed record")

    @staticmethod
    def _pk(model: type[models.Model], raw: object) -> Any:
        if raw is None or raw == "None" or raw == "":
            return None
        try:
            return model._meta.pk.to_python(raw)  # type: ignore[union-attr]
        except (ValidationError, TypeError, ValueError):
            return None


def _model_field(model: type[models.Model] | None, name: str) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    try:
        found = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return found if isinstance(found, models.Field) else None


def _is_bookkeeping(model: type[models.Model] | None, name: str) -> bool:
    """Keys a reader gains nothing from: the record's own id, timestamps that repeat the
    entry's time, and reverse relations (auditlog writes them on creation as "….None")."""
    if model is None:
        return False
    try:
        found = model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    if not isinstance(found, models.Field):
        return True
    return bool(
        found.primary_key
        or getattr(found, "auto_now", False)
        or getattr(found, "auto_now_add", False)
    )


def _field_label(model_field: models.Field[Any, Any] | None, name: str) -> str:
    if model_field is not None:
        return str(capfirst(model_field.verbose_name))
    return capfirst(name.replace("_", " ").strip()) or name


def _field_language(name: str) -> str:
    code = name.rsplit("_", 1)[-1] if "_" in name else ""
    return code if code in dict(settings.LANGUAGES) else ""


def _is_relation(model_field: models.Field[Any, Any] | None) -> bool:
    return bool(model_field and (model_field.many_to_one or model_field.one_to_one))


def _field_value(
    model_field: models.Field[Any, Any] | None, value: object, names: RelatedNames
) -> str:
    if model_field is None or value is None or value == "None":
        return _generic(value)
    if _is_relation(model_field):
        return names.name(model_field.related_model, value)  # type: ignore[arg-type]
    if model_field.choices:
        labels = {str(k): v for k, v in model_field.flatchoices}
        if str(value) in labels:
            return str(labels[str(value)])
    if isinstance(model_field, models.BooleanField):
        return _yes_no(value) or _generic(value)
    if isinstance(model_field, models.DateTimeField):
        moment = parse_datetime(str(value))
        return _local_datetime(moment) if moment else _generic(value)
    if isinstance(model_field, models.TimeField):
        moment_of_day = parse_time(str(value))
        return moment_of_day.strftime("%H:%M") if moment_of_day else _generic(value)
    if isinstance(model_field, models.DateField):
        day = parse_date(str(value)[:10])
        return day.strftime(DATE_FORMAT) if day else _generic(value)
    if isinstance(model_field, models.JSONField):
        return _generic(value if not isinstance(value, str) else _json_or_text(value))
    return _generic(value)


def _json_or_text(value: str) -> object:
    try:
        return json.loads(value)
    except ValueError:
        return value


def _changes_of(entry: AuditEntry) -> dict[str, Any]:
    changes = entry.changes if entry.changes is not None else entry.changes_text
    if isinstance(changes, str):
        changes = _json_or_text(changes) if changes else {}
    return changes if isinstance(changes, dict) else {}


def _is_m2m(values: object) -> bool:
    return isinstance(values, Mapping) and values.get("type") == "m2m"


def _pair(values: object) -> tuple[object, object]:
    if isinstance(values, list | tuple) and len(values) == 2:
        return values[0], values[1]
    return None, values


def _model_of(entry: AuditEntry) -> type[models.Model] | None:
    return entry.content_type.model_class() if entry.content_type_id else None


def _want_related(entry: AuditEntry, names: RelatedNames) -> None:
    model = _model_of(entry)
    if model is not None:
        names.want(model, entry.object_pk)
    for name, values in _changes_of(entry).items():
        model_field = _model_field(model, name)
        if _is_relation(model_field) and not _is_m2m(values):
            for value in _pair(values):
                names.want(model_field.related_model, value)  # type: ignore[union-attr,arg-type]
    for key, value in _context_of(entry).items():
        context_model = _context_model(key)
        if context_model is not None:
            names.want(context_model, value)


def _context_of(entry: AuditEntry) -> dict[str, Any]:
    data = entry.additional_data
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if k not in HIDDEN_CONTEXT}


def _context_model(key: str) -> type[models.Model] | None:
    label = CONTEXT_RECORDS.get(key)
    if label is None:
        return None
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def _change_lines(entry: AuditEntry, names: RelatedNames) -> list[ChangeLine]:
    model = _model_of(entry)
    lines = []
    for name, values in _changes_of(entry).items():
        if _is_bookkeeping(model, name):
            continue
        model_field = _model_field(model, name)
        label = _field_label(model_field, name)
        if _is_m2m(values):
            assert isinstance(values, Mapping)
            operation = _("added") if values.get("operation") == "add" else _("removed")
            objects = values.get("objects") or []
            lines.append(ChangeLine(label=label, operation=operation, after=_generic(objects)))
            continue
        before, after = _pair(values)
        lines.append(
            ChangeLine(
                label=label,
                before=_field_value(model_field, before, names),
                after=_field_value(model_field, after, names),
                language=_field_language(name),
            )
        )
    return lines


def _context_lines(entry: AuditEntry, names: RelatedNames) -> list[tuple[str, str]]:
    lines = []
    for key, value in _context_of(entry).items():
        context_model = _context_model(key)
        if key == "purpose":
            text = PURPOSES.get(str(value))
            lines.append((str(CONTEXT_LABELS["purpose"]), str(text or capfirst(_text(value)))))
        elif key == "lookup":
            text = LOOKUP_KINDS.get(str(value))
            lines.append((str(CONTEXT_LABELS["lookup"]), str(text or _text(value))))
        elif key == "export":
            lines.append((str(CONTEXT_LABELS["export"]), _text(value).upper()))
        elif context_model is not None:
            label = str(capfirst(context_model._meta.verbose_name))
            lines.append((label, names.name(context_model, value)))
        else:
            known = CONTEXT_LABELS.get(key)
            lines.append((str(known) if known else _field_label(None, key), _generic(value)))
    return lines


def _action(entry: AuditEntry) -> str:
    return str(ACTIONS.get(entry.action, _("Recorded")))  # type: ignore[call-overload]


def _who(entry: AuditEntry) -> str:
    actor = entry.actor
    if actor is None:
        return _("system")
    full = actor.get_full_name()
    return f"{full} ({actor.username})" if full else actor.username


def _record_type(entry: AuditEntry) -> str:
    model = _model_of(entry)
    if model is None:
        return _("a removed record type")
    return str(capfirst(model._meta.verbose_name))


def _record(entry: AuditEntry, names: RelatedNames) -> str:
    """The record's name as related records are named: now, in the reader's language (the
    name stored with the entry is in the language of whoever wrote it); the stored name once
    the record is gone."""
    model = _model_of(entry)
    current = names.found(model, entry.object_pk) if model is not None else None
    return current or _text(entry.object_repr) or EMPTY


def present_entries(entries: Iterable[AuditEntry]) -> list[EntryRow]:
    """Readable rows for a page of entries (which must have actor and content_type joined)."""
    entries = list(entries)
    names = RelatedNames()
    for entry in entries:
        _want_related(entry, names)
    names.fetch()
    return [
        EntryRow(
            pk=entry.pk,
            when=_local_datetime(entry.timestamp),
            who=_who(entry),
            action=_action(entry),
            record_type=_record_type(entry),
            record=_record(entry, names),
            address=entry.remote_addr or EMPTY,
            changes=_change_lines(entry, names),
            context=_context_lines(entry, names),
        )
        for entry in entries
    ]


def change_summary(row: EntryRow) -> str:
    """A row's changes as one line of text (for the export)."""
    parts: Sequence[str] = [
        f"{line.label}: {line.operation} {line.after}"
        if line.operation
        else f"{line.label}: {line.before} → {line.after}"
        for line in row.changes
    ]
    return "; ".join(parts)


def context_summary(row: EntryRow) -> str:
    return "; ".join(f"{label}: {value}" for label, value in row.context)
