"""Attack on a provider's need to know (crisis.querysets): an assignment the provider never
answered does not keep a closed referral readable for ever, and neither does an accepted one
whose work went to another provider; a provider whose deployment went elsewhere reads for the
after-care term, as after an ended deployment. A provider named on a decision
(servicepunt.querysets) whose youth was placed with another provider reads it for the
after-care term from that placement's start."""

import datetime

import pytest
import time_machine

from crisis.models import Aanmelding, Toewijzing
from kern.models import Regioinstelling, Voorziening
from tests.conftest import aanbieder_persona
from tests.crisis.helpers import AANMELDINGEN
from tests.crisis.test_verdelen_en_inzet import _ambulant, nieuwe, verdeel

NU = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _zonder_tweestaps(settings):
    settings.TWEESTAPS_VERPLICHT = False


def test_een_onbeantwoorde_toewijzing_houdt_een_afgesloten_aanmelding_niet_open(api, ccp, client):
    Regioinstelling.objects.update(inzage_na_einde_dagen=14)
    heerenloo = aanbieder_persona("sheerenloo")
    with time_machine.travel(NU, tick=False):
        pk = nieuwe(api, ccp)
        assert verdeel(api, ccp, pk).json()["aanbieder"]["code"] == "sheerenloo"
        # The CCP starts the help before the provider answered, and ends it the same day.
        inzet = _ambulant(api, ccp, pk)
        afsluiten = {"einddatum": "2026-11-23", "vervolg": "casusregie"}
        assert api(ccp).post(f"/api/v1/crisis/inzet/{inzet}/afsluiten/", afsluiten, format="json").status_code == 200
        assert Toewijzing.objects.get(aanmelding_id=pk).status == Toewijzing.Status.TOEGEWEZEN
    with time_machine.travel(NU + datetime.timedelta(days=14), tick=False):
        assert api(heerenloo).get(f"{AANMELDINGEN}{pk}/").status_code == 404
        assert api(heerenloo).get(AANMELDINGEN).json()["count"] == 0
        client.force_login(heerenloo)
        assert client.get(f"/crisis/aanmeldingen/{pk}/").status_code == 404
        assert api(ccp).get(f"{AANMELDINGEN}{pk}/").status_code == 200


def _leest(api, user, pk) -> bool:
    detail = api(user).get(f"{AANMELDINGEN}{pk}/").status_code
    lijst = api(user).get(AANMELDINGEN).json()["count"]
    assert (detail, lijst) in ((200, 1), (404, 0)), (detail, lijst)
    return detail == 200


def test_een_geaccepteerde_aanbieder_wiens_werk_naar_een_ander_ging_leest_alleen_de_nawerktermijn(api, ccp):
    """The CCP gives the ambulant help the provider accepted to another provider (it corrects who
    gives it). The referral stays open (the other provider's help runs), but the first provider's
    work ended on the day of the change: it reads for the after-care term from that day, as after
    an ended deployment, not for as long as the referral is open."""
    Regioinstelling.objects.update(inzage_na_einde_dagen=14)
    heerenloo, intermetzo = aanbieder_persona("sheerenloo"), aanbieder_persona("intermetzo")
    wissel = NU + datetime.timedelta(days=20)
    with time_machine.travel(NU, tick=False):
        pk = nieuwe(api, ccp)
        assert verdeel(api, ccp, pk).json()["aanbieder"]["code"] == "sheerenloo"
        assert api(heerenloo).post(f"{AANMELDINGEN}{pk}/accepteren/", format="json").status_code == 200
        inzet = _ambulant(api, ccp, pk)
    with time_machine.travel(wissel, tick=False):
        assert _leest(api, heerenloo, pk)  # its help runs
        correctie = {"reden": "Intermetzo neemt de hulp over", "aanbieder": "intermetzo"}
        r = api(ccp).post(f"/api/v1/crisis/inzet/{inzet}/correctie/", correctie, format="json")
        assert r.status_code == 200, r.json()
        assert Toewijzing.objects.get(aanmelding_id=pk).status == Toewijzing.Status.GEACCEPTEERD
    with time_machine.travel(wissel + datetime.timedelta(days=13), tick=False):
        assert _leest(api, heerenloo, pk)  # the last day of the term
    with time_machine.travel(wissel + datetime.timedelta(days=14), tick=False):
        assert not _leest(api, heerenloo, pk)
        assert _leest(api, intermetzo, pk) and _leest(api, ccp, pk)


def test_een_geaccepteerde_aanbieder_zonder_eigen_inzet_leest_de_nawerktermijn_na_de_inzet_van_een_ander(api, ccp):
    """The provider accepted, but the CCP arranged the help otherwise: a stay with the local
    team's ambulant help. The acceptance counts for the after-care term from the day the help
    was registered, not for as long as the stay keeps the referral open."""
    Regioinstelling.objects.update(inzage_na_einde_dagen=14)
    heerenloo = aanbieder_persona("sheerenloo")
    with time_machine.travel(NU, tick=False):
        pk = nieuwe(api, ccp, hulpvraag="verblijf", geboortedatum="2012-01-01")
        assert verdeel(api, ccp, pk).json()["aanbieder"]["code"] == "sheerenloo"
        assert api(heerenloo).post(f"{AANMELDINGEN}{pk}/accepteren/", format="json").status_code == 200
        assert _leest(api, heerenloo, pk)  # accepted, the help not registered yet
    with time_machine.travel(NU + datetime.timedelta(days=2), tick=False):
        bed = Voorziening.objects.filter(type_id="crisisgroep_12plus").exclude(aanbieder_id="sheerenloo").first()
        r = api(ccp).post(
            f"{AANMELDINGEN}{pk}/inzet/",
            {
                "hulpvorm": "crisisbed",
                "voorziening": bed.pk,
                "startdatum": "2026-11-25",
                "ambulant_door": "lokaal_team",
            },
            format="json",
        )
        assert r.status_code == 201, r.json()
    with time_machine.travel(NU + datetime.timedelta(days=15), tick=False):
        assert _leest(api, heerenloo, pk)
    with time_machine.travel(NU + datetime.timedelta(days=16), tick=False):
        assert not _leest(api, heerenloo, pk)
        assert Aanmelding.objects.get(pk=pk).status != Aanmelding.Status.AFGESLOTEN


def test_een_aanbieder_wiens_verblijf_naar_een_andere_voorziening_ging_leest_de_nawerktermijn(api, ccp):
    """A stay corrected to another provider's facility: the first provider reads for the
    after-care term from the day of the change, as after an ended stay (before, it lost sight
    at once and could not correct what it registered)."""
    Regioinstelling.objects.update(inzage_na_einde_dagen=14)
    eerste = Voorziening.objects.filter(type_id="crisisgroep_12plus").first()
    # A second group of the same kind at another provider (a copy of the first, other owner).
    tweede = Voorziening.objects.get(pk=eerste.pk)
    tweede.pk, tweede.naam = None, f"{eerste.naam} (tweede)"
    tweede.aanbieder_id = "triade" if eerste.aanbieder_id != "triade" else "vitree"
    tweede.save()
    eigenaar = aanbieder_persona(eerste.aanbieder_id)
    with time_machine.travel(NU, tick=False):
        pk = nieuwe(api, ccp, hulpvraag="verblijf", geboortedatum="2012-01-01")
        r = api(ccp).post(
            f"{AANMELDINGEN}{pk}/inzet/",
            {
                "hulpvorm": "crisisbed",
                "voorziening": eerste.pk,
                "startdatum": "2026-11-23",
                "ambulant_door": "lokaal_team",
            },
            format="json",
        )
        assert r.status_code == 201, r.json()
        assert _leest(api, eigenaar, pk)
    with time_machine.travel(NU + datetime.timedelta(days=3), tick=False):
        correctie = {"reden": "Verkeerde groep gekozen", "voorziening": tweede.pk}
        r = api(ccp).post(f"/api/v1/crisis/inzet/{r.json()['id']}/correctie/", correctie, format="json")
        assert r.status_code == 200, r.json()
    with time_machine.travel(NU + datetime.timedelta(days=16), tick=False):
        assert _leest(api, eigenaar, pk)
    with time_machine.travel(NU + datetime.timedelta(days=17), tick=False):
        assert not _leest(api, eigenaar, pk)


def test_een_aanbieder_op_de_beschikking_leest_de_nawerktermijn_na_de_plaatsing_bij_een_ander(api, db):
    """Service point, the same rule: the provider named on a decision reads it while the care
    waits (no placement: its care waits or is ambulant). When the youth is placed with another
    provider, its part ended on the day that placement starts: it reads for the after-care term
    from then, not for as long as the other provider's placement runs."""
    from kern.models import Aanbieder, Voorzieningtype
    from servicepunt import services as sp_services
    from tests.factories import JeugdigeFactory, persona

    Regioinstelling.objects.update(inzage_na_einde_dagen=14)
    sp = persona("servicepunt", username="sevda")
    triade = aanbieder_persona("triade")
    pluryn = aanbieder_persona("pluryn")
    huis = Voorziening.objects.get(naam="Gezinshuis De Meerkoet")
    assert huis.aanbieder_id == "pluryn"
    pad = "/api/v1/servicepunt/beschikkingen/"
    start = datetime.date(2026, 11, 25)

    def leest(user, pk) -> bool:
        detail = api(user).get(f"{pad}{pk}/").status_code
        assert (detail, api(user).get(pad).json()["count"]) in ((200, 1), (404, 0))
        return detail == 200

    with time_machine.travel(NU, tick=False):
        b = sp_services.beschikking_registreren(
            sp,
            jeugdige=JeugdigeFactory(gemeente_id="almere", geboortedatum=datetime.date(2016, 1, 1)),
            afgegeven_op=datetime.date(2026, 11, 2),
            zorgtype=Voorzieningtype.objects.get(code="gezinshuis"),
            aanbieder=Aanbieder.objects.get(code="triade"),
        )
        assert leest(triade, b.pk) and not leest(pluryn, b.pk)  # named, the care waits
        sp_services.plaatsen(sp, b, voorziening=huis, startdatum=start, ambulant_door="lokaal_team")
        assert leest(triade, b.pk) and leest(pluryn, b.pk)
    with time_machine.travel(datetime.datetime(2026, 12, 8, 10, tzinfo=datetime.UTC), tick=False):
        assert leest(triade, b.pk)  # start + 13 days: the last day of the term
    with time_machine.travel(datetime.datetime(2026, 12, 9, 10, tzinfo=datetime.UTC), tick=False):
        assert not leest(triade, b.pk)
        assert leest(pluryn, b.pk) and leest(sp, b.pk)
