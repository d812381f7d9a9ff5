"""Benchmarks on synthetic data of national scale (`make bench`).

Makes its own PostgreSQL database (BENCH_DATABASE_URL, default flevojeugd_bench on the local
server), loads about 1,000,000 crisis deployments, 200,000 youths, 50,000 decisions and 5,000
expert-table cases with COPY (deterministic seed), then set-based in SQL the expert table's and
perspective direction's chains (laad_ketens: 25,000 cases with session, advice and follow-up,
learning reviews, a trajectory with stay, regisseur and plan for every stay in the region), then
prints one table of figures next to their goals. With BENCH_HERGEBRUIK=1 a database without
trajectories gets the chains first. BENCH_SCHAAL=0.1 runs a tenth of the volume for a quick look.
"""

import datetime
import os
import random
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SCHAAL = float(os.environ.get("BENCH_SCHAAL", "1"))
DB_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/flevojeugd_bench")
os.environ["DATABASE_URL"] = DB_URL
# The figures are read through the replica alias (#14.5), as in production: here a second
# connection to the same database (set BENCH_REPLICA_URL to measure a real streaming replica).
os.environ["DATABASE_REPLICA_URL"] = os.environ.get("BENCH_REPLICA_URL", DB_URL)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "flevojeugd.settings")
os.environ.setdefault("TWEESTAPS_VERPLICHT", "0")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
os.environ.setdefault("SECURE_COOKIES", "0")
os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 60)

JAREN = 10
N_JEUGDIGEN = int(200_000 * SCHAAL)
N_AANMELDINGEN = int(1_000_000 * SCHAAL)
N_BESCHIKKINGEN = int(50_000 * SCHAAL)
N_CASUSSEN = int(5_000 * SCHAAL)
# More cases for the expert table, with session, advice and follow-up (laad_ketens): 25,000 in
# all, ± 600 a quarter, so its figures read a national table, not an empty one (#14.4).
N_CASUSSEN_EXTRA = int(20_000 * SCHAAL)
N_IMPORT = int(1_000_000 * SCHAAL)  # rows of the generated historical file
REGELS: list[tuple[str, str, str, str]] = []


def resultaat(wat: str, waarde: str, doel: str, oordeel: str = "") -> None:
    REGELS.append((wat, waarde, doel, oordeel))
    print(f"  {wat}: {waarde} (doel {doel}) {oordeel}", flush=True)


def maak_database():
    import psycopg

    naam = DB_URL.rsplit("/", 1)[1]
    beheer = DB_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(beheer, autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')
        c.execute(f'CREATE DATABASE "{naam}"')
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, check=True)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, check=True)


def _bsn(i: int) -> str | None:
    """A distinct BSN that passes the 11-test for each i (None for the 1 in 11 that cannot)."""
    cijfers = [int(c) for c in f"{10_000_000 + i:08d}"]
    rest = sum(w * c for w, c in zip(range(9, 1, -1), cijfers, strict=True)) % 11
    return None if rest == 10 else "".join(map(str, cijfers)) + str(rest)


def laad():
    """COPY straight into the tables; ids are given so that relations need no look-ups."""
    import django

    django.setup()
    from django.db import connection

    rnd = random.Random(20261123)
    gemeenten = (
        ["almere"] * 50
        + ["lelystad"] * 20
        + ["dronten"] * 10
        + ["noordoostpolder"] * 10
        + ["zeewolde"] * 5
        + ["urk"] * 4
        + ["buiten_regio"]
    )
    begin = datetime.date.today() - datetime.timedelta(days=365 * JAREN)
    nu = datetime.datetime.now(datetime.UTC)
    with connection.cursor() as cur:
        pg = cur.connection
        bedden = dict(pg.execute("SELECT type_id, id FROM kern_voorziening WHERE type_id LIKE 'crisis%'").fetchall())
        t0 = time.perf_counter()
        geboren = {}
        # BSNs as in practice: most youths have one, and some children are known in two
        # municipalities under the same BSN (counted once in the figures). A Random of its own,
        # so the rest of the data stays what earlier runs measured.
        rnd_bsn = random.Random(11)
        vorige = None
        with pg.cursor().copy(
            "COPY kern_jeugdige (id, voornaam, achternaam, geboortedatum, gemeente_id, gezag, kader, aangemaakt_op, bsn) "
            "FROM STDIN"
        ) as cp:
            for i in range(1, N_JEUGDIGEN + 1):
                g = begin + datetime.timedelta(days=rnd.randint(-17 * 365, 3 * 365))
                geboren[i] = g
                gemeente = rnd.choice(gemeenten)
                bsn = _bsn(i) if rnd_bsn.random() < 0.9 else None
                if bsn and vorige and vorige[1] != gemeente and rnd_bsn.random() < 0.03:
                    bsn, vorige = vorige[0], None  # the same child, registered in a second municipality
                elif bsn:
                    vorige = (bsn, gemeente)
                cp.write_row(
                    (
                        i,
                        f"Kind{i}",
                        "Bench",
                        g,
                        gemeente,
                        "ouders",
                        "vrijwillig" if i % 5 else "gedwongen",
                        nu,
                        bsn,
                    )
                )
        inzet_id = 0
        vervolg_a = ["casusregie", "netwerkondersteuning", "behandeling_gezin", "begeleiding_gezin", "anders"]
        vervolg_v = ["naar_huis_met_hulp", "naar_huis_zonder_hulp", "uhp_pleegzorg", "uhp_groep"]
        inzetten = []
        with pg.cursor().copy(
            "COPY crisis_aanmelding (id, registratienummer, jeugdige_id, gemeente_id, hulpvraag, toelichting, bron, aangemeld_op, "
            "aanmelddatum, leeftijdsgroep, loket_open, behandelen_voor, status, reden_geen_id, ernst, aard, alternatief_toelichting) FROM STDIN"
        ) as cp:
            for i in range(1, N_AANMELDINGEN + 1):
                j = rnd.randint(1, N_JEUGDIGEN)
                dag = begin + datetime.timedelta(days=rnd.randint(0, 365 * JAREN - 1))
                moment = datetime.datetime.combine(dag, datetime.time(10), tzinfo=datetime.UTC)
                leeftijd = (dag - geboren[j]).days // 365
                groep = "12+" if leeftijd >= 12 else "12-"
                geen = rnd.random() < 0.2
                cp.write_row(
                    (
                        i,
                        f"B-{i}",
                        j,
                        rnd.choice(gemeenten),
                        "verblijf" if rnd.random() < 0.3 else "ambulant",
                        "",
                        "toegang",
                        moment,
                        dag,
                        groep,
                        True,
                        moment,
                        "afgesloten",
                        rnd.choice(["alternatief", "ingetrokken", "geen_plek"]) if geen else None,
                        "",
                        "",
                        "",
                    )
                )
                if geen:
                    continue
                eind = dag + datetime.timedelta(days=rnd.randint(10, 40))
                inzet_id += 1
                inzetten.append(
                    (
                        inzet_id,
                        i,
                        "ambulant",
                        "triade",
                        None,
                        False,
                        dag,
                        eind,
                        rnd.choice(vervolg_a),
                        None,
                        None,
                        moment,
                    )
                )
                if rnd.random() < 0.25:
                    inzet_id += 1
                    soort = rnd.choice(["crisisbed", "pleegzorg"])
                    bed = (
                        bedden["crisispleegzorg"]
                        if soort == "pleegzorg"
                        else bedden["crisisgroep_12plus" if groep == "12+" else "crisisgroep_12min"]
                    )
                    verblijf_eind = dag + datetime.timedelta(days=rnd.randint(2, 45))
                    inzetten.append(
                        (
                            inzet_id,
                            i,
                            soort,
                            "triade",
                            bed,
                            False,
                            dag,
                            verblijf_eind,
                            None,
                            rnd.choice(vervolg_v),
                            dag + datetime.timedelta(days=rnd.randint(3, 25)),
                            moment,
                        )
                    )
        with pg.cursor().copy(
            "COPY crisis_inzet (id, aanmelding_id, hulpvorm_id, aanbieder_id, voorziening_id, ambulant_lokaal_team, startdatum, "
            "einddatum, vervolg_ambulant_id, vervolg_verblijf_id, historisch_perspectiefplan, aangemaakt_op) FROM STDIN"
        ) as cp:
            for rij in inzetten:
                cp.write_row(rij)
        gebruiker = pg.execute(
            "INSERT INTO accounts_gebruiker (password, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined, rol, ret_aanmelder) "
            "VALUES ('!', false, 'bench-servicepunt', '', '', '', false, true, now(), 'servicepunt', false) RETURNING id"
        ).fetchone()[0]
        with pg.cursor().copy(
            "COPY servicepunt_beschikking (id, jeugdige_id, zorgtype_id, afgegeven_op, gemeente_id, brp_gemeente_id, gemeente_reden, gezag_derden, "
            "wlz_indicatie, buiten_regio, ambulant_gestart_op, geregistreerd_door_id, geregistreerd_op) FROM STDIN"
        ) as cp:
            for i in range(1, N_BESCHIKKINGEN + 1):
                dag = begin + datetime.timedelta(days=rnd.randint(0, 365 * JAREN - 1))
                gemeente = rnd.choice(gemeenten[:-1])
                cp.write_row(
                    (
                        i,
                        rnd.randint(1, N_JEUGDIGEN),
                        rnd.choice([None, "gezinshuis", "pleegzorg", "behandelgroep"]),
                        dag,
                        gemeente,
                        gemeente,
                        "",
                        False,
                        False,
                        False,
                        dag + datetime.timedelta(days=rnd.randint(3, 20)),
                        gebruiker,
                        nu,
                    )
                )
        # Most residential decisions lead to a placement, most of which have ended; some still wait.
        huizen = [
            r[0]
            for r in pg.execute(
                "SELECT id FROM kern_voorziening WHERE type_id IN ('gezinshuis', 'pleegzorg', 'behandelgroep')"
            )
        ]
        besch = pg.execute(
            "SELECT id, afgegeven_op FROM servicepunt_beschikking WHERE zorgtype_id IS NOT NULL"
        ).fetchall()
        with pg.cursor().copy(
            "COPY servicepunt_plaatsing (beschikking_id, voorziening_id, startdatum, einddatum, perspectief, vervolg, buiten_regio) "
            "FROM STDIN"
        ) as cp:
            for b_id, afgifte in besch:
                if rnd.random() < 0.9:
                    start = afgifte + datetime.timedelta(days=rnd.randint(3, 40))
                    eind = start + datetime.timedelta(days=rnd.randint(60, 500))
                    cp.write_row(
                        (
                            b_id,
                            rnd.choice(huizen),
                            start,
                            eind if eind < datetime.date.today() else None,
                            "",
                            "naar huis",
                            "",
                        )
                    )
        with pg.cursor().copy(
            "COPY experttafel_casus (id, gemeente_id, inbrenger_id, via_gi, vraag, geprobeerd, gezinssituatie, toestemming, urgentie, "
            "status, ingediend_op, plaats, escalatie_reden, intrekkingsreden, les, escalatie_uitkomst, ics_volgnummer, volgorde) FROM STDIN"
        ) as cp:
            for i in range(1, N_CASUSSEN + 1):
                dag = begin + datetime.timedelta(days=rnd.randint(0, 365 * JAREN - 1))
                cp.write_row(
                    (
                        i,
                        rnd.choice(gemeenten[:-1]),
                        gebruiker,
                        False,
                        "Bench",
                        "",
                        "",
                        False,
                        "normaal",
                        "ingediend" if i > N_CASUSSEN - 40 else "gesloten",
                        datetime.datetime.combine(dag, datetime.time(9), tzinfo=datetime.UTC),
                        "",
                        "",
                        "",
                        "",
                        "",
                        0,
                        0,
                    )
                )
        for tabel in (
            "kern_jeugdige",
            "crisis_aanmelding",
            "crisis_inzet",
            "servicepunt_beschikking",
            "experttafel_casus",
        ):
            pg.execute(f"SELECT setval(pg_get_serial_sequence('{tabel}', 'id'), (SELECT max(id) FROM {tabel}))")
        laad_ketens(pg, begin)
        # VACUUM as autovacuum does on an insert-heavy table (PostgreSQL 13+): it sets the
        # visibility map the figures' index-only scans need (#14.4).
        pg.execute("VACUUM ANALYZE")  # Django's connection is in autocommit, as VACUUM needs
        duur = time.perf_counter() - t0
    resultaat(
        "laden met COPY",
        f"{N_AANMELDINGEN:,} aanmeldingen, {len(inzetten):,} inzetten, {N_JEUGDIGEN:,} jeugdigen, "
        f"{N_BESCHIKKINGEN:,} beschikkingen, {N_CASUSSEN:,} casussen in {duur:.0f} s",
        "minuten, geen uren",
    )


# Extra casussen (N_CASUSSEN_EXTRA) and the chains behind them, plus the trajectories of
# perspective direction; set-based SQL, deterministic (a hash of the id instead of random()).
KETENS_SQL = [
    # Expert table: one session every working day over the ten years (a national table meets
    # daily; the region twice a month), eight places.
    """INSERT INTO experttafel_sessie (datum, begintijd, eindtijd, plaats, capaciteit, extra, geannuleerd, annuleringsreden)
       SELECT d::date, '09:00', '12:00', 'Bench', 8, false, false, ''
       FROM generate_series(%(begin)s::date, current_date + 60, '1 day') d WHERE extract(isodow FROM d) < 6""",
    """INSERT INTO experttafel_casus (via_gi, vraag, geprobeerd, gezinssituatie, toestemming, urgentie, status, ingediend_op,
       plaats, escalatie_reden, intrekkingsreden, les, gemeente_id, inbrenger_id, escalatie_uitkomst, ics_volgnummer, volgorde)
       SELECT i %% 7 = 0, 'Bench', '', '', true, 'normaal', 'gesloten',
         (%(begin)s::date + (i * 7919) %% (365 * 10 - 40))::timestamp + time '09:00',
         '', '', '', '', (ARRAY['almere','almere','almere','almere','almere','lelystad','lelystad','dronten',
         'noordoostpolder','zeewolde'])[1 + i %% 10], %(gebruiker)s, '', 0, 0
       FROM generate_series(1, %(extra)s) i""",
    # Every case but the 40 newest is planned in the first session 10-30 days after it came in
    # and discussed there; by a hash of its id: 10% withdrawn, 5% escalated (half with an
    # outcome), 10% advised with a follow-up still open, the rest followed up and closed.
    """UPDATE experttafel_casus c SET sessie_id = s.id, besproken_op = s.datum,
         status = CASE WHEN h < 10 THEN 'ingetrokken' WHEN h < 15 THEN 'geescaleerd' WHEN h < 25 THEN 'geadviseerd'
                       ELSE 'gesloten' END,
         intrekkingsreden = CASE WHEN h < 10 THEN 'Bench' ELSE '' END,
         escalatie_reden = CASE WHEN h BETWEEN 10 AND 14 THEN 'Bench' ELSE '' END,
         geescaleerd_op = CASE WHEN h BETWEEN 10 AND 14 THEN s.datum + 3 END,
         escalatie_uitkomst = CASE WHEN h BETWEEN 10 AND 12 THEN 'Bench' ELSE '' END,
         escalatie_uitkomst_op = CASE WHEN h BETWEEN 10 AND 12 THEN s.datum + 40 END,
         les = CASE WHEN h %% 3 = 0 THEN 'Bench' ELSE '' END
       FROM (SELECT id, (id * 2654435761) %% 100 AS h, ingediend_op::date + 10 + ((id %% 21)::int) AS d
             FROM experttafel_casus WHERE status <> 'ingediend') x
       JOIN LATERAL (SELECT id, datum FROM experttafel_sessie WHERE datum >= x.d ORDER BY datum LIMIT 1) s ON true
       WHERE c.id = x.id AND s.datum <= current_date""",
    """UPDATE experttafel_casus SET status = 'ingediend', sessie_id = NULL, besproken_op = NULL
       WHERE status <> 'ingediend' AND sessie_id IS NULL""",
    """INSERT INTO experttafel_casus_themas (casus_id, thema_id)
       SELECT c.id, t.code FROM experttafel_casus c
       JOIN LATERAL (SELECT code FROM experttafel_thema ORDER BY code OFFSET (c.id %% 8)::int LIMIT 1 + (c.id %% 2)::int) t ON true
       WHERE c.les <> ''""",
    """INSERT INTO experttafel_advies (tekst, perspectief, datum, geschreven_door_id, casus_id)
       SELECT 'Bench', 'Bench', besproken_op + ((id %% 5)::int), %(gebruiker)s, id FROM experttafel_casus
       WHERE status IN ('gesloten', 'geadviseerd', 'geescaleerd') AND besproken_op IS NOT NULL""",
    # Follow-up: the municipality always, one or two providers often; 12% of parties deviate.
    # An 'advised' case still waits for one party: the municipality has not recorded its own.
    """INSERT INTO experttafel_opvolging (opgevolgd, motivering, vastgelegd_op, casus_id, door_id, aanbieder_id)
       SELECT NOT afw, CASE WHEN afw THEN 'Bench' ELSE '' END, a.datum + 14, a.casus_id, %(gebruiker)s, p.aanbieder
       FROM experttafel_advies a JOIN experttafel_casus c ON c.id = a.casus_id
       CROSS JOIN LATERAL (SELECT NULL::varchar AS aanbieder UNION ALL
         SELECT code FROM (SELECT code FROM kern_aanbieder ORDER BY code OFFSET (a.casus_id %% 3)::int LIMIT (a.casus_id %% 3)::int) q) p
       CROSS JOIN LATERAL (SELECT (hashtext(a.casus_id || coalesce(p.aanbieder, '')) & 1023) < 123 AS afw) f
       WHERE c.status <> 'geadviseerd' OR p.aanbieder IS NOT NULL""",
    # Learning reviews (actieleren): one per stay that ended in an out-of-home follow-up.
    """INSERT INTO experttafel_leerevaluatie (soort, bron_id, gemeente_id, vervolg, einddatum, uiterlijk, gehouden_op, wie,
       geleerd, thema_id, vastgelegd_door_id)
       SELECT 'crisis', i.id, a.gemeente_id, i.vervolg_verblijf_id, i.einddatum, i.einddatum + 42,
         CASE WHEN (i.id %% 10)::int < 8 AND i.einddatum + 50 < current_date THEN i.einddatum + 20 + (i.id %% 30)::int END, '', '',
         CASE WHEN (i.id %% 10)::int < 8 THEN (ARRAY['wachtlijst','passend_verblijf','huiselijk_geweld'])[1 + (i.id %% 3)::int] END, NULL
       FROM crisis_inzet i JOIN crisis_aanmelding a ON a.id = i.aanmelding_id
       WHERE i.vervolg_verblijf_id LIKE 'uhp%%' AND a.gemeente_id <> 'buiten_regio' AND i.einddatum <= current_date""",
    # Perspective direction: a trajectory (with its one stay) for every stay in the region (crisis stay or
    # placement), open until 0-90 days after the stay; a fifth in a forced framework.
    """CREATE TEMP TABLE bench_verblijf ON COMMIT DROP AS
       SELECT nextval(pg_get_serial_sequence('perspectiefregie_traject', 'id')) AS traject_id, * FROM (
             SELECT 'crisis' AS bron, i.startdatum, i.einddatum AS verblijf_eind, i.einddatum + (i.id %% 91)::int AS eind,
               j.kader = 'gedwongen' AS gedwongen, a.gemeente_id, a.jeugdige_id, i.id AS bron_id
             FROM crisis_inzet i JOIN crisis_aanmelding a ON a.id = i.aanmelding_id JOIN kern_jeugdige j ON j.id = a.jeugdige_id
             WHERE i.voorziening_id IS NOT NULL AND a.gemeente_id <> 'buiten_regio'
             UNION ALL
             SELECT 'plaatsing', p.startdatum, p.einddatum, coalesce(p.einddatum, current_date + 1) + (p.id %% 91)::int,
               j.kader = 'gedwongen', b.gemeente_id, b.jeugdige_id, p.id
             FROM servicepunt_plaatsing p JOIN servicepunt_beschikking b ON b.id = p.beschikking_id
             JOIN kern_jeugdige j ON j.id = b.jeugdige_id ORDER BY 1, 8) x""",
    """INSERT INTO perspectiefregie_traject (id, bron, startdatum, einddatum, gedwongen_kader, gemeente_id, jeugdige_id,
       gezag_derden, sluitreden)
       SELECT traject_id, bron, startdatum, CASE WHEN NOT open_ THEN least(eind, current_date - 1) END, gedwongen,
         gemeente_id, jeugdige_id, false, CASE WHEN NOT open_ THEN 'thuis' ELSE '' END
       FROM (SELECT *, eind >= current_date AND traject_id = max(traject_id) FILTER (WHERE eind >= current_date)
               OVER (PARTITION BY jeugdige_id) AS open_ FROM bench_verblijf) v""",
    """INSERT INTO perspectiefregie_verblijf (soort, verblijf_id, startdatum, einddatum, traject_id)
       SELECT bron, bron_id, startdatum, verblijf_eind, traject_id FROM bench_verblijf""",
    # One open trajectory per youth (the database guards it): only the newest stays open.
    # A regisseur from 0-12 days after the start for 90%; a fifth of those changed once (with a reason).
    """INSERT INTO perspectiefregie_regisseurschap (van, tot, reden, regisseur_id, toegewezen_door_id, traject_id)
       SELECT startdatum + (id %% 13)::int, CASE WHEN (id %% 5)::int = 0 THEN startdatum + (id %% 13)::int + 20 END, '', %(gebruiker)s, NULL::bigint, id
       FROM perspectiefregie_traject WHERE (id %% 10)::int <> 9
       UNION ALL
       SELECT startdatum + (id %% 13)::int + 21, NULL, 'Bench: wissel', %(gebruiker)s, NULL::bigint, id
       FROM perspectiefregie_traject WHERE (id %% 10)::int <> 9 AND (id %% 5)::int = 0""",
    # A perspective plan for 85%, set 3-30 days after the start, an evaluation plan later for some.
    """INSERT INTO perspectiefregie_perspectiefplan (soort, vastgesteld_op, doelen, terugkeer, wie_doet_wat, wonen, inkomen,
       school_werk, zorg_18plus, traject_id)
       SELECT 'perspectief', startdatum + 3 + (id %% 28)::int, '', '', '', '', '', '', '', id
       FROM perspectiefregie_traject WHERE (id %% 20)::int < 17
       UNION ALL
       SELECT 'perspectief', startdatum + 60, '', '', '', '', '', '', '', id
       FROM perspectiefregie_traject WHERE (id %% 20)::int < 4""",
]


def laad_ketens(pg, begin):
    """Expert-table cases with session, advice and follow-up, learning reviews, and the
    perspective-direction trajectories with stay, regisseur and plan (#14.4)."""
    gebruiker = pg.execute("SELECT id FROM accounts_gebruiker WHERE username = 'bench-servicepunt'").fetchone()[0]
    t0 = time.perf_counter()
    with pg.transaction():  # all or nothing: a half-loaded chain would skew the figures
        # A bulk load as pg_restore does it: the copy triggers (crisis/0014, 0015) wait, since
        # their look-ups would be planned on the statistics of empty tables (a scan of every
        # plan per stay); once the tables are analysed one UPDATE lets them compute each copy.
        pg.execute("SET LOCAL session_replication_role = replica")
        for sql in KETENS_SQL:
            pg.execute(sql, {"begin": begin, "gebruiker": gebruiker, "extra": N_CASUSSEN_EXTRA})
    pg.execute("ANALYZE")
    with pg.transaction():
        pg.execute(
            "UPDATE crisis_inzet SET aanmelding_id = aanmelding_id WHERE id IN "
            "(SELECT verblijf_id FROM perspectiefregie_verblijf WHERE soort = 'crisis')"
        )
    pg.execute("VACUUM ANALYZE")
    n = {
        t: pg.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in (
            "experttafel_casus",
            "experttafel_advies",
            "experttafel_opvolging",
            "experttafel_leerevaluatie",
            "perspectiefregie_traject",
            "perspectiefregie_regisseurschap",
            "perspectiefregie_perspectiefplan",
        )
    }
    resultaat(
        "laden van experttafel en perspectiefregie (SQL, set-based)",
        f"{n['experttafel_casus']:,} casussen, {n['experttafel_advies']:,} adviezen, "
        f"{n['experttafel_opvolging']:,} opvolgingen, {n['experttafel_leerevaluatie']:,} leerevaluaties, "
        f"{n['perspectiefregie_traject']:,} trajecten, {n['perspectiefregie_regisseurschap']:,} regisseurschappen, "
        f"{n['perspectiefregie_perspectiefplan']:,} perspectiefplannen in {time.perf_counter() - t0:.0f} s; {_load()}",
        "minuten, geen uren",
    )


# The best hand-written query per function (#14.4): bench/sql/<function>.sql, one statement
# with %(van)s and %(tot)s, written independently of the app's ORM code and checked against
# the app's figures on test data (tests/test_bench_sql.py).
BESTE_SQL = Path(__file__).resolve().parent / "sql"


def beste_sql(functie: str) -> str:
    return (BESTE_SQL / f"{functie}.sql").read_text()


def meet(functie, keer=15):
    tijden = []
    for _ in range(keer):
        t = time.perf_counter()
        functie()
        tijden.append((time.perf_counter() - t) * 1000)
    tijden.sort()
    return statistics.median(tijden), tijden[int(len(tijden) * 0.95) - 1]


def _cpu_backend(connection) -> float:
    """CPU seconds the database backend of `connection` has used (PostgreSQL on this machine)."""
    with connection.cursor() as c:
        c.execute("SELECT pg_backend_pid()")
        pid = c.fetchone()[0]
    velden = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(velden[11]) + int(velden[12])) / os.sysconf("SC_CLK_TCK")


def meet_cpu(functie, connection, keer=15):
    """CPU time per call in ms: this process plus its database backend, so the figure does not
    depend on how busy the shared machine is. Parallel query workers are switched off for it
    (their CPU would be invisible here; on 2 shared cores they buy nothing)."""
    with connection.cursor() as c:
        c.execute("SET max_parallel_workers_per_gather = 0")
    try:
        t = time.perf_counter()
        functie()
        # /proc counts CPU in ticks of 10 ms: enough calls for at least 3 s, so a tick is < 0.5%.
        keer = max(keer, int(3 / max(time.perf_counter() - t, 0.001)))
        db0, py0 = _cpu_backend(connection), time.process_time()
        for _ in range(keer):
            functie()
        db, py = _cpu_backend(connection) - db0, time.process_time() - py0
    finally:
        with connection.cursor() as c:
            c.execute("RESET max_parallel_workers_per_gather")
    return 1000 * (db + py) / keer, 1000 * py / keer, 1000 * db / keer


def _load() -> str:
    return "load " + " / ".join(f"{x:.1f}".replace(".", ",") for x in os.getloadavg())


def cijfers_versus_sql():
    """#14.4 and #14.5: one quarter's figures at national scale, warm, read through the replica
    alias as the API and the report do; each function against hand-written SQL."""
    from django.db import connections
    from django.test.utils import CaptureQueriesContext

    from crisis.cijfers import ccp_cijfers
    from experttafel.cijfers import experttafel_cijfers
    from flevojeugd.routers import van_replica
    from kern.aggregaties import Kwartaal
    from perspectiefregie.cijfers import perspectiefregie_cijfers
    from servicepunt.cijfers import servicepunt_cijfers

    replica = connections["replica"]
    k = Kwartaal.van_datum(datetime.date.today()).vorige()

    def app():
        with van_replica():
            return ccp_cijfers(k)

    with CaptureQueriesContext(replica) as via_replica, CaptureQueriesContext(connections["default"]) as via_primair:
        app()
    assert len(via_replica) > 0 and len(via_primair) == 0, "de cijfers lezen niet via de replica-alias"
    app()  # warm
    p50, p95 = meet(app)
    cpu, cpu_py, cpu_db = meet_cpu(app, replica)
    oordeel = (
        "gehaald"
        if p50 <= 100
        else ("gehaald in CPU-tijd; wandklok niet op de gedeelde machine" if cpu <= 100 else "niet gehaald")
    )
    resultaat(
        f"CCP-kwartaalcijfers {k}, nationale schaal, warm, via de replica-alias ({len(via_replica)} queries)",
        f"p50 {p50:.0f} ms, p95 {p95:.0f} ms wandklok; CPU {cpu:.0f} ms per keer (Python {cpu_py:.0f} + "
        f"database {cpu_db:.0f}); {_load()}",
        "≤ 100 ms",
        oordeel,
    )

    def sql():
        with replica.cursor() as c:
            c.execute(beste_sql("crisis"), {"van": k.van, "tot": k.tot_en_met})
            c.fetchall()

    hand, _ = meet(sql)
    hand_cpu, _, _ = meet_cpu(sql, replica)
    resultaat(
        "CCP-kwartaalcijfers via de app t.o.v. de beste handgeschreven SQL (één query, dezelfde indexen)",
        f"wandklok {p50:.0f} t.o.v. {hand:.0f} ms = {p50 / hand:.2f}×; CPU {cpu:.0f} t.o.v. {hand_cpu:.0f} ms = "
        f"{cpu / hand_cpu:.2f}×; {_load()}",
        "≤ 1,5×",
        # Judged on CPU time, the figure a busy shared machine does not move; wall clock beside it.
        "gehaald" if cpu / hand_cpu <= 1.5 else "niet gehaald: zie README",
    )

    # The other functions: the app against the same SQL sent straight to the database (what
    # the ORM and the Python around it add). Their data here is small beside the CCP's.
    for naam, functie in (
        ("servicepunt", servicepunt_cijfers),
        ("experttafel", experttafel_cijfers),
        ("perspectiefregie", perspectiefregie_cijfers),
    ):

        def van_app(functie=functie):
            with van_replica():
                return functie(k)

        with CaptureQueriesContext(replica) as vastgelegd:
            van_app()
        queries = [q["sql"] for q in vastgelegd.captured_queries]

        def ruw(queries=queries):
            with replica.cursor() as c:
                for q in queries:
                    c.execute(q)
                    c.fetchall()

        a, _ = meet(van_app)
        r, _ = meet(ruw)
        a_cpu, _, _ = meet_cpu(van_app, replica)
        r_cpu, _, _ = meet_cpu(ruw, replica)
        resultaat(
            f"{naam}-kwartaalcijfers via de app t.o.v. dezelfde {len(queries)} queries als ruwe SQL",
            f"wandklok {a:.1f} t.o.v. {r:.1f} ms = {a / r:.2f}×; CPU {a_cpu:.1f} t.o.v. {r_cpu:.1f} ms; {_load()}",
            "≤ 1,5×",
            "gehaald" if a_cpu / max(r_cpu, 0.1) <= 1.5 else "niet gehaald",
        )
        if not (BESTE_SQL / f"{naam}.sql").exists():
            continue

        def beste(naam=naam):
            with replica.cursor() as c:
                c.execute(beste_sql(naam), {"van": k.van, "tot": k.tot_en_met})
                c.fetchall()

        h, _ = meet(beste)
        h_cpu, _, _ = meet_cpu(beste, replica)
        resultaat(
            f"{naam}-kwartaalcijfers via de app t.o.v. de beste handgeschreven SQL (bench/sql/{naam}.sql)",
            f"wandklok {a:.1f} t.o.v. {h:.1f} ms = {a / h:.2f}×; CPU {a_cpu:.1f} t.o.v. {h_cpu:.1f} ms = "
            f"{a_cpu / max(h_cpu, 0.1):.2f}×; {_load()}",
            "≤ 1,5×",
            "gehaald" if a_cpu / max(h_cpu, 0.1) <= 1.5 else "niet gehaald",
        )


def latenties():
    import json

    from django.test import Client

    from accounts.models import Gebruiker
    from crisis.models import Aanmelding

    def user(naam, rol, **kw):
        u, _ = Gebruiker.objects.get_or_create(username=naam, defaults={"rol": rol, **kw})
        return u

    # The query counts come from the suite's baselines, which prove they do not grow with the data.
    baselines = json.loads((ROOT / "tests" / "query_counts.json").read_text())
    aanmelding = Aanmelding.objects.order_by("-id").first()
    ccp = user("b-ccp", "ccp")
    paginas = [
        ("CCP-dagoverzicht", "crisis:dagoverzicht", ccp, "/crisis/"),
        ("crisisbedden", "crisis:beschikbaarheid", ccp, "/crisis/beschikbaarheid/"),
        ("aanmeldingspagina", "crisis:aanmelding", ccp, f"/crisis/aanmeldingen/{aanmelding.pk}/"),
        (
            "werklijst perspectiefregie",
            "perspectiefregie:lijst",
            user("b-toegang", "toegang", gemeente_id="almere"),
            "/perspectiefregie/",
        ),
        ("wachtlijst servicepunt", "servicepunt:wachtlijst", user("b-sp", "servicepunt"), "/servicepunt/wachtlijst/"),
    ]
    for naam, url_naam, u, pad in paginas:
        c = Client()
        c.force_login(u)
        r = c.get(pad)
        assert r.status_code == 200, (pad, r.status_code)
        p50, p95 = meet(lambda c=c, pad=pad: c.get(pad), keer=40)
        resultaat(
            f"{naam} p50/p95 ({baselines[url_naam]} queries)",
            f"{p50:.0f} / {p95:.0f} ms",
            "p95 ≤ 50 ms",
            "gehaald" if p95 <= 50 else "niet gehaald: zie README",
        )


def doorvoer():
    """Intake API under concurrent load from a second process, against a bare view in the same run."""
    from rest_framework.authtoken.models import Token

    from accounts.models import Gebruiker

    u, _ = Gebruiker.objects.get_or_create(username="b-last", defaults={"rol": "ccp"})
    token = Token.objects.get_or_create(user=u)[0].key
    poort = "18765"
    env = dict(os.environ)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "flevojeugd.wsgi:application",
            "-b",
            f"127.0.0.1:{poort}",
            "-w",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{poort}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        last = [sys.executable, str(ROOT / "bench" / "last.py"), poort, token]
        kaal = float(subprocess.run(last + ["healthz"], capture_output=True, text=True, check=True).stdout)
        intake = float(subprocess.run(last + ["intake"], capture_output=True, text=True, check=True).stdout)
    finally:
        server.terminate()
        server.wait()
    pct = 100 * intake / kaal
    resultaat(
        "intake-API onder gelijktijdige last (gunicorn, 2 workers, 8 verbindingen)",
        f"{intake:.0f} req/s t.o.v. kale view {kaal:.0f} req/s = {pct:.0f}%",
        "≥ 30%",
        "gehaald" if pct >= 30 else "niet gehaald",
    )


def pdf():
    import resource

    from kern.aggregaties import Kwartaal
    from rapportage import services

    k = Kwartaal.van_datum(datetime.date.today()).vorige()
    for naam, gemeente, doel in (("regionaal (Almere)", "almere", 5), ("nationaal volume (hele dataset)", None, 30)):
        from kern.models import Gemeente

        t = time.perf_counter()
        rapport = services.vraag_aan(None, k, Gemeente.objects.filter(code=gemeente).first() if gemeente else None)
        rapport.refresh_from_db()
        duur = time.perf_counter() - t
        piek = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        resultaat(
            f"kwartaal-PDF {naam}",
            f"{duur:.1f} s, piekgeheugen proces {piek:.0f} MB ({rapport.status})",
            f"≤ {doel} s",
            "gehaald" if duur <= doel and rapport.status == "klaar" else "niet gehaald",
        )


def historische_import():
    """The historical import (crisis/importeren.py) on a generated file of N_IMPORT rows:
    read, checked and written, all or nothing, through the same function as `import_ccp`."""
    import tempfile

    from crisis.importeren import KOLOMMEN, importeer

    rnd = random.Random(20261124)
    gemeenten = ["almere", "lelystad", "dronten", "noordoostpolder", "urk", "zeewolde"]
    vandaag = datetime.date.today()
    prefix = f"H{int(time.time())}"  # a run of its own: BENCH_HERGEBRUIK must not find it imported
    n_clienten = max(1, N_IMPORT // 5)
    geboren = {}
    with tempfile.NamedTemporaryFile("w", suffix=".csv", newline="", encoding="utf-8", delete=False) as f:
        pad = f.name
        f.write(",".join(KOLOMMEN) + "\n")
        regels, nr = 0, 0
        while regels < N_IMPORT:
            nr += 1
            c = rnd.randint(1, n_clienten)
            dag = vandaag - datetime.timedelta(days=rnd.randint(60, 365 * JAREN))
            # born before the first referral in the file: one birth date per client number
            g = geboren.setdefault(c, vandaag - datetime.timedelta(days=365 * JAREN + rnd.randint(0, 12 * 365)))
            gemeente = gemeenten[c % len(gemeenten)]
            if rnd.random() < 0.2:
                f.write(f"{prefix}-{nr},{prefix}C{c},{dag},{g},{gemeente},,alternatief,,,,\n")
                regels += 1
                continue
            eind = dag + datetime.timedelta(days=rnd.randint(10, 40))
            f.write(f"{prefix}-{nr},{prefix}C{c},{dag},{g},{gemeente},ambulant,,{dag},{eind},casusregie,\n")
            regels += 1
            if rnd.random() < 0.3 and regels < N_IMPORT:
                plan = dag + datetime.timedelta(days=rnd.randint(1, 20))
                f.write(
                    f"{prefix}-{nr},{prefix}C{c},{dag},{g},{gemeente},crisisbed,,{dag},{eind},naar_huis_met_hulp,{plan}\n"
                )
                regels += 1
    grootte = os.path.getsize(pad) / 1e6
    from django.db import connection

    # The import reports 70% when every row is checked and the write begins: the moment that
    # splits validation from writing, in wall-clock and in CPU time (this process plus its
    # database backend, so the figure does not depend on the load of the shared machine).
    gecontroleerd = {}

    def voortgang(procent, stap):
        if procent == 70:
            gecontroleerd.update(t=time.perf_counter(), py=time.process_time(), db=_cpu_backend(connection))

    try:
        t, py, db = time.perf_counter(), time.process_time(), _cpu_backend(connection)
        with open(pad, encoding="utf-8-sig", newline="") as f:
            uitkomst = importeer(f, voortgang=voortgang)
        duur, cpu = time.perf_counter() - t, time.process_time() - py + _cpu_backend(connection) - db
    finally:
        os.unlink(pad)
    controle = gecontroleerd["t"] - t
    controle_cpu = gecontroleerd["py"] - py + gecontroleerd["db"] - db
    resultaat(
        f"historische import ({regels:,} regels, {grootte:.0f} MB): gecontroleerd",
        f"{controle:.0f} s = {regels / controle:,.0f} regels/s wandklok; CPU {controle_cpu:.1f} s = "
        f"{regels / controle_cpu:,.0f} regels/s; {_load()}",
        "≥ 5.000 regels/s",
        "gehaald" if regels / controle >= 5000 else "niet gehaald",
    )
    resultaat(
        "historische import: gecontroleerd en weggeschreven (COPY), alles of niets",
        f"{duur:.0f} s = {regels / duur:,.0f} regels/s wandklok; CPU {cpu:.0f} s = {regels / cpu:,.0f} regels/s "
        f"({uitkomst.aanmeldingen:,} aanmeldingen, {uitkomst.inzetten:,} inzetten); {_load()}",
        "een miljoen regels in minuten",
        "gehaald" if duur <= 15 * 60 * (N_IMPORT / 1_000_000) else "niet gehaald",
    )


def gelijk():
    """The best hand-written SQL must compute the app's figures, or the ratio means nothing:
    for every function with bench/sql/<function>.sql, run both on the last four quarters and
    compare with bench/sql/<function>.py's `vergelijk(cijfers, rijen, zelfde)`, which passes
    every figure to `zelfde(wat, app, sql)`; each difference is named. tests/test_bench_sql.py runs this at BENCH_SCHAAL=0.01 on every `make test`."""
    import importlib.util

    from django.db import connection

    from kern.aggregaties import Kwartaal

    k = Kwartaal.van_datum(datetime.date.today())
    verschillen, vergeleken = [], []
    for bestand in sorted(BESTE_SQL.glob("*.sql")):
        naam = bestand.stem
        spec = importlib.util.spec_from_file_location(f"bench_sql_{naam}", BESTE_SQL / f"{naam}.py")
        vergelijker = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(vergelijker)
        kwartaal = k
        for _ in range(4):
            kwartaal = kwartaal.vorige()
            cijfers = vergelijker.CIJFERS(kwartaal)
            with connection.cursor() as c:
                c.execute(bestand.read_text(), {"van": kwartaal.van, "tot": kwartaal.tot_en_met})
                kolommen = [d[0] for d in c.description]
                rijen = [dict(zip(kolommen, r, strict=True)) for r in c.fetchall()]

            def zelfde(wat, app, sql, naam=naam, kwartaal=kwartaal):
                if app != sql:
                    verschillen.append(f"{naam} {kwartaal}: {wat}: app {app}, sql {sql}")

            vergelijker.vergelijk(cijfers, rijen, zelfde)
        vergeleken.append(naam)
    resultaat(
        "de beste handgeschreven SQL rekent dezelfde cijfers als de app (4 kwartalen)",
        ", ".join(vergeleken) + (": gelijk" if not verschillen else ": " + "; ".join(verschillen[:10])),
        "gelijk",
        "gehaald" if not verschillen else "niet gehaald",
    )
    if verschillen:
        raise SystemExit("\n".join(verschillen))


METINGEN = {
    "gelijk": lambda: gelijk(),
    "cijfers": lambda: cijfers_versus_sql(),
    "latenties": lambda: latenties(),
    "doorvoer": lambda: doorvoer(),
    "pdf": lambda: pdf(),
    "import": lambda: historische_import(),
}


def main():
    print(f"Benchmarks op {os.uname().nodename}, {os.cpu_count()} cores, schaal {SCHAAL}", flush=True)
    if os.environ.get("BENCH_HERGEBRUIK"):  # measure again on the data of the last run
        import django

        django.setup()
        from django.db import connection

        with connection.cursor() as cur:  # a database of before the chains were loaded gets them now
            if not cur.connection.execute("SELECT EXISTS (SELECT FROM perspectiefregie_traject)").fetchone()[0]:
                laad_ketens(cur.connection, datetime.date.today() - datetime.timedelta(days=365 * JAREN))
    else:
        maak_database()
        laad()
    # BENCH_METINGEN=import,pdf measures only those (e.g. with BENCH_HERGEBRUIK=1).
    for naam in os.environ.get("BENCH_METINGEN", ",".join(METINGEN)).split(","):
        METINGEN[naam.strip()]()
    print("\n| meting | resultaat | doel | oordeel |\n|---|---|---|---|")
    for r in REGELS:
        print("| " + " | ".join(r) + " |")


if __name__ == "__main__":
    main()
