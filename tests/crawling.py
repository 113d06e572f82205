"""Follow every link a signed-in user is offered, and read each page for what a user should
never see: a server error, a broken link, a raw choice code, text in the other language.

Used by tests/test_crawl.py (every demo user, both languages, Django's test client) and
tests/browser/test_crawl_accessibility.py (axe-core on one page of each URL pattern).

The crawl is bounded: same-origin GET links only, sign-out and the admin site skipped (the
admin is Django's own and reached only by staff), at most ``PER_PATTERN`` distinct pages per
URL pattern and set of query keys (the second page of a list counts as its own set), so a
list of 300 children does not mean 300 child pages.
"""

from __future__ import annotations

import gettext as gettext_module
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urldefrag, urlencode, urlsplit

from django.apps import apps
from django.conf import settings
from django.db import models
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import translation

PER_PATTERN = 3
SKIPPED_PREFIXES = ("/admin/", "/accounts/logout/", "/static/", "/media/", "/i18n/")
HTML = "text/html"
# Downloads: fetched and checked for their content type, not parsed.
DOWNLOAD_TYPES = (
    "application/pdf",
    "application/vnd.openxmlformats-officedocument",
    "application/json",
    "application/vnd.oai.openapi",
    "text/csv",
    "image/",
)
LATVIAN_LETTERS = re.compile(r"[āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ]")
WORD = re.compile(r"[\wāčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ][\w'’\-āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ]*")
# Words with Latvian letters an English page may show: the language switch names Latvian in
# Latvian, and the euro sign's neighbours are numbers.
ENGLISH_PAGE_ALLOWED = {"Latviešu", "latviešu"}


@dataclass
class Problem:
    url: str
    kind: str
    detail: str
    found_on: str = ""

    def __str__(self) -> str:
        where = f" (linked from {self.found_on})" if self.found_on else ""
        return f"[{self.kind}] {self.url}{where}: {self.detail}"


@dataclass
class CrawlResult:
    pages: dict[str, str] = field(default_factory=dict)  # URL -> route
    problems: list[Problem] = field(default_factory=list)

    def first_per_route(self) -> dict[str, str]:
        """One URL of each route (its first instance), for the slower checks."""
        first: dict[str, str] = {}
        for url, route in self.pages.items():
            first.setdefault(route, url)
        return first


class _PageReader(HTMLParser):
    """Visible text (text nodes outside script/style/template, and the texts a screen reader
    reads from attributes) and the links of one page."""

    SILENT = {"script", "style", "template", "head", "title", "svg"}
    SPOKEN_ATTRIBUTES = ("aria-label", "alt", "placeholder", "title")

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}

    def __init__(self, language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.links: list[str] = []
        self._silent = 0
        # Text marked as another language (``lang="lv"`` on an English page: a file format's
        # Latvian column names, the language switch) is in that language on purpose.
        self._language = language
        self._open: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in self.SILENT:
            self._silent += 1
        if tag not in self.VOID:
            lang = (values.get("lang") or "").split("-")[0]
            foreign = bool(lang) and lang != self._language
            self._open.append((tag, foreign))
        if tag == "a" and values.get("href") and "download" not in values:
            self.links.append(values["href"] or "")
        elif tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        for name in self.SPOKEN_ATTRIBUTES:
            if values.get(name) and not self._foreign():
                self.texts.append(values[name] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SILENT and self._silent:
            self._silent -= 1
        # Pop to the element this closes: unclosed <p>, <li> or <option> inside go with it.
        names = [name for name, _foreign in self._open]
        if tag in names:
            del self._open[len(names) - 1 - names[::-1].index(tag) :]

    def _foreign(self) -> bool:
        return any(foreign for _name, foreign in self._open)

    def handle_data(self, data: str) -> None:
        if not self._silent and not self._foreign() and data.strip():
            self.texts.append(data)


def read_page(html: str, language: str = "lv") -> tuple[str, list[str]]:
    reader = _PageReader(language)
    reader.feed(html)
    return "\n".join(reader.texts), reader.links


# --- What counts as a raw code or untranslated text -----------------------------------------


@cache
def choice_codes() -> dict[str, set[str]]:
    """Every stored choice code whose label differs from it, per language: code -> labels.

    Codes are the string values of every model field's choices (TextChoices and plain lists).
    """
    codes: dict[str, set[str]] = defaultdict(set)
    for model in apps.get_models():
        for model_field in model._meta.get_fields():
            choices = getattr(model_field, "choices", None)
            if not choices:
                continue
            for value, label in _flat(choices):
                if isinstance(value, str) and value and not value.isdigit():
                    codes[value].add(str(label))
    return dict(codes)


def _flat(choices: Iterable[tuple[object, object]]) -> Iterable[tuple[object, object]]:
    for value, label in choices:
        if isinstance(label, list | tuple):
            yield from _flat(label)  # type: ignore[arg-type]
        else:
            yield value, label


def raw_codes_in(text: str, language: str, exempt: set[str] = frozenset()) -> set[str]:  # type: ignore[assignment]
    """Choice codes shown as whole words where their label in ``language`` differs.

    On an English page a code like ``open`` is also an English word, so only codes a person
    would not write count there (with an underscore); on a Latvian page every English code
    of three letters or more ("no" and "m" are Latvian). Words people entered are exempt.
    """
    words = set(re.findall(r"[A-Za-z0-9_]+", text)) - exempt
    found = set()
    with translation.override(language):
        for code, labels in choice_codes().items():
            if code not in words or len(code) < 3:
                continue
            if language == "en" and "_" not in code:
                continue
            if all(str(_translated(label)).casefold() != code.casefold() for label in labels):
                found.add(code)
    return found


def _translated(label: str) -> str:
    return translation.gettext(label)


@cache
def english_phrases() -> frozenset[str]:
    """The catalogue's English texts a Latvian page must not show: whole msgids of two or
    more words without placeholders or markup, whose Latvian differs."""
    catalogue = gettext_module.GNUTranslations(
        (Path(settings.LOCALE_PATHS[0]) / "lv/LC_MESSAGES/django.mo").open("rb")
    )
    phrases = set()
    for msgid, msgstr in catalogue._catalog.items():  # type: ignore[attr-defined]
        if not isinstance(msgid, str) or not msgid or msgstr == msgid:
            continue
        if "\x04" in msgid:  # a context: pgettext's "context\x04text"
            msgid = msgid.split("\x04", 1)[1]
        if re.search(r"[%{}<>]", msgid) or " " not in msgid.strip() or len(msgid) < 8:
            continue
        phrases.add(msgid.strip())
    return frozenset(phrases)


# Words of English grammar that no Latvian sentence has: they catch text never put through
# gettext (or not translated yet), which the catalogue's phrases cannot.
ENGLISH_WORDS = frozenset(
    "the and for with of this these those your you before after must cannot has have was "
    "were been will not are is be an or which what when there their they it's don't".split()
)


def english_in_latvian(text: str) -> set[str]:
    flat = " ".join(text.split())
    found = {phrase for phrase in english_phrases() if _contains_phrase(flat, phrase)}
    for line in text.splitlines():
        words = [w for w in WORD.findall(line) if w.lower() in ENGLISH_WORDS]
        if words:
            found.add(" ".join(line.split())[:90])
    return found


def _contains_phrase(text: str, phrase: str) -> bool:
    start = text.find(phrase)
    while start != -1:
        before = text[start - 1] if start else " "
        end = start + len(phrase)
        after = text[end] if end < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            return True
        start = text.find(phrase, start + 1)
    return False


# Apps whose rows are not what people entered (the audit trail copies every page's data).
SYSTEM_APPS = {"audit", "auditlog", "sessions", "admin", "contenttypes", "auth", "axes"}


def user_data_words() -> set[str]:
    """Every word people entered (names, places, notes): held in the database's text fields,
    so Latvian letters in them on an English page are user data, not untranslated text."""
    words: set[str] = set()
    for model in apps.get_models():
        if model._meta.app_label in SYSTEM_APPS:
            continue
        text_fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
            and not f.choices
        ]
        if not text_fields:
            continue
        for row in model._default_manager.values_list(*text_fields):
            for value in row:
                for text in _strings(value):
                    words.update(WORD.findall(text))
    return words


def _strings(value: object) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def latvian_in_english(text: str, exempt: set[str]) -> set[str]:
    return {
        word
        for word in WORD.findall(text)
        if LATVIAN_LETTERS.search(word) and word not in exempt and word not in ENGLISH_PAGE_ALLOWED
    }


# --- The crawl ----------------------------------------------------------------------------


def _route(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.route


def _normalise(href: str, base: str) -> str | None:
    """The same-origin path and query of a link, or None for links the crawl does not follow."""
    href, _fragment = urldefrag(href.strip())
    if not href or href.startswith(("mailto:", "tel:", "javascript:", "data:")):
        return None
    parts = urlsplit(href)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None
    if parts.netloc and parts.netloc not in ("testserver", "localhost", "127.0.0.1"):
        return None
    path = parts.path
    if not path.startswith("/"):
        base_path = urlsplit(base).path
        path = base_path.rsplit("/", 1)[0] + "/" + path
    if path.startswith(SKIPPED_PREFIXES):
        return None
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return path + (f"?{query}" if query else "")


def crawl(
    client: Client,
    language: str,
    *,
    exempt_words: set[str],
    start: str = "/",
    per_pattern: int = PER_PATTERN,
    check_language: bool = True,
) -> CrawlResult:
    """Every page reachable from ``start``, read in ``language`` (the language cookie)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.raise_request_exception = False  # a server error is a finding, not a crash
    result = CrawlResult()
    seen: set[str] = {start}
    per_key: dict[tuple[str, tuple[str, ...]], int] = defaultdict(int)
    queue: list[tuple[str, str]] = [(start, "")]
    while queue:
        url, found_on = queue.pop(0)
        response = client.get(url)
        status = response.status_code
        kind = response.get("Content-Type", "")
        if status in (301, 302, 303, 307, 308):
            target = _normalise(response["Location"], url)
            if target and target not in seen:
                seen.add(target)
                queue.append((target, url))
            continue
        if status >= 500:
            result.problems.append(Problem(url, "server error", str(status), found_on))
            continue
        if status == 404:
            result.problems.append(Problem(url, "broken link", "404", found_on))
            continue
        if status != 200:
            # 403 and the like: the page offered a link its user may not follow.
            result.problems.append(Problem(url, "refused link", str(status), found_on))
            continue
        if not kind.startswith(HTML):
            if not kind.startswith(DOWNLOAD_TYPES):
                result.problems.append(Problem(url, "download type", kind, found_on))
            continue
        route = _route(urlsplit(url).path) or url
        result.pages[url] = route
        text, links = read_page(response.content.decode(), language)
        if check_language:
            _check_language(result, url, text, language, exempt_words)
        for href in links:
            target = _normalise(href, url)
            if not target or target in seen:
                continue
            target_route = _route(urlsplit(target).path)
            if target_route is None:
                seen.add(target)
                result.problems.append(Problem(target, "broken link", "no such URL", url))
                continue
            keys = tuple(sorted(k for k, _v in parse_qsl(urlsplit(target).query)))
            if per_key[(target_route, keys)] >= per_pattern:
                continue
            per_key[(target_route, keys)] += 1
            seen.add(target)
            queue.append((target, url))
    return result


def _check_language(
    result: CrawlResult, url: str, text: str, language: str, exempt_words: set[str]
) -> None:
    codes = raw_codes_in(text, language, exempt_words)
    if codes:
        result.problems.append(Problem(url, "raw code", ", ".join(sorted(codes))))
    if language == "en":
        latvian = latvian_in_english(text, exempt_words)
        if latvian:
            result.problems.append(
                Problem(url, "Latvian on English page", ", ".join(sorted(latvian)))
            )
    else:
        english = english_in_latvian(text)
        if english:
            result.problems.append(
                Problem(url, "English on Latvian page", " | ".join(sorted(english)))
            )


def recheck(
    client: Client, urls: Iterable[str], language: str, *, exempt_words: set[str]
) -> CrawlResult:
    """The pages at ``urls`` read again in ``language``: its errors and its language checks."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.raise_request_exception = False
    result = CrawlResult()
    for url in urls:
        response = client.get(url)
        if response.status_code != 200:
            result.problems.append(
                Problem(
                    url,
                    "server error" if response.status_code >= 500 else "refused",
                    str(response.status_code),
                )
            )
            continue
        result.pages[url] = _route(urlsplit(url).path) or url
        text, _links = read_page(response.content.decode(), language)
        _check_language(result, url, text, language, exempt_words)
    return result
