"""What only the benchmark configuration has (``SELVBOOKING_CONFIG=benchmark``, benchmarks/run.py).

* ``/_bench/floor``: a trivial route returning a short text — the framework's floor, against which each page is
  measured in the same run (issue 11). No database, no template, no log-in.
* Counted SQL: every statement and every transaction a request runs, as the response headers ``X-SQL-Statements``
  and ``X-SQL-Transactions`` (SQLAlchemy's ``before_cursor_execute`` and ``begin`` events on the app's engine).

:func:`portal.create_app` imports this module only when the configuration is ``benchmark``; production never has
the route or the headers.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, g, has_request_context
from sqlalchemy import event

STATEMENTS = "X-SQL-Statements"
TRANSACTIONS = "X-SQL-Transactions"


def _count(name: str) -> None:
    if has_request_context():
        setattr(g, name, g.get(name, 0) + 1)


def init_app(app: Flask) -> None:
    from portal.database import engine

    with app.app_context():
        db_engine = engine()

    @event.listens_for(db_engine, "before_cursor_execute")
    def statement(*_args: Any) -> None:
        _count("bench_statements")

    @event.listens_for(db_engine, "begin")
    def begin(*_args: Any) -> None:
        _count("bench_transactions")

    @app.after_request
    def sql_headers(response: Response) -> Response:
        response.headers[STATEMENTS] = str(g.get("bench_statements", 0))
        response.headers[TRANSACTIONS] = str(g.get("bench_transactions", 0))
        return response

    @app.get("/_bench/floor")
    def floor() -> Response:
        return Response("ok", mimetype="text/plain")
