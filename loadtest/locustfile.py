"""Every role's daily pages against a running Sargs (bin/loadtest starts everything).

The pages per role and the mix of roles are in ``sargs/scale/loadtest_pages.py`` (checked by
``sargs/scale/tests/test_loadtest_pages.py``). Sessions, API tokens and the records each user
works on come from ``manage.py loadtest_sessions`` (signed in with the second factor), named in
SARGS_LOADTEST_SESSIONS; SARGS_LOADTEST_USERS is the number of simulated users, shared out
among the roles as ``MIX`` says. A page answering 4xx or 5xx, or sending the user to sign in,
counts as an error of that page.
"""

from __future__ import annotations

import itertools
import json
import os
import random
from collections.abc import Callable
from typing import Any

from locust import HttpUser, between

from sargs.scale.loadtest_pages import PAGES, RECORD_KINDS, SURNAMES, Page, users_per_role

with open(os.environ["SARGS_LOADTEST_SESSIONS"], encoding="utf-8") as f:
    SESSIONS: dict[str, list[dict[str, Any]]] = json.load(f)
COUNTS = users_per_role(int(os.environ.get("SARGS_LOADTEST_USERS", "20")))
_counters = {role: itertools.count() for role in PAGES}


class _Staff(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    role = ""

    def on_start(self) -> None:
        pool = SESSIONS[self.role]
        self.me = pool[next(_counters[self.role]) % len(pool)]
        self.client.cookies.set("sessionid", self.me["sessionid"])
        self.client.cookies.set("csrftoken", self.me["csrftoken"])
        # Records used once (tasks completed) are taken from this user's own copy.
        self.records = {kind: list(pks) for kind, pks in self.me["records"].items()}

    def visit(self, page: Page) -> None:
        fill: dict[str, Any] = {}
        for kind in RECORD_KINDS:
            if "{" + kind + "}" in page.path:
                pks = self.records.get(kind) or []
                if not pks:
                    return  # nothing of this kind for this user (loadtest_sessions said so)
                fill[kind] = pks.pop() if page.once else random.choice(pks)
        url = page.path.format(**fill)
        headers = {"Accept-Language": "lv"}
        cookies = None
        if page.api:
            headers["Authorization"] = f"Bearer {self.me['token']}"
            cookies = {"sessionid": ""}  # the token alone, as an institution's system
        if page.method == "POST":
            headers["X-CSRFToken"] = self.me["csrftoken"]
            data = {key: value.format(surname=random.choice(SURNAMES)) for key, value in page.data}
            request = self.client.post(
                url, data=data, headers=headers, name=page.name,
                allow_redirects=False, catch_response=True,
            )  # fmt: skip
        else:
            request = self.client.get(
                url, headers=headers, cookies=cookies, name=page.name,
                allow_redirects=False, catch_response=True,
            )  # fmt: skip
        with request as response:
            location = response.headers.get("Location", "")
            if response.status_code >= 400:
                response.failure(f"{self.role}: status {response.status_code}")
            elif "/accounts/" in location:
                response.failure(f"{self.role}: sent to sign in")
            else:
                response.success()


def _task(page: Page) -> Callable[[_Staff], None]:
    def task(user: _Staff) -> None:
        user.visit(page)

    task.__name__ = page.name.replace(" ", "_")
    return task


def _user_class(role: str) -> type[_Staff]:
    tasks = {_task(page): page.weight for page in PAGES[role]}
    attributes = {"role": role, "tasks": tasks, "fixed_count": COUNTS[role], "__module__": __name__}
    return type("".join(part.title() for part in role.split("_")), (_Staff,), attributes)


# One class per role that has users in this run (locust picks up the module's classes).
globals().update(
    {
        cls.__name__: cls
        for cls in (_user_class(role) for role in PAGES if COUNTS[role] and SESSIONS.get(role))
    }
)
