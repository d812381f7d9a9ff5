"""The historical import at its edges (issue #11.5): each a clear error naming its line, all or nothing."""

import datetime
from pathlib import Path

import pytest
import time_machine
from django.core.management import CommandError, call_command

from crisis.models import Aanmelding, Inzet
from kern.models import Jeugdige

DATA = Path(__file__).parent.parent / "data"
KOP = (DATA / "ccp_2026q3.csv").read_text().splitlines()[0]
GOED = "G1,C8,2026-07-01,2016-01-01,almere,ambulant,,2026-07-01,,,"
NU = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_bevroren")]


@pytest.fixture
def _bevroren():
    with time_machine.travel(NU, tick=False):
        yield


def _importeer(tmp_path, *regels: str, binair: bytes | None = None):
    bestand = tmp_path / "import.csv"
    if binair is not None:
        bestand.write_bytes(binair)
    else:
        bestand.write_text("\n".join([KOP, *regels]) + "\n", encoding="utf-8")
    call_command("import_ccp", str(bestand))


def _fout(tmp_path, capsys, *regels, binair=None) -> str:
    with pytest.raises(CommandError):
        _importeer(tmp_path, *regels, binair=binair)
    assert not Aanmelding.objects.exists() and not Inzet.objects.exists() and not Jeugdige.objects.exists()
    return capsys.readouterr().err


def test_registratienummer_langer_dan_de_kolom(tmp_path, capsys):
    err = _fout(tmp_path, capsys, GOED, "X" * 41 + ",C9,2026-07-01,2016-01-01,almere,ambulant,,,,,")
    assert "regel 3: registratienummer is langer dan 40 tekens" in err


def test_registratienummer_met_een_nul_teken(tmp_path, capsys):
    err = _fout(tmp_path, capsys, GOED, "X\x001,C9,2026-07-01,2016-01-01,almere,ambulant,,,,,")
    assert "regel 3: registratienummer bevat een NUL-teken" in err


def test_een_veld_van_meer_dan_128_kb(tmp_path, capsys):
    err = _fout(tmp_path, capsys, GOED, "X1,C9,2026-07-01,2016-01-01,almere,ambulant,,,,," + "x" * 140_000)
    assert "regel 3: een veld is groter dan 128 kB" in err


@pytest.mark.parametrize(
    "rij, melding",
    [
        ("X1,C9,2026-07-01,2016-01-01,almere,ambulant,,9999-12-31,,,", "regel 3: De startdatum 9999-12-31 ligt buiten"),
        ("X1,C9,20210101,2016-01-01,almere,ambulant,,,,,", "regel 3: aanmelddatum '20210101' is geen datum"),
        ("X1,C9,2026-07-01,0001-01-01,almere,ambulant,,,,,", "regel 3: De geboortedatum 0001-01-01 ligt buiten"),
        ("X1,C9,٢٠٢٦-٠٧-٠١,2016-01-01,almere,ambulant,,,,,", "regel 3: aanmelddatum"),
        ("X1,C9,2026-07-01,2016-01-01,almere,ambulant,,2026-12-01,,,", "regel 3: De startdatum ligt in de toekomst"),
        ("X1,C9,2026-07-01,2016-01-01,almere,ambulant,,2026-06-30,,,", "regel 3: startdatum ligt vóór de aanmelddatum"),
    ],
)
def test_datums_die_niet_kunnen(tmp_path, capsys, rij, melding):
    assert melding in _fout(tmp_path, capsys, GOED, rij)


def test_een_cliëntnummer_met_twee_geboortedatums(tmp_path, capsys):
    err = _fout(
        tmp_path,
        capsys,
        "X1,C9,2026-07-01,2016-01-01,almere,ambulant,,,,,",
        "X2,C9,2026-08-01,2016-01-02,almere,ambulant,,,,,",
    )
    assert "regel 3: jeugdige C9 heeft een andere geboortedatum dan op regel 2" in err


def test_een_cliëntnummer_dat_al_met_een_andere_geboortedatum_bestaat(tmp_path, capsys):
    _importeer(tmp_path, "X1,C9,2026-07-01,2016-01-01,almere,ambulant,,,,,")
    with pytest.raises(CommandError):
        _importeer(tmp_path, "X2,C9,2026-08-01,2016-01-02,almere,ambulant,,,,,")
    assert "regel 2: jeugdige C9 staat al met een andere geboortedatum" in capsys.readouterr().err
    assert Aanmelding.objects.count() == 1


def test_dezelfde_inzet_tweemaal_in_een_bestand(tmp_path, capsys):
    rij = "X1,C9,2026-07-01,2016-01-01,almere,ambulant,,2026-07-01,2026-07-10,casusregie,"
    err = _fout(tmp_path, capsys, rij, rij)
    assert "regel 3: dezelfde inzet als regel 2" in err


def test_een_nummer_van_een_lopende_aanmelding_is_een_fout(tmp_path, capsys, api, ccp):
    from .helpers import AANMELDINGEN, referral

    nr = Aanmelding.objects.get(
        pk=api(ccp).post(AANMELDINGEN, referral(), format="json").json()["id"]
    ).registratienummer
    with pytest.raises(CommandError):
        _importeer(tmp_path, f"{nr},C9,2026-07-01,2016-01-01,almere,ambulant,,,,,")
    assert (
        f"regel 2: registratienummer {nr} is al een lopende (niet geïmporteerde) aanmelding" in capsys.readouterr().err
    )
    assert Aanmelding.objects.count() == 1


def test_alle_fouten_met_hun_regel_en_niets_half(tmp_path, capsys):
    err = _fout(
        tmp_path,
        capsys,
        GOED,
        "X1,C9,2026-07-01,2016-01-01,almere,ambulant,,9999-12-31,,,",
        "X2,C10,2026-07-01,2016-01-01,nergens,ambulant,,,,,",
    )
    assert "regel 3:" in err and "regel 4: onbekende gemeente 'nergens'" in err


def test_een_geldig_bestand_schrijft_alles_in_batches(tmp_path, monkeypatch):
    from crisis import importeren

    monkeypatch.setattr(importeren, "BATCH", 2)
    _importeer(tmp_path, *(DATA / "ccp_2026q3.csv").read_text().splitlines()[1:])
    assert (Aanmelding.objects.count(), Inzet.objects.count(), Jeugdige.objects.count()) == (7, 5, 6)
    r2 = Aanmelding.objects.get(registratienummer="R2")
    assert r2.inzetten.count() == 2 and r2.bron == "historisch" and r2.leeftijdsgroep == "12+"
    assert (
        Aanmelding.objects.get(registratienummer="R5").jeugdige
        == Aanmelding.objects.get(registratienummer="R1").jeugdige
    )
