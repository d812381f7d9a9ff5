"""Factories and personas: the people of the region as the tests meet them."""

import datetime

import factory
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from accounts.models import Gebruiker, Rol
from kern.models import Gemeente, Jeugdige

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
