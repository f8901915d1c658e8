"""Alembic environment, configured in code by :func:`scheduling.adapters.db.alembic_config`.

Either a caller hands a live connection in ``config.attributes["connection"]`` (the app, the tests), or the
``sqlalchemy.url`` main option names the database (``alembic`` on the command line with a config built in code).
"""

from alembic import context

from scheduling.adapters.db import make_engine
from scheduling.adapters.orm import metadata

config = context.config


def _render_item(type_, obj, autogen_context):
    """Render the project's column types as plain SQLAlchemy types so that migrations never import the app."""
    from scheduling.adapters.types import StrEnumType, UTCDateTime

    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    if type_ == "type" and isinstance(obj, StrEnumType):
        return f"sa.String(length={obj.impl.length})"
    return False


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        compare_type=True,
        render_item=_render_item,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    try:
        with engine.begin() as connection:
            _run(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported; upgrade a live database")
run_migrations_online()
