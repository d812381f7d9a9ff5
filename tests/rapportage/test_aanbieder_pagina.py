"""#14.3: the provider's own quarterly figures as a page — its own counts only, labels not
codes, a caption on every table; no other provider and no other role sees the page."""

import datetime

import pytest
import time_machine

from tests.conftest import aanbieder_persona
from tests.crisis.helpers import AANMELDINGEN
from tests.crisis.test_verdelen_en_inzet import nieuwe, verdeel
from tests.factories import persona

pytestmark = pytest.mark.django_db

NU = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)
PAGINA = "/rapportage/aanbieder/"


@pytest.fixture(autouse=True)
def _zonder_tweestaps(settings):
    settings.TWEESTAPS_VERPLICHT = False


def _tabel(html: str, caption: str) -> str:
    begin = html.index(caption)
    return html[begin : html.index("</table>", begin)]


@time_machine.travel(NU, tick=False)
def test_aanbieder_ziet_alleen_eigen_aantallen_met_labels(api, ccp, client):
    heerenloo, intermetzo = aanbieder_persona("sheerenloo"), aanbieder_persona("intermetzo")
    een = nieuwe(api, ccp)
    assert verdeel(api, ccp, een).json()["aanbieder"]["code"] == "sheerenloo"
    api(heerenloo).post(f"{AANMELDINGEN}{een}/weigeren/", {"reden": "geen_capaciteit"}, format="json")
    assert api(intermetzo).post(f"{AANMELDINGEN}{een}/accepteren/", {}, format="json").status_code == 200

    client.force_login(heerenloo)
    r = client.get(PAGINA + "?kwartaal=2026-Q4")
    assert r.status_code == 200
    html = r.content.decode()
    toewijzingen = _tabel(html, "<caption>Toewijzingen aan")
    assert (
        '<th scope="row" data-label="Toewijzingen">Geweigerd</th><td class="getal" data-label="Aantal">1</td>'
        in toewijzingen
    )
    assert (
        '<th scope="row" data-label="Toewijzingen">Geaccepteerd</th><td class="getal" data-label="Aantal">0</td>'
        in toewijzingen
    )
    redenen = _tabel(html, "<caption>Weigeringen per reden")
    assert "geen_capaciteit" not in redenen  # a label, not the code
    assert html.count("<caption>") == 5
    # Counts only: nothing of the youth or the referral.
    assert "Sanne" not in html and "B-" not in html

    client.force_login(intermetzo)
    hun = client.get(PAGINA + "?kwartaal=2026-Q4").content.decode()
    assert (
        '<th scope="row" data-label="Toewijzingen">Geaccepteerd</th><td class="getal" data-label="Aantal">1</td>'
        in _tabel(hun, "<caption>Toewijzingen aan")
    )
    # The provider comes from the login: a parameter naming another one changes nothing.
    anders = client.get(PAGINA + "?kwartaal=2026-Q4&aanbieder=sheerenloo").content.decode()
    assert (
        '<th scope="row" data-label="Toewijzingen">Geweigerd</th><td class="getal" data-label="Aantal">0</td>'
        in _tabel(anders, "<caption>Toewijzingen aan")
    )


@time_machine.travel(NU, tick=False)
def test_andere_rollen_zien_de_pagina_niet_en_het_menu_biedt_hem_alleen_de_aanbieder(client):
    for rol in ("ccp", "beleid", "toegang", "servicepunt", "beheer", "gi"):
        client.force_login(persona(rol, username=f"p-{rol}"))
        assert client.get(PAGINA).status_code == 403, rol
        assert PAGINA not in client.get("/").content.decode(), rol
    client.force_login(aanbieder_persona("triade"))
    assert PAGINA in client.get("/").content.decode()
    # A provider user not linked to a provider sees nothing either.
    client.force_login(persona("aanbieder", aanbieder_id=None, username="los"))
    assert client.get(PAGINA).status_code == 403


@time_machine.travel(NU, tick=False)
def test_slecht_kwartaal_is_een_formulierfout_geen_500(client):
    client.force_login(aanbieder_persona("triade"))
    r = client.get(PAGINA + "?kwartaal=2026-Q9")
    assert r.status_code == 200
    assert "Schrijf het kwartaal als 2026-Q3." in r.content.decode()
    assert "<caption>" not in r.content.decode()
