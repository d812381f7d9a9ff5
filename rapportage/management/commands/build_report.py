import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kern.aggregaties import Kwartaal
from kern.models import Gemeente
from rapportage import services
from rapportage.models import Rapport


class Command(BaseCommand):
    help = "Bouwt de kwartaalrapportage via de takenwachtrij (in het proces zonder broker) als nieuwe versie."

    def add_arguments(self, parser):
        parser.add_argument("kwartaal", help="bijvoorbeeld 2026-Q3")
        parser.add_argument("--gemeente")
        parser.add_argument("--publiek", action="store_true")
        parser.add_argument("--output", help="schrijf de PDF ook naar dit bestand")
        parser.add_argument("--wachttijd", type=int, default=600, help="seconden wachten op de worker")

    def handle(self, *args, kwartaal, gemeente, publiek, output, wachttijd, **opts):
        try:
            k = Kwartaal.parse(kwartaal)
        except ValueError as exc:
            raise CommandError(f"Ongeldig kwartaal '{kwartaal}': schrijf het als 2026-Q3.") from exc
        g = None
        if gemeente:
            g = Gemeente.objects.filter(code=gemeente).first()
            if g is None:
                raise CommandError(f"Onbekende gemeente: {gemeente}")
        rapport = services.vraag_aan(None, k, g, publiek)
        self.stdout.write(f"Rapport {rapport.kwartaal} ({rapport.gebied}) versie {rapport.versie} aangevraagd.")
        eind = time.monotonic() + wachttijd
        while True:
            rapport.refresh_from_db()
            if rapport.afgerond:
                break
            if time.monotonic() > eind:
                raise CommandError(f"De worker was na {wachttijd} s niet klaar; het rapport blijft in de wachtrij.")
            time.sleep(0.5 if settings.CELERY_BROKER_URL else 0)
        if rapport.status == Rapport.Status.MISLUKT:
            raise CommandError(rapport.fout)
        if output:
            with rapport.pdf.open("rb") as bron, open(output, "wb") as doel:
                doel.write(bron.read())
            self.stdout.write(f"PDF geschreven naar {output}")
        self.stdout.write(f"Klaar: versie {rapport.versie}, {rapport.pdf.name}")
