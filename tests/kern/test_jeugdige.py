import datetime

import pytest
from django.core.exceptions import ValidationError

from kern.models import leeftijd_op, leeftijdsgroep_op, valideer_bsn


def test_twaalfde_verjaardag_is_12_plus():
    geboren = datetime.date(2014, 11, 23)
    assert leeftijdsgroep_op(geboren, datetime.date(2026, 11, 22)) == "12-"
    assert leeftijdsgroep_op(geboren, datetime.date(2026, 11, 23)) == "12+"


def test_schrikkeldag_telt_vanaf_1_maart():
    geboren = datetime.date(2012, 2, 29)
    assert leeftijd_op(geboren, datetime.date(2023, 2, 28)) == 10
    assert leeftijd_op(geboren, datetime.date(2023, 3, 1)) == 11


def test_bsn_elfproef():
    valideer_bsn("111222333")
    with pytest.raises(ValidationError, match="elfproef"):
        valideer_bsn("123456789")
