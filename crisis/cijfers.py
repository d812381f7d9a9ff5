"""The quarterly CCP figures (contract.md), computed in the database.

A handful of GROUP BY queries, whatever the number of referrals; the API, the page, the
CSV and the PDF all read `ccp_cijfers()`.
"""

from django.db import connection
from django.db.models import Avg, BooleanField, Case, Count, F, Max, Min, Value, When

from kern.aggregaties import DagenTussen, Kwartaal, Mediaan, mediaan_per
from kern.models import Alternatief, Gemeente, Hulpvorm, RedenGeenInzet, VervolgAmbulant, VervolgVerblijf
from perspectiefregie.regels import PERSPECTIEFPLAN_TERMIJN_DAGEN

from .models import LEEFTIJDSGROEPEN, Aanmelding, Inzet

GROEPEN = [g for g, _ in LEEFTIJDSGROEPEN]
__all__ = ["ccp_cijfers", "als_csv_rijen", "vervolg_rijen"]


def aantal_jeugdigen():
    """The distinct youths of a set of referrals, persons as kern.querysets.aantal_personen()
    counts them (one child known in several municipalities once), read from the referral's copy
    `kopie_persoon` (migration 0014): no join to every youth ever registered (#14.4)."""
    return Count("kopie_persoon", distinct=True)


def _nul_tabel(codes: list[str]) -> dict:
    return {g: {**{c: 0 for c in codes}, "totaal": 0} for g in GROEPEN}


def ccp_cijfers(kwartaal: Kwartaal, gemeente: Gemeente | None = None) -> dict:
    van, tot = kwartaal.van, kwartaal.tot_en_met
    gemeenten = [gemeente] if gemeente else list(Gemeente.objects.order_by("volgorde", "naam"))
    gemeente_codes = [g.code for g in gemeenten]
    hulpvormen = list(Hulpvorm.objects.order_by("volgorde", "code").values_list("code", flat=True))
    verblijf_vormen = set(Hulpvorm.objects.filter(verblijf=True).values_list("code", flat=True))

    # #14.4: every query reads only the quarter's rows, from covering indexes (index-only
    # scans; crisis migration 0011): the referrals by `aanmelding_kwartaal_idx`, their
    # deployments by the referral's date copied onto the deployment (`inzet_kwartaal_aanmelding_idx`,
    # kept by triggers) and the deployments that ended by `inzet_kwartaal_einde_idx`. No join
    # to the whole history, and each set is read once.
    aanmeldingen = Aanmelding.objects.filter(aanmelddatum__range=(van, tot))
    van_de_aanmeldingen = Inzet.objects.filter(kopie_aanmelddatum__range=(van, tot))
    inzetten = Inzet.objects.all()
    if gemeente:
        aanmeldingen = aanmeldingen.filter(gemeente=gemeente)
        van_de_aanmeldingen = van_de_aanmeldingen.filter(kopie_gemeente=gemeente.code)
        inzetten = inzetten.filter(kopie_gemeente=gemeente.code)

    totalen = aanmeldingen.aggregate(jeugdigen=aantal_jeugdigen())

    # Table 1: deployments of the referrals received in the quarter, and 'geen' for none.
    kolommen = hulpvormen + ["geen"]
    inzet = {g: {grp: {k: 0 for k in kolommen + ["totaal"]} for grp in GROEPEN} for g in gemeente_codes + ["totaal"]}

    def tel(g, grp, kolom, n):
        for sleutel in (g, "totaal"):
            inzet[sleutel][grp][kolom] += n
            inzet[sleutel][grp]["totaal"] += n

    for r in (
        van_de_aanmeldingen.values("kopie_gemeente", "kopie_leeftijdsgroep", "hulpvorm")
        .annotate(n=Count("*"))
        .order_by()
    ):
        tel(r["kopie_gemeente"], r["kopie_leeftijdsgroep"], r["hulpvorm"], r["n"])

    # One pass over the quarter's referrals gives the totals, 'geen', the reasons, the referral
    # type (who referred) and, under 'alternatief voorhanden', which alternative; 'onbekend'
    # holds the ones registered without it (history), so the counts add up. Whether a referral
    # had a deployment is one hashed look-up in the quarter's deployments.
    redenen = {c: 0 for c in RedenGeenInzet.objects.order_by("volgorde", "code").values_list("code", flat=True)}
    bron = {code: 0 for code, _ in Aanmelding.Bron.choices}
    alternatieven = {c: 0 for c in Alternatief.objects.order_by("volgorde", "code").values_list("code", flat=True)}
    alternatieven["onbekend"] = 0
    aantal = 0
    for r in (
        aanmeldingen.annotate(
            met_inzet=Case(
                When(pk__in=van_de_aanmeldingen.values("aanmelding_id"), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .values("gemeente", "leeftijdsgroep", "bron", "reden_geen", "alternatief", "met_inzet")
        .annotate(n=Count("*"))
        .order_by()
    ):
        aantal += r["n"]
        bron[r["bron"]] = bron.get(r["bron"], 0) + r["n"]
        if r["met_inzet"]:
            continue
        tel(r["gemeente"], r["leeftijdsgroep"], "geen", r["n"])
        if r["reden_geen"] is not None:
            redenen[r["reden_geen"]] = redenen.get(r["reden_geen"], 0) + r["n"]
        if r["reden_geen"] == "alternatief":
            sleutel = r["alternatief"] or "onbekend"
            alternatieven[sleutel] = alternatieven.get(sleutel, 0) + r["n"]
    totalen["aanmeldingen"] = aantal

    # Tables 2 and 3: follow-up of deployments that ended in the quarter, in one pass.
    beeindigd = inzetten.filter(einddatum__range=(van, tot))
    vervolg_ambulant = _nul_tabel(list(VervolgAmbulant.objects.values_list("code", flat=True)))
    vervolg_verblijf = _nul_tabel(list(VervolgVerblijf.objects.values_list("code", flat=True)))
    for r in (
        beeindigd.values("hulpvorm", "kopie_leeftijdsgroep", "vervolg_ambulant", "vervolg_verblijf")
        .annotate(n=Count("*"))
        .order_by()
    ):
        if r["hulpvorm"] in verblijf_vormen:
            tabel, code = vervolg_verblijf, r["vervolg_verblijf"]
        else:
            tabel, code = vervolg_ambulant, r["vervolg_ambulant"]
        if code is None:
            continue
        rij = tabel[r["kopie_leeftijdsgroep"]]
        rij[code] = rij.get(code, 0) + r["n"]
        rij["totaal"] += r["n"]

    # Figure 1: length of stay of the stays that ended in the quarter.
    stays = beeindigd.filter(hulpvorm__in=verblijf_vormen, startdatum__isnull=False).annotate(
        duur=DagenTussen(F("einddatum"), F("startdatum"))
    )
    per_gemeente = {"aantal": Count("*"), "gemiddeld": Avg("duur"), "min": Min("duur"), "max": Max("duur")}
    if connection.vendor == "postgresql":  # the median in the same pass (mediaan_per's own query elsewhere)
        per_gemeente["mediaan"] = Mediaan("duur")
    duur = {r["kopie_gemeente"]: r for r in stays.values("kopie_gemeente").annotate(**per_gemeente).order_by()}
    medianen = (
        {g: r["mediaan"] for g, r in duur.items()}
        if connection.vendor == "postgresql"
        else mediaan_per(stays.order_by(), "kopie_gemeente", "duur")
    )
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

    # Stays started in the quarter: by their ambulant partner (every stay comes with ambulant
    # help), how many were placed above capacity in an acute unsafe situation, and the
    # perspective plan within 14 days. The plan date is perspective direction's one record (or
    # the historical registration's date), counted with a semi-join and an anti-join instead
    # of a look-up per stay (InzetQuerySet.aantal_met_perspectiefplan_binnen).
    opnames = inzetten.filter(hulpvorm__in=verblijf_vormen, startdatum__range=(van, tot))
    ambulant_partner = {}
    for r in opnames.values("ambulant_lokaal_team", "ambulant_door__aanbieder_id").annotate(n=Count("*")).order_by():
        sleutel = "lokaal_team" if r["ambulant_lokaal_team"] else (r["ambulant_door__aanbieder_id"] or "onbekend")
        ambulant_partner[sleutel] = ambulant_partner.get(sleutel, 0) + r["n"]
    boven_capaciteit = opnames.exclude(boven_capaciteit_reden="").count()  # inzet_boven_capaciteit_idx
    plan = {
        "opnames": sum(ambulant_partner.values()),
        "op_tijd": opnames.aantal_met_perspectiefplan_binnen(PERSPECTIEFPLAN_TERMIJN_DAGEN),
    }
    plan["percentage"] = round(100 * plan["op_tijd"] / plan["opnames"], 1) if plan["opnames"] else 0.0

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
        .annotate(aanmeldingen=Count("id"), jeugdigen=aantal_jeugdigen())
        .order_by()
    }
    return {
        "kwartalen": [str(k) for k in kwartalen],
        "reeksen": {
            "Aanmeldingen": [per.get(k.van, {}).get("aanmeldingen", 0) for k in kwartalen],
            "Jeugdigen": [per.get(k.van, {}).get("jeugdigen", 0) for k in kwartalen],
        },
    }
