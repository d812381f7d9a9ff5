"""Service-point figures per quarter, in the database: counts, shares and medians only."""

import datetime
from dataclasses import dataclass

from django.db import connections, router
from django.db.models import Count, DateField, Exists, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from kern.aggregaties import DagenTussen, EenmaalGecompileerd, Kwartaal, Mediaan, mediaan_per
from kern.bezetting import met_bezetting
from kern.models import Gemeente, Voorziening

from . import regels
from .models import Beschikking, Capaciteitsmelding, Plaatsing

DOORSTROOM_DAGEN = 14  # a new placement within two weeks of the last one is a transfer
RECIDIVE_DAGEN = 365  # a return to 24-hour care within a year of leaving


def _pct(deel, geheel):
    return round(100 * deel / geheel, 1) if geheel else 0.0


@dataclass(frozen=True)
class _Dagen:
    """Every value the figures' queries take: the quarter, its reference date (the quarter's last
    day, or today while it runs), day 14 before it and the end of that day, and the municipality."""

    van: datetime.date
    tot: datetime.date
    peildatum: datetime.date
    uiterlijk: datetime.date  # issued by this day: day 14 has passed by the reference date
    einde_peildag: datetime.datetime  # the first moment after the reference date, in the region's time
    gemeente: str | None


def _vragen(d: _Dagen) -> dict:
    """The four queries, each reading what its figure needs through an index of its own (#14.4):
    the facilities, the waiting list of the reference date, the decisions issued in the quarter
    and the placements started or ended in it."""
    beschikkingen = Beschikking.objects.all()
    plaatsingen = Plaatsing.objects.all()
    if d.gemeente:
        beschikkingen = beschikkingen.filter(gemeente_id=d.gemeente)
        plaatsingen = plaatsingen.filter(beschikking__gemeente_id=d.gemeente)

    # Capacity and occupancy per kind of facility on the reference date (kern.bezetting).
    # A past quarter states the capacity of its reference date from the capacity history (the
    # providers' confirmations up to the end of that day), not today's; without one by then, today's.
    melding = Capaciteitsmelding.objects.filter(voorziening=OuterRef("pk"), gemeld_op__lt=d.einde_peildag).order_by(
        "-gemeld_op", "-pk"
    )
    capaciteit = (
        met_bezetting(Voorziening.objects.filter(actief=True, type__hulpvorm__isnull=True), d.peildatum)
        .annotate(capaciteit_op=Coalesce(Subquery(melding.values("capaciteit")[:1]), F("capaciteit")))
        .values("type_id", "capaciteit_op", "bezet")
    )

    # The waiting list of the reference date, with its median waiting days in the same pass
    # (one row: the constant groups nothing).
    wachtend = beschikkingen.wachtend(d.peildatum).annotate(
        dagen=DagenTussen(Value(d.peildatum, output_field=DateField()), F("afgegeven_op"))
    )
    per_wachtlijst = {"aantal": Count("id")}
    if connections[router.db_for_read(Beschikking)].vendor == "postgresql":
        per_wachtlijst["mediaan_wachtdagen"] = Mediaan("dagen")
    wachtlijst = wachtend.annotate(een=Value(1)).values("een").annotate(**per_wachtlijst).order_by()

    # The decisions issued in the quarter, per municipality and provider: their count and the
    # two-week rule over those whose day 14 has passed by the reference date.
    beoordeeld = Q(afgegeven_op__lte=d.uiterlijk)
    besluiten = (
        beschikkingen.filter(afgegeven_op__range=(d.van, d.tot))
        .met_eerste_start()
        .values("gemeente", "aanbieder")
        .annotate(
            totaal=Count("id"),
            met_verblijf=Count("id", filter=Q(zorgtype__isnull=False)),
            beoordeeld=Count("id", filter=beoordeeld),
            gehaald=Count(
                "id",
                filter=beoordeeld & Q(eerste_start__lte=F("afgegeven_op") + datetime.timedelta(days=regels.TWEE_WEKEN)),
            ),
        )
        .order_by()
    )

    # The placements started in the quarter (inflow, transfers, recidivism, their ambulant
    # partner) and those ended in it (outflow), per ambulant partner in one pass.
    gestart = Q(startdatum__range=(d.van, d.tot))
    beeindigd = Q(einddatum__range=(d.van, d.tot))
    eerder = Plaatsing.objects.filter(
        beschikking__jeugdige=OuterRef("beschikking__jeugdige"),
        einddatum__isnull=False,
        einddatum__lte=OuterRef("startdatum"),
    ).exclude(pk=OuterRef("pk"))
    doorstroom = Exists(
        eerder.filter(einddatum__gte=OuterRef("startdatum") - datetime.timedelta(days=DOORSTROOM_DAGEN))
    )
    recidive = Exists(
        eerder.filter(
            einddatum__lt=OuterRef("startdatum") - datetime.timedelta(days=DOORSTROOM_DAGEN),
            einddatum__gte=OuterRef("startdatum") - datetime.timedelta(days=RECIDIVE_DAGEN),
        )
    )
    stromen = (
        plaatsingen.filter(gestart | beeindigd)
        .values("ambulant_lokaal_team", "ambulant_aanbieder_id")
        .annotate(
            instroom=Count("id", filter=gestart),
            buiten_regio=Count(
                "id", filter=gestart & (Q(beschikking__buiten_regio=True) | Q(voorziening__gemeente__in_regio=False))
            ),
            eerste_keus=Count("id", filter=gestart & (Q(eerste_keus__isnull=True) | Q(eerste_keus=F("voorziening")))),
            doorstroom=Count("id", filter=gestart & Q(doorstroom)),
            recidive=Count("id", filter=gestart & Q(recidive)),
            uitstroom=Count("id", filter=beeindigd),
            dagen=Sum(DagenTussen(F("einddatum"), F("startdatum")), filter=beeindigd),
        )
        .order_by()
    )
    return {"capaciteit": capaciteit, "wachtlijst": wachtlijst, "besluiten": besluiten, "stromen": stromen}


# Building the four queries through the ORM costs more than PostgreSQL needs to answer them, so
# each is compiled once per database and shape and run with the quarter's values
# (kern.aggregaties.EenmaalGecompileerd, which refuses a value derived from another) (#14.4).
def _vraag(naam: str, model) -> EenmaalGecompileerd:
    return EenmaalGecompileerd(model, lambda **waarden: _vragen(_Dagen(**waarden))[naam])


_VRAGEN = {
    "capaciteit": _vraag("capaciteit", Voorziening),
    "wachtlijst": _vraag("wachtlijst", Beschikking),
    "besluiten": _vraag("besluiten", Beschikking),
    "stromen": _vraag("stromen", Plaatsing),
}


def _lees(d: _Dagen) -> dict[str, list[dict]]:
    return {naam: vraag(**d.__dict__) for naam, vraag in _VRAGEN.items()}


def servicepunt_cijfers(kwartaal: Kwartaal, gemeente: Gemeente | None = None) -> dict:
    van, tot = kwartaal.van, kwartaal.tot_en_met
    peildatum = min(tot, timezone.localdate())
    d = _Dagen(
        van=van,
        tot=tot,
        peildatum=peildatum,
        uiterlijk=peildatum - datetime.timedelta(days=regels.TWEE_WEKEN),
        einde_peildag=timezone.make_aware(
            datetime.datetime.combine(peildatum + datetime.timedelta(days=1), datetime.time())
        ),
        gemeente=gemeente.code if gemeente else None,
    )
    rijen = _lees(d)

    capaciteit = {}
    for v in rijen["capaciteit"]:
        rij = capaciteit.setdefault(v["type_id"], {"capaciteit": 0, "bezet": 0})
        rij["capaciteit"] += v["capaciteit_op"]
        rij["bezet"] += v["bezet"]
    for rij in capaciteit.values():
        rij["vrij"] = max(rij["capaciteit"] - rij["bezet"], 0)
        rij["bezettingsgraad"] = _pct(rij["bezet"], rij["capaciteit"])

    (wacht,) = rijen["wachtlijst"]
    wachtlijst = {"aantal": wacht["aantal"], "mediaan_wachtdagen": wacht.get("mediaan_wachtdagen")}
    if "mediaan_wachtdagen" not in wacht:  # the embedded SQLite of `make run` has no percentile
        wachtend = Beschikking.objects.all() if gemeente is None else Beschikking.objects.filter(gemeente=gemeente)
        wachtend = wachtend.wachtend(peildatum).annotate(dagen=DagenTussen(Value(peildatum), F("afgegeven_op")))
        wachtlijst["mediaan_wachtdagen"] = mediaan_per(wachtend, None, "dagen")[None]

    alle = {"totaal": 0, "met_verblijf": 0}
    tweeweken = {"beoordeeld": 0, "gehaald": 0}
    per_gemeente, per_aanbieder = {}, {}
    for r in rijen["besluiten"]:
        for som, velden in ((alle, ("totaal", "met_verblijf")), (tweeweken, ("beoordeeld", "gehaald"))):
            for veld in velden:
                som[veld] += r[veld]
        if r["beoordeeld"]:
            for per, sleutel in ((per_gemeente, r["gemeente"]), (per_aanbieder, r["aanbieder"] or "onbekend")):
                rij = per.setdefault(sleutel, {"beoordeeld": 0, "gehaald": 0})
                rij["beoordeeld"] += r["beoordeeld"]
                rij["gehaald"] += r["gehaald"]
    for per in (per_gemeente, per_aanbieder):
        for rij in per.values():
            rij["percentage"] = _pct(rij["gehaald"], rij["beoordeeld"])

    velden = ("instroom", "buiten_regio", "eerste_keus", "doorstroom", "recidive", "uitstroom", "dagen")
    stromen = dict.fromkeys(velden, 0)
    ambulant_partner = {}
    for r in rijen["stromen"]:
        for veld in velden:
            stromen[veld] += r[veld] or 0
        if r["instroom"]:
            # Every stay comes with ambulant help: the started placements by their ambulant partner.
            sleutel = "lokaal_team" if r["ambulant_lokaal_team"] else (r["ambulant_aanbieder_id"] or "onbekend")
            ambulant_partner[sleutel] = ambulant_partner.get(sleutel, 0) + r["instroom"]
    uitstroom, dagen = stromen.pop("uitstroom"), stromen.pop("dagen")
    return {
        "kwartaal": str(kwartaal),
        "van": van.isoformat(),
        "tot_en_met": tot.isoformat(),
        "gemeente": gemeente.code if gemeente else None,
        "peildatum": peildatum.isoformat(),
        "capaciteit": capaciteit,
        "wachtlijst": wachtlijst,
        "tweewekenregel": {
            **tweeweken,
            "percentage": _pct(tweeweken["gehaald"], tweeweken["beoordeeld"]),
            "per_gemeente": per_gemeente,
            "per_aanbieder": per_aanbieder,
        },
        "plaatsingen": {
            **stromen,
            "eerste_keus_percentage": _pct(stromen["eerste_keus"], stromen["instroom"]),
            "uitstroom": uitstroom,
            # The mean of whole days: their sum over their count, as AVG does.
            "gemiddelde_verblijfsduur": round(dagen / uitstroom, 1) if uitstroom else None,
            "ambulant_door": dict(sorted(ambulant_partner.items())),
        },
        "beschikkingen": alle,
        "verblijf_aandeel_percentage": _pct(alle["met_verblijf"], alle["totaal"]),
    }
