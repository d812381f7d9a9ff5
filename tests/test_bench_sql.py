"""The benchmark's best hand-written queries compute the app's figures (#14.4).

`make bench` compares each function's figures with bench/sql/<function>.sql; that ratio only
means something when both count the same. This runs the benchmark itself at a hundredth of
national scale (its own database, the same generator, the chains of every function) with the
measurement `gelijk`, which compares every figure of four quarters and names each difference.
It also keeps the benchmark from rotting between runs of `make bench`.
"""

import os
import subprocess
import sys
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent


def test_beste_sql_rekent_dezelfde_cijfers_als_de_app():
    # Beside the suite's database on the same server, so parallel runs do not meet.
    server, db = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/flevojeugd").rsplit("/", 1)
    naam = f"{db}_bench_sql"
    env = {
        **os.environ,
        "BENCH_DATABASE_URL": f"{server}/{naam}",
        "BENCH_SCHAAL": "0.01",
        "BENCH_METINGEN": "gelijk",
    }
    env.pop("DATABASE_REPLICA_URL", None)
    try:
        uit = subprocess.run(
            [sys.executable, "bench/run.py"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
        )
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')
    assert uit.returncode == 0, uit.stdout[-3000:] + uit.stderr[-3000:]
    assert "rekent dezelfde cijfers als de app" in uit.stdout
    assert ": gelijk" in uit.stdout
