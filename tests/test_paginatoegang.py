"""Pages that show a youth's data wear one decorator (flevojeugd.toegang.jeugdpagina), the
counterpart of the API's BasisAPIView: role right (403), zichtbaar_voor (404, logged) and audit."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver

from audit.models import Actie, AuditRegel
from crisis.models import Aanmelding
from experttafel.models import Casus
from flevojeugd.toegang import jeugdpagina
from kern.models import Gemeente
from perspectiefregie import services as regie
from servicepunt import services as sp
from tests.factories import persona

NU = datetime.datetime(2026, 11, 23, 10, tzinfo=datetime.UTC)

# Pages that show no youth's data, each with the reason. A new page is either decorated or
# named here; test_pagina_zonder_decorator_toont_geen_jeugdige checks the reasons hold.
GEEN_JEUGDGEGEVENS = {
    "start": "startblokken per rol, geen gegevens",
    "healthz": "de database antwoordt",
    "favicon": "verwijst naar het pictogram onder static/",
    "accounts:inloggen": "inloggen",
    "accounts:tweestaps": "tweestapsverificatie",
    "accounts:uitloggen": "uitloggen",
    "crisis:aanmelden": "een leeg formulier; na opslaan de pagina van de aanmelding",
    "crisis:beschikbaarheid": "bezetting per voorziening (aantallen)",
    "crisis:cijfers": "kwartaalcijfers (aantallen)",
    "crisis:importeren": "beheer: bestanden en foutregels met cliëntnummers van de oude registratie",
    "crisis:import": "beheer: resultaat van een import",
    "crisis:import_status": "beheer: voortgang van een import",
    "experttafel:inbrengen": "een leeg formulier; na opslaan de pagina van de casus",
    "experttafel:leercirkel": "thema's en geanonimiseerde lessen",
    "experttafel:leren": "leerevaluaties per gemeente, zonder namen",
    "experttafel:leerevaluatie": "een leerevaluatie, zonder namen",
    "servicepunt:overzicht": "capaciteit en landschapsmeldingen",
    "servicepunt:landschap": "POST van een landschapsmelding",
    "servicepunt:matching": "een zorgvraag tegen voorzieningen, geen jeugdige",
    "rapportage:lijst": "rapporten (aantallen)",
    "rapportage:trajecten": "noemer van de KPI (aantallen)",
    "rapportage:aanbieder": "kwartaalcijfers van een aanbieder (aantallen)",
    "rapportage:rapport": "een rapport (aantallen)",
    "rapportage:status": "voortgang van een rapport",
    "rapportage:download": "de PDF (aantallen)",
    "rapportage:export": "CSV/JSON (aantallen)",
}


def _paginas(resolver=None, prefix="", ns=""):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            if p.namespace == "admin" or str(p.pattern).startswith("api/"):
                continue  # Django's admin (beheer, no youth); the API: tests/test_api_basis.py
            yield from _paginas(p, prefix + str(p.pattern), ns + (f"{p.namespace}:" if p.namespace else ""))
        elif isinstance(p, URLPattern) and p.name and not str(p.pattern).startswith("api/"):
            yield ns + p.name, prefix + str(p.pattern), p.callback


def test_elke_pagina_met_gegevens_van_een_jeugdige_draagt_de_decorator():
    paginas = list(_paginas())
    gedecoreerd = {naam: cb.paginatoegang for naam, _, cb in paginas if hasattr(cb, "paginatoegang")}
    assert {"crisis:aanmelding", "servicepunt:beschikking", "perspectiefregie:traject", "experttafel:casus"} <= set(
        gedecoreerd
    )
    zonder = [naam for naam, _, cb in paginas if naam not in gedecoreerd and naam not in GEEN_JEUGDGEGEVENS]
    assert not zonder, f"Pagina's zonder jeugdpagina en zonder reden in GEEN_JEUGDGEGEVENS: {zonder}"
    dubbel = sorted(set(gedecoreerd) & set(GEEN_JEUGDGEGEVENS))
    assert not dubbel, f"Gedecoreerd én vrijgesteld: {dubbel}"
    assert not set(GEEN_JEUGDGEGEVENS) - {naam for naam, _, _ in paginas}, "Vrijstelling voor een onbekende pagina"
    for naam, pad, _ in paginas:
        if naam in gedecoreerd and gedecoreerd[naam].record is not None:
            # The record's page looks its record up itself: the pk comes from the URL.
            assert "<int:pk>" in pad, naam


@pytest.mark.django_db
def test_een_lijstpagina_die_haar_auditregels_vergeet_faalt_luid():
    @jeugdpagina("crisis.aanmeldingen_zien", onderwerp="crisis.aanmelding")
    def vergeten(request):
        return HttpResponse("namen")

    request = RequestFactory().get("/crisis/iets/")
    request.user = persona("ccp", username="carla")
    with pytest.raises(ImproperlyConfigured):
        vergeten(request)


@pytest.fixture
def records(db):
    """One record of each page kind, all of Almere."""
    anouk = persona("toegang", gemeente_id="almere", username="anouk", ret_aanmelder=True)
    with time_machine.travel(NU, tick=False):
        from crisis import services as crisis

        a = crisis.aanmelden(
            anouk,
            jeugdige={
                "voornaam": "Geheimnaam",
                "achternaam": "Fictief",
                "geboortedatum": datetime.date(2012, 3, 3),
                "bsn": "",
                "gemeente": Gemeente.objects.get(code="almere"),
            },
            hulpvraag="verblijf",
        )
        b = sp.beschikking_registreren(anouk, jeugdige=a.jeugdige, afgegeven_op=datetime.date(2026, 11, 20))
        t = regie.open_traject(
            jeugdige=a.jeugdige,
            gemeente=a.jeugdige.gemeente,
            bron="plaatsing",
            bron_id=5,
            startdatum=datetime.date(2026, 11, 20),
        )
        c = Casus.objects.create(
            jeugdige=a.jeugdige, gemeente_id="almere", inbrenger=anouk, vraag="?", toestemming=True, ingediend_op=NU
        )
    return anouk, {
        "crisis.aanmelding": f"/crisis/aanmeldingen/{a.pk}/",
        "servicepunt.beschikking": f"/servicepunt/beschikkingen/{b.pk}/",
        "perspectiefregie.traject": f"/perspectiefregie/trajecten/{t.pk}/",
        "experttafel.casus": f"/experttafel/casussen/{c.pk}/",
    }, a.jeugdige


@pytest.mark.parametrize(
    "onderwerp", ["crisis.aanmelding", "servicepunt.beschikking", "perspectiefregie.traject", "experttafel.casus"]
)
def test_de_pagina_van_een_record_logt_inzien_weigert_met_404_en_logt_dat(client, settings, records, onderwerp):
    settings.TWEESTAPS_VERPLICHT = False
    anouk, paden, jeugdige = records
    lars = persona("toegang", gemeente_id="lelystad", username="lars")
    with time_machine.travel(NU, tick=False):
        client.force_login(anouk)
        assert client.get(paden[onderwerp]).status_code == 200
        client.force_login(lars)
        assert client.get(paden[onderwerp]).status_code == 404
        client.force_login(persona("beleid", username="bram"))
        assert client.get(paden[onderwerp]).status_code == 403  # the role has no right to it at all
    gezien = AuditRegel.objects.get(gebruiker=anouk, actie=Actie.INZIEN, onderwerp=onderwerp)
    geweigerd = AuditRegel.objects.get(gebruiker=lars, actie=Actie.GEWEIGERD)
    assert (gezien.jeugdige_id, gezien.kanaal) == (jeugdige.pk, "pagina")
    assert (geweigerd.onderwerp, geweigerd.jeugdige_id) == (onderwerp, jeugdige.pk)


def test_pagina_zonder_decorator_toont_geen_jeugdige(client, settings, records):
    """The exemptions hold: no page without the decorator shows the youth's name to any role."""
    settings.TWEESTAPS_VERPLICHT = False
    _, _, jeugdige = records
    rollen = ["ccp", "toegang", "gi", "aanbieder", "ret_voorzitter", "ret_lid", "servicepunt", "beleid", "beheer"]
    paden = ["/", "/crisis/aanmelden/", "/crisis/beschikbaarheid/", "/crisis/importeren/"]
    paden += ["/experttafel/inbrengen/", "/experttafel/leercirkel/", "/experttafel/leren/"]
    paden += ["/servicepunt/", "/servicepunt/matching/", "/rapportage/", "/rapportage/jeugdzorgtrajecten/"]
    with time_machine.travel(NU, tick=False):
        for rol in rollen:
            client.force_login(persona(rol, username=f"p-{rol}"))
            for pad in paden:
                r = client.get(pad)
                assert jeugdige.voornaam not in r.content.decode(), (rol, pad)
    assert Aanmelding.objects.count() == 1
