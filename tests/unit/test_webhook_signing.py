"""Webhooks (issue 16), the pure parts: the URL an administrator may subscribe, the body and its signature, and the
receiver's verification as docs/api.md shows it (run here, so the documentation cannot drift from the sender)."""

from __future__ import annotations

import hashlib
import hmac
import re
import time
from pathlib import Path

import pytest

from scheduling.services import webhooks
from scheduling.services.errors import InvalidInput

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"
SECRET = "whsec_test"


def _documented_verify():
    """The ``verify`` function of the documentation's Python example."""
    section = DOC.read_text(encoding="utf-8").split("## Webhooks", 1)[1]
    code = re.findall(r"```python\n(.*?)```", section, re.S)[0]
    namespace: dict = {}
    exec(compile(code, str(DOC), "exec"), namespace)  # noqa: S102 - our own documentation's example
    return namespace["verify"]


def test_the_signature_is_hmac_sha256_of_the_timestamp_and_the_body():
    body = webhooks.body({"type": "ping", "id": "evt_1", "data": {"subscription_id": 1}})
    assert body == b'{"data":{"subscription_id":1},"id":"evt_1","type":"ping"}'
    expected = hmac.new(SECRET.encode(), b"1700000000." + body, hashlib.sha256).hexdigest()
    assert webhooks.signature(SECRET, 1700000000, body) == f"t=1700000000,v1={expected}"


def test_the_documented_verification_accepts_a_fresh_event_and_refuses_a_forged_or_replayed_one():
    verify = _documented_verify()
    body = webhooks.body({"type": "interview.booked", "data": {"interview_id": 7}})
    now = int(time.time())
    header = webhooks.signature(SECRET, now, body)
    assert verify(SECRET, header, body) and webhooks.verify(SECRET, header, body, now)
    assert not verify("whsec_other", header, body)
    assert not verify(SECRET, header, body.replace(b"7", b"8"))
    old = webhooks.signature(SECRET, now - 3600, body)  # a replay an hour later
    assert not verify(SECRET, old, body) and not webhooks.verify(SECRET, old, body, now)
    assert not verify(SECRET, "v1=abc", body) and not webhooks.verify(SECRET, "t=x,v1=abc", body, now)


@pytest.mark.parametrize("url", [
    "https://sag.example.dk/selvbooking/webhook", "https://sag.example.dk:8443/hook?kilde=selvbooking",
])
def test_an_https_url_is_accepted(url):
    assert webhooks.checked_url(f"  {url} ") == url


@pytest.mark.parametrize(("url", "message"), [
    ("http://sag.example.dk/hook", webhooks.HTTPS_ONLY),
    ("http://127.0.0.1:8000/hook", webhooks.HTTPS_ONLY),  # loopback only where the configuration allows it
    ("https://bruger:kode@sag.example.dk/", webhooks.NO_CREDENTIALS),
    ("ftp://sag.example.dk/", webhooks.BAD_URL),
    ("sag.example.dk/hook", webhooks.BAD_URL),
    ("https://", webhooks.BAD_URL),
    ("https://sag.example.dk:99999/", webhooks.BAD_URL),
    ("https://sag example.dk/", webhooks.BAD_URL),
    ("", webhooks.BAD_URL),
    ("https://sag.example.dk/" + "a" * 2000, webhooks.URL_TOO_LONG),
])
def test_a_url_that_cannot_be_used_is_refused_with_why(url, message):
    with pytest.raises(InvalidInput) as refused:
        webhooks.checked_url(url)
    assert refused.value.reason.message == message


@pytest.mark.parametrize("url", [
    "https://127.0.0.1/hook", "https://[::1]/hook", "https://localhost/hook", "https://sag.localhost./hook",
    "https://10.0.0.5/hook", "https://172.16.4.2/hook", "https://192.168.1.1:8443/hook", "https://100.64.0.1/hook",
    "https://169.254.169.254/latest/meta-data", "https://[fe80::1%25eth0]/hook", "https://[fd00::1]/hook",
    "https://[::ffff:10.0.0.1]/hook", "https://0.0.0.0/hook", "https://224.0.0.1/hook", "https://240.0.0.1/hook",
    "https://2130706433/hook", "https://0x7f.1/hook", "https://127.1/hook", "https://printer.local/hook",
    "https://sag.internal/hook", "https://router.home.arpa/hook",
    # IPv6 addresses that carry an internal IPv4 address: IPv4-compatible, NAT64 (to the cloud metadata), 6to4
    "https://[::127.0.0.1]/hook", "https://[64:ff9b::a9fe:a9fe]/hook", "https://[64:ff9b:1::a00:1]/hook",
    "https://[2002:7f00:1::]/hook",
])
def test_a_url_of_an_internal_network_is_refused_however_it_is_written(url):
    with pytest.raises(InvalidInput) as refused:
        webhooks.checked_url(url)
    assert refused.value.reason.message == webhooks.INTERNAL_ADDRESS


def test_a_public_address_is_accepted_and_only_loopback_is_allowed_for_development():
    assert webhooks.checked_url("https://93.184.216.34/hook") == "https://93.184.216.34/hook"
    assert webhooks.checked_url("https://[2606:4700::1111]/hook") == "https://[2606:4700::1111]/hook"
    assert webhooks.checked_url("https://127.0.0.1/hook", allow_loopback_http=True) == "https://127.0.0.1/hook"
    with pytest.raises(InvalidInput):
        webhooks.checked_url("https://192.168.1.1/hook", allow_loopback_http=True)
    assert webhooks.deliverable("93.184.216.34") and not webhooks.deliverable("127.0.0.1")
    assert webhooks.deliverable("64:ff9b::5db8:d822")  # NAT64 to a public IPv4 address (93.184.216.34)
    assert not webhooks.deliverable("64:ff9b::a9fe:a9fe")  # … and to the metadata address
    assert webhooks.deliverable("::1", allow_loopback=True) and not webhooks.deliverable("10.1.2.3", allow_loopback=True)


def test_http_to_loopback_only_when_allowed():
    assert webhooks.checked_url("http://127.0.0.1:8000/hook", allow_loopback_http=True) == "http://127.0.0.1:8000/hook"
    assert webhooks.checked_url("http://localhost/hook", allow_loopback_http=True) == "http://localhost/hook"
    with pytest.raises(InvalidInput):
        webhooks.checked_url("http://10.0.0.1/hook", allow_loopback_http=True)


def test_events_must_be_chosen_from_the_list_and_keep_its_order():
    assert webhooks.checked_events(["decision.made", "interview.booked"]) == ["interview.booked", "decision.made"]
    for wrong in ([], ["ping"], ["interview.deleted"]):
        with pytest.raises(InvalidInput):
            webhooks.checked_events(wrong)
