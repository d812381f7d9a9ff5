"""The one date rule (kern/datums.py) and the shared fields that apply it everywhere (issue #11.3)."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from crisis.forms import AanmeldForm
from kern import datums
from kern.velden import DatumFormVeld, DatumVeld

from ..crisis.helpers import AANMELDINGEN, referral

VANDAAG = datetime.date(2026, 11, 23)


def test_iso_en_nederlands_worden_gelezen():
    assert datums.lees_datum("2021-01-01", "startdatum") == datetime.date(2021, 1, 1)
    assert datums.lees_datum("01-02-2021", "startdatum", nederlands=True) == datetime.date(2021, 2, 1)
    assert datums.lees_datum("1-2-2021", "startdatum", nederlands=True) == datetime.date(2021, 2, 1)


@pytest.mark.parametrize(
    "tekst",
    [
        "١٢٣٤-٠١-٠١",  # Arabic-Indic digits
        "２０２１-０１-０１",  # full-width digits
        "2021-٠١-01",
        "20210101",
        "2021-1-1",
        "01-02-2021",  # Dutch order only where page forms use it
        "2021-02-30",
        "2021-01-01T00:00",
        "",
    ],
)
def test_geen_datum_is_een_veldfout_die_het_veld_noemt(tekst):
    with pytest.raises(ValidationError) as exc:
        datums.lees_datum(tekst, "startdatum", vandaag=VANDAAG)
    assert "startdatum" in exc.value.messages[0]


@pytest.mark.parametrize(
    "tekst", ["0001-01-01", "9999-12-31", "1979-12-31", f"{VANDAAG.year + datums.JAREN_VOORUIT + 1}-01-01"]
)
def test_een_jaar_buiten_het_venster_wordt_geweigerd(tekst):
    with pytest.raises(ValidationError, match="buiten de mogelijke jaren"):
        datums.lees_datum(tekst, "einddatum", vandaag=VANDAAG)


def test_de_randen_van_het_venster_mogen():
    assert datums.lees_datum(f"{datums.EERSTE_JAAR}-01-01", vandaag=VANDAAG).year == datums.EERSTE_JAAR
    laatste = VANDAAG.year + datums.JAREN_VOORUIT
    assert datums.lees_datum(f"{laatste}-12-31", vandaag=VANDAAG).year == laatste


def test_niet_in_toekomst_morgen_wel_vandaag_niet():
    datums.niet_in_toekomst(VANDAAG, "einddatum", VANDAAG)
    with pytest.raises(ValidationError, match="De einddatum ligt in de toekomst"):
        datums.niet_in_toekomst(VANDAAG + datetime.timedelta(days=1), "einddatum", VANDAAG)


def test_niet_voor_de_geboorte():
    geboren = datetime.date(2016, 5, 1)
    datums.niet_voor(geboren, geboren, "startdatum", "geboortedatum")
    datums.niet_voor(datetime.date(2020, 1, 1), None, "startdatum", "aanmelddatum")
    with pytest.raises(ValidationError, match="startdatum .* vóór de geboortedatum"):
        datums.niet_voor(geboren - datetime.timedelta(days=1), geboren, "startdatum", "geboortedatum")


@time_machine.travel(datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC), tick=False)
def test_formulierveld_en_serializerveld_passen_de_regel_toe():
    veld = DatumFormVeld(label="Einddatum", niet_in_toekomst=True)
    assert veld.clean("23-11-2026") == VANDAAG
    for fout in ("١٢٣٤-٠١-٠١", "9999-12-31", "2026-11-24"):
        with pytest.raises(ValidationError):
            veld.clean(fout)
    api_veld = DatumVeld(niet_in_toekomst=True)
    api_veld.bind("einddatum", None)
    assert api_veld.run_validation("2026-11-23") == VANDAAG
    from rest_framework.exceptions import ValidationError as DrfFout

    for fout in ("١٢٣٤-٠١-٠١", "0001-01-01", "2026-11-24", "23-11-2026", 20261123):
        with pytest.raises(DrfFout) as exc:
            api_veld.run_validation(fout)
        assert "einddatum" in str(exc.value.detail[0]) or "JJJJ" in str(exc.value.detail[0])


@pytest.mark.django_db
@time_machine.travel(datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC), tick=False)
def test_arabische_cijfers_in_een_geboortedatum_geven_400(api, ccp):
    r = api(ccp).post(AANMELDINGEN, referral(geboortedatum="٢٠١٦-٠٥-٠١"), format="json")
    assert r.status_code == 400
    assert "geboortedatum" in r.json()["jeugdige"]


@pytest.mark.django_db
def test_aanmeldformulier_weigert_arabische_cijfers():
    form = AanmeldForm(data={"geboortedatum": "٢٠١٦-٠٥-٠١"})
    assert not form.is_valid()
    assert "geboortedatum" in form.errors
