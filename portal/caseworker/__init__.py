"""The caseworker portal: my people and their deadlines, a person's course and the actions the rules allow my
organisation now, my availability, agreed timeslots for joint interviews (R22), and accounts (administrators)."""

from portal.caseworker import actions, day  # noqa: F401  # day: I dag's route on bp
from portal.caseworker import reminders as _reminders  # noqa: F401  (its routes on bp)
from portal.caseworker import video as _video  # noqa: F401  (its routes on bp)
from portal.caseworker.views import bp

actions.register(bp)

__all__ = ["bp"]
