"""The youth's records: every function registers a youth here.

What each municipality registered about a youth is its own record (`Jeugdige.gemeente` is the
municipality it was registered for). Records of one person are linked by BSN inside the system
(`Jeugdige.objects.zelfde_persoon`), never merged: registering a youth never reads, returns or
changes another municipality's record, so the answer cannot tell whether another municipality
knows the child."""

from .fouten import veldfout
from .models import Gemeente, Jeugdige

IDENTITEIT = ("voornaam", "achternaam", "geboortedatum", "bsn", "kader", "gezag")


def _vind_of_maak(gemeente: Gemeente, bsn: str, velden: dict, via_gi: bool = False) -> Jeugdige:
    """The municipality's one record for this BSN, made when missing.

    INSERT ... ON CONFLICT DO NOTHING on (gemeente, via_gi, bsn): parallel registrations of a new BSN
    wait for each other in the database and all find the one row; no unique violation is
    raised (so none reaches a log with the BSN in it) and nobody gets a 409 or 500."""
    Jeugdige.objects.bulk_create([Jeugdige(gemeente=gemeente, bsn=bsn, via_gi=via_gi, **velden)], ignore_conflicts=True)
    return Jeugdige.objects.get(gemeente=gemeente, bsn=bsn, via_gi=via_gi)


def jeugdige_vastleggen(gegevens: dict) -> Jeugdige:
    """The record of the youth for the municipality `gegevens["gemeente"]` (the one the
    registration is for): found by BSN among that municipality's own records, otherwise new.

    Only that municipality's records are looked at. A BSN its own record holds with another
    birth date is a typing error in this municipality's registration: 400 on `jeugdige`.
    A GI (`gegevens["via_gi"]`) sees no municipality's records: what it registers is its own
    record for that municipality, so its answer never depends on what the municipality knows."""
    gemeente = gegevens["gemeente"]
    velden = {
        "voornaam": gegevens.get("voornaam", ""),
        "achternaam": gegevens.get("achternaam", ""),
        "geboortedatum": gegevens["geboortedatum"],
        "kader": gegevens.get("kader") or Jeugdige.Kader.VRIJWILLIG,
        "gezag": gegevens.get("gezag") or Jeugdige.Gezag.OUDERS,
    }
    via_gi = bool(gegevens.get("via_gi"))
    bsn = gegevens.get("bsn") or None
    if not bsn:
        return Jeugdige.objects.create(gemeente=gemeente, via_gi=via_gi, **velden)
    jeugdige = _vind_of_maak(gemeente, bsn, velden, via_gi)
    if jeugdige.geboortedatum != velden["geboortedatum"]:
        raise veldfout(
            "jeugdige", "Dit BSN is in uw registratie al vastgelegd met een andere geboortedatum: controleer beide."
        )
    return jeugdige


def registratie_voor(jeugdige: Jeugdige, gemeente: Gemeente) -> Jeugdige:
    """The record `gemeente` keeps of the person `jeugdige` is a record of, made from it when
    missing. Only for an explicit, audited transfer of responsibility (woonplaatsbeginsel): the
    receiving municipality then legitimately gets the youth's identity; nothing is merged and the
    first municipality's record keeps its own history."""
    if jeugdige.gemeente_id == gemeente.pk and not jeugdige.via_gi:
        return jeugdige
    velden = {veld: getattr(jeugdige, veld) for veld in IDENTITEIT if veld != "bsn"}
    if not jeugdige.bsn:
        # Without a BSN the records cannot be linked by it: the new record stands alone.
        return Jeugdige.objects.create(gemeente=gemeente, **velden)
    return _vind_of_maak(gemeente, jeugdige.bsn, velden)
