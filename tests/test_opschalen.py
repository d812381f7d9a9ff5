"""#14.5: `docker compose up --scale web=3 --scale worker=4` works by design — no state in a web
or worker process or on its disk: sessions, lockout counts, task results, the cache and files
all live in a shared service, migrations run once, and each web container gets its own port."""

import runpy
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def _productie(monkeypatch) -> dict:
    for naam, waarde in {
        "DATABASE_URL": "postgres://app:x@db:5432/flevojeugd",
        "DATABASE_REPLICA_URL": "postgres://app:x@replica:5432/flevojeugd",
        "CELERY_BROKER_URL": "redis://redis:6379/0",
        "CACHE_URL": "redis://redis:6379/1",
        "S3_BUCKET": "flevojeugd",
        "S3_ENDPOINT_URL": "http://minio:9000",
        "SECRET_KEY": "p" * 60,
        "DEBUG": "0",
    }.items():
        monkeypatch.setenv(naam, waarde)
    return runpy.run_path(str(ROOT / "flevojeugd" / "settings.py"))


def test_productie_houdt_niets_in_het_proces_of_op_de_schijf(monkeypatch):
    s = _productie(monkeypatch)
    assert s["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert s["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"
    assert s["AXES_HANDLER"] == "axes.handlers.database.AxesDatabaseHandler"
    assert s["CELERY_RESULT_BACKEND"].startswith("redis://")
    assert s["STORAGES"]["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    # Figures and reports read from the replica; nothing migrates it.
    assert s["REPLICA_GEBRUIKEN"] and s["DATABASES"]["replica"]["HOST"] == "replica"
    assert s["DATABASES"]["replica"]["OPTIONS"]["options"] == "-c jit=off"


def test_compose_schaalt_web_en_worker():
    diensten = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    for naam in ("web", "worker"):
        d = diensten[naam]
        assert not d.get("volumes"), f"{naam} bewaart iets op een eigen volume"
        assert "container_name" not in d
        for variabele in ("CACHE_URL", "S3_BUCKET", "CELERY_BROKER_URL"):
            assert d["environment"].get(variabele), (naam, variabele)
        assert "DATABASE_MIGRATE_URL" not in d["environment"], "alleen migrate kent het wachtwoord van de eigenaar"
        assert d["environment"]["MIGREREN"] == "0"
        assert d["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    # Three web containers cannot share one host port: each takes one from a range.
    (poort,) = diensten["web"]["ports"]
    assert poort.endswith(":8000") and "-" in poort.removesuffix(":8000"), poort
    assert diensten["migrate"]["command"] == ["sh", "/app/docker/migreer.sh"]
    assert "migrate" in (ROOT / "docker" / "migreer.sh").read_text()


@pytest.mark.django_db(databases=["default", "replica"])
def test_de_verbindingen_van_de_app_compileren_niet_met_jit():
    """JIT costs short queries more than it saves (settings.PG_OPTIONS); both aliases have it off."""
    from django.db import connections

    for alias in ("default", "replica"):
        with connections[alias].cursor() as c:
            c.execute("SHOW jit")
            assert c.fetchone()[0] == "off", alias
    connections["replica"].close()  # a mirror's own connection would hold the test database open
