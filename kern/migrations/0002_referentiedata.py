from django.db import migrations


# The reference data as it was loaded at this step, carried by the migration itself so that the
# history never changes when the live code lists do (shared/codelists.md).
HULPVORMEN = [("ambulant", "Ambulant", False), ("crisisbed", "Crisisbed", True), ("pleegzorg", "Pleegzorg", True)]

REDENEN_GEEN_INZET = [
    ("alternatief", "Alternatief voorhanden"),
    ("ingetrokken", "Aanvraag ingetrokken"),
    ("geen_plek", "Geen plek beschikbaar"),
    ("buiten_regio", "Buiten de regio, niet opgevolgd"),
]

VERVOLG_AMBULANT = [
    ("casusregie", "Casusregie"),
    ("netwerkondersteuning", "Netwerkondersteuning"),
    ("behandeladvies", "Behandeladvies"),
    ("behandeling_jeugdige", "Behandeling jeugdige"),
    ("behandeling_gezin", "Behandeling gezin, IPT, IOG"),
    ("begeleiding_gezin", "Begeleiding gezin"),
    ("nader_onderzoek", "Nader onderzoek, observatie"),
    ("uhp_netwerk", "Uithuisplaatsing netwerk"),
    ("uhp_pleegzorg", "Uithuisplaatsing pleegzorg"),
    ("uhp_groep", "Uithuisplaatsing groep"),
    ("anders", "Anders"),
]

VERVOLG_VERBLIJF = [
    ("naar_huis_zonder_hulp", "Naar huis zonder hulp"),
    ("naar_huis_met_hulp", "Naar huis met hulp"),
    ("netwerkplaatsing_met_hulp", "Netwerkplaatsing met hulp"),
    ("uhp_pleegzorg", "Uithuisplaatsing pleegzorg"),
    ("uhp_groep", "Uithuisplaatsing groep"),
    ("uhp_gesloten", "Uithuisplaatsing gesloten"),
    ("zelfstandigheidstraining", "Zelfstandigheidstraining"),
    ("begeleid_wonen", "Begeleid (kamer)wonen"),
    ("crisisgroep_24uur", "24-uurszorg, crisisgroep (uit pleegzorg)"),
    ("fasehuis", "Fasehuis"),
]

# Not in codelists.md: the issue asks declines to be counted per reason from a list.
WEIGERREDENEN = [
    ("geen_capaciteit", "Geen capaciteit"),
    ("buiten_expertise", "Past niet bij onze expertise"),
    ("contra_indicatie", "Contra-indicatie of veiligheidsrisico"),
    ("anders", "Anders"),
]

# (code, label, hulpvorm for a crisis stay)
VOORZIENINGTYPEN = [
    ("pleegzorg", "Pleegzorg", None),
    ("crisispleegzorg", "Crisispleegzorg", "pleegzorg"),
    ("gezinshuis", "Gezinshuis", None),
    ("begeleid_wonen", "Begeleid wonen op een groep", None),
    ("behandelgroep", "Residentiële behandelgroep (behandeld wonen)", None),
    ("crisisgroep_12min", "Crisisverblijf 12-", "crisisbed"),
    ("crisisgroep_12plus", "Crisisverblijf 12+", "crisisbed"),
    ("gesloten", "Gesloten jeugdzorg (JeugdzorgPlus)", None),
    ("klinische_ggz", "Klinische jeugd-GGZ", None),
]

# (code, naam, cbs, in_regio, ccp_loket, lokaal_team, breedtegraad, lengtegraad)
GEMEENTEN = [
    ("almere", "Almere", "GM0034", True, True, "Sociaal wijkteam Almere", "52.35080", "5.26470"),
    ("dronten", "Dronten", "GM0303", True, True, "Gidsen Dronten", "52.52500", "5.71810"),
    ("lelystad", "Lelystad", "GM0995", True, False, "Jeugd Lelystad", "52.51850", "5.47140"),
    ("noordoostpolder", "Noordoostpolder", "GM0171", True, True, "Jeugdteam Noordoostpolder", "52.71070", "5.74800"),
    ("urk", "Urk", "GM0184", True, False, "Jeugdteam Urk", "52.66210", "5.60100"),
    ("zeewolde", "Zeewolde", "GM0050", True, True, "Jeugdteam Zeewolde", "52.33000", "5.54170"),
    ("buiten_regio", "Buiten regio", "", False, False, "", None, None),
]

# Where the expert table discusses a family's case: the family's own municipality's town hall
# (domain.md, section 2). Reference data, kept by the functional administrator.
VERGADERPLAATSEN = {
    "almere": "Stadhuis Almere, Stadhuisplein 1, Almere",
    "dronten": "Gemeentehuis Dronten, De Rede 1, Dronten",
    "lelystad": "Stadhuis Lelystad, Stadhuisplein 2, Lelystad",
    "noordoostpolder": "Gemeentehuis Noordoostpolder, Harm Smeengestraat 1, Emmeloord",
    "urk": "Gemeentehuis Urk, Wijk 2 2, Urk",
    "zeewolde": "Gemeentehuis Zeewolde, Raadhuisplein 1, Zeewolde",
}

AANBIEDERS = [
    ("triade", "Triade", True),
    ("vitree", "Vitree", True),
    ("intermetzo", "Intermetzo", True),
    ("sheerenloo", "'s Heeren Loo", True),
    ("omega", "Omega Groep", False),
    ("pluryn", "Pluryn", False),
    ("accare", "Accare", False),
    ("ggz_centraal", "GGZ Centraal", False),
    ("svmn", "Samen Veilig Midden-Nederland", False),
    ("veilig_thuis", "Veilig Thuis Flevoland", False),
    ("raad_kb", "Raad voor de Kinderbescherming", False),
]

# (naam, aanbieder, type, gemeente, leeftijd_min, leeftijd_max, capaciteit, aanbod)
VOORZIENINGEN = [
    ("Crisisgroep De Kiem (12-)", "triade", "crisisgroep_12min", "lelystad", 4, 11, 6, ""),
    ("Crisisgroep Het Baken (12+)", "triade", "crisisgroep_12plus", "almere", 12, 17, 8, ""),
    (
        "Crisispleeggezinnen Flevoland",
        "vitree",
        "crisispleegzorg",
        "lelystad",
        0,
        17,
        10,
        "Crisispleegouders in alle zes gemeenten",
    ),
    ("Pleegzorg Flevoland", "vitree", "pleegzorg", "almere", 0, 17, 60, "Bestands- en netwerkpleegzorg"),
    (
        "Gezinshuis De Polder",
        "sheerenloo",
        "gezinshuis",
        "dronten",
        4,
        17,
        4,
        "Ervaring met licht verstandelijke beperking",
    ),
    (
        "Gezinshuis Het Anker",
        "intermetzo",
        "gezinshuis",
        "urk",
        6,
        17,
        4,
        "Gezinshuisouders met een christelijke achtergrond; ervaring met hechtingsproblematiek",
    ),
    ("Gezinshuis De Meerkoet", "pluryn", "gezinshuis", "zeewolde", 0, 12, 3, "Jonge kinderen, broers en zussen samen"),
    ("Behandelgroep De Wending", "pluryn", "behandelgroep", "almere", 12, 17, 8, "Gedragsproblematiek, trauma"),
    (
        "Behandelgroep Emmeloord",
        "omega",
        "behandelgroep",
        "noordoostpolder",
        8,
        14,
        6,
        "Autisme, ontwikkelingsproblematiek",
    ),
    (
        "Begeleid wonen Lelystad",
        "triade",
        "begeleid_wonen",
        "lelystad",
        16,
        22,
        10,
        "Zelfstandigheidstraining richting 18+",
    ),
    ("Klinische jeugd-GGZ Almere", "accare", "klinische_ggz", "almere", 12, 17, 6, ""),
    ("Klinische jeugd-GGZ Lelystad", "ggz_centraal", "klinische_ggz", "lelystad", 12, 17, 6, ""),
]


def laad(apps, schema_editor):
    m = {n: apps.get_model("kern", n) for n in (
        "Hulpvorm", "RedenGeenInzet", "VervolgAmbulant", "VervolgVerblijf", "Weigerreden",
        "Voorzieningtype", "Gemeente", "Aanbieder", "Voorziening")}
    for i, (code, label, verblijf) in enumerate(HULPVORMEN):
        m["Hulpvorm"].objects.update_or_create(code=code, defaults={"label": label, "verblijf": verblijf, "volgorde": i})
    for model, lijst in (("RedenGeenInzet", REDENEN_GEEN_INZET), ("VervolgAmbulant", VERVOLG_AMBULANT),
                         ("VervolgVerblijf", VERVOLG_VERBLIJF), ("Weigerreden", WEIGERREDENEN)):
        for i, (code, label) in enumerate(lijst):
            m[model].objects.update_or_create(code=code, defaults={"label": label, "volgorde": i})
    for i, (code, label, hulpvorm) in enumerate(VOORZIENINGTYPEN):
        m["Voorzieningtype"].objects.update_or_create(
            code=code, defaults={"label": label, "volgorde": i, "hulpvorm_id": hulpvorm})
    for i, (code, naam, cbs, in_regio, loket, team, lat, lon) in enumerate(GEMEENTEN):
        m["Gemeente"].objects.update_or_create(code=code, defaults={
            "naam": naam, "cbs_code": cbs, "in_regio": in_regio, "ccp_loket": loket, "lokaal_team": team,
            "breedtegraad": lat, "lengtegraad": lon, "volgorde": i})
    for code, naam, ccp in AANBIEDERS:
        m["Aanbieder"].objects.update_or_create(code=code, defaults={"naam": naam, "ccp_ambulant": ccp})
    for naam, aanbieder, type_, gemeente, lmin, lmax, cap, aanbod in VOORZIENINGEN:
        m["Voorziening"].objects.update_or_create(naam=naam, defaults={
            "aanbieder_id": aanbieder, "type_id": type_, "gemeente_id": gemeente, "leeftijd_min": lmin,
            "leeftijd_max": lmax, "capaciteit": cap, "aanbod": aanbod})


class Migration(migrations.Migration):
    dependencies = [("kern", "0001_initial")]
    operations = [migrations.RunPython(laad, migrations.RunPython.noop)]
