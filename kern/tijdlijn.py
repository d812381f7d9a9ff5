"""The youth's timeline across the four functions: every step, and only what the viewer may see.

Each app publishes its own steps with `tijdlijn(jeugdige, user)` in its services, applying its own
`zichtbaar_voor`; this module only puts them together in date order. No app reads another's models."""

import datetime
from dataclasses import dataclass

from django.utils.module_loading import import_string

BRONNEN = (
    "crisis.services.tijdlijn",
    "experttafel.services.tijdlijn",
    "servicepunt.services.tijdlijn",
    "perspectiefregie.services.tijdlijn",
)


@dataclass(frozen=True)
class Stap:
    datum: datetime.date
    functie: str  # CCP, experttafel, servicepunt, perspectiefregie
    wat: str


def tijdlijn(jeugdige, user) -> list[Stap]:
    stappen: list[Stap] = []
    for bron in BRONNEN:
        stappen.extend(import_string(bron)(jeugdige, user))
    return sorted((s for s in stappen if s.datum), key=lambda s: s.datum)
