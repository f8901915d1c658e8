"""The least-privilege PostgreSQL role the portal runs as (``flask --app portal db grant-app-role ROLE``).

Two roles: an *owner* that owns the schema's tables and runs the migrations, and the *application* role that the
app servers log in as. The application role owns nothing and may only read and write rows: SELECT, INSERT,
UPDATE and DELETE on the tables, USAGE on the sequences, and on ``audit_log`` only SELECT and INSERT. So the
application, or anyone who takes it over, cannot UPDATE, DELETE or TRUNCATE the audit log, drop or alter a
table, or switch the append-only trigger off (only an owner may). Default privileges give the tables of future
migrations the same grants; :func:`grant_app_role` is safe to run again after every ``db upgrade``.

SQLite has no roles: whoever can open the file can change it. Its append-only triggers guard against the
application's own mistakes, not against the application; the audit log is protected only on PostgreSQL.
``docs/database-roles.md`` has the same statements as SQL for an operator who prefers ``psql``.
"""

from __future__ import annotations

from sqlalchemy import Engine, text

#: Tables the application may read but not write: the audit log takes new lines only; Alembic's version is the
#: owner's (the app reads it to know the schema is current).
APPEND_ONLY = ("audit_log",)
READ_ONLY = ("alembic_version",)


class RoleError(Exception):
    """The role cannot be made least-privilege as asked; the message says why (Danish, then English)."""


def grant_statements(role: str, schema: str) -> list[str]:
    """The statements that make ``role`` the application role, run by the owner of ``schema``'s tables."""
    r, s = _ident(role), _ident(schema)
    statements = [
        f"GRANT USAGE ON SCHEMA {s} TO {r}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO {r}",
        f"REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA {s} FROM {r}",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {s} TO {r}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {r}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT USAGE ON SEQUENCES TO {r}",
    ]
    statements += [f"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {s}.{t} FROM {r}" for t in APPEND_ONLY]
    statements += [
        f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {s}.{t} FROM {r}" for t in READ_ONLY
    ]
    return statements


def grant_app_role(engine: Engine, role: str) -> list[str]:
    """Make ``role`` the application role of the database ``engine`` connects to, connected as the tables' owner.

    Refuses (:class:`RoleError`, nothing changed) on SQLite, for an unknown role, for the owner itself, for a
    superuser, for a role that owns a table or is a member of the owner (it would inherit the owner's rights),
    and when the role could create tables in the schema. Returns the statements it ran.
    """
    if engine.dialect.name != "postgresql":
        raise RoleError(
            "SQLite har ingen databaseroller; revisionssporet beskyttes kun på PostgreSQL "
            "(SQLite has no roles: the audit log is protected on PostgreSQL only)."
        )
    with engine.begin() as connection:
        me, schema = connection.execute(text("SELECT current_user, current_schema()")).one()
        found = connection.execute(
            text("SELECT rolsuper, pg_has_role(:role, current_user, 'USAGE') FROM pg_roles WHERE rolname = :role"),
            {"role": role},
        ).one_or_none()
        if found is None:
            raise RoleError(f"Rollen {role} findes ikke (no such role); opret den først med CREATE ROLE … LOGIN.")
        superuser, inherits_owner = found
        if role == me or inherits_owner:
            raise RoleError(
                f"Rollen {role} er (medlem af) ejeren {me}; appen skal have sin egen rolle "
                f"(the app role must not be, or inherit, the owner)."
            )
        if superuser:
            raise RoleError(f"Rollen {role} er superuser (a superuser bypasses every privilege).")
        owned = connection.scalars(
            text("SELECT tablename FROM pg_tables WHERE schemaname = :schema AND tableowner = :role"),
            {"schema": schema, "role": role},
        ).all()
        if owned:
            raise RoleError(f"Rollen {role} ejer tabeller (owns tables): {', '.join(owned)}.")
        statements = grant_statements(role, schema)
        for statement in statements:
            connection.execute(text(statement))
        may_create = connection.scalar(
            text("SELECT has_schema_privilege(:role, :schema, 'CREATE')"), {"role": role, "schema": schema}
        )
        if may_create:
            raise RoleError(
                f"Rollen {role} kan oprette tabeller i {schema}: kør REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC "
                f"som skemaets ejer (PostgreSQL before 15 lets everyone create in public)."
            )
    return statements


def _ident(name: str) -> str:
    """A quoted SQL identifier (role and schema names come from the operator and the server)."""
    return '"' + name.replace('"', '""') + '"'
