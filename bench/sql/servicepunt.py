"""Compares bench/sql/servicepunt.sql's rows with the app's service-point figures (bench/run.py's `gelijk`)."""

from servicepunt.cijfers import servicepunt_cijfers

CIJFERS = servicepunt_cijfers


def _pct(deel, geheel):
    return round(100 * deel / geheel, 1) if geheel else 0.0


def vergelijk(cijfers: dict, rijen: list[dict], zelfde) -> None:
    per = {}
    for r in rijen:
        per.setdefault(r["soort"], []).append(r)

    capaciteit = {}
    for r in per.get("capaciteit", []):
        cap, bezet = int(r["n"]), int(r["x"])
        capaciteit[r["a"]] = {
            "capaciteit": cap,
            "bezet": bezet,
            "vrij": max(cap - bezet, 0),
            "bezettingsgraad": _pct(bezet, cap),
        }
    zelfde("capaciteit", cijfers["capaciteit"], capaciteit)

    (w,) = per["wachtlijst"]
    zelfde("wachtlijst aantal", cijfers["wachtlijst"]["aantal"], int(w["n"]))
    zelfde("wachtlijst mediaan", cijfers["wachtlijst"]["mediaan_wachtdagen"], w["x"])

    t = cijfers["tweewekenregel"]
    per_sleutel = {"gemeente": {}, "aanbieder": {}}
    for r in per["beschikkingen"]:
        n, beoordeeld, gehaald = int(r["n"]), int(r["y"]), int(r["z"])
        if r["a"] is None:
            zelfde("beschikkingen", cijfers["beschikkingen"], {"totaal": n, "met_verblijf": int(r["x"])})
            zelfde("verblijf aandeel", cijfers["verblijf_aandeel_percentage"], _pct(int(r["x"]), n))
            zelfde("tweewekenregel beoordeeld", t["beoordeeld"], beoordeeld)
            zelfde("tweewekenregel gehaald", t["gehaald"], gehaald)
            zelfde("tweewekenregel percentage", t["percentage"], _pct(gehaald, beoordeeld))
        else:
            per_sleutel[r["a"]][r["b"] or "onbekend"] = {
                "beoordeeld": beoordeeld,
                "gehaald": gehaald,
                "percentage": _pct(gehaald, beoordeeld),
            }
    zelfde("tweewekenregel per gemeente", t["per_gemeente"], per_sleutel["gemeente"])
    zelfde("tweewekenregel per aanbieder", t["per_aanbieder"], per_sleutel["aanbieder"])

    p = cijfers["plaatsingen"]
    ambulant = {}
    for r in per["plaatsingen"]:
        n = int(r["n"])
        if r["a"] is not None:
            sleutel = "lokaal_team" if r["a"] == "true" else (r["b"] or "onbekend")
            ambulant[sleutel] = ambulant.get(sleutel, 0) + n
            continue
        zelfde("instroom", p["instroom"], n)
        zelfde("buiten regio", p["buiten_regio"], int(r["x"]))
        zelfde("eerste keus", p["eerste_keus"], int(r["y"]))
        zelfde("eerste keus percentage", p["eerste_keus_percentage"], _pct(int(r["y"]), n))
        zelfde("doorstroom", p["doorstroom"], int(r["z"]))
        zelfde("recidive", p["recidive"], int(r["u"]))
    (u,) = per["uitstroom"]
    zelfde("uitstroom", p["uitstroom"], int(u["n"]))
    zelfde(
        "gemiddelde verblijfsduur",
        p["gemiddelde_verblijfsduur"],
        None if u["x"] is None else round(float(u["x"]), 1),
    )
    zelfde("ambulant door", p["ambulant_door"], ambulant)
