"""Health, language, dates, logging and production settings."""

from __future__ import annotations

import datetime
import logging
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from sargs.core.logging import StripQueryStringFilter

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_health_reports_the_database(client):
    response = client.get(reverse("core:health"))
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


@pytest.mark.django_db
def test_health_says_unavailable_when_the_database_fails(client):
    with mock.patch("sargs.core.views.connection.cursor", side_effect=RuntimeError("down")):
        response = client.get(reverse("core:health"))
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}


@pytest.mark.django_db
def test_interface_is_latvian_by_default_and_english_on_request(client):
    page = client.get(reverse("accounts:login"))
    assert '<html lang="lv">' in page.content.decode()
    assert "Pieteikties" in page.content.decode()
    client.post(reverse("core:set-language"), {"language": "en", "next": "/accounts/login/"})
    page = client.get(reverse("accounts:login"))
    assert '<html lang="en">' in page.content.decode()
    assert "Sign in" in page.content.decode()


@pytest.mark.parametrize("language", ["lv", "en"])
def test_dates_are_shown_dd_mm_yyyy_in_every_language(language):
    with translation.override(language):
        rendered = Template("{{ d|date:'SHORT_DATE_FORMAT' }} {{ d|date }}").render(
            Context({"d": datetime.date(2026, 3, 7)})
        )
    assert rendered == "07.03.2026 07.03.2026"


@pytest.mark.parametrize("language", ["lv", "en"])
def test_dates_are_read_dd_mm_yyyy(language):
    from django import forms

    class F(forms.Form):
        d = forms.DateField()

    with translation.override(language):
        form = F({"d": "07.03.2026"})
        assert form.is_valid()
        assert form.cleaned_data["d"] == datetime.date(2026, 3, 7)


def test_request_log_lines_lose_their_query_string():
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        "",
        0,
        '"%s" %s %s',
        ("GET /search/?name=Anna HTTP/1.1", "200", "5"),
        None,
    )
    StripQueryStringFilter().filter(record)
    assert "Anna" not in record.getMessage()


def test_production_settings_pass_the_deploy_check():
    env = {
        **os.environ,
        "SARGS_ENV": "production",
        "SECRET_KEY": "k" * 20 + "Q3!x" * 12,
        "ALLOWED_HOSTS": "sargs.example.lv",
        "DATABASE_URL": "sqlite:///:memory:",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr.upper()


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "SARGS_ENV": "production", "SECRET_KEY": "", "ALLOWED_HOSTS": "x"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_signed_in_pages_are_not_cached(cast, client_for):
    response = client_for(cast.social_worker).get(reverse("portal:home"))
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_not_found_page_reveals_nothing(cast, client_for):
    response = client_for(cast.social_worker).get("/organisations/institutions/999999/")
    assert response.status_code == 404
    assert "Traceback" not in response.content.decode()
