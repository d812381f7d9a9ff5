"""Attack on Idempotency-Key replays (flevojeugd.api_basis, kern/idempotentie.py): a stored
answer is shown again only to a user who may still do what the first request did. A user who
lost the right or the sight of the record since then gets what a fresh request gets (401, 403
or a logged 404), never the stored answer with the youth's data."""

import datetime

import pytest
import time_machine

from accounts.models import Rol
from audit.models import Actie, AuditRegel
from crisis.models import Aanmelding
from tests.conftest import aanbieder_persona
from tests.crisis.helpers import AANMELDINGEN, referral
from tests.crisis.test_verdelen_en_inzet import _ambulant, nieuwe, verdeel
from tests.factories import persona

NU = datetime.datetime(2026, 11, 23, 10, tzinfo=datetime.UTC)
LATER = NU + datetime.timedelta(hours=2)  # well within the key's 24 hours


@pytest.fixture(autouse=True)
def _zonder_tweestaps(settings):
    settings.TWEESTAPS_VERPLICHT = False


def _geen_herhaling(r, *statussen):
    assert r.status_code in statussen, (r.status_code, r.content)
    assert "Idempotent-Replayed" not in r
    assert b"Testkind" not in r.content


@pytest.mark.django_db
def test_een_herhaling_na_verlies_van_de_rol_is_403(api):
    anouk = persona(Rol.TOEGANG, gemeente_id="almere", username="anouk")
    sleutel = {"HTTP_IDEMPOTENCY_KEY": "rol-1"}
    with time_machine.travel(NU, tick=False):
        assert api(anouk).post(AANMELDINGEN, referral(), format="json", **sleutel).status_code == 201
    anouk.rol = Rol.BELEID
    anouk.save()
    with time_machine.travel(LATER, tick=False):
        _geen_herhaling(api(anouk).post(AANMELDINGEN, referral(), format="json", **sleutel), 403)
    assert Aanmelding.objects.count() == 1


@pytest.mark.django_db
def test_een_herhaling_van_een_inactieve_gebruiker_is_401(api):
    anouk = persona(Rol.TOEGANG, gemeente_id="almere", username="anouk")
    sleutel = {"HTTP_IDEMPOTENCY_KEY": "actief-1"}
    with time_machine.travel(NU, tick=False):
        assert api(anouk).post(AANMELDINGEN, referral(), format="json", **sleutel).status_code == 201
    anouk.is_active = False
    anouk.save()
    with time_machine.travel(LATER, tick=False):
        _geen_herhaling(api(anouk).post(AANMELDINGEN, referral(), format="json", **sleutel), 401)


@pytest.mark.django_db
def test_een_herhaling_van_een_aanmaak_die_men_niet_meer_mag_zien_is_een_gelogde_404(api):
    """The worker moved to another municipality: the referral she made is no longer hers to see."""
    anouk = persona(Rol.TOEGANG, gemeente_id="almere", username="anouk")
    sleutel = {"HTTP_IDEMPOTENCY_KEY": "gemeente-1"}
    with time_machine.travel(NU, tick=False):
        eerste = api(anouk).post(AANMELDINGEN, referral(), format="json", **sleutel)
        assert eerste.status_code == 201
        # Still allowed: the stored answer, as before.
        zelfde = api(anouk).post(AANMELDINGEN, referral(), format="json", **sleutel)
        assert zelfde.status_code == 201 and zelfde["Idempotent-Replayed"] == "true"
    anouk.gemeente_id = "lelystad"
    anouk.save()
    with time_machine.travel(LATER, tick=False):
        _geen_herhaling(api(anouk).post(AANMELDINGEN, referral(), format="json", **sleutel), 404)
    assert Aanmelding.objects.count() == 1
    geweigerd = AuditRegel.objects.filter(actie=Actie.GEWEIGERD, gebruiker=anouk).get()
    assert geweigerd.onderwerp_id == str(eerste.json()["id"])
    assert geweigerd.jeugdige_id == Aanmelding.objects.get().jeugdige_id


@pytest.mark.django_db
def test_een_herhaling_op_een_aanmelding_die_de_aanbieder_niet_meer_ziet_is_een_gelogde_404(api, ccp):
    """The provider's worker accepted, then moved to another provider: the replay of the
    acceptance must not show the referral's assignment again."""
    with time_machine.travel(NU, tick=False):
        pk = nieuwe(api, ccp)
        assert verdeel(api, ccp, pk).json()["aanbieder"]["code"] == "sheerenloo"
        medewerker = aanbieder_persona("sheerenloo")
        sleutel = {"HTTP_IDEMPOTENCY_KEY": "accepteren-1"}
        assert api(medewerker).post(f"{AANMELDINGEN}{pk}/accepteren/", format="json", **sleutel).status_code == 200
    medewerker.aanbieder_id = "triade"
    medewerker.save()
    with time_machine.travel(LATER, tick=False):
        _geen_herhaling(api(medewerker).post(f"{AANMELDINGEN}{pk}/accepteren/", format="json", **sleutel), 404)
    assert AuditRegel.objects.filter(actie=Actie.GEWEIGERD, gebruiker=medewerker, onderwerp_id=str(pk)).exists()
    assert not AuditRegel.objects.filter(actie=Actie.INZIEN, gebruiker=medewerker, tijdstip__gte=LATER).exists()


@pytest.mark.django_db
def test_een_herhaling_zonder_het_recht_op_het_record_is_403(api, ccp):
    """The provider ended its deployment; the CCP then corrected who gave the help. The provider
    may no longer end (or correct) that deployment, so the replay of its ending is refused."""
    with time_machine.travel(NU, tick=False):
        pk = nieuwe(api, ccp)
        verdeel(api, ccp, pk)
        heerenloo = aanbieder_persona("sheerenloo")
        assert api(heerenloo).post(f"{AANMELDINGEN}{pk}/accepteren/", format="json").status_code == 200
        inzet = _ambulant(api, ccp, pk)
        afsluiten = {"einddatum": "2026-11-23", "vervolg": "casusregie"}
        sleutel = {"HTTP_IDEMPOTENCY_KEY": "afsluiten-1"}
        pad = f"/api/v1/crisis/inzet/{inzet}/afsluiten/"
        assert api(heerenloo).post(pad, afsluiten, format="json", **sleutel).status_code == 200
        correctie = {"reden": "Het was Intermetzo", "aanbieder": "intermetzo"}
        r = api(ccp).post(f"/api/v1/crisis/inzet/{inzet}/correctie/", correctie, format="json")
        assert r.status_code == 200, r.json()
    with time_machine.travel(LATER, tick=False):
        _geen_herhaling(api(heerenloo).post(pad, afsluiten, format="json", **sleutel), 403, 404)
