"""Detail pages of a youth's data: another municipality gets 404, bad input gets a message, not a 500."""

import datetime

import pytest
import time_machine

from perspectiefregie import services as regie
from servicepunt import services as sp
from tests.factories import JeugdigeFactory, persona

pytestmark = pytest.mark.django_db
NU = datetime.datetime(2026, 11, 23, 10, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _zonder_tweestaps(settings):
    settings.TWEESTAPS_VERPLICHT = False


@time_machine.travel(NU, tick=False)
def test_traject_alleen_voor_het_team_van_de_gemeente(client):
    j = JeugdigeFactory(gemeente_id="almere")
    t = regie.open_traject(
        jeugdige=j, gemeente=j.gemeente, bron="plaatsing", bron_id=5, startdatum=datetime.date(2026, 11, 20)
    )
    client.force_login(persona("toegang", gemeente_id="lelystad", username="lars"))
    assert client.get(f"/perspectiefregie/trajecten/{t.pk}/").status_code == 404
    client.force_login(persona("beleid", username="bram"))  # no right to trajectories at all: 403, as in the API
    assert client.get(f"/perspectiefregie/trajecten/{t.pk}/").status_code == 403
    client.force_login(persona("toegang", gemeente_id="almere", username="anouk"))
    r = client.post(
        f"/perspectiefregie/trajecten/{t.pk}/",
        {"actie": "plan", "soort": "perspectief", "vastgesteld_op": "2026-11-01"},
        follow=True,
    )
    assert r.status_code == 200 and "Niet opgeslagen" in r.content.decode()
    assert not t.plannen.exists()


@time_machine.travel(NU, tick=False)
def test_beschikking_alleen_voor_eigen_gemeente_en_foute_plaatsing_geeft_melding(client):
    anouk = persona("toegang", gemeente_id="almere", username="anouk")
    b = sp.beschikking_registreren(
        anouk, jeugdige=JeugdigeFactory(gemeente_id="almere"), afgegeven_op=datetime.date(2026, 11, 20)
    )
    client.force_login(persona("toegang", gemeente_id="urk", username="urkje"))
    assert client.get(f"/servicepunt/beschikkingen/{b.pk}/").status_code == 404
    client.force_login(anouk)
    r = client.post(f"/servicepunt/beschikkingen/{b.pk}/", {"actie": "ambulant", "datum": "2026-11-01"}, follow=True)
    assert "Niet opgeslagen: De hulp kan niet vóór de beschikking zijn gestart." in r.content.decode()
    client.force_login(persona("beleid", username="bram"))
    assert client.get(f"/servicepunt/beschikkingen/{b.pk}/").status_code == 403
