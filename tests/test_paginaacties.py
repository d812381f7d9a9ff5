"""#15.1 / #16.4: one pattern for page actions. A refused action keeps what the user typed, shows
each error at its field (aria-describedby), names things in words (never a code), and every
label on a case page points at its own input."""

import datetime
import re
from collections import Counter

import pytest
import time_machine

from crisis.models import Inzet
from kern.models import Voorziening, Voorzieningtype
from servicepunt import services as sp
from tests.crisis.helpers import AANMELDINGEN, referral
from tests.factories import JeugdigeFactory, persona

pytestmark = pytest.mark.django_db
NU = datetime.datetime(2026, 11, 23, 10, tzinfo=datetime.UTC)  # Monday 11:00 in Amsterdam


@pytest.fixture(autouse=True)
def _zonder_tweestaps(settings):
    settings.TWEESTAPS_VERPLICHT = False


def _aanmelding(api, ccp) -> int:
    r = api(ccp).post(AANMELDINGEN, referral(geboortedatum="2010-05-01"), format="json")
    assert r.status_code == 201, r.json()
    pk = r.json()["id"]
    assert api(ccp).post(f"{AANMELDINGEN}{pk}/triage/", {"ernst": "hoog"}, format="json").status_code == 200
    return pk


def _geselecteerd(html: str, select_id: str) -> list[str]:
    select = re.search(rf'<select[^>]*id="{select_id}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"geen select {select_id}"
    return re.findall(r'<option value="([^"]*)"[^>]*selected', select.group(1))


def _ids_en_labels(html: str):
    ids = re.findall(r'\sid="([^"]+)"', html)
    labels = re.findall(r'<label[^>]*\sfor="([^"]+)"', html)
    return Counter(ids), labels


@time_machine.travel(NU, tick=False)
def test_een_fout_bij_de_inzet_houdt_elke_ingevulde_waarde(client, api, ccp):
    pk = _aanmelding(api, ccp)
    bed = Voorziening.objects.get(type_id="crisisgroep_12plus")
    client.force_login(ccp)
    r = client.post(
        f"/crisis/aanmeldingen/{pk}/",
        {
            "actie": "inzet",
            "hulpvorm": "crisisbed",
            "voorziening": bed.pk,
            "startdatum": "2026-11-23",
            "verwachte_einddatum": "2026-13-45",  # not a date
            "ambulant_door": "lokaal_team",
            "boven_capaciteit_reden": "Mijn getypte tekst",
        },
    )
    html = r.content.decode()
    assert r.status_code == 200 and "Niet opgeslagen" in html
    assert _geselecteerd(html, "id_ambulant_door") == ["lokaal_team"]
    assert _geselecteerd(html, "id_hulpvorm") == ["crisisbed"]
    assert _geselecteerd(html, "id_voorziening") == [str(bed.pk)]
    assert 'value="2026-11-23"' in html and "Mijn getypte tekst" in html
    assert not Inzet.objects.filter(aanmelding_id=pk).exists()


@time_machine.travel(NU, tick=False)
def test_de_fout_staat_bij_het_veld_en_is_eraan_gekoppeld(client, api, ccp):
    pk = _aanmelding(api, ccp)
    client.force_login(ccp)
    html = client.post(
        f"/crisis/aanmeldingen/{pk}/",
        {"actie": "inzet", "hulpvorm": "ambulant", "startdatum": ""},
    ).content.decode()
    veld = re.search(r'<input[^>]*id="id_startdatum"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in veld
    assert "id_startdatum_fout" in re.search(r'aria-describedby="([^"]+)"', veld).group(1)
    assert re.search(r'<span class="fout[^"]*" id="id_startdatum_fout">[^<]+</span>', html)
    # ... and the message at the top names the field in words.
    assert "Niet opgeslagen: Startdatum:" in html


@time_machine.travel(NU, tick=False)
def test_een_verblijf_zonder_ambulante_hulp_zegt_het_in_woorden(client, api, ccp):
    pk = _aanmelding(api, ccp)
    bed = Voorziening.objects.get(type_id="crisisgroep_12plus")
    client.force_login(ccp)
    html = client.post(
        f"/crisis/aanmeldingen/{pk}/",
        {"actie": "inzet", "hulpvorm": "crisisbed", "voorziening": bed.pk, "startdatum": "2026-11-23"},
    ).content.decode()
    assert "het lokale team van Almere" in html
    assert "lokaal_team'" not in html and "'lokaal_team" not in html
    # A value the list does not hold is refused in words, without repeating the code.
    html = client.post(
        f"/crisis/aanmeldingen/{pk}/",
        {
            "actie": "inzet",
            "hulpvorm": "crisisbed",
            "voorziening": bed.pk,
            "startdatum": "2026-11-23",
            "ambulant_door": "onzin_code",
        },
    ).content.decode()
    assert "Kies een van de mogelijkheden uit de lijst." in html
    assert "onzin_code" not in html


@time_machine.travel(NU, tick=False)
def test_een_onbekende_actie_is_400(client, api, ccp):
    pk = _aanmelding(api, ccp)
    client.force_login(ccp)
    assert client.post(f"/crisis/aanmeldingen/{pk}/", {"actie": "bestaat-niet"}).status_code == 400
    assert client.post(f"/crisis/aanmeldingen/{pk}/", {"actie": "afsluiten"}).status_code == 400


@time_machine.travel(NU, tick=False)
def test_op_de_beschikking_wijst_elk_label_naar_zijn_eigen_veld(client):
    anouk = persona("toegang", gemeente_id="almere", username="anouk")
    b = sp.beschikking_registreren(
        anouk,
        jeugdige=JeugdigeFactory(gemeente_id="almere"),
        afgegeven_op=datetime.date(2026, 11, 20),
        zorgtype=Voorzieningtype.objects.filter(hulpvorm__isnull=True).first(),
    )
    client.force_login(persona("servicepunt", username="sp"))
    html = client.get(f"/servicepunt/beschikkingen/{b.pk}/").content.decode()
    ids, labels = _ids_en_labels(html)
    assert [i for i, n in ids.items() if n > 1] == []
    assert all(ids[f] == 1 for f in labels), [f for f in labels if ids[f] != 1]


@time_machine.travel(NU, tick=False)
def test_een_fout_op_de_beschikking_staat_bij_het_eigen_formulier(client):
    anouk = persona("toegang", gemeente_id="almere", username="anouk")
    b = sp.beschikking_registreren(
        anouk, jeugdige=JeugdigeFactory(gemeente_id="almere"), afgegeven_op=datetime.date(2026, 11, 20)
    )
    client.force_login(anouk)
    html = client.post(
        f"/servicepunt/beschikkingen/{b.pk}/",
        {"actie": "overbrugging", "startdatum": "2026-11-01", "omschrijving": "Gezinscoach"},
    ).content.decode()
    assert "Niet opgeslagen" in html
    # The typed description stays in the bridging form, the error stands there too.
    assert re.search(
        r'id="id_overbrugging_omschrijving"[^>]*value="Gezinscoach"|value="Gezinscoach"[^>]*id="id_overbrugging_omschrijving"',
        html,
    )
    assert 'id="id_overbrugging_startdatum_fout"' in html


@time_machine.travel(NU, tick=False)
def test_de_ccp_begint_op_het_dagoverzicht_andere_rollen_op_hun_tegels(client):
    client.force_login(persona("ccp", username="carla"))
    r = client.get("/")
    assert r.status_code == 302 and r.url == "/crisis/"
    client.force_login(persona("toegang", gemeente_id="almere", username="anouk"))
    r = client.get("/")
    assert r.status_code == 200 and "Goedendag" in r.content.decode()


@pytest.mark.parametrize("pad", ["/crisis/", "/crisis/beschikbaarheid/"])
@time_machine.travel(NU, tick=False)
def test_dagoverzicht_en_bord_verversen_zichzelf_en_werken_zonder_javascript(client, pad):
    client.force_login(persona("ccp", username="carla"))
    html = client.get(pad).content.decode()
    ververs = re.search(r"<div id=\"ververst\"[^>]*>", html).group(0)
    assert f'hx-get="{pad}"' in ververs and 'hx-trigger="every 30s"' in ververs and "data-ververs" in ververs
    assert "js/verversen.js" in html  # pauses the poll while a form is in use
    assert f'href="{pad}">Vernieuwen</a>' in html  # without JavaScript
    # The poll gets the refreshing part only, and says it depends on the header.
    r = client.get(pad, headers={"HX-Request": "true"})
    deel = r.content.decode()
    assert deel.lstrip().startswith('<div id="ververst"') and "<html" not in deel
    assert "HX-Request" in r.headers["Vary"]


def test_het_verversscript_pauzeert_bij_een_formulier_in_gebruik():
    from django.contrib.staticfiles import finders

    script = open(finders.find("js/verversen.js"), encoding="utf-8").read()
    assert "htmx:confirm" in script and "preventDefault" in script
    assert "form.wordt-ingevuld" in script and "form:focus-within" in script


@pytest.mark.parametrize("pad", ["/crisis/", "/crisis/beschikbaarheid/"])
def test_de_poll_groeit_niet_met_de_data(client, settings, pad):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.test_querytellingen import vul

    settings.TWEESTAPS_VERPLICHT = False
    users = {r: persona(r, username=f"q-{r}") for r in ("ccp", "toegang", "servicepunt")}
    client.force_login(users["ccp"])

    def tel():
        client.get(pad, headers={"HX-Request": "true"})
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(pad, headers={"HX-Request": "true"}).status_code == 200
        return len(ctx.captured_queries)

    vul(2, users)
    weinig = tel()
    vul(20, users)
    assert tel() == weinig


def _stand(html: str) -> str:
    return re.search(r'<section class="stand".*?</section>', html, re.S).group(0)


@time_machine.travel(NU, tick=False)
def test_de_aanmelding_toont_bovenaan_de_stand_en_alleen_de_volgende_stappen(client, api, ccp):
    r = api(ccp).post(AANMELDINGEN, referral(), format="json")
    pk = r.json()["id"]
    url = f"/crisis/aanmeldingen/{pk}/"
    client.force_login(ccp)
    # New: triage is the one next step; nothing else is offered (the life cycle, crisis.regels).
    r = client.get(url)
    assert r.context["hoofdacties"] == ["triage"] and r.context["andere_acties"] == []
    assert "Volgende stap</dt><dd>trieren" in _stand(r.content.decode())
    assert "maandag 23-11-2026 11:00" in _stand(r.content.decode())
    # Triaged ambulant help for a loket municipality: distribute first, the rest folded.
    assert api(ccp).post(f"{AANMELDINGEN}{pk}/triage/", {"ernst": "hoog"}, format="json").status_code == 200
    r = client.get(url)
    html = r.content.decode()
    assert r.context["hoofdacties"] == ["verdelen"]
    assert set(r.context["andere_acties"]) == {"triage", "inzet", "geen_inzet"}
    assert html.index("Ambulante crisishulp verdelen") < html.index('<details class="andere-acties">')
    assert html.index('<details class="andere-acties">') < html.index('value="geen_inzet"')
    # A refused folded action opens the fold, with the user's values in it.
    r = client.post(url, {"actie": "geen_inzet", "reden": "", "alternatief_toelichting": "Mijn tekst"})
    assert '<details class="andere-acties" open>' in r.content.decode() and "Mijn tekst" in r.content.decode()
    # Distributed: the stand names the provider; closed: no step at all.
    assert api(ccp).post(f"{AANMELDINGEN}{pk}/verdelen/", {}, format="json").status_code in (200, 201)
    assert "toegewezen aan" in _stand(client.get(url).content.decode())
    assert api(ccp).post(f"{AANMELDINGEN}{pk}/geen-inzet/", {"reden": "ingetrokken"}, format="json").status_code == 200
    r = client.get(url)
    assert r.context["hoofdacties"] == [] and r.context["andere_acties"] == []
    assert "geen: de aanmelding is afgesloten" in _stand(r.content.decode())


@time_machine.travel(NU, tick=False)
def test_een_verstreken_behandeltermijn_staat_rood_bovenaan(client, api, ccp):
    pk = _aanmelding(api, ccp)  # triaged at 11:00, the moment itself: on time
    from crisis.models import Aanmelding

    Aanmelding.objects.filter(pk=pk).update(status="nieuw", getrieerd_op=None)
    with time_machine.travel(NU + datetime.timedelta(hours=2), tick=False):
        client.force_login(ccp)
        stand = _stand(client.get(f"/crisis/aanmeldingen/{pk}/").content.decode())
    assert '<span class="label label--fout">Verlopen</span>' in stand


@time_machine.travel(NU, tick=False)
def test_beschikking_traject_en_casus_tonen_bovenaan_de_stand_en_de_volgende_stap(client):
    from experttafel import services as et
    from perspectiefregie import services as regie

    anouk = persona("toegang", gemeente_id="almere", username="anouk", ret_aanmelder=True)
    b = sp.beschikking_registreren(
        anouk, jeugdige=JeugdigeFactory(gemeente_id="almere"), afgegeven_op=datetime.date(2026, 11, 2)
    )
    client.force_login(anouk)
    stand = _stand(client.get(f"/servicepunt/beschikkingen/{b.pk}/").content.decode())
    # Issued 2 November, nothing started by the 16th: the two-week rule is broken, in red.
    assert '<span class="label label--fout">' in stand and "maandag 16-11-2026" in stand
    assert 'href="#start"' in stand

    j = JeugdigeFactory(gemeente_id="almere")
    t = regie.open_traject(jeugdige=j, gemeente=j.gemeente, bron="plaatsing", bron_id=5, startdatum=NU.date())
    html = client.get(f"/perspectiefregie/trajecten/{t.pk}/").content.decode()
    assert re.search(r'Volgende stap</dt><dd><a class="utrecht-link" href="#regisseur">een regisseur toewijzen', html)

    casus = et.indienen(anouk, vraag="Wat past?", toestemming=False, jeugdige=None, gemeente=anouk.gemeente)
    client.force_login(persona("ret_voorzitter", username="voorzitter"))
    stand = _stand(client.get(f"/experttafel/casussen/{casus.pk}/").content.decode())
    assert 'href="#volgende">op de agenda zetten' in stand
