"""Which days a corrected stay adds: only those it did not hold before are checked for a place."""

import datetime

from kern.plekdagen import erbij

D = datetime.date


def test_eerder_begonnen_voegt_alleen_de_dagen_ervoor_toe():
    assert erbij(D(2026, 11, 10), None, D(2026, 11, 15), None) == [(D(2026, 11, 10), D(2026, 11, 15))]


def test_later_vertrokken_voegt_alleen_de_dagen_erna_toe():
    assert erbij(D(2026, 11, 1), D(2026, 11, 12), D(2026, 11, 1), D(2026, 11, 10)) == [
        (D(2026, 11, 10), D(2026, 11, 12))
    ]


def test_korter_voegt_niets_toe_en_elders_telt_alles():
    assert erbij(D(2026, 11, 3), D(2026, 11, 8), D(2026, 11, 1), D(2026, 11, 10)) == []
    assert erbij(D(2026, 11, 3), None) == [(D(2026, 11, 3), None)]


def test_verschoven_zonder_overlap_telt_de_hele_nieuwe_periode():
    assert erbij(D(2026, 12, 1), D(2026, 12, 5), D(2026, 11, 1), D(2026, 11, 10)) == [(D(2026, 12, 1), D(2026, 12, 5))]
    assert erbij(D(2026, 10, 1), D(2026, 10, 5), D(2026, 11, 1), D(2026, 11, 10)) == [(D(2026, 10, 1), D(2026, 10, 5))]
