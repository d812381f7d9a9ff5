"""Compares bench/sql/experttafel.sql's rows with the app's expert-table figures (bench/run.py's `gelijk`)."""

from experttafel.cijfers import SOORTEN, experttafel_cijfers

CIJFERS = experttafel_cijfers


def vergelijk(cijfers: dict, rijen: list[dict], zelfde) -> None:
    per = {}
    for r in rijen:
        per.setdefault(r["soort"], []).append(r)
    kolommen = dict(zip(SOORTEN, "abcdef", strict=True))
    gemeenten = {r["sleutel"]: r for r in per.get("gemeente", [])}
    zelfde("gemeenten met casussen", set(gemeenten) - set(cijfers["per_gemeente"]), set())
    for g, tellingen in cijfers["per_gemeente"].items():
        for soort, kolom in kolommen.items():
            zelfde(f"{g} {soort}", tellingen[soort], int(gemeenten[g][kolom]) if g in gemeenten else 0)
    for soort, kolom in kolommen.items():
        zelfde(f"totaal {soort}", cijfers[soort], int(sum(r[kolom] for r in gemeenten.values())))
    zelfde("escalatie-uitkomsten", cijfers["escalatie_uitkomsten"], int(per["uitkomsten"][0]["a"]))
    adviezen = per["adviezen"][0]
    zelfde("adviezen", cijfers["adviezen"], int(adviezen["a"]))
    mediaan = adviezen["b"]
    zelfde(
        "mediaan dagen tot advies", cijfers["mediaan_dagen_tot_advies"], None if mediaan is None else round(mediaan, 1)
    )
    lessen = {r["sleutel"]: int(r["a"]) for r in per.get("lessen", [])}
    for doel, n in cijfers["lessen_per_doel"].items():
        zelfde(f"lessen {doel}", n, lessen.pop(doel, 0))
    zelfde("lessen zonder doel in de app", lessen, {})
    leren = per["leren"][0]
    for figuur, kolom in (("nodig", "a"), ("gehouden", "b"), ("op_tijd", "c"), ("open_einde_kwartaal", "d")):
        zelfde(f"actieleren {figuur}", cijfers["actieleren"][figuur], int(leren[kolom]))
    actieleren = {r["sleutel"]: int(r["a"]) for r in per.get("actieleren", [])}
    for doel, n in cijfers["actieleren_per_doel"].items():
        zelfde(f"actieleren {doel}", n, actieleren.pop(doel, 0))
    zelfde("actieleren zonder doel in de app", actieleren, {})
