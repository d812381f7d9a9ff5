"""Every role's main task on a desktop (1280 px) and on a phone (390 px), issue #15.4 and #15.8:
no page scrolls sideways (WCAG 1.4.10), axe finds nothing on any page including error states,
intake and triage work with the keyboard alone with a visible focus, and every page visited is
saved as a screenshot under test-artefacten/ (gitignored; ARTEFACTEN=<dir> to choose).

README_SCHERMAFDRUKKEN=1 also writes the README's screenshots to docs/screenshots/."""

import datetime
import os
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from crisis.models import Aanmelding
from tests.factories import persona, totp_apparaat

from .test_reizen import inloggen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BASIS = Path(django_settings.BASE_DIR)
ARTEFACTEN = Path(os.environ.get("ARTEFACTEN", BASIS / "test-artefacten"))
README = BASIS / "docs" / "screenshots"
BREEDTES = {"desktop": 1280, "telefoon": 390}
LANGE_NOTITIE = "x" * 10_000  # one unbroken word: made a page 80,000 px wide


class Scherm:
    """A logged-in browser at one width that checks every page it shows."""

    def __init__(self, browser, live_server, axe, user, breedte, map_):
        self.context = browser.new_context(
            locale="nl-NL", base_url=live_server.url, viewport={"width": breedte, "height": 800}
        )
        self.page = self.context.new_page()
        self.axe, self.breedte, self.map = axe, breedte, map_
        self.map.mkdir(parents=True, exist_ok=True)
        if user is not None:
            totp_apparaat(user)
            inloggen(self.page, axe, user, met_tweestaps=user.rol != "beleid")  # as in test_reizen

    def controleer(self, naam: str):
        page = self.page
        page.wait_for_selector("h1")
        self.axe.controleer(page)
        breed = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        page.screenshot(path=str(self.map / f"{naam}-{self.breedte}.png"), full_page=True)
        assert breed[0] <= breed[1], f"{page.url} scrolt zijwaarts bij {self.breedte} px: {breed[0]} > {breed[1]}"

    def menu(self, link: str):
        """Through the main menu as a user would: on a phone first the Menu button."""
        knop = self.page.locator("summary.kop__menuknop")
        if knop.is_visible():
            knop.click()
        self.page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name=link).click()

    def sluit(self):
        self.context.close()


@pytest.fixture
def map_(request):
    return ARTEFACTEN / re.sub(r"[^\w.-]+", "_", request.node.name)


def _aanmelding(gemeente="almere", toelichting="", nummer="S-1") -> Aanmelding:
    from django.utils import timezone

    from tests.factories import JeugdigeFactory

    nu = timezone.now()
    return Aanmelding.objects.create(
        registratienummer=nummer,
        jeugdige=JeugdigeFactory(gemeente_id=gemeente, geboortedatum=datetime.date(2012, 3, 4)),
        gemeente_id=gemeente,
        hulpvraag="verblijf",
        bron="toegang",
        toelichting=toelichting,
        aangemeld_op=nu,
        aanmelddatum=nu.date(),
        leeftijdsgroep="12+",
        loket_open=True,
        behandelen_voor=nu,
    )


@pytest.mark.parametrize("vorm", list(BREEDTES))
def test_hoofdtaak_van_elke_rol_zonder_zijwaarts_scrollen(browser, live_server, axe, settings, map_, vorm):
    settings.TWEESTAPS_VERPLICHT = True
    breedte = BREEDTES[vorm]
    lang = _aanmelding(toelichting=LANGE_NOTITIE, nummer="S-LANG")

    # The access worker refers a youth; first an empty form (the error state), then a full one.
    s = Scherm(browser, live_server, axe, persona("toegang", gemeente_id="almere", username="anouk"), breedte, map_)
    s.menu("Nieuwe crisisaanmelding")
    s.controleer("aanmelden")
    s.page.get_by_role("button", name="Aanmelding versturen").click()
    s.page.wait_for_selector(".fout")
    s.controleer("aanmelden-fouten")
    s.page.get_by_label("Voornaam").fill("Sanne")
    s.page.get_by_label("Achternaam").fill("Fictief")
    s.page.get_by_label("Geboortedatum").fill("2013-06-01")
    s.page.get_by_label("Woongemeente").select_option("almere")
    s.page.get_by_label("Crisishulp met verblijf").check()
    s.page.get_by_role("button", name="Aanmelding versturen").click()
    s.page.wait_for_selector("text=Tijdlijn")
    s.controleer("aanmelding-toegang")
    s.page.goto(f"/crisis/aanmeldingen/{lang.pk}/")
    s.controleer("aanmelding-lange-notitie")
    s.menu("Perspectiefregie")
    s.controleer("perspectiefregie")
    s.sluit()

    # The CCP: day overview (its start page), triage, the bed board, the list and the figures.
    s = Scherm(browser, live_server, axe, persona("ccp", username="carla"), breedte, map_)
    s.controleer("dagoverzicht")
    nieuw = Aanmelding.objects.exclude(pk=lang.pk).get()
    s.page.goto(f"/crisis/aanmeldingen/{nieuw.pk}/")
    s.controleer("aanmelding-ccp")
    s.page.get_by_label("Ernst").select_option("acuut")
    s.page.get_by_role("button", name="Triage opslaan").click()
    s.page.wait_for_selector("text=Opgeslagen.")
    s.controleer("aanmelding-getrieerd")
    for link, naam in [("Crisisbedden", "bedden"), ("Aanmeldingen", "aanmeldingen"), ("CCP-cijfers", "cijfers")]:
        s.menu(link)
        s.controleer(naam)
    s.sluit()

    # The service point: overview, decisions, waiting list.
    s = Scherm(browser, live_server, axe, persona("servicepunt", username="sevda"), breedte, map_)
    s.page.goto("/servicepunt/")
    s.controleer("servicepunt")
    for pad, naam in [("/servicepunt/beschikkingen/", "beschikkingen"), ("/servicepunt/wachtlijst/", "wachtlijst")]:
        s.page.goto(pad)
        s.controleer(naam)
    s.sluit()

    # The chair of the expert table, a provider and policy.
    for rol, extra, paden in [
        ("ret_voorzitter", {}, ["/experttafel/", "/experttafel/leren/"]),
        ("aanbieder", {"aanbieder_id": "vitree"}, ["/crisis/toewijzingen/", "/crisis/beschikbaarheid/"]),
        ("beleid", {}, ["/rapportage/"]),
    ]:
        s = Scherm(browser, live_server, axe, persona(rol, username=f"s-{rol}", **extra), breedte, map_)
        for pad in paden:
            s.page.goto(pad)
            s.controleer(pad.strip("/").replace("/", "-"))
        s.sluit()
    assert len(axe.bezocht) >= 25


def test_foutpaginas_op_een_telefoon(browser, live_server, axe, settings, map_):
    settings.TWEESTAPS_VERPLICHT = True
    s = Scherm(browser, live_server, axe, persona("toegang", gemeente_id="almere", username="anouk"), 390, map_)
    antwoord = s.page.goto("/bestaat-niet/")
    assert antwoord.status == 404
    s.controleer("404")
    antwoord = s.page.goto("/crisis/importeren/")
    assert antwoord.status == 403
    s.controleer("403")
    antwoord = s.page.goto("/account/uitloggen/")
    assert antwoord.status == 405
    s.controleer("405")
    # Logging out says so, on the login page.
    s.menu("Perspectiefregie")
    s.page.locator("summary.kop__menuknop").click()
    s.page.get_by_role("button", name="Uitloggen").click()
    s.page.wait_for_selector("text=U bent uitgelogd.")
    s.controleer("uitgelogd")
    s.sluit()


def _focus_zichtbaar(page) -> str:
    """The focused element's description; fails when it shows no focus indicator."""
    info = page.evaluate(
        """() => { const e = document.activeElement; const st = getComputedStyle(e);
        return {tag: e.tagName, tekst: (e.labels && e.labels[0] ? e.labels[0].innerText : e.innerText || e.value || '').trim().slice(0, 60),
                naam: e.getAttribute('name') || '', zichtbaar: e.matches(':focus-visible') || (['INPUT', 'SELECT', 'TEXTAREA'].includes(e.tagName) && e.matches(':focus-within')),
                lijn: st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) >= 2}; }"""
    )
    assert info["zichtbaar"] and info["lijn"], f"Focus niet zichtbaar op {info}"
    return f"{info['tag']}|{info['naam']}|{info['tekst']}"


def _tab_tot(page, doel: str, maximaal: int = 80) -> None:
    """Tab forward until the focused element's name, label or text contains `doel`."""
    for _ in range(maximaal):
        page.keyboard.press("Tab")
        if doel in _focus_zichtbaar(page):
            return
    raise AssertionError(f"Met Tab niet bereikt: {doel}")


def test_aanmelden_en_trieren_met_alleen_het_toetsenbord(browser, live_server, axe, settings, map_):
    settings.TWEESTAPS_VERPLICHT = True
    s = Scherm(browser, live_server, axe, persona("toegang", gemeente_id="almere", username="anouk"), 1280, map_)
    page = s.page
    page.goto("/crisis/aanmelden/")
    # The skip link comes first and takes the focus to the content.
    page.keyboard.press("Tab")
    assert "Direct naar de inhoud" in _focus_zichtbaar(page)
    page.keyboard.press("Enter")
    _tab_tot(page, "Voornaam")
    page.keyboard.type("Sanne")
    _tab_tot(page, "Achternaam")
    page.keyboard.type("Fictief")
    _tab_tot(page, "Geboortedatum")
    page.keyboard.type("06062013")  # 6 June: the same whichever order the system locale gives the segments
    _tab_tot(page, "Woongemeente")
    page.keyboard.press("ArrowDown")  # a closed list: the arrow chooses the next option
    _tab_tot(page, "hulpvraag")
    page.keyboard.press("ArrowDown")  # the radio group: the arrow moves and selects
    page.keyboard.press("Space")
    _tab_tot(page, "Aanmelding versturen")
    s.controleer("toetsenbord-ingevuld")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Tijdlijn")
    aanmelding = Aanmelding.objects.get()
    assert aanmelding.jeugdige.voornaam == "Sanne"
    assert aanmelding.jeugdige.geboortedatum == datetime.date(2013, 6, 6)
    assert aanmelding.gemeente_id and aanmelding.hulpvraag == "verblijf"
    s.controleer("toetsenbord-aangemeld")
    s.sluit()

    s = Scherm(browser, live_server, axe, persona("ccp", username="carla"), 1280, map_)
    page = s.page
    page.goto(f"/crisis/aanmeldingen/{aanmelding.pk}/")
    _tab_tot(page, "Ernst")
    page.keyboard.press("ArrowDown")
    _tab_tot(page, "Triage opslaan")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Opgeslagen.")
    s.controleer("toetsenbord-getrieerd")
    aanmelding.refresh_from_db()
    assert aanmelding.ernst
    s.sluit()


def test_menu_werkt_zonder_javascript_op_een_telefoon(browser, live_server, settings, map_):
    """The menu is a <details>: it opens with the keyboard and without any script."""
    settings.TWEESTAPS_VERPLICHT = False
    from tests.factories import WACHTWOORD

    persona("ccp", username="carla")
    context = browser.new_context(
        locale="nl-NL", base_url=live_server.url, viewport={"width": 320, "height": 700}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto("/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("carla")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_selector("h1")
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    assert not menu.is_visible()
    knop = page.locator("summary.kop__menuknop")
    # The logo and the button share one line.
    assert abs(knop.bounding_box()["y"] - page.locator(".kop__logo").bounding_box()["y"]) < 20
    knop.focus()
    page.keyboard.press("Enter")
    assert menu.is_visible()
    menu.get_by_role("link", name="Crisisbedden").click()
    page.wait_for_selector("h1")
    assert "/crisis/beschikbaarheid/" in page.url
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()


def test_crisislijn_in_de_voet_is_leesbaar_en_belbaar(browser, live_server, map_):
    """Measured on the rendered footer: text and background colours (solid, so axe can too)."""
    s = Scherm(browser, live_server, None, None, 390, map_)
    s.page.goto("/account/inloggen/")
    link = s.page.locator("footer a[href^='tel:']")
    assert link.get_attribute("href") == "tel:08001234567"
    kleuren = s.page.evaluate(
        """() => { const v = document.querySelector('footer.voet'); const st = getComputedStyle(v);
        return [getComputedStyle(v.querySelector('.voet__crisis')).color, st.backgroundColor, st.backgroundImage]; }"""
    )

    def rgb(tekst):
        return [int(x) for x in re.findall(r"\d+", tekst)[:3]]

    def luminantie(c):
        lin = [(v / 255 / 12.92) if v / 255 <= 0.03928 else ((v / 255 + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    voor, achter = luminantie(rgb(kleuren[0])), luminantie(rgb(kleuren[1]))
    contrast = (max(voor, achter) + 0.05) / (min(voor, achter) + 0.05)
    assert kleuren[2] == "none", "een effen achtergrond: een verloop is niet te meten"
    assert contrast >= 4.5, contrast
    s.page.screenshot(path=str(s.map / "voet-390.png"), full_page=True)
    s.sluit()


@pytest.mark.skipif(not os.environ.get("README_SCHERMAFDRUKKEN"), reason="README_SCHERMAFDRUKKEN=1 to regenerate")
def test_schermafdrukken_voor_de_readme(browser, live_server, axe, settings):
    """docs/screenshots/: the day overview, a referral and the bed board at 1280 px, small PNGs."""
    from PIL import Image

    settings.TWEESTAPS_VERPLICHT = True
    for i, gemeente in enumerate(["almere", "lelystad", "dronten"]):
        _aanmelding(gemeente=gemeente, nummer=f"CCP-2026-0{i + 41}", toelichting="Moeder belt: conflict thuis.")
    s = Scherm(browser, live_server, axe, persona("ccp", username="carla", first_name="Carla"), 1280, README)
    s.page.set_viewport_size({"width": 1280, "height": 760})
    eerste = Aanmelding.objects.order_by("pk").first()
    for naam, pad in [
        ("dagoverzicht", "/crisis/"),
        ("aanmelding", f"/crisis/aanmeldingen/{eerste.pk}/"),
        ("crisisbedden", "/crisis/beschikbaarheid/"),
    ]:
        s.page.goto(pad)
        s.page.wait_for_selector("h1")
        bestand = README / f"{naam}.png"
        s.page.screenshot(path=str(bestand))
        beeld = Image.open(bestand).convert("RGB").resize((960, 570), Image.LANCZOS)
        beeld.quantize(colors=64).save(bestand, optimize=True)
    s.sluit()
