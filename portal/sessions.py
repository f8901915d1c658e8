"""Flask's signed session cookie, with the same cookie for less work (issue 11, round 7).

Every request reads the cookie and, since the log-in check refreshes the time of the last request, writes it
again. Flask builds a new serializer and signer for each of the two (deriving the signing key from the secret
anew, an HMAC each time), signs through Python's ``hmac`` object, and runs every value of the session through
each of its JSON tags. Here, with the same secret keys, salt, key derivation and digest (HMAC-SHA1) and the same
JSON:

* the serializer is made once per app and set of secret keys (its signer once per salt), and each signer
  derives its keys once;
* a signature is one call of ``hmac.digest`` (OpenSSL's one-shot HMAC, the same bytes as ``hmac.new``);
* a session holding only plain JSON values (dicts, lists, strings, numbers, booleans, None) and no dict that
  could be read as a tag skips the tagging, whose result would be the same value.

Nothing about what is accepted changes: the signature, its check against every key (fallbacks included) and the
cookie's age limit are itsdangerous's own.

A cookie already verified is not verified again: the app remembers, for each cookie text it has accepted and
whose session is plain JSON, when it was signed and its JSON (:data:`VERIFIED_LIMIT` of them). The same text
again — a logged-in person's next requests until the session changes — is the same signed bytes, so only its
age is checked again (as itsdangerous checks it: older than the session's lifetime, or signed in the future, is
no session); its JSON is read anew into a new session. Any other text is verified in full. (Issue 11, round 10:
the decoding, HMAC and untagging were ~200 Python calls of every logged-in request.)

The cookie is written only by a response whose request changed the session, and never by a static file's. Flask
rewrites a permanent session on every response; a stylesheet, script or font still on its way when a form's
answer arrives would then set the cookie back to what it was before the form was sent, and the answer's message
("Vi har sendt et link …"), a language chosen or a booking's answers so far would be lost. The cookie's lifetime
moves with the time of the last activity, which the log-in check notes at most once a minute
(``identity.SEEN_STEP``).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any

from flask import Flask, Request, request
from flask.json.tag import TaggedJSONSerializer
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import BadSignature, URLSafeTimedSerializer
from itsdangerous.signer import HMACAlgorithm
from itsdangerous.timed import TimestampSigner

_SCALARS = (str, int, float, bool, type(None))
#: how many verified cookies an app remembers before it starts again (a few hundred bytes each)
VERIFIED_LIMIT = 10_000


class _Sha1Hmac(HMACAlgorithm):
    def __init__(self) -> None:
        super().__init__(hashlib.sha1)

    def get_signature(self, key: bytes, value: bytes) -> bytes:
        return hmac.digest(key, value, hashlib.sha1)


class _Signer(TimestampSigner):
    """itsdangerous's timestamp signer with the derived keys kept and a one-shot HMAC-SHA1."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._derived: dict[Any, bytes] = {}
        if self.digest_method().name == "sha1":  # Flask's session digest
            self.algorithm = _Sha1Hmac()

    def derive_key(self, secret_key: str | bytes | None = None) -> bytes:
        found = self._derived.get(secret_key)
        if found is None:
            found = self._derived[secret_key] = super().derive_key(secret_key)
        return found


class _Serializer(URLSafeTimedSerializer):
    """One signer per salt, kept (a signer holds no state of a request)."""

    def make_signer(self, salt: str | bytes | None = None) -> Any:
        kept: dict[Any, Any] = self.__dict__.setdefault("_signers", {})
        found = kept.get(salt)
        if found is None:
            found = kept[salt] = super().make_signer(salt)
        return found


class SessionJSON(TaggedJSONSerializer):
    """Flask's tagged JSON; a session of plain JSON values is returned as it is instead of rebuilt tag by tag."""

    def tag(self, value: Any) -> Any:
        if self._plain(value):
            return value
        return super().tag(value)

    def _plain(self, value: Any) -> bool:
        kind = type(value)
        if kind in _SCALARS:
            return True
        if kind is dict:
            if len(value) == 1 and next(iter(value)) in self.tags:  # Flask would tag it (TagDict)
                return False
            for item in value.values():  # noqa: SIM110  # a loop: all() of a generator is a call per item
                if not (type(item) in _SCALARS or self._plain(item)):
                    return False
            return True
        if kind is list:
            for item in value:  # noqa: SIM110  # as above
                if not (type(item) in _SCALARS or self._plain(item)):
                    return False
            return True
        return False


class SessionInterface(SecureCookieSessionInterface):
    serializer = SessionJSON()

    def open_session(self, app: Flask, request: Request) -> Any:
        """Flask's session from the cookie; a cookie text verified before is only checked for its age (see the
        module's words)."""
        signer = self.get_signing_serializer(app)
        if signer is None:
            return None
        text = request.cookies.get(self.get_cookie_name(app))
        if not text:
            return self.session_class()
        max_age = int(app.permanent_session_lifetime.total_seconds())
        verified: dict[str, tuple[int, str]] = app.extensions.setdefault("selvbooking_verified_cookies", {})
        found = verified.get(text)
        if found is not None:
            signed_at, plain = found
            if 0 <= int(time.time()) - signed_at <= max_age:
                return self.session_class(json.loads(plain))
            verified.pop(text, None)
            return self.session_class()
        try:
            data, signed = signer.loads(text, max_age=max_age, return_timestamp=True)
        except BadSignature:
            return self.session_class()
        if self.serializer._plain(data):
            if len(verified) >= VERIFIED_LIMIT:
                verified.clear()
            verified[text] = (int(signed.timestamp()), json.dumps(data))
        return self.session_class(data)

    def should_set_cookie(self, app: Flask, session: Any) -> bool:
        """Only when this request changed the session, and never for a static file (see the module's words)."""
        return bool(session.modified) and request.endpoint != "static"

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        if not app.secret_key:
            return None
        keys = (*(app.config["SECRET_KEY_FALLBACKS"] or ()), app.secret_key)  # the current key last, as Flask
        kept: dict[tuple[Any, ...], URLSafeTimedSerializer] = app.extensions.setdefault("selvbooking_session_serializers", {})
        found = kept.get(keys)
        if found is None:
            found = kept[keys] = _Serializer(
                list(keys),
                salt=self.salt,
                serializer=self.serializer,
                signer=_Signer,
                signer_kwargs={"key_derivation": self.key_derivation, "digest_method": self.digest_method},
            )
        return found


def init_app(app: Flask) -> None:
    app.session_interface = SessionInterface()
