"""Column types that keep the database honest about time and about the domain's enums.

* :class:`UTCDateTime` stores an instant. PostgreSQL keeps it as ``timestamp with time zone``; SQLite has no
  time zones, so the value is written as naive UTC and read back as aware UTC. Either way Python only ever
  sees aware UTC datetimes, and a naive datetime is refused on the way in (it would be a bug: which clock?).
* :class:`StrEnumType` stores a :class:`enum.StrEnum` from :mod:`scheduling.course` as its string value, so the
  rows stay readable in ``psql``/``sqlite3`` and a new enum member needs no migration.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Generic, TypeVar

from sqlalchemy import DateTime, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

E = TypeVar("E", bound=StrEnum)


class UTCDateTime(TypeDecorator[datetime]):
    """An aware instant, stored in UTC on every database."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r}: store aware instants only")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class StrEnumType(TypeDecorator[E], Generic[E]):
    """A StrEnum stored as its value in a VARCHAR (no native enum type, no CHECK: new members need no migration)."""

    impl = String(40)
    cache_ok = True

    def __init__(self, enum: type[E], length: int = 40) -> None:
        super().__init__(length)
        self.enum = enum
        self._members: dict[str, E] = {member.value: member for member in enum}  # read back without Enum.__call__

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return self.enum(value).value

    def process_result_value(self, value: str | None, dialect: Dialect) -> E | None:
        if value is None:
            return None
        member = self._members.get(value)
        return member if member is not None else self.enum(value)  # an unknown value raises as before

    def __repr__(self) -> str:
        return f"StrEnumType({self.enum.__name__})"
