"""Does one slow page queue everyone behind it? (issue 20, point 6; ADR 0024)

While ``--slow`` simulated coordinators keep asking for a slow page (the audit trail searched
over two years), one school staff member asks for her home page every
half second; prints the home page's median, 95th percentile and worst time. With synchronous
workers and as many slow requests as workers, every fast request waits for a slow one to end;
with threads, it is served beside them.

    .venv/bin/python loadtest/slow_page.py http://127.0.0.1:PORT loadtest/results/sessions.json \
        --slow 5 --seconds 40

The server is started as bin/loadtest starts it (same SECRET_KEY as the sessions).
"""

from __future__ import annotations

import argparse
import json
import statistics
import threading
import time

import requests

# The audit trail searched over two years: the page issue 20 names as growing fastest.
SLOW_PAGE = "/audit/?date_from=01.01.2024&date_to=31.12.2025"
FAST_PAGE = "/"


def _loop(host: str, session: dict[str, str], path: str, until: float, times: list[float],
          pause: float) -> None:  # fmt: skip
    client = requests.Session()
    client.cookies.set("sessionid", session["sessionid"])
    while time.monotonic() < until:
        started = time.monotonic()
        response = client.get(host + path, allow_redirects=False, timeout=120)
        if response.status_code != 200:
            raise SystemExit(f"{path}: status {response.status_code}")
        times.append((time.monotonic() - started) * 1000)
        time.sleep(pause)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("host")
    parser.add_argument("sessions")
    parser.add_argument("--slow", type=int, default=5, help="slow requests kept in flight")
    parser.add_argument("--seconds", type=float, default=40)
    parser.add_argument("--slow-page", default=SLOW_PAGE)
    args = parser.parse_args()
    with open(args.sessions, encoding="utf-8") as f:
        sessions = json.load(f)
    until = time.monotonic() + args.seconds
    slow_times: list[float] = []
    fast_times: list[float] = []
    threads = [
        threading.Thread(
            target=_loop,
            args=(args.host, sessions["coordinator"][0], args.slow_page, until, slow_times, 0),
        )
        for _ in range(args.slow)
    ]
    for thread in threads:
        thread.start()
    time.sleep(1 if args.slow else 0)  # the slow requests first take the workers
    _loop(args.host, sessions["school_staff"][0], FAST_PAGE, until, fast_times, 0.5)
    for thread in threads:
        thread.join()
    fast = sorted(fast_times)
    p95 = fast[max(0, round(len(fast) * 0.95) - 1)]
    print(
        f"slow page in flight: {args.slow}; slow page {len(slow_times)} answers, median "
        f"{statistics.median(slow_times) if slow_times else 0:.0f} ms; fast page "
        f"{len(fast)} answers, median {statistics.median(fast):.0f} ms, p95 {p95:.0f} ms, "
        f"worst {fast[-1]:.0f} ms"
    )


if __name__ == "__main__":
    main()
