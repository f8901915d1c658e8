"""The organisation's reminder settings form (issue 15): the hour of the reminders and how many days before the
book-by date; the service checks the values again."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField

from portal.forms import Form
from scheduling.services import reminders


class ReminderForm(Form):
    reminder_hour = SelectField(
        _l("Klokkeslæt for påmindelser"),
        description=_l("Påmindelsen om en samtale kommer dagen før på dette klokkeslæt (dansk tid)."),
        choices=[(str(h), f"{h:02d}.00") for h in reminders.REMINDER_HOURS],
    )
    book_by_reminder_days = SelectField(
        _l("Påmindelse om at booke (dage før fristen)"),
        description=_l("Hvor mange dage før fristen for at booke en person, der ikke har booket, får en påmindelse."),
        choices=[(str(d), str(d)) for d in reminders.BOOK_BY_REMINDER_DAYS],
    )


def reminder_form(hour: int, days: int) -> ReminderForm:
    """The form with the organisation's settings."""
    return ReminderForm(formdata=None, reminder_hour=str(hour), book_by_reminder_days=str(days))
