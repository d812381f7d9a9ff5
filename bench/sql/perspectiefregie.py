"""Compares bench/sql/perspectiefregie.sql's row with the app's perspective-direction figures (bench/run.py's `gelijk`)."""

from perspectiefregie.cijfers import perspectiefregie_cijfers

CIJFERS = perspectiefregie_cijfers


def vergelijk(cijfers: dict, rijen: list[dict], zelfde) -> None:
    (r,) = rijen
    zelfde("jeugdigen", cijfers["jeugdigen_vrijwillig_verblijf"], r["jeugdigen"])
    zelfde("trajecten", cijfers["trajecten"], r["trajecten"])
    zelfde("met regisseur", cijfers["met_regisseur"], r["met_regisseur"])
    zelfde("plannen verwacht", cijfers["plannen_verwacht"], r["verwacht"])
    zelfde("plannen op tijd", cijfers["plannen_op_tijd"], r["op_tijd"])
    zelfde("regisseurwissels", cijfers["regisseurwissels"], int(r["wissels"]))
    mediaan = round(float(r["mediaan"]), 1) if r["mediaan"] is not None else None
    zelfde("mediaan dagen tot regisseur", cijfers["mediaan_dagen_tot_regisseur"], mediaan)
    zelfde("gestart met regisseur", cijfers["gestart_met_regisseur"], r["gestart"])
    zelfde("gedwongen kader uitgesloten", cijfers["gedwongen_kader_uitgesloten"], r["gi"])
    # The derived shares follow from the counts the same way on both sides.
    zelfde(
        "percentage met regisseur",
        cijfers["percentage_met_regisseur"],
        round(100 * r["met_regisseur"] / r["trajecten"], 1) if r["trajecten"] else 0.0,
    )
    zelfde(
        "percentage plan op tijd",
        cijfers["percentage_plan_op_tijd"],
        round(100 * r["op_tijd"] / r["verwacht"], 1) if r["verwacht"] else 0.0,
    )
