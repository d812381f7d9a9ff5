from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from rest_framework.authtoken.models import Token

from accounts.models import Gebruiker, Rol
from kern.models import Aanbieder, Gemeente


class Command(BaseCommand):
    help = "Maakt een gebruiker met een rol aan; met --token staat het API-token op de laatste regel."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=[r.value for r in Rol])
        parser.add_argument("--gemeente")
        parser.add_argument("--aanbieder")
        parser.add_argument("--ret-aanmelder", action="store_true")
        parser.add_argument("--password")
        parser.add_argument("--token", action="store_true")

    @transaction.atomic
    def handle(self, *args, **opts):
        gebruiker = Gebruiker(username=opts["username"], rol=opts["role"], ret_aanmelder=opts["ret_aanmelder"])
        if opts["gemeente"]:
            gebruiker.gemeente = Gemeente.objects.filter(code=opts["gemeente"]).first()
            if gebruiker.gemeente is None:
                raise CommandError(f"Onbekende gemeente: {opts['gemeente']}")
        if opts["aanbieder"]:
            gebruiker.aanbieder = Aanbieder.objects.filter(code=opts["aanbieder"]).first()
            if gebruiker.aanbieder is None:
                raise CommandError(f"Onbekende aanbieder: {opts['aanbieder']}")
        if opts["role"] == Rol.BEHEER:
            gebruiker.is_staff = True  # the admin, with the role's permissions; never a superuser
        if opts["password"]:
            gebruiker.set_password(opts["password"])
        else:
            gebruiker.set_unusable_password()
        try:
            gebruiker.full_clean()
        except ValidationError as exc:
            raise CommandError("; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())) from exc
        gebruiker.save()
        self.stdout.write(f"Gebruiker {gebruiker.username} aangemaakt met rol {gebruiker.rol}.")
        if opts["token"]:
            self.stdout.write(Token.objects.create(user=gebruiker).key)
