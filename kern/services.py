"""The shared youth record: every function finds or makes it here."""

from django.core.exceptions import ValidationError

from .models import Jeugdige


def jeugdige_vastleggen(gegevens: dict) -> Jeugdige:
    """The youth's one shared record: found by BSN when given, otherwise new."""
    bsn = gegevens.get("bsn") or None
    if bsn:
        bestaand = Jeugdige.objects.filter(bsn=bsn).first()
        if bestaand is not None:
            if bestaand.geboortedatum != gegevens["geboortedatum"]:
                raise ValidationError({"jeugdige": ["Dit BSN hoort bij een jeugdige met een andere geboortedatum."]})
            if bestaand.gemeente_id != gegevens["gemeente"].code:
                bestaand.gemeente = gegevens["gemeente"]
                bestaand.save(update_fields=["gemeente"])
            return bestaand
    return Jeugdige.objects.create(
        voornaam=gegevens.get("voornaam", ""),
        achternaam=gegevens.get("achternaam", ""),
        geboortedatum=gegevens["geboortedatum"],
        bsn=bsn,
        gemeente=gegevens["gemeente"],
        kader=gegevens.get("kader") or Jeugdige.Kader.VRIJWILLIG,
        gezag=gegevens.get("gezag") or Jeugdige.Gezag.OUDERS,
    )
