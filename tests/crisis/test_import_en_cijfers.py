"""The quarterly figures of an imported file, against totals worked out by hand."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from crisis.models import Aanmelding, Inzet
from tests.factories import persona

DATA = Path(__file__).parent.parent / "data"
URL = "/api/v1/rapportage/ccp/2026-Q3/"

pytestmark = pytest.mark.django_db


@pytest.fixture
def geimporteerd():
    call_command("import_ccp", str(DATA / "ccp_2026q3.csv"))


def test_tweemaal_importeren_voegt_niets_toe(geimporteerd):
    assert (Aanmelding.objects.count(), Inzet.objects.count()) == (7, 5)
    call_command("import_ccp", str(DATA / "ccp_2026q3.csv"))
    assert (Aanmelding.objects.count(), Inzet.objects.count()) == (7, 5)


@pytest.mark.parametrize(
    "rij, fout",
    [
        (
            "X1,C9,2026-07-01,2016-01-01,almere,ambulant,,2026-07-05,2026-07-01,,",
            "regel 3: einddatum ligt vóór de startdatum",
        ),
        ("X1,C9,01-07-2026,2016-01-01,almere,ambulant,,,,,", "regel 3: aanmelddatum '01-07-2026' is geen datum"),
        ("X1,C9,2026-07-01,2016-01-01,amsterdam,ambulant,,,,,", "regel 3: onbekende gemeente 'amsterdam'"),
        (
            "X1,C9,2026-07-01,2016-01-01,almere,crisisbed,,2026-07-01,2026-07-09,casusregie,",
            "regel 3: vervolg 'casusregie'",
        ),
        ("X1,C9,2026-07-01,2016-01-01,almere,,,,,,", "regel 3: rij zonder hulpvorm heeft een geldige reden_geen nodig"),
    ],
)
def test_een_foute_rij_importeert_niets(tmp_path, capsys, rij, fout):
    goed = "G1,C8,2026-07-01,2016-01-01,almere,ambulant,,2026-07-01,,,"
    bestand = tmp_path / "fout.csv"
    kop = (DATA / "ccp_2026q3.csv").read_text().splitlines()[0]
    bestand.write_text(f"{kop}\n{goed}\n{rij}\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_ccp", str(bestand))
    assert fout in capsys.readouterr().err
    assert not Aanmelding.objects.exists()


def test_ontbrekende_kolom(tmp_path, capsys):
    bestand = tmp_path / "kop.csv"
    bestand.write_text("registratienummer,jeugdige\nA,B\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_ccp", str(bestand))
    assert "regel 1: kolommen ontbreken" in capsys.readouterr().err


def test_kwartaalcijfers_met_de_hand_geteld(api, geimporteerd):
    c = api(persona("beleid", username="beleid")).get(URL).json()
    assert (c["kwartaal"], c["van"], c["tot_en_met"], c["gemeente"]) == ("2026-Q3", "2026-07-01", "2026-09-30", None)
    assert (c["aanmeldingen"], c["jeugdigen"]) == (6, 5)
    nul = {"ambulant": 0, "crisisbed": 0, "pleegzorg": 0, "geen": 0, "totaal": 0}
    assert c["inzet"]["almere"] == {
        "12-": {**nul, "ambulant": 1, "geen": 1, "totaal": 2},
        "12+": {**nul, "ambulant": 1, "crisisbed": 1, "totaal": 2},
    }
    # R3: born 2014-09-01, referred on the 12th birthday.
    assert c["inzet"]["lelystad"] == {"12-": nul, "12+": {**nul, "crisisbed": 1, "totaal": 1}}
    assert c["inzet"]["dronten"]["12-"] == {**nul, "geen": 1, "totaal": 1}
    assert c["inzet"]["buiten_regio"]["12+"] == {**nul, "geen": 1, "totaal": 1}
    assert c["inzet"]["urk"] == {"12-": nul, "12+": nul}  # R6 was referred in Q2
    assert set(c["inzet"]) == {
        "almere",
        "dronten",
        "lelystad",
        "noordoostpolder",
        "urk",
        "zeewolde",
        "buiten_regio",
        "totaal",
    }
    assert c["inzet"]["totaal"] == {
        "12-": {**nul, "ambulant": 1, "geen": 2, "totaal": 3},
        "12+": {**nul, "ambulant": 1, "crisisbed": 2, "geen": 1, "totaal": 4},
    }
    assert c["redenen_geen"] == {"alternatief": 1, "ingetrokken": 1, "geen_plek": 0, "buiten_regio": 1}
    assert c["vervolg_ambulant"]["12-"]["casusregie"] == 1 and c["vervolg_ambulant"]["12-"]["totaal"] == 1
    assert c["vervolg_ambulant"]["12+"]["begeleiding_gezin"] == 1 and c["vervolg_ambulant"]["12+"]["totaal"] == 1
    assert c["vervolg_verblijf"]["12-"]["naar_huis_zonder_hulp"] == 1 and c["vervolg_verblijf"]["12-"]["totaal"] == 1
    assert c["vervolg_verblijf"]["12+"]["naar_huis_met_hulp"] == 1 and c["vervolg_verblijf"]["12+"]["uhp_groep"] == 1
    assert c["vervolg_verblijf"]["12+"]["totaal"] == 2
    assert c["verblijfsduur"]["almere"] == {"aantal": 1, "gemiddeld": 10.0, "mediaan": 10.0, "min": 10, "max": 10}
    assert c["verblijfsduur"]["lelystad"]["gemiddeld"] == 20.0
    assert c["verblijfsduur"]["urk"] == {"aantal": 1, "gemiddeld": 5.0, "mediaan": 5.0, "min": 5, "max": 5}
    assert c["verblijfsduur"]["zeewolde"]["aantal"] == 0
    # R2 plan on day 14 exactly: on time; R3 on day 15: late; R6 started in Q2.
    assert c["perspectiefplan_binnen_14_dagen"] == {"opnames": 2, "op_tijd": 1, "percentage": 50.0}


def test_cijfers_per_gemeente_en_rechten(api, geimporteerd):
    beleid_almere = persona("beleid", gemeente_id="almere", username="beleid-almere")
    c = api(beleid_almere).get(URL).json()
    assert c["gemeente"] == "almere" and c["aanmeldingen"] == 3
    assert set(c["inzet"]) == {"almere", "totaal"}
    assert api(beleid_almere).get(URL + "?gemeente=urk").status_code == 403
    assert api(persona("ccp", username="ccp")).get(URL + "?gemeente=bestaatniet").status_code == 400
    assert api(persona("toegang", username="t")).get(URL).status_code == 403
    assert api().get(URL).status_code == 401
    assert api(beleid_almere).get("/api/v1/rapportage/ccp/2026-Q5/").status_code == 404


def test_cijfers_als_csv(api, geimporteerd):
    r = api(persona("ccp", username="ccp")).get(URL + "?formaat=csv")
    assert r["Content-Type"].startswith("text/csv")
    assert "inzet,almere,12+,crisisbed,1" in r.content.decode()


def test_beheerder_importeert_via_de_browserpagina(client, settings, django_capture_on_commit_callbacks):
    settings.TWEESTAPS_VERPLICHT = False
    client.force_login(persona("beheer", username="beheer", is_staff=True))
    with django_capture_on_commit_callbacks(execute=True), open(DATA / "ccp_2026q3.csv", "rb") as f:
        r = client.post("/crisis/importeren/", {"bestand": f})
    r = client.get(r["Location"])
    assert "7 aanmeldingen en 5 inzetten ingelezen" in r.content.decode()
    kapot = DATA / "ccp_2026q3.csv"
    regels = kapot.read_text().splitlines()
    from django.core.files.uploadedfile import SimpleUploadedFile

    bestand = SimpleUploadedFile(
        "fout.csv", "\n".join([regels[0], "Z1,C1,2026-07-01,2016-01-01,nergens,,alternatief,,,,"]).encode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post("/crisis/importeren/", {"bestand": bestand})
    r = client.get(r["Location"])
    assert "regel 2: onbekende gemeente" in r.content.decode()
