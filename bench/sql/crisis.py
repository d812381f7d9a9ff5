"""Compares bench/sql/crisis.sql's rows with the app's CCP figures (bench/run.py's `gelijk`)."""

from collections import Counter

from crisis.cijfers import ccp_cijfers

CIJFERS = ccp_cijfers


def vergelijk(cijfers: dict, rijen: list[dict], zelfde) -> None:
    per = {}
    for r in rijen:
        per.setdefault(r["soort"], []).append(r)
    zelfde("jeugdigen", cijfers["jeugdigen"], int(per["personen"][0]["n"]))
    aanmeldingen = per.get("aanmeldingen", [])
    zelfde("aanmeldingen", cijfers["aanmeldingen"], int(sum(r["n"] for r in aanmeldingen)))
    bron = Counter()
    geen = Counter()
    for r in aanmeldingen:
        bron[r["c"]] += int(r["n"])
        geen[(r["a"], r["b"])] += int(r["x"])
    zelfde("bron", {k: v for k, v in cijfers["bron"].items() if v}, dict(+bron))
    inzet = Counter()
    for r in per.get("tabel1", []):
        inzet[(r["a"], r["b"], r["c"])] += int(r["n"])
    for g, groepen in cijfers["inzet"].items():
        if g == "totaal":
            continue
        for grp, kolommen in groepen.items():
            for kolom, n in kolommen.items():
                if kolom == "totaal":
                    continue
                sql = geen[(g, grp)] if kolom == "geen" else inzet[(g, grp, kolom)]
                zelfde(f"inzet {g} {grp} {kolom}", n, sql)
    duur = {r["a"]: r for r in per.get("duur", [])}
    for g, d in cijfers["verblijfsduur"].items():
        r = duur.get(g)
        zelfde(f"verblijfsduur {g} aantal", d["aantal"], int(r["n"]) if r else 0)
        if r:
            zelfde(f"verblijfsduur {g} gemiddeld", d["gemiddeld"], round(float(r["x"]), 1))
            zelfde(f"verblijfsduur {g} mediaan", d["mediaan"], round(float(r["y"]), 1))
            zelfde(f"verblijfsduur {g} min/max", (d["min"], d["max"]), divmod(int(r["z"]), 1000))
    plan = per["plan"][0]
    zelfde("plan", cijfers["perspectiefplan_binnen_14_dagen"]["opnames"], int(plan["n"]))
    zelfde("plan op tijd", cijfers["perspectiefplan_binnen_14_dagen"]["op_tijd"], int(plan["x"]))
    zelfde("boven capaciteit", cijfers["boven_capaciteit"], int(per["boven"][0]["n"]))
    vervolg = Counter()
    for r in per.get("vervolg", []):
        vervolg[(r["b"], r["c"] or r["d"])] += int(r["n"])
    for tabel in ("vervolg_ambulant", "vervolg_verblijf"):
        for grp, rij in cijfers[tabel].items():
            for code, n in rij.items():
                if code != "totaal" and n:
                    zelfde(f"{tabel} {grp} {code}", n, vervolg[(grp, code)])
