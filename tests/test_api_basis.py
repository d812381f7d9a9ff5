"""The audit trail is evidence: every endpoint derives from one base that checks, filters and logs."""

import datetime

import pytest
import time_machine
from django.urls import URLPattern, URLResolver, get_resolver

from audit.models import Actie, AuditRegel
from flevojeugd.api_basis import BasisAPIView, BasisLijstView
from kern.models import Voorzieningtype
from servicepunt import services as sp_services
from tests.factories import JeugdigeFactory, persona

NU = datetime.datetime(2026, 11, 23, 10, tzinfo=datetime.UTC)
HANDLERS = ("get", "post", "put", "patch", "delete")


def _api_views(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            yield from _api_views(p, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            pad = prefix + str(p.pattern)
            if pad.startswith("api/v1/"):
                yield pad, getattr(p.callback, "cls", None) or getattr(p.callback, "view_class", None)


def test_elk_api_endpoint_gebruikt_de_basisview():
    views = list(_api_views())
    assert len(views) > 20
    zonder = [pad for pad, cls in views if cls is None or not issubclass(cls, BasisAPIView)]
    assert not zonder, f"API-endpoints zonder BasisAPIView: {zonder}"
    zonder_recht = [
        f"{pad} {m.upper()}"
        for pad, cls in views
        for m in HANDLERS
        if hasattr(cls, m) and m.upper() not in cls.rechten and m.upper() not in cls.object_rechten
    ]
    assert not zonder_recht, f"Endpoints zonder recht per methode: {zonder_recht}"
    for pad, cls in views:
        if issubclass(cls, BasisLijstView):
            assert cls.model is not None, pad
            # A list of youths audits them; a list without youths says so explicitly.
            assert cls.audit_onderwerp or (not cls.zichtbaarheid and "audit_onderwerp" in cls.__dict__), pad


@pytest.mark.django_db
def test_de_wachtlijst_api_schrijft_een_auditregel_per_jeugdige(api):
    sp = persona("servicepunt", username="sevda")
    with time_machine.travel(NU, tick=False):
        jeugdige = JeugdigeFactory(gemeente_id="almere", geboortedatum=datetime.date(2016, 1, 1))
        b = sp_services.beschikking_registreren(
            sp,
            jeugdige=jeugdige,
            afgegeven_op=datetime.date(2026, 11, 2),
            zorgtype=Voorzieningtype.objects.get(code="gezinshuis"),
        )
        voor = AuditRegel.objects.count()
        r = api(sp).get("/api/v1/servicepunt/wachtlijst/")
    assert r.status_code == 200 and r.json()["count"] == 1
    regels = list(AuditRegel.objects.order_by("id")[voor:])
    assert [(x.actie, x.jeugdige_id, x.onderwerp_id, x.kanaal) for x in regels] == [
        (Actie.INZIEN, jeugdige.pk, str(b.pk), "api")
    ]


@pytest.mark.django_db
def test_een_geweigerde_inzage_van_een_jeugdige_wordt_gelogd(api):
    almere = persona("toegang", gemeente_id="almere", username="anouk")
    lelystad = persona("toegang", gemeente_id="lelystad", username="lars")
    with time_machine.travel(NU, tick=False):
        jeugdige = JeugdigeFactory(gemeente_id="almere", geboortedatum=datetime.date(2016, 1, 1))
        b = sp_services.beschikking_registreren(almere, jeugdige=jeugdige, afgegeven_op=datetime.date(2026, 11, 2))
        r = api(lelystad).get(f"/api/v1/servicepunt/beschikkingen/{b.pk}/", REMOTE_ADDR="10.1.2.3")
        onbekend = api(lelystad).get("/api/v1/servicepunt/beschikkingen/999999/")
    assert r.status_code == 404 and onbekend.status_code == 404
    regels = list(AuditRegel.objects.filter(gebruiker=lelystad, actie=Actie.GEWEIGERD).order_by("id"))
    assert [(x.onderwerp, x.onderwerp_id, x.jeugdige_id) for x in regels] == [
        ("servicepunt.beschikking", str(b.pk), jeugdige.pk),
        ("servicepunt.beschikking", "999999", None),
    ]
    assert regels[0].namens == "Lelystad" and regels[0].ip_adres == "10.1.2.3" and regels[0].kanaal == "api"


@pytest.mark.django_db
def test_een_deelnemer_toevoegen_logt_wie_namens_wie_en_vanaf_welk_adres(api):
    aanmelder = persona("toegang", gemeente_id="dronten", username="dewi", ret_aanmelder=True)
    voorzitter = persona("ret_voorzitter", username="renee")
    with time_machine.travel(NU, tick=False):
        pk = (
            api(aanmelder)
            .post(
                "/api/v1/experttafel/casussen/",
                {
                    "vraag": "Welke plek past?",
                    "geprobeerd": "Ambulante hulp.",
                    "toestemming": True,
                    "jeugdige": {
                        "voornaam": "Tim",
                        "achternaam": "Fictief",
                        "geboortedatum": "2011-04-04",
                        "gemeente": "dronten",
                    },
                    "domeinen": ["onderwijs"],
                    "urgentie": "hoog",
                },
                format="json",
            )
            .json()["id"]
        )
        r = api(voorzitter).post(
            f"/api/v1/experttafel/casussen/{pk}/deelnemers/",
            {"soort": "ouder", "naam": "Ouder Fictief", "email": "ouder@example.org"},
            format="json",
            REMOTE_ADDR="10.9.8.7",
        )
    assert r.status_code == 201
    regel = AuditRegel.objects.get(onderwerp="experttafel.deelnemer")
    assert (regel.gebruikersnaam, regel.kanaal, regel.ip_adres) == ("renee", "api", "10.9.8.7")


def test_elke_pagina_en_elk_endpoint_geeft_de_verzoekcontext_aan_de_logging():
    """Who, on whose behalf and from which address: every page or endpoint that calls an audited
    service (one with a `request` parameter) passes its request, so no audit row lacks it."""
    import ast
    import pathlib

    root = pathlib.Path(__file__).resolve().parent.parent
    gelogd = set()
    for p in [*root.glob("*/services.py"), *root.glob("*/correcties.py")]:
        for n in ast.parse(p.read_text()).body:
            if isinstance(n, ast.FunctionDef) and "request" in [a.arg for a in n.args.args + n.args.kwonlyargs]:
                gelogd.add(n.name)
    zonder = []
    for p in [*root.glob("*/views.py"), *root.glob("*/api/views.py")]:
        for n in ast.walk(ast.parse(p.read_text())):
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in gelogd:
                if "request" not in [k.arg for k in n.keywords] and len(n.args) < 3:
                    zonder.append(f"{p.relative_to(root)}:{n.lineno} {n.func.attr}")
    assert not zonder, f"Aanroepen zonder request: {zonder}"


@pytest.mark.django_db
def test_een_geweigerde_pagina_van_een_jeugdige_wordt_ook_gelogd(client, settings):
    settings.TWEESTAPS_VERPLICHT = False
    almere = persona("toegang", gemeente_id="almere", username="anouk")
    lelystad = persona("toegang", gemeente_id="lelystad", username="lars")
    with time_machine.travel(NU, tick=False):
        jeugdige = JeugdigeFactory(gemeente_id="almere", geboortedatum=datetime.date(2016, 1, 1))
        b = sp_services.beschikking_registreren(almere, jeugdige=jeugdige, afgegeven_op=datetime.date(2026, 11, 2))
        client.force_login(lelystad)
        assert client.get(f"/servicepunt/beschikkingen/{b.pk}/").status_code == 404
    regel = AuditRegel.objects.get(gebruiker=lelystad, actie=Actie.GEWEIGERD)
    assert (regel.onderwerp, regel.onderwerp_id, regel.jeugdige_id, regel.kanaal) == (
        "servicepunt.beschikking",
        str(b.pk),
        jeugdige.pk,
        "pagina",
    )


@pytest.mark.django_db
def test_een_auditregel_zonder_verzoek_komt_van_een_opdracht():
    """A command or a background task has no request: its rows say "opdracht", not "pagina"."""
    from audit.services import log, log_geweigerd, log_lijst

    ccp = persona("ccp", username="carla")
    jeugdige = JeugdigeFactory(gemeente_id="almere")
    log(ccp, Actie.INZIEN, "kern.jeugdige", jeugdige, jeugdige)
    log_lijst(ccp, "kern.jeugdige", [jeugdige], "pk")
    log_geweigerd(ccp, "kern.jeugdige", type(jeugdige), 999999)
    assert list(AuditRegel.objects.values_list("kanaal", flat=True)) == ["opdracht"] * 3
