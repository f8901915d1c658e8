"""The portal's fast paths for messages and dates (portal/i18n.py, issue 11 "pages") give exactly Flask-Babel's
answers: every message of the catalogue in both languages, from Python and from a template, with and without
variables, under ``force_locale``; every date format on ordinary days, across the summer-time changes, for
aware, naive and plain dates, asked once and asked again."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import flask_babel
import pytest
from babel.messages.pofile import read_po
from jinja2 import Environment

from portal import i18n
from portal.config import ROOT

CATALOGUE = Path(ROOT) / "translations" / "en" / "LC_MESSAGES" / "messages.po"


def _message_ids() -> list[str]:
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle)
    return [m.id for m in catalogue if m.id and isinstance(m.id, str)]


def _reference():
    """Flask-Babel's own domain, as it comes (not the portal's)."""
    return flask_babel.Domain(domain="messages")


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_message_translates_as_flask_babel_translates_it(app, language):
    with app.test_request_context("/", headers={"Cookie": f"{i18n.LANG_COOKIE}={language}"}):
        reference = _reference()
        for message in _message_ids():
            assert i18n.gettext(message) == reference.gettext(message), message
            assert flask_babel.gettext(message) == reference.gettext(message), message


def test_a_message_with_variables_and_a_forced_locale(app):
    with app.test_request_context("/"):
        reference = _reference()
        message = "Holdt: %(held)s af %(required)s"
        assert i18n.gettext(message, held=1, required=2) == reference.gettext(message, held=1, required=2)
        with flask_babel.force_locale("en"):
            assert i18n.gettext(message, held=1, required=2) == "Held: 1 of 2"
            assert i18n.locale_code() == "en"
        assert i18n.gettext(message, held=1, required=2) == "Holdt: 1 af 2"
        assert i18n.locale_code() == "da"


def test_outside_a_request_a_message_stays_as_it_is(app):
    assert i18n.gettext("Mine samtaler") == "Mine samtaler"


@pytest.mark.parametrize("language", ["da", "en"])
def test_templates_translate_as_jinjas_i18n_extension_with_flask_babel(app, language):
    source = (
        "{{ _('Mine samtaler') }}|{{ gettext('Holdt: %(held)s af %(required)s', held='<b>', required=2) }}|"
        "{{ _('100%% sikker') }}|{{ ngettext('%(num)d person', '%(num)d personer', 1) }}|"
        "{{ ngettext('%(num)d person', '%(num)d personer', 3) }}|{{ _('Ukendt <besked>') }}|"
        "{% for n in [1, 2] %}{% set held = n %}{{ _('Holdt: %(held)s af %(required)s', held=held, required=2) }}"
        "{% endfor %}"
    )
    reference = Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
    reference.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda s: _reference().get_translations().ugettext(s),
        ngettext=lambda s, p, n: _reference().get_translations().ungettext(s, p, n),
        newstyle=True,
    )
    with app.test_request_context("/", headers={"Cookie": f"{i18n.LANG_COOKIE}={language}"}):
        ours = app.jinja_env.from_string(source).render()
        assert ours == reference.from_string(source).render()
        assert "&lt;b&gt;" in ours


def _instants() -> list[datetime]:
    """Ordinary days, both summer-time changes (the repeated and the missing hour), midnight in Denmark."""
    found = [datetime(2026, 11, 25, 9, 0, tzinfo=UTC), datetime(2026, 12, 31, 23, 30, tzinfo=UTC)]
    for start in (datetime(2026, 3, 28, 23, 0, tzinfo=UTC), datetime(2026, 10, 24, 23, 0, tzinfo=UTC)):
        found += [start + timedelta(minutes=15 * n) for n in range(16)]
    found.append(datetime(2026, 6, 1, 10, 0, tzinfo=timezone(timedelta(hours=2))))
    return found


@pytest.mark.parametrize("language", ["da", "en"])
def test_dates_are_formatted_as_babel_formats_them_once_and_again(app, language):
    with app.test_request_context("/", headers={"Cookie": f"{i18n.LANG_COOKIE}={language}"}):
        da = language == "da"
        for _ in range(2):  # the second time from what was remembered
            for instant in [*_instants(), datetime(2026, 3, 29, 2, 30)]:  # and a naive one (read as UTC)
                assert i18n.datetime_long(instant) == flask_babel.format_datetime(
                    instant, "EEEE 'den' d. MMMM y 'kl.' HH.mm" if da else "EEEE d MMMM y 'at' HH:mm"
                )
                assert i18n.time_short(instant) == flask_babel.format_datetime(instant, "HH.mm" if da else "HH:mm")
                assert i18n.date_long(instant) == flask_babel.format_date(instant, "d. MMMM y" if da else "d MMMM y")
                assert i18n.weekday_date(instant) == flask_babel.format_date(
                    instant, "EEEE 'den' d. MMMM y" if da else "EEEE d MMMM y"
                )
            for day in (date(2026, 1, 1), date(2026, 3, 29), date(2026, 10, 25)):
                assert i18n.date_long(day) == flask_babel.format_date(day, "d. MMMM y" if da else "d MMMM y")
                assert i18n.weekday_date(day) == flask_babel.format_date(
                    day, "EEEE 'den' d. MMMM y" if da else "EEEE d MMMM y"
                )
        assert i18n.date_long(None) == i18n.datetime_long(None) == ""


def test_the_same_instant_in_another_language_is_formatted_in_that_language(app):
    instant = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    with app.test_request_context("/"):
        assert i18n.datetime_long(instant) == "mandag den 30. november 2026 kl. 10.00"
        with flask_babel.force_locale("en"):
            assert i18n.datetime_long(instant) == "Monday 30 November 2026 at 10:00"


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_labels_lazy_strings_translate_as_flask_babels(app, language):
    """The labels the pages show (kinds, formats, states …) are the portal's lazy strings (``i18n.lazy_gettext``):
    shown in the request's language, as Flask-Babel's ``lazy_gettext`` shows them."""
    from portal import labels

    tables = [value for value in vars(labels).values() if isinstance(value, dict)]
    lazy = [text for table in tables for text in table.values() if isinstance(text, flask_babel.speaklater.LazyString)]
    assert len(lazy) > 20
    with app.test_request_context("/", headers={"Cookie": f"{i18n.LANG_COOKIE}={language}"}):
        for text in lazy:
            assert str(text) == str(flask_babel.lazy_gettext(text._args[0], **text._kwargs)), text._args
            assert text.__html__() == str(text)
    with app.test_request_context("/", headers={"Cookie": f"{i18n.LANG_COOKIE}=en"}):
        assert str(labels.KIND_LABELS[next(iter(labels.KIND_LABELS))]) != str(
            next(iter(labels.KIND_LABELS.values()))._args[0]
        ), "English differs from the Danish msgid"
