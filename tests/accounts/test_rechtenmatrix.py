"""Every role × every URL. A new URL pattern without a row here fails the suite."""

import datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.models import Rol
from tests.factories import AanmeldingFactory, CasusFactory, JeugdigeFactory, persona

ROLLEN = [r.value for r in Rol]
ALLE = set(ROLLEN)
# A role whose start page sends it on: the CCP starts on the day overview (accounts.navigatie.STARTPAGINA).
DOORGESTUURD = {("start", "ccp")}
_ = None  # a URL only reachable in a way the matrix does not GET (POST-only, or outside the roles)

# url name -> (path with {aanmelding}/{inzet}, roles that get 200; others 403/404/302 as noted)
MATRIX = {
    "start": ("/", ALLE),
    "healthz": ("/healthz", ALLE),
    "favicon": ("/favicon.ico", _),  # a redirect to static/ for everyone (tests/test_opmaak.py)
    "zoeken": ("/zoeken/", {"ccp", "toegang", "aanbieder", "gi", "servicepunt", "ret_voorzitter", "ret_lid"}),
    "schema": ("/api/schema/", ALLE),
    "api-docs": ("/api/docs/", ALLE),
    "api-codelijsten": ("/api/v1/codelijsten/", ALLE),
    "accounts:inloggen": ("/account/inloggen/", _),
    "accounts:tweestaps": ("/account/tweestaps/", _),
    "accounts:uitloggen": ("/account/uitloggen/", _),
    "crisis:dagoverzicht": ("/crisis/", {"ccp"}),
    "crisis:aanmeldingen": ("/crisis/aanmeldingen/", {"ccp", "toegang", "aanbieder", "gi"}),
    "crisis:aanmelden": ("/crisis/aanmelden/", {"ccp", "toegang", "gi"}),
    "crisis:aanmelding": ("/crisis/aanmeldingen/{aanmelding}/", {"ccp", "toegang"}),
    "crisis:beschikbaarheid": ("/crisis/beschikbaarheid/", {"ccp", "toegang", "aanbieder", "gi", "servicepunt"}),
    "crisis:toewijzingen": ("/crisis/toewijzingen/", {"aanbieder"}),
    "crisis:cijfers": ("/crisis/cijfers/", {"ccp", "beleid"}),
    "crisis:importeren": ("/crisis/importeren/", {"beheer"}),
    "api-crisis-inzet-correctie": ("", _),  # POST only (tests/crisis/test_correcties.py)
    "api-crisis-aanmelding-correctie": ("", _),  # POST only (tests/crisis/test_correcties.py)
    "api-sp-beschikking-correctie": ("", _),  # POST only (tests/servicepunt/test_correcties.py)
    "api-sp-plaatsing-correctie": ("", _),  # POST only (tests/servicepunt/test_correcties.py)
    "crisis:import": ("", _),  # tests/crisis/test_import_op_de_achtergrond.py
    "crisis:import_status": ("", _),
    "api-regie-plan-correctie": ("", _),  # POST only (tests/perspectiefregie/test_plan_correctie.py)
    "api-et-opvolging-correctie": ("", _),  # POST only (tests/experttafel/test_opvolging_correctie.py)
    "experttafel:overzicht": ("/experttafel/", {"ret_voorzitter", "ret_lid", "toegang", "gi"}),
    "experttafel:inbrengen": ("/experttafel/inbrengen/", set()),  # designated officials only (tests/experttafel)
    "experttafel:casussen": ("/experttafel/casussen/", {"ret_voorzitter", "ret_lid", "toegang", "gi"}),
    "api-et-casussen-zoeken": ("", _),  # POST only (tests/experttafel/test_zoeken.py)
    "experttafel:casus": ("/experttafel/casussen/{casus}/", {"ret_voorzitter", "ret_lid", "toegang"}),
    "experttafel:leercirkel": ("/experttafel/leercirkel/", {"ret_voorzitter", "ret_lid", "toegang", "gi"}),
    "experttafel:sessie": ("", _),  # the agenda of a session: tests/experttafel/test_tafel.py
    "experttafel:agenda-pdf": ("", _),
    "experttafel:leren": ("/experttafel/leren/", {"ret_voorzitter", "ret_lid"}),
    "experttafel:leerevaluatie": ("", _),
    "api-et-planning": (
        "/api/v1/experttafel/sessies/planning/?van=2026-01-01&tot=2026-12-31",
        {"ret_voorzitter", "ret_lid", "toegang", "gi"},
    ),
    "api-et-sessies": ("/api/v1/experttafel/sessies/", {"ret_voorzitter", "ret_lid", "toegang", "gi"}),
    "api-et-casussen": ("/api/v1/experttafel/casussen/", {"ret_voorzitter", "ret_lid", "toegang", "gi"}),
    "api-et-casus": ("/api/v1/experttafel/casussen/{casus}/", {"ret_voorzitter", "ret_lid", "toegang"}),
    "api-rapportage-experttafel": ("/api/v1/rapportage/experttafel/2026-Q3/", {"beleid", "ret_voorzitter"}),
    "perspectiefregie:lijst": ("/perspectiefregie/", {"toegang", "gi", "servicepunt"}),
    "perspectiefregie:traject": ("", _),  # tests/perspectiefregie
    "servicepunt:overzicht": ("/servicepunt/", {"servicepunt", "toegang", "aanbieder"}),
    "servicepunt:landschap": ("", _),  # POST only
    "servicepunt:beschikkingen": ("/servicepunt/beschikkingen/", {"servicepunt", "toegang", "aanbieder"}),
    "servicepunt:beschikkingen_zoeken": ("/servicepunt/beschikkingen/zoeken/", {"servicepunt", "toegang", "aanbieder"}),
    "api-sp-beschikkingen-zoeken": ("", _),  # POST only (tests/servicepunt/test_zoeken.py)
    "servicepunt:beschikking": ("", _),  # tests/servicepunt
    "servicepunt:wachtlijst": ("/servicepunt/wachtlijst/", {"servicepunt", "toegang", "aanbieder"}),
    "servicepunt:matching": ("/servicepunt/matching/", {"servicepunt", "toegang"}),
    "api-sp-capaciteit": ("/api/v1/servicepunt/capaciteit/", {"servicepunt", "toegang", "aanbieder"}),
    "api-sp-beschikkingen": ("/api/v1/servicepunt/beschikkingen/", {"servicepunt", "toegang", "aanbieder"}),
    "api-sp-beschikking": ("", _),
    "api-sp-plaatsingen": ("", _),
    "api-sp-gemeente": ("", _),  # POST only: tests/kern/test_een_jeugdige_vele_gemeenten.py
    "api-sp-wachtlijst": ("/api/v1/servicepunt/wachtlijst/", {"servicepunt", "toegang", "aanbieder"}),
    "api-sp-matching": ("", _),
    "api-rapportage-perspectiefregie": ("/api/v1/rapportage/perspectiefregie/2026-Q3/", {"beleid", "toegang"}),
    "api-rapportage-servicepunt": ("/api/v1/rapportage/servicepunt/2026-Q3/", {"beleid", "servicepunt"}),
    "api-rapportage-aanbieder": ("/api/v1/rapportage/aanbieder/2026-Q3/", {"aanbieder"}),
    "api-et-sessie-annuleren": ("", _),
    "api-et-agenda": ("", _),
    "api-et-deelnemers": ("", _),
    "api-et-uitnodigen": ("", _),
    "api-et-besproken": ("", _),
    "api-et-advies": ("", _),
    "api-et-opvolging": ("", _),
    "api-et-escaleren": ("", _),
    "api-et-intrekken": ("", _),
    "api-et-sluiten": ("", _),
    "api-et-sessie-verplaatsen": ("", _),
    "api-et-escalatie-uitkomst": ("", _),
    "api-et-volgorde": ("", _),
    "rapportage:lijst": ("/rapportage/", {"beleid", "ccp"}),
    "rapportage:trajecten": ("/rapportage/jeugdzorgtrajecten/", {"beleid"}),
    "rapportage:aanbieder": ("/rapportage/aanbieder/", {"aanbieder"}),
    # A report's pages: their visibility per municipality is tested in tests/rapportage.
    "rapportage:rapport": ("", _),
    "rapportage:status": ("", _),
    "rapportage:download": ("", _),
    "rapportage:export": ("", _),
    "api-crisis-aanmeldingen": ("/api/v1/crisis/aanmeldingen/", {"ccp", "toegang", "aanbieder", "gi"}),
    "api-crisis-aanmeldingen-zoeken": ("", _),  # POST only (tests/crisis/test_zoeken.py)
    "api-crisis-aanmelding": ("/api/v1/crisis/aanmeldingen/{aanmelding}/", {"ccp", "toegang"}),
    "api-crisis-beschikbaarheid": (
        "/api/v1/crisis/beschikbaarheid/",
        {"ccp", "toegang", "aanbieder", "gi", "servicepunt"},
    ),
    "api-rapportage-ccp": ("/api/v1/rapportage/ccp/2026-Q3/", {"ccp", "beleid"}),
    # POST-only actions: their permissions are tested with the behaviour in tests/crisis.
    "api-crisis-triage": ("", _),
    "api-crisis-geen-inzet": ("", _),
    "api-crisis-verdelen": ("", _),
    "api-crisis-weigeren": ("", _),
    "api-crisis-accepteren": ("", _),
    "api-crisis-inzet": ("", _),
    "api-crisis-afsluiten": ("", _),
    "api-crisis-perspectiefplan": ("", _),
    "api-regie-trajecten": ("/api/v1/perspectiefregie/trajecten/", {"toegang", "gi", "servicepunt"}),
    # POST-only actions: tested with the behaviour in tests/perspectiefregie.
    "api-regie-regisseur": ("", _),
    "api-regie-sluiten": ("", _),
}

# Record pages where a role has the right to such records but not to this one (Almere's referral
# and case; the GI sees only GI cases, a provider only what it needs to know): 404.
NIET_ZICHTBAAR = {
    "crisis:aanmelding": {"aanbieder", "gi"},
    "api-crisis-aanmelding": {"aanbieder", "gi"},
    "experttafel:casus": {"gi"},
    "api-et-casus": {"gi"},
}


def _alle_namen(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{p.namespace}:" if p.namespace else ""
            if p.namespace == "admin":
                continue  # Django's admin: staff only, guarded by Django itself and 2FA
            yield from _alle_namen(p, prefix + ns)
        elif isinstance(p, URLPattern) and p.name:
            yield prefix + p.name


def test_elke_url_heeft_een_rij_in_de_matrix():
    ontbreekt = sorted(set(_alle_namen()) - set(MATRIX))
    assert not ontbreekt, f"URL's zonder rij in de rechtenmatrix: {ontbreekt}"


@pytest.fixture
def wereld(db):
    """A referral of Almere; the Almere access worker may see it, Lelystad's may not."""
    jeugdige = JeugdigeFactory(gemeente_id="almere", bsn="111222333", voornaam="Geheimnaam")
    nu = datetime.datetime(2026, 11, 23, 10, tzinfo=datetime.UTC)
    a = AanmeldingFactory(registratienummer="M-1", jeugdige=jeugdige, aangemeld_op=nu)
    users = {rol: persona(rol, username=f"m-{rol}") for rol in ROLLEN}
    users["toegang_ander"] = persona("toegang", gemeente_id="lelystad", username="m-toegang-lelystad")
    casus = CasusFactory(jeugdige=jeugdige, inbrenger=users["toegang"], ingediend_op=nu)
    return a, users, casus


@pytest.mark.parametrize("naam", [n for n, (pad, rollen) in MATRIX.items() if rollen is not None])
def test_matrix(client, api, wereld, settings, naam):
    settings.TWEESTAPS_VERPLICHT = False
    aanmelding, users, casus = wereld
    pad, toegestaan = MATRIX[naam]
    pad = pad.format(aanmelding=aanmelding.pk, casus=casus.pk)
    is_api = pad.startswith("/api/v1/")
    for rol in ROLLEN:
        user = users[rol]
        if is_api:
            status = api(user).get(pad).status_code
        else:
            client.force_login(user)
            status = client.get(pad).status_code
        # One right answer each: 200, 404 for a role that may see such records but not this one
        # (its existence is not revealed), 403 for a role without the right; a start page may send on.
        verwacht = 200 if rol in toegestaan else 404 if rol in NIET_ZICHTBAAR.get(naam, ()) else 403
        if (naam, rol) in DOORGESTUURD:
            verwacht = 302
        assert status == verwacht, f"{rol} op {pad}: {status}, verwacht {verwacht}"
    # Without login: 401 for the API, a redirect to the login for pages (open pages stay open).
    client.logout()
    anoniem = api().get(pad).status_code if is_api else client.get(pad).status_code
    if naam in ("healthz", "schema", "api-docs"):
        assert anoniem == 200
    else:
        assert anoniem == (401 if is_api else 302)


def test_toegang_van_een_andere_gemeente_krijgt_404(client, api, wereld, settings):
    settings.TWEESTAPS_VERPLICHT = False
    aanmelding, users, _ = wereld
    assert api(users["toegang_ander"]).get(f"/api/v1/crisis/aanmeldingen/{aanmelding.pk}/").status_code == 404
    client.force_login(users["toegang_ander"])
    assert client.get(f"/crisis/aanmeldingen/{aanmelding.pk}/").status_code == 404
    assert api(users["toegang_ander"]).get("/api/v1/crisis/aanmeldingen/").json()["count"] == 0


def test_beleid_ziet_nooit_een_naam_of_bsn(client, api, wereld, settings):
    settings.TWEESTAPS_VERPLICHT = False
    _, users, _ = wereld
    client.force_login(users["beleid"])
    for pad in ["/", "/crisis/cijfers/?kwartaal=2026-Q4", "/rapportage/"]:
        inhoud = client.get(pad).content.decode()
        assert "Geheimnaam" not in inhoud and "111222333" not in inhoud
    body = api(users["beleid"]).get("/api/v1/rapportage/ccp/2026-Q4/").content.decode()
    assert "Geheimnaam" not in body and "111222333" not in body
    assert api(users["beleid"]).get("/api/v1/crisis/aanmeldingen/").status_code == 403


# Functional administration in the admin: only `beheer` (with its role's model permissions,
# not as a superuser); other roles get 403 (flevojeugd/beheersite.py). tests/accounts/test_beheer.py
# proves beheer takes no action on a case.
BEHEER_URLS = [
    "/beheer/",
    "/beheer/kern/gemeente/",
    "/beheer/kern/sluitingsdag/",
    "/beheer/kern/hulpvorm/",
    "/beheer/accounts/gebruiker/",
    "/beheer/audit/auditregel/",
]


@pytest.mark.parametrize("pad", BEHEER_URLS)
def test_matrix_beheer(client, wereld, settings, pad):
    settings.TWEESTAPS_VERPLICHT = False
    _, users, _ = wereld
    assert not users["beheer"].is_superuser
    for rol in ROLLEN:
        client.force_login(users[rol])
        status = client.get(pad).status_code
        assert status == (200 if rol == "beheer" else 403), f"{rol} op {pad}: {status}"
