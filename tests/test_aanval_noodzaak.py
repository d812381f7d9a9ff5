"""Attack on a provider's need to know (crisis.querysets): an assignment the provider never
answered does not keep a closed referral readable for ever."""

import datetime

import pytest
import time_machine

from crisis.models import Toewijzing
from kern.models import Regioinstelling
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
