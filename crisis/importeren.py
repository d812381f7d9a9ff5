"""Import of the CCP's historical registration spreadsheet (contract.md, Historical import).

Rows are facts: checked for format (codes, dates, an end not before its start), not against
today's intake rules. All or nothing; a second run of the same file adds nothing.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from kern.models import (
    Gemeente,
    Hulpvorm,
    Jeugdige,
    RedenGeenInzet,
    VervolgAmbulant,
    VervolgVerblijf,
    leeftijdsgroep_op,
)

from .models import Aanmelding, Inzet

KOLOMMEN = [
    "registratienummer",
    "jeugdige",
    "aanmelddatum",
    "geboortedatum",
    "gemeente",
    "hulpvorm",
    "reden_geen",
    "startdatum",
    "einddatum",
    "vervolg",
    "perspectiefplan_datum",
]


@dataclass
class Resultaat:
    aanmeldingen: int = 0
    inzetten: int = 0
    overgeslagen: int = 0
    fouten: list[str] = field(default_factory=list)


class ImportFout(Exception):
    def __init__(self, fouten):
        super().__init__("\n".join(fouten))
        self.fouten = fouten


def _datum(waarde: str, kolom: str, regel: int, fouten: list, verplicht=False):
    if not waarde:
        if verplicht:
            fouten.append(f"regel {regel}: {kolom} ontbreekt")
        return None
    try:
        return datetime.date.fromisoformat(waarde)
    except ValueError:
        fouten.append(f"regel {regel}: {kolom} '{waarde}' is geen datum (JJJJ-MM-DD)")
        return None


def importeer(bestand: io.TextIOBase) -> Resultaat:
    codes = {
        "gemeente": set(Gemeente.objects.values_list("code", flat=True)),
        "hulpvorm": dict(Hulpvorm.objects.values_list("code", "verblijf")),
        "reden_geen": set(RedenGeenInzet.objects.values_list("code", flat=True)),
        "vervolg_ambulant": set(VervolgAmbulant.objects.values_list("code", flat=True)),
        "vervolg_verblijf": set(VervolgVerblijf.objects.values_list("code", flat=True)),
    }
    lezer = csv.DictReader(bestand)
    ontbrekend = [k for k in KOLOMMEN if k not in (lezer.fieldnames or [])]
    if ontbrekend:
        raise ImportFout([f"regel 1: kolommen ontbreken: {', '.join(ontbrekend)}"])

    fouten: list[str] = []
    per_registratie: dict[str, dict] = {}
    for regel, rij in enumerate(lezer, start=2):
        rij = {k: (v or "").strip() for k, v in rij.items() if k}
        nr = rij["registratienummer"]
        if not nr:
            fouten.append(f"regel {regel}: registratienummer ontbreekt")
            continue
        if not rij["jeugdige"]:
            fouten.append(f"regel {regel}: jeugdige (cliëntnummer) ontbreekt")
        aanmelddatum = _datum(rij["aanmelddatum"], "aanmelddatum", regel, fouten, verplicht=True)
        geboortedatum = _datum(rij["geboortedatum"], "geboortedatum", regel, fouten, verplicht=True)
        start = _datum(rij["startdatum"], "startdatum", regel, fouten)
        eind = _datum(rij["einddatum"], "einddatum", regel, fouten)
        plan = _datum(rij["perspectiefplan_datum"], "perspectiefplan_datum", regel, fouten)
        if rij["gemeente"] not in codes["gemeente"]:
            fouten.append(f"regel {regel}: onbekende gemeente '{rij['gemeente']}'")
        if geboortedatum and aanmelddatum and geboortedatum > aanmelddatum:
            fouten.append(f"regel {regel}: geboortedatum ligt na de aanmelddatum")
        if start and eind and eind < start:
            fouten.append(f"regel {regel}: einddatum ligt vóór de startdatum")
        hulpvorm = rij["hulpvorm"]
        if hulpvorm:
            if hulpvorm not in codes["hulpvorm"]:
                fouten.append(f"regel {regel}: onbekende hulpvorm '{hulpvorm}'")
            elif rij["vervolg"]:
                lijst = "vervolg_verblijf" if codes["hulpvorm"][hulpvorm] else "vervolg_ambulant"
                if rij["vervolg"] not in codes[lijst]:
                    fouten.append(f"regel {regel}: vervolg '{rij['vervolg']}' hoort niet bij hulpvorm {hulpvorm}")
            if rij["reden_geen"]:
                fouten.append(f"regel {regel}: reden_geen hoort alleen bij een rij zonder hulpvorm")
            if rij["vervolg"] and not eind:
                fouten.append(f"regel {regel}: vervolg zonder einddatum")
        else:
            if rij["reden_geen"] not in codes["reden_geen"]:
                fouten.append(
                    f"regel {regel}: rij zonder hulpvorm heeft een geldige reden_geen nodig, niet '{rij['reden_geen']}'"
                )
            if any(rij[k] for k in ("startdatum", "einddatum", "vervolg", "perspectiefplan_datum")):
                fouten.append(f"regel {regel}: rij zonder hulpvorm kan geen start, einde, vervolg of plan hebben")
        kop = (rij["jeugdige"], aanmelddatum, geboortedatum, rij["gemeente"])
        groep = per_registratie.setdefault(nr, {"kop": kop, "regel": regel, "rijen": []})
        if groep["kop"] != kop:
            fouten.append(
                f"regel {regel}: registratie {nr} heeft andere jeugdige, datum of gemeente dan regel {groep['regel']}"
            )
        groep["rijen"].append((regel, rij, start, eind, plan))
    for nr, groep in per_registratie.items():
        zonder = [r for r in groep["rijen"] if not r[1]["hulpvorm"]]
        if zonder and len(groep["rijen"]) > 1:
            fouten.append(f"regel {zonder[0][0]}: registratie {nr} heeft zowel inzet als 'geen inzet'")
    if fouten:
        raise ImportFout(fouten)
    return _schrijf(per_registratie)


@transaction.atomic
def _schrijf(per_registratie: dict) -> Resultaat:
    resultaat = Resultaat()
    bestaand = set(
        Aanmelding.objects.filter(registratienummer__in=per_registratie).values_list("registratienummer", flat=True)
    )
    for nr, groep in per_registratie.items():
        if nr in bestaand:
            resultaat.overgeslagen += 1
            continue
        clientnummer, aanmelddatum, geboortedatum, gemeente = groep["kop"]
        jeugdige, _ = Jeugdige.objects.get_or_create(
            clientnummer=clientnummer, defaults={"geboortedatum": geboortedatum, "gemeente_id": gemeente}
        )
        rijen = groep["rijen"]
        geen = rijen[0][1]["reden_geen"] if not rijen[0][1]["hulpvorm"] else None
        moment = timezone.make_aware(datetime.datetime.combine(aanmelddatum, datetime.time(12, 0)))
        aanmelding = Aanmelding.objects.create(
            registratienummer=nr,
            jeugdige=jeugdige,
            gemeente_id=gemeente,
            hulpvraag="verblijf" if any(r[1]["hulpvorm"] in ("crisisbed", "pleegzorg") for r in rijen) else "ambulant",
            bron=Aanmelding.Bron.HISTORISCH,
            aangemeld_op=moment,
            aanmelddatum=aanmelddatum,
            leeftijdsgroep=leeftijdsgroep_op(geboortedatum, aanmelddatum),
            loket_open=True,
            behandelen_voor=moment,
            status=Aanmelding.Status.AFGESLOTEN if geen or all(r[3] for r in rijen) else Aanmelding.Status.IN_ZORG,
            reden_geen_id=geen,
        )
        resultaat.aanmeldingen += 1
        if geen:
            continue
        verblijf = dict(Hulpvorm.objects.values_list("code", "verblijf"))
        Inzet.objects.bulk_create(
            [
                Inzet(
                    aanmelding=aanmelding,
                    hulpvorm_id=rij["hulpvorm"],
                    startdatum=start,
                    einddatum=eind,
                    perspectiefplan_datum=plan,
                    vervolg_verblijf_id=rij["vervolg"] or None if verblijf[rij["hulpvorm"]] else None,
                    vervolg_ambulant_id=None if verblijf[rij["hulpvorm"]] else rij["vervolg"] or None,
                )
                for _, rij, start, eind, plan in rijen
            ]
        )
        resultaat.inzetten += len(rijen)
    return resultaat
