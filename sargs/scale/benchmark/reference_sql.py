"""Hand-written SQL for the computed indicators: the yardstick for ``assessment.computed``.

One statement per indicator, grouped by municipality, so the same query answers for one
municipality or for all of them. They mean exactly what ``sargs/assessment/computed.py``
means (``tests`` compare the two on the same records); what differs is only who wrote the SQL.
On PostgreSQL the category test uses jsonb containment (``@>``), which an ORM ``icontains``
cannot; elsewhere it is the same text match.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection

from sargs.assessment.computed import (
    CARE_FORMS,
    PARENT_GROUP_PREFIX,
    SERVICE_CATEGORIES,
    STARTED_REFERRAL,
    VIOLENCE,
    _years_before,
    period_bounds,
)

# {(municipality id, indicator code, cell): amount}
Figures = dict[tuple[int, str, str], Decimal]


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date

    @property
    def eighteen(self) -> datetime.date:
        return _years_before(self.start, 18)

    @property
    def seven(self) -> datetime.date:
        return _years_before(self.end, 7)


def _in(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"  # constants from code, not input


def _has(column: str, category: str) -> str:
    if connection.vendor == "postgresql":
        return f"{column} @> '[\"{category}\"]'::jsonb"
    return f"CAST({column} AS TEXT) LIKE '%%\"{category}\"%%'"  # %% : the query takes params


def _where_municipality(column: str, municipality_id: int | None) -> str:
    return f" AND {column} = {int(municipality_id)}" if municipality_id is not None else ""


def _children_columns(
    alias: str, condition: str, prefix: str = "children"
) -> list[tuple[str, str]]:
    """(cell, SQL) pairs counting distinct children by age group and sex."""
    kid = f"({condition} AND {alias}.birth_date > %(eighteen)s AND {alias}.birth_date <= %(end)s)"
    return [
        (prefix, f"COUNT(DISTINCT CASE WHEN {kid} THEN {alias}.id END)"),
        (
            f"{prefix}|age=0_6",
            f"COUNT(DISTINCT CASE WHEN {kid} AND {alias}.birth_date > %(seven)s "
            f"THEN {alias}.id END)",
        ),
        (
            f"{prefix}|age=7_17",
            f"COUNT(DISTINCT CASE WHEN {kid} AND {alias}.birth_date <= %(seven)s "
            f"THEN {alias}.id END)",
        ),
        (
            f"{prefix}|sex=f",
            f"COUNT(DISTINCT CASE WHEN {kid} AND {alias}.sex = 'female' THEN {alias}.id END)",
        ),
        (
            f"{prefix}|sex=m",
            f"COUNT(DISTINCT CASE WHEN {kid} AND {alias}.sex = 'male' THEN {alias}.id END)",
        ),
    ]


def _run(
    code: str, columns: list[tuple[str, str]], body: str, period: Period, eighteen_from_end: bool
) -> Figures:
    select = ", ".join(sql for _cell, sql in columns)
    params = {
        "start": period.start,
        "end": period.end,
        "seven": period.seven,
        "eighteen": _years_before(period.end, 18) if eighteen_from_end else period.eighteen,
    }
    figures: Figures = {}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT m, {select} {body} GROUP BY m", params)
        for row in cursor.fetchall():
            for (cell, _sql), value in zip(columns, row[1:], strict=True):
                if not cell.startswith("_"):
                    figures[(row[0], code, cell)] = Decimal(value or 0)
    return figures


STARTED = (
    f"r.status IN {_in(STARTED_REFERRAL)} AND r.started_on <= %(end)s "
    "AND (r.ended_on IS NULL OR r.ended_on >= %(start)s)"
)


def l1(period: Period, municipality_id: int | None) -> Figures:
    columns = [
        ("families", "COUNT(DISTINCT c.id)"),
        *_children_columns("ch", "cc.added_on <= %(end)s"),
    ]
    body = (
        "FROM (SELECT c.municipality_id AS m, c.id FROM cases_case c "
        "WHERE c.opened_on <= %(end)s AND (c.closed_on IS NULL OR c.closed_on >= %(start)s)"
        f"{_where_municipality('c.municipality_id', municipality_id)}) c "
        "LEFT JOIN cases_casechild cc ON cc.case_id = c.id "
        "LEFT JOIN registry_child ch ON ch.id = cc.child_id"
    )
    return _run("L1", columns, body, period, False)


def l2(period: Period, municipality_id: int | None) -> Figures:
    named = tuple(code for codes in SERVICE_CATEGORIES.values() for code in codes)
    columns = [("families", "COUNT(DISTINCT r.case_id)")]
    for category, codes in SERVICE_CATEGORIES.items():
        columns.append(
            (
                f"families|service={category}",
                f"COUNT(DISTINCT CASE WHEN t.code IN {_in(codes)} THEN r.case_id END)",
            )
        )
    columns.append(
        (
            "families|service=parent_groups",
            f"COUNT(DISTINCT CASE WHEN t.code LIKE '{PARENT_GROUP_PREFIX}%%' THEN r.case_id END)",
        )
    )
    columns.append(
        (
            "families|service=other",
            f"COUNT(DISTINCT CASE WHEN t.code NOT IN {_in(named)} "
            f"AND t.code NOT LIKE '{PARENT_GROUP_PREFIX}%%' THEN r.case_id END)",
        )
    )
    columns += _children_columns("ch", "cc.added_on <= %(end)s")
    body = (
        "FROM (SELECT c.municipality_id AS m, r.* FROM cases_referral r "
        "JOIN cases_case c ON c.id = r.case_id "
        f"WHERE {STARTED}{_where_municipality('c.municipality_id', municipality_id)}) r "
        "JOIN services_municipalservice s ON s.id = r.service_id "
        "JOIN services_servicetype t ON t.id = s.service_type_id "
        "LEFT JOIN cases_casechild cc ON cc.case_id = r.case_id "
        "LEFT JOIN registry_child ch ON ch.id = cc.child_id"
    )
    return _run("L2", columns, body, period, False)


def _custody(code: str, columns: list[tuple[str, str]], extra: str) -> Callable[..., Figures]:
    def run(period: Period, municipality_id: int | None) -> Figures:
        body = (
            "FROM (SELECT ch.municipality_id AS m, cr.status, rel.representative_id "
            "FROM registry_custodyrecord cr "
            "JOIN registry_childrepresentative rel ON rel.id = cr.relation_id "
            "JOIN registry_child ch ON ch.id = rel.child_id "
            "WHERE cr.effective_from BETWEEN %(start)s AND %(end)s"
            f"{extra}{_where_municipality('ch.municipality_id', municipality_id)}) x"
        )
        return _run(code, columns, body, period, False)

    return run


f1 = _custody(
    "F1",
    [
        (
            "suspended",
            "COUNT(DISTINCT CASE WHEN status = 'suspended' THEN representative_id END)",
        ),
        ("deprived", "COUNT(DISTINCT CASE WHEN status = 'deprived' THEN representative_id END)"),
    ],
    "",
)
f2 = _custody(
    "F2",
    [("restored", "COUNT(DISTINCT representative_id)")],
    " AND cr.status IN ('restored', 'restored_by_court')",
)


def _placements(municipality_id: int | None, extra: str = "") -> str:
    return (
        "FROM (SELECT p.deciding_municipality_id AS m, p.form, p.carer, p.child_id "
        "FROM cases_placement p WHERE p.placed_on <= %(end)s "
        "AND (p.ended_on IS NULL OR p.ended_on > %(end)s)"
        f"{extra}{_where_municipality('p.deciding_municipality_id', municipality_id)}) p "
        "JOIN registry_child ch ON ch.id = p.child_id"
    )


def f3(period: Period, municipality_id: int | None) -> Figures:
    kid = "ch.birth_date > %(eighteen)s AND ch.birth_date <= %(end)s"
    columns = _children_columns("ch", "1 = 1") + [
        (
            f"children|form={form}",
            f"COUNT(DISTINCT CASE WHEN p.form IN {_in(codes)} AND {kid} THEN ch.id END)",
        )
        for form, codes in CARE_FORMS.items()
    ]
    return _run("F3", columns, _placements(municipality_id), period, True)


def f4(period: Period, municipality_id: int | None) -> Figures:
    """Foster families in the court's register at the period's end (crisis ones specialised)."""
    columns = [
        ("families", "COUNT(*)"),
        ("specialised", "COUNT(CASE WHEN f.kind IN ('specialised', 'crisis') THEN 1 END)"),
    ]
    body = (
        "FROM (SELECT f.municipality_id AS m, f.kind FROM cases_fosterfamily f "
        "WHERE f.registered_on <= %(end)s AND (f.removed_on IS NULL OR f.removed_on > %(end)s)"
        f"{_where_municipality('f.municipality_id', municipality_id)}) f"
    )
    return _run("F4", columns, body, period, False)


def _concern_children(code: str, measure: str, category: str) -> Callable[..., Figures]:
    key = (
        "CASE WHEN k.child_id IS NOT NULL THEN 'c' || CAST(k.child_id AS VARCHAR(20)) "
        "ELSE 'n' || LOWER(k.child_first_name) || '|' || LOWER(k.child_last_name) || '|' "
        "|| CAST(k.child_birth_date AS VARCHAR(10)) END"
    )
    columns = [
        (measure, f"COUNT(DISTINCT {key})"),
        (f"{measure}|sex=f", "COUNT(DISTINCT CASE WHEN ch.sex = 'female' THEN ch.id END)"),
        (f"{measure}|sex=m", "COUNT(DISTINCT CASE WHEN ch.sex = 'male' THEN ch.id END)"),
        ("_unlinked", "COUNT(CASE WHEN k.child_id IS NULL THEN 1 END)"),
    ]

    def run(period: Period, municipality_id: int | None) -> Figures:
        body = (
            "FROM (SELECT k.municipality_id AS m, k.* FROM cases_concern k "
            "WHERE k.observed_on BETWEEN %(start)s AND %(end)s AND "
            f"{_has('k.categories', category)}"
            f"{_where_municipality('k.municipality_id', municipality_id)}) k "
            "LEFT JOIN registry_child ch ON ch.id = k.child_id"
        )
        select = ", ".join(sql for _cell, sql in columns)
        params = {"start": period.start, "end": period.end}
        figures: Figures = {}
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT m, {select} {body} GROUP BY m", params)
            for m, total, girls, boys, unlinked in cursor.fetchall():
                figures[(m, code, measure)] = Decimal(total)
                if not unlinked:  # the sex of an unlinked concern's child is unknown
                    figures[(m, code, f"{measure}|sex=f")] = Decimal(girls)
                    figures[(m, code, f"{measure}|sex=m")] = Decimal(boys)
        return figures

    return run


e2 = _concern_children("E2", "pupils", "school_absence")
s1 = _concern_children("S1", "children", "offence")


def e3(period: Period, municipality_id: int | None) -> Figures:
    any_violence = " OR ".join(_has("k.categories", c) for c in VIOLENCE.values())
    columns = [("cases", "COUNT(*)")] + [
        (f"cases|kind={kind}", f"COUNT(CASE WHEN {_has('k.categories', c)} THEN 1 END)")
        for kind, c in VIOLENCE.items()
    ]
    body = (
        "FROM (SELECT k.municipality_id AS m, k.categories FROM cases_concern k "
        "WHERE k.observed_on BETWEEN %(start)s AND %(end)s AND k.place = 'school' "
        f"AND ({any_violence}){_where_municipality('k.municipality_id', municipality_id)}) k"
    )
    return _run("E3", columns, body, period, False)


def s5(period: Period, municipality_id: int | None) -> Figures:
    columns = [("participants", "COUNT(DISTINCT r.case_id)")]
    body = (
        "FROM (SELECT c.municipality_id AS m, r.case_id FROM cases_referral r "
        "JOIN cases_case c ON c.id = r.case_id "
        "JOIN services_municipalservice s ON s.id = r.service_id "
        "JOIN services_servicetype t ON t.id = s.service_type_id "
        f"WHERE {STARTED} AND t.code LIKE '{PARENT_GROUP_PREFIX}%%'"
        f"{_where_municipality('c.municipality_id', municipality_id)}) r"
    )
    return _run("S5", columns, body, period, False)


YEARLY: dict[str, Callable[[Period, int | None], Figures]] = {
    "E3": e3,
    "L1": l1,
    "L2": l2,
    "S1": s1,
    "S5": s5,
    "F1": f1,
    "F2": f2,
    "F3": f3,
    "F4": f4,
}
SEMESTER: dict[str, Callable[[Period, int | None], Figures]] = {"E2": e2}


def compute_sql(year: int, semester: int = 0, municipality_id: int | None = None) -> Figures:
    """Every computed indicator for one municipality (or all, ``None``) by hand-written SQL."""
    period = Period(*period_bounds(year, semester))
    figures: Figures = {}
    for run in (SEMESTER if semester else YEARLY).values():
        figures.update(run(period, municipality_id))
    return figures
