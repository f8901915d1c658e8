"""The confirmation step of a safe change (issue 14): an absence or new working hours that hit booked interviews.

Without JavaScript: the change's own form is posted; when the service answers that interviews need a choice
(:class:`~scheduling.services.safe_changes.ChoicesNeeded`), the page shows them with the change's fields as
hidden inputs and one radio group per interview (move to a free colleague, cancel with a reason, keep). That
second form posts to the same address; the service then saves everything in one transaction, or refuses.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime, time, tzinfo
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from portal.errors import status_of
from portal.forms import Form
from portal.i18n import datetime_long, weekday_date
from portal.urls import confirmed
from scheduling.reasons import N_
from scheduling.safe_changes import Cancel, Choice, ChoiceProblem, Keep, Move
from scheduling.services.availability import TOO_LONG
from scheduling.services.errors import DomainError, InvalidInput, NotFound
from scheduling.services.safe_changes import Affected, ChoicesNeeded

CHOICE = "valg-"
REASON = "begrundelse-"
CONFIRMED = "bekraeft"
REASON_LIMIT = 1000
UNREADABLE = N_("Valget kunne ikke læses. Intet er gemt.")
PROBLEM_TEXTS = {
    "missing": _l("Vælg, hvad der skal ske med samtalen"),
    "reason": _l("Skriv begrundelsen til personen"),
    "colleague": _l("Vælg en kollega, der er ledig"),
    "keep": _l("Flyt eller aflys samtalen"),
}

Page = str | Response | tuple[str, int]


def choices(form: Mapping[str, str]) -> dict[int, Choice]:
    """What the confirmation step posted: ``valg-<interview>`` = ``flyt-<colleague>``, ``aflys`` or ``behold``,
    and ``begrundelse-<interview>`` the reason for a cancellation. A value no form of ours sends is InvalidInput."""
    found: dict[int, Choice] = {}
    for name, value in form.items():
        if not name.startswith(CHOICE):
            continue
        interview = _number(name.removeprefix(CHOICE))
        if value.startswith("flyt-"):
            found[interview] = Move(_number(value.removeprefix("flyt-")))
        elif value == "aflys":
            reason = form.get(f"{REASON}{interview}", "")
            if len(reason) > REASON_LIMIT:
                raise InvalidInput.because(TOO_LONG, count=REASON_LIMIT)
            found[interview] = Cancel(reason)
        elif value == "behold":
            found[interview] = Keep()
        else:
            raise InvalidInput.because(UNREADABLE)
    return found


def _number(raw: str) -> int:
    if not raw.isascii() or not raw.isdigit() or len(raw) > 12:
        raise InvalidInput.because(UNREADABLE)
    return int(raw)


def _problems(problems: tuple[ChoiceProblem, ...]) -> dict[int, Any]:
    return {p.interview_id: PROBLEM_TEXTS[p.what] for p in problems}


def confirm(
    title: str,
    lead: str,
    submit: str,
    form: Form,
    call: Callable[[Mapping[int, Choice]], Any],
    preview: Callable[[], list[Affected]],
    done: str,
    refused: Callable[[DomainError], Page],
    **context: Any,
) -> Page:
    """Save the change with the posted choices (``call``), or show the confirmation step: on the first asking
    (200), with the choices' problems (422), or with a refusal and the interviews as they are now (``preview``).
    A refusal of the change's own form (before the confirmation step) is ``refused``'s to show."""
    try:
        chosen = choices(request.form)
        call(chosen)
    except NotFound:
        raise
    except ChoicesNeeded as needed:
        asked = CONFIRMED in request.form
        problems = _problems(needed.problems) if asked else {}
        return _page(title, lead, submit, form, needed.affected, problems, **context), 422 if asked else 200
    except DomainError as error:
        if CONFIRMED not in request.form:
            return refused(error)
        return _page(title, lead, submit, form, preview(), {}, refusal=error.reason, **context), status_of(error)
    flash(done, "success")
    return redirect(confirmed(url_for(".availability")))


def _page(
    title: str, lead: str, submit: str, form: Form, affected: tuple[Affected, ...] | list[Affected],
    problems: dict[int, Any], refusal: Any = None, **context: Any,
) -> str:
    posted = MultiDict(request.form)
    return render_template(
        "caseworker/safe_change_confirm.html",
        title=title, lead=lead, submit=submit, form=form, affected=affected, problems=problems, refusal=refusal,
        kept=[(name, value) for name, value in posted.items(multi=True) if _kept(name)],
        posted=posted, **context,
    )


def period(first: date, start: time | None, last: date, end: time | None, zone: tzinfo) -> str:
    """An absence as it was entered: whole days by their dates, a time of day where one was given."""
    begins = datetime_long(datetime.combine(first, start, zone)) if start else weekday_date(first)
    ends = datetime_long(datetime.combine(last, end, zone)) if end else weekday_date(last)
    return f"{begins} – {ends}"


def _kept(name: str) -> bool:
    """The change's own fields, carried as hidden inputs (not the token, nor the step's own choices)."""
    return name != "csrf_token" and name != CONFIRMED and not name.startswith((CHOICE, REASON))
