"""#14.3: a provider gets its own quarterly figures — assigned, accepted, declined per reason —
counts only, its own, and never another provider's."""

import datetime

import pytest
import time_machine

from tests.conftest import aanbieder_persona
from tests.crisis.helpers import AANMELDINGEN
from tests.crisis.test_verdelen_en_inzet import nieuwe, verdeel
from tests.factories import persona

pytestmark = pytest.mark.django_db

NU = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)
URL = "/api/v1/rapportage/aanbieder/2026-Q4/"


@time_machine.travel(NU, tick=False)
def test_aanbieder_ziet_eigen_kwartaalcijfers_met_de_hand_geteld(api, ccp):
    heerenloo, intermetzo = aanbieder_persona("sheerenloo"), aanbieder_persona("intermetzo")
    # Referral 1: 's Heeren Loo declines (no capacity), goes on to Intermetzo who accepts.
    een = nieuwe(api, ccp)
    assert verdeel(api, ccp, een).json()["aanbieder"]["code"] == "sheerenloo"
    r = api(heerenloo).post(f"{AANMELDINGEN}{een}/weigeren/", {"reden": "geen_capaciteit"}, format="json")
    assert r.json()["doorgezet_naar"]["aanbieder"]["code"] == "intermetzo"
    assert api(intermetzo).post(f"{AANMELDINGEN}{een}/accepteren/", {}, format="json").status_code == 200
    # Referral 2: goes to the next in turn and stays open.
    twee = nieuwe(api, ccp)
    verdeel(api, ccp, twee)
    mijn = api(heerenloo).get(URL).json()
    assert mijn["aanbieder"] == "sheerenloo"
    assert (mijn["toegewezen"], mijn["geaccepteerd"], mijn["geweigerd"]) == (1, 0, 1)
    assert mijn["geweigerd_per_reden"]["geen_capaciteit"] == 1
    hun = api(intermetzo).get(URL).json()
    assert (hun["toegewezen"], hun["geaccepteerd"], hun["geweigerd"]) == (1, 1, 0)
    assert sum(hun["geweigerd_per_reden"].values()) == 0
    # Counts only: no referral numbers, names or ids.
    assert "registratienummer" not in str(mijn) and "Sanne" not in str(mijn)
    # Only providers, and only their own.
    assert api(ccp).get(URL).status_code == 403
    assert api(persona("beleid", username="b")).get(URL).status_code == 403
    assert api(heerenloo).get(URL + "?aanbieder=intermetzo").json()["aanbieder"] == "sheerenloo"
