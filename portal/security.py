"""Security headers on every response: a strict Content-Security-Policy, no framing, no sniffing, no caching of
personal data.

* **Content-Security-Policy**: scripts, styles, fonts and images only from the portal itself (DKFDS is served
  from ``/static``; its CSS uses no ``data:`` URLs today, ``img-src`` allows them for SVG icons a later DKFDS may
  inline). No inline script or style anywhere: the pages start DKFDS from ``static/selvbooking.js``, and
  ``tests/web/test_security_headers.py`` fails on any ``<script>`` body, ``<style>``, ``style=`` or ``on…=``
  attribute. ``form-action`` allows the portal and, when OIDC is configured, the identity provider's origin (a
  form whose answer redirects there, e.g. a log-in started by POST, is checked against it by browsers).
* **Referrer-Policy: same-origin**: the secret calendar-feed addresses and the OIDC callback's query never leave
  the site in a Referer header, while the portal's own forms keep theirs: Flask-WTF's CSRF check requires a
  same-origin Referer on HTTPS, so ``no-referrer`` would refuse every form in production.
* **Cache-Control: no-store** on every page and error page: nearly all of them carry personal data or a CSRF token
  tied to a session, and the few public ones gain nothing from caching. A response that chose its own policy
  keeps it: the calendar feed says ``private, no-cache`` (the calendar app keeps the events anyway; no shared
  cache may, and each poll revalidates with the ETag and gets a 304 when nothing changed), an interview's .ics
  ``private, no-store``. Static files (DKFDS, the portal's CSS and JS) keep Flask's revalidating caching.
* **Strict-Transport-Security** only in production, where the portal runs behind HTTPS.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

from flask import Flask, current_app, request
from werkzeug.wrappers import Response

CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'none'",
    "object-src": "'none'",
}

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), fullscreen=()"
HSTS = "max-age=31536000"  # a year; subdomains are the operator's to decide

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate CSP 2
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
}


@lru_cache(maxsize=16)
def content_security_policy(oidc_metadata_url: str | None = None) -> str:
    """The policy as a header value; the identity provider's origin joins ``form-action`` when configured
    (remembered: the same for every response of an app)."""
    directives = dict(CONTENT_SECURITY_POLICY)
    origin = _origin(oidc_metadata_url)
    if origin:
        directives["form-action"] += f" {origin}"
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def _origin(url: str | None) -> str | None:
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"


def init_app(app: Flask) -> None:
    """Add the headers to every response, error pages included."""
    app.after_request(secure)


def secure(response: Response) -> Response:
    """The security headers (see the module docstring); a header a view set itself is kept."""
    headers = response.headers
    config = current_app.config
    present = {name.lower() for name, _value in headers}
    for name, lowered, value in _defaults(config.get("OIDC_METADATA_URL"), config.get("ENVIRONMENT") == "production"):
        if lowered not in present:
            headers.add(name, value)
    static_file = request.endpoint == "static" and response.status_code < 400
    if not static_file and "cache-control" not in present:
        headers["Cache-Control"] = "no-store"
    return response


@lru_cache(maxsize=16)
def _defaults(oidc_metadata_url: str | None, production: bool) -> tuple[tuple[str, str, str], ...]:
    """The headers every response gets unless it set them itself, in the order they are added, with their names
    in lower case (remembered per configuration: the response's own headers are read once, not once a header)."""
    pairs = [("Content-Security-Policy", content_security_policy(oidc_metadata_url)), *HEADERS.items()]
    if production:
        pairs.append(("Strict-Transport-Security", HSTS))
    return tuple((name, name.lower(), value) for name, value in pairs)
