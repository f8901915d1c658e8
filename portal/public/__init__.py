"""Pages anyone may see: the front page, the accessibility statement, privacy, the language choice."""

from portal.public.views import bp

__all__ = ["bp"]
