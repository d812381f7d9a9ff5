"""The one rule for dates that cannot be (issue #11.3): used by every form, serializer and the import.

Pure functions: no database, `vandaag` can be passed in (tests freeze time anyway). Every
refusal is a Django `ValidationError` with a Dutch message that names the field, so a form
shows it at the field, `kern.velden.DatumVeld` turns it into the API's `{"veld": [...]}` and
the import prefixes its line number.

- `lees_datum(tekst, veld)`: strict parsing. ASCII digits only (`'١٢٣٤-٠١-٠١'` and full-width
  digits are refused, where Python's `strptime`/`fromisoformat` would accept them), ISO
  `JJJJ-MM-DD`, in page forms also the Dutch `DD-MM-JJJJ` that people type when the browser
  shows a plain text box; `20210101` is refused (ambiguous, and not what either form shows).
  The year must lie in the window below.
- `controleer_venster(datum, veld)`: the year window for a date that is already a `date`.
- `niet_in_toekomst(datum, veld)`: an end, a birth, a fact that has happened.
- `niet_voor(datum, grens, veld, grens_naam)`: a start not before birth, not before the
  referral or the decision.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils import timezone

# The sensible window for any date this region registers. The oldest is a birth date: youth
# care runs to 23 and the historical CCP registration goes back to the regional records of the
# early 2000s, so nobody in it was born before 1980. Forward: expected ends, planned sessions
# and evaluations are planned at most a few years ahead; 9999-12-31 ("no end") is not a date.
# A constant rather than a regional setting: it guards against typing errors, not policy.
EERSTE_JAAR = 1980
JAREN_VOORUIT = 5

# re.ASCII makes \d mean [0-9] only; the explicit class says it twice on purpose.
_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", re.ASCII)
_NL = re.compile(r"([0-9]{1,2})-([0-9]{1,2})-([0-9]{4})", re.ASCII)


def _vandaag(vandaag: datetime.date | None) -> datetime.date:
    return vandaag or timezone.localdate()


def _fout(veld: str, melding: str, code: str) -> ValidationError:
    return ValidationError(melding, code=code)


def laatste_jaar(vandaag: datetime.date | None = None) -> int:
    return _vandaag(vandaag).year + JAREN_VOORUIT


def controleer_venster(datum: datetime.date, veld: str = "datum", vandaag: datetime.date | None = None) -> None:
    """Refuse a year outside EERSTE_JAAR .. this year + JAREN_VOORUIT."""
    tot = laatste_jaar(vandaag)
    if not EERSTE_JAAR <= datum.year <= tot:
        raise _fout(
            veld,
            f"De {veld} {datum.isoformat()} ligt buiten de mogelijke jaren ({EERSTE_JAAR} tot en met {tot}).",
            "buiten_venster",
        )


def lees_datum(
    tekst: str, veld: str = "datum", *, nederlands: bool = False, vandaag: datetime.date | None = None
) -> datetime.date:
    """Parse JJJJ-MM-DD strictly (ASCII digits, a real day, a year in the window).

    `nederlands=True` (the page forms) also takes DD-MM-JJJJ; the API and the import do not.
    """
    if not isinstance(tekst, str):
        raise _fout(veld, f"De {veld} is geen datum: schrijf JJJJ-MM-DD.", "ongeldig")
    tekst = tekst.strip()
    if m := _ISO.fullmatch(tekst):
        jaar, maand, dag = (int(g) for g in m.groups())
    elif nederlands and (m := _NL.fullmatch(tekst)):
        dag, maand, jaar = (int(g) for g in m.groups())
    else:
        raise _fout(veld, f"De {veld} is geen datum: schrijf JJJJ-MM-DD (cijfers 0-9).", "ongeldig")
    try:
        datum = datetime.date(jaar, maand, dag)
    except ValueError:
        raise _fout(veld, f"De {veld} bestaat niet in de kalender.", "ongeldig") from None
    controleer_venster(datum, veld, vandaag)
    return datum


def niet_in_toekomst(datum: datetime.date, veld: str = "datum", vandaag: datetime.date | None = None) -> None:
    """A fact (an end, a birth, a decision given) cannot lie after today."""
    if datum > _vandaag(vandaag):
        raise _fout(veld, f"De {veld} ligt in de toekomst.", "toekomst")


def niet_voor(datum: datetime.date, grens: datetime.date | None, veld: str, grens_naam: str) -> None:
    """`datum` may not lie before `grens` (e.g. a start before the birth or the referral)."""
    if grens is not None and datum < grens:
        raise _fout(
            veld,
            f"De {veld} ({datum.isoformat()}) ligt vóór de {grens_naam} ({grens.isoformat()}).",
            "te_vroeg",
        )


def feit(datum: datetime.date, veld: str, vandaag: datetime.date | None = None) -> None:
    """A registered fact's date (a corrected start or end): inside the window and not in the
    future, as a 400 naming the field (`{"veld": [melding]}`), for the services' corrections."""
    try:
        controleer_venster(datum, veld, vandaag)
        niet_in_toekomst(datum, veld, vandaag)
    except ValidationError as exc:
        raise ValidationError({veld: exc.messages}) from None
