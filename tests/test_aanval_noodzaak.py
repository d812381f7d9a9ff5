"""Attack on a provider's need to know (crisis.querysets): an assignment the provider never
answered does not keep a closed referral readable for ever; a provider named on a decision
(servicepunt.querysets) whose youth was placed with another provider reads it for the
after-care term from that placement's start."""

import datetime

import pytest
import time_machine

from crisis.models import Toewijzing
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
