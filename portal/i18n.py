"""Language and formats: Danish by default, English on request (remembered), dates through Babel.

Dates and times are always shown in Europe/Copenhagen, written the Danish way: "mandag den 3. marts 2025
kl. 10.00"; English: "Monday 3 March 2025 at 10:00".

**Fast paths, same answers.** Flask-Babel finds the request's catalogue and locale through a chain of context
look-ups for every single message (about 25 µs each, and a page has a hundred), and Babel formats a date anew
each time. Here the request's locale is read where Flask-Babel keeps it (it still chooses it, and
``force_locale`` still changes it), the catalogue is looked up by that locale in a dictionary, the templates'
``_``/``gettext``/``ngettext`` call it directly, and each formatted date is remembered per app, by instant,
pattern and locale. ``tests/web/test_i18n_fast_paths.py`` proves the answers are Flask-Babel's.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from babel import Locale
from babel.support import NullTranslations
from flask import Flask, current_app, request, session
from flask.globals import _cv_app
from flask_babel import Domain, format_date, format_datetime, get_locale
from flask_babel.speaklater import LazyString
from jinja2 import pass_eval_context
from jinja2.nodes import EvalContext
from markupsafe import Markup

from scheduling.parameters import Parameter
from scheduling.reasons import Reason, first_name, format_param
from scheduling.rules.catalogue import CATALOGUE, basis, law_links

#: How many formatted dates an app remembers before it starts again (a week of slots is a few hundred).
FORMATTED_LIMIT = 20_000

LANG_COOKIE = "selvbooking_sprog"
ONE_YEAR = 60 * 60 * 24 * 365


def select_locale() -> Locale:
    """The person's choice (session, then a long-lived cookie), else Danish: one Locale object for each language,
    made once (Flask-Babel takes a Locale as it is; a code it parses anew on every request) with its code and key
    (:func:`_locale_info`; issue 11, round 12)."""
    languages = current_app.config["LANGUAGES"]
    chosen = session.get("lang") or request.cookies.get(LANG_COOKIE)
    code = str(chosen if chosen in languages else current_app.config["BABEL_DEFAULT_LOCALE"])
    found = _SELECTED.get(code)
    if found is None:
        locale = Locale.parse(code)
        found = _SELECTED[code] = (locale, str(locale), _locale_key(locale))
        _SELECTED_INFO[id(locale)] = found
    return found[0]


#: the locale of each language :func:`select_locale` gives, with its code and key; and the same by the object's id
_SELECTED: dict[str, tuple[Locale, str, tuple[str, ...]]] = {}
_SELECTED_INFO: dict[int, tuple[Locale, str, tuple[str, ...]]] = {}


def _request_locale() -> Any:
    """Flask-Babel's locale for this request, read where it keeps it once chosen (None outside a request)."""
    ctx = _cv_app.get(None)
    if ctx is None:
        return None
    state = ctx.g.__dict__.get("_flask_babel")
    locale = getattr(state, "babel_locale", None)
    return locale if locale is not None else get_locale()


def _locale_key(locale: Any) -> tuple[str, ...]:
    return (locale.language, locale.territory or "", locale.script or "", locale.variant or "")


def _locale_info() -> tuple[Any, str, tuple[str, ...]] | None:
    """The request's locale, its code and its key, worked out once per request and locale object (a page asks for
    them ~50–100 times; ``str(locale)`` is several calls into Babel each time; issue 11, round 7); force_locale
    swaps the object, so they are worked out again then. None outside a request or without a locale."""
    ctx = _cv_app.get(None)
    if ctx is None:
        return None
    kept_in = ctx.g.__dict__
    locale = getattr(kept_in.get("_flask_babel"), "babel_locale", None)
    if locale is None:
        locale = get_locale()
        if locale is None:
            return None
    kept: tuple[Any, str, tuple[str, ...]] | None = _SELECTED_INFO.get(id(locale))
    if kept is not None and kept[0] is locale:
        return kept
    kept = kept_in.get("_selvbooking_locale")
    if kept is None or kept[0] is not locale:
        kept = kept_in["_selvbooking_locale"] = (locale, str(locale), _locale_key(locale))
    return kept


class Catalogues(Domain):
    """Flask-Babel's message domain, finding the request's catalogue in a dictionary by the request's locale
    instead of through its chain of context look-ups (Flask-Babel loads and merges the catalogue as before)."""

    def __init__(self) -> None:
        super().__init__(domain="messages")
        self.by_locale: dict[tuple[str, ...], Any] = {}

    def get_translations(self) -> Any:
        ctx = _cv_app.get(None)
        if ctx is None:
            return NullTranslations()
        # the catalogue last found in this request, kept with the locale object it was found for: a page asks
        # ~100 times, and force_locale (a letter in the recipient's language) swaps the object, so it is
        # looked up again then
        kept = ctx.g.__dict__.get("_selvbooking_catalogue")
        state = ctx.g.__dict__.get("_flask_babel")
        locale = getattr(state, "babel_locale", None)
        if kept is not None and locale is not None and kept[0] is locale:
            return kept[1]
        if locale is None:
            locale = get_locale()
            if locale is None:
                return NullTranslations()
        key = _locale_key(locale)
        found = self.by_locale.get(key)
        if found is None:
            found = self.by_locale[key] = super().get_translations()
        ctx.g.__dict__["_selvbooking_catalogue"] = (locale, found)
        return found


#: The portal's one message domain (Flask-Babel's ``get_domain()`` finds it too: :func:`init_app`).
CATALOGUES = Catalogues()


def locale_key() -> tuple[str, ...]:
    """The request's locale as a dictionary key (what a remembered, translated piece of a page depends on)."""
    info = _locale_info()
    return info[2] if info is not None else _locale_key(_request_locale())


def locale_code() -> str:
    info = _locale_info()
    return info[1] if info is not None else "da"


def gettext(string: str, **variables: Any) -> str:
    """Flask-Babel's ``gettext``, without its look-ups (see the module docstring)."""
    translated: str = CATALOGUES.get_translations().ugettext(string)
    return translated % variables if variables else translated


def ngettext(singular: str, plural: str, num: int, **variables: Any) -> str:
    """Flask-Babel's ``ngettext`` (``%(num)d`` given), without its look-ups."""
    translated: str = CATALOGUES.get_translations().ungettext(singular, plural, num)
    return translated % {"num": num, **variables}

def lazy_gettext(string: str, **variables: Any) -> LazyString:
    """Flask-Babel's ``lazy_gettext`` through the fast :func:`gettext`: the same lazy string (translated when it
    is shown, in the request's language), without Flask-Babel's context look-ups every time a label is shown —
    the pages show the kind, format and state labels of every interview and obligation."""
    return LazyString(gettext, string, **variables)


@pass_eval_context
def _template_gettext(eval_ctx: EvalContext, string: str, **variables: Any) -> str:
    """The templates' ``_()``/``gettext()``: what Jinja's i18n extension does with Flask-Babel's callable (always
    a format string; Markup when autoescaping), in one call instead of three, and given only the evaluation
    context: a function given the whole context gets a copy of it, every global included, for every call
    inside a loop that sets a variable."""
    catalogue = CATALOGUES.get_translations()
    if not variables and eval_ctx.autoescape:
        # most of a page's messages have no variables: their Markup is made once per catalogue (a page has ~90)
        made: dict[str, Markup] | None = catalogue.__dict__.get("_selvbooking_markup")
        if made is None:
            made = catalogue.__dict__["_selvbooking_markup"] = {}
        found = made.get(string)
        if found is None:
            found = made[string] = Markup(catalogue.ugettext(string)) % variables  # nosec B704  # as below
        return found
    translated = catalogue.ugettext(string)
    if eval_ctx.autoescape:
        # our own catalogue's text, as Jinja's i18n extension marks it; the variables are escaped by Markup's %
        translated = Markup(translated)  # nosec B704
    return translated % variables  # type: ignore[no-any-return]


@pass_eval_context
def _template_ngettext(eval_ctx: EvalContext, singular: str, plural: str, num: int, **variables: Any) -> str:
    variables.setdefault("num", num)
    translated = CATALOGUES.get_translations().ungettext(singular, plural, num)
    if eval_ctx.autoescape:
        translated = Markup(translated)  # nosec B704  # as above
    return translated % variables  # type: ignore[no-any-return]


def _formatted(kind: str, format_: Callable[[Any, str], str], value: date | datetime, pattern: str) -> str:
    """``format_(value, pattern)`` remembered per app by instant, pattern and the request's locale."""
    ctx = _cv_app.get(None)
    if ctx is None:
        return format_(value, pattern)
    if isinstance(value, datetime):
        instant: Any = (datetime, value.astimezone(UTC)) if value.tzinfo is not None else ("naive", value)
    else:
        instant = (date, value)
    key = (kind, instant, pattern, locale_key())
    kept: dict[Any, str] = ctx.app.extensions["selvbooking_formatted"]
    found = kept.get(key)
    if found is None:
        if len(kept) >= FORMATTED_LIMIT:
            kept.clear()
        found = kept[key] = format_(value, pattern)
    return found


def date_long(value: date | datetime | None) -> str:
    """"3. marts 2025" / "3 March 2025"."""
    if value is None:
        return ""
    return _formatted("date", format_date, value, "d. MMMM y" if locale_code() == "da" else "d MMMM y")


def weekday_date(value: date | datetime) -> str:
    """"mandag den 3. marts 2025" / "Monday 3 March 2025"."""
    return _formatted("date", format_date, value, "EEEE 'den' d. MMMM y" if locale_code() == "da" else "EEEE d MMMM y")


def month_year(value: date) -> str:
    """"december 2026" / "December 2026"."""
    return _formatted("date", format_date, value, "LLLL y")


def month_short(value: date) -> str:
    """"jan. 26" / "Jan 26": a month under a chart's axis (issue 17)."""
    return _formatted("date", format_date, value, "MMM yy")


def datetime_long(value: datetime | None) -> str:
    """"mandag den 3. marts 2025 kl. 10.00" / "Monday 3 March 2025 at 10:00"."""
    if value is None:
        return ""
    if locale_code() == "da":
        return _formatted("datetime", format_datetime, value, "EEEE 'den' d. MMMM y 'kl.' HH.mm")
    return _formatted("datetime", format_datetime, value, "EEEE d MMMM y 'at' HH:mm")


def time_short(value: datetime) -> str:
    """"10.00" / "10:00"."""
    return _formatted("datetime", format_datetime, value, "HH.mm" if locale_code() == "da" else "HH:mm")


def _format_value(value: Any, locale: str) -> str:
    if isinstance(value, datetime):
        return datetime_long(value)
    if isinstance(value, date):
        return date_long(value)
    if isinstance(value, str):
        # Words the rules put into a sentence ("a-kassen", "jobcentret") are messages too (marked with N_).
        return gettext(value)
    try:
        return _number(value, locale)
    except TypeError:  # not hashable: not remembered
        return format_param(value, locale)


@lru_cache(maxsize=4096, typed=True)  # typed: True and 1 are equal keys otherwise
def _number(value: Any, locale: str) -> str:
    """A number (or other plain value) of a reason as :func:`format_param` writes it, remembered: English numbers go
    through Babel, which parses its pattern every time (the obligations of Mine samtaler have several)."""
    return format_param(value, locale)


class LawNumber:
    """A number of the law from :mod:`scheduling.parameters` in a sentence (``%(weeks)s``), read on today's date
    when the sentence is rendered, in the reader's locale: ``_l("… inden for %(weeks)s uger", weeks=LawNumber(P.APPEAL_WEEKS))``.
    No text in the portal writes such a number itself (tests/unit/test_law_numbers.py)."""

    __slots__ = ("parameter",)

    def __init__(self, parameter: Parameter[Any]) -> None:
        self.parameter = parameter

    def __str__(self) -> str:
        from portal import today

        return format_param(self.parameter.on(today()), locale_code())


def law(name: str) -> LawNumber:
    """For templates: ``_("… %(months)s måneder", months=law("INTENSIFIED_INTERVIEW_MONTHS"))``."""
    from scheduling import parameters

    parameter = getattr(parameters, name)
    assert isinstance(parameter, Parameter), name
    return LawNumber(parameter)


def explain(reason: Reason | None, about: str | None = None) -> str:
    """A reason from the rules core in the reader's language: as said to the person, or, ``about`` a person (their
    name, on a caseworker's page), in the caseworker's wording that calls them by their first name."""
    if reason is None:
        return ""
    return reason.render(
        gettext=gettext, locale=locale_code(), format_value=_format_value, about=first_name(about) if about else None
    )


def legal_basis(reason: Reason | None) -> Markup:
    """The legal basis of a reason as ``macros/components.html``'s ``basis`` shows it, rendered by its macro once
    per app, rule, basis, language and script root: the block depends on nothing else (its link to the rules
    page, the rule's title in the reader's language, the law's links), and Mine samtaler and the person page
    show one under every reason — a macro of ~15 calls each time (issue 11, round 5)."""
    if reason is None or not reason.basis:
        return Markup("")
    key = (reason.rule, reason.basis, _locale_key(_request_locale()), request.script_root)
    kept: dict[Any, Markup] = current_app.extensions["selvbooking_bases"]
    found = kept.get(key)
    if found is None:
        module: Any = current_app.jinja_env.get_template("macros/components.html").module
        macro = module.basis_uncached
        found = kept[key] = Markup(macro(reason))  # nosec B704  # our own template's output, escaped by it
    return found


def init_app(app: Flask) -> None:
    """After Flask-Babel's own ``init_app``: the fast catalogue look-up, the templates' gettext, the filters."""
    from portal.extensions import babel

    if app.config.get("BABEL_DOMAIN", "messages") != "messages":
        raise RuntimeError("the portal has one message domain, 'messages'")
    babel.domain_instance = CATALOGUES  # one Babel object, so one domain, for every app
    app.extensions["selvbooking_formatted"] = {}
    app.extensions["selvbooking_bases"] = {}
    app.jinja_env.globals.update(_=_template_gettext, gettext=_template_gettext, ngettext=_template_ngettext)
    app.jinja_env.filters.update(
        date_long=date_long,
        weekday_date=weekday_date,
        month_year=month_year,
        month_short=month_short,
        datetime_long=datetime_long,
        time_short=time_short,
        explain=explain,
    )
    app.jinja_env.globals.update(
        locale_code=locale_code, law=law, legal_basis=legal_basis, rule_basis=basis, rule_catalogue=CATALOGUE,
        law_links=law_links,
    )
