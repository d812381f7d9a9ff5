"""The status of any deadline, decided once: every worklist speaks the same five words."""

import datetime

BIJNA_DAGEN = 3  # a deadline this close stands out as 'bijna'


def status(
    uiterlijk: datetime.date,
    gedaan_op: datetime.date | None,
    vandaag: datetime.date,
    bijna: datetime.timedelta | None = None,
) -> str:
    """'op_tijd', 'te_laat' (done late), 'verlopen' (not done, past due), 'bijna' or 'open'.

    Works for a moment as well as a day (pass datetimes for a deadline with a time, such as
    'behandelen vóór'); `bijna` overrides the BIJNA_DAGEN margin for such deadlines."""
    if gedaan_op is not None:
        return "op_tijd" if gedaan_op <= uiterlijk else "te_laat"
    if vandaag > uiterlijk:
        return "verlopen"
    if bijna is not None:
        return "bijna" if uiterlijk - vandaag <= bijna else "open"
    if (uiterlijk - vandaag).days <= BIJNA_DAGEN:
        return "bijna"
    return "open"
