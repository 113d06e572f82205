"""No lost update (issue 19 point 1), on PostgreSQL with two real connections.

Two people opened the same record at the same revision and save at the same moment, each in a
thread with its own connection: one save is written, the other is refused with StaleEdit and
the stored text; nothing the first wrote is overwritten.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection

from sargs.core.versioning import StaleEdit

from .test_concurrent_transitions import race, reference_data

__all__ = ["reference_data"]  # the fixture, used by every test here

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="two saves in two real connections need PostgreSQL; SQLite locks the whole "
        "database file",
    ),
    pytest.mark.django_db(transaction=True),
]


def _one_stale(results: list[object]) -> tuple[object, StaleEdit]:
    stale = [r for r in results if isinstance(r, StaleEdit)]
    saved = [r for r in results if not isinstance(r, Exception)]
    assert len(stale) == 1 and len(saved) == 1, results
    return saved[0], stale[0]


def test_two_coordinators_save_the_strategic_part_at_once(cast):
    from sargs.programme import services
    from sargs.programme.models import ProgrammeVersion
    from sargs.programme.tests.helpers import draft_programme, frozen_assessment

    frozen_assessment(cast.municipality_a, 2024)
    programme, _ = draft_programme(
        cast.coordinator, cast.municipality_a, cast.institutions["a_social"]
    )
    opened = programme.versions.get()
    start = opened.revision

    def save(text: str) -> object:
        mine = ProgrammeVersion.objects.get(pk=opened.pk)  # as each request loads it
        return services.version_update(
            actor=cast.coordinator, version=mine, revision=start, legal_basis=text
        )

    results = race(lambda: save("Pirmais"), lambda: save("Otrais"))

    _saved, stale = _one_stale(results)
    stored = ProgrammeVersion.objects.get(pk=opened.pk)
    assert stored.revision == start + 1
    assert stale.revision == start + 1
    assert stale.theirs["legal_basis"] == stored.legal_basis
    assert stored.legal_basis in ("Pirmais", "Otrais")


def test_two_social_workers_save_the_plan_at_once(cast):
    from sargs.cases.casework import services
    from sargs.cases.casework.models import RehabilitationPlan
    from sargs.cases.tests.helpers import open_case, today
    from sargs.organisations.roles import Role
    from sargs.organisations.testing import make_user

    colleague = make_user("a_social_2", (cast.institutions["a_social"], Role.SOCIAL_WORKER))
    _concern, case, _child = open_case(cast)
    review = today() + datetime.timedelta(days=60)

    def save(actor: object, goal: str) -> object:
        return services.plan_save(
            case=case, actor=actor, review_on=review, goals={"childcare": goal}, based_on=0
        )

    results = race(lambda: save(cast.social_worker, "Maltītes"), lambda: save(colleague, "Ārsts"))

    saved, stale = _one_stale(results)
    plans = list(RehabilitationPlan.objects.filter(case=case))
    assert plans == [saved]
    assert stale.revision == 1
    assert stale.theirs["goal_childcare"] == plans[0].goals.get().goal


def test_two_social_workers_record_an_assessment_at_once(cast):
    from sargs.cases.casework import services
    from sargs.cases.casework.models import Assessment
    from sargs.cases.tests.helpers import ALL_RATINGS, open_case, today
    from sargs.organisations.roles import Role
    from sargs.organisations.testing import make_user

    colleague = make_user("a_social_2", (cast.institutions["a_social"], Role.SOCIAL_WORKER))
    _concern, case, _child = open_case(cast)

    def record(actor: object, summary: str) -> object:
        return services.assessment_record(
            case=case,
            actor=actor,
            assessed_on=today(),
            overall_risk="medium",
            summary=summary,
            ratings=ALL_RATINGS,
            based_on=0,
        )

    results = race(
        lambda: record(cast.social_worker, "Pirmais"), lambda: record(colleague, "Otrais")
    )

    saved, stale = _one_stale(results)
    assert list(Assessment.objects.filter(case=case)) == [saved]
    assert stale.revision == 1
    assert stale.theirs["summary"] == Assessment.objects.get(case=case).summary


def _school_submission(cast: object) -> tuple[object, object, int]:
    from sargs.assessment import selectors, services
    from sargs.assessment.tests.collection_factories import make_period
    from sargs.organisations.roles import Role
    from sargs.organisations.testing import make_user

    colleague = make_user("a_school_2", (cast.institutions["a_school"], Role.SCHOOL_STAFF))
    draft = services.submission_for(
        institution=cast.institutions["a_school"], period=make_period(2025, 1)
    )
    e2 = selectors.definitions_for(draft.institution, draft.period)[0].pk
    return colleague, draft, e2


def test_two_people_save_the_same_figure_of_a_submission_at_once(cast):
    from sargs.assessment import services
    from sargs.assessment.models import ReportedValue, Submission

    colleague, draft, e2 = _school_submission(cast)
    shown = {(e2, "pupils"): ("", None)}

    def save(actor: object, amount: int) -> object:
        submission = Submission.objects.get(pk=draft.pk)  # as each request loads it
        return services.save_values(
            actor=actor,
            submission=submission,
            values={(e2, "pupils"): ("number", Decimal(amount))},
            based_on=0,
            shown=shown,
        )

    results = race(lambda: save(cast.school_staff, 12), lambda: save(colleague, 15))

    _saved, stale = _one_stale(results)
    stored = ReportedValue.objects.get(submission=draft)
    assert Submission.objects.get(pk=draft.pk).revision == 1
    assert stale.revision == 1
    assert stale.theirs == {"E2:pupils": {"state": "number", "amount": str(stored.amount)}}
    assert stored.amount in (Decimal(12), Decimal(15))


def test_two_people_save_different_figures_of_a_submission_at_once(cast):
    from sargs.assessment import services
    from sargs.assessment.models import ReportedValue, Submission

    colleague, draft, e2 = _school_submission(cast)
    empty = ("", None)
    shown = {(e2, "pupils"): empty, (e2, "pupils|sex=f"): empty}

    def save(actor: object, cell: str) -> object:
        submission = Submission.objects.get(pk=draft.pk)
        values = {key: empty for key in shown}
        values[(e2, cell)] = ("number", Decimal(7))
        return services.save_values(
            actor=actor, submission=submission, values=values, based_on=0, shown=shown
        )

    results = race(
        lambda: save(cast.school_staff, "pupils"), lambda: save(colleague, "pupils|sex=f")
    )

    assert results == [1, 1], results  # the second kept the first one's figure: both written
    stored = {v.cell: v.amount for v in ReportedValue.objects.filter(submission=draft)}
    assert stored == {"pupils": Decimal(7), "pupils|sex=f": Decimal(7)}
    assert Submission.objects.get(pk=draft.pk).revision == 2
