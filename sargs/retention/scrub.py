"""Scrubbing a copy of the production database into one without personal data, for load tests
and demos (``manage.py scrub``).

Every name, personal code, e-mail, phone number and address is replaced consistently (the same
original always becomes the same invented value, so a family keeps one surname), personal
codes by valid-looking new-format codes (``32…`` with a correct check digit, no birth date),
free texts by neutral filler of about the same length. Then every text and JSON column of every
table, the audit trail's change records included, is searched for any original that is left
(a name inside a note's title, a code inside an audit entry's ``changes``) and it is replaced
too. Sessions and sign-in records are emptied. Dates and figures are kept: the indicators and
deadlines of the copy behave like the original's.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Callable, Iterator
from typing import Any

from django.apps import apps
from django.db import connection, models, transaction

from sargs.audit.maintenance import audit_entries_rewrite_for_scrub
from sargs.audit.models import AuditEntry
from sargs.registry import personal_codes

Progress = Callable[[str, int, int], None]
BATCH = 1000

NAME_FIELD = re.compile(r"(^|_)(first_name|last_name)$")
CODE_FIELD = re.compile(r"(^|_)personal_code$")
EMAIL_FIELD = re.compile(r"(^|_)email$")
PHONE_FIELD = re.compile(r"(^|_)phone(_number)?$")
ADDRESS_FIELD = re.compile(r"(^|_)address$")
# Columns whose texts are not about people: codes, choices, tokens, technical names.
KEEP_FIELDS = {"username", "password", "token", "token_hash", "atvk", "status", "kind", "fmt"}
SYLLABLES = ["ka", "ru", "me", "li", "to", "sa", "ne", "vi", "da", "lo", "ze", "pu", "ri", "ga"]


class Scrubber:
    """Replacements for one run: keyed by a secret made for the run, so the mapping cannot be
    recomputed from the copy."""

    def __init__(self) -> None:
        self.key = secrets.token_bytes(32)
        self.originals: dict[str, str] = {}  # original token -> replacement
        self.codes: set[str] = set()

    def _digest(self, value: str) -> int:
        return int.from_bytes(hmac.new(self.key, value.encode(), hashlib.sha256).digest()[:8])

    def name(self, original: str) -> str:
        """A person's name, token by token (``Anna-Marija Bērziņa`` keeps its shape)."""
        return re.sub(r"[^\W\d_]+", lambda m: self._token(m.group(0)), original)

    def _token(self, token: str) -> str:
        if len(token) < 2:
            return token
        if token not in self.originals:
            n, word = self._digest(token), ""
            for _ in range(3):
                word += SYLLABLES[n % len(SYLLABLES)]
                n //= len(SYLLABLES)
            word = word.capitalize()
            while word in self.originals or word in self.originals.values():
                word += SYLLABLES[n % len(SYLLABLES)]
                n //= len(SYLLABLES)
            self.originals[token] = word
        return self.originals[token]

    def code(self, original: str) -> str:
        """A valid new-format personal code, unique in the copy."""
        if original not in self.originals:
            serial = self._digest(original) % 10**8
            while True:
                code = personal_codes.new_format_code(serial)
                if code is not None and code not in self.codes and code not in self.originals:
                    break
                serial = (serial + 1) % 10**8
            self.codes.add(code)
            self.originals[original] = code
            self.originals[original.replace("-", "")] = code
        return self.originals[original]

    def other(self, original: str, kind: str) -> str:
        if original not in self.originals:
            n = self._digest(original) % 10**6
            self.originals[original] = {
                "email": f"persona{n:06d}@example.invalid",
                "phone": f"+371 2{n:07d}",
                "address": f"Izdomātā iela {n % 200 + 1}, LV-{1000 + n % 9000}",
            }[kind]
        return self.originals[original]

    def text(self, original: str) -> str:
        filler = "Teksts aizstāts testa kopijā. "
        return (filler * (len(original) // len(filler) + 1))[: max(len(original), 10)].strip()

    def value(self, field: models.Field[Any, Any], original: Any) -> Any:
        if not isinstance(original, str) or not original.strip():
            return original
        name = field.name
        if NAME_FIELD.search(name):
            return self.name(original)
        if CODE_FIELD.search(name):
            return self.code(original)
        if EMAIL_FIELD.search(name):
            return self.other(original, "email")
        if PHONE_FIELD.search(name):
            return self.other(original, "phone")
        if ADDRESS_FIELD.search(name):
            return self.other(original, "address")
        if isinstance(field, models.TextField) and not field.choices:
            return self.text(original)
        return original

    def leftovers(self) -> re.Pattern[str] | None:
        """Any original still in a text, as a whole word."""
        words = sorted((o for o in self.originals if len(o) >= 3), key=len, reverse=True)
        if not words:
            return None
        return re.compile(r"(?<!\w)(" + "|".join(map(re.escape, words)) + r")(?!\w)")

    def sweep(self, value: Any, pattern: re.Pattern[str]) -> Any:
        if isinstance(value, str):
            return pattern.sub(lambda m: self.originals[m.group(0)], value)
        if isinstance(value, list):
            return [self.sweep(v, pattern) for v in value]
        if isinstance(value, dict):
            return {k: self.sweep(v, pattern) for k, v in value.items()}
        return value


def _models() -> Iterator[type[models.Model]]:
    for model in apps.get_models():
        if model._meta.managed and not model._meta.proxy and model is not AuditEntry:
            yield model


def _text_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, (models.CharField, models.TextField, models.JSONField))
        and not f.primary_key
        and f.name not in KEEP_FIELDS
        and not (isinstance(f, models.CharField) and f.choices)
    ]


def _batches(queryset: models.QuerySet[Any]) -> Iterator[list[Any]]:
    last = None
    while True:
        page = queryset.order_by("pk")
        if last is not None:
            page = page.filter(pk__gt=last)
        rows = list(page[:BATCH])
        if not rows:
            return
        yield rows
        last = rows[-1].pk


def _rewrite(
    model: type[models.Model], change: Callable[[Any, Any], Any], progress: Progress, step: str
) -> None:
    fields = _text_fields(model)
    if not fields:
        return
    total, done = model._default_manager.count(), 0
    for rows in _batches(model._default_manager.all()):
        changed = []
        for row in rows:
            dirty = False
            for f in fields:
                old = getattr(row, f.attname)
                new = change(f, old)
                if new != old:
                    setattr(row, f.attname, new)
                    dirty = True
            if getattr(row, "search_name", None) is not None and hasattr(row, "first_name"):
                from sargs.registry.models import normalise_name

                row.search_name = normalise_name(row.first_name, row.last_name)
                dirty = True
            if dirty:
                changed.append(row)
        if changed:
            names = [f.name for f in fields] + (
                ["search_name"] if hasattr(rows[0], "search_name") else []
            )
            model._default_manager.bulk_update(changed, names)
        done += len(rows)
        progress(f"{step} {model._meta.label}", done, total)


def _rewrite_audit(scrubber: Scrubber, pattern: re.Pattern[str] | None, progress: Progress) -> None:
    total, done = AuditEntry.objects.count(), 0
    columns = [
        "object_repr",
        "changes_text",
        "changes",
        "additional_data",
        "actor_email",
        "remote_addr",
    ]
    for rows in _batches(AuditEntry.objects.all()):
        updates = []
        for entry in rows:
            values: dict[str, Any] = {}
            for column in columns:
                old = getattr(entry, column, None)
                new = scrubber.sweep(old, pattern) if pattern and old else old
                if column == "actor_email" and old:
                    new = scrubber.other(old, "email")
                if column == "remote_addr" and old:
                    new = None
                if new != old:
                    values[column] = (
                        _db_json(new) if column in {"changes", "additional_data"} else new
                    )
            if values:
                updates.append((entry.pk, values))
        audit_entries_rewrite_for_scrub(rows=updates)
        done += len(rows)
        progress("audit trail", done, total)


def _db_json(value: Any) -> Any:
    import json

    return None if value is None else json.dumps(value)


def scrub_database(*, progress: Progress | None = None) -> dict[str, int]:
    """Scrubs the database Django is connected to; what was replaced, by kind (counts)."""
    report = progress or (lambda step, done, total: None)
    scrubber = Scrubber()
    with transaction.atomic():
        for model in _models():
            _rewrite(model, scrubber.value, report, "fields")
        pattern = scrubber.leftovers()
        if pattern is not None:
            for model in _models():
                _rewrite(model, lambda f, v: scrubber.sweep(v, pattern), report, "leftovers")
        _rewrite_audit(scrubber, pattern, report)
        with connection.cursor() as cursor:
            for table in (
                "django_session",
                "axes_accessattempt",
                "axes_accesslog",
                "axes_accessfailurelog",
            ):
                if table in connection.introspection.table_names(cursor):
                    cursor.execute(f'DELETE FROM "{table}"')  # noqa: S608 (constant names)
    return {"replaced values": len(scrubber.originals)}
