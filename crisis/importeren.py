"""Import of the CCP's historical registration spreadsheet (contract.md, Historical import).

Rows are facts: checked for format (codes, dates by the one rule of `kern.datums`, an end not
before its start, nothing before the birth), not against today's intake rules. All or nothing;
a second run of the same file adds nothing. Every refusal names its line.

Speed (a national history, `make bench`): the file is read and checked in one pass in Python,
then written in batches with `bulk_create` inside one transaction (all or nothing), so the
database sees a few hundred statements for a million rows instead of three per row.
"""

import csv
import datetime
import io
import itertools
import logging
import operator
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.models import Actie
from audit.services import log
from kern import datums
from kern.models import (
    Gemeente,
    Hulpvorm,
    Jeugdige,
    RedenGeenInzet,
    VervolgAmbulant,
    VervolgVerblijf,
    leeftijdsgroep_op,
)

from .models import Aanmelding, Import, Inzet

logger = logging.getLogger(__name__)

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
DATUMKOLOMMEN = ("aanmelddatum", "geboortedatum", "startdatum", "einddatum", "perspectiefplan_datum")
# The longest value a column can hold (the database column; codes are slugs of at most 40).
LENGTES = {
    "registratienummer": Aanmelding._meta.get_field("registratienummer").max_length,
    "jeugdige": Jeugdige._meta.get_field("clientnummer").max_length,
}
CODELENGTE = 40
BATCH = 5000  # rows per INSERT: big enough to amortise, small enough for memory
MAX_FOUTEN = 200  # a wrong file reports its first errors, not a million lines

Voortgang = Callable[[int, str], None]


@dataclass
class Resultaat:
    aanmeldingen: int = 0
    inzetten: int = 0
    overgeslagen: int = 0
    regels: int = 0
    fouten: list[str] = field(default_factory=list)


class ImportFout(Exception):
    def __init__(self, fouten):
        super().__init__("\n".join(fouten))
        self.fouten = fouten


def _kort(waarde: str, lengte: int = 40) -> str:
    """A value quoted in an error message: never a whole 128 KB field."""
    return waarde if len(waarde) <= lengte else waarde[:lengte] + "…"


def _datum(waarde: str, kolom: str, regel: int, fouten: list, verplicht=False, vandaag=None, cache=None):
    if not waarde:
        if verplicht:
            fouten.append(f"regel {regel}: {kolom} ontbreekt")
        return None
    # A history of ten years has a few thousand distinct dates: parse each (column, text) once.
    sleutel = (kolom, waarde)
    uitkomst = cache.get(sleutel) if cache is not None else None
    if uitkomst is None:
        try:
            datum = datums.lees_datum(waarde, kolom, vandaag=vandaag)
            datums.niet_in_toekomst(datum, kolom, vandaag)  # a historical row is a fact
            uitkomst = datum
        except ValidationError as exc:
            if exc.code == "ongeldig":
                uitkomst = f"{kolom} '{_kort(waarde)}' is geen datum (JJJJ-MM-DD, cijfers 0-9)"
            else:
                uitkomst = exc.messages[0]
        if cache is not None and len(cache) < 100_000:
            cache[sleutel] = uitkomst
    if isinstance(uitkomst, str):
        fouten.append(f"regel {regel}: {uitkomst}")
        return None
    return uitkomst


class _Fouten(list):
    """Stops reading once MAX_FOUTEN errors are known."""

    def append(self, melding):
        super().append(melding)
        if len(self) >= MAX_FOUTEN:
            raise _TeVeel


class _TeVeel(Exception):
    pass


def importeer(
    bestand: io.TextIOBase, voortgang: Voortgang | None = None, regels_totaal: int | None = None
) -> Resultaat:
    """Check the whole file, then write it in one transaction. Raises ImportFout (nothing written)."""
    fouten = _Fouten()
    try:
        per_registratie, regels = _lees(bestand, fouten, voortgang, regels_totaal)
        if not fouten:
            bestaand, bekend = _controleer_tegen_database(per_registratie, fouten)
    except _TeVeel:
        fouten = list(fouten) + [f"na {MAX_FOUTEN} fouten gestopt met controleren"]
    if fouten:
        raise ImportFout(list(fouten))
    if voortgang:
        voortgang(70, "Wegschrijven")
    try:
        resultaat = _schrijf(per_registratie, bestaand, bekend)
    except IntegrityError:
        # Another import (or a referral) took the same number between the check and the write.
        raise ImportFout(
            ["Tegelijk met deze import is een van de registraties elders vastgelegd; niets ingelezen."]
        ) from None
    resultaat.regels = regels
    return resultaat


def scheidingsteken(kopregel: str) -> str:
    """',' (the contract's format) unless the header row is separated by semicolons."""
    return ";" if kopregel.count(";") > kopregel.count(",") else ","


def _lees(bestand, fouten, voortgang, regels_totaal):
    vandaag = timezone.localdate()
    codes = {
        "gemeente": set(Gemeente.objects.values_list("code", flat=True)),
        "hulpvorm": dict(Hulpvorm.objects.values_list("code", "verblijf")),
        "reden_geen": set(RedenGeenInzet.objects.values_list("code", flat=True)),
        "vervolg_ambulant": set(VervolgAmbulant.objects.values_list("code", flat=True)),
        "vervolg_verblijf": set(VervolgVerblijf.objects.values_list("code", flat=True)),
    }
    # Dutch Excel saves "CSV" with semicolons: the header row (fixed names, no commas or
    # semicolons in them) says which separator the file uses, so both read the same.
    eerste = bestand.readline()
    lezer = csv.reader(itertools.chain([eerste], bestand), delimiter=scheidingsteken(eerste))
    try:
        kop = next(lezer, None) or []
    except csv.Error as exc:
        raise ImportFout([f"regel 1: geen leesbare kopregel ({exc})"]) from None
    kop = [k.strip().lstrip("\ufeff") for k in kop]
    ontbrekend = [k for k in KOLOMMEN if k not in kop]
    if ontbrekend:
        raise ImportFout([f"regel 1: kolommen ontbreken: {', '.join(ontbrekend)}"])
    index = [kop.index(k) for k in KOLOMMEN]
    breedte = max(index) + 1
    kies = operator.itemgetter(*index)
    # The shortest column limit: a row whose every value is shorter and holds no NUL needs no
    # column-by-column check (the fast path of #11.5; the messages come from _tekens_in_orde).
    kortste = min([CODELENGTE, *LENGTES.values()])

    per_registratie: dict[str, dict] = {}
    clienten: dict[str, tuple] = {}  # client number -> (birth date, line)
    inzetten: dict[tuple, int] = {}  # (number, form of help, start) -> line
    regel, gelezen = 1, 0
    cache: dict = {}
    while True:
        try:
            ruw = next(lezer)
        except StopIteration:
            break
        except csv.Error as exc:
            # Python's csv refuses a field over 128 KB (and broken quoting): name the line, stop.
            regel = lezer.line_num
            te_groot = "field larger than field limit" in str(exc)
            fouten.append(
                f"regel {regel}: een veld is groter dan 128 kB; niets ingelezen"
                if te_groot
                else f"regel {regel}: geen geldige CSV ({exc})"
            )
            break
        regel = lezer.line_num
        gelezen += 1
        if voortgang and gelezen % 20000 == 0:
            voortgang(
                min(69, int(70 * gelezen / regels_totaal)) if regels_totaal else 35, f"{gelezen} regels gecontroleerd"
            )
        heel = "".join(ruw)
        if not heel.strip():
            continue  # an empty line (often the last)
        if len(ruw) < breedte:
            ruw = ruw + [""] * (breedte - len(ruw))
        rij = dict(zip(KOLOMMEN, [v.strip() for v in kies(ruw)], strict=True))
        if ("\x00" in heel or max(map(len, rij.values())) > kortste) and not _tekens_in_orde(rij, regel, fouten):
            continue
        nr = rij["registratienummer"]
        if not nr:
            fouten.append(f"regel {regel}: registratienummer ontbreekt")
            continue
        client = rij["jeugdige"]
        if not client:
            fouten.append(f"regel {regel}: jeugdige (cliëntnummer) ontbreekt")
        aanmelddatum = _datum(rij["aanmelddatum"], "aanmelddatum", regel, fouten, True, vandaag, cache)
        geboortedatum = _datum(rij["geboortedatum"], "geboortedatum", regel, fouten, True, vandaag, cache)
        start = _datum(rij["startdatum"], "startdatum", regel, fouten, False, vandaag, cache)
        eind = _datum(rij["einddatum"], "einddatum", regel, fouten, False, vandaag, cache)
        plan = _datum(rij["perspectiefplan_datum"], "perspectiefplan_datum", regel, fouten, False, vandaag, cache)
        if rij["gemeente"] not in codes["gemeente"]:
            fouten.append(f"regel {regel}: onbekende gemeente '{_kort(rij['gemeente'])}'")
        if geboortedatum and aanmelddatum and geboortedatum > aanmelddatum:
            fouten.append(f"regel {regel}: geboortedatum ligt na de aanmelddatum")
        for kolom, datum in (("startdatum", start), ("einddatum", eind), ("perspectiefplan_datum", plan)):
            if datum and geboortedatum and datum < geboortedatum:
                fouten.append(f"regel {regel}: {kolom} ligt vóór de geboortedatum")
        if start and aanmelddatum and start < aanmelddatum:
            fouten.append(f"regel {regel}: startdatum ligt vóór de aanmelddatum")
        if start and eind and eind < start:
            fouten.append(f"regel {regel}: einddatum ligt vóór de startdatum")
        if client and geboortedatum:
            eerder = clienten.setdefault(client, (geboortedatum, regel))
            if eerder[0] != geboortedatum:
                fouten.append(
                    f"regel {regel}: jeugdige {_kort(client)} heeft een andere geboortedatum dan op regel {eerder[1]}"
                )
        hulpvorm = rij["hulpvorm"]
        if hulpvorm:
            if hulpvorm not in codes["hulpvorm"]:
                fouten.append(f"regel {regel}: onbekende hulpvorm '{_kort(hulpvorm)}'")
            elif rij["vervolg"]:
                lijst = "vervolg_verblijf" if codes["hulpvorm"][hulpvorm] else "vervolg_ambulant"
                if rij["vervolg"] not in codes[lijst]:
                    fouten.append(
                        f"regel {regel}: vervolg '{_kort(rij['vervolg'])}' hoort niet bij hulpvorm {hulpvorm}"
                    )
            if rij["reden_geen"]:
                fouten.append(f"regel {regel}: reden_geen hoort alleen bij een rij zonder hulpvorm")
            if rij["vervolg"] and not eind:
                fouten.append(f"regel {regel}: vervolg zonder einddatum")
            sleutel = (nr, hulpvorm, start)
            eerder = inzetten.setdefault(sleutel, regel)
            if eerder != regel:
                fouten.append(
                    f"regel {regel}: dezelfde inzet als regel {eerder} (registratie {_kort(nr)}, {hulpvorm}, "
                    f"start {start.isoformat() if start else 'leeg'})"
                )
        else:
            if rij["reden_geen"] not in codes["reden_geen"]:
                fouten.append(
                    f"regel {regel}: rij zonder hulpvorm heeft een geldige reden_geen nodig, "
                    f"niet '{_kort(rij['reden_geen'])}'"
                )
            if any(rij[k] for k in ("startdatum", "einddatum", "vervolg", "perspectiefplan_datum")):
                fouten.append(f"regel {regel}: rij zonder hulpvorm kan geen start, einde, vervolg of plan hebben")
        kop_rij = (client, aanmelddatum, geboortedatum, rij["gemeente"])
        groep = per_registratie.get(nr)
        if groep is None:
            groep = per_registratie[nr] = {"kop": kop_rij, "regel": regel, "rijen": []}
        elif groep["kop"] != kop_rij:
            fouten.append(
                f"regel {regel}: registratie {_kort(nr)} heeft andere jeugdige, datum of gemeente dan regel {groep['regel']}"
            )
        # Only what the write needs, as a tuple: a million rows must fit in memory comfortably.
        groep["rijen"].append((regel, hulpvorm, rij["reden_geen"], rij["vervolg"], start, eind, plan))
    for nr, groep in per_registratie.items():
        zonder = [r for r in groep["rijen"] if not r[1]]
        if zonder and len(groep["rijen"]) > 1:
            fouten.append(f"regel {zonder[0][0]}: registratie {_kort(nr)} heeft zowel inzet als 'geen inzet'")
    return per_registratie, gelezen


def _tekens_in_orde(rij: dict, regel: int, fouten: list) -> bool:
    """NUL cannot be stored in PostgreSQL; a value longer than its column cannot be stored at all."""
    goed = True
    for kolom, waarde in rij.items():
        if "\x00" in waarde:
            fouten.append(f"regel {regel}: {kolom} bevat een NUL-teken")
            goed = False
        elif len(waarde) > LENGTES.get(kolom, CODELENGTE):
            fouten.append(f"regel {regel}: {kolom} is langer dan {LENGTES.get(kolom, CODELENGTE)} tekens")
            goed = False
    return goed


def _in_delen(waarden: list, grootte: int = 10000):
    for i in range(0, len(waarden), grootte):
        yield waarden[i : i + grootte]


def _zoek(model, kolom: str, waarden: list[str], velden: list[str]):
    """Rows whose `kolom` is one of `waarden`. On PostgreSQL one `= ANY(array)` query: Django's
    IN-list costs more in Python for a million values than the database spends on it."""
    from django.db import connection

    if connection.vendor != "postgresql":
        for deel in _in_delen(waarden):
            yield from model.objects.filter(**{f"{kolom}__in": deel}).values_list(*velden)
        return
    kolommen = ", ".join(connection.ops.quote_name(model._meta.get_field(v).column) for v in velden)
    tabel = connection.ops.quote_name(model._meta.db_table)
    zoek = connection.ops.quote_name(model._meta.get_field(kolom).column)
    with connection.cursor() as cur:
        cur.execute(f"SELECT {kolommen} FROM {tabel} WHERE {zoek} = ANY(%s::text[])", [waarden])
        yield from cur.fetchall()


def _controleer_tegen_database(per_registratie: dict, fouten: list) -> tuple[set[str], dict[str, int]]:
    """Numbers already imported are skipped; a number of a live referral, or a client number
    with another birth date in the registration, is an error."""
    bestaand: set[str] = set()
    for nr, bron in _zoek(Aanmelding, "registratienummer", list(per_registratie), ["registratienummer", "bron"]):
        if bron == Aanmelding.Bron.HISTORISCH:
            bestaand.add(nr)
        else:
            fouten.append(
                f"regel {per_registratie[nr]['regel']}: registratienummer {_kort(nr)} is al een lopende "
                "(niet geïmporteerde) aanmelding"
            )
    geboren: dict[str, tuple] = {}
    for groep in per_registratie.values():
        client, _, geboortedatum, _ = groep["kop"]
        geboren.setdefault(client, (geboortedatum, groep["regel"]))
    bekend: dict[str, int] = {}  # client number -> youth id, for the write
    for client, geboortedatum, pk in _zoek(
        Jeugdige, "clientnummer", list(geboren), ["clientnummer", "geboortedatum", "id"]
    ):
        bekend[client] = pk
        if geboortedatum != geboren[client][0]:
            fouten.append(
                f"regel {geboren[client][1]}: jeugdige {_kort(client)} staat al met een andere geboortedatum "
                "in de registratie"
            )
    return bestaand, bekend


def _ids(model, aantal: int) -> list[int]:
    """Ids taken from the table's own sequence, so the rows can be COPYed with their relations."""
    from django.db import connection

    tabel = model._meta.db_table
    with connection.cursor() as cur:
        cur.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [tabel, aantal])
        return [r[0] for r in cur.fetchall()]


def _schrijf_rijen(model, rijen: list[dict]) -> None:
    """Insert `rijen` (attname -> value, with `id`, every row the same keys) as fast as the
    database allows: COPY on PostgreSQL, bulk_create elsewhere (the SQLite of `make run`).
    Columns the import does not fill get the model's defaults, computed once and appended to
    each row as one tuple (no per-row merge of a twenty-field dict)."""
    from django.db import connection

    if not rijen:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create([model(**r) for r in rijen], batch_size=BATCH)
        return
    sleutels = list(rijen[0])
    velden = {f.attname: f for f in model._meta.concrete_fields}
    voorbeeld = model()
    rest = [f for naam, f in velden.items() if naam not in sleutels and not f.primary_key]
    standaard = tuple(f.pre_save(voorbeeld, add=True) for f in rest)
    kolommen = ", ".join(
        connection.ops.quote_name(c) for c in [velden[k].column for k in sleutels] + [f.column for f in rest]
    )
    with connection.cursor() as cur:
        pg = cur.connection
        with (
            pg.cursor() as kopie,
            kopie.copy(f"COPY {connection.ops.quote_name(model._meta.db_table)} ({kolommen}) FROM STDIN") as cp,
        ):
            for rij in rijen:
                cp.write_row((*rij.values(), *standaard))


@transaction.atomic
def _schrijf(per_registratie: dict, bestaand: set[str], bekend: dict[str, int]) -> Resultaat:
    from django.db import connection

    resultaat = Resultaat(overgeslagen=len(bestaand))
    nieuw = [(nr, g) for nr, g in per_registratie.items() if nr not in bestaand]
    if not nieuw:
        return resultaat
    verblijf = dict(Hulpvorm.objects.values_list("code", "verblijf"))
    postgres = connection.vendor == "postgresql"

    # Youths: one per client number, created where the registration does not know them yet.
    clienten: dict[str, tuple] = {}
    for _, groep in nieuw:
        client, _, geboortedatum, gemeente = groep["kop"]
        clienten.setdefault(client, (geboortedatum, gemeente))
    ids = dict(bekend)
    aan_te_maken = [(c, g, gem) for c, (g, gem) in clienten.items() if c not in ids]
    if postgres:
        nieuwe_ids = _ids(Jeugdige, len(aan_te_maken))
        _schrijf_rijen(
            Jeugdige,
            [
                {"id": pk, "clientnummer": c, "geboortedatum": g, "gemeente_id": gem}
                for pk, (c, g, gem) in zip(nieuwe_ids, aan_te_maken, strict=True)
            ],
        )
        ids.update(zip((c for c, _, _ in aan_te_maken), nieuwe_ids, strict=True))
    else:
        for deel in _in_delen(aan_te_maken, BATCH):
            for j in Jeugdige.objects.bulk_create(
                [Jeugdige(clientnummer=c, geboortedatum=g, gemeente_id=gem) for c, g, gem in deel]
            ):
                ids[j.clientnummer] = j.pk

    for deel in _in_delen(nieuw, 50_000 if postgres else BATCH):
        aanmelding_ids = _ids(Aanmelding, len(deel)) if postgres else None
        aanmeldingen, inzetten = [], []
        for i, (nr, groep) in enumerate(deel):
            clientnummer, aanmelddatum, geboortedatum, gemeente = groep["kop"]
            rijen = groep["rijen"]
            geen = rijen[0][2] if not rijen[0][1] else None
            moment = timezone.make_aware(datetime.datetime.combine(aanmelddatum, datetime.time(12, 0)))
            aanmelding = {
                "registratienummer": nr,
                "jeugdige_id": ids[clientnummer],
                "gemeente_id": gemeente,
                "hulpvraag": "verblijf" if any(r[1] in ("crisisbed", "pleegzorg") for r in rijen) else "ambulant",
                "bron": Aanmelding.Bron.HISTORISCH.value,
                "aangemeld_op": moment,
                "aanmelddatum": aanmelddatum,
                "leeftijdsgroep": leeftijdsgroep_op(geboortedatum, aanmelddatum),
                "loket_open": True,
                "behandelen_voor": moment,
                "status": (
                    Aanmelding.Status.AFGESLOTEN if geen or all(r[5] for r in rijen) else Aanmelding.Status.IN_ZORG
                ).value,
                "reden_geen_id": geen,
            }
            if postgres:
                aanmelding["id"] = aanmelding_ids[i]
            aanmeldingen.append(aanmelding)
        if not postgres:
            for aanmelding, obj in zip(
                aanmeldingen, Aanmelding.objects.bulk_create([Aanmelding(**a) for a in aanmeldingen]), strict=True
            ):
                aanmelding["id"] = obj.pk
        else:
            _schrijf_rijen(Aanmelding, aanmeldingen)
        for aanmelding, (_, groep) in zip(aanmeldingen, deel, strict=True):
            for _, hulpvorm, _, vervolg, start, eind, plan in groep["rijen"]:
                if hulpvorm:
                    inzetten.append(
                        {
                            "aanmelding_id": aanmelding["id"],
                            "hulpvorm_id": hulpvorm,
                            "startdatum": start,
                            "einddatum": eind,
                            "historisch_perspectiefplan": plan,
                            "vervolg_verblijf_id": (vervolg or None) if verblijf[hulpvorm] else None,
                            "vervolg_ambulant_id": None if verblijf[hulpvorm] else (vervolg or None),
                        }
                    )
        if postgres:
            for inzet, pk in zip(inzetten, _ids(Inzet, len(inzetten)), strict=True):
                inzet["id"] = pk
        _schrijf_rijen(Inzet, inzetten)
        resultaat.aanmeldingen += len(aanmeldingen)
        resultaat.inzetten += len(inzetten)
    return resultaat


# --- The import as a background task (the page /crisis/importeren/) -------------------------


def vraag_aan(user, bestand, request=None) -> Import:
    """Store the upload through Django's storage and queue the import once this commits."""
    from functools import partial

    with transaction.atomic():
        obj = Import(aangevraagd_door=user if getattr(user, "pk", None) else None)
        obj.bestandsnaam = (getattr(bestand, "name", "") or "")[:200]
        # A name of our own: the uploaded name says nothing the storage needs.
        obj.bestand.save(f"{uuid.uuid4().hex}.csv", bestand, save=False)
        obj.save()
        log(user, Actie.AANMAKEN, "crisis.import", obj, None, request)
        transaction.on_commit(partial(aanbieden, obj.pk))
    return obj


def aanbieden(import_id: int) -> None:
    """Hand the import to the queue; without a broker Celery runs it here (CELERY_TASK_ALWAYS_EAGER).
    The task is found by name (crisis/apps.py registers it), so this module never imports
    crisis.tasks, which imports this one."""
    from flevojeugd.celery import app

    taak = app.tasks["crisis.tasks.importeer_bestand"]  # outside the try: a missing registration is a bug, not a broker away
    try:
        taak.delay(import_id)
    except Exception:  # kombu raises its own connection errors
        logger.warning("Takenwachtrij onbereikbaar; import %s niet gestart", import_id)
        obj = Import.objects.get(pk=import_id)
        _afronden(
            obj, Import.Status.MISLUKT, fouten=["De takenwachtrij is niet bereikbaar; probeer het later opnieuw."]
        )


def _afronden(obj, status, **velden) -> None:
    Import.objects.filter(pk=obj.pk).update(status=status, gereed_op=timezone.now(), **velden)
    if obj.bestand:
        # The file holds birth dates and client numbers: it is not kept once read.
        obj.bestand.delete(save=False)
        Import.objects.filter(pk=obj.pk).update(bestand="")


def voer_uit(import_id: int) -> None:
    """Read the stored file (counting its lines first, for the progress bar) and import it."""
    obj = Import.objects.select_related("aangevraagd_door").get(pk=import_id)
    if obj.afgerond:
        return  # a redelivered message of an import that already finished
    Import.objects.filter(pk=obj.pk).update(status=Import.Status.BEZIG, voortgang=1, stap="Bestand lezen")

    def voortgang(procent: int, stap: str) -> None:
        Import.objects.filter(pk=obj.pk).update(voortgang=procent, stap=stap[:120])

    try:
        with obj.bestand.open("rb") as ruw:
            totaal = sum(stuk.count(b"\n") for stuk in iter(lambda: ruw.read(1 << 20), b""))
        with obj.bestand.open("rb") as ruw:
            resultaat = importeer(
                io.TextIOWrapper(ruw, encoding="utf-8-sig", newline=""), voortgang=voortgang, regels_totaal=totaal
            )
    except ImportFout as exc:
        _afronden(obj, Import.Status.MISLUKT, fouten=exc.fouten, voortgang=100, stap="")
        return
    except UnicodeDecodeError:
        _afronden(obj, Import.Status.MISLUKT, fouten=["Het bestand is geen UTF-8."], voortgang=100, stap="")
        return
    except Exception as exc:  # the administrator sees it, not a bar that never moves
        logger.exception("Import %s mislukt", obj.pk)
        _afronden(
            obj,
            Import.Status.MISLUKT,
            fouten=[f"Het inlezen is mislukt ({type(exc).__name__}); er is niets ingelezen."],
            voortgang=100,
            stap="",
        )
        return
    _afronden(
        obj,
        Import.Status.KLAAR,
        voortgang=100,
        stap="",
        regels=resultaat.regels,
        aanmeldingen=resultaat.aanmeldingen,
        inzetten=resultaat.inzetten,
        overgeslagen=resultaat.overgeslagen,
    )
