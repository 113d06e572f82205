"""No lost update: optimistic locking with a revision number (ADR 0017).

A record people edit in a form for minutes (a programme version's strategic part, a case's
plan) carries an integer that goes up with every save. The form sends back the number it was
shown (a hidden field ``revision``; the API's ``If-Match`` header or the body's ``revision``),
and the save is one ``UPDATE ... WHERE pk = %s AND revision = %s``: when someone else saved
in between, no row matches and the service raises :class:`StaleEdit` with the values now
stored, so the page can show theirs beside yours and let the user merge.

No row lock is held while the user types; the check costs nothing when nobody else edits.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from rest_framework import exceptions as drf_exceptions

from .forms import add_service_errors

M = TypeVar("M", bound=models.Model)
T = TypeVar("T")

REVISION_FIELD = "revision"


class StaleEdit(ValidationError):
    """Someone saved the record after the user opened it. ``theirs`` holds the stored values
    of the fields the form edits; ``revision`` is the stored revision, which a merged form
    sends back to save over it knowingly."""

    def __init__(self, *, revision: int, theirs: Mapping[str, Any]) -> None:
        super().__init__(
            _(
                "Someone else saved this while you were editing it. Your changes were not "
                "saved: compare them with the saved text below, merge them in the form and "
                "save again."
            ),
            code="stale",
        )
        self.revision = revision
        self.theirs = dict(theirs)


def revision_field() -> forms.IntegerField:
    """The hidden form field carrying the revision the form was filled from."""
    return forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


def update_if_current(
    queryset: models.QuerySet[M],
    pk: object,
    *,
    expected: int | None,
    values: Mapping[str, Any],
) -> int:
    """Write ``values`` and raise the revision in one UPDATE, only if the stored revision is
    still ``expected`` (``None``: the caller has no revision to check, e.g. a script; the
    revision still goes up). Returns the new revision; raises StaleEdit with the stored values
    of the same fields when someone saved in between."""
    rows = queryset.filter(pk=pk)
    matching = rows if expected is None else rows.filter(**{REVISION_FIELD: expected})
    if matching.update(**values, **{REVISION_FIELD: F(REVISION_FIELD) + 1}) == 0:
        stored = rows.values(REVISION_FIELD, *values).get()
        raise StaleEdit(revision=stored.pop(REVISION_FIELD), theirs={k: stored[k] for k in values})
    revision: int = rows.values_list(REVISION_FIELD, flat=True).get()
    return revision


def refuse_if_stale(
    current: int, expected: int | None, theirs: Callable[[], Mapping[str, Any]]
) -> None:
    """For records whose save is serialised by a row lock already (e.g. a new plan version
    under the case's lock): refuse when the revision the user started from is no longer the
    current one."""
    if expected is not None and expected != current:
        raise StaleEdit(revision=current, theirs=theirs())


def run_versioned(form: forms.Form, call: Callable[[], T]) -> tuple[T | None, list[dict[str, Any]]]:
    """Run a versioned save for a valid form. On StaleEdit the form is re-shown with the user's
    values, the message, and the stored revision in its hidden field (saving again then
    replaces the other person's text with the merged one, knowingly); returns the rows of a
    "theirs beside yours" comparison for the fields that differ."""
    try:
        return call(), []
    except StaleEdit as stale:
        add_service_errors(form, stale)
        data = form.data.copy()  # type: ignore[attr-defined]
        data[REVISION_FIELD] = str(stale.revision)
        form.data = data
        return None, compare(form, stale.theirs)
    except ValidationError as error:  # the service's other refusals, as run_service shows them
        add_service_errors(form, error)
        return None, []


def compare(form: forms.Form, theirs: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The "theirs beside yours" rows for the form's fields whose stored value differs from
    the user's: texts as written, a choice by its label, a date as dd.mm.yyyy. Other values
    (links, mappings) are not compared here."""
    compared = []
    for name, stored in theirs.items():
        field = form.fields.get(name)
        if field is None:
            continue
        yours = form.cleaned_data.get(name)
        if isinstance(field, forms.ChoiceField):
            labels = {str(value): str(label) for value, label in field.choices}  # type: ignore[misc,union-attr]
            if str(stored) == str(yours):
                continue
            shown = (labels.get(str(stored), str(stored)), labels.get(str(yours), str(yours)))
        elif isinstance(stored, datetime.date):
            if stored == yours:
                continue
            shown = (date_format(stored), date_format(yours) if yours else "")
        elif isinstance(stored, str) or stored is None:
            if (stored or "") == (yours or ""):
                continue
            shown = (stored or "", yours or "")
        else:
            continue
        compared.append({"name": name, "label": field.label, "theirs": shown[0], "yours": shown[1]})
    return compared


# --- The API: ETag / If-Match, 412 and 409 ---------------------------------------------------


def etag(revision: int) -> str:
    """The ETag of a versioned record: its revision, quoted (RFC 9110)."""
    return f'"{revision}"'


def parse_if_match(header: str) -> int:
    """The revision an ``If-Match`` header names (``"3"``, ``W/"3"`` or ``3``)."""
    value = header.strip().removeprefix("W/").strip('"')
    if not value.isdigit():
        raise drf_exceptions.ValidationError({"If-Match": 'give the ETag you read, e.g. "3"'})
    return int(value)


class StaleVersion(drf_exceptions.APIException):
    """A stale API save: 412 when the client sent ``If-Match``, 409 when the body's version
    was stale. The body carries the stored revision and values to merge with."""

    default_code = "stale"

    def __init__(self, stale: StaleEdit, *, precondition: bool) -> None:
        self.status_code = 412 if precondition else 409
        super().__init__()
        body: Any = {  # plain values (DRF would make the revision a string)
            "detail": stale.messages[0],
            "version": stale.revision,
            "current": {k: _jsonable(v) for k, v in stale.theirs.items()},
        }
        self.detail = body


def _jsonable(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def stale_as_api_error(call: Callable[[], T], *, precondition: bool) -> T:
    """Run a versioned save for the API; StaleEdit becomes 412 or 409 (see StaleVersion)."""
    try:
        return call()
    except StaleEdit as stale:
        raise StaleVersion(stale, precondition=precondition) from None
