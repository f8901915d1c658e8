"""Reminders (issue 15) on the organisation's settings page (administrators): the hour of the reminders and how
many days before the book-by date a person who has booked nothing is reminded. The service checks the values
again (:func:`scheduling.services.reminders.set_reminder_settings`)."""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask_babel import gettext as _

from portal import now
from portal.caseworker import views
from portal.caseworker.reminder_forms import ReminderForm
from portal.caseworker.views import bp
from portal.database import unit_of_work
from portal.forms import Form
from scheduling.services import reminders


@bp.post("/indstillinger/paamindelser", endpoint="reminder_settings")
def reminder_settings() -> views.Page:
    """The organisation's reminder settings; administrators only."""
    admin = views._admin()
    form = ReminderForm()

    def render(form: Form, refusal: Any = None) -> str:
        return views._settings_page(reminder_form=form, reminder_refusal=refusal)

    return views.attempt(
        form,
        lambda: reminders.set_reminder_settings(
            unit_of_work(), admin.id, int(form.reminder_hour.data), int(form.book_by_reminder_days.data), now(),
        ),
        _("Indstillingerne for påmindelser er gemt."),
        url_for(".settings") + "#paamindelser",
        render,
    )
