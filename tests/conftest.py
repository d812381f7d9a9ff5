import pytest
from rest_framework.test import APIClient

from accounts.models import Rol
from tests.factories import persona, token_voor


@pytest.fixture(autouse=True)
def _statische_bestanden_zonder_manifest(settings):
    # The suite does not run collectstatic; WhiteNoise serves from the finders.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _referentiedata_na_flush(request):
    """Transactional tests end with a flush that also empties the reference data of the data
    migrations; load it again where a test starts without it."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("transactional_db")
    from importlib import import_module

    from django.apps import apps

    from kern.models import Gemeente

    if not Gemeente.objects.exists():
        import_module("kern.migrations.0002_referentiedata").laad(apps, None)
        import_module("crisis.migrations.0002_crisiscontracten").laad(apps, None)
        import_module("experttafel.migrations.0002_codelijsten").laad(apps, None)
        import_module("kern.migrations.0004_vergaderplaats").laad(apps, None)
        import_module("experttafel.migrations.0003_leren_en_opvolging").laad(apps, None)
        import_module("kern.migrations.0006_alternatief").laad(apps, None)
    from kern.models import Regioinstelling

    if not Regioinstelling.objects.exists():  # the one row of kern 0010, with its defaults
        Regioinstelling.objects.create()


@pytest.fixture
def api():
    """An API client per persona: api(user) answers with the user's token set."""

    def maak(user=None):
        client = APIClient()
        if user is not None:
            client.credentials(HTTP_AUTHORIZATION=f"Token {token_voor(user)}")
        return client

    return maak


@pytest.fixture
def ccp(db):
    return persona(Rol.CCP, username="ccp-coordinator")


@pytest.fixture
def toegang_almere(db):
    return persona(Rol.TOEGANG, gemeente_id="almere", username="toegang-almere")


@pytest.fixture
def toegang_lelystad(db):
    return persona(Rol.TOEGANG, gemeente_id="lelystad", username="toegang-lelystad")


@pytest.fixture
def beleid_regio(db):
    return persona(Rol.BELEID, username="beleid-regio")


@pytest.fixture
def beheer(db):
    return persona(Rol.BEHEER, username="beheerder", is_staff=True)


def aanbieder_persona(code):
    return persona(Rol.AANBIEDER, aanbieder_id=code, username=f"aanbieder-{code}")
