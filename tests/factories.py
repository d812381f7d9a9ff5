"""Factories and personas: the people of the region as the tests meet them."""

import datetime

import factory
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from accounts.models import Gebruiker, Rol
from crisis.models import Aanmelding, Inzet, Toewijzing
from experttafel.models import Casus
from kern.models import Gemeente, Jeugdige, Voorziening
from perspectiefregie.models import Traject
from servicepunt.models import Beschikking, Plaatsing

WACHTWOORD = "Flevo-test-2026!"


class GebruikerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gebruiker
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    rol = Rol.CCP
    password = factory.PostGenerationMethodCall("set_password", WACHTWOORD)

    @factory.post_generation
    def opslaan(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class JeugdigeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jeugdige

    voornaam = factory.Sequence(lambda n: f"Testkind{n}")
    achternaam = "Fictief"
    geboortedatum = datetime.date(2012, 3, 1)
    gemeente = factory.LazyFunction(lambda: Gemeente.objects.get(code="almere"))


# --- The records of the four functions, each with the traits a test names -----------------
# The defaults are a youth of Almere on the day the test's clock says; a trait adds the step a
# test talks about ("an Aanmelding that is in care", "a Casus of the GI", "a closed Traject").


class AanmeldingFactory(factory.django.DjangoModelFactory):
    """A referral by Almere's access team for ambulant crisis help, not yet triaged."""

    class Meta:
        model = Aanmelding

    registratienummer = factory.Sequence(lambda n: f"T-{n:05d}")
    jeugdige = factory.SubFactory(JeugdigeFactory)
    gemeente = factory.SelfAttribute("jeugdige.gemeente")
    hulpvraag = Aanmelding.Hulpvraag.AMBULANT
    bron = Aanmelding.Bron.TOEGANG
    aangemeld_op = factory.LazyFunction(timezone.now)
    aanmelddatum = factory.LazyAttribute(lambda o: timezone.localdate(o.aangemeld_op))
    leeftijdsgroep = "12+"
    loket_open = True
    behandelen_voor = factory.SelfAttribute("aangemeld_op")

    class Params:
        verblijf = factory.Trait(hulpvraag=Aanmelding.Hulpvraag.VERBLIJF)
        getrieerd = factory.Trait(
            status=Aanmelding.Status.GETRIEERD,
            ernst=Aanmelding.Ernst.HOOG,
            getrieerd_op=factory.SelfAttribute("aangemeld_op"),
        )
        in_zorg = factory.Trait(status=Aanmelding.Status.IN_ZORG)
        afgesloten = factory.Trait(status=Aanmelding.Status.AFGESLOTEN)


class ToewijzingFactory(factory.django.DjangoModelFactory):
    """An open assignment of a referral to a provider (Triade unless told)."""

    class Meta:
        model = Toewijzing

    aanmelding = factory.SubFactory(AanmeldingFactory, getrieerd=True)
    aanbieder_id = "triade"
    toegewezen_op = factory.LazyFunction(timezone.now)


class InzetFactory(factory.django.DjangoModelFactory):
    """Ambulant crisis help by Triade, started today."""

    class Meta:
        model = Inzet

    aanmelding = factory.SubFactory(AanmeldingFactory, in_zorg=True)
    hulpvorm_id = "ambulant"
    aanbieder_id = "triade"
    startdatum = factory.LazyFunction(timezone.localdate)

    class Params:
        # A crisis stay in a crisis foster family, with the local team's ambulant help.
        verblijf = factory.Trait(
            hulpvorm_id="pleegzorg",
            aanbieder_id="vitree",
            voorziening=factory.LazyFunction(lambda: Voorziening.objects.get(type_id="crisispleegzorg")),
            ambulant_lokaal_team=True,
            aanmelding=factory.SubFactory(AanmeldingFactory, in_zorg=True, verblijf=True),
        )
        afgesloten = factory.Trait(einddatum=factory.LazyFunction(timezone.localdate))


class BeschikkingFactory(factory.django.DjangoModelFactory):
    """A decision for foster care by Vitree, issued today for a youth of Almere."""

    class Meta:
        model = Beschikking

    jeugdige = factory.SubFactory(JeugdigeFactory)
    zorgtype_id = "pleegzorg"
    afgegeven_op = factory.LazyFunction(timezone.localdate)
    gemeente = factory.SelfAttribute("jeugdige.gemeente")
    brp_gemeente = factory.SelfAttribute("jeugdige.gemeente")
    aanbieder_id = "vitree"
    geregistreerd_door = factory.SubFactory(GebruikerFactory, rol=Rol.SERVICEPUNT)

    class Params:
        ambulant = factory.Trait(zorgtype_id=None, aanbieder_id=None)
        gestart = factory.Trait(ambulant_gestart_op=factory.SelfAttribute("afgegeven_op"))
        wlz = factory.Trait(wlz_indicatie=True)
        buiten_de_regio = factory.Trait(buiten_regio=True)


class PlaatsingFactory(factory.django.DjangoModelFactory):
    """A placement in Pleegzorg Flevoland that started today."""

    class Meta:
        model = Plaatsing

    beschikking = factory.SubFactory(BeschikkingFactory)
    voorziening = factory.LazyFunction(lambda: Voorziening.objects.get(naam="Pleegzorg Flevoland"))
    startdatum = factory.LazyFunction(timezone.localdate)
    ambulant_lokaal_team = True


class CasusFactory(factory.django.DjangoModelFactory):
    """A case brought in by Almere's access team, with consent, waiting for the table."""

    class Meta:
        model = Casus

    jeugdige = factory.SubFactory(JeugdigeFactory)
    gemeente = factory.SelfAttribute("jeugdige.gemeente")
    inbrenger = factory.SubFactory(GebruikerFactory, rol=Rol.TOEGANG, gemeente_id="almere")
    vraag = "Welke plek past bij deze jeugdige?"
    geprobeerd = "Ambulante gezinsbegeleiding"
    gezinssituatie = "Jeugdige woont bij moeder"
    toestemming = True
    ingediend_op = factory.LazyFunction(timezone.now)

    class Params:
        anoniem = factory.Trait(
            jeugdige=None, toestemming=False, gemeente=factory.LazyFunction(lambda: Gemeente.objects.get(code="almere"))
        )
        van_gi = factory.Trait(via_gi=True, inbrenger=factory.SubFactory(GebruikerFactory, rol=Rol.GI))
        besproken = factory.Trait(status=Casus.Status.BESPROKEN, besproken_op=factory.LazyFunction(timezone.localdate))


class TrajectFactory(factory.django.DjangoModelFactory):
    """An open trajectory of perspective direction after a crisis stay, opened today."""

    class Meta:
        model = Traject

    jeugdige = factory.SubFactory(JeugdigeFactory)
    gemeente = factory.SelfAttribute("jeugdige.gemeente")
    bron = Traject.Bron.CRISIS
    startdatum = factory.LazyFunction(timezone.localdate)

    class Params:
        na_plaatsing = factory.Trait(bron=Traject.Bron.PLAATSING)
        gedwongen = factory.Trait(gedwongen_kader=True)
        gesloten = factory.Trait(
            einddatum=factory.LazyFunction(timezone.localdate), sluitreden=Traject.Sluitreden.THUIS
        )


def persona(rol: str, **kwargs) -> Gebruiker:
    if rol in (Rol.TOEGANG,) and "gemeente_id" not in kwargs:
        kwargs["gemeente_id"] = "almere"
    if rol == Rol.AANBIEDER and "aanbieder_id" not in kwargs:
        kwargs["aanbieder_id"] = "triade"
    return GebruikerFactory(
        rol=rol,
        username=kwargs.pop("username", None) or f"{rol}-{GebruikerFactory._meta.model.objects.count()}",
        **kwargs,
    )


def token_voor(user) -> str:
    return Token.objects.get_or_create(user=user)[0].key


def totp_apparaat(user, sleutel: str = "3132333435363738393031323334353637383930") -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="test", confirmed=True, key=sleutel)
