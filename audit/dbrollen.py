"""The database role the app runs as: it owns nothing and cannot empty or rewrite the audit trail.

Migrations run as the owner of the tables (`DATABASE_MIGRATE_URL` in docker-compose.yml); the
app (web, worker, beat) connects as a role that only reads and writes rows. Owning a table
would let it `ALTER TABLE … DISABLE TRIGGER`, and `TRUNCATE` or `session_replication_role`
would skip the append-only trigger of audit/migrations/0002. This module is the one place
that says which privileges the app gets; `manage.py app_databaserol` (run by the start script
after migrating, as the owner) and the tests use it.
"""

import re


class OnveiligeRol(Exception):
    pass


AUDIT_TABEL = "audit_auditregel"


def _q(naam: str) -> str:
    # Role names are ours (docker-compose.yml): plain identifiers only, so quoting cannot be escaped.
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", naam):
        raise OnveiligeRol(f"Ongeldige naam voor een databaserol: {naam!r}.")
    return f'"{naam}"'


def privileges_sql(app_rol: str) -> list[str]:
    """What the owner grants the app: rows, not tables; the audit trail only SELECT and INSERT.

    Default privileges make tables of later migrations (created by the same owner) work
    without a new grant; running this again after every migrate keeps the audit exception."""
    rol = _q(app_rol)
    return [
        f"GRANT USAGE ON SCHEMA public TO {rol}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {rol}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {rol}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {rol}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {rol}",
        # Evidence: the app adds to the trail and reads it; it never changes or empties it.
        f"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {_q(AUDIT_TABEL)} FROM {rol}",
        f"GRANT SELECT, INSERT ON {_q(AUDIT_TABEL)} TO {rol}",
    ]


def ken_toe(cursor, app_rol: str) -> None:
    """Grant the app role its privileges, after checking it can do no more than that."""
    _q(app_rol)
    cursor.execute(
        "SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = %s", [app_rol]
    )
    rij = cursor.fetchone()
    if rij is None:
        raise OnveiligeRol(f"De databaserol {app_rol} bestaat niet.")
    if any(rij):
        raise OnveiligeRol(f"De databaserol {app_rol} is superuser of mag rollen/databases maken.")
    cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = %s", [app_rol])
    if cursor.fetchone()[0]:
        raise OnveiligeRol(f"De databaserol {app_rol} is eigenaar van tabellen; migreer als de eigenaar.")
    for sql in privileges_sql(app_rol):
        cursor.execute(sql)
