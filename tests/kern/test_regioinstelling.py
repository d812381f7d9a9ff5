"""One place for the region's settings (issue #16.3): kern.Regioinstelling, one row carried over
from the three former settings, changed in /beheer/ with its history, read by every function."""

import datetime
from importlib import import_module

import pytest
import time_machine
from django.apps import apps

from audit.models import AuditRegel
from kern.models import Regioinstelling, Voorziening
from tests.factories import persona

pytestmark = pytest.mark.django_db
NU = datetime.datetime(2026, 11, 23, 10, tzinfo=datetime.UTC)


def test_er_is_een_rij_met_de_afgesproken_waarden_en_haar_eerste_geschiedenis():
    assert Regioinstelling.objects.count() == 1
    r = Regioinstelling.huidige()
    assert (r.reactietermijn_werkuren, r.lang_verblijf_dagen, r.crisiscapaciteit_verouderd_na_uren) == (2, 28, 24)
    assert (r.capaciteit_verouderd_na_dagen, r.tijdslot_minuten, r.na_18_vanaf_leeftijd) == (7, 45, 16)
    assert r.standaard_plaats == "Stadhuis Lelystad, Stadhuisplein 2, Lelystad"
    assert r.history.count() == 1


def test_zonder_rij_gelden_de_standaardwaarden_in_een_query(django_assert_num_queries):
    Regioinstelling.objects.all().delete()
    with django_assert_num_queries(1):
        assert Regioinstelling.huidige().capaciteit_verouderd_na_dagen == 7


def test_de_datamigratie_neemt_de_oude_waarden_over_zonder_live_code():
    """The migration reads the old one-row tables from the migration state; run it against a
    state where they hold changed values and it carries those, not the defaults."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    migratie = import_module("kern.migrations.0010_regioinstelling_overnemen")
    staat = MigrationExecutor(connection).loader.project_state(
        [
            ("kern", "0009_regioinstelling_en_geschiedenis"),
            ("crisis", "0011_kwartaalcijfers_indexen"),
            ("experttafel", "0004_opvolging_geschiedenis"),
            ("perspectiefregie", "0005_plan_geschiedenis"),
        ]
    )
    oud = staat.apps
    nep = {
        ("crisis", "Instelling"): {"reactietermijn_werkuren": 3, "crisisdienst_telefoon": "0320-123456"},
        ("experttafel", "Instelling"): {"tijdslot_minuten": 30, "standaard_plaats": "Emmeloord"},
        ("perspectiefregie", "Instelling"): {"na_18_vanaf_leeftijd": 17},
    }

    class Rij:
        def __init__(self, waarden):
            self.__dict__.update(waarden)

    class Manager:
        def __init__(self, model, waarden):
            self.model, self.waarden = model, waarden

        def order_by(self, *a):
            return self

        def first(self):
            standaard = {f.attname: f.get_default() for f in self.model._meta.concrete_fields}
            return Rij({**standaard, **self.waarden})

    class Apps:
        def get_model(self, app, model):
            if (app, model) in nep:
                m = oud.get_model(app, model)
                return type("Oud", (), {"objects": Manager(m, nep[(app, model)]), "_meta": m._meta})
            return apps.get_model(app, model)

    Regioinstelling.objects.all().delete()
    migratie.overnemen(Apps(), None)
    r = Regioinstelling.huidige()
    assert (r.reactietermijn_werkuren, r.crisisdienst_telefoon) == (3, "0320-123456")
    assert (r.tijdslot_minuten, r.standaard_plaats, r.na_18_vanaf_leeftijd) == (30, "Emmeloord", 17)
    assert r.capaciteit_verouderd_na_dagen == 7  # the former literal of servicepunt/views.py
    # (with the live registry simple-history adds its own entry too; the migration writes one)
    assert r.history.filter(history_change_reason__startswith="Overgenomen").count() == 1


def test_beheer_wijzigt_een_instelling_met_geschiedenis_en_logging_en_de_regel_volgt(client, settings, beheer):
    settings.TWEESTAPS_VERPLICHT = False
    sp = persona("servicepunt", username="sp")
    huis = Voorziening.objects.filter(actief=True, type__hulpvorm__isnull=True).order_by("naam").first()
    with time_machine.travel(NU, tick=False):
        Voorziening.objects.filter(type__hulpvorm__isnull=True).update(bevestigd_op=NU - datetime.timedelta(days=3))
        client.force_login(sp)
        assert "verouderd</span>" not in client.get("/servicepunt/").content.decode()

        client.force_login(beheer)
        r = Regioinstelling.huidige()
        pagina = client.get(f"/beheer/kern/regioinstelling/{r.pk}/change/").content.decode()
        assert "capaciteit 24-uurszorg verouderd na (dagen)" in pagina.lower()
        data = {
            f.name: getattr(r, f.name) for f in Regioinstelling._meta.concrete_fields if f.editable and f.name != "id"
        }
        data.update(capaciteit_verouderd_na_dagen=2, begintijd="13:30", eindtijd="17:00")
        antwoord = client.post(f"/beheer/kern/regioinstelling/{r.pk}/change/", data)
        assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
        assert Regioinstelling.huidige().capaciteit_verouderd_na_dagen == 2
        assert r.history.count() == 2
        historie = client.get(f"/beheer/kern/regioinstelling/{r.pk}/history/").content.decode()
        assert "Wijzigingsgeschiedenis" in historie and beheer.username in historie
        assert AuditRegel.objects.filter(onderwerp="kern.regioinstelling", actie="wijzigen", kanaal="beheer").exists()
        # Neither a second row nor deleting the one.
        assert client.get("/beheer/kern/regioinstelling/add/").status_code == 403
        assert client.get(f"/beheer/kern/regioinstelling/{r.pk}/delete/").status_code == 403

        client.force_login(sp)
        assert "verouderd</span>" in client.get("/servicepunt/").content.decode()
    assert huis is not None


def test_een_eindtijd_voor_de_begintijd_is_een_fout_bij_het_veld(client, settings, beheer):
    settings.TWEESTAPS_VERPLICHT = False
    client.force_login(beheer)
    r = Regioinstelling.huidige()
    data = {f.name: getattr(r, f.name) for f in Regioinstelling._meta.concrete_fields if f.editable and f.name != "id"}
    data.update(begintijd="17:00", eindtijd="13:30")
    antwoord = client.post(f"/beheer/kern/regioinstelling/{r.pk}/change/", data)
    assert antwoord.status_code == 200
    assert "De eindtijd van de experttafel ligt na de begintijd." in antwoord.content.decode()


def test_zonder_rij_maakt_beheer_haar_aan_en_daarna_niet_nog_een(client, settings, beheer):
    settings.TWEESTAPS_VERPLICHT = False
    client.force_login(beheer)
    Regioinstelling.objects.all().delete()
    assert client.get("/beheer/kern/regioinstelling/add/").status_code == 200
    Regioinstelling.objects.create()
    assert client.get("/beheer/kern/regioinstelling/add/").status_code == 403
