"""The menu and the start page per role, decided by the permission rules themselves."""

from dataclasses import dataclass

from django.urls import reverse

from .models import Rol


@dataclass(frozen=True)
class Item:
    titel: str
    url_name: str
    perm: str
    uitleg: str = ""


# One list; an item shows when the user holds its permission (accounts/permissions.py and each
# app's permissions.py), so the menu can never offer what the rules refuse.
ITEMS = [
    Item(
        "Perspectiefregie",
        "perspectiefregie:lijst",
        "perspectiefregie.werklijst_zien",
        "Wie heeft nog geen regisseur of plan: de werklijst van uw gemeente.",
    ),
    Item(
        "Servicepunt",
        "servicepunt:overzicht",
        "servicepunt.overzicht_zien",
        "Capaciteit, beschikkingen, tweewekenregel, wachtlijst en matching.",
    ),
    Item(
        "Dagoverzicht CCP",
        "crisis:dagoverzicht",
        "crisis.dagoverzicht_zien",
        "Nieuwe aanmeldingen, triage, verdelen, weigeringen en plannen die verlopen.",
    ),
    Item("Aanmeldingen", "crisis:aanmeldingen", "crisis.aanmeldingen_zien", "De crisisaanmeldingen die u mag zien."),
    Item(
        "Nieuwe crisisaanmelding",
        "crisis:aanmelden",
        "crisis.aanmelden",
        "Meld een jeugdige aan bij het crisiscoördinatiepunt.",
    ),
    Item(
        "Crisisbedden",
        "crisis:beschikbaarheid",
        "crisis.beschikbaarheid_zien",
        "Vrije plekken in crisisgroepen en crisispleegzorg.",
    ),
    Item(
        "Toewijzingen",
        "crisis:toewijzingen",
        "crisis.toewijzingen_zien",
        "Ambulante crisishulp die aan uw organisatie is toegewezen.",
    ),
    Item(
        "Kwartaalcijfers van uw organisatie",
        "rapportage:aanbieder",
        "rapportage.aanbieder_cijfers",
        "Toegewezen, geaccepteerd en geweigerd per reden, uw verblijven en hun vervolg.",
    ),
    Item("CCP-cijfers", "crisis:cijfers", "crisis.cijfers_zien", "De kwartaalcijfers van het crisiscoördinatiepunt."),
    Item(
        "Experttafel",
        "experttafel:overzicht",
        "experttafel.overzicht_zien",
        "Sessies, agenda en casussen van de regionale experttafel.",
    ),
    Item(
        "Casus inbrengen",
        "experttafel:inbrengen",
        "experttafel.inbrengen",
        "Breng een casus in bij de regionale experttafel.",
    ),
    Item(
        "Kwartaalrapportages",
        "rapportage:lijst",
        "rapportage.rapporten_zien",
        "Download de kwartaalrapportage als PDF.",
    ),
    Item(
        "Historische CCP-registratie importeren",
        "crisis:importeren",
        "crisis.importeren",
        "Lees de registratiespreadsheet van het CCP in (alles of niets).",
    ),
    Item("Beheer", "admin:index", "audit.inzien", "Referentiegegevens, gebruikers en de logging."),
]


def menu_voor(user) -> list[dict]:
    return [{"titel": i.titel, "url": reverse(i.url_name), "uitleg": i.uitleg} for i in ITEMS if user.has_perm(i.perm)]


def startblokken(user) -> list[dict]:
    return menu_voor(user)


# A role whose working day is one page starts there (#15.1: the CCP opens on the day overview);
# roles with several functions keep the tiles. The menu still offers everything else.
STARTPAGINA = {Rol.CCP: "crisis:dagoverzicht"}


def startpagina(user) -> str | None:
    """The URL a user's start page sends them to, or None for the tiles."""
    naam = STARTPAGINA.get(getattr(user, "rol", None))
    return reverse(naam) if naam else None
