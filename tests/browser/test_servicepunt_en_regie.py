"""Access worker and service point in the browser: worklist, regisseur, decision, matching, capacity."""

import datetime

import pytest

from kern.models import Voorziening
from perspectiefregie import services as regie
from perspectiefregie.models import Regisseurschap
from tests.factories import JeugdigeFactory, persona, totp_apparaat

from .test_reizen import inloggen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_werklijst_regisseur_en_plan(pagina, axe):
    anouk = persona("toegang", gemeente_id="almere", username="anouk", first_name="Anouk")
    totp_apparaat(anouk)
    jeugdige = JeugdigeFactory(gemeente_id="almere", geboortedatum=datetime.date(2010, 6, 1))
    traject = regie.open_traject(
        jeugdige=jeugdige,
        gemeente=jeugdige.gemeente,
        bron="plaatsing",
        bron_id=99,
        startdatum=datetime.date.today() - datetime.timedelta(days=5),
    )
    inloggen(pagina, axe, anouk)
    pagina.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Perspectiefregie").click()
    pagina.wait_for_selector("text=Geen regisseur")
    axe.controleer(pagina)
    pagina.get_by_role("link", name=jeugdige.naam).click()
    pagina.wait_for_selector("h1")
    axe.controleer(pagina)
    pagina.get_by_label("Regisseur", exact=True).select_option(str(anouk.pk))
    pagina.get_by_role("button", name="Regisseur toewijzen").click()
    pagina.wait_for_selector("text=Opgeslagen.")
    axe.controleer(pagina)
    assert Regisseurschap.objects.get(traject=traject).regisseur == anouk


def test_beschikking_matching_en_capaciteit(pagina, axe):
    sevda = persona("servicepunt", username="sevda")
    totp_apparaat(sevda)
    inloggen(pagina, axe, sevda)
    pagina.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Servicepunt").click()
    pagina.wait_for_selector("h1")
    axe.controleer(pagina)
    huis = Voorziening.objects.get(naam="Gezinshuis De Polder")
    pagina.get_by_label(f"Aantal plaatsen {huis.naam}").fill("5")
    pagina.get_by_role("button", name=f"Bevestigen {huis.naam}").click()
    pagina.wait_for_selector("text=bevestigd")
    huis.refresh_from_db()
    assert huis.capaciteit == 5
    pagina.get_by_role("link", name="Beschikkingen en tweewekenregel").click()
    pagina.wait_for_selector("h1")
    axe.controleer(pagina)
    pagina.get_by_label("Voornaam jeugdige").fill("Noor")
    pagina.get_by_label("Achternaam jeugdige").fill("Fictief")
    pagina.get_by_label("Geboortedatum").fill("2015-02-02")
    pagina.get_by_label("Gemeente van het BRP-adres").select_option("dronten")
    pagina.get_by_label("Soort zorg").select_option("gezinshuis")
    pagina.get_by_label("Datum afgifte beschikking").fill(datetime.date.today().isoformat())
    pagina.get_by_role("button", name="Registreren").click()
    pagina.wait_for_selector("text=Beschikking geregistreerd")
    axe.controleer(pagina)
    # Woonplaatsbeginsel: the responsible municipality changes only here, with a reason.
    pagina.get_by_text("Verantwoordelijke gemeente wijzigen").first.click()  # folded: not the next step
    pagina.get_by_label("Nieuwe verantwoordelijke gemeente").select_option("almere")
    pagina.get_by_label("Reden (woonplaatsbeginsel)").fill("Afspraak tussen gemeenten over het BRP-adres")
    pagina.get_by_role("button", name="Verantwoordelijke gemeente wijzigen").click()
    pagina.wait_for_selector("text=Almere is nu de verantwoordelijke gemeente.")
    pagina.wait_for_selector("text=van Dronten naar Almere")
    axe.controleer(pagina)
    pagina.get_by_role("link", name="Matching (afwegingskader) openen").click()
    pagina.wait_for_selector("text=Voorstel")
    axe.controleer(pagina)
    pagina.get_by_role("link", name="Wachtlijst").click()
    pagina.wait_for_selector("text=Noor Fictief")
    axe.controleer(pagina)
