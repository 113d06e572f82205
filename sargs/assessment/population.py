"""Child population by municipality, age group and sex: the denominator for rates.

The source is the PMLP open data set "Bērnu vecuma un dzimuma struktūra pašvaldībās"
(children by declared address, published for 1 January and 1 July). We read it as a CSV with
one row per municipality::

    Pašvaldība;ATVK;Datums;0-6 gadi zēni;0-6 gadi meitenes;7-17 gadi zēni;7-17 gadi meitenes;Kopā

The separator may be a semicolon or a comma, the file UTF-8 with or without a BOM. The
municipality is matched by ATVK code when the column is there, otherwise by name; the date
comes from a "Datums" column or, when the file has none, from the importer. "Kopā" (total) is
optional and, when present, must equal the four counts. A national total row ("Latvija",
"Kopā") is skipped. The import is all or nothing: one bad row and nothing is written.
Importing a date again replaces that date's figures for the municipalities in the file.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from sargs.organisations.models import Municipality, MunicipalityKind
from sargs.registry.models import normalise_name

from .models import AgeGroup, ChildPopulation, Sex

MAX_ERRORS = 20

# Normalised header → (age group, sex). "0-6 gadi zēni", "0–6 gadi meitenes", …
_COUNT_HEADER = re.compile(r"^(0-6|7-17)\s*(?:gadi|g\.?)?\s*(zeni|meitenes|boys|girls)$")
_SEX_WORDS = {"zeni": Sex.MALE, "boys": Sex.MALE, "meitenes": Sex.FEMALE, "girls": Sex.FEMALE}
_AGE_WORDS = {"0-6": AgeGroup.AGE_0_6, "7-17": AgeGroup.AGE_7_17}
_NAME_HEADERS = {"pasvaldiba", "pasvaldibas nosaukums", "teritorija", "municipality", "nosaukums"}
_CODE_HEADERS = {"atvk", "atvk kods", "kods", "atvk code", "code"}
_DATE_HEADERS = {"datums", "uz datumu", "dati uz", "date", "reference date"}
_TOTAL_HEADERS = {"kopa", "pavisam", "total", "berni kopa"}
_NATIONAL_ROWS = {"latvija", "kopa", "pavisam", "pavisam kopa", "latvija kopa", "total"}

CELLS: tuple[tuple[str, str], ...] = tuple((a, s) for a in AgeGroup.values for s in Sex.values)


def _norm(text: str) -> str:
    return normalise_name(text.replace("–", "-").replace("—", "-")).replace(" - ", "-")


@dataclass
class ImportResult:
    reference_dates: list[datetime.date] = field(default_factory=list)
    municipalities: int = 0
    rows_written: int = 0
    skipped: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Row:
    line: int
    municipality: Municipality
    reference_date: datetime.date
    counts: dict[tuple[str, str], int]


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            _("The file is not UTF-8 text. Save it from the spreadsheet as “CSV UTF-8”.")
        ) from None


def _reader(text: str) -> Iterable[list[str]]:
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    return csv.reader(io.StringIO(text), delimiter=delimiter)


def parse_date(value: str) -> datetime.date | None:
    value = value.strip()
    for fmt in ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%Y.", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def _name_keys(municipality: Municipality) -> set[str]:
    """The ways a municipality's name is written: "Rīga", "Rīgas valstspilsēta", "… nov."."""
    name = municipality.name
    keys = {_norm(name)}
    if municipality.kind == MunicipalityKind.STATE_CITY:
        genitive = name + "s" if name[-1] in "ae" else name
        keys |= {_norm(f"{genitive} valstspilsēta"), _norm(f"{genitive} valstspilsētas pašvaldība")}
    elif name.endswith(" novads"):
        stem = name.removesuffix(" novads")
        keys |= {_norm(f"{stem} nov."), _norm(f"{stem} novada pašvaldība")}
    return keys


class _Matcher:
    def __init__(self) -> None:
        self.municipalities = list(Municipality.objects.all())
        self.by_code = {m.atvk: m for m in self.municipalities}
        self.by_name: dict[str, list[Municipality]] = {}
        for m in self.municipalities:
            for key in _name_keys(m):
                self.by_name.setdefault(key, []).append(m)

    def match(self, code: str, name: str, day: datetime.date) -> Municipality | None:
        code = code.strip()
        if code:
            return self.by_code.get(code.zfill(7)) if code.isdigit() else None
        found = self.by_name.get(_norm(name), [])
        valid = [m for m in found if m.is_valid_on(day)]
        candidates = valid or found
        return candidates[0] if candidates else None


@dataclass
class _Columns:
    name: int | None = None
    code: int | None = None
    date: int | None = None
    total: int | None = None
    counts: dict[tuple[str, str], int] = field(default_factory=dict)


def _columns(header: list[str]) -> _Columns:
    cols = _Columns()
    for index, raw in enumerate(header):
        key = _norm(raw)
        # "0–6 gadi, zēni", "0-6 g. (zēni)": punctuation is not part of the name.
        match = _COUNT_HEADER.match(" ".join(re.sub(r"[^0-9a-z-]+", " ", key).split()))
        if match:
            cols.counts[(_AGE_WORDS[match[1]], _SEX_WORDS[match[2]])] = index
        elif key in _NAME_HEADERS:
            cols.name = index
        elif key in _CODE_HEADERS:
            cols.code = index
        elif key in _DATE_HEADERS:
            cols.date = index
        elif key in _TOTAL_HEADERS:
            cols.total = index
    missing = [
        f"{'0-6' if a == '0_6' else '7-17'} gadi {'zēni' if s == 'm' else 'meitenes'}"
        for a, s in CELLS
        if (a, s) not in cols.counts
    ]
    if missing:
        raise ValidationError(
            _("The file has no column “%(columns)s”. Expected the PMLP layout: %(layout)s.")
            % {"columns": "”, “".join(missing), "layout": LAYOUT}
        )
    if cols.name is None and cols.code is None:
        raise ValidationError(
            _("The file has neither a “Pašvaldība” nor an “ATVK” column. Expected: %(layout)s.")
            % {"layout": LAYOUT}
        )
    return cols


LAYOUT = (
    "Pašvaldība; ATVK; Datums; 0-6 gadi zēni; 0-6 gadi meitenes; 7-17 gadi zēni; 7-17 gadi meitenes"
)


def _cell(row: list[str], index: int | None) -> str:
    if index is None or index >= len(row):
        return ""
    return row[index].strip()


def _count(value: str) -> int | None:
    value = value.replace(" ", "").replace("\u00a0", "")
    return int(value) if value.isdigit() else None


class _Skip(Exception):
    """A national total row: not a municipality, not an error."""


def _row_date(
    line: int, row: list[str], cols: _Columns, label: str, default: datetime.date | None
) -> datetime.date:
    day = default
    if cols.date is not None:
        day = parse_date(_cell(row, cols.date))
        if day is None:
            raise ValidationError(
                _("Line %(line)s (%(name)s): “%(value)s” is not a date like 01.01.2025.")
                % {"line": line, "name": label, "value": _cell(row, cols.date)}
            )
    assert day is not None
    if not datetime.date(1990, 1, 1) <= day <= datetime.date.today() + datetime.timedelta(366):
        raise ValidationError(
            _("Line %(line)s (%(name)s): the date %(date)s is out of range.")
            % {"line": line, "name": label, "date": day.strftime("%d.%m.%Y")}
        )
    return day


def _row_counts(
    line: int, row: list[str], cols: _Columns, header: list[str], name: str
) -> dict[tuple[str, str], int]:
    counts: dict[tuple[str, str], int] = {}
    errors = []
    for cell, index in cols.counts.items():
        value = _count(_cell(row, index))
        if value is None:
            errors.append(
                _(
                    "Line %(line)s (%(name)s): “%(value)s” in column “%(column)s” is not a "
                    "whole number of children."
                )
                % {
                    "line": line,
                    "name": name,
                    "value": _cell(row, index),
                    "column": header[index].strip(),
                }
            )
        else:
            counts[cell] = value
    if errors:
        raise ValidationError(errors)
    if cols.total is not None and _cell(row, cols.total):
        if _count(_cell(row, cols.total)) != sum(counts.values()):
            raise ValidationError(
                _(
                    "Line %(line)s (%(name)s): the four counts add up to %(sum)s but the "
                    "total is %(total)s."
                )
                % {
                    "line": line,
                    "name": name,
                    "sum": sum(counts.values()),
                    "total": _cell(row, cols.total),
                }
            )
    return counts


def _parse_row(
    line: int,
    row: list[str],
    cols: _Columns,
    header: list[str],
    matcher: _Matcher,
    default: datetime.date | None,
) -> _Row:
    name, code = _cell(row, cols.name), _cell(row, cols.code)
    label = name or code
    if not code and _norm(name) in _NATIONAL_ROWS:
        raise _Skip(name)
    day = _row_date(line, row, cols, label, default)
    municipality = matcher.match(code, name, day)
    if municipality is None:
        raise ValidationError(
            _("Line %(line)s: no municipality “%(name)s” is known.") % {"line": line, "name": label}
        )
    counts = _row_counts(line, row, cols, header, municipality.name)
    return _Row(line, municipality, day, counts)


def _limited(errors: list[str]) -> list[str]:
    shown = errors[:MAX_ERRORS]
    if len(errors) > MAX_ERRORS:
        shown.append(_("… and %(count)s more problems.") % {"count": len(errors) - MAX_ERRORS})
    return shown


def parse(
    data: bytes, *, reference_date: datetime.date | None = None
) -> tuple[list[_Row], list[str]]:
    """The file's rows, matched and checked; raises ValidationError listing every problem."""
    rows = [r for r in _reader(_decode(data)) if any(c.strip() for c in r)]
    if not rows:
        raise ValidationError(_("The file is empty."))
    header = rows[0]
    cols = _columns(header)
    if cols.date is None and reference_date is None:
        raise ValidationError(
            _("The file has no “Datums” column: give the date the figures are for.")
        )
    matcher = _Matcher()
    errors: list[str] = []
    skipped: list[str] = []
    parsed: list[_Row] = []
    seen: dict[tuple[int, datetime.date], int] = {}
    for line, row in enumerate(rows[1:], start=2):
        try:
            item = _parse_row(line, row, cols, header, matcher, reference_date)
        except _Skip as skip:
            skipped.append(str(skip))
            continue
        except ValidationError as error:
            errors += error.messages
            continue
        key = (item.municipality.pk, item.reference_date)
        if key in seen:
            errors.append(
                _("Line %(line)s: %(name)s on %(date)s is already on line %(first)s.")
                % {
                    "line": line,
                    "name": item.municipality.name,
                    "date": item.reference_date.strftime("%d.%m.%Y"),
                    "first": seen[key],
                }
            )
            continue
        seen[key] = line
        parsed.append(item)
    if errors:
        raise ValidationError(_limited(errors))
    if not parsed:
        raise ValidationError(_("The file has no municipality rows."))
    return parsed, skipped


def population_import(
    *,
    data: bytes,
    reference_date: datetime.date | None = None,
    municipalities: Collection[int] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Import a PMLP file; all or nothing. ``municipalities`` limits the import to those ids
    (a coordinator's own); rows of other municipalities are skipped, not refused."""
    rows, skipped = parse(data, reference_date=reference_date)
    result = ImportResult(skipped=skipped)
    if municipalities is not None:
        result.skipped += [
            r.municipality.name for r in rows if r.municipality.pk not in municipalities
        ]
        rows = [r for r in rows if r.municipality.pk in municipalities]
        if not rows:
            raise ValidationError(_("The file has no rows for your municipality."))
    with transaction.atomic():
        for done, row in enumerate(rows, start=1):
            ChildPopulation.objects.filter(
                municipality=row.municipality, reference_date=row.reference_date
            ).delete()
            ChildPopulation.objects.bulk_create(
                ChildPopulation(
                    municipality=row.municipality,
                    reference_date=row.reference_date,
                    age_group=age,
                    sex=sex,
                    count=count,
                )
                for (age, sex), count in row.counts.items()
            )
            if progress is not None:
                progress(done, len(rows))
    result.reference_dates = sorted({r.reference_date for r in rows})
    result.municipalities = len({r.municipality.pk for r in rows})
    result.rows_written = len(rows) * len(CELLS)
    return result


class Population(TypedDict):
    """Children 0–17 on ``as_of``: ``total``, ``age`` {"0_6", "7_17"}, ``sex`` {"f", "m"},
    ``cells`` {("0_6", "f"): n, …}."""

    as_of: datetime.date
    total: int
    age: dict[str, int]
    sex: dict[str, int]
    cells: dict[tuple[str, str], int]


def population(municipality: Municipality | None, year: int) -> Population | None:
    """Children by age group and sex at the start of ``year`` (1 January), or at the nearest
    date with figures; None when nothing is imported. ``None`` as municipality: all of them."""
    base = ChildPopulation.objects.all()
    if municipality is not None:
        base = base.filter(municipality=municipality)
    dates = list(base.values_list("reference_date", flat=True).distinct())
    if not dates:
        return None
    start = datetime.date(year, 1, 1)
    as_of = min(dates, key=lambda d: (abs((d - start).days), d))
    rows = (
        base.filter(reference_date=as_of)
        .values_list("age_group", "sex")
        .annotate(n=Sum("count"))
        .order_by()
    )
    cells = {(a, s): 0 for a, s in CELLS}
    for age, sex, n in rows:
        cells[(age, sex)] = int(n)
    return Population(
        as_of=as_of,
        total=sum(cells.values()),
        age={a: sum(n for (x, _s), n in cells.items() if x == a) for a in AgeGroup.values},
        sex={s: sum(n for (_a, x), n in cells.items() if x == s) for s in Sex.values},
        cells=cells,
    )
