"""The API says what it does (issue 14, point 9): schemathesis against /api/v1/schema/.

The demo data set is loaded once, then every operation of the published schema is called as a
coordinator and as a social worker (each with a personal API token) with a few generated
requests, valid and invalid; and, for operations on one record, again with the path set to a
record of the demo so the answers are real ones and not only 404s. Any server error, any status
code the schema does not list, or any body or content type that does not match the schema
fails the test. Everything runs inside the test's database transaction (pytest-django), so
mutating operations leave nothing behind.

Bounded for CI: ``MAX_EXAMPLES`` per operation, role and pass; no shrinking; the same examples
on every run (derandomised), so a failure is reproducible.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.management import call_command
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from sargs.accounts.services import api_token_create
from sargs.assessment.models import Indicator, Submission
from sargs.cases.casework.models import Case, Task
from sargs.cases.concerns.models import Alert, Concern
from sargs.cases.court.models import Proceeding
from sargs.cases.referrals.models import Referral
from sargs.cooperation.models import AgendaItem, CooperationGroup, Meeting
from sargs.organisations.models import Institution, User
from sargs.programme.models import Activity, Programme, ProgrammeVersion
from sargs.registry.models import Child
from sargs.responsibility.models import CostClaim, Handover
from sargs.services.models import CrisisTeam

MAX_EXAMPLES = 4
ROLES = ("koordinators", "socialais")
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

# Operations not called, each with the reason. Keep it empty unless an operation cannot run
# meaningfully here.
EXCLUDED: dict[str, str] = {}


def _first(model: Any, **filters: Any) -> int | None:
    """The first such record of the demo; None when the demo has none (the demo has no crisis
    team), and then the operation runs with generated ids only."""
    return model.objects.filter(**filters).order_by("pk").values_list("pk", flat=True).first()


# For operations on one record: a record of the demo to call them on (path parameter values).
DEMO_RECORDS: dict[str, Callable[[], dict[str, Any]]] = {
    # (longest prefix wins; a value None means the demo has no such record)
    "/api/v1/alerts/{id}/": lambda: {"id": _first(Alert)},
    "/api/v1/assessment/dashboard/{code}/": lambda: {
        "code": Indicator.objects.order_by("order").values_list("code", flat=True).first()
    },
    "/api/v1/assessment/submissions/{id}/": lambda: {"id": _first(Submission)},
    "/api/v1/cases/{id}/": lambda: {"id": _first(Case, status="open")},
    "/api/v1/children/{id}/": lambda: {"id": _first(Child)},
    "/api/v1/concerns/{id}/": lambda: {"id": _first(Concern)},
    "/api/v1/cooperation/groups/{id}/": lambda: {"id": _first(CooperationGroup)},
    "/api/v1/cooperation/items/{id}/": lambda: {"id": _first(AgendaItem)},
    "/api/v1/cooperation/meetings/{id}/": lambda: {"id": _first(Meeting)},
    "/api/v1/cost-claims/{id}/": lambda: {"id": _first(CostClaim)},
    "/api/v1/handovers/{id}/": lambda: {"id": _first(Handover)},
    "/api/v1/institutions/{id}/": lambda: {"id": _first(Institution)},
    "/api/v1/proceedings/{id}/": lambda: {"id": _first(Proceeding)},
    "/api/v1/programme/{id}/": lambda: {"id": _first(Programme)},
    "/api/v1/programme/activities/{id}/": lambda: {"id": _first(Activity)},
    "/api/v1/programme/versions/{id}/": lambda: {"id": _first(ProgrammeVersion)},
    "/api/v1/referrals/{id}/": lambda: {"id": _first(Referral)},
    "/api/v1/services/crisis-teams/{id}/": lambda: {"id": _first(CrisisTeam)},
    "/api/v1/tasks/{id}/": lambda: {"id": _first(Task)},
}


def _demo_record(path: str) -> dict[str, Any] | None:
    """The path parameters of a demo record for an operation path, by its longest prefix."""
    matches = [prefix for prefix in DEMO_RECORDS if path.startswith(prefix)]
    assert matches, f"{path}: name a demo record for its path in DEMO_RECORDS"
    record = DEMO_RECORDS[max(matches, key=len)]()
    return None if None in record.values() else record


@contextmanager
def _connections_kept_open() -> Iterator[None]:
    """The WSGI handler closes the database connection after each request, which would end the
    test's transaction; Django's own test client keeps it open the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _exercise(operation: Any, app: Any, headers: dict[str, str], fixed: dict[str, Any] | None):
    """Call one operation ``MAX_EXAMPLES`` times; raise on the first failed check."""

    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def run(case: Any) -> None:
        if fixed is not None:
            case.path_parameters = {**(case.path_parameters or {}), **fixed}
        response = case.call(app=app, headers=headers)
        case.validate_response(response, checks=CHECKS, headers=headers)

    run()


@pytest.mark.django_db
def test_the_api_answers_as_its_schema_says() -> None:
    call_command("demo_data", verbosity=0)
    app = get_wsgi_application()
    failures: list[str] = []
    called = 0
    with _connections_kept_open():
        for username in ROLES:
            _token, raw = api_token_create(
                user=User.objects.get(username=username), name="schemathesis", days=1
            )
            headers = {"Authorization": f"Bearer {raw}"}
            schema = schemathesis.openapi.from_wsgi(
                "/api/v1/schema/?format=json", app, headers=headers
            )
            for result in schema.get_all_operations():
                operation = result.ok()
                label = f"{operation.method.upper()} {operation.path}"
                if label in EXCLUDED:
                    continue
                passes: list[dict[str, Any] | None] = [None]
                if operation.path_parameters:
                    record = _demo_record(operation.path)
                    if record is not None:
                        passes.append(record)
                for fixed in passes:
                    called += 1
                    try:
                        _exercise(operation, app, headers, fixed)
                    # schemathesis raises its FailureGroup, a BaseExceptionGroup.
                    except (Exception, BaseExceptionGroup) as error:
                        where = f" on {fixed}" if fixed else ""
                        failures.append(f"{label} as {username}{where}:\n{error}")
    assert called > 100, f"only {called} operation passes ran"
    assert not failures, f"{len(failures)} failures:\n\n" + "\n\n".join(failures)
