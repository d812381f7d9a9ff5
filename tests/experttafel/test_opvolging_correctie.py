"""#12.6 at the expert table: a wrong follow-up is corrected with a reason, the earlier version
stays in the history and the figures on advice followed follow the correction."""

import datetime

import pytest
import time_machine

from experttafel.cijfers import experttafel_cijfers
from experttafel.models import Opvolging
from kern.aggregaties import Kwartaal
from kern.models import Aanbieder
from tests.factories import persona

from .test_tafel import CASUSSEN, SESSIEDAG, _geadviseerd

pytestmark = pytest.mark.django_db
LATER = SESSIEDAG + datetime.timedelta(days=7)


@pytest.fixture(autouse=True)
def _zonder_tweestaps(settings):
    settings.TWEESTAPS_VERPLICHT = False


@pytest.fixture
def aanmelder():
    return persona("toegang", gemeente_id="dronten", username="dewi", ret_aanmelder=True, email="dewi@dronten.example")


@pytest.fixture
def voorzitter():
    return persona("ret_voorzitter", username="renee", email="renee@example.org")


def test_een_gecorrigeerde_opvolging_bewaart_de_oude_en_de_cijfers_volgen(api, aanmelder, voorzitter, client):
    casus = _geadviseerd(aanmelder, voorzitter, aanbieders=Aanbieder.objects.filter(code__in=["triade"]))
    url = f"{CASUSSEN}{casus.pk}/opvolging/"
    with time_machine.travel(LATER, tick=False):
        api(aanmelder).post(url, {"opgevolgd": True}, format="json")
        api(aanmelder).post(url, {"opgevolgd": True, "aanbieder": "triade"}, format="json")
        assert experttafel_cijfers(Kwartaal.parse("2026-Q4"))["afgeweken"] == 0
        correctie = url + "correctie/"
        r = api(aanmelder).post(correctie, {"aanbieder": "triade", "opgevolgd": False}, format="json")
        assert r.status_code == 400 and "reden" in r.json()
        r = api(aanmelder).post(correctie, {"aanbieder": "triade", "opgevolgd": False, "reden": "x"}, format="json")
        assert r.status_code == 400 and "motivering" in r.json()
        r = api(aanmelder).post(
            correctie,
            {"aanbieder": "triade", "opgevolgd": False, "motivering": "Geen plek.", "reden": "Verkeerd doorgegeven"},
            format="json",
        )
        assert r.status_code == 200, r.json()
        assert experttafel_cijfers(Kwartaal.parse("2026-Q4"))["afgeweken"] == 1
        versies = list(Opvolging.history.filter(aanbieder_id="triade").order_by("history_date", "history_id"))
        assert [v.opgevolgd for v in versies] == [True, False]
        assert versies[-1].history_change_reason == "Verkeerd doorgegeven"
        # Another municipality's team does not see the case; the chair does not record follow-up.
        anderen = persona("toegang", gemeente_id="almere", username="ali", ret_aanmelder=True)
        assert api(anderen).post(correctie, {"opgevolgd": True, "reden": "x"}, format="json").status_code == 404
        assert api(voorzitter).post(correctie, {"opgevolgd": False, "reden": "x"}, format="json").status_code == 403
        client.force_login(aanmelder)
        html = client.get(f"/experttafel/casussen/{casus.pk}/").content.decode().split("Geschiedenis")[-1]
        assert "Verkeerd doorgegeven" in html and "Triade" in html


def test_een_opvolging_die_er_niet_is_wordt_niet_gecorrigeerd(api, aanmelder, voorzitter):
    casus = _geadviseerd(aanmelder, voorzitter)
    with time_machine.travel(LATER, tick=False):
        r = api(aanmelder).post(
            f"{CASUSSEN}{casus.pk}/opvolging/correctie/", {"opgevolgd": True, "reden": "x"}, format="json"
        )
        assert r.status_code == 409
