"""Calendar forms. Messages are instructions: they say what to do, not only what is wrong."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired, FileSize

from portal.forms import Form
from scheduling.calendar.busy import MAX_BYTES


class RenewFeedForm(Form):
    """Confirm a new secret address for the subscription feed (only the CSRF token)."""


class BusyUploadForm(Form):
    """An .ics export of the caseworker's own calendar."""

    calendar_file = FileField(
        _l("Kalenderfil (.ics)"),
        validators=[
            FileRequired(_l("Vælg en kalenderfil (.ics), som du har eksporteret fra din kalender")),
            FileSize(
                max_size=MAX_BYTES,
                message=_l(
                    "Vælg en kalenderfil på højst %(megabytes)s MB", megabytes=MAX_BYTES // (1024 * 1024)
                ),
            ),
        ],
    )


class BusyRefreshForm(Form):
    """Fetch the busy times again from the calendar address the organisation set up (only the CSRF token)."""
