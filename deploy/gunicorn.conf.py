"""Gunicorn settings for Sargs (docs/deploy.md). Every value can be overridden by the
environment, so one file serves a small municipality and the national deployment."""

import gc
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Synchronous workers by default: measured against threaded ones under the load test, they
# were as fast or faster, and a slow page did not hold fast ones up longer (ADR 0024,
# docs/performance.md). GUNICORN_THREADS > 1 gives threaded workers (gthread), for a server
# whose slow pages wait on a database elsewhere; each thread then holds its own database
# connection (docs/deploy.md).
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
# Sync: two per core plus one (gunicorn's rule of thumb). Threaded: one per core plus one,
# each with ``threads`` threads. Each worker stays under 250 MB (docs/performance.md).
_cores = os.cpu_count() or 1
workers = int(os.environ.get("WEB_CONCURRENCY", str(_cores + 1 if threads > 1 else _cores * 2 + 1)))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that no slow leak grows a worker past its memory budget;
# the jitter keeps them from restarting all at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# Load the application once in the master: workers share its memory pages (copy on write).
preload_app = True
# No query strings in the access log: the log must never hold personal data.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
access_log_format = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
proxy_allow_ips = forwarded_allow_ips


# --- Garbage collection (docs/performance.md, "Under load") ---------------------------------
# A worker keeps about 250,000 objects alive for its whole life (modules, URL patterns,
# compiled templates, translation catalogues, model metadata), and Python's full collections
# walk all of them: in process, the slowest of nine programme monitoring pages took 251 ms
# with the collector as it is and 141 ms with those objects frozen (median 86-89 ms either
# way). Objects loaded at start-up, and those a worker has loaded by its first requests, are
# moved out of the collector's sight with gc.freeze(): it then walks only what requests
# create. Under load at tenfold, programme monitoring's p95 went from 330-450 to 190-240 ms.
GC_FREEZE_AFTER_REQUESTS = int(os.environ.get("GUNICORN_GC_FREEZE_AFTER", "25"))


def when_ready(server):  # the master, with the application preloaded, before any fork
    gc.collect()
    gc.freeze()


def post_request(worker, req, environ, resp):
    served = getattr(worker, "sargs_requests_served", 0) + 1
    worker.sargs_requests_served = served
    if served == GC_FREEZE_AFTER_REQUESTS:  # templates and catalogues are loaded by now
        gc.collect()
        gc.freeze()
