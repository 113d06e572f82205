"""No lost update (issue 19 point 1), on PostgreSQL with two real connections.

Two people opened the same record at the same revision and save at the same moment, each in a
thread with its own connection: one save is written, the other is refused with StaleEdit and
the stored text; nothing the first wrote is overwritten.
"""

from __future__ import annotations

import datetime

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
