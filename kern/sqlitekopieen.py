"""Copied columns kept by triggers on SQLite, the database of `make run` (#14.4).

On PostgreSQL each app's migrations lay its copy triggers. SQLite rebuilds a table for many
schema changes and then refuses, or silently drops, triggers that name it; so there no migration
lays them: an app registers its copy here (`registreer`), and before every `migrate` all copy
triggers are removed, after it laid again and every copy computed afresh (kern/apps.py connects
this to pre_migrate and post_migrate once).
"""

from dataclasses import dataclass

from django.db.models.signals import post_migrate, pre_migrate


@dataclass(frozen=True)
class SqliteKopie:
    triggers: list[tuple[str, str]]  # (name, CREATE TRIGGER …)
    tabellen: frozenset[str]  # every table the triggers name
    kolom: tuple[str, str]  # (table, column) the copy lives in: absent before its migration
    vullen: tuple[str, ...]  # the statements that compute every copy afresh
    oude_namen: tuple[str, ...] = ()  # triggers an earlier migration laid under other names


_KOPIEEN: list[SqliteKopie] = []


def registreer(kopie: SqliteKopie) -> None:
    _KOPIEEN.append(kopie)


def weghalen(connection) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as c:
        for kopie in _KOPIEEN:
            for naam in [n for n, _ in kopie.triggers] + list(kopie.oude_namen):
                c.execute(f"DROP TRIGGER IF EXISTS {naam}")


def aanleggen(connection) -> None:
    """Lay every registered copy's triggers and compute its copies (a moment for a demo database)."""
    if connection.vendor != "sqlite":
        return
    weghalen(connection)
    tabellen = set(connection.introspection.table_names())
    with connection.cursor() as c:
        for kopie in _KOPIEEN:
            tabel, kolom = kopie.kolom
            if not kopie.tabellen <= tabellen or kolom not in {
                k.name for k in connection.introspection.get_table_description(c, tabel)
            }:
                continue  # a partial migrate: the next full one lays them
            for _, sql in kopie.triggers:
                c.execute(sql)
            for sql in kopie.vullen:
                c.execute(sql)


def _voor_migrate(using, **kwargs):
    from django.db import connections

    weghalen(connections[using])


def _na_migrate(using, **kwargs):
    from django.db import connections

    aanleggen(connections[using])


def verbind(app_config) -> None:
    pre_migrate.connect(_voor_migrate, sender=app_config, dispatch_uid="kern_sqlitekopieen_weg")
    post_migrate.connect(_na_migrate, sender=app_config, dispatch_uid="kern_sqlitekopieen_aan")
