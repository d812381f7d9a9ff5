"""A provider's own quarterly figures (the 2016 progress report: the CCP "genereert
kwartaalrapportages over het gebruik ... voor de betrokken aanbieders en gemeenten"): referrals
assigned, accepted, declined per reason, its stays and their follow-up. Counts only, its own."""

from django.db.models import Count, Q

from kern.aggregaties import Kwartaal
from kern.models import Aanbieder, VervolgAmbulant, VervolgVerblijf, Weigerreden

from .models import Inzet, Toewijzing


def aanbieder_cijfers(kwartaal: Kwartaal, aanbieder: Aanbieder) -> dict:
    van, tot = kwartaal.van, kwartaal.tot_en_met
    toewijzingen = Toewijzing.objects.filter(aanbieder=aanbieder, toegewezen_op__date__range=(van, tot))
    t = toewijzingen.aggregate(
        toegewezen=Count("id"),
        geaccepteerd=Count("id", filter=Q(status=Toewijzing.Status.GEACCEPTEERD)),
        geweigerd=Count("id", filter=Q(status=Toewijzing.Status.GEWEIGERD)),
        open=Count("id", filter=Q(status=Toewijzing.Status.TOEGEWEZEN)),
    )
    redenen = {c: 0 for c in Weigerreden.objects.order_by("volgorde", "code").values_list("code", flat=True)}
    redenen["onbekend"] = 0
    for r in toewijzingen.filter(status=Toewijzing.Status.GEWEIGERD).values("weigerreden").annotate(n=Count("id")):
        redenen[r["weigerreden"] or "onbekend"] += r["n"]

    eigen = Inzet.objects.filter(Q(aanbieder=aanbieder) | Q(voorziening__aanbieder=aanbieder))
    verblijven = eigen.filter(hulpvorm__verblijf=True)
    v = {
        "gestart": verblijven.filter(startdatum__range=(van, tot)).count(),
        "beeindigd": verblijven.filter(einddatum__range=(van, tot)).count(),
    }
    ambulant = {c: 0 for c in VervolgAmbulant.objects.values_list("code", flat=True)}
    for r in (
        eigen.filter(hulpvorm__verblijf=False, einddatum__range=(van, tot), vervolg_ambulant__isnull=False)
        .values("vervolg_ambulant")
        .annotate(n=Count("id"))
    ):
        ambulant[r["vervolg_ambulant"]] = r["n"]
    verblijf = {c: 0 for c in VervolgVerblijf.objects.values_list("code", flat=True)}
    for r in (
        verblijven.filter(einddatum__range=(van, tot), vervolg_verblijf__isnull=False)
        .values("vervolg_verblijf")
        .annotate(n=Count("id"))
    ):
        verblijf[r["vervolg_verblijf"]] = r["n"]
    return {
        "kwartaal": str(kwartaal),
        "van": van.isoformat(),
        "tot_en_met": tot.isoformat(),
        "aanbieder": aanbieder.code,
        **t,
        "geweigerd_per_reden": redenen,
        "verblijven": v,
        "vervolg_ambulant": ambulant,
        "vervolg_verblijf": verblijf,
    }
