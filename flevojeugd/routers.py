"""Figures and report reads on a read replica (#14.5), on an existing engine: Django's database
routers. Code that computes figures runs inside `van_replica()`; the router sends its reads to
the `replica` alias when DATABASE_REPLICA_URL is set, and to the primary otherwise. Writes
always go to the primary, and nothing migrates the replica (PostgreSQL streams it)."""

import contextvars
from contextlib import contextmanager

from django.conf import settings

_lees_van_replica = contextvars.ContextVar("lees_van_replica", default=False)


@contextmanager
def van_replica():
    """Reads in this block may come from the replica: counts that can be a few seconds old."""
    token = _lees_van_replica.set(True)
    try:
        yield
    finally:
        _lees_van_replica.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _lees_van_replica.get() and getattr(settings, "REPLICA_GEBRUIKEN", False):
            return "replica"
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica is a copy of the same database

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return False if db == "replica" else None
