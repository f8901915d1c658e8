"""Log-in and log-out: demo log-in (development only), caseworker password log-in, OpenID Connect."""

from portal.auth.views import bp

__all__ = ["bp"]
