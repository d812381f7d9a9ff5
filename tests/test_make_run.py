"""`make run` on a fresh checkout: SQLite, migrate, the demo data (the contract's quick start).

SQLite rebuilds tables for schema changes and then fails on triggers that name them; the
figures' copy triggers (crisis/kopieen.py) are therefore laid after every migrate. This runs the
quick start's own commands on an empty SQLite file, twice, and checks the copies the quarterly
figures read against their definitions, also after a correction.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CONTROLE = """
import datetime
from crisis.models import Aanmelding, Inzet
from kern.models import Jeugdige
from kern.querysets import persoon
from perspectiefregie.models import Perspectiefplan

def klopt():
    for i in Inzet.objects.select_related("aanmelding").met_perspectiefplan():
        assert i.kopie_plandatum == i.plan_datum, i.pk
        assert (i.kopie_aanmelddatum, i.kopie_gemeente) == (i.aanmelding.aanmelddatum, i.aanmelding.gemeente_id), i.pk
    sleutels = {}
    for a in Aanmelding.objects.annotate(p=persoon()):
        sleutels.setdefault(a.p, set()).add(a.kopie_persoon)
    assert all(len(s) == 1 for s in sleutels.values()), sleutels
    assert len({next(iter(s)) for s in sleutels.values()}) == len(sleutels)

assert Inzet.objects.filter(kopie_plandatum__isnull=False).exists()
klopt()
from django.db.models import Min
from servicepunt.models import Beschikking
besluiten = Beschikking.objects.annotate(eerste=Min("plaatsingen__startdatum"))
assert besluiten.filter(geplaatst_op__isnull=False).exists()
assert all(b.geplaatst_op == b.eerste for b in besluiten), "servicepunt: geplaatst_op"
plan = Perspectiefplan.objects.filter(soort="perspectief").first()
plan.vastgesteld_op -= datetime.timedelta(days=1)
plan.save()
twee = list(Jeugdige.objects.filter(aanmeldingen__isnull=False, bsn__isnull=True).values_list("gemeente_id", "pk"))
eerste = twee[0]
tweede = next(p for p in twee if p[0] != eerste[0])
Jeugdige.objects.filter(pk__in=[eerste[1], tweede[1]]).update(bsn="111222333")
klopt()
Aanmelding.objects.filter(jeugdige_id=tweede[1]).update(aanmelddatum=datetime.date(2020, 1, 1))
klopt()
print("KOPIEEN KLOPPEN")
"""


def test_make_run_op_sqlite_legt_de_kopieen_aan(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "PYTHONWARNINGS": "ignore"}
    env.pop("DATABASE_REPLICA_URL", None)

    def manage(*args):
        uit = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
        )
        assert uit.returncode == 0, uit.stdout[-2000:] + uit.stderr[-4000:]
        return uit.stdout

    manage("migrate", "--noinput", "-v0")
    manage("seed_demo")
    manage("migrate", "--noinput", "-v0")  # a second migrate lays the triggers again
    assert "KOPIEEN KLOPPEN" in manage("shell", "-c", CONTROLE)
