"""Every day of a crisis stay: one place per youth, capacity on every day, a real end, never a dead end."""

import datetime

import pytest
import time_machine

from audit.models import AuditRegel
from crisis.cijfers import ccp_cijfers
from crisis.models import CrisisplekBuitenRegio, Escalatie, Inzet
from kern.aggregaties import Kwartaal
from kern.models import Regioinstelling, Voorziening
from perspectiefregie.models import Traject
from tests.factories import persona

from .helpers import AANMELDINGEN, referral

pytestmark = pytest.mark.django_db

NU = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)
BSN = "111222333"


def nieuwe(api, user, geboortedatum="2011-01-01", **kw):
    r = api(user).post(AANMELDINGEN, referral(hulpvraag="verblijf", geboortedatum=geboortedatum, **kw), format="json")
    assert r.status_code == 201, r.json()
    return r.json()["id"]


def verblijf(api, user, pk, bed, startdatum="2026-11-23", **extra):
    return api(user).post(
        f"{AANMELDINGEN}{pk}/inzet/",
        {
            "hulpvorm": "crisisbed",
            "voorziening": bed.pk,
            "startdatum": startdatum,
            "ambulant_door": "lokaal_team",
            **extra,
        },
        format="json",
    )


def afsluiten(api, user, inzet_id, einddatum):
    return api(user).post(
        f"/api/v1/crisis/inzet/{inzet_id}/afsluiten/",
        {"einddatum": einddatum, "vervolg": "naar_huis_met_hulp"},
        format="json",
    )


def bord(api, user, bed):
    return {v["id"]: v for v in api(user).get("/api/v1/crisis/beschikbaarheid/").json()}[bed.pk]


def groep_12plus():
    return Voorziening.objects.get(type_id="crisisgroep_12plus")


@time_machine.travel(NU, tick=False)
def test_een_jeugdige_heeft_een_crisisplek_tegelijk(api, ccp):
    bed = groep_12plus()
    pk = nieuwe(api, ccp, bsn=BSN)
    assert verblijf(api, ccp, pk, bed).status_code == 201
    # The same request again (a retry, a double click): no second bed, no second trajectory.
    nogmaals = verblijf(api, ccp, pk, bed)
    assert nogmaals.status_code == 409 and "één crisisplek" in nogmaals.json()["detail"]
    # A second referral for the same youth, to another crisis place: still one place.
    tweede = nieuwe(api, ccp, bsn=BSN)
    pleeg = Voorziening.objects.filter(type_id="crisispleegzorg").first()
    r = api(ccp).post(
        f"{AANMELDINGEN}{tweede}/inzet/",
        {"hulpvorm": "pleegzorg", "voorziening": pleeg.pk, "startdatum": "2026-11-23", "ambulant_door": "lokaal_team"},
        format="json",
    )
    assert r.status_code == 409
    assert Inzet.objects.verblijven().count() == 1
    assert Traject.objects.filter(bron="crisis").count() == 1


@time_machine.travel(NU, tick=False)
def test_na_het_einde_van_een_verblijf_kan_een_nieuw_verblijf(api, ccp):
    bed = groep_12plus()
    pk = nieuwe(api, ccp, bsn=BSN)
    inzet = verblijf(api, ccp, pk, bed, startdatum="2026-11-01").json()["id"]
    assert afsluiten(api, ccp, inzet, "2026-11-20").status_code == 200
    tweede = nieuwe(api, ccp, bsn=BSN)
    # Overlapping the earlier stay (19 November) is a second place at once; from its end day it is not.
    assert verblijf(api, ccp, tweede, bed, startdatum="2026-11-19").status_code == 409
    assert verblijf(api, ccp, tweede, bed, startdatum="2026-11-20").status_code == 201


@time_machine.travel(NU, tick=False)
def test_capaciteit_geldt_op_elke_dag_van_een_verblijf_ook_achteraf(api, ccp):
    bed = groep_12plus()
    Voorziening.objects.filter(pk=bed.pk).update(capaciteit=1)
    eerste = nieuwe(api, ccp)
    inzet = verblijf(api, ccp, eerste, bed, startdatum="2026-11-01").json()["id"]
    assert afsluiten(api, ccp, inzet, "2026-11-20").status_code == 200
    # Registered afterwards, starting on 10 November: the bed was taken until 20 November.
    tweede = nieuwe(api, ccp, geboortedatum="2010-05-05")
    r = verblijf(api, ccp, tweede, bed, startdatum="2026-11-10")
    assert r.status_code == 409, r.json()
    assert verblijf(api, ccp, tweede, bed, startdatum="2026-11-20").status_code == 201
    # And a stay from the past cannot slip in before a running one either.
    derde = nieuwe(api, ccp, geboortedatum="2010-06-06")
    assert verblijf(api, ccp, derde, bed, startdatum="2025-03-01").status_code == 409
    assert Inzet.objects.filter(voorziening=bed).count() == 2


@time_machine.travel(NU, tick=False)
def test_afsluiten_in_de_toekomst_is_400_en_het_bed_blijft_bezet(api, ccp):
    bed = groep_12plus()
    pk = nieuwe(api, ccp)
    inzet = verblijf(api, ccp, pk, bed, startdatum="2026-11-16").json()["id"]
    bezet = bord(api, ccp, bed)["bezet"]
    r = afsluiten(api, ccp, inzet, "2026-11-24")
    assert r.status_code == 400 and "einddatum" in r.json()
    assert Inzet.objects.get(pk=inzet).einddatum is None
    assert bord(api, ccp, bed)["bezet"] == bezet
    # Ended today: the bed is free from today.
    assert afsluiten(api, ccp, inzet, "2026-11-23").status_code == 200
    assert bord(api, ccp, bed)["bezet"] == bezet - 1


@time_machine.travel(NU, tick=False)
def test_een_bed_is_pas_vrij_vanaf_de_dag_dat_het_verblijf_eindigde(api, ccp):
    bed = groep_12plus()
    Voorziening.objects.filter(pk=bed.pk).update(capaciteit=1)
    pk = nieuwe(api, ccp)
    inzet = verblijf(api, ccp, pk, bed, startdatum="2026-11-16").json()["id"]
    with time_machine.travel(datetime.datetime(2026, 11, 25, 10, tzinfo=datetime.UTC), tick=False):
        assert afsluiten(api, ccp, inzet, "2026-11-25").status_code == 200
    # Looking back, the bed was occupied on 24 November: a stay from then is 409, from 25 November not.
    tweede = nieuwe(api, ccp, geboortedatum="2010-05-05")
    with time_machine.travel(datetime.datetime(2026, 11, 26, 10, tzinfo=datetime.UTC), tick=False):
        assert verblijf(api, ccp, tweede, bed, startdatum="2026-11-24").status_code == 409
        assert verblijf(api, ccp, tweede, bed, startdatum="2026-11-25").status_code == 201


@time_machine.travel(NU, tick=False)
def test_een_volle_voorziening_noemt_de_alternatieven_met_vrije_plaatsen(api, ccp):
    bed = groep_12plus()
    Voorziening.objects.filter(pk=bed.pk).update(capaciteit=1)
    Regioinstelling.objects.update(crisisdienst_telefoon="0320-000111")  # the one row of kern 0009
    CrisisplekBuitenRegio.objects.create(naam="Crisisgroep Elders", plaats="Zwolle", leeftijd_min=12, vrij=2)
    assert verblijf(api, ccp, nieuwe(api, ccp), bed).status_code == 201
    r = verblijf(api, ccp, nieuwe(api, ccp, geboortedatum="2010-05-05"), bed)
    assert r.status_code == 409
    body = r.json()
    assert "vol" in body["detail"]
    soorten = {a["soort"] for a in body["alternatieven"]}
    assert soorten == {"voorziening", "buiten_regio", "crisisdienst"}
    pleeg = [a for a in body["alternatieven"] if a["soort"] == "voorziening"]
    # Crisis foster care fits a 15-year-old and has free places; the 12- group does not fit.
    assert pleeg and all(a["vrij"] > 0 for a in pleeg)
    assert not any("12-" in a["naam"] for a in pleeg)
    elders = next(a for a in body["alternatieven"] if a["naam"] == "Crisisgroep Elders (Zwolle)")
    assert (elders["soort"], elders["vrij"]) == ("buiten_regio", 2)
    dienst = next(a for a in body["alternatieven"] if a["soort"] == "crisisdienst")
    assert dienst["telefoon"] == "0320-000111"


@time_machine.travel(NU, tick=False)
def test_boven_capaciteit_plaatsen_met_reden_zichtbaar_gemeld_en_geteld(api, ccp):
    bed = groep_12plus()
    Voorziening.objects.filter(pk=bed.pk).update(capaciteit=1)
    assert verblijf(api, ccp, nieuwe(api, ccp), bed).status_code == 201
    pk = nieuwe(api, ccp, geboortedatum="2010-05-05")
    zonder_reden = verblijf(api, ccp, pk, bed, boven_capaciteit=True)
    assert zonder_reden.status_code == 400 and "boven_capaciteit_reden" in zonder_reden.json()
    r = verblijf(api, ccp, pk, bed, boven_capaciteit=True, boven_capaciteit_reden="Acuut onveilig thuis, geen plek")
    assert r.status_code == 201 and r.json()["boven_capaciteit"] is True
    b = bord(api, ccp, bed)
    assert (b["capaciteit"], b["bezet"], b["vrij"], b["boven_capaciteit"]) == (1, 2, 0, 1)
    escalatie = Escalatie.objects.get()
    assert escalatie.voorziening == bed and escalatie.reden.startswith("Acuut")
    assert AuditRegel.objects.filter(onderwerp="crisis.boven_capaciteit").exists()
    assert ccp_cijfers(Kwartaal(2026, 4))["boven_capaciteit"] == 1
    # The board page and the day overview show it.
    client = _ingelogd(api, ccp)
    assert "boven capaciteit" in client.get("/crisis/beschikbaarheid/").content.decode()
    assert "boven capaciteit" in client.get("/crisis/").content.decode()


@time_machine.travel(NU, tick=False)
def test_alleen_het_ccp_plaatst_boven_capaciteit_en_alleen_als_het_vol_is(api, ccp):
    bed = groep_12plus()
    pk = nieuwe(api, ccp)
    # Not full: an ordinary stay, nothing escalated.
    r = verblijf(api, ccp, pk, bed, boven_capaciteit=True, boven_capaciteit_reden="voor de zekerheid")
    assert r.status_code == 201 and r.json()["boven_capaciteit"] is False
    assert not Escalatie.objects.exists()


@time_machine.travel(NU, tick=False)
def test_lang_crisisverblijf_is_een_signaal_op_dagoverzicht_en_bord(api, ccp):
    bed = groep_12plus()
    Regioinstelling.objects.update(lang_verblijf_dagen=28)
    assert verblijf(api, ccp, nieuwe(api, ccp), bed, startdatum="2026-10-26").status_code == 201  # day 28
    assert (
        verblijf(api, ccp, nieuwe(api, ccp, geboortedatum="2010-05-05"), bed, startdatum="2026-10-27").status_code
        == 201
    )
    assert bord(api, ccp, bed)["lange_verblijven"] == 1
    pagina = _ingelogd(api, ccp).get("/crisis/").content.decode()
    assert "Lange crisisverblijven: 28 dagen of langer (1)" in pagina


@time_machine.travel(NU, tick=False)
def test_verblijven_geteld_naar_hun_ambulante_partner(api, ccp):
    bed = groep_12plus()
    pk = nieuwe(api, ccp)
    ambulant = (
        api(ccp)
        .post(f"{AANMELDINGEN}{pk}/inzet/", {"hulpvorm": "ambulant", "startdatum": "2026-11-23"}, format="json")
        .json()["id"]
    )
    assert verblijf(api, ccp, pk, bed, ambulant_door=ambulant).status_code == 201
    assert verblijf(api, ccp, nieuwe(api, ccp, gemeente="lelystad", geboortedatum="2010-05-05"), bed).status_code == 201
    telling = ccp_cijfers(Kwartaal(2026, 4))["verblijf_ambulant_door"]
    assert telling["lokaal_team"] == 1 and sum(telling.values()) == 2


@pytest.fixture(autouse=True)
def _zonder_tweestaps(settings):
    settings.TWEESTAPS_VERPLICHT = False


def _ingelogd(api, user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def test_bevestigen_van_capaciteit_houdt_geschiedenis_bij_ook_voor_crisisbedden():
    from crisis import services
    from servicepunt.models import Capaciteitsmelding

    ccp = persona("ccp", username="ccp-bevestig")
    bed = groep_12plus()
    services.bevestig_capaciteit(ccp, bed)
    services.bevestig_capaciteit(ccp, bed, capaciteit=9)
    meldingen = Capaciteitsmelding.objects.filter(voorziening=bed)
    assert sorted(meldingen.values_list("capaciteit", flat=True)) == sorted([bed.capaciteit, 9])
    assert all(m.door == ccp for m in meldingen)


@time_machine.travel(NU, tick=False)
def test_een_crisisplek_ook_over_de_registraties_van_twee_gemeenten(api, ccp):
    """Almere and Dronten each keep their own record of the youth (linked by BSN): still one place."""
    bed = groep_12plus()
    assert verblijf(api, ccp, nieuwe(api, ccp, bsn=BSN, gemeente="almere"), bed).status_code == 201
    r = verblijf(api, ccp, nieuwe(api, ccp, bsn=BSN, gemeente="dronten"), bed)
    assert r.status_code == 409
    assert Inzet.objects.verblijven().count() == 1
