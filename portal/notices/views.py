"""The outbox's pages: the administrator's list of notices that could not be sent, and (development only) the
mails and SMS the file transport and gateway wrote, so that a person trying the demo sees what the portal sent."""

from __future__ import annotations

import json
from email import policy as email_policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from werkzeug.wrappers import Response as Redirect

from portal import now
from portal.auth.identity import CASEWORKER, CITIZEN, login_required
from portal.database import reads, unit_of_work
from portal.errors import status_of
from portal.forms import Form
from portal.i18n import gettext
from portal.i18n import lazy_gettext as _l
from portal.notices.forms import ConfirmLinkForm, ContactForm, choosable, notice_choices_form
from scheduling import notice_choices
from scheduling.services import contact, notices, read_model
from scheduling.services.errors import DomainError
from scheduling.vocabulary import MessageKind, NoticeCategory

#: What a notice was about, on the administrator's list.
MESSAGE_TOPIC_LABELS = {
    MessageKind.BOOKING: _l("Booking"),
    MessageKind.CALL_IN: _l("Indkaldelse"),
    MessageKind.REBOOKING: _l("Flytning"),
    MessageKind.CANCELLATION: _l("Aflysning"),
    MessageKind.FORMAT_RAISED: _l("Samtaleform ændret"),
    MessageKind.DECISION: _l("Afgørelse"),
    MessageKind.SELF_BOOKING: _l("Selvbooking"),
    MessageKind.REFERRAL: _l("Visitering"),
}

admin_bp = Blueprint("notices", __name__, template_folder="templates", url_prefix="/sagsbehandler")
contact_bp = Blueprint("contact", __name__, template_folder="templates", url_prefix="/borger/kontakt")
dev_bp = Blueprint("dev_mail", __name__, template_folder="templates", url_prefix="/udvikling")


@admin_bp.before_request
def only_caseworkers() -> Any:
    return login_required(CASEWORKER)(lambda: None)()


@admin_bp.get("/udsendelser")
def failed() -> str:
    """Notices the worker gave up on, to people my organisation serves (administrators only)."""
    worker = read_model.caseworker(reads(), g.current_user.id)
    if not worker.is_admin:
        abort(403)
    rows = notices.failed_notices(reads(), worker.organisation_id)
    return render_template("notices/failed.html", rows=rows, topics=MESSAGE_TOPIC_LABELS)


# ---- the person's contact settings -----------------------------------------------------------------------------


@contact_bp.before_request
def only_citizens() -> Any:
    return login_required(CITIZEN)(lambda: None)()


def _offer_channels(form: ContactForm, mine: contact.Contact) -> ContactForm:
    """The choice of channels only for a person with both a confirmed address and a mobile number."""
    if len(mine.offered) < 2:
        del form.channels
    if not mine.email:
        del form.invitations
    return form


def _contact_page(form: ContactForm | None = None) -> str:
    mine = contact.contact(reads(), g.current_user.id)
    if form is None:
        form = ContactForm(formdata=None, data={
            "email": mine.email_pending or mine.email or "", "mobile": mine.mobile or "",
            "channels": mine.preference,  # None: the kinds differ, so no one choice is checked
            "invitations": mine.invitations,
        })
    return render_template(
        "notices/contact.html", form=_offer_channels(form, mine), mine=mine, categories=notice_choices.CATEGORIES,
    )


@contact_bp.route("", methods=["GET", "POST"])
def settings() -> Any:
    """The e-mail address notices go to (confirmed by a link before it is used), a mobile number, and by which of
    them notices go."""
    form = _offer_channels(ContactForm(), contact.contact(reads(), g.current_user.id))
    if not form.validate_on_submit():
        return _contact_page(form if form.is_submitted() else None), 422 if form.is_submitted() else 200
    preference = form.channels.data if "channels" in form else None
    invitations = bool(form.invitations.data) if "invitations" in form else None
    try:
        sent = contact.change_contact(
            unit_of_work(), g.current_user.id, form.email.data or "", form.mobile.data or "", now(), preference,
            invitations,
        )
    except DomainError as error:
        form.email.errors = [gettext(error.reason.message)]
        return _contact_page(form), status_of(error)
    flash(_("Vi har sendt et link til %(email)s. Åbn det for at bekræfte adressen.", email=form.email.data.strip())
          if sent else _("Dine kontaktoplysninger er gemt."))
    return redirect(url_for(".settings"))


#: What each kind of notice is, under its legend on the page of choices.
CATEGORY_HINTS = {
    NoticeCategory.BOOKINGS: _l("Når du eller din a-kasse eller dit jobcenter booker, flytter eller aflyser en samtale."),
    NoticeCategory.CALL_INS: _l("Når din a-kasse eller dit jobcenter indkalder dig til en samtale."),
    NoticeCategory.FORMAT: _l("Når en samtale skal holdes ved personligt fremmøde i stedet for på telefon eller video."),
    NoticeCategory.DECISIONS: _l("Når din a-kasse eller dit jobcenter træffer en afgørelse om dig."),
    NoticeCategory.COURSE: _l("Når du får retten til selvbooking tilbage eller bliver fritaget for den, og når du bliver visiteret til jobcentret."),
    NoticeCategory.REMINDERS: _l("Dagen før hver samtale, du har booket eller er indkaldt til."),
    NoticeCategory.BOOK_BY: _l("Et par dage før den dag, du senest skal have booket en samtale, hvis du ikke har booket."),
}


def _choices_page(form: Form, mine: contact.Contact, refusal: str | None = None) -> str:
    return render_template(
        "notices/choices.html", form=form, mine=mine, categories=notice_choices.CATEGORIES,
        choosable=choosable(mine), hints=CATEGORY_HINTS, binding=notice_choices.BINDING, refusal=refusal,
    )


@contact_bp.route("/beskeder", methods=["GET", "POST"])
def choices() -> Any:
    """By which channel(s) each kind of notice reaches the person: e-mail, SMS, both, or none where the law allows
    it; only the channels they have an address for are offered."""
    mine = contact.contact(reads(), g.current_user.id)
    form = notice_choices_form(mine, shown=request.method == "GET")
    if request.method == "GET":
        return _choices_page(form, mine)
    if not form.validate_on_submit():
        return _choices_page(form, mine), 422
    try:
        contact.change_notice_choices(
            unit_of_work(), g.current_user.id, {str(c): form[str(c)].data for c in choosable(mine)},
        )
    except DomainError as error:  # the settings changed meanwhile (the number removed in another tab)
        return _choices_page(form, mine, gettext(error.reason.message)), status_of(error)
    flash(_("Dine valg er gemt."))
    return redirect(url_for(".settings"))


@contact_bp.route("/bekraeft/<token>", methods=["GET", "POST"])
def confirm(token: str) -> Any:
    """The link in the mail: a page with a button (a GET changes nothing), and the button's POST."""
    form = ConfirmLinkForm()
    if not form.is_submitted():
        return render_template("notices/confirm.html", form=form, refusal=None)
    if not form.validate_on_submit():
        return render_template("notices/confirm.html", form=form, refusal=None), 400
    try:
        address = contact.confirm_email(unit_of_work(), g.current_user.id, token, now())
    except DomainError as error:
        return render_template("notices/confirm.html", form=form, refusal=gettext(error.reason.message)), status_of(error)
    flash(_("Din e-mailadresse %(email)s er bekræftet. Vi sender besked hertil, når der er nyt.", email=address))
    return redirect(url_for(".settings"))


# ---- development only: the mails written to instance/mail/ ---------------------------------------------------


def _folder() -> Path:
    return Path(current_app.config["MAIL_DIR"])


def _read(path: Path) -> EmailMessage:
    with path.open("rb") as handle:
        message = BytesParser(policy=email_policy.default).parse(handle)
    assert isinstance(message, EmailMessage)  # nosec B101 - policy.default parses to EmailMessage
    return message


def _mail(name: str) -> EmailMessage:
    path = _folder() / f"{name}.eml"
    if not name.replace("-", "").isalnum() or not path.is_file():
        abort(404)
    return _read(path)


def _newest(folder: Path, pattern: str) -> list[Path]:
    return sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)[:200] if folder.is_dir() else []


@dev_bp.get("/mails")
def mails() -> str:
    """Every mail and SMS written, newest first."""
    folder, sms_folder = _folder(), Path(current_app.config["SMS_DIR"])
    listed = [(p.stem, _read(p)) for p in _newest(folder, "*.eml")]
    texts = [json.loads(p.read_text(encoding="utf-8")) for p in _newest(sms_folder, "*.json")]
    return render_template("notices/mails.html", mails=listed, folder=folder, texts=texts, sms_folder=sms_folder)


@dev_bp.get("/mails/<name>")
def mail(name: str) -> str:
    """One mail: its headers and its plain-text part; the HTML part in a sandboxed frame."""
    message = _mail(name)
    text = message.get_body(preferencelist=("plain",))
    parts = [
        part.get_content_type() + (f"; method={part.get_param('method')}" if part.get_param("method") else "")
        for part in message.walk() if not part.is_multipart()
    ]
    return render_template(
        "notices/mail_page.html", name=name, message=message, text=text.get_content() if text else "", parts=parts,
    )


@dev_bp.get("/mails/<name>/html")
def mail_html(name: str) -> Response:
    """The HTML part as the mail program would show it (in the page's sandboxed frame)."""
    html = _mail(name).get_body(preferencelist=("html",))
    if html is None:
        abort(404)
    response = Response(html.get_content(), mimetype="text/html")
    # the mail's own inline styles, nothing else; only this portal's page may frame it
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox"
    )
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    return response


@dev_bp.post("/mails/send")
def send_now() -> Redirect:
    """Run the worker once (``flask --app portal notices send --once``) from the page."""
    from portal.notices.worker import run

    done = run(current_app._get_current_object(), once=True)  # type: ignore[attr-defined]
    flash(_("%(sent)s sendt, %(retried)s prøves igen, %(failed)s fejlet.", sent=done.sent, retried=done.retried,
            failed=done.failed))
    return redirect(url_for(".mails"))
