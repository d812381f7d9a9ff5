"""#14.3: the PDF is PDF/UA in substance — the structure tree read back with pikepdf: every
header cell has a /Scope, each table-of-contents entry is one link (no leaders inside links,
no nested links)."""

from pathlib import Path

import pikepdf
import pytest
from django.core.management import call_command

from kern.aggregaties import Kwartaal
from kern.secties import SECTIES
from rapportage import services

DATA = Path(__file__).parent.parent / "data"


def _elementen(knoop, pad=()):
    if isinstance(knoop, pikepdf.Array):
        for kind in knoop:
            yield from _elementen(kind, pad)
    elif isinstance(knoop, pikepdf.Dictionary) and "/S" in knoop:
        soort = str(knoop.S)
        yield soort, knoop, pad
        if "/K" in knoop:
            yield from _elementen(knoop.K, (*pad, soort))


@pytest.mark.django_db
def test_structuurboom_van_de_pdf(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr("rapportage.services.transaction.on_commit", lambda fn, using=None, robust=False: fn())
    call_command("import_ccp", str(DATA / "ccp_2026q3.csv"))
    rapport = services.vraag_aan(None, Kwartaal(2026, 3))
    rapport.refresh_from_db()
    assert rapport.status == "klaar", rapport.fout
    pdf = pikepdf.open(rapport.pdf.path)
    assert str(pdf.Root.Lang) == "nl" and pdf.Root.MarkInfo.Marked
    elementen = list(_elementen(pdf.Root.StructTreeRoot.K))
    koppen = [k for s, k, _ in elementen if s == "/TH"]
    assert len(koppen) > 40
    for th in koppen:
        assert "/A" in th and str(th.A.Scope) in ("/Column", "/Row"), th
    links = [(k, pad) for s, k, pad in elementen if s == "/Link"]
    assert all("/Link" not in pad for _, pad in links), "een link in een link"
    # Summary, CCP, every other function, definitions: one link each.
    assert len(links) == 3 + len([s for s in SECTIES if s.code != "ccp"])
    from tests.rapportage.test_rapport import pdf_tekst

    inhoud = pdf_tekst(rapport.pdf.path)
    assert "....." not in inhoud  # no dot leaders tagged as text
