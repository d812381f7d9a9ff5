"""One youth's path, as the access worker, the CCP and the service point walk it (issue #12,
"Done means"): referral, crisis stay, plan, foster placement, home, with one trajectory and one
regisseur throughout, and axe-core on every page."""

import datetime

import pytest

from crisis.models import Aanmelding, Inzet
from kern.models import Voorziening
from perspectiefregie.models import Traject
from servicepunt.models import Plaatsing
from tests.factories import persona, totp_apparaat

from .test_reizen import inloggen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BSN = "111222333"


def als(browser, live_server, axe, user):
    """A browser session of its own per role, logged in with two-factor."""
    totp_apparaat(user)
    context = browser.new_context(locale="nl-NL", base_url=live_server.url)
    page = context.new_page()
    inloggen(page, axe, user)
    return page


def formulier(page, actie: str):
    return page.locator("form", has=page.locator(f'input[name="actie"][value="{actie}"]'))


def test_van_aanmelding_via_crisisbed_en_pleeggezin_naar_huis(browser, live_server, axe, settings):
    settings.TWEESTAPS_VERPLICHT = True
    vandaag = datetime.date.today()
    dag = lambda n: (vandaag - datetime.timedelta(days=n)).isoformat()  # noqa: E731
    geboren = vandaag.replace(year=vandaag.year - 14) - datetime.timedelta(days=30)
    anouk = persona("toegang", gemeente_id="almere", username="anouk", first_name="Anouk")
    carla = persona("ccp", username="carla")
    sevda = persona("servicepunt", username="sevda")

    # The access worker refers the youth for a crisis stay.
    toegang = als(browser, live_server, axe, anouk)
    toegang.goto("/crisis/aanmelden/")
    axe.controleer(toegang)
    toegang.get_by_label("Voornaam").fill("Sanne")
    toegang.get_by_label("Achternaam").fill("Fictief")
    toegang.get_by_label("Geboortedatum").fill(geboren.isoformat())
    toegang.get_by_label("BSN").fill(BSN)
    toegang.get_by_label("Woongemeente").select_option("almere")
    toegang.get_by_label("Crisishulp met verblijf").check()
    toegang.get_by_role("button", name="Aanmelding versturen").click()
    toegang.wait_for_selector("text=Tijdlijn")
    axe.controleer(toegang)
    aanmelding = Aanmelding.objects.get()

    # The CCP triages and admits to a crisis group, records the plan, and ends the stay towards a foster family.
    ccp = als(browser, live_server, axe, carla)
    ccp.goto(f"/crisis/aanmeldingen/{aanmelding.pk}/")
    axe.controleer(ccp)
    ccp.get_by_label("Ernst").select_option("acuut")
    ccp.get_by_role("button", name="Triage opslaan").click()
    ccp.wait_for_selector("text=Opgeslagen.")
    bed = Voorziening.objects.get(type_id="crisisgroep_12plus")
    inzet = formulier(ccp, "inzet")
    inzet.get_by_label("Hulpvorm").select_option("crisisbed")
    inzet.get_by_label("Crisisvoorziening (verplicht bij een verblijf)").select_option(str(bed.pk))
    inzet.get_by_label("Startdatum").fill(dag(20))
    inzet.get_by_label("Ambulante hulp bij verblijf").select_option("lokaal_team")
    ccp.get_by_role("button", name="Inzet vastleggen").click()
    ccp.wait_for_selector("text=Opgeslagen.")
    axe.controleer(ccp)
    verblijf = Inzet.objects.get()
    plan = formulier(ccp, f"plan-{verblijf.pk}")
    plan.get_by_label("Perspectiefplan vastgesteld op").fill(dag(10))
    plan.get_by_label("Evaluatie gehouden op (binnen twee weken na opname)").fill(dag(9))
    plan.get_by_role("button", name="Plan vastleggen").click()
    ccp.wait_for_selector("text=Opgeslagen.")
    axe.controleer(ccp)

    # The access worker sees the trajectory on the worklist, plan in time, and becomes its regisseur.
    toegang.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Perspectiefregie").click()
    toegang.wait_for_selector("text=Geen regisseur")
    axe.controleer(toegang)
    toegang.get_by_role("link", name="Sanne Fictief").click()
    toegang.wait_for_selector("text=vastgesteld op")
    axe.controleer(toegang)
    toegang.get_by_label("Regisseur", exact=True).select_option(str(anouk.pk))
    toegang.get_by_role("button", name="Regisseur toewijzen").click()
    toegang.wait_for_selector("text=Opgeslagen.")

    afsluiten = formulier(ccp, f"afsluiten-{verblijf.pk}")
    afsluiten.get_by_label("Einddatum").fill(dag(5))
    afsluiten.get_by_label("Vervolg").select_option("uhp_pleegzorg")
    afsluiten.get_by_role("button", name="Afsluiten").click()
    ccp.wait_for_selector("text=Opgeslagen.")
    axe.controleer(ccp)
    assert Traject.objects.get().einddatum is None  # on to a foster family: the period of care goes on

    # The service point registers the decision and places the youth with a foster family.
    sp = als(browser, live_server, axe, sevda)
    sp.goto("/servicepunt/beschikkingen/")
    axe.controleer(sp)
    sp.get_by_label("Voornaam jeugdige").fill("Sanne")
    sp.get_by_label("Achternaam jeugdige").fill("Fictief")
    sp.get_by_label("Geboortedatum").fill(geboren.isoformat())
    sp.get_by_label("BSN").fill(BSN)
    sp.get_by_label("Gemeente van het BRP-adres").select_option("almere")
    sp.get_by_label("Soort zorg").select_option("pleegzorg")
    sp.get_by_label("Datum afgifte beschikking").fill(dag(6))
    sp.get_by_role("button", name="Registreren").click()
    sp.wait_for_selector("text=Beschikking geregistreerd")
    axe.controleer(sp)
    gezin = next(
        v for v in Voorziening.objects.filter(type_id="pleegzorg", actief=True).order_by("pk") if v.past_leeftijd(14)
    )
    plaatsen = formulier(sp, "plaatsen")
    plaatsen.get_by_label("Voorziening (verplicht bij een plaatsing in de regio)", exact=True).select_option(str(gezin.pk))
    # (the page's two forms share the id of 'startdatum', so the field is found by its name)
    plaatsen.locator('input[name="startdatum"]').fill(dag(4))
    for veld in ("Ambulante hulp",):  # asked with every placement where the page has the field
        if plaatsen.get_by_label(veld).count():
            plaatsen.get_by_label(veld).first.select_option("lokaal_team")
    sp.get_by_role("button", name="Plaatsing vastleggen").click()
    sp.wait_for_selector("text=Opgeslagen.")
    axe.controleer(sp)
    plaatsing = Plaatsing.objects.get()

    # One trajectory, one regisseur, both stays, the whole path on the timeline.
    toegang.reload()
    toegang.wait_for_selector("text=Verblijven")
    axe.controleer(toegang)
    inhoud = toegang.inner_text("main") if toegang.locator("main").count() else toegang.inner_text("body")
    assert "Crisishulp met verblijf" in inhoud and "24-uurszorg (plaatsing)" in inhoud
    assert "Regisseur: Anouk" in inhoud and "Geplaatst in" in inhoud and "Aangemeld bij het CCP" in inhoud
    assert Traject.objects.count() == 1 and Traject.objects.get().regisseurschappen.get().regisseur == anouk

    # Home: the service point ends the placement, the period of care and its direction close.
    einde = formulier(sp, f"einde-{plaatsing.pk}")
    einde.get_by_label("Einddatum").fill(vandaag.isoformat())
    einde.get_by_label("Vervolg na het verblijf").fill("Naar huis met ambulante hulp van het lokale team")
    einde.get_by_label("De jeugdige gaat naar huis (het traject perspectiefregie sluit)").check()
    einde.get_by_role("button", name="Beëindigen").click()
    sp.wait_for_selector("text=Opgeslagen.")
    axe.controleer(sp)
    toegang.reload()
    toegang.wait_for_selector("text=Jeugdige is thuis")
    axe.controleer(toegang)
    traject = Traject.objects.get()
    assert (traject.einddatum, traject.sluitreden) == (vandaag, "thuis")
