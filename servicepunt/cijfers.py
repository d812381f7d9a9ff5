"""Service-point figures per quarter, in the database: counts, shares and medians only."""

import datetime

from django.db.models import Avg, Count, DateField, Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from kern.aggregaties import DagenTussen, Kwartaal, mediaan_per
from kern.bezetting import met_bezetting
from kern.models import Gemeente, Voorziening

from . import regels
from .models import Beschikking, Capaciteitsmelding, Plaatsing

DOORSTROOM_DAGEN = 14  # a new placement within two weeks of the last one is a transfer
RECIDIVE_DAGEN = 365  # a return to 24-hour care within a year of leaving


def _pct(deel, geheel):
    return round(100 * deel / geheel, 1) if geheel else 0.0


def servicepunt_cijfers(kwartaal: Kwartaal, gemeente: Gemeente | None = None) -> dict:
    van, tot = kwartaal.van, kwartaal.tot_en_met
    peildatum = min(tot, timezone.localdate())
    beschikkingen = Beschikking.objects.all()
    plaatsingen = Plaatsing.objects.all()
    if gemeente:
        beschikkingen = beschikkingen.filter(gemeente=gemeente)
        plaatsingen = plaatsingen.filter(beschikking__gemeente=gemeente)

    # Capacity and occupancy per kind of facility on the reference date (kern.bezetting).
    # A past quarter states the capacity of its reference date from the capacity history (the
    # providers' confirmations), not today's; without a confirmation by then, today's.
    melding = Capaciteitsmelding.objects.filter(voorziening=OuterRef("pk"), gemeld_op__date__lte=peildatum).order_by(
        "-gemeld_op", "-pk"
    )
    capaciteit = {}
    for v in (
        met_bezetting(Voorziening.objects.filter(actief=True, type__hulpvorm__isnull=True), peildatum)
        .annotate(capaciteit_op=Coalesce(Subquery(melding.values("capaciteit")[:1]), F("capaciteit")))
        .values("type_id", "capaciteit_op", "bezet")
    ):
        rij = capaciteit.setdefault(v["type_id"], {"capaciteit": 0, "bezet": 0})
        rij["capaciteit"] += v["capaciteit_op"]
        rij["bezet"] += v["bezet"]
    for rij in capaciteit.values():
        rij["vrij"] = max(rij["capaciteit"] - rij["bezet"], 0)
        rij["bezettingsgraad"] = _pct(rij["bezet"], rij["capaciteit"])

    wachtend = beschikkingen.wachtend(peildatum)
    wachtdagen = mediaan_per(
        wachtend.annotate(dagen=DagenTussen(_datum(peildatum), F("afgegeven_op"))), None, "dagen"
    ).get(None)

    # Two-week rule: decisions issued in the quarter whose day 14 has passed by the reference date.
    uiterlijk = peildatum - datetime.timedelta(days=regels.TWEE_WEKEN)
    termijn = beschikkingen.filter(afgegeven_op__range=(van, min(tot, uiterlijk))).met_eerste_start()
    tweeweken = termijn.aggregate(
        beoordeeld=Count("id"),
        gehaald=Count("id", filter=Q(eerste_start__lte=F("afgegeven_op") + datetime.timedelta(days=regels.TWEE_WEKEN))),
    )
    per_gemeente = _tweeweken_per(termijn, "gemeente")
    per_aanbieder = _tweeweken_per(termijn, "aanbieder")

    gestart = plaatsingen.filter(startdatum__range=(van, tot))
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
    stromen = gestart.aggregate(
        instroom=Count("id"),
        buiten_regio=Count("id", filter=Q(beschikking__buiten_regio=True) | Q(voorziening__gemeente__in_regio=False)),
        eerste_keus=Count("id", filter=Q(eerste_keus__isnull=True) | Q(eerste_keus=F("voorziening"))),
    )
    # Every stay comes with ambulant help: placements started in the quarter by their ambulant partner.
    ambulant_partner = {}
    for r in gestart.values("ambulant_lokaal_team", "ambulant_aanbieder_id").annotate(n=Count("id")).order_by():
        sleutel = "lokaal_team" if r["ambulant_lokaal_team"] else (r["ambulant_aanbieder_id"] or "onbekend")
        ambulant_partner[sleutel] = ambulant_partner.get(sleutel, 0) + r["n"]
    stromen["doorstroom"] = gestart.filter(doorstroom).count()
    stromen["recidive"] = gestart.filter(recidive).count()
    uitstroom = (
        plaatsingen.filter(einddatum__range=(van, tot))
        .annotate(duur=DagenTussen(F("einddatum"), F("startdatum")))
        .aggregate(uitstroom=Count("id"), gemiddelde_verblijfsduur=Avg("duur"))
    )
    alle = beschikkingen.filter(afgegeven_op__range=(van, tot)).aggregate(
        totaal=Count("id"), met_verblijf=Count("id", filter=Q(zorgtype__isnull=False))
    )
    return {
        "kwartaal": str(kwartaal),
        "van": van.isoformat(),
        "tot_en_met": tot.isoformat(),
        "gemeente": gemeente.code if gemeente else None,
        "peildatum": peildatum.isoformat(),
        "capaciteit": capaciteit,
        "wachtlijst": {"aantal": wachtend.count(), "mediaan_wachtdagen": wachtdagen},
        "tweewekenregel": {
            **tweeweken,
            "percentage": _pct(tweeweken["gehaald"], tweeweken["beoordeeld"]),
            "per_gemeente": per_gemeente,
            "per_aanbieder": per_aanbieder,
        },
        "plaatsingen": {
            **stromen,
            "eerste_keus_percentage": _pct(stromen["eerste_keus"], stromen["instroom"]),
            "uitstroom": uitstroom["uitstroom"],
            "gemiddelde_verblijfsduur": round(float(uitstroom["gemiddelde_verblijfsduur"]), 1)
            if uitstroom["gemiddelde_verblijfsduur"] is not None
            else None,
            "ambulant_door": dict(sorted(ambulant_partner.items())),
        },
        "beschikkingen": alle,
        "verblijf_aandeel_percentage": _pct(alle["met_verblijf"], alle["totaal"]),
    }


def _datum(dag):
    return Value(dag, output_field=DateField())


def _tweeweken_per(termijn, veld: str) -> dict:
    grens = F("afgegeven_op") + datetime.timedelta(days=regels.TWEE_WEKEN)
    uit = {}
    for r in (
        termijn.values(veld)
        .order_by()
        .annotate(n=Count("id", distinct=True), gehaald=Count("id", distinct=True, filter=Q(eerste_start__lte=grens)))
    ):
        sleutel = r[veld] or "onbekend"
        uit[sleutel] = {"beoordeeld": r["n"], "gehaald": r["gehaald"], "percentage": _pct(r["gehaald"], r["n"])}
    return uit
