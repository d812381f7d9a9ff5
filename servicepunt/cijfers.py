"""Service-point figures per quarter, in the database: counts, shares and medians only."""

import datetime
from dataclasses import dataclass

from django.db import connections, router
from django.db.models import Count, DateField, Exists, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from kern.aggregaties import DagenTussen, Kwartaal, Mediaan, mediaan_per
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
# they are compiled once per database and kind (the region, or one municipality) with stand-ins
# for every value _Dagen holds, and run with the quarter's values in their place (#14.4).
_INVULLING = _Dagen(
    van=datetime.date(1000, 1, 1),
    tot=datetime.date(1000, 1, 2),
    peildatum=datetime.date(1000, 1, 3),
    uiterlijk=datetime.date(1000, 1, 4),
    einde_peildag=datetime.datetime(1000, 1, 5, tzinfo=datetime.UTC),
    gemeente="\x00gemeente",
)
_GECOMPILEERD: dict[tuple[str, bool], dict[str, tuple[str, tuple]]] = {}


def _gecompileerd(alias: str, per_gemeente: bool) -> dict[str, tuple[str, tuple]]:
    sleutel = (alias, per_gemeente)
    if sleutel not in _GECOMPILEERD:
        invulling = _INVULLING if per_gemeente else _Dagen(**{**_INVULLING.__dict__, "gemeente": None})
        _GECOMPILEERD[sleutel] = {
            naam: qs.query.get_compiler(using=alias).as_sql() for naam, qs in _vragen(invulling).items()
        }
    return _GECOMPILEERD[sleutel]


def _invullen(d: _Dagen, ops) -> dict:
    """Each stand-in and the quarter's value in its place, also in the form the database's
    adapter gave the stand-in when the query was compiled (SQLite's dates are text)."""
    uit = {}
    for veld, waarde in d.__dict__.items():
        invulling = getattr(_INVULLING, veld)
        uit[invulling] = waarde
        if isinstance(invulling, datetime.datetime):
            uit[ops.adapt_datetimefield_value(invulling)] = ops.adapt_datetimefield_value(waarde)
        elif isinstance(invulling, datetime.date):
            uit[ops.adapt_datefield_value(invulling)] = ops.adapt_datefield_value(waarde)
    return uit


def _ingevuld(naam: str, params, invullen: dict) -> list:
    waarden = [invullen.get(p, p) if isinstance(p, datetime.date | str) else p for p in params]
    # A value derived from a stand-in inside _vragen (say van + 1 day), or a form of one the
    # adapter made that _invullen does not know, would run as the year 1000 and count nothing,
    # silently: refuse instead.
    if any(
        (isinstance(w, datetime.date) and w.year == 1000)
        or (isinstance(w, str) and w.startswith("1000-"))
        or w == _INVULLING.gemeente
        for w in waarden
    ):
        raise RuntimeError(f"servicepunt-cijfers: een afgeleide of niet ingevulde waarde in '{naam}'")
    return waarden


def _lees(d: _Dagen) -> dict[str, list[dict]]:
    alias = router.db_for_read(Beschikking)
    invullen = _invullen(d, connections[alias].ops)
    uit = {}
    with connections[alias].cursor() as c:
        for naam, (sql, params) in _gecompileerd(alias, d.gemeente is not None).items():
            c.execute(sql, _ingevuld(naam, params, invullen))
            kolommen = [k[0] for k in c.description]
            uit[naam] = [dict(zip(kolommen, r, strict=True)) for r in c.fetchall()]
    return uit


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
