"""Texts the system writes about a case (timeline entries, task titles), kept as a code with
parameters and put into words when read, in the reader's language.

A timeline entry written in Latvian reads in English for an English reader: the entry stores
``message`` (a code below) and ``params`` (JSON), and ``render`` looks the code's text up with
gettext at reading time. Parameters are strings (names, free text people typed), dates
(``{"date": "2026-05-04"}``, shown dd.mm.yyyy), choice codes named in the message's
``choices`` (shown by their label) or another message (``{"code": ..., "params": ...}``, e.g.
the title of a system task inside "Task done: …"). Free text stays in ``text`` as it was
typed, and ``text`` also keeps the words as first written, so older readers still have them.

Codes are never renamed: rows hold them. A message's English may change (its Latvian with it);
a code no longer used stays here so the old rows still read.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import CaseOutcome, RiskLevel

Params = dict[str, Any]


@dataclass(frozen=True)
class Template:
    text: Promise
    choices: Mapping[str, type[models.Choices]] = field(default_factory=dict)


MESSAGES: dict[str, Template] = {
    "participant_joined": Template(_("%(institution)s joined the case.")),
    "assessment_recorded": Template(
        _("Needs and risk assessment: overall risk %(risk)s."), {"risk": RiskLevel}
    ),
    "case_closed": Template(_("The case was closed: %(outcome)s."), {"outcome": CaseOutcome}),
    "task_set": Template(_("Task for %(institution)s until %(date)s: %(title)s")),
    "task_done": Template(_("Task done: %(title)s")),
    "task_done_with_result": Template(_("Task done: %(title)s. %(result)s")),
    "task_cancelled": Template(_("Task cancelled: %(title)s. %(reason)s")),
    "plan_saved": Template(_("Rehabilitation plan version %(n)s; review on %(date)s.")),
    "plan_agreed": Template(_("The family agreed to plan version %(n)s on %(date)s.")),
    "concern_taken_up": Template(_("The social service took the concern of %(date)s up.")),
    "referral_made": Template(_("Referral to %(service)s (%(provider)s) from %(date)s.")),
    "handed_over": Template(
        _("%(child)s was handed over to %(to)s on %(date)s; the case went with the child.")
    ),
    "taken_over": Template(
        _(
            "%(child)s was taken over from %(from)s on %(date)s: see the transfer summary and "
            "the case the child came from."
        )
    ),
}


@dataclass(frozen=True)
class Message:
    """A system text ready to store: ``code`` and JSON ``params``."""

    code: str
    params: Params

    def __str__(self) -> str:
        return render(self.code, self.params)


def message(code: str, /, **params: object) -> Message:
    """The message ``code`` with its parameters made storable (dates, nested messages)."""
    if code not in MESSAGES:
        raise KeyError(f"unknown system message {code!r}")
    return Message(code, {name: _storable(value) for name, value in params.items()})


def _storable(value: object) -> object:
    if isinstance(value, Message):
        return {"code": value.code, "params": value.params}
    if isinstance(value, datetime.date):
        return {"date": value.isoformat()}
    if isinstance(value, models.Choices):
        return value.value
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return value


def render(code: str, params: Mapping[str, Any]) -> str:
    """The message in the active language; "" for an unknown code (the caller falls back)."""
    template = MESSAGES.get(code)
    if template is None:
        return ""
    values = {name: _readable(value, template.choices.get(name)) for name, value in params.items()}
    try:
        return gettext(str(template.text)) % values
    except (KeyError, TypeError, ValueError):
        return ""


def _readable(value: Any, choices: type[models.Choices] | None) -> object:
    if isinstance(value, dict) and "date" in value:
        return datetime.date.fromisoformat(value["date"]).strftime("%d.%m.%Y")
    if isinstance(value, dict) and "code" in value:
        return render(value["code"], value.get("params", {}))
    if isinstance(value, list):
        return ", ".join(str(_readable(v, choices)) for v in value)
    if choices is not None:
        labels = dict(choices.choices)
        return labels.get(value, value)
    return value


def register_message(code: str, template: Template) -> None:
    """A message of a sub-area built on casework (concerns, court) whose choices live there."""
    if MESSAGES.get(code, template) != template:
        raise ValueError(f"system message {code!r} registered twice")
    MESSAGES[code] = template


# --- Reading back texts written before the codes (the data migration) ----------------------

_PLACEHOLDER = re.compile(r"%\((\w+)\)s")
_DATE = re.compile(r"\d{2}\.\d{2}\.\d{4}")
LANGUAGES = ("lv", "en")


def message_from_text(text: str) -> Message | None:
    """The message whose words in Latvian or English are ``text``, with its parameters; None
    for a text no message writes (a note, or words changed since)."""
    for language in LANGUAGES:
        with translation.override(language):
            for code, template in MESSAGES.items():
                params = _match(template, text)
                if params is not None:
                    return Message(code, params)
    return None


def _match(template: Template, text: str) -> Params | None:
    words = gettext(str(template.text))
    pattern = "".join(
        f"(?P<{part}>.+?)" if index % 2 else re.escape(part)
        for index, part in enumerate(_PLACEHOLDER.split(words))
    )
    found = re.fullmatch(pattern, text, flags=re.DOTALL)
    if found is None:
        return None
    params: Params = {}
    for name, value in found.groupdict().items():
        choices = template.choices.get(name)
        if choices is not None:
            codes = _codes(choices, value)
            if codes is None:
                return None
            params[name] = codes
        elif _DATE.fullmatch(value):
            params[name] = _storable(datetime.datetime.strptime(value, "%d.%m.%Y").date())
        else:
            nested = message_from_text(value) if name == "title" else None
            params[name] = _storable(nested) if nested else value
    return params


def _codes(choices: type[models.Choices], words: str) -> object:
    """The code of a label (or the codes of a list of labels) in the active language."""
    by_label = {str(label): code for code, label in choices.choices}
    if words in by_label:
        return by_label[words]
    labels = words.split(", ")
    if all(label in by_label for label in labels):
        return [by_label[label] for label in labels]
    return None
