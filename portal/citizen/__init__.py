"""The citizen's pages: where I stand, booking as a step guide, rebook and cancel, messages."""

from portal.citizen.views import bp

__all__ = ["bp"]
