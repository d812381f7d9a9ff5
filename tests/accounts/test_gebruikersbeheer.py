"""Functional administration runs the region's users in /beheer/ (issue #15.3).

beheer creates and deactivates users, sets role, municipality, provider and designated
official, resets two-factor and sees the last login; every change is in the audit trail. It
grants nothing beyond a role: no superuser or staff flag, no groups or permissions, no second
`beheer` (a new functional administrator is made with `manage.py create_user`). Other roles
get 403 on /beheer/."""

import re

import pytest
from django.contrib.admin.models import LogEntry
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Gebruiker, Rol
from audit.models import AuditRegel
from tests.factories import persona, totp_apparaat

pytestmark = pytest.mark.django_db
WACHTWOORD = "Flevo-tijdelijk-2026!"


@pytest.fixture
def beheerder(client, settings, beheer):
    settings.TWEESTAPS_VERPLICHT = False
    client.force_login(beheer)
    return beheer


def nieuw(client, **velden):
    data = {
        "username": "nieuwe-collega",
        "first_name": "Nieuwe",
        "last_name": "Collega",
        "email": "",
        "rol": Rol.TOEGANG,
        "gemeente": "almere",
        "aanbieder": "",
        "wachtwoord1": WACHTWOORD,
        "wachtwoord2": WACHTWOORD,
        **velden,
    }
    return client.post("/beheer/accounts/gebruiker/add/", data)


def fouten(r) -> str:
    return " ".join(re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', r.content.decode(), re.S))


def test_beheer_maakt_een_gebruiker_aan_met_rol_gemeente_en_aanwijzing(client, beheerder):
    r = nieuw(client, ret_aanmelder="on")
    assert r.status_code == 302, fouten(r)
    g = Gebruiker.objects.get(username="nieuwe-collega")
    assert (g.rol, g.gemeente_id, g.ret_aanmelder, g.is_active) == (Rol.TOEGANG, "almere", True, True)
    assert not g.is_staff and not g.is_superuser
    assert g.check_password(WACHTWOORD)
    regel = AuditRegel.objects.get(onderwerp="accounts.gebruiker", onderwerp_id=str(g.pk))
    assert (regel.actie, regel.kanaal, regel.gebruikersnaam) == ("aanmaken", "beheer", beheerder.username)


@pytest.mark.parametrize(
    "velden,veld,melding",
    [
        ({"rol": Rol.TOEGANG, "gemeente": ""}, "gemeente", "hoort bij een gemeente"),
        ({"rol": Rol.AANBIEDER, "gemeente": ""}, "aanbieder", "hoort bij een aanbieder"),
        ({"rol": Rol.CCP, "gemeente": "almere"}, "gemeente", "Alleen toegang en beleid horen bij een gemeente"),
        ({"rol": Rol.CCP, "gemeente": "", "ret_aanmelder": "on"}, "ret_aanmelder", "aangewezen functionaris"),
        ({"wachtwoord1": "", "wachtwoord2": ""}, "wachtwoord1", "tijdelijk wachtwoord"),
        ({"wachtwoord2": "iets-anders-2026"}, "wachtwoord2", "niet gelijk"),
    ],
)
def test_een_onvolledige_gebruiker_krijgt_een_nederlandse_fout_bij_het_veld(client, beheerder, velden, veld, melding):
    r = nieuw(client, **velden)
    assert r.status_code == 200
    assert melding in fouten(r)
    assert f'id="id_{veld}_error"' in r.content.decode() or f"field-{veld}" in r.content.decode()
    assert not Gebruiker.objects.filter(username="nieuwe-collega").exists()


def test_beheer_ziet_laatste_login_en_tweestapsstatus(client, beheerder):
    g = persona(Rol.CCP, username="ccp-met-app")
    totp_apparaat(g)
    inhoud = client.get("/beheer/accounts/gebruiker/").content.decode()
    assert "Laatste aanmelding" in inhoud or "laatste login" in inhoud.lower()
    assert "tweestapsverificatie ingesteld" in inhoud.lower()
    inhoud = client.get(f"/beheer/accounts/gebruiker/{g.pk}/change/").content.decode()
    assert "field-last_login" in inhoud and "field-tweestaps" in inhoud


def test_beheer_deactiveert_een_gebruiker_en_dat_staat_in_de_logging(client, beheerder):
    g = persona(Rol.CCP, username="vertrekt")
    r = client.post("/beheer/accounts/gebruiker/", {"action": "deactiveren", "_selected_action": [g.pk], "index": 0})
    assert r.status_code == 302
    g.refresh_from_db()
    assert not g.is_active
    assert AuditRegel.objects.filter(
        onderwerp="accounts.gebruiker", onderwerp_id=str(g.pk), actie="wijzigen", kanaal="beheer"
    ).exists()
    # Deactivated users are out at once: the session no longer authenticates.
    client.force_login(g)
    assert client.get("/crisis/").status_code == 302


def test_beheer_laat_tweestaps_opnieuw_instellen_gelogd_en_zonder_sleutel(client, beheerder):
    g = persona(Rol.CCP, username="telefoon-kwijt")
    totp_apparaat(g)
    r = client.post(
        "/beheer/accounts/gebruiker/",
        {"action": "tweestaps_herstellen", "_selected_action": [g.pk], "index": 0},
        follow=True,
    )
    assert "Tweestapsverificatie gewist" in r.content.decode()
    assert not TOTPDevice.objects.filter(user=g).exists()
    regel = AuditRegel.objects.get(onderwerp="accounts.tweestaps")
    assert (regel.onderwerp_id, regel.actie, regel.kanaal) == (str(g.pk), "wijzigen", "beheer")
    assert LogEntry.objects.filter(object_id=str(g.pk), change_message__contains="Tweestaps").exists()
    # The raw device admin (which shows secret keys) is not offered at all.
    assert client.get("/beheer/otp_totp/totpdevice/").status_code == 404


def test_beheer_kan_geen_rechten_uitdelen(client, beheerder):
    r = nieuw(client, is_superuser="on", is_staff="on", groups=["1"], user_permissions=["1"])
    assert r.status_code == 302, fouten(r)
    g = Gebruiker.objects.get(username="nieuwe-collega")
    assert not g.is_superuser and not g.is_staff
    assert not g.groups.exists() and not g.user_permissions.exists()
    # No second functional administrator from here: the role is not on offer.
    r = nieuw(client, username="tweede-beheer", rol=Rol.BEHEER, gemeente="")
    assert r.status_code == 200 and not Gebruiker.objects.filter(username="tweede-beheer").exists()
    assert 'value="beheer"' not in client.get("/beheer/accounts/gebruiker/add/").content.decode()
    # Nor promote someone: changing a user to beheer is refused the same way.
    r = client.post(
        f"/beheer/accounts/gebruiker/{g.pk}/change/",
        {"username": g.username, "rol": Rol.BEHEER, "gemeente": "", "aanbieder": "", "is_active": "on"},
    )
    g.refresh_from_db()
    assert r.status_code == 200 and g.rol == Rol.TOEGANG and not g.is_staff


def test_beheer_wijzigt_geen_beheerders_of_technische_accounts(client, beheerder):
    collega = persona(Rol.BEHEER, username="andere-beheerder", is_staff=True)
    technisch = Gebruiker.objects.create_superuser("root", password="x" * 12)
    for g in (collega, technisch, beheerder):
        assert client.get(f"/beheer/accounts/gebruiker/{g.pk}/change/").status_code == 200  # read only
        r = client.post(
            f"/beheer/accounts/gebruiker/{g.pk}/change/",
            {"username": "overgenomen", "rol": Rol.CCP, "gemeente": "", "aanbieder": "", "is_active": ""},
        )
        assert r.status_code == 403, g.username
        g.refresh_from_db()
        assert g.username != "overgenomen" and g.is_active
    client.post(
        "/beheer/accounts/gebruiker/",
        {"action": "deactiveren", "_selected_action": [collega.pk, technisch.pk], "index": 0},
    )
    assert Gebruiker.objects.filter(pk__in=[collega.pk, technisch.pk], is_active=True).count() == 2


@pytest.mark.parametrize("rol", [r for r in Rol.values if r != Rol.BEHEER])
def test_andere_rollen_krijgen_403_op_beheer(client, settings, rol):
    settings.TWEESTAPS_VERPLICHT = False
    client.force_login(persona(rol))
    for pad in ("/beheer/", "/beheer/accounts/gebruiker/", "/beheer/kern/regioinstelling/"):
        assert client.get(pad).status_code == 403, pad


def test_zonder_login_naar_de_inlogpagina_van_de_app(client):
    r = client.get("/beheer/accounts/gebruiker/")
    assert r.status_code == 302 and r["Location"].startswith("/account/inloggen/")


def test_beheer_ontgrendelt_een_geblokkeerde_gebruiker(client, beheerder):
    from axes.models import AccessAttempt

    poging = AccessAttempt.objects.create(
        username="geblokkeerd", ip_address="10.0.0.1", user_agent="x", failures_since_start=5, get_data="", post_data=""
    )
    r = client.post(
        "/beheer/axes/accessattempt/", {"action": "delete_selected", "_selected_action": [poging.pk], "post": "yes"}
    )
    assert r.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert AuditRegel.objects.filter(onderwerp="axes.accessattempt", actie="verwijderen", kanaal="beheer").exists()
