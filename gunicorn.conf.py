"""gunicorn's configuration for Selvbooking: `.venv/bin/gunicorn -c gunicorn.conf.py` (README, "Drift").

Every setting can be changed by an environment variable, so one file serves every machine:

| variable | default | what |
|---|---|---|
| SELVBOOKING_BIND | 127.0.0.1:8000 | where to listen; behind the reverse proxy, never on a public address |
| WEB_CONCURRENCY | 2 × CPUs + 1 | worker processes |
| SELVBOOKING_THREADS | 4 | threads per worker (gthread): a request mostly waits for PostgreSQL |
| SELVBOOKING_TIMEOUT | 30 | seconds a worker's main loop may stay silent before the worker is killed and replaced |
| SELVBOOKING_GRACEFUL_TIMEOUT | 30 | seconds a worker gets to finish its requests on a restart or stop |
| SELVBOOKING_ACCESS_LOG | (off) | "-" for gunicorn's own access line on stdout, in addition to the app's log |
| SELVBOOKING_LOG_LEVEL | info | gunicorn's own log (start, stop, worker timeouts) |
| SELVBOOKING_REUSE_PORT | 0 | "1": each worker listens on the address itself (SO_REUSEPORT), see below |

**Time-out.** With gthread workers the time-out watches the worker's main loop, not each request: one slow
request in a thread does not trip it (a 60-second calendar import was observed to finish under the 30 s
time-out). Work that could run long bounds itself: a calendar import stops after 10 s, a calendar-address refresh
after 25 s (``scheduling/calendar/busy.py``).

**SO_REUSEPORT (off unless asked for).** By default the workers share the arbiter's listening socket, and a new
connection goes to whichever worker wakes first: a client that keeps its connections open (a reverse proxy's
keep-alive pool, or the benchmark's wrk with 8 connections) may find them all on one worker, which then serves
them on one core while the other idles (issue 11: the benchmark's floor swung between 1,150 and 3,450 requests a
second from run to run). With ``SELVBOOKING_REUSE_PORT=1`` each worker opens its own socket on the address and
the kernel spreads new connections over them by a hash of their addresses. Two costs keep it off by default: a
worker restarted (``SELVBOOKING_MAX_REQUESTS``) drops the connections still waiting in its own queue unless the
kernel hands them on (``sysctl net.ipv4.tcp_migrate_req=1``), and a second server started by mistake on the same
address shares it instead of failing. The benchmark switches it on, and no worker restarts during a run.

**Access log.** The portal writes one JSON line per request itself, with the route template and the request id
(``portal/observability.py``). gunicorn's access log is therefore off, and when it is switched on its format
leaves out the request line, the path and the query (``%(r)s``, ``%(U)s``, ``%(q)s``) and the referrer: the
calendar feed's path carries a secret token (``/kalender/feed/<token>.ics``), which must never reach a log.

**preload_app = False.** Each worker builds the app (``portal:create_app()``) after the fork, so each has its own
SQLAlchemy engine and connection pool: a pooled database connection must never be shared by two processes,
which a preloaded app's engine would be unless disposed in every worker. It costs a little memory and start-up
time per worker, and it lets ``kill -HUP`` load new code worker by worker. Configuration errors (a missing secret
key in production) still stop the start: every worker fails the same way and gunicorn exits.

**gc.freeze() after the app is loaded** (``post_worker_init``): the objects every worker keeps for its life (the
app, the templates, SQLAlchemy's mappers, the catalogues) are left out of the garbage collector's full passes,
which otherwise walk them all again and again (12 % of the instructions of the free-times page, issue 11).

**Proxies.** The portal's own ProxyFix decides what X-Forwarded-* headers to trust (``SELVBOOKING_PROXIES``);
gunicorn's scheme detection from X-Forwarded-Proto is switched off so there is one place, not two.
"""

import gc
import multiprocessing
import os

wsgi_app = "portal:create_app()"
proc_name = "selvbooking"

bind = os.environ.get("SELVBOOKING_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("SELVBOOKING_THREADS", "4"))
worker_class = "gthread"
timeout = int(os.environ.get("SELVBOOKING_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("SELVBOOKING_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
preload_app = False

# a worker restarted now and then returns any memory a long-lived process gathers; jitter spreads the restarts
max_requests = int(os.environ.get("SELVBOOKING_MAX_REQUESTS", "2000"))
max_requests_jitter = 200

# see "SO_REUSEPORT" above
reuse_port = os.environ.get("SELVBOOKING_REUSE_PORT", "0") == "1"

# one place decides what the proxy's headers mean: ProxyFix in the app (portal/proxy.py)
secure_scheme_headers: dict[str, str] = {}

errorlog = "-"
loglevel = os.environ.get("SELVBOOKING_LOG_LEVEL", "info")
accesslog = os.environ.get("SELVBOOKING_ACCESS_LOG") or None
# no %(r)s, %(U)s, %(q)s or %(f)s: the path of a calendar feed carries its secret token
access_log_format = '%(h)s %(t)s "%(m)s" %(s)s %(B)s %(M)sms request_id=%({x-request-id}o)s'


def post_worker_init(worker: object) -> None:
    """The app is loaded: what it holds lives as long as the worker, so the collector need not walk it again."""
    gc.freeze()
