"""Behind nginx the lockout holds one username from one address (ADR 0014).

gunicorn serves Sargs with production settings and PROXY_COUNT=1, as deploy/ sets it up;
every request comes from 127.0.0.1 with nginx's X-Forwarded-For. Six failed sign-ins for one
username from one address lock that username from that address only.
"""

from __future__ import annotations

import http.client
import os
import re
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

from tests.test_production_server import _free_port

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "Lockout-test-2026!"
HOST = "sargs.example.lv"


class Browser:
    """Plain HTTP to gunicorn as nginx would forward it for one client address."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.csrf_cookie, self.csrf_token = self._csrf()

    def _request(
        self, method: str, path: str, forwarded_for: str, body: str = "", cookie: str = ""
    ) -> http.client.HTTPResponse:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        headers = {
            "Host": HOST,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": forwarded_for,
            "Origin": f"https://{HOST}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie,
        }
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        connection.close()
        return response

    def _csrf(self) -> tuple[str, str]:
        deadline = time.monotonic() + 30
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request(
                    "GET",
                    "/accounts/login/",
                    headers={
                        "Host": HOST,
                        "X-Forwarded-Proto": "https",
                        "X-Forwarded-For": "192.0.2.10",
                    },
                )
                response = connection.getresponse()
                page = response.read().decode()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert cookie and token, page[:500]
        return cookie.group(1), token.group(1)

    def sign_in(self, username: str, password: str, forwarded_for: str) -> int:
        body = urllib.parse.urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": self.csrf_token}
        )
        cookie = f"csrftoken={self.csrf_cookie}"
        return self._request("POST", "/accounts/login/", forwarded_for, body, cookie).status


def _manage(env: dict[str, str], *args: str) -> None:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_six_failures_from_one_address_leave_other_addresses_and_users_free(tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "SARGS_ENV": "production",
        "SECRET_KEY": "test-" + "k" * 50,
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "SECURE_SSL_REDIRECT": "0",  # nginx terminates TLS; here we talk plain HTTP
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
        "STATIC_ROOT": str(tmp_path / "static"),
        "PROXY_COUNT": "1",
        "AXES_FAILURE_LIMIT": "5",
    }
    _manage(env, "collectstatic", "--noinput", "-v0")
    _manage(env, "migrate", "--noinput", "-v0")
    _manage(
        env,
        "shell",
        "-c",
        "from sargs.organisations.models import User\n"
        f"for name in ('anna', 'berta'): User.objects.create_user(name, password='{PASSWORD}')",
    )
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "config.wsgi:application", "-c", "deploy/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        browser = Browser(port)
        # Six failures for anna from 203.0.113.9; the client forges a different left-most
        # entry each time, and nginx appends the address it really saw.
        failures = [
            browser.sign_in("anna", "wrong-password-1", f"10.0.0.{n}, 203.0.113.9")
            for n in range(6)
        ]
        anna_same_address = browser.sign_in("anna", PASSWORD, "203.0.113.9")
        anna_elsewhere = browser.sign_in("anna", PASSWORD, "198.51.100.4")
        berta_elsewhere = browser.sign_in("berta", PASSWORD, "198.51.100.4")
        berta_same_address = browser.sign_in("berta", PASSWORD, "203.0.113.9")
    finally:
        server.terminate()
        log = server.communicate(timeout=30)[0].decode()
    # The form again with its error, until the fifth failure locks (AXES_FAILURE_LIMIT=5).
    assert failures == [200, 200, 200, 200, 429, 429], log
    assert anna_same_address == 429, log
    assert anna_elsewhere == 302, log
    assert berta_elsewhere == 302, log
    assert berta_same_address == 302, log
