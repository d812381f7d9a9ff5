"""Corrections, never silent (#12.6): the shared half of every app's correction service.

A registered fact that turns out wrong is corrected by the role that registered it, with a
required reason. django-simple-history keeps every earlier version of the record (who, when,
why); this module adds what each correction needs the same way everywhere: the reason check,
a first version for records that predate the history (imports, old data), the save that
carries user and reason into the history, and the record's history as readable lines.
"""

import datetime
from dataclasses import dataclass, field

from .fouten import veldfout

REDEN_MAX = 1000


def reden_verplicht(reden: str | None) -> str:
    """A correction without a reason is refused (400, naming the field)."""
    reden = (reden or "").strip()
    if not reden:
        raise veldfout("reden", "Geef de reden van de correctie op: de oude waarde blijft met die reden bewaard.")
    if len(reden) > REDEN_MAX:
        raise veldfout("reden", f"De reden is te lang (hoogstens {REDEN_MAX} tekens).")
    return reden


def nulmeting(obj) -> None:
    """Records created before the history existed (or in bulk) get their current state as the
    first version, so the value a correction replaces is never lost."""
    manager = type(obj).history
    if not manager.filter(id=obj.pk).exists():
        manager.bulk_history_create([obj], default_change_reason="Stand vóór de eerste correctie")


def opslaan_met_reden(obj, user, reden: str, velden: list[str]) -> None:
    """Save the corrected fields; the history row carries the user and the reason. A correction
    that changes nothing is refused (400 on 'reden'), in this one place for every function."""
    if not velden:
        raise geen_wijziging()
    obj._history_user = user if getattr(user, "pk", None) else None
    obj._change_reason = reden
    obj.save(update_fields=velden)
    del obj._change_reason


def geen_wijziging(veld: str = "reden") -> Exception:
    return veldfout(veld, "Er is niets gewijzigd: geef de gecorrigeerde waarde op.")


@dataclass
class Versie:
    """One line of a record's history: when, by whom, why, and which field went from what to what."""

    wat: str
    datum: datetime.datetime
    door: str
    reden: str
    wijzigingen: list[tuple[str, str, str]] = field(default_factory=list)


def _tekst(waarde, weergave) -> str:
    if waarde is None or waarde == "":
        return "—"
    if weergave is not None:
        return weergave(waarde)
    if isinstance(waarde, datetime.date):
        return waarde.strftime("%d-%m-%Y")
    return str(waarde)


def versies(
    rijen, velden: dict[str, str], wat, weergave: dict | None = None, alle_wijzigingen: bool = False
) -> list[Versie]:
    """Readable history from historical rows of one or more records (any order): for each row the
    fields in `velden` (attname → label) that differ from the record's previous row. The first
    row of a record is its registration. `wat(rij)` names the record ('Inzet ambulant')."""
    weergave = weergave or {}
    per_record: dict[int, list] = {}
    for rij in sorted(rijen, key=lambda r: (r.id, r.history_date, r.history_id)):
        per_record.setdefault(rij.id, []).append(rij)
    uit = []
    for rijen_van in per_record.values():
        vorige = None
        for rij in rijen_van:
            door = getattr(rij.history_user, "username", "") or "systeem"
            if vorige is None:
                uit.append(Versie(wat(rij), rij.history_date, door, rij.history_change_reason or "Vastgelegd"))
            else:
                wijzigingen = [
                    (label, _tekst(getattr(vorige, a), weergave.get(a)), _tekst(getattr(rij, a), weergave.get(a)))
                    for a, label in velden.items()
                    if getattr(vorige, a) != getattr(rij, a)
                ]
                if wijzigingen and (rij.history_change_reason or alle_wijzigingen):
                    # Corrections (the ordinary steps of a life cycle are on the timeline); for a
                    # record that is edited in place, such as a plan, every earlier version.
                    reden = rij.history_change_reason or "Opnieuw vastgelegd"
                    uit.append(Versie(wat(rij), rij.history_date, door, reden, wijzigingen))
            vorige = rij
    return sorted((v for v in uit if v.wijzigingen), key=lambda v: v.datum, reverse=True)
