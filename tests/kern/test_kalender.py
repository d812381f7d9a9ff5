import datetime
from zoneinfo import ZoneInfo

import pytest

from kern import kalender
from kern.models import Sluitingsdag

TZ = ZoneInfo("Europe/Amsterdam")
GEEN: frozenset[datetime.date] = frozenset()  # no closing days of the administrator


def moment(*args):
    return datetime.datetime(*args, tzinfo=TZ)


@pytest.mark.django_db
class TestLoketEnWerkdagen:
    def test_vrijdag_1659_is_open_en_1700_is_dicht(self):
        assert kalender.loket_open(moment(2026, 11, 20, 16, 59), GEEN)
        assert not kalender.loket_open(moment(2026, 11, 20, 17, 0), GEEN)

    def test_vrijdag_1700_wordt_maandag_0900(self):
        assert kalender.volgende_opening(moment(2026, 11, 20, 17, 0), GEEN) == moment(2026, 11, 23, 9, 0)

    def test_zaterdag_voor_tweede_paasdag_wordt_dinsdag(self):
        # Easter 2026: 5 April; Easter Monday 6 April is closed.
        assert kalender.volgende_opening(moment(2026, 4, 4, 11, 0), GEEN) == moment(2026, 4, 7, 9, 0)

    def test_5_mei_is_elk_jaar_dicht(self):
        assert not kalender.is_werkdag(datetime.date(2026, 5, 5), GEEN)  # not a lustrum year
        assert kalender.volgende_opening(moment(2026, 5, 5, 10, 0), GEEN) == moment(2026, 5, 6, 9, 0)

    def test_ochtend_voor_negen_wordt_dezelfde_dag(self):
        assert kalender.volgende_opening(moment(2026, 11, 23, 8, 30), GEEN) == moment(2026, 11, 23, 9, 0)

    def test_open_loket_geeft_het_moment_zelf(self):
        m = moment(2026, 11, 23, 10, 15)
        assert kalender.volgende_opening(m, GEEN) == m

    def test_sluitingsdag_van_beheer_telt_mee(self):
        Sluitingsdag.objects.create(datum=datetime.date(2026, 5, 15), omschrijving="Brugdag na Hemelvaart")
        sluit = kalender.sluitingsdagen()
        # Ascension Thursday 14 May 2026, bridge day Friday 15 May: next opening Monday 18 May.
        assert kalender.volgende_opening(moment(2026, 5, 14, 10, 0), sluit) == moment(2026, 5, 18, 9, 0)
        assert kalender.volgende_opening(moment(2026, 5, 14, 10, 0), GEEN) == moment(2026, 5, 15, 9, 0)

    def test_kerst_en_nieuwjaar(self):
        assert kalender.volgende_opening(moment(2026, 12, 24, 17, 30), GEEN) == moment(2026, 12, 28, 9, 0)
        assert kalender.volgende_opening(moment(2026, 12, 31, 18, 0), GEEN) == moment(2027, 1, 4, 9, 0)

    def test_werkdagen_later_slaat_weekend_en_feestdag_over(self):
        assert kalender.werkdagen_later(datetime.date(2026, 4, 2), 2, GEEN) == datetime.date(2026, 4, 8)
