"""Codes shown in words: each app registers the choice sets whose codes are stored outside a
choice field (lists of codes in a JSONField, codes in text), and every page turns them into
labels through the ``label``/``labels`` filters in ``core.templatetags.sargs``, in the
interface's language (issue 15, point 9). One place, so no page prints "budget, childcare".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from django.db.models import Choices

C = TypeVar("C", bound=type[Choices])

_REGISTRY: dict[str, type[Choices]] = {}


def register_choices(name: str) -> Callable[[C], C]:
    """Class decorator: make ``choices`` known to the label filters as ``name``."""

    def register(choices: C) -> C:
        if _REGISTRY.get(name, choices) is not choices:
            raise ValueError(f"choice set {name!r} registered twice")
        _REGISTRY[name] = choices
        return choices

    return register


def choice_label(name: str, code: object) -> str:
    """The label of ``code`` in the registered set ``name`` (the code itself if unknown, so
    a retired code still shows something)."""
    choices = _REGISTRY[name]  # an unknown set is a programming error: fail loudly
    labels = dict(choices.choices)
    return str(labels.get(code, code))


def choice_labels(name: str, codes: Iterable[object] | None) -> list[str]:
    return [choice_label(name, code) for code in codes or ()]
