"""The chair's year in the browser: plan the year, build an agenda with time slots, run the
session, record the decisive advice; the submitter records the follow-up per party."""

import datetime

import pytest
import time_machine

from experttafel import services
from experttafel.models import Casus, Sessie
from tests.factories import persona, totp_apparaat

from .test_reizen import inloggen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VOOR = datetime.datetime(2026, 11, 23, 9, tzinfo=datetime.UTC)  # Monday, ten days before the session
SESSIEDAG = datetime.datetime(2026, 12, 3, 14, tzinfo=datetime.UTC)  # the session's Thursday, 15:00


def _uitloggen(pagina):
    pagina.context.clear_cookies()


def test_de_voorzitter_plant_agendeert_voert_de_sessie_en_legt_advies_en_opvolging_vast(pagina, axe):
    reis = time_machine.travel(VOOR, tick=True)
    reis.start()
    try:
        dewi = persona("toegang", gemeente_id="dronten", username="dewi", ret_aanmelder=True, email="dewi@example.org")
        renee = persona("ret_voorzitter", username="renee", email="renee@example.org")
        totp_apparaat(dewi), totp_apparaat(renee)
        eerste = services.indienen(
            dewi, vraag="Welke hulp past?", toestemming=False, geprobeerd="Coaching.", gezinssituatie="Gezin."
        )
        tweede = services.indienen(dewi, vraag="Tweede vraag", toestemming=False)

        # Planning the year(s): next year by the cadence, this year an extra session.
        inloggen(pagina, axe, renee)
        pagina.goto("/experttafel/?jaar=2027")
        pagina.get_by_role("button", name="volgens de cadans").click()
        pagina.wait_for_selector("text=staan in de planning")
        axe.controleer(pagina)
        assert Sessie.objects.filter(datum__year=2027).count() >= 6
        pagina.goto("/experttafel/?jaar=2026")
        pagina.get_by_label("Datum").fill("2026-12-25")  # Christmas Day
        pagina.get_by_role("button", name="Extra sessie toevoegen").click()
        pagina.wait_for_selector("text=feestdag")
        axe.controleer(pagina)
        pagina.get_by_label("Datum").fill("2026-12-03")
        pagina.get_by_label("Aantal casussen").fill("3")
        pagina.get_by_role("button", name="Extra sessie toevoegen").click()
        pagina.wait_for_selector("text=Extra sessie toegevoegd")
        axe.controleer(pagina)
        sessie = Sessie.objects.get(datum=datetime.date(2026, 12, 3))
        assert sessie.capaciteit == 3

        # Building the agenda: both cases, a parent for the first, invitations out.
        for casus in (eerste, tweede):
            pagina.goto(f"/experttafel/casussen/{casus.pk}/")
            pagina.get_by_label("Sessie").select_option(label=str(sessie))
            pagina.get_by_role("button", name="Agenderen").click()
            pagina.wait_for_selector("text=Opgeslagen")
        axe.controleer(pagina)
        pagina.goto(f"/experttafel/casussen/{eerste.pk}/")
        pagina.get_by_label("Soort").select_option(label="Ouder")
        pagina.get_by_label("Naam").fill("Ouder Fictief")
        pagina.get_by_label("E-mailadres").fill("ouder@example.org")
        pagina.get_by_role("button", name="Toevoegen").click()
        pagina.wait_for_selector("text=Opgeslagen")
        pagina.get_by_role("button", name="Uitnodigingen versturen").click()
        pagina.wait_for_selector("text=Opgeslagen")
        assert "vanaf 3 december 2026" in pagina.inner_text("main")  # no 'besproken' before the meeting
        axe.controleer(pagina)

        # The agenda page: time slots, places, documents; the chair swaps the two.
        pagina.goto("/experttafel/?jaar=2026")
        pagina.get_by_role("link", name="donderdag 3 december 2026").click()
        pagina.wait_for_selector("text=Agenda regionale experttafel")
        axe.controleer(pagina)
        tekst = pagina.inner_text("main")
        assert "13:30–14:15" in tekst and "14:15–15:00" in tekst
        assert "Gemeentehuis Dronten, De Rede 1, Dronten" in tekst
        pagina.get_by_role("button", name=f"Casus {eerste.pk} een tijdslot later").click()
        pagina.wait_for_selector("text=Opgeslagen")
        axe.controleer(pagina)
        assert Casus.objects.get(pk=eerste.pk).volgorde == 2
        assert pagina.get_by_role("link", name="Agenda als PDF").count() == 1
    finally:
        reis.stop()

    # The session's day: discussed, decisive advice naming a provider.
    reis = time_machine.travel(SESSIEDAG, tick=True)
    reis.start()
    try:
        _uitloggen(pagina)
        inloggen(pagina, axe, renee)
        pagina.goto(f"/experttafel/casussen/{eerste.pk}/")
        pagina.get_by_role("button", name="Besproken").click()
        pagina.wait_for_selector("text=Opgeslagen")
        axe.controleer(pagina)
        pagina.get_by_label("Advies", exact=True).fill("Gezinshuis met ambulante gezinsbehandeling.")
        pagina.get_by_label("Perspectief voor kind en gezin").fill("Terug naar huis binnen een jaar.")
        pagina.get_by_label("Triade").check()
        pagina.get_by_role("button", name="Advies vastleggen").click()
        pagina.wait_for_selector("text=Bepalend advies")
        axe.controleer(pagina)

        # Actieleren: a placement that ended in a uhp_* follow-up waits on the chair's open list.
        evaluatie = services.leerevaluatie_na_verblijf("plaatsing", 1, "urk", "uhp_groep", datetime.date(2026, 11, 30))
        pagina.goto("/experttafel/")
        pagina.get_by_role("link", name="Actieleren").click()
        pagina.get_by_role("link", name=f"Leerevaluatie {evaluatie.pk}").click()
        axe.controleer(pagina)
        pagina.get_by_label("Gehouden op").fill("2026-12-03")
        pagina.get_by_label("Wie namen deel").fill("Toegang Urk, servicepunt, gezinshuisouder")
        pagina.get_by_label("Wat is geleerd").fill("Eerder een gezinshuis in de eigen gemeente zoeken.")
        pagina.get_by_label("Thema").select_option(label="Geen passende verblijfsplek")
        pagina.get_by_role("button", name="Vastleggen").click()
        pagina.wait_for_selector("text=Leerevaluatie vastgelegd")
        axe.controleer(pagina)
        assert "Geen open leerevaluaties" in pagina.inner_text("main")

        # The submitter records the follow-up of each party; a deviation needs a motivation.
        _uitloggen(pagina)
        inloggen(pagina, axe, dewi)
        pagina.goto(f"/experttafel/casussen/{eerste.pk}/")
        axe.controleer(pagina)

        def opvolging():  # the follow-up form itself, not the correction form beside it
            return pagina.locator("form:has(input[name=actie][value=opvolging])")

        opvolging().get_by_label("Ja, het advies wordt gevolgd").check()
        opvolging().get_by_role("button", name="Opslaan").click()
        pagina.wait_for_selector("text=Opgeslagen")
        opvolging().get_by_label("Partij").select_option(label="Triade")
        opvolging().get_by_label("Nee, wij wijken af").check()
        opvolging().get_by_role("button", name="Opslaan").click()
        pagina.wait_for_selector("text=Niet opgeslagen")
        axe.controleer(pagina)
        opvolging().get_by_label("Partij").select_option(label="Triade")
        opvolging().get_by_label("Nee, wij wijken af").check()
        opvolging().get_by_label("Motivering").fill("Geen plek op de groep; alternatief met Vitree.")
        opvolging().get_by_role("button", name="Opslaan").click()
        pagina.wait_for_selector("text=Opvolging per partij")
        axe.controleer(pagina)
        casus = Casus.objects.get(pk=eerste.pk)
        assert casus.status == "opgevolgd"
        assert {(o.aanbieder_id, o.opgevolgd) for o in casus.opvolgingen.all()} == {(None, True), ("triade", False)}
    finally:
        reis.stop()
