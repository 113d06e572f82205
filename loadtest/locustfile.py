"""Mixed daily work against a running Sargs (bin/loadtest starts everything).

Social workers search for a child, open their cases, add timeline notes and complete tasks;
coordinators look at the indicator dashboard and search the audit trail. Sessions come from
``manage.py loadtest_sessions`` (signed in with the second factor), named in
SARGS_LOADTEST_SESSIONS.
"""

from __future__ import annotations

import itertools
import json
import os
import random

from locust import HttpUser, between, task

with open(os.environ["SARGS_LOADTEST_SESSIONS"], encoding="utf-8") as f:
    SESSIONS = json.load(f)
_counters = {key: itertools.count() for key in SESSIONS}
SURNAMES = ["Bērziņ", "Kalniņ", "Ozol", "Liepiņ", "Krūmiņ", "Jansons", "Zariņ", "Vītol"]


class _Staff(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    kind = ""

    def on_start(self) -> None:
        pool = SESSIONS[self.kind]
        self.me = pool[next(_counters[self.kind]) % len(pool)]
        self.client.cookies.set("sessionid", self.me["sessionid"])
        self.client.cookies.set("csrftoken", self.me["csrftoken"])
        self.tasks_left = list(self.me["tasks"])

    def post(self, url: str, data: dict, name: str) -> None:
        with self.client.post(
            url,
            data=data,
            headers={"X-CSRFToken": self.me["csrftoken"]},
            allow_redirects=False,
            name=name,
            catch_response=True,
        ) as response:
            if response.status_code in (200, 302):
                response.success()
            else:
                response.failure(f"status {response.status_code}")

    @task(3)
    def worklist(self) -> None:
        self.client.get("/cases/worklist/", name="worklist")


class SocialWorker(_Staff):
    weight = 3
    kind = "social_workers"

    @task(2)
    def search_child(self) -> None:
        self.post("/registry/children/", {"name": random.choice(SURNAMES)}, "child search")

    @task(3)
    def open_case(self) -> None:
        self.client.get(f"/cases/{random.choice(self.me['cases'])}/", name="case page")

    @task(1)
    def add_timeline_note(self) -> None:
        case = random.choice(self.me["cases"])
        self.post(
            f"/cases/{case}/notes/new/",
            {"text": "Sazvanīta māte; vizīte norunāta nākamnedēļ."},
            "add timeline note",
        )

    @task(1)
    def complete_task(self) -> None:
        if self.tasks_left:
            pk = self.tasks_left.pop()
            self.post(f"/cases/tasks/{pk}/done/", {"result": "Izdarīts."}, "complete task")


class Coordinator(_Staff):
    weight = 1
    kind = "coordinators"

    @task(2)
    def dashboard(self) -> None:
        self.client.get("/assessment/dashboard/", name="dashboard")

    @task(1)
    def audit_search(self) -> None:
        self.client.get("/audit/", name="audit search")
