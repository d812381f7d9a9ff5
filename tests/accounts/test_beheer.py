"""Least privilege for functional administration (contract: Users and roles).

`beheer` manages reference data, closing days, users, the historical import and the audit log
with explicit model permissions; it is no Django superuser, takes no action on a case (403) and
sees no youth's data. A technical superuser exists only when made by hand (createsuperuser)."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command

from accounts.models import Gebruiker
from crisis.models import Aanmelding
from experttafel import services as et_services
from tests.factories import JeugdigeFactory, persona, token_voor

NU = datetime.datetime(2026, 11, 23, 10, tzinfo=datetime.UTC)
pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder():
    """Made the way production makes one: with the management command."""
    call_command("create_user", "fb", "--role", "beheer", "--password", "Flevo-test-2026!", stdout=io.StringIO())
    return Gebruiker.objects.get(username="fb")


@pytest.fixture
def casus_en_aanmelding():
    aanmelder = persona("toegang", gemeente_id="dronten", username="dewi", ret_aanmelder=True)
    jeugdige = JeugdigeFactory(gemeente_id="almere", voornaam="Geheimnaam")
    aanmelding = Aanmelding.objects.create(
        registratienummer="B-1",
        jeugdige=jeugdige,
        gemeente_id="almere",
        hulpvraag="ambulant",
        bron="toegang",
        aangemeld_op=NU,
        aanmelddatum=NU.date(),
        leeftijdsgroep="12+",
        loket_open=True,
        behandelen_voor=NU,
    )
    from experttafel.models import Casus

    casus = Casus.objects.create(
        jeugdige=jeugdige, gemeente_id="almere", inbrenger=aanmelder, vraag="?", toestemming=True, ingediend_op=NU
    )
    return casus, aanmelding


def test_beheer_is_geen_superuser_maar_wel_beheerder(beheerder):
    assert beheerder.is_staff and not beheerder.is_superuser
    # Even when someone sets the flag, the role is not a superuser (one place: the model).
    beheerder.is_superuser = True
    beheerder.save()
    beheerder.refresh_from_db()
    assert not beheerder.is_superuser


def test_beheer_heeft_alleen_de_rechten_van_functioneel_beheer(beheerder):
    for perm in (
        "kern.change_gemeente",
        "kern.change_voorziening",
        "kern.add_sluitingsdag",
        "kern.change_hulpvorm",
        "kern.change_alternatief",
        "kern.change_regioinstelling",
        "experttafel.change_thema",
        "axes.delete_accessattempt",  # unlocking a locked-out user
        "accounts.add_gebruiker",
        "accounts.change_gebruiker",
        "audit.view_auditregel",
        "audit.inzien",
        "crisis.importeren",
    ):
        assert beheerder.has_perm(perm), perm
    for perm in (
        "kern.view_jeugdige",
        "kern.change_jeugdige",
        "audit.change_auditregel",
        "audit.delete_auditregel",
        "crisis.view_aanmelding",
        "crisis.trieren",
        "crisis.aanmelden",
        "crisis.dagoverzicht_zien",
        "experttafel.inbrengen",
        "experttafel.plannen",
        "servicepunt.beschikking_registreren",
        "servicepunt.plaatsen",
        "rapportage.ccp_cijfers",
        "auth.change_group",
        "auth.change_permission",
        "accounts.delete_gebruiker",
        "kern.add_regioinstelling",
        "kern.delete_regioinstelling",
        "otp_totp.view_totpdevice",
        "otp_totp.change_totpdevice",
        "otp_totp.delete_totpdevice",
    ):
        assert not beheerder.has_perm(perm), perm


def test_beheer_neemt_geen_actie_op_een_casus_en_ziet_geen_jeugdige(
    api, client, settings, beheerder, casus_en_aanmelding
):
    settings.TWEESTAPS_VERPLICHT = False
    casus, aanmelding = casus_en_aanmelding
    token_voor(beheerder)
    with time_machine.travel(NU, tick=False):
        sessie = et_services.extra_sessie(datum=datetime.date(2026, 12, 3))
        b = api(beheerder)
        jeugdige = {"voornaam": "Tim", "achternaam": "Fictief", "geboortedatum": "2011-04-04", "gemeente": "almere"}
        acties = {
            "casus inbrengen": b.post(
                "/api/v1/experttafel/casussen/",
                {"vraag": "?", "toestemming": True, "jeugdige": jeugdige, "domeinen": ["onderwijs"]},
                format="json",
            ),
            "agenderen": b.post(f"/api/v1/experttafel/sessies/{sessie.pk}/agenda/", {"casus": casus.pk}, format="json"),
            "aanmelden": b.post(
                "/api/v1/crisis/aanmeldingen/", {"jeugdige": jeugdige, "hulpvraag": "ambulant"}, format="json"
            ),
            "trieren": b.post(f"/api/v1/crisis/aanmeldingen/{aanmelding.pk}/triage/", {}, format="json"),
            "beschikking": b.post(
                "/api/v1/servicepunt/beschikkingen/",
                {"jeugdige": jeugdige, "afgegeven_op": "2026-11-20"},
                format="json",
            ),
        }
        for naam, r in acties.items():
            assert r.status_code == 403, (naam, r.status_code)
        for pad in (f"/api/v1/crisis/aanmeldingen/{aanmelding.pk}/", f"/api/v1/experttafel/casussen/{casus.pk}/"):
            assert b.get(pad).status_code == 403, pad  # the role has no right to a youth's data
        client.force_login(beheerder)
        for pad in ("/crisis/", f"/crisis/aanmeldingen/{aanmelding.pk}/", f"/experttafel/casussen/{casus.pk}/"):
            r = client.get(pad)
            assert r.status_code == 403 and "Geheimnaam" not in r.content.decode(), pad


def test_beheer_beheert_referentiedata_sluitingsdagen_gebruikers_en_logging(client, settings, beheerder):
    settings.TWEESTAPS_VERPLICHT = False
    client.force_login(beheerder)
    for pad in (
        "/beheer/",
        "/beheer/kern/gemeente/",
        "/beheer/kern/voorziening/",
        "/beheer/kern/sluitingsdag/add/",
        "/beheer/accounts/gebruiker/",
        "/beheer/accounts/gebruiker/add/",
        "/beheer/audit/auditregel/",
    ):
        assert client.get(pad).status_code == 200, pad
    # No way to make anyone (oneself included) a superuser or give loose permissions.
    inhoud = client.get(f"/beheer/accounts/gebruiker/{beheerder.pk}/change/").content.decode()
    assert "is_superuser" not in inhoud and "user_permissions" not in inhoud
    # Groups and reports are in the admin, but not among beheer's rights: 403.
    assert client.get("/beheer/auth/group/").status_code == 403
    assert client.get("/beheer/rapportage/rapport/").status_code == 403
