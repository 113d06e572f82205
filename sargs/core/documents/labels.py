"""The words the pipeline itself puts on every document, in the document's language (the
renderers call these with that language active)."""

from __future__ import annotations

from django.utils.translation import gettext, pgettext

PAGE_FIELD = "%(page)s"
PAGES_FIELD = "%(pages)s"


def confidential() -> str:
    return gettext("Confidential: personal data")


def draft() -> str:
    return pgettext("document marking", "DRAFT")


def signature() -> str:
    return pgettext("document", "(signature)")


def page_parts() -> list[str]:
    """ "Page X of Y" cut around its two numbers: text, PAGE_FIELD, text, PAGES_FIELD, text,
    so that each renderer puts its own page counters in their place."""
    text = gettext("Page %(page)s of %(pages)s")
    parts: list[str] = []
    rest = text
    while rest:
        cut = min(
            (i for i in (rest.find(PAGE_FIELD), rest.find(PAGES_FIELD)) if i >= 0), default=-1
        )
        if cut < 0:
            parts.append(rest)
            break
        field = PAGE_FIELD if rest.startswith(PAGE_FIELD, cut) else PAGES_FIELD
        parts += [rest[:cut], field]
        rest = rest[cut + len(field) :]
    return [p for p in parts if p]
