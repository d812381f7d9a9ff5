from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from audit import dbrollen


class Command(BaseCommand):
    help = (
        "Geeft de databaserol van de app alleen de rechten die ze nodig heeft (rijen lezen en schrijven, "
        "de logging alleen aanvullen). Draai als de eigenaar van de tabellen, na migrate."
    )

    def add_arguments(self, parser):
        parser.add_argument("rol", help="de databaserol waarmee web, worker en beat verbinden")

    def handle(self, *args, rol, **opts):
        if connection.vendor != "postgresql":
            self.stdout.write("Geen PostgreSQL: niets te doen.")
            return
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                dbrollen.ken_toe(cursor, rol)
        except dbrollen.OnveiligeRol as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Rechten van databaserol {rol} ingesteld; de logging kan zij alleen aanvullen.")
