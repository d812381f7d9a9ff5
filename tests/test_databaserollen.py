"""The audit trail is evidence: the app's database role cannot empty or rewrite it (PostgreSQL).

The role is made inside the test's transaction and given its privileges by the same code the
start script runs (`audit.dbrollen`, via `manage.py app_databaserol`); `SET ROLE` then acts as
that role on this connection, and everything is rolled back afterwards."""

import io

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from audit.models import Actie, AuditRegel
from audit.services import log
from kern.models import Voorziening
from tests.factories import persona

pytestmark = pytest.mark.django_db
ROL = "fj_test_app"


@pytest.fixture
def als_app_rol():
    with connection.cursor() as c:
        c.execute(f"CREATE ROLE {ROL} NOLOGIN")
    call_command("app_databaserol", ROL, stdout=io.StringIO())
    with connection.cursor() as c:
        c.execute(f"SET ROLE {ROL}")
    yield
    with connection.cursor() as c:
        c.execute("RESET ROLE")


def _geweigerd(sql):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as c:
        c.execute(sql)


def test_de_app_rol_kan_de_logging_niet_legen_of_herschrijven(als_app_rol):
    gebruiker = persona("ccp", username="ccp-db")
    # What the app does every day still works: read and write rows, add to the trail.
    regel = log(gebruiker, Actie.INZIEN, "crisis.aanmelding")
    Voorziening.objects.filter(pk=Voorziening.objects.values("pk")[:1]).update(capaciteit=3)
    assert AuditRegel.objects.filter(pk=regel.pk).exists()
    with connection.cursor() as c:
        c.execute("SELECT current_user, tableowner FROM pg_tables WHERE tablename = 'audit_auditregel'")
        wie, eigenaar = c.fetchone()
    assert wie == ROL and eigenaar != ROL
    for sql in (
        "TRUNCATE audit_auditregel",
        "TRUNCATE audit_auditregel CASCADE",
        f"UPDATE audit_auditregel SET rol = 'x' WHERE id = {regel.pk}",
        f"DELETE FROM audit_auditregel WHERE id = {regel.pk}",
        "ALTER TABLE audit_auditregel DISABLE TRIGGER ALL",
        "ALTER TABLE audit_auditregel DISABLE TRIGGER audit_alleen_toevoegen",
        "DROP TRIGGER audit_alleen_toevoegen ON audit_auditregel",
        "SET session_replication_role = replica",
        "SET LOCAL session_replication_role = replica",
        "DROP TABLE audit_auditregel",
    ):
        _geweigerd(sql)
    assert AuditRegel.objects.filter(pk=regel.pk, rol="ccp").exists()


def test_een_rol_die_eigenaar_of_superuser_is_krijgt_geen_rechten():
    with pytest.raises(Exception, match="superuser"):
        call_command("app_databaserol", "postgres", stdout=io.StringIO())
    with pytest.raises(Exception, match="Ongeldige naam"):
        call_command("app_databaserol", 'x"; DROP TABLE audit_auditregel; --', stdout=io.StringIO())
