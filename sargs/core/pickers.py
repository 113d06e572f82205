"""Search-as-you-type pickers instead of drop-downs listing every institution or user (issue 20,
point 1; docs/adr/0018-search-pickers.md).

A picker is a text box and the chosen record's id:

* **with JavaScript** the text box asks a search endpoint (htmx, ``hx-get``) for at most
  ``LIMIT`` matches as the user types; the matches are buttons, and ``static/js/pickers.js``
  puts the chosen one's id in the hidden input (or, for several, adds a ticked checkbox);
* **without JavaScript** the user types a name and submits: the field finds it on the server.
  One match (or one exact match) is taken; several come back as radio buttons (checkboxes for a
  multiple picker) under a message, for the user to choose one and submit again.

The id is never trusted: the field looks it up in its own ``queryset``, the same queryset the
search endpoint offers, so a foreign id is refused with a message. A search endpoint is a view
of the app that owns the form, declaring its access rule once (``@access``) and answering with
:func:`picker_results` over the queryset the form uses.

Matching is by name fragments, case- and diacritic-insensitive on both databases: every word
typed must occur in one of the kind's fields, a letter matching its Latvian (and a few other)
diacritic forms through a regular expression (``rigas`` finds "Rīgas").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

LIMIT = 10
MAX_QUERY = 100

_ACCENTED = "āáàäâåąčćçēéèëęėģīíìïîįķļłņńñōóòöõőŗřšśūúùüůųűýžźż"


def fold(text: str) -> str:
    """``text`` without case and diacritics: "Rīgas Bērnu" → "rigas bernu"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ł", "l")


def _variants() -> dict[str, str]:
    table: dict[str, str] = {}
    for letter in _ACCENTED:
        base = fold(letter)
        if len(base) == 1 and base != letter:
            table.setdefault(base, base + base.upper())
            table[base] += letter + letter.upper()
    return table


_VARIANTS = _variants()


def word_pattern(word: str) -> str:
    """A regular expression finding ``word`` in a name whatever its case and diacritics."""
    parts = []
    for char in fold(word):
        variants = _VARIANTS.get(char)
        parts.append(f"[{variants}]" if variants else re.escape(char))
    return "".join(parts)


@dataclass(frozen=True)
class PickerKind:
    """What is picked: the fields a search looks in, how a record is named (``label``, also what
    a typed name is compared with) and what tells two records of one name apart (``detail``)."""

    search_fields: tuple[str, ...]
    label: Callable[[Any], str]
    detail: Callable[[Any], str] | None = None
    related: tuple[str, ...] = field(default_factory=tuple)


def query_words(query: str) -> list[str]:
    return [w for w in query[:MAX_QUERY].split() if fold(w)][:5]


def picker_matches(queryset: QuerySet[Any], kind: PickerKind, query: str) -> tuple[list[Any], bool]:
    """At most ``LIMIT`` records of ``queryset`` matching ``query``, and whether there are more."""
    words = query_words(query)
    if not words:
        return [], False
    condition = Q()
    for word in words:
        pattern = word_pattern(word)
        any_field = Q()
        for name in kind.search_fields:
            any_field |= Q(**{f"{name}__iregex": pattern})
        condition &= any_field
    found = list(queryset.filter(condition).select_related(*kind.related)[: LIMIT + 1])
    return found[:LIMIT], len(found) > LIMIT


@dataclass(frozen=True)
class Option:
    id: int
    label: str
    detail: str


def options(kind: PickerKind, objs: Iterable[Any]) -> list[Option]:
    return [
        Option(obj.pk, kind.label(obj), kind.detail(obj) if kind.detail else "") for obj in objs
    ]


def search_text(request: HttpRequest) -> str:
    """The typed text: ``q``, or the picker's own text box (``<field>_search``) htmx sends."""
    query = request.GET.get("q", "")
    if not query:
        query = next((str(v) for k, v in request.GET.items() if k.endswith("_search")), "")
    return query.strip()[:MAX_QUERY]


def picker_results(
    request: HttpRequest, *, queryset: QuerySet[Any], kind: PickerKind
) -> HttpResponse:
    """A search endpoint's answer: the matches as buttons for htmx, or a plain page without it.
    The caller has checked access and narrowed ``queryset`` to what the user may pick."""
    query = search_text(request)
    matches, more = picker_matches(queryset, kind, query)
    context = {"query": query, "matches": options(kind, matches), "more": more, "limit": LIMIT}
    htmx = getattr(request, "htmx", False)
    template = "core/partials/_picker_results.html" if htmx else "core/picker_results.html"
    return render(request, template, context)


# --- Widgets -----------------------------------------------------------------------------------
def _ids(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, Model):
        return [str(value.pk)]
    if isinstance(value, str | int):
        return [str(value)]
    return [str(v.pk if isinstance(v, Model) else v) for v in value if v not in (None, "")]


class PickerInput(forms.Widget):
    """The text box, the chosen id and the live region for the matches."""

    template_name = "core/widgets/picker.html"
    multiple = False

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.picker: PickerField | None = None
        self.candidates: list[Option] = []

    def value_from_datadict(self, data: Any, files: Any, name: str) -> tuple[list[str], str]:
        ids = data.getlist(name) if hasattr(data, "getlist") else _ids(data.get(name))
        return [i for i in ids if i], str(data.get(f"{name}_search", "") or "")

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and f"{name}_search" not in data

    def format_value(self, value: Any) -> Any:
        return value

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        bound = isinstance(value, tuple)
        ids, text = value if bound else (_ids(value), "")
        picker = self.picker
        chosen = picker.options_for(ids) if picker is not None and ids else []
        if not self.multiple and chosen and not text:
            text = chosen[0].label
        if self.candidates:
            text = ""
        attrs = context["widget"]["attrs"]
        context["widget"].update(
            {
                "multiple": self.multiple,
                "chosen": chosen,
                "chosen_id": chosen[0].id if chosen and not self.multiple else "",
                "text": text,
                "candidates": self.candidates,
                "search_url": picker.search_url if picker is not None else "",
                "results_id": f"{attrs.get('id') or name}_results",
                "hint_id": f"{attrs.get('id') or name}_hint",
            }
        )
        return context

    def id_for_label(self, id_: str) -> str:
        return id_


class PickerMultipleInput(PickerInput):
    multiple = True


# --- Fields ------------------------------------------------------------------------------------
class PickerField(forms.Field):
    """One record picked from ``queryset`` by typing its name (see the module's docstring).
    Forms set ``queryset`` and ``search_url`` in ``__init__``, like a ``ModelChoiceField``."""

    widget = PickerInput
    default_error_messages = {
        "invalid_choice": _("This choice is not available here: choose from the list."),
        "no_match": _("Nothing matches “%(query)s”: check the spelling or type less of it."),
        "several": _("Several match “%(query)s”: choose one below, or type more of the name."),
    }

    def __init__(
        self,
        *,
        kind: PickerKind,
        queryset: QuerySet[Any] | None = None,
        search_url: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.kind = kind
        self.queryset = queryset
        self.search_url = search_url
        self._link()

    def _link(self) -> None:
        self.widget.picker = self  # type: ignore[attr-defined]

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        result = super().__deepcopy__(memo)  # type: ignore[misc]
        result._link()
        return result

    def _objects(self) -> QuerySet[Any]:
        if self.queryset is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"], "invalid_choice")
        return self.queryset

    def options_for(self, ids: Sequence[str]) -> list[Option]:
        wanted = [int(i) for i in ids if str(i).isdigit()]
        if not wanted or self.queryset is None:
            return []
        found = {
            o.pk: o for o in self.queryset.filter(pk__in=wanted).select_related(*self.kind.related)
        }
        return options(self.kind, [found[i] for i in dict.fromkeys(wanted) if i in found])

    def _chosen(self, ids: Sequence[str]) -> list[Any]:
        """The records of ``ids``, every one of them in the queryset, or the form's message."""
        wanted = list(dict.fromkeys(ids))
        if not all(i.isdigit() for i in wanted):
            raise forms.ValidationError(self.error_messages["invalid_choice"], "invalid_choice")
        found = {o.pk: o for o in self._objects().filter(pk__in=[int(i) for i in wanted])}
        if len(found) != len(wanted):
            raise forms.ValidationError(self.error_messages["invalid_choice"], "invalid_choice")
        return [found[int(i)] for i in wanted]

    def _typed(self, text: str) -> Any:
        """The one record ``text`` names, or the form's message (with candidates to choose)."""
        matches, _more = picker_matches(self._objects(), self.kind, text)
        exact = [m for m in matches if fold(self.kind.label(m)) == fold(text)]
        if len(exact) == 1:
            return exact[0]
        if len(matches) == 1:
            return matches[0]
        params = {"query": text}
        if not matches:
            raise forms.ValidationError(self.error_messages["no_match"], "no_match", params)
        self.widget.candidates = options(self.kind, matches)  # type: ignore[attr-defined]
        raise forms.ValidationError(self.error_messages["several"], "several", params)

    def to_python(self, value: Any) -> Any:
        ids, text = value if isinstance(value, tuple) else (_ids(value), "")
        text = text.strip()[:MAX_QUERY]
        if ids:
            chosen = self._chosen(ids[:1])[0]
            if not text or fold(text) == fold(self.kind.label(chosen)):
                return chosen
        return self._typed(text) if query_words(text) else None

    def has_changed(self, initial: Any, data: Any) -> bool:
        ids, text = data if isinstance(data, tuple) else (_ids(data), "")
        return bool(text) or _ids(initial)[:1] != ids[:1]


class PickerMultipleField(PickerField):
    """Several records: the chosen ones are ticked checkboxes, a typed name adds one more."""

    widget = PickerMultipleInput

    def to_python(self, value: Any) -> Any:
        ids, text = value if isinstance(value, tuple) else (_ids(value), "")
        chosen = self._chosen(ids) if ids else []
        text = text.strip()[:MAX_QUERY]
        if query_words(text):
            typed = self._typed(text)
            if typed not in chosen:
                chosen.append(typed)
        return chosen

    def validate(self, value: Any) -> None:
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], "required")

    def has_changed(self, initial: Any, data: Any) -> bool:
        ids, text = data if isinstance(data, tuple) else (_ids(data), "")
        return bool(text) or sorted(_ids(initial)) != sorted(ids)
