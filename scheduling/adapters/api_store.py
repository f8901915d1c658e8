"""The integration API's queries (issue 16): tokens by the hash of their secret, an organisation's tokens, and the
idempotency keys' stored answers. Mixed into the repository (:class:`SqlApiStore` into
:class:`~scheduling.adapters.repository.Repository`), as the outbox is; the unit tests' in-memory repository has
none.

Two requests with the same ``Idempotency-Key`` at once (two app servers): :meth:`SqlApiStore.claim_idempotency_key`
inserts the key's row with ``ON CONFLICT DO NOTHING`` in its own transaction, so exactly one of them claims it
(the unique index on (token, key) decides); the other finds the row, still without a status or already with
the first answer. :meth:`SqlApiStore.take_over_idempotency_key` gives a claim abandoned by a process that died
to the next request, with one conditional ``UPDATE`` (of two at once, the row's lock lets one change it).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from scheduling.adapters.orm import ApiIdempotencyRow, ApiTokenRow


class AbstractApiStore:
    """The API's reads and writes; SQL only."""

    def api_token_by_hash(self, token_hash: str) -> ApiTokenRow | None:
        """The token whose secret hashes to ``token_hash`` (revoked or not)."""
        raise NotImplementedError("the API needs the SQL repository")

    def api_token(self, token_id: int) -> ApiTokenRow | None:
        raise NotImplementedError("the API needs the SQL repository")

    def api_tokens(self, organisation_id: int) -> list[ApiTokenRow]:
        """The organisation's tokens, newest first."""
        raise NotImplementedError("the API needs the SQL repository")

    def touch_api_token(self, token_id: int, now: datetime, before: datetime) -> None:
        """Set the token's last use to ``now`` unless it was used after ``before`` already."""
        raise NotImplementedError("the API needs the SQL repository")

    def claim_idempotency_key(self, token_id: int, key: str, request_hash: str, now: datetime) -> bool:
        """Insert the key's row (no answer yet); False when it exists already."""
        raise NotImplementedError("the API needs the SQL repository")

    def take_over_idempotency_key(
        self, token_id: int, key: str, request_hash: str, now: datetime, claimed_before: datetime
    ) -> bool:
        """Claim anew, at ``now``, the key's row for the same request if it has no answer and was claimed before
        ``claimed_before`` (abandoned); False otherwise."""
        raise NotImplementedError("the API needs the SQL repository")

    def idempotency_entry(self, token_id: int, key: str) -> ApiIdempotencyRow | None:
        raise NotImplementedError("the API needs the SQL repository")


class SqlApiStore(AbstractApiStore):
    session: Session

    def api_token_by_hash(self, token_hash: str) -> ApiTokenRow | None:
        return self.session.scalar(select(ApiTokenRow).where(ApiTokenRow.token_hash == token_hash))

    def api_token(self, token_id: int) -> ApiTokenRow | None:
        return self.session.get(ApiTokenRow, token_id)

    def api_tokens(self, organisation_id: int) -> list[ApiTokenRow]:
        return list(self.session.scalars(
            select(ApiTokenRow).where(ApiTokenRow.organisation_id == organisation_id)
            .order_by(ApiTokenRow.created_at.desc(), ApiTokenRow.id.desc())
        ))

    def touch_api_token(self, token_id: int, now: datetime, before: datetime) -> None:
        self.session.execute(
            update(ApiTokenRow)
            .where(ApiTokenRow.id == token_id)
            .where((ApiTokenRow.last_used_at.is_(None)) | (ApiTokenRow.last_used_at < before))
            .values(last_used_at=now)
        )

    def claim_idempotency_key(self, token_id: int, key: str, request_hash: str, now: datetime) -> bool:
        values = {"token_id": token_id, "key": key, "request_hash": request_hash, "headers": {}, "created_at": now}
        insert = postgresql.insert if self.session.get_bind().dialect.name == "postgresql" else sqlite.insert
        statement = insert(ApiIdempotencyRow).values(**values).on_conflict_do_nothing(
            index_elements=["token_id", "key"]
        ).returning(ApiIdempotencyRow.id)
        # Core, not the ORM's bulk insert: RETURNING says whether this statement inserted the row
        return self.session.connection().execute(statement).first() is not None

    def take_over_idempotency_key(
        self, token_id: int, key: str, request_hash: str, now: datetime, claimed_before: datetime
    ) -> bool:
        statement = (
            update(ApiIdempotencyRow)
            .where(
                ApiIdempotencyRow.token_id == token_id, ApiIdempotencyRow.key == key,
                ApiIdempotencyRow.request_hash == request_hash, ApiIdempotencyRow.status.is_(None),
                ApiIdempotencyRow.created_at < claimed_before,
            )
            .values(created_at=now)
            .execution_options(synchronize_session=False)
        )
        return self.session.execute(statement).rowcount == 1  # type: ignore[attr-defined]

    def idempotency_entry(self, token_id: int, key: str) -> ApiIdempotencyRow | None:
        return self.session.scalar(
            select(ApiIdempotencyRow).where(ApiIdempotencyRow.token_id == token_id, ApiIdempotencyRow.key == key)
        )
