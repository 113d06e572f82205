"""With the database down, pages answer 503 in the visitor's language and nothing personal;
when it is back, the next request works without a restart."""

from __future__ import annotations

import os
import socket
from unittest import mock

import pytest
from django.db import OperationalError, connection, connections
from django.test import Client
from django.urls import reverse

from sargs.organisations.testing import Cast
from tests.reference_data import restore_reference_data

ON_POSTGRES = connection.vendor == "postgresql" or os.environ.get("DATABASE_URL", "").startswith(
    "postgres"
)


def _signed_in_client(client_for, user) -> Client:  # type: ignore[no-untyped-def]
    client = client_for(user)
    # Production never re-raises a handled exception; the test client does unless told not to.
    client.raise_request_exception = False
    return client


def _database_down():  # type: ignore[no-untyped-def]
    return mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.ensure_connection",
        side_effect=OperationalError("could not connect to server: Connection refused"),
    )


@pytest.mark.django_db
def test_a_page_answers_503_in_the_users_language_without_details(cast: Cast, client_for):
    client = _signed_in_client(client_for, cast.coordinator)
    with _database_down():
        page = client.get(reverse("portal:home"), HTTP_ACCEPT_LANGUAGE="en")
        latvian = client.get(reverse("portal:home"), HTTP_ACCEPT_LANGUAGE="lv")
    text = page.content.decode()
    assert page.status_code == 503
    assert page["Retry-After"] == "30"
    assert "Sargs is temporarily unavailable" in text and '<html lang="en">' in text
    assert "Traceback" not in text and "OperationalError" not in text
    assert "Connection refused" not in text and cast.coordinator.username not in text
    assert latvian.status_code == 503 and '<html lang="lv">' in latvian.content.decode()


@pytest.mark.django_db
def test_signing_in_answers_503_and_the_health_check_says_why(client):
    client.raise_request_exception = False
    with _database_down():
        sign_in = client.post(
            reverse("accounts:login"),
            {"username": "koordinators", "password": "Sargs-demo-2026!"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
        health = client.get(reverse("core:health"))
    assert sign_in.status_code == 503
    assert "Sargs-demo-2026!" not in sign_in.content.decode()
    assert health.status_code == 503
    assert health.json() == {"status": "error", "database": "unavailable"}


@pytest.mark.django_db
def test_when_the_database_is_back_the_next_request_works(cast: Cast, client_for):
    client = _signed_in_client(client_for, cast.coordinator)
    with _database_down():
        assert client.get(reverse("portal:home")).status_code == 503
    assert client.get(reverse("portal:home")).status_code == 200


@pytest.mark.django_db
def test_the_administrator_log_names_the_path_but_nothing_personal(cast: Cast, client_for, caplog):
    client = _signed_in_client(client_for, cast.coordinator)
    with _database_down(), caplog.at_level("ERROR", logger="sargs.db"):
        client.get(reverse("portal:home") + "?q=Ozoliņš")
    lines = [r.getMessage() for r in caplog.records if r.name == "sargs.db"]
    assert lines == ["database unavailable; answered 503 for /"]


# --- On PostgreSQL: the connection really breaks ---------------------------------------------

postgres_only = pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL (.ci/run)")


@pytest.fixture
def reference_data(transactional_db: None) -> None:
    """What the data migrations load, emptied by an earlier transactional test."""
    restore_reference_data()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when the socket is: nobody listens there


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_terminated_connection_gives_one_503_and_then_sargs_reconnects(
    reference_data: None, cast: Cast, client_for
):
    client = _signed_in_client(client_for, cast.coordinator)
    assert client.get(reverse("portal:home")).status_code == 200
    pid = connection.connection.info.backend_pid  # the connection the pages use (CONN_MAX_AGE)
    other = connections["default"].copy()
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        other.close()

    broken = client.get(reverse("portal:home"), HTTP_ACCEPT_LANGUAGE="en")
    again = client.get(reverse("portal:home"))

    assert broken.status_code == 503
    assert again.status_code == 200
    assert connection.connection.info.backend_pid != pid


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_an_unreachable_server_gives_503_until_it_is_reachable_again(
    reference_data: None, cast: Cast, client_for
):
    client = _signed_in_client(client_for, cast.coordinator)
    real_port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = str(_closed_port())
    try:
        down = client.get(reverse("portal:home"))
        health = client.get(reverse("core:health"))
    finally:
        connection.close()
        connection.settings_dict["PORT"] = real_port
    assert down.status_code == 503 and health.status_code == 503
    assert client.get(reverse("portal:home")).status_code == 200
    assert client.get(reverse("core:health")).status_code == 200
