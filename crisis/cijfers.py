"""The quarterly CCP figures (contract.md), computed in the database.

A handful of GROUP BY queries, whatever the number of referrals; the API, the page, the
CSV and the PDF all read `ccp_cijfers()`.
"""

import datetime

from django.db.models import Avg, Count, Exists, F, Max, Min, OuterRef, Q

from kern.aggregaties import DagenTussen, Kwartaal, mediaan_per
from kern.models import Alternatief, Gemeente, Hulpvorm, RedenGeenInzet, VervolgAmbulant, VervolgVerblijf
from kern.querysets import persoon

from .models import LEEFTIJDSGROEPEN, Aanmelding, Inzet
from .regels import PERSPECTIEFPLAN_TERMIJN_DAGEN

GROEPEN = [g for g, _ in LEEFTIJDSGROEPEN]
__all__ = ["ccp_cijfers", "als_csv_rijen", "vervolg_rijen"]


def _nul_tabel(codes: list[str]) -> dict:
    return {g: {**{c: 0 for c in codes}, "totaal": 0} for g in GROEPEN}


def ccp_cijfers(kwartaal: Kwartaal, gemeente: Gemeente | None = None) -> dict:
    van, tot = kwartaal.van, kwartaal.tot_en_met
    gemeenten = [gemeente] if gemeente else list(Gemeente.objects.order_by("volgorde", "naam"))
    gemeente_codes = [g.code for g in gemeenten]
    hulpvormen = list(Hulpvorm.objects.order_by("volgorde", "code").values_list("code", flat=True))
    verblijf_vormen = set(Hulpvorm.objects.filter(verblijf=True).values_list("code", flat=True))

    aanmeldingen = Aanmelding.objects.filter(aanmelddatum__range=(van, tot))
    inzetten = Inzet.objects.all()
    if gemeente:
        aanmeldingen = aanmeldingen.filter(gemeente=gemeente)
        inzetten = inzetten.filter(aanmelding__gemeente=gemeente)

    totalen = aanmeldingen.aggregate(aanmeldingen=Count("id"), jeugdigen=Count(persoon(), distinct=True))

    # Table 1: deployments of the referrals received in the quarter, and 'geen' for none.
    kolommen = hulpvormen + ["geen"]
    inzet = {g: {grp: {k: 0 for k in kolommen + ["totaal"]} for grp in GROEPEN} for g in gemeente_codes + ["totaal"]}

    def tel(g, grp, kolom, n):
        for sleutel in (g, "totaal"):
            inzet[sleutel][grp][kolom] += n
            inzet[sleutel][grp]["totaal"] += n

    per_vorm = (
        inzetten.filter(aanmelding__aanmelddatum__range=(van, tot))
        .values("aanmelding__gemeente", "aanmelding__leeftijdsgroep", "hulpvorm")
        .annotate(n=Count("id"))
    )
    for r in per_vorm:
        tel(r["aanmelding__gemeente"], r["aanmelding__leeftijdsgroep"], r["hulpvorm"], r["n"])
    zonder = aanmeldingen.filter(~Exists(Inzet.objects.filter(aanmelding=OuterRef("pk"))))
    for r in zonder.values("gemeente", "leeftijdsgroep").annotate(n=Count("id")):
        tel(r["gemeente"], r["leeftijdsgroep"], "geen", r["n"])

    redenen = {c: 0 for c in RedenGeenInzet.objects.order_by("volgorde", "code").values_list("code", flat=True)}
    for r in zonder.filter(reden_geen__isnull=False).values("reden_geen").annotate(n=Count("id")):
        redenen[r["reden_geen"]] = r["n"]

    # The referral type (who referred) and, under 'alternatief voorhanden', which alternative;
    # 'onbekend' holds the ones registered without it (history), so the counts add up.
    bron = {code: 0 for code, _ in Aanmelding.Bron.choices}
    for r in aanmeldingen.values("bron").annotate(n=Count("id")):
        bron[r["bron"]] = r["n"]
    alternatieven = {c: 0 for c in Alternatief.objects.order_by("volgorde", "code").values_list("code", flat=True)}
    alternatieven["onbekend"] = 0
    for r in zonder.filter(reden_geen="alternatief").values("alternatief").annotate(n=Count("id")):
        alternatieven[r["alternatief"] or "onbekend"] = r["n"]

    # Tables 2 and 3: follow-up of deployments that ended in the quarter.
    beeindigd = inzetten.filter(einddatum__range=(van, tot))
    vervolg_ambulant = _nul_tabel(list(VervolgAmbulant.objects.values_list("code", flat=True)))
    for r in (
        beeindigd.exclude(hulpvorm__in=verblijf_vormen)
        .filter(vervolg_ambulant__isnull=False)
        .values("aanmelding__leeftijdsgroep", "vervolg_ambulant")
        .annotate(n=Count("id"))
    ):
        rij = vervolg_ambulant[r["aanmelding__leeftijdsgroep"]]
        rij[r["vervolg_ambulant"]] = rij.get(r["vervolg_ambulant"], 0) + r["n"]
        rij["totaal"] += r["n"]
    vervolg_verblijf = _nul_tabel(list(VervolgVerblijf.objects.values_list("code", flat=True)))
    for r in (
        beeindigd.filter(hulpvorm__in=verblijf_vormen, vervolg_verblijf__isnull=False)
        .values("aanmelding__leeftijdsgroep", "vervolg_verblijf")
        .annotate(n=Count("id"))
    ):
        rij = vervolg_verblijf[r["aanmelding__leeftijdsgroep"]]
        rij[r["vervolg_verblijf"]] = rij.get(r["vervolg_verblijf"], 0) + r["n"]
        rij["totaal"] += r["n"]

    # Figure 1: length of stay of the stays that ended in the quarter.
    stays = beeindigd.filter(hulpvorm__in=verblijf_vormen, startdatum__isnull=False).annotate(
        gemeente=F("aanmelding__gemeente"), duur=DagenTussen(F("einddatum"), F("startdatum"))
    )
    duur = {
        r["gemeente"]: r
        for r in stays.values("gemeente").annotate(
            aantal=Count("id"), gemiddeld=Avg("duur"), min=Min("duur"), max=Max("duur")
        )
    }
    medianen = mediaan_per(stays, "gemeente", "duur")
    verblijfsduur = {}
    for code in gemeente_codes:
        r = duur.get(code)
        verblijfsduur[code] = (
            {
                "aantal": r["aantal"],
                "gemiddeld": round(float(r["gemiddeld"]), 1),
                "mediaan": round(medianen[code], 1),
                "min": r["min"],
                "max": r["max"],
            }
            if r
            else {"aantal": 0, "gemiddeld": None, "mediaan": None, "min": None, "max": None}
        )

    # Perspective plan within 14 days of the stays that started in the quarter.
    # The plan date is perspective direction's one record (or the historical registration's date).
    plan = (
        inzetten.filter(hulpvorm__in=verblijf_vormen, startdatum__range=(van, tot))
        .met_perspectiefplan()
        .aggregate(
            opnames=Count("id"),
            op_tijd=Count(
                "id",
                filter=Q(plan_datum__isnull=False)
                & Q(plan_datum__lte=F("startdatum") + datetime.timedelta(days=PERSPECTIEFPLAN_TERMIJN_DAGEN)),
            ),
        )
    )
    plan["percentage"] = round(100 * plan["op_tijd"] / plan["opnames"], 1) if plan["opnames"] else 0.0

    # Stays started in the quarter: by their ambulant partner (every stay comes with ambulant
    # help), and how many were placed above capacity in an acute unsafe situation.
    opnames = inzetten.filter(hulpvorm__in=verblijf_vormen, startdatum__range=(van, tot))
    ambulant_partner = {}
    boven_capaciteit = 0
    for r in (
        opnames.values("ambulant_lokaal_team", "ambulant_door__aanbieder_id")
        .annotate(n=Count("id"), boven=Count("id", filter=~Q(boven_capaciteit_reden="")))
        .order_by()
    ):
        sleutel = "lokaal_team" if r["ambulant_lokaal_team"] else (r["ambulant_door__aanbieder_id"] or "onbekend")
        ambulant_partner[sleutel] = ambulant_partner.get(sleutel, 0) + r["n"]
        boven_capaciteit += r["boven"]

    return {
        "kwartaal": str(kwartaal),
        "van": van.isoformat(),
        "tot_en_met": tot.isoformat(),
        "gemeente": gemeente.code if gemeente else None,
        "aanmeldingen": totalen["aanmeldingen"],
        "jeugdigen": totalen["jeugdigen"],
        "inzet": inzet,
        "redenen_geen": redenen,
        "alternatieven": alternatieven,
        "bron": bron,
        "vervolg_ambulant": vervolg_ambulant,
        "vervolg_verblijf": vervolg_verblijf,
        "verblijfsduur": verblijfsduur,
        "perspectiefplan_binnen_14_dagen": plan,
        "verblijf_ambulant_door": dict(sorted(ambulant_partner.items())),
        "boven_capaciteit": boven_capaciteit,
    }


def als_csv_rijen(cijfers: dict) -> list[list]:
    """The same figures as flat rows (tabel, gemeente, leeftijdsgroep, kolom, waarde)."""
    rijen = [["tabel", "gemeente", "leeftijdsgroep", "kolom", "waarde"]]
    rijen += [["totalen", "", "", k, cijfers[k]] for k in ("aanmeldingen", "jeugdigen")]
    for g, groepen in cijfers["inzet"].items():
        for grp, kolommen in groepen.items():
            rijen += [["inzet", g, grp, k, v] for k, v in kolommen.items()]
    rijen += [["redenen_geen", "", "", k, v] for k, v in cijfers["redenen_geen"].items()]
    for tabel in ("alternatieven", "bron"):
        rijen += [[tabel, "", "", k, v] for k, v in cijfers.get(tabel, {}).items()]
    for tabel in ("vervolg_ambulant", "vervolg_verblijf"):
        for grp, kolommen in cijfers[tabel].items():
            rijen += [[tabel, "", grp, k, v] for k, v in kolommen.items()]
    for g, waarden in cijfers["verblijfsduur"].items():
        rijen += [["verblijfsduur", g, "", k, "" if v is None else v] for k, v in waarden.items()]
    rijen += [
        ["perspectiefplan_binnen_14_dagen", "", "", k, v] for k, v in cijfers["perspectiefplan_binnen_14_dagen"].items()
    ]
    return rijen


def vervolg_rijen(cijfers: dict, tabel: str) -> list[tuple[str, int, int]]:
    """Table 2 or 3 as rows (code, 12-, 12+), the total last, for pages and the PDF."""
    links, rechts = cijfers[tabel]["12-"], cijfers[tabel]["12+"]
    return [(code, links[code], rechts.get(code, 0)) for code in links]


def trend_aanmeldingen(kwartaal: Kwartaal, gemeente: Gemeente | None = None, aantal: int = 8) -> dict:
    """Referrals, youths and stays started per quarter over the last `aantal` quarters: one
    query, for the figures page's trend chart (the PDF uses each quarter's full figures)."""
    from django.db.models.functions import TruncQuarter

    kwartalen, k = [], kwartaal
    for _ in range(aantal):
        kwartalen.append(k)
        k = k.vorige()
    kwartalen.reverse()
    qs = Aanmelding.objects.filter(aanmelddatum__range=(kwartalen[0].van, kwartaal.tot_en_met))
    if gemeente:
        qs = qs.filter(gemeente=gemeente)
    per = {
        r["q"]: r
        for r in qs.annotate(q=TruncQuarter("aanmelddatum"))
        .values("q")
        .annotate(aanmeldingen=Count("id"), jeugdigen=Count(persoon(), distinct=True))
        .order_by()
    }
    return {
        "kwartalen": [str(k) for k in kwartalen],
        "reeksen": {
            "Aanmeldingen": [per.get(k.van, {}).get("aanmeldingen", 0) for k in kwartalen],
            "Jeugdigen": [per.get(k.van, {}).get("jeugdigen", 0) for k in kwartalen],
        },
    }
