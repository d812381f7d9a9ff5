import datetime

import pytest

from experttafel import regels

D = datetime.date
GEEN: frozenset[datetime.date] = frozenset()  # no closing days of the administrator
pytestmark = pytest.mark.django_db

TWEE_JAAR = [
    D(2026, 1, 8),  # 1 January 2026 is a Thursday and New Year's Day: one week later
    D(2026, 3, 5),
    D(2026, 5, 7),
    D(2026, 7, 2),
    D(2026, 9, 3),
    D(2026, 11, 5),
    D(2027, 1, 7),
    D(2027, 3, 4),
    D(2027, 5, 13),  # 6 May 2027 is Ascension Day
    D(2027, 7, 1),
    D(2027, 9, 2),
    D(2027, 11, 4),
]


def test_tweemaandelijks_over_twee_jaar_met_feestdagen():
    assert [d for d, _ in regels.planning(D(2026, 1, 1), D(2027, 12, 31), wachtend=0, capaciteit=4, sluit=GEEN)] == TWEE_JAAR


def test_planning_is_puur_twee_jaar_zonder_een_query(django_assert_num_queries):
    """The closing days come in as an argument: planning two years reads nothing (it was 14 queries)."""
    with django_assert_num_queries(0):
        regels.planning(D(2026, 1, 1), D(2027, 12, 31), wachtend=9, capaciteit=4, sluit=GEEN)


def test_een_sluitingsdag_op_de_eerste_donderdag_schuift_de_sessie():
    assert regels.sessiedatum(2026, 3, {D(2026, 3, 5)}) == D(2026, 3, 12)


def test_vijf_mei_op_de_eerste_donderdag_schuift_ook():
    assert regels.sessiedatum(2033, 5, GEEN) == D(2033, 5, 12)  # 5 May 2033 is a Thursday


def test_maandelijks_zolang_de_wachtrij_groter_is_en_dan_terug():
    # 9 waiting, 4 a session: Jan (5 left), Feb (still 5 > 4: 1 left), Mar (cadence), then every two months.
    data = [d for d, _ in regels.planning(D(2027, 1, 1), D(2027, 7, 31), wachtend=9, capaciteit=4, sluit=GEEN)]
    assert data == [D(2027, 1, 7), D(2027, 2, 4), D(2027, 3, 4), D(2027, 5, 13), D(2027, 7, 1)]


def test_precies_een_sessie_vol_blijft_tweemaandelijks():
    data = [d for d, _ in regels.planning(D(2027, 2, 1), D(2027, 2, 28), wachtend=4, capaciteit=4, sluit=GEEN)]
    assert data == []
    assert [d for d, _ in regels.planning(D(2027, 2, 1), D(2027, 2, 28), wachtend=5, capaciteit=4, sluit=GEEN)] == [D(2027, 2, 4)]


def test_planning_api(api):
    from tests.factories import persona

    voorzitter = persona("ret_voorzitter", username="voorzitter")
    r = api(voorzitter).get("/api/v1/experttafel/sessies/planning/?van=2026-01-01&tot=2027-12-31")
    assert r.status_code == 200
    assert [s["datum"] for s in r.json()] == [d.isoformat() for d in TWEE_JAAR]
    assert "feestdag" in r.json()[0]["reden"]
    assert api(voorzitter).get("/api/v1/experttafel/sessies/planning/?van=2026-13-01&tot=2027-01-01").json()["van"]
    assert api(voorzitter).get("/api/v1/experttafel/sessies/planning/?van=2027-01-01&tot=2026-01-01").json()["tot"]
    assert (
        api(persona("beleid", username="beleid"))
        .get("/api/v1/experttafel/sessies/planning/?van=2026-01-01&tot=2026-12-31")
        .status_code
        == 403
    )
