"""No BSN or name in the log: PostgreSQL's messages carry the values of a violated constraint.

A unique violation reads `DETAIL: Key (bsn)=(111222333) already exists.` and a not-null or
check violation `Failing row contains (…, 'Sanne', 'Testkind', …)`; both reach the log through
the traceback of an error. The formatter blanks those values and any run of nine digits (a
BSN has nine), in the message and in the traceback alike.
"""

import logging
import re

_VERVANGINGEN = [
    (re.compile(r"(Key \(.*?\))=\(.*?\)( already exists| is not present| conflicts)?", re.S), r"\1=(…)\2"),
    (re.compile(r"Failing row contains \(.*?\)\.?$", re.M), "Failing row contains (…)."),
    (re.compile(r"(?<![0-9])[0-9]{9}(?![0-9])"), "*********"),
]


def zonder_persoonsgegevens(tekst: str) -> str:
    for patroon, vervanging in _VERVANGINGEN:
        tekst = patroon.sub(vervanging, tekst)
    return tekst


class ZonderPersoonsgegevens(logging.Formatter):
    def format(self, record):
        return zonder_persoonsgegevens(super().format(record))
