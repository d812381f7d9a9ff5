"""Custody, Wlz and out-of-region placements have consequences (issue #12.8)."""

import datetime

import pytest
import time_machine

from kern.models import Voorzieningtype
from perspectiefregie import services as regie
from perspectiefregie import werklijst
from perspectiefregie.models import Traject
from servicepunt import regels, services
from servicepunt.models import Beschikking
from tests.factories import JeugdigeFactory, persona

D = datetime.date
NU = datetime.datetime(2026, 11, 23, 10, tzinfo=datetime.UTC)
pytestmark = pytest.mark.django_db


@pytest.fixture
def anouk():
    return persona("toegang", gemeente_id="almere", username="anouk")


def beschikking(user, **kw) -> Beschikking:
    jeugdige = JeugdigeFactory(gemeente_id="almere", geboortedatum=D(2012, 1, 1))
    return services.beschikking_registreren(
        user,
        jeugdige=jeugdige,
        afgegeven_op=D(2026, 11, 2),
        zorgtype=Voorzieningtype.objects.get(code="behandelgroep"),
        **kw,
    )


@time_machine.travel(NU, tick=False)
def test_plaatsing_buiten_de_regio_zonder_omweg_via_beheer_en_de_regisseur_blijft(anouk, api):
    b = beschikking(anouk)
    r = api(anouk).post(
        f"/api/v1/servicepunt/beschikkingen/{b.pk}/plaatsingen/",
        {
            "buiten_regio": "De Rading, Jeugdzorg Utrecht, Utrecht",
            "startdatum": "2026-11-10",
            "ambulant_door": "lokaal_team",
        },
        format="json",
    )
    assert r.status_code == 201, r.json()
    assert r.json()["voorziening"] is None and r.json()["buiten_regio"].startswith("De Rading")
    b.refresh_from_db()
    assert b.buiten_regio is True
    traject = Traject.objects.get(verblijven__soort="plaatsing", verblijven__verblijf_id=r.json()["id"])
    regie.wijs_regisseur_toe(anouk, traject, regisseur=anouk)
    assert werklijst.rijen(Traject.objects.filter(pk=traject.pk))[0].regisseur == anouk
    # Neither a facility nor a name: 400 naming the field; both: 400 too.
    r = api(anouk).post(
        f"/api/v1/servicepunt/beschikkingen/{b.pk}/plaatsingen/",
        {"startdatum": "2026-11-10", "ambulant_door": "lokaal_team"},
        format="json",
    )
    assert r.status_code == 400 and "voorziening" in r.json()


@time_machine.travel(NU, tick=False)
def test_wlz_indicatie_is_een_signaal_met_wat_te_doen(anouk, client, settings):
    settings.TWEESTAPS_VERPLICHT = False
    b = beschikking(anouk, wlz_indicatie=True)
    sp = persona("servicepunt", username="sp")
    client.force_login(sp)
    lijst = client.get("/servicepunt/beschikkingen/").content.decode()
    assert "Signaal: recht op Wlz" in lijst and "zorgkantoor" in lijst and b.jeugdige.naam in lijst
    assert "Wlz-route" in client.get("/servicepunt/wachtlijst/").content.decode()
    assert regels.WLZ_WAT_TE_DOEN in client.get(f"/servicepunt/beschikkingen/{b.pk}/").content.decode()


@time_machine.travel(NU, tick=False)
def test_gezag_door_derden_zet_de_regie_bij_de_gi_zonder_signaal_voor_de_gemeente(anouk, client, settings):
    settings.TWEESTAPS_VERPLICHT = False
    b = beschikking(anouk, gezag_derden=True)
    services.plaatsen(anouk, b, buiten_regio="Groep elders", startdatum=D(2026, 11, 3), ambulant_door="lokaal_team")
    traject = Traject.objects.get()
    assert traject.regie_bij_gi
    rij = werklijst.rijen(Traject.objects.all(), vandaag=D(2026, 11, 30))[0]
    assert rij.regisseur_status is None
    client.force_login(anouk)
    pagina = client.get("/perspectiefregie/").content.decode()
    assert "Regie bij de GI" in pagina and "Geen regisseur" not in pagina
