"""The outbox in the portal (issue 15): the worker sends the demo's notices as e-mail over a real SMTP server on
loopback and into the development folder, in the person's language and with nothing private in them; the
development mail page shows them; the administrator sees the notices that failed."""

from __future__ import annotations

import pytest

from portal.notices.mail import FileTransport, SmtpTransport
from tests.web.caseworker_helpers import as_caseworker, citizen_id, html
from tests.web.notices_helpers import (
    Inbox,
    all_cprs,
    free_port,
    self_signed,
    send_once,
    set_citizen,
    tell_about_first_interview,
)

REVOCATION_REASON = "booket, ombooket og aflyst fire samtaler"


@pytest.fixture
def smtp():
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield inbox, controller.port
    controller.stop()


def _parts(message) -> list[str]:
    return [part.get_content_type() for part in message.walk() if not part.is_multipart()]


def test_the_worker_delivers_each_demo_notice_over_smtp_with_a_text_and_an_html_part(app, smtp):
    inbox, port = smtp
    done = send_once(app, SmtpTransport("127.0.0.1", port, starttls=False))
    assert done.sent == len(inbox.messages) > 0 and done.failed == 0
    message = inbox.messages[0]
    assert _parts(message) == ["text/plain", "text/html"]
    assert message["Subject"] == "Du har fået en ny besked om din jobsamtale"
    assert message["Content-Language"] == "da" and message["Auto-Submitted"] == "auto-generated"
    assert message["Message-ID"].startswith("<notice-") and message["Message-ID"].endswith("@selvbooking.example.dk>")
    assert len({m["Message-ID"] for m in inbox.messages}) == len(inbox.messages)
    assert inbox.recipients[0] == [message["To"]]
    text = message.get_body(("plain",)).get_content()
    assert "Du har fået en ny besked om din jobsamtale" in text and "http://127.0.0.1:5000/borger/beskeder" in text
    assert send_once(app, SmtpTransport("127.0.0.1", port, starttls=False)).handled == 0  # nothing twice


def test_the_mail_goes_over_starttls_with_a_log_in_when_the_server_requires_them(app, tmp_path):
    import ssl

    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    cert, key = self_signed(tmp_path)
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert, key)
    logins: list[bytes] = []

    def authenticate(server, session, envelope, mechanism, auth_data):
        assert isinstance(auth_data, LoginPassword)
        logins.append(auth_data.login)
        return AuthResult(success=auth_data.password == b"hemmelig")

    inbox = Inbox()
    controller = Controller(
        inbox, hostname="127.0.0.1", port=free_port(), tls_context=server_tls, require_starttls=True,
        authenticator=authenticate, auth_require_tls=True,
    )
    controller.start()
    try:
        trusted = ssl.create_default_context(cafile=cert)
        done = send_once(app, SmtpTransport(
            "127.0.0.1", controller.port, starttls=True, username="portal", password="hemmelig", context=trusted,
        ))
    finally:
        controller.stop()
    assert done.sent == len(inbox.messages) > 0 and logins and set(logins) == {b"portal"}


def test_a_person_who_chose_english_gets_the_mail_in_english_with_the_interview_time(app, smtp):
    inbox, port = smtp
    sofie = citizen_id(app, "Sofie Lund Andersen")
    set_citizen(app, sofie, locale="en", email="sofie@example.dk")
    send_once(app, SmtpTransport("127.0.0.1", port, starttls=False))  # the demo's notices, written in Danish
    inbox.messages.clear()
    tell_about_first_interview(app, sofie)  # written after she chose English
    send_once(app, SmtpTransport("127.0.0.1", port, starttls=False))
    hers = [m for m in inbox.messages if m["To"] == "sofie@example.dk"]
    assert hers
    for message in hers:
        assert message["Subject"] == "You have a new message about your job interview"
        assert message["Content-Language"] == "en"
        assert "<html lang=\"en\">" in message.get_body(("html",)).get_content()
    assert any(" at " in m.get_body(("plain",)).get_content() for m in hers)  # "Monday 30 November 2026 at 10:00"


def test_no_mail_holds_a_cpr_number_or_a_decisions_reasons(app, tmp_path):
    folder = tmp_path / "mail"
    send_once(app, FileTransport(folder))
    mails = [p.read_bytes().decode("utf-8", "replace") for p in folder.glob("*.eml")]
    assert mails
    for cpr in all_cprs(app):
        assert not any(cpr in m or f"{cpr[:6]}-{cpr[6:]}" in m for m in mails)
    assert not any(REVOCATION_REASON in m for m in mails)


def test_the_development_page_lists_the_written_mails_and_shows_each(app, client, tmp_path):
    app.config["MAIL_DIR"] = str(tmp_path / "mail")
    send_once(app, FileTransport(tmp_path / "mail"))
    page = html(client.get("/udvikling/mails"))
    assert "Du har fået en ny besked om din jobsamtale" in page
    name = next(p.stem for p in sorted((tmp_path / "mail").glob("*.eml")) if b"text/html" in p.read_bytes())
    shown = html(client.get(f"/udvikling/mails/{name}"))
    assert "Message-ID" in shown and "text/plain, text/html" in shown and "Læs beskeden" in shown
    frame = client.get(f"/udvikling/mails/{name}/html")
    assert frame.status_code == 200 and "sandbox" in frame.headers["Content-Security-Policy"]
    assert client.get("/udvikling/mails/notice-findes-ikke").status_code == 404
    assert client.get("/udvikling/mails/..%2Fweb").status_code == 404


def test_the_development_page_sends_what_waits_on_request(app, client, tmp_path):
    from tests.web.helpers import csrf_token

    app.config["MAIL_DIR"] = str(tmp_path / "mail")
    token = csrf_token(client, "/udvikling/mails")
    response = client.post("/udvikling/mails/send", data={"csrf_token": token}, follow_redirects=True)
    assert response.status_code == 200 and "sendt" in html(response)
    assert list((tmp_path / "mail").glob("*.eml"))


def test_there_is_no_development_mail_page_without_the_setting(tmp_path, demo_database):
    from portal import create_app

    app = create_app("testing", {"DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}", "MAIL_DEV_PAGE": False})
    assert app.test_client().get("/udvikling/mails").status_code == 404


def test_production_refuses_the_file_transport_or_the_mail_page():
    from portal.config import ProductionConfig

    good = {"SECRET_KEY": "s" * 32, "RATELIMIT_ENABLED": False, "MAIL_TRANSPORT": "smtp"}
    ProductionConfig.validate(good)
    for bad in ({"MAIL_TRANSPORT": "file"}, {"MAIL_DEV_PAGE": True}):
        with pytest.raises(RuntimeError):
            ProductionConfig.validate({**good, **bad})


def test_the_administrator_sees_the_notices_that_could_not_be_sent(app, client):
    app.config["NOTICE_MAX_ATTEMPTS"] = 1
    done = send_once(app, SmtpTransport("127.0.0.1", free_port(), starttls=False, timeout=2))  # nobody listens
    assert done.failed > 0 and done.sent == 0
    as_caseworker(client, app, "Torben Vestergaard")  # administrator, A-kassen Fremad
    page = html(client.get("/sagsbehandler/udsendelser"))
    assert "Beskeder, der ikke kunne sendes" in page
    assert "Sofie Lund Andersen" in page and "ConnectionRefusedError" in page
    assert 'href="/sagsbehandler/udsendelser"' in html(client.get("/sagsbehandler/indstillinger"))


def test_only_administrators_see_the_failed_notices(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    assert client.get("/sagsbehandler/udsendelser").status_code == 403
