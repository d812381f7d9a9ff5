"""The weighing framework for matching (afwegingskader pleegzorg, gezinshuis, residentiële
behandelgroep) as data: each rule adds weight to a kind of stay and says why, in plain Dutch.
The region changes the weights here, in one table."""

from dataclasses import dataclass, field

SOORTEN = {"pleegzorg": "Pleeggezin", "gezinshuis": "Gezinshuis", "behandelgroep": "Residentiële behandelgroep"}

# CAP-J problem areas the framework looks at (a subset of the classification's main groups).
PROBLEEMGEBIEDEN = {
    "gedrag": "Gedragsproblemen",
    "emotioneel": "Emotionele problemen",
    "ontwikkeling": "Ontwikkelingsproblemen (o.a. LVB, autisme)",
    "hechting": "Hechtingsproblematiek",
    "psychiatrie": "Ernstige psychiatrische problematiek",
    "verslaving": "Middelengebruik",
    "trauma": "Trauma",
}
GEZINSFACTOREN = {
    "huiselijk_geweld": "Huiselijk geweld",
    "ouder_ggz": "Psychiatrie of verslaving bij ouders",
    "broers_zussen": "Broers en zussen moeten samen blijven",
    "netwerk": "Er is een steunend netwerk",
}


@dataclass(frozen=True)
class Regel:
    geldt: callable
    gewichten: dict
    reden: str


REGELS = [
    Regel(
        lambda v: v.leeftijd < 6,
        {"pleegzorg": 3, "gezinshuis": 1, "behandelgroep": -3},
        "Jonge kinderen groeien het best op in een gezin.",
    ),
    Regel(
        lambda v: 6 <= v.leeftijd < 12,
        {"pleegzorg": 1, "gezinshuis": 2},
        "Een kind van deze leeftijd hoort in een gezinssituatie.",
    ),
    Regel(
        lambda v: v.leeftijd >= 12,
        {"gezinshuis": 1, "behandelgroep": 1},
        "Voor een tiener passen een gezinshuis of een behandelgroep vaak beter dan een pleeggezin.",
    ),
    Regel(lambda v: v.ernst == "licht", {"pleegzorg": 2}, "De problemen zijn licht: lichte hulp waar het kan."),
    Regel(lambda v: v.ernst == "matig", {"gezinshuis": 2}, "Matige problemen vragen professionele gezinshuisouders."),
    Regel(
        lambda v: v.ernst == "zwaar",
        {"behandelgroep": 3, "pleegzorg": -2},
        "Zware problemen vragen behandeling op een groep.",
    ),
    Regel(
        lambda v: v.complexiteit == "meervoudig",
        {"gezinshuis": 1},
        "Meerdere problemen tegelijk vragen meer dan een gewoon gezin.",
    ),
    Regel(lambda v: v.complexiteit == "complex", {"behandelgroep": 2}, "De combinatie van problemen is complex."),
    Regel(
        lambda v: v.eerdere_jeugdhulp >= 2,
        {"gezinshuis": 1, "pleegzorg": -1},
        "Na eerdere afgebroken hulp biedt een gezinshuis meer houvast.",
    ),
    Regel(
        lambda v: v.motivatie_ouders == "hoog",
        {"behandelgroep": 1},
        "Gemotiveerde ouders kunnen meedoen aan behandeling; terugkeer naar huis is reëel.",
    ),
    Regel(
        lambda v: v.motivatie_ouders == "laag",
        {"pleegzorg": 1, "gezinshuis": 1},
        "Ouders zijn weinig gemotiveerd: een stabiel gezin voor langere tijd ligt voor de hand.",
    ),
    Regel(
        lambda v: "psychiatrie" in v.probleemgebieden,
        {"behandelgroep": 2, "pleegzorg": -1},
        "Ernstige psychiatrische problematiek vraagt behandeling.",
    ),
    Regel(
        lambda v: bool({"gedrag", "verslaving"} & set(v.probleemgebieden)),
        {"behandelgroep": 1},
        "Gedragsproblemen of middelengebruik vragen een behandelklimaat.",
    ),
    Regel(
        lambda v: bool({"hechting", "ontwikkeling"} & set(v.probleemgebieden)),
        {"gezinshuis": 1},
        "Hechtings- of ontwikkelingsproblemen vragen vaste, professionele opvoeders.",
    ),
    Regel(
        lambda v: "broers_zussen" in v.gezinsfactoren,
        {"gezinshuis": 2},
        "Broers en zussen kunnen in een gezinshuis samen blijven.",
    ),
    Regel(
        lambda v: "netwerk" in v.gezinsfactoren, {"pleegzorg": 1}, "Er is een netwerk dat een pleeggezin kan steunen."
    ),
]


@dataclass
class Vraag:
    leeftijd: int
    ernst: str = "matig"  # licht / matig / zwaar
    complexiteit: str = "enkelvoudig"  # enkelvoudig / meervoudig / complex
    probleemgebieden: list = field(default_factory=list)
    gezinsfactoren: list = field(default_factory=list)
    eerdere_jeugdhulp: int = 0
    motivatie_ouders: str = "matig"  # laag / matig / hoog


@dataclass
class Advies:
    soort: str
    scores: dict
    redenen: list

    @property
    def label(self) -> str:
        return SOORTEN[self.soort]


def weeg(vraag: Vraag) -> Advies:
    scores = dict.fromkeys(SOORTEN, 0)
    redenen = []
    for regel in REGELS:
        if regel.geldt(vraag):
            for soort, gewicht in regel.gewichten.items():
                scores[soort] += gewicht
            redenen.append(regel.reden)
    # Ties go to the lighter form: light help where possible (the order of SOORTEN).
    soort = max(SOORTEN, key=lambda s: (scores[s], -list(SOORTEN).index(s)))
    return Advies(soort=soort, scores=scores, redenen=redenen)
