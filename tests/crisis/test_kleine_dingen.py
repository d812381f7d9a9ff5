"""Small things users notice on the CCP pages (issue 15.6)."""

from pathlib import Path

import pytest

from tests.factories import persona


@pytest.fixture(autouse=True)
def _zonder_tweestaps(settings):
    settings.TWEESTAPS_VERPLICHT = False


def _hint(response) -> str:
    html = response.content.decode()
    if 'id="hint-zonder-loket"' not in html:
        return ""
    return html.split('id="hint-zonder-loket">')[1].split("</p>")[0]


@pytest.mark.django_db
def test_de_hint_over_lelystad_en_urk_alleen_voor_wie_het_aangaat(client):
    client.force_login(persona("toegang", gemeente_id="almere"))
    assert _hint(client.get("/crisis/aanmelden/")) == ""
    client.force_login(persona("toegang", gemeente_id="lelystad"))
    hint = _hint(client.get("/crisis/aanmelden/"))
    assert hint.startswith("Lelystad (Jeugd Lelystad) organiseert") and "Urk" not in hint
    client.force_login(persona("ccp"))
    hint = _hint(client.get("/crisis/aanmelden/"))
    assert "Lelystad" in hint and "Urk" in hint and "organiseren" in hint


VOORBEELD = Path(__file__).resolve().parents[2] / "static/voorbeelden/ccp-import-voorbeeld.csv"


@pytest.mark.django_db
def test_het_voorbeeldbestand_is_een_geldige_import(tmp_path):
    from django.core.management import call_command

    from crisis.models import Aanmelding, Inzet

    call_command("import_ccp", str(VOORBEELD))
    assert Aanmelding.objects.count() == 4 and Inzet.objects.count() == 4


@pytest.mark.django_db
def test_een_csv_met_puntkomma_wordt_herkend_en_leest_hetzelfde(tmp_path):
    from django.core.management import call_command

    from crisis.models import Aanmelding, Inzet

    bestand = tmp_path / "excel.csv"
    bestand.write_text(VOORBEELD.read_text(encoding="utf-8").replace(",", ";"), encoding="utf-8-sig")
    call_command("import_ccp", str(bestand))
    assert Aanmelding.objects.count() == 4 and Inzet.objects.count() == 4
    assert Inzet.objects.get(aanmelding__registratienummer="VB-2019-002", hulpvorm_id="crisisbed").vervolg_verblijf_id


@pytest.mark.django_db
def test_de_importpagina_legt_scheidingstekens_uit_en_noemt_de_codes(client):
    client.force_login(persona("beheer", is_staff=True))
    html = client.get("/crisis/importeren/").content.decode()
    assert "puntkomma" in html
    assert "voorbeelden/ccp-import-voorbeeld.csv" in html
    for code in ("noordoostpolder", "crisisbed", "geen_plek", "uhp_groep", "naar_huis_met_hulp"):
        assert f"<code>{code}</code>" in html
