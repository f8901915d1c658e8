"""Log-in rate limits (Flask-Limiter): guessing passwords is slowed per IP, per account and IP, and (much more
loosely) per account, instead of locking the account.

Why this shape: a hard lockout per account let anyone lock a caseworker out at will by typing wrong passwords
for their e-mail. Here an attacker's wrong guesses first use up the limits of *their* IP and of (account, *their*
IP); the caseworker at another address is not affected. Only the per-account limit is shared by every address,
and it is loose (``LOGIN_LIMIT_PER_ACCOUNT``): it bounds a guessing attack spread over many addresses, and it
takes that many failed attempts within the window to hold the real caseworker up.

**Known browsers.** Spread over enough addresses, guesses would still use up the per-account limit and hold the
real caseworker up for its window, at the guessers' will. A successful log-in therefore leaves a signed cookie
(``selvbooking_device``: the hashed account keys this browser has logged in to, at most
:data:`DEVICE_ACCOUNTS`, for :data:`DEVICE_DAYS` days) and the per-account limit does not apply to a browser that
carries the account's key (the per-IP and per-account-and-IP limits still do). Guessers never have it: it is
only given after the right password.

Only failed attempts count (``deduct_when``): an office where many caseworkers log in from one address is not
slowed by its own successful log-ins. The account key is the e-mail as typed, trimmed and lower-cased, hashed so
no e-mail address is stored in the limiter's storage, and it is counted the same whether the e-mail exists or
not, so a rate-limited answer (429, the Danish "for mange forsøg" page) reveals nothing, and it costs no Argon2
verify.

The counters live in ``RATELIMIT_STORAGE_URI``: Redis in production, so several app servers share them
(``SELVBOOKING_REDIS_URL``); ``memory://`` in development and tests. ``RATELIMIT_ENABLED`` is off in the testing
configuration (the web tests log in many times from one address); the tests of the limits turn it on.

One Limiter per application (Flask-Limiter keeps its storage and switches on the instance, and the tests make
many apps in one process), kept in ``app.extensions["selvbooking_limiter"]``.
"""

from __future__ import annotations

import hashlib
from typing import Any

from flask import Flask, current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from itsdangerous import BadData, URLSafeTimedSerializer
from werkzeug.wrappers import Response

LIMITED_ENDPOINT = "auth.caseworker_login"
DEVICE_COOKIE = "selvbooking_device"
DEVICE_DAYS = 180
DEVICE_ACCOUNTS = 5


def _failed(response: Response) -> bool:
    """A log-in that did not succeed (a success redirects)."""
    return response.status_code != 302


def _account() -> str:
    email = (request.form.get("email") or "").strip().lower()
    return "account:" + hashlib.sha256(email.encode()).hexdigest()[:32]


def _account_and_address() -> str:
    return f"{_account()}|{get_remote_address()}"


def _devices() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="selvbooking-known-device")  # type: ignore[arg-type]


def _known_accounts() -> list[str]:
    """The account keys this browser has logged in to (none when the cookie is missing, forged or too old)."""
    raw = request.cookies.get(DEVICE_COOKIE)
    if not raw:
        return []
    try:
        accounts = _devices().loads(raw, max_age=DEVICE_DAYS * 24 * 3600)
    except BadData:
        return []
    return [a for a in accounts if isinstance(a, str)] if isinstance(accounts, list) else []


def _known_browser() -> bool:
    return _account() in _known_accounts()


def _remember_browser(response: Response) -> Response:
    """After a successful caseworker log-in: this browser knows the account."""
    if request.endpoint != LIMITED_ENDPOINT or request.method != "POST" or _failed(response):
        return response
    account = _account()
    accounts = [account, *(a for a in _known_accounts() if a != account)][:DEVICE_ACCOUNTS]
    response.set_cookie(
        DEVICE_COOKIE,
        _devices().dumps(accounts),
        max_age=DEVICE_DAYS * 24 * 3600,
        path="/log-ind/",
        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
        httponly=True,
        samesite="Lax",
    )
    return response


def init_app(app: Flask) -> Limiter:
    """Create the app's limiter and put the log-in limits on the caseworker log-in (registered before this)."""
    limiter = Limiter(get_remote_address, app=app)
    app.extensions["selvbooking_limiter"] = limiter
    config = app.config
    view: Any = app.view_functions[LIMITED_ENDPOINT]
    for limit, key, exempt in (
        (config["LOGIN_LIMIT_PER_ACCOUNT"], _account, _known_browser),
        (config["LOGIN_LIMIT_PER_ACCOUNT_AND_IP"], _account_and_address, None),
        (config["LOGIN_LIMIT_PER_IP"], get_remote_address, None),
    ):
        view = limiter.limit(limit, key_func=key, deduct_when=_failed, methods=["POST"], exempt_when=exempt)(view)
    app.view_functions[LIMITED_ENDPOINT] = view
    app.after_request(_remember_browser)
    return limiter
