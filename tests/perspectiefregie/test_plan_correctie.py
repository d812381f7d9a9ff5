"""#12.6 for plans: a plan and its evaluation are edited with a reason, the earlier version stays."""

import datetime

import pytest
import time_machine

from perspectiefregie import services as regie
from perspectiefregie.models import Perspectiefplan
from tests.factories import JeugdigeFactory, persona

D = datetime.date
NU = datetime.datetime(2026, 11, 23, 10, tzinfo=datetime.UTC)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _zonder_tweestaps(settings):
    settings.TWEESTAPS_VERPLICHT = False


@pytest.fixture
def traject():
    j = JeugdigeFactory(gemeente_id="almere")
    return regie.open_traject(jeugdige=j, gemeente=j.gemeente, bron="plaatsing", bron_id=9, startdatum=D(2026, 11, 2))


@time_machine.travel(NU, tick=False)
def test_een_plan_corrigeren_bewaart_de_vorige_versie_en_de_termijn_volgt(api, traject, client):
    anouk = persona("toegang", gemeente_id="almere", username="anouk")
    regie.plan_vastleggen(anouk, traject, soort="perspectief", vastgesteld_op=D(2026, 11, 20), terugkeer="Naar huis")
    url = f"/api/v1/perspectiefregie/trajecten/{traject.pk}/perspectiefplan/correctie/"
    assert "reden" in api(anouk).post(url, {"vastgesteld_op": "2026-11-12"}, format="json").json()
    r = api(anouk).post(
        url,
        {"vastgesteld_op": "2026-11-12", "evaluatie_op": "2026-11-13", "reden": "Datum van het overleg"},
        format="json",
    )
    assert r.status_code == 200, r.json()
    assert r.json()["perspectiefplan"]["vastgesteld_op"] == "2026-11-12"
    assert r.json()["perspectiefplan"]["evaluatie_op"] == "2026-11-13"
    versies = list(Perspectiefplan.history.order_by("history_date", "history_id"))
    assert [v.vastgesteld_op for v in versies][-2:] == [D(2026, 11, 20), D(2026, 11, 12)]
    assert versies[-1].history_change_reason == "Datum van het overleg"
    # A date before the stay is refused like any plan date.
    assert (
        "vastgesteld_op" in api(anouk).post(url, {"vastgesteld_op": "2026-11-01", "reden": "x"}, format="json").json()
    )
    lars = persona("toegang", gemeente_id="lelystad", username="lars")
    assert api(lars).post(url, {"vastgesteld_op": "2026-11-13", "reden": "x"}, format="json").status_code == 404
    client.force_login(anouk)
    html = client.get(f"/perspectiefregie/trajecten/{traject.pk}/").content.decode().split("Geschiedenis")[-1]
    assert "20-11-2026" in html and "12-11-2026" in html and "Datum van het overleg" in html


@time_machine.travel(NU, tick=False)
def test_plan_corrigeren_via_de_pagina(traject, client):
    anouk = persona("toegang", gemeente_id="almere", username="anouk")
    plan = regie.plan_vastleggen(anouk, traject, soort="perspectief", vastgesteld_op=D(2026, 11, 20), terugkeer="Thuis")
    client.force_login(anouk)
    url = f"/perspectiefregie/trajecten/{traject.pk}/"
    client.post(url, {"actie": f"corrigeer-{plan.pk}", f"corr{plan.pk}-evaluatie_op": "2026-11-16"})
    assert Perspectiefplan.objects.get(pk=plan.pk).evaluatie_op is None
    client.post(
        url,
        {
            "actie": f"corrigeer-{plan.pk}",
            f"corr{plan.pk}-evaluatie_op": "2026-11-16",
            f"corr{plan.pk}-vastgesteld_op": "2026-11-20",
            f"corr{plan.pk}-terugkeer": "Thuis",
            f"corr{plan.pk}-reden": "Evaluatie vergeten",
        },
    )
    assert Perspectiefplan.objects.get(pk=plan.pk).evaluatie_op == D(2026, 11, 16)
