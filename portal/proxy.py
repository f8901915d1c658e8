"""Behind a reverse proxy: trust its X-Forwarded-For/-Proto/-Host/-Port, for exactly as many proxies as there are.

``PROXIES`` (``SELVBOOKING_PROXIES``; 1 in production, 0 in development and testing) is the number of proxies in
front of the app. With 1, the last value of each X-Forwarded-* header (the one our proxy added) is used and
anything a client wrote in front of it is ignored; with 0 the headers are not trusted at all. Too high a number
lets a client choose its own IP address (rate limits per IP) and scheme (secure cookies, external URLs).
"""

from __future__ import annotations

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix


def init_app(app: Flask) -> None:
    proxies = int(app.config.get("PROXIES") or 0)
    if proxies > 0:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies, x_port=proxies
        )
