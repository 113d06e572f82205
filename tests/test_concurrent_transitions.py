"""Transitions that cannot run twice (issue 19, point 2), on PostgreSQL with real connections.

Two requests press the same button at the same moment, each in a thread with its own database
connection. Each service locks its row and checks the state after the lock
(sargs/core/transitions.py): exactly one wins, the other gets the service's message. To make
sure the two really overlap, the first to take the lock holds it a moment before it goes on;
without the lock, both would read the old state and both would "win".
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import translation

from sargs.core import transitions

from .reference_data import restore_reference_data

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks (SELECT ... FOR UPDATE) between two connections need PostgreSQL; "
        "SQLite locks the whole database file",
    ),
    pytest.mark.django_db(transaction=True),
]

HOLD = 0.4  # seconds the lock holder waits before it goes on


@pytest.fixture(autouse=True)
def reference_data(transactional_db: None) -> None:
    """What the data migrations load, emptied by an earlier transactional test."""
    restore_reference_data()


@contextmanager
def slow_lock() -> Iterator[None]:
    """Whoever takes a row lock holds it for a moment before checking and changing the row."""
    real = transitions.lock_row

    def lock_and_hold(queryset: Any, pk: object) -> Any:
        row = real(queryset, pk)
        time.sleep(HOLD)
        return row

    from sargs.assessment import services as assessment
    from sargs.responsibility import services as responsibility

    with (
        mock.patch.object(transitions, "lock_row", lock_and_hold),
        mock.patch.object(assessment, "lock_row", lock_and_hold),
        mock.patch.object(responsibility, "lock_row", lock_and_hold),
    ):
        yield


def race(*calls: Callable[[], object]) -> list[object]:
    """Runs the calls at the same moment, each in its own thread and connection; returns each
    one's result or the exception it raised."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(index: int, call: Callable[[], object]) -> None:
        try:
            with translation.override("en"):
                barrier.wait()
                results[index] = call()
        except Exception as error:  # the refusal is the result
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def one_refused(results: list[object], message: str) -> object:
    """Exactly one call succeeded and the other was refused with ``message``; the winner."""
    refused = [r for r in results if isinstance(r, ValidationError)]
    won = [r for r in results if not isinstance(r, Exception)]
    assert len(won) == 1 and len(refused) == 1, results
    assert refused[0].messages == [message]
    return won[0]


def test_two_social_workers_accept_the_same_concern_and_one_case_opens(cast):
    from sargs.cases.casework.models import Case
    from sargs.cases.concerns import services
    from sargs.cases.concerns.models import Concern, ConcernStatus
    from sargs.cases.tests.helpers import registry_child, report
    from sargs.organisations.roles import Role
    from sargs.organisations.testing import make_user

    colleague = make_user("a_social_2", (cast.institutions["a_social"], Role.SOCIAL_WORKER))
    concern = report(cast)
    child = registry_child(cast)

    with slow_lock():
        results = race(
            lambda: services.concern_accept(concern=concern, actor=cast.social_worker, child=child),
            lambda: services.concern_accept(concern=concern, actor=colleague, child=child),
        )

    case = one_refused(results, "This concern has already been triaged.")
    assert list(Case.objects.all()) == [case]
    stored = Concern.objects.get(pk=concern.pk)
    assert stored.status == ConcernStatus.ACCEPTED and stored.case == case


def test_accepting_and_closing_a_concern_at_once_leaves_one_outcome(cast):
    from sargs.cases.casework.models import Case
    from sargs.cases.concerns import services
    from sargs.cases.concerns.models import Concern, ConcernStatus
    from sargs.cases.tests.helpers import registry_child, report

    concern = report(cast)
    child = registry_child(cast)

    with slow_lock():
        results = race(
            lambda: services.concern_accept(concern=concern, actor=cast.social_worker, child=child),
            lambda: services.concern_close(concern=concern, actor=cast.coordinator, reason="Nav."),
        )

    one_refused(results, "This concern has already been triaged.")
    stored = Concern.objects.get(pk=concern.pk)
    if stored.status == ConcernStatus.ACCEPTED:
        assert Case.objects.count() == 1 and stored.closed_reason == ""
    else:
        assert stored.status == ConcernStatus.CLOSED and not Case.objects.exists()


def test_a_claim_accepted_and_withdrawn_at_once_is_one_or_the_other(cast):
    from sargs.responsibility import services
    from sargs.responsibility.models import ClaimEvent, CostClaim, CostClaimEvent, CostClaimStatus
    from sargs.responsibility.tests.helpers import make_claim

    claim = make_claim(cast)

    with slow_lock():
        results = race(
            lambda: services.cost_claim_accept(claim=claim, actor=cast.b_social_worker),
            lambda: services.cost_claim_withdraw(claim=claim, actor=cast.social_worker),
        )

    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(refused) == 1, results
    assert refused[0].messages[0] in (
        "Only a submitted or disputed claim can be accepted.",
        "Only a submitted or disputed claim can be withdrawn.",
    )
    stored = CostClaim.objects.get(pk=claim.pk)
    assert stored.status in (CostClaimStatus.ACCEPTED, CostClaimStatus.WITHDRAWN)
    decisions = CostClaimEvent.objects.filter(
        claim=claim, kind__in=[ClaimEvent.ACCEPTED, ClaimEvent.WITHDRAWN]
    )
    assert decisions.count() == 1


def test_two_coordinators_approve_one_submission_once(cast):
    from sargs.assessment import services
    from sargs.assessment.models import SubmissionAction, SubmissionEvent, SubmissionStatus
    from sargs.assessment.tests.collection_factories import filled_submission, make_period
    from sargs.organisations.roles import Role
    from sargs.organisations.testing import make_user

    colleague = make_user("a_coordinator_2", (cast.institutions["a_admin"], Role.COORDINATOR))
    submission = filled_submission(cast.institutions["a_school"], make_period(), cast.school_staff)
    services.submit(actor=cast.school_staff, submission=submission)

    with slow_lock():
        results = race(
            lambda: services.approve(actor=cast.coordinator, submission=submission),
            lambda: services.approve(actor=colleague, submission=submission),
        )

    one_refused(results, "Only a submitted submission can be approved.")
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.APPROVED
    approvals = SubmissionEvent.objects.filter(
        submission=submission, action=SubmissionAction.APPROVE
    )
    assert approvals.count() == 1


def test_an_approval_and_a_return_at_once_leave_one_decision(cast):
    from sargs.assessment import services
    from sargs.assessment.models import SubmissionEvent, SubmissionStatus
    from sargs.assessment.tests.collection_factories import filled_submission, make_period

    submission = filled_submission(cast.institutions["a_school"], make_period(), cast.school_staff)
    services.submit(actor=cast.school_staff, submission=submission)

    with slow_lock():
        results = race(
            lambda: services.approve(actor=cast.coordinator, submission=submission),
            lambda: services.return_submission(
                actor=cast.coordinator, submission=submission, comment="Labojiet E2."
            ),
        )

    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(refused) == 1, results
    submission.refresh_from_db()
    assert submission.status in (SubmissionStatus.APPROVED, SubmissionStatus.RETURNED)
    assert (
        SubmissionEvent.objects.filter(
            submission=submission, action__in=["approve", "return"]
        ).count()
        == 1
    )
