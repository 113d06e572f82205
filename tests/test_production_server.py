"""The production set-up of docs/deploy.md starts: gunicorn with deploy/gunicorn.conf.py and
production settings serves the health check, with the headers production promises."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, deadline: float) -> tuple[int, dict[str, str], bytes]:
    while True:
        try:
            request = urllib.request.Request(
                url, headers={"Host": "sargs.example.lv", "X-Forwarded-Proto": "https"}
            )
            with urllib.request.urlopen(request, timeout=2) as response:
                return response.status, dict(response.headers), response.read()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_gunicorn_serves_sargs_with_production_settings(tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "SARGS_ENV": "production",
        "SECRET_KEY": "test-" + "k" * 50,
        "ALLOWED_HOSTS": "sargs.example.lv",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "SECURE_SSL_REDIRECT": "0",  # nginx terminates TLS; here we talk plain HTTP
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    # Production serves hashed static files: pages fail without the collected manifest.
    collected = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert collected.returncode == 0, collected.stderr
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "config.wsgi:application", "-c", "deploy/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        status, headers, body = _get(f"http://127.0.0.1:{port}/health/", time.monotonic() + 30)
        # A page with the base template and its static files, as a signed-out visitor sees it.
        page_status, _headers, page = _get(
            f"http://127.0.0.1:{port}/accounts/login/", time.monotonic() + 10
        )
    finally:
        server.terminate()
        log = server.communicate(timeout=30)[0].decode()
    assert status == 200, log
    assert b'"status": "ok"' in body
    assert page_status == 200 and b"/static/" in page
    assert headers.get("Strict-Transport-Security", "").startswith("max-age=")
    assert "no-store" in headers.get("Cache-Control", "")
    # HSTS is sent because nginx's X-Forwarded-Proto is trusted from the loopback address.
    # The access log line names the path but never a query string.
    assert "GET /health/" in log
