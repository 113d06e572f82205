"""axe-core on one page of every URL pattern the demo users reach: no serious or critical
violation. The pages are found as tests/test_crawl.py finds them (Django's test client, one
page per pattern); each pattern is checked once, as the first user in ``USERS`` who reaches
it, in Latvian (the language checks are tests/test_crawl.py's)."""

from __future__ import annotations

import io

from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import Browser
from pytest_django.live_server_helper import LiveServer

from tests.crawling import crawl
from tests.test_crawl import signed_in

from .conftest import BROWSER_TEST, outside_playwright_loop

pytestmark = BROWSER_TEST

BLOCKING = {"serious", "critical"}
# The users whose pages together reach every pattern (the others see subsets of theirs).
USERS = [
    "koordinators",
    "socialais",
    "barintiesa",
    "pakalpojumi",
    "skola",
    "deputats",
    "analitikis",
    "administrators",
    "smiltene",
    "datuaizsardziba",
]


def test_no_serious_accessibility_violation_on_any_page(
    browser: Browser, live_server: LiveServer
) -> None:
    with outside_playwright_loop():
        call_command("demo_data", stdout=io.StringIO())
        pages: dict[str, tuple[str, str]] = {}  # route -> (username, URL)
        sessions: dict[str, str] = {}
        for username in USERS:
            client = signed_in(username)
            sessions[username] = client.cookies[settings.SESSION_COOKIE_NAME].value
            found = crawl(client, "lv", exempt_words=set(), per_pattern=1, check_language=False)
            for route, url in found.first_per_route().items():
                pages.setdefault(route, (username, url))
    axe = Axe()
    problems: list[str] = []
    for username in USERS:
        urls = [url for user, url in pages.values() if user == username]
        if not urls:
            continue
        context = browser.new_context(base_url=live_server.url, locale="lv-LV")
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": sessions[username],
                    "url": live_server.url,
                },
                {"name": settings.LANGUAGE_COOKIE_NAME, "value": "lv", "url": live_server.url},
            ]
        )
        page = context.new_page()
        for url in urls:
            page.goto(url)
            results = axe.run(page)
            problems += [
                f"{username} {url}: {v['id']} ({v['impact']}) {v['help']} -> "
                + "; ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:3])
                for v in results.response["violations"]
                if v.get("impact") in BLOCKING
            ]
        context.close()
    assert len(pages) > 20, "the crawl found too few pages to check"
    assert not problems, "\n".join(problems)
