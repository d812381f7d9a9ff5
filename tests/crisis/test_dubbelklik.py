"""#11.3: a double click never creates a record twice (the same request by the same user within
the window answers 409 and creates nothing; a different request still succeeds)."""

import datetime

import pytest
import time_machine

from crisis.models import Aanmelding, Inzet

from .helpers import AANMELDINGEN, referral

pytestmark = pytest.mark.django_db
NU = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)


@time_machine.travel(NU, tick=False)
def test_een_dubbelklik_registreert_een_aanmelding_niet_tweemaal(api, ccp):
    assert api(ccp).post(AANMELDINGEN, referral(), format="json").status_code == 201
    tweede = api(ccp).post(AANMELDINGEN, referral(), format="json")
    assert tweede.status_code == 409
    assert "Sanne" not in str(tweede.json()) and "Testkind" not in str(tweede.json())
    assert Aanmelding.objects.count() == 1
    # A referral for another youth is another referral.
    assert api(ccp).post(AANMELDINGEN, referral(voornaam="Noor"), format="json").status_code == 201
    assert Aanmelding.objects.count() == 2


def test_na_het_venster_is_dezelfde_aanmelding_weer_mogelijk(api, ccp):
    with time_machine.travel(NU, tick=False):
        assert api(ccp).post(AANMELDINGEN, referral(), format="json").status_code == 201
    with time_machine.travel(NU + datetime.timedelta(minutes=11), tick=False):
        assert api(ccp).post(AANMELDINGEN, referral(), format="json").status_code == 201


@time_machine.travel(NU, tick=False)
def test_een_dubbelklik_registreert_een_inzet_niet_tweemaal(api, ccp):
    pk = api(ccp).post(AANMELDINGEN, referral(), format="json").json()["id"]
    url = f"{AANMELDINGEN}{pk}/inzet/"
    body = {"hulpvorm": "ambulant", "startdatum": "2026-11-23"}
    assert api(ccp).post(url, body, format="json").status_code == 201
    tweede = api(ccp).post(url, body, format="json")
    assert tweede.status_code == 409
    assert Inzet.objects.count() == 1
    # An ambulant deployment with another start is another deployment.
    assert api(ccp).post(url, {**body, "startdatum": "2026-11-24"}, format="json").status_code == 201
    assert Inzet.objects.count() == 2
