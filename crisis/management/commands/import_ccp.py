from django.core.management.base import BaseCommand, CommandError

from crisis.importeren import ImportFout, importeer


class Command(BaseCommand):
    help = (
        "Importeert de historische CCP-registratie (CSV, UTF-8). Alles of niets; tweemaal importeren voegt niets toe."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand")

    def handle(self, *args, bestand, **opts):
        try:
            with open(bestand, encoding="utf-8-sig", newline="") as f:
                resultaat = importeer(f)
        except FileNotFoundError as exc:
            raise CommandError(f"Bestand niet gevonden: {bestand}") from exc
        except UnicodeDecodeError as exc:
            raise CommandError("Het bestand is geen UTF-8.") from exc
        except ImportFout as exc:
            for fout in exc.fouten:
                self.stderr.write(fout)
            raise CommandError(f"Niets geïmporteerd: {len(exc.fouten)} fout(en).") from exc
        self.stdout.write(
            f"{resultaat.aanmeldingen} aanmeldingen en {resultaat.inzetten} inzetten geïmporteerd; "
            f"{resultaat.overgeslagen} registraties bestonden al."
        )
