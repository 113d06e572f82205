"""Fixtures for browser tests: Debian's Chromium driven by Playwright against the live server.

Browser tests are transactional: the live server answers from another thread, so nothing
can be rolled back, and the database is emptied when each test ends. Two consequences:

* The reference data the migrations load (the municipalities) is loaded again before each
  test. pytest-django runs transactional tests after all others, so the rest of the suite
  never sees the emptied database.
* ``available_apps`` (all installed apps) makes that emptying ``TRUNCATE ... CASCADE`` on
  PostgreSQL. django-auditlog's migrations create its own ``auditlog_logentry`` table even
  though ``AUDITLOG_LOGENTRY_MODEL`` replaces that model, and the table's foreign key to
  users makes a plain ``TRUNCATE`` fail. It also recreates content types and permissions
  after each emptying. (``serialized_rollback`` cannot be combined with it: the restored
  content types would collide with the recreated ones.)

Playwright's sync API keeps an asyncio loop marked as running in the test thread. While it
is, Django refuses database access and, worse, asgiref hands the thread a second set of
database connections. So Playwright starts after pytest-django has prepared the database
for the test and stops before it empties it (the ``browser`` fixture is per test), and
tests touch the ORM only inside ``outside_playwright_loop()``. No DJANGO_ALLOW_ASYNC_UNSAFE
is needed, and none leaks into other tests' subprocesses.
"""

from __future__ import annotations

import asyncio
import base64
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.apps import apps
from django_otp.oath import TOTP
from playwright.sync_api import Browser, Page, sync_playwright
from pytest_django.live_server_helper import LiveServer

from sargs.organisations.testing import TEST_PASSWORD, Cast, build_cast
from tests.reference_data import restore_reference_data

CHROMIUM = os.environ.get("SARGS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Every browser test: a real browser, a transactional database (see above).
BROWSER_TEST = [
    pytest.mark.browser,
    pytest.mark.django_db(
        transaction=True, available_apps=[config.name for config in apps.get_app_configs()]
    ),
]


@contextmanager
def outside_playwright_loop() -> Iterator[None]:
    """Use the ORM from a browser test: hides Playwright's idle event loop meanwhile."""
    loop = asyncio._get_running_loop()
    asyncio._set_running_loop(None)
    try:
        yield
    finally:
        asyncio._set_running_loop(loop)


def totp_code(key: bytes) -> str:
    """The current six-digit code for a TOTP key, as an authenticator app shows it."""
    totp = TOTP(key)
    totp.time = time.time()
    return f"{totp.token():06d}"


def totp_code_for_hex(hex_key: str) -> str:
    return totp_code(bytes.fromhex(hex_key))


def totp_code_for_base32(secret: str) -> str:
    return totp_code(base64.b32decode(secret.replace(" ", "").upper()))


@pytest.fixture(autouse=True)
def reference_data(transactional_db: None) -> None:
    """What the data migrations load, emptied by the previous transactional test."""
    with outside_playwright_loop():
        restore_reference_data()


@pytest.fixture
def browser(transactional_db: None, live_server: LiveServer) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}; bin/test installs Debian's chromium.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    """A fresh browser context (no cookies) whose relative URLs go to the live server.

    The browser asks for Latvian, as the users' browsers will.
    """
    context = browser.new_context(
        base_url=live_server.url, locale="lv-LV", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def cast(transactional_db: None) -> Cast:
    """The shared cast (see sargs.organisations.testing), in the transactional database."""
    with outside_playwright_loop():
        return build_cast()


def sign_in_with_password(page: Page, username: str, password: str = TEST_PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def sign_in(page: Page, username: str, hex_key: str) -> None:
    """Password, then the current code from the user's authenticator: lands on home."""
    sign_in_with_password(page, username)
    page.fill("input[name=code]", totp_code_for_hex(hex_key))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def pick(page: Page, name: str, text: str, pk: int, scope: str = "main") -> None:
    """Type ``text`` into the search picker ``name`` (sargs/core/pickers.py) and choose the
    match whose id is ``pk`` among the buttons htmx brings, as a user does."""
    page.fill(f"{scope} input[name={name}_search]", text)
    box = page.locator(f"{scope} [data-picker][data-name={name}]")
    box.locator(f"[data-picker-choice][data-id='{pk}']").click()
    if box.get_attribute("data-picker") == "single":
        value = box.locator("input[data-picker-value]")
        assert value.input_value() == str(pk)
