"""The youth's records: every function registers a youth here.

What each municipality registered about a youth is its own record (`Jeugdige.gemeente` is the
municipality it was registered for). Records of one person are linked by BSN inside the system
(`Jeugdige.objects.zelfde_persoon`), never merged: registering a youth never reads, returns or
changes another municipality's record, so the answer cannot tell whether another municipality
knows the child."""

from django.db import transaction

from .fouten import veldfout
from .models import Gemeente, Jeugdige

IDENTITEIT = ("voornaam", "achternaam", "geboortedatum", "bsn", "kader", "gezag")


def _vind_of_maak(gemeente: Gemeente, bsn: str, velden: dict, gi_medewerker=None) -> Jeugdige:
    """The municipality's one record for this BSN (or, with `gi_medewerker`, that GI user's one
    record for it), made when missing.

    INSERT ... ON CONFLICT DO NOTHING on (gemeente, bsn) or (gemeente, GI user, bsn): parallel
    registrations of a new BSN
    wait for each other in the database and all find the one row; no unique violation is
    raised (so none reaches a log with the BSN in it) and nobody gets a 409 or 500."""
    sleutel = {
        "gemeente": gemeente,
        "bsn": bsn,
        "via_gi": gi_medewerker is not None,
        "geregistreerd_door": gi_medewerker,
    }
    Jeugdige.objects.bulk_create([Jeugdige(**sleutel, **velden)], ignore_conflicts=True)
    return Jeugdige.objects.get(**sleutel)


@transaction.atomic
def jeugdige_vastleggen(gegevens: dict) -> Jeugdige:
    """The record of the youth for the municipality `gegevens["gemeente"]` (the one the
    registration is for): found by BSN among that municipality's own records, otherwise new.

    Only that municipality's records are looked at. A BSN its own record holds with another
    birth date is a typing error in this municipality's registration: 400 on `jeugdige`.
    A GI user (`gegevens["gi_medewerker"]`) sees no municipality's records and only their own
    referrals: what they register is their own record for that municipality, matched only
    against their own earlier registrations, so the answer never depends on what the
    municipality or another GI user knows."""
    gemeente = gegevens["gemeente"]
    velden = {
        "voornaam": gegevens.get("voornaam", ""),
        "achternaam": gegevens.get("achternaam", ""),
        "geboortedatum": gegevens["geboortedatum"],
        "kader": gegevens.get("kader") or Jeugdige.Kader.VRIJWILLIG,
        "gezag": gegevens.get("gezag") or Jeugdige.Gezag.OUDERS,
    }
    gi_medewerker = gegevens.get("gi_medewerker")
    bsn = gegevens.get("bsn") or None
    if not bsn:
        return Jeugdige.objects.create(
            gemeente=gemeente, via_gi=gi_medewerker is not None, geregistreerd_door=gi_medewerker, **velden
        )
    jeugdige = _vind_of_maak(gemeente, bsn, velden, gi_medewerker)
    if jeugdige.geboortedatum != velden["geboortedatum"]:
        raise veldfout(
            "jeugdige", "Dit BSN is in uw registratie al vastgelegd met een andere geboortedatum: controleer beide."
        )
    return jeugdige


@transaction.atomic
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
