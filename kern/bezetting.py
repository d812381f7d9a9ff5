"""Occupancy and the taking of a place, defined once for the whole region.

A place is occupied on a day by a stay that has started on or before that day and has not yet
ended: a crisis stay (crisis app) or a placement (service point). A stay's end day is its first
free day, so a bed is free only from the day its stay really ended. Every board, capacity check
and figure reads `met_bezetting`; every stay or placement takes its place through `neem_plaats`,
which checks every day of the stay (not only the first), so a stay registered afterwards with a
start in the past cannot overbook a facility either.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from .fouten import Conflict, veldfout

DEFINITIE = (
    "Bezet is het aantal jeugdigen dat op de peildatum in de voorziening verblijft: crisisverblijven "
    "en plaatsingen die op of vóór die dag zijn begonnen en nog niet zijn geëindigd (de einddatum is "
    "de eerste vrije dag). Vrij is capaciteit min bezet, nooit minder dan nul."
)


def _telling(qs):
    return Subquery(
        qs.order_by().values("voorziening").annotate(n=Count("id")).values("n")[:1], output_field=IntegerField()
    )


def _lopend_op(dag: datetime.date) -> Q:
    # A crisis stay without a start date (old registrations) counts from the beginning of time.
    return (Q(startdatum__isnull=True) | Q(startdatum__lte=dag)) & (Q(einddatum__isnull=True) | Q(einddatum__gt=dag))


# The stays that hold a place, one queryset factory per function that keeps them: crisis
# registers its crisis stays and servicepunt its placements in their apps.py (ready()), so the
# one occupancy of the region counts both without kern importing a function above it.
VERBLIJVEN: dict[str, Callable[[], QuerySet]] = {}


def registreer_verblijven(naam: str, verblijven: Callable[[], QuerySet]) -> None:
    """Called from an app's ready(): `verblijven()` gives its stays (startdatum, einddatum, voorziening)."""
    VERBLIJVEN[naam] = verblijven


# Where a capacity confirmation is kept: servicepunt registers its history table's writer
# (Capaciteitsmelding.objects.create) in its apps.py, like the stays above, so kern writes it
# without importing the function above it.
_CAPACITEITSMELDING: list[Callable[..., object]] = []


def registreer_capaciteitsmelding(schrijf: Callable[..., object]) -> None:
    """Called from servicepunt's ready(): `schrijf(voorziening=, capaciteit=, bezet=, door=)` keeps one confirmation."""
    _CAPACITEITSMELDING[:] = [schrijf]


def met_bezetting(voorzieningen, dag: datetime.date):
    bezet = Value(0)
    for verblijven in VERBLIJVEN.values():
        lopend = verblijven().filter(_lopend_op(dag), voorziening=OuterRef("pk"))
        bezet = bezet + Coalesce(_telling(lopend), Value(0))
    return voorzieningen.annotate(bezet=bezet).annotate(vrij=Greatest(F("capaciteit") - F("bezet"), Value(0)))


def _overlapt(van: datetime.date, tot: datetime.date | None) -> Q:
    """Stays that hold the place on at least one day of [van, tot) (tot None: open-ended)."""
    q = Q(einddatum__isnull=True) | Q(einddatum__gt=van)
    if tot is not None:
        q &= Q(startdatum__isnull=True) | Q(startdatum__lt=tot)
    return q


def hoogste_bezetting(voorziening_id: int, van: datetime.date, tot: datetime.date | None = None) -> int:
    """The highest occupancy on any day from `van` up to (not including) `tot`.

    Occupancy only rises on a day a stay starts, so it suffices to count on `van` and on every
    later start day: one small query per table, however long the period."""
    perioden = [
        (s or datetime.date.min, e)
        for qs in (verblijven() for verblijven in VERBLIJVEN.values())
        for s, e in qs.filter(_overlapt(van, tot), voorziening_id=voorziening_id).values_list("startdatum", "einddatum")
    ]
    dagen = {van} | {s for s, _ in perioden if s > van and (tot is None or s < tot)}
    return max((sum(1 for s, e in perioden if s <= d and (e is None or e > d)) for d in dagen), default=0)


@dataclass
class Alternatief:
    """Somewhere else to go when a facility is full: a place with its free places, or a service."""

    soort: str  # "voorziening", "buiten_regio", "crisisdienst"
    naam: str
    vrij: int | None = None
    id: int | None = None
    telefoon: str = ""
    toelichting: str = ""

    def als_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v not in ("", None) or k in ("soort", "naam", "vrij")}


class Vol(Conflict):
    """409 for a full facility, naming the alternatives with their free places."""

    def __init__(self, melding: str, alternatieven: list[Alternatief] | None = None):
        self.melding = melding
        self.alternatieven = alternatieven or []
        super().__init__(melding)
        # Set after DRF's init, which would turn every number into a string.
        self.detail = {"detail": self.detail, "alternatieven": [a.als_dict() for a in self.alternatieven]}


@dataclass
class Plaatsvraag:
    """What the caller asks: which facility, for whom, from when (until when, if known)."""

    voorziening_id: int
    geboortedatum: datetime.date
    startdatum: datetime.date
    einddatum: datetime.date | None = None
    crisis_hulpvorm: str | None = None  # the crisis form of help, or None for a service-point placement
    boven_capaciteit: bool = False  # an acute unsafe situation: CCP staff may place above capacity


def vrije_alternatieven(voorziening, leeftijd: int, dag: datetime.date, *, crisis: bool) -> list[Alternatief]:
    """Other facilities of the same function (crisis places, or the same kind of stay) that fit
    the age and have a free place today."""
    from .models import Voorziening

    qs = Voorziening.objects.filter(actief=True).exclude(pk=voorziening.pk)
    qs = qs.filter(type__hulpvorm__isnull=False) if crisis else qs.filter(type_id=voorziening.type_id)
    return [
        Alternatief("voorziening", v.naam, vrij=v.vrij, id=v.pk, toelichting=v.type.label)
        for v in met_bezetting(qs, dag).select_related("type").order_by("type__volgorde", "naam")
        if v.vrij > 0 and v.past_leeftijd(leeftijd)
    ]


def controleer_past(voorziening, vraag: Plaatsvraag, *, nieuwe_plek: bool = True) -> int:
    """Does the facility fit the request: its kind (a crisis form of help, or a service-point
    stay), active (only for a place newly taken: a correction of an old stay's dates in a facility
    that has since closed stays possible) and the youth's age on the first day. A field error (400)
    otherwise; returns the age. Used by every taking of a place and by every correction of one."""
    from .models import leeftijd_op

    if vraag.crisis_hulpvorm is None and voorziening.type.hulpvorm_id is not None:
        raise veldfout("voorziening", "Crisisplekken lopen via het CCP, niet via het servicepunt.")
    if vraag.crisis_hulpvorm is not None and voorziening.type.hulpvorm_id != vraag.crisis_hulpvorm:
        raise veldfout("voorziening", f"{voorziening.naam} is geen voorziening voor deze hulpvorm.")
    if nieuwe_plek and not voorziening.actief:
        raise veldfout("voorziening", f"{voorziening.naam} is niet actief.")
    leeftijd = leeftijd_op(vraag.geboortedatum, vraag.startdatum)
    if not voorziening.past_leeftijd(leeftijd):
        raise veldfout(
            "voorziening",
            f"{voorziening.naam} is voor jeugdigen van {voorziening.leeftijd_min} tot en met "
            f"{voorziening.leeftijd_max} jaar; deze jeugdige is {leeftijd}.",
        )
    return leeftijd


def neem_plaats(vraag: Plaatsvraag, alternatieven=None):
    """Take a place: lock the facility, check its kind, age range and a free place on every day.

    The facility's row lock serialises requests for the same facility, so two requests for the
    last place cannot both see it free. Returns the locked facility (`boven_capaciteit` True when
    it was full and the caller asked to place above capacity); raises a field error (400)
    for a facility that does not fit and `Vol` (409) for a full one. `alternatieven(voorziening,
    leeftijd)` adds what the caller's function can offer instead."""
    from .models import Voorziening

    voorziening = Voorziening.objects.select_for_update().select_related("type").get(pk=vraag.voorziening_id)
    leeftijd = controleer_past(voorziening, vraag)
    voorziening.boven_capaciteit = False
    if hoogste_bezetting(voorziening.pk, vraag.startdatum, vraag.einddatum) >= voorziening.capaciteit:
        if vraag.boven_capaciteit:
            # The caller checked who may do this and why; the stay is marked and escalated there.
            voorziening.boven_capaciteit = True
            return voorziening
        andere = vrije_alternatieven(
            voorziening, leeftijd, timezone.localdate(), crisis=vraag.crisis_hulpvorm is not None
        )
        if alternatieven is not None:
            andere += alternatieven(voorziening, leeftijd)
        vanaf = (
            ""
            if vraag.startdatum >= timezone.localdate()
            else f" op een of meer dagen vanaf {vraag.startdatum:%d-%m-%Y}"
        )
        raise Vol(f"{voorziening.naam} is vol: er is geen vrije plek{vanaf}.", andere)
    return voorziening


@transaction.atomic
def capaciteit_bevestigen(user, voorziening, *, capaciteit: int | None = None):
    """A provider (or the CCP / service point) confirms a facility's places; every confirmation is
    kept with the occupancy of that moment, so the trend can be read back. Returns the record."""
    from .models import Voorziening

    if capaciteit is not None and capaciteit < 0:
        raise veldfout("capaciteit", "Het aantal plaatsen kan niet negatief zijn.")
    voorziening = Voorziening.objects.select_for_update().get(pk=voorziening.pk)
    bezet = met_bezetting(Voorziening.objects.filter(pk=voorziening.pk), timezone.localdate()).get().bezet
    if capaciteit is not None:
        voorziening.capaciteit = capaciteit
    voorziening.bevestigd_op = timezone.now()
    voorziening.save(update_fields=["capaciteit", "bevestigd_op"])
    (schrijf,) = _CAPACITEITSMELDING  # servicepunt is always installed; without it this must fail loudly
    return schrijf(voorziening=voorziening, capaciteit=voorziening.capaciteit, bezet=bezet, door=user)
