"""One search for a youth across every list the user may read: referrals, decisions and cases,
each within its own zichtbaar_voor; the terms are posted, never in the URL."""

import datetime

import pytest
from django.utils import timezone

from crisis.models import Aanmelding
from experttafel.models import Casus
from servicepunt.models import Beschikking
from tests.factories import JeugdigeFactory, persona


@pytest.fixture
def wereld(db, settings):
    settings.TWEESTAPS_VERPLICHT = False
    sp = persona("servicepunt")
    nu = timezone.now()
    uit = {}
    for gemeente, bsn in (("almere", "111222333"), ("urk", "123456782")):
        j = JeugdigeFactory(voornaam="Fenna", achternaam="Zoektest", bsn=bsn, gemeente_id=gemeente)
        uit[gemeente] = {
            "aanmelding": Aanmelding.objects.create(
                registratienummer=f"Z-{gemeente}",
                jeugdige=j,
                gemeente_id=gemeente,
                hulpvraag="ambulant",
                bron="toegang",
                aangemeld_op=nu,
                aanmelddatum=nu.date(),
                leeftijdsgroep="12+",
                loket_open=True,
                behandelen_voor=nu,
            ),
            "beschikking": Beschikking.objects.create(
                jeugdige=j,
                zorgtype_id="pleegzorg",
                afgegeven_op=datetime.date(2026, 11, 1),
                gemeente_id=gemeente,
                brp_gemeente_id=gemeente,
                geregistreerd_door=sp,
            ),
            "casus": Casus.objects.create(
                jeugdige=j,
                gemeente_id=gemeente,
                inbrenger=persona("toegang", gemeente_id=gemeente),
                vraag="?",
                toestemming=True,
                ingediend_op=nu,
            ),
        }
    return uit


def _gevonden(r):
    return {x["titel"]: [o.pk for o in x["rijen"]] for x in r.context["resultaten"]}


def test_toegang_vindt_de_eigen_jeugdige_in_alle_lijsten_en_niet_die_van_een_andere_gemeente(client, wereld):
    client.force_login(persona("toegang", gemeente_id="almere"))
    r = client.post("/zoeken/", {"bsn": "111222333"})
    assert _gevonden(r) == {
        "Crisisaanmeldingen": [wereld["almere"]["aanmelding"].pk],
        "Beschikkingen": [wereld["almere"]["beschikking"].pk],
        "Casussen experttafel": [wereld["almere"]["casus"].pk],
    }
    leeg = client.post("/zoeken/", {"bsn": "123456782"})  # known only in Urk
    assert all(rijen == [] for rijen in _gevonden(leeg).values())
    assert "Z-urk" not in leeg.content.decode()
    assert [len(v) for v in _gevonden(client.post("/zoeken/", {"naam": "fenna zoektest"})).values()] == [1, 1, 1]


def test_elke_rol_zoekt_alleen_in_de_lijsten_die_zij_mag_lezen(client, wereld):
    client.force_login(persona("servicepunt"))
    assert set(_gevonden(client.post("/zoeken/", {"naam": "Fenna"}))) == {"Beschikkingen"}
    client.force_login(persona("ccp"))
    gevonden = _gevonden(client.post("/zoeken/", {"naam": "Fenna"}))
    assert set(gevonden) == {"Crisisaanmeldingen"}  # the CCP reads referrals, region-wide
    assert set(gevonden["Crisisaanmeldingen"]) == {wereld["urk"]["aanmelding"].pk, wereld["almere"]["aanmelding"].pk}
    client.force_login(persona("beleid"))
    assert client.post("/zoeken/", {"naam": "Fenna"}).status_code == 403


def test_foute_invoer_en_zoektermen_in_de_url(client, wereld):
    client.force_login(persona("ccp"))
    r = client.post("/zoeken/", {"bsn": "12", "geboortedatum": "31-02-2012"})
    assert r.status_code == 200 and set(r.context["form"].errors) == {"bsn", "geboortedatum"}
    r = client.get("/zoeken/", {"naam": "Fenna"})
    assert r.status_code == 200 and r.context["resultaten"] == []  # a GET never searches by name


def test_de_zoekpagina_telt_evenveel_queries_bij_weinig_en_veel_treffers(client, wereld):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ccp = persona("ccp")
    client.force_login(ccp)

    def tel():
        client.post("/zoeken/", {"naam": "Fenna"})  # warm caches that are not per row
        with CaptureQueriesContext(connection) as ctx:
            assert client.post("/zoeken/", {"naam": "Fenna"}).status_code == 200
        return len(ctx.captured_queries)

    weinig = tel()
    nu = timezone.now()
    for i in range(20):
        j = JeugdigeFactory(voornaam="Fenna", achternaam=f"Extra{i}", gemeente_id="dronten")
        Aanmelding.objects.create(
            registratienummer=f"Z-extra-{i}",
            jeugdige=j,
            gemeente_id="dronten",
            hulpvraag="ambulant",
            bron="toegang",
            aangemeld_op=nu,
            aanmelddatum=nu.date(),
            leeftijdsgroep="12+",
            loket_open=True,
            behandelen_voor=nu,
        )
    assert tel() == weinig
