"""A realistic, clearly fictional region: demo users per role and two years of CCP activity.

Deterministic (fixed seed) and safe to run again: users are updated, activity is made once.
"""

import datetime
import random

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import Gebruiker, Rol
from crisis.models import Aanmelding, Inzet, Toewijzing
from kern.models import Gemeente, Jeugdige, Voorziening, leeftijdsgroep_op

WACHTWOORD = "Demo-Flevoland-2026"

# (username, rol, gemeente, aanbieder, ret_aanmelder, voornaam)
DEMO_GEBRUIKERS = [
    ("ccp", Rol.CCP, None, None, False, "Carla"),
    ("toegang-almere", Rol.TOEGANG, "almere", None, True, "Anouk"),
    ("toegang-lelystad", Rol.TOEGANG, "lelystad", None, False, "Lars"),
    ("toegang-dronten", Rol.TOEGANG, "dronten", None, False, "Dewi"),
    ("toegang-noordoostpolder", Rol.TOEGANG, "noordoostpolder", None, False, "Niels"),
    ("toegang-urk", Rol.TOEGANG, "urk", None, False, "Urkje"),
    ("toegang-zeewolde", Rol.TOEGANG, "zeewolde", None, False, "Zara"),
    ("gi", Rol.GI, None, None, True, "Gijs"),
    ("aanbieder-triade", Rol.AANBIEDER, None, "triade", False, "Tamara"),
    ("aanbieder-vitree", Rol.AANBIEDER, None, "vitree", False, "Victor"),
    ("ret-voorzitter", Rol.RET_VOORZITTER, None, None, False, "Renée"),
    ("ret-lid", Rol.RET_LID, None, None, False, "Ruben"),
    ("servicepunt", Rol.SERVICEPUNT, None, None, False, "Sevda"),
    ("beleid-regio", Rol.BELEID, None, None, False, "Bram"),
    ("beleid-almere", Rol.BELEID, "almere", None, False, "Bo"),
    ("beheer", Rol.BEHEER, None, None, False, "Bas"),
]

VOORNAMEN = [
    "Daan",
    "Emma",
    "Noah",
    "Julia",
    "Sem",
    "Mila",
    "Finn",
    "Tess",
    "Levi",
    "Sara",
    "Milan",
    "Zoë",
    "Luuk",
    "Nora",
    "Bram",
    "Evi",
    "Jesse",
    "Lotte",
    "Ayoub",
    "Yara",
    "Mohammed",
    "Fenna",
    "Thijs",
    "Liv",
]
ACHTERNAMEN = [
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Dijk",
    "Kok",
    "Brouwer",
    "Koster",
    "Postma",
    "El Amrani",
    "Yilmaz",
    "Hoekstra",
]
# Rough share of referrals per municipality (Almere is by far the largest).
GEWICHT = {
    "almere": 50,
    "lelystad": 20,
    "dronten": 10,
    "noordoostpolder": 10,
    "zeewolde": 5,
    "urk": 4,
    "buiten_regio": 1,
}
VERVOLG_AMBULANT = [
    "casusregie",
    "netwerkondersteuning",
    "behandeladvies",
    "behandeling_jeugdige",
    "behandeling_gezin",
    "begeleiding_gezin",
    "nader_onderzoek",
    "uhp_netwerk",
    "anders",
]
VERVOLG_VERBLIJF = [
    "naar_huis_zonder_hulp",
    "naar_huis_met_hulp",
    "netwerkplaatsing_met_hulp",
    "uhp_pleegzorg",
    "uhp_groep",
    "zelfstandigheidstraining",
]


class Command(BaseCommand):
    help = "Vult de database met een fictieve regio: demogebruikers per rol en twee jaar activiteit."

    def handle(self, *args, **opts):
        self._gebruikers()
        if Aanmelding.objects.filter(registratienummer__startswith="DEMO-").exists():
            self.stdout.write("Demo-activiteit bestaat al; alleen gebruikers bijgewerkt.")
            return
        with transaction.atomic():
            n = self._crisis(random.Random(2026))
            k = self._experttafel(random.Random(2027))
            b = self._servicepunt(random.Random(2028))
            self._perspectiefregie(random.Random(2029))
        Voorziening.objects.filter(type__hulpvorm__isnull=False).update(bevestigd_op=timezone.now())
        self.stdout.write(
            f"Demo-regio gevuld: {n} crisisaanmeldingen, {k} experttafelcasussen en {b} beschikkingen over twee jaar."
        )
        self.stdout.write(f"Log in met bijvoorbeeld 'ccp' en wachtwoord '{WACHTWOORD}' (zie README).")

    def _gebruikers(self):
        for username, rol, gemeente, aanbieder, ret, voornaam in DEMO_GEBRUIKERS:
            user, _ = Gebruiker.objects.update_or_create(
                username=username,
                defaults={
                    "rol": rol,
                    "gemeente_id": gemeente,
                    "aanbieder_id": aanbieder,
                    "ret_aanmelder": ret,
                    "first_name": voornaam,
                    "is_staff": rol == Rol.BEHEER,
                    "is_superuser": False,
                },
            )
            user.set_password(WACHTWOORD)
            user.save()

    def _crisis(self, rnd: random.Random) -> int:
        gemeenten = {g.code: g for g in Gemeente.objects.all()}
        bedden = list(Voorziening.objects.filter(type__hulpvorm__isnull=False).select_related("type"))
        ccp = Gebruiker.objects.get(username="ccp")
        vandaag = timezone.localdate()
        start = vandaag - datetime.timedelta(days=730)
        codes = list(GEWICHT)
        gewichten = [GEWICHT[c] for c in codes]
        jeugdigen, aanmeldingen = [], []
        for dag_nr in range(731):
            dag = start + datetime.timedelta(days=dag_nr)
            for _ in range(rnd.choice([0, 1, 1, 1, 2, 2])):
                gemeente = gemeenten[rnd.choices(codes, gewichten)[0]]
                geboren = dag - datetime.timedelta(days=rnd.randint(3 * 365, 17 * 365))
                j = Jeugdige(
                    voornaam=rnd.choice(VOORNAMEN),
                    achternaam=rnd.choice(ACHTERNAMEN),
                    geboortedatum=geboren,
                    gemeente=gemeente,
                    kader=rnd.choice(["vrijwillig"] * 4 + ["gedwongen"]),
                )
                jeugdigen.append(j)
                moment = timezone.make_aware(
                    datetime.datetime.combine(dag, datetime.time(rnd.randint(8, 18), rnd.randint(0, 59)))
                )
                hulpvraag = "verblijf" if rnd.random() < 0.3 or not gemeente.ccp_loket else "ambulant"
                aanmeldingen.append((j, gemeente, dag, moment, hulpvraag))
        Jeugdige.objects.bulk_create(jeugdigen)
        objecten = []
        for i, (j, gemeente, dag, moment, hulpvraag) in enumerate(aanmeldingen):
            objecten.append(
                Aanmelding(
                    registratienummer=f"DEMO-{dag:%Y}-{i:05d}",
                    jeugdige=j,
                    gemeente=gemeente,
                    hulpvraag=hulpvraag,
                    bron=rnd.choice(["toegang", "toegang", "telefoon", "crisisdienst", "gi"]),
                    aangemeld_op=moment,
                    aanmelddatum=dag,
                    leeftijdsgroep=leeftijdsgroep_op(j.geboortedatum, dag),
                    loket_open=True,
                    behandelen_voor=moment,
                    ernst=rnd.choice(["acuut", "hoog", "geen_crisis"]),
                    ingediend_door=ccp,
                    getrieerd_op=moment,
                )
            )
        Aanmelding.objects.bulk_create(objecten)
        inzetten, toewijzingen = [], []
        ccp_aanbieders = ["sheerenloo", "intermetzo", "triade", "vitree"]
        for a in objecten:
            oud = (vandaag - a.aanmelddatum).days
            if not a.gemeente.in_regio:
                a.status, a.reden_geen_id = "afgesloten", "buiten_regio"
                continue
            if rnd.random() < 0.25:
                a.status, a.reden_geen_id = (
                    "afgesloten",
                    rnd.choice(["alternatief", "alternatief", "ingetrokken", "geen_plek"]),
                )
                continue

            def eind(dagen, a=a, oud=oud):
                return a.aanmelddatum + datetime.timedelta(days=dagen) if oud > dagen else None

            open_ = False
            ambulant = None
            if a.gemeente.ccp_loket:
                aanbieder = ccp_aanbieders[len(toewijzingen) % 4]
                toewijzingen.append(
                    Toewijzing(
                        aanmelding=a,
                        aanbieder_id=aanbieder,
                        toegewezen_op=a.aangemeld_op,
                        status="geaccepteerd",
                        afgehandeld_op=a.aangemeld_op,
                    )
                )
                einde = eind(rnd.randint(14, 42))
                ambulant = Inzet(
                    aanmelding=a,
                    hulpvorm_id="ambulant",
                    aanbieder_id=aanbieder,
                    startdatum=a.aanmelddatum,
                    einddatum=einde,
                    vervolg_ambulant_id=rnd.choice(VERVOLG_AMBULANT) if einde else None,
                )
                inzetten.append(ambulant)
                open_ = einde is None
            if a.hulpvraag == "verblijf":
                leeftijd = (a.aanmelddatum - a.jeugdige.geboortedatum).days // 365
                passend = [b for b in bedden if b.past_leeftijd(leeftijd)]
                bed = rnd.choice(passend)
                begin = a.aanmelddatum + datetime.timedelta(days=rnd.randint(0, 1))
                einde = eind(rnd.randint(3, 40)) if oud > 45 else None
                plan = begin + datetime.timedelta(days=rnd.randint(5, 20)) if oud > 20 or rnd.random() < 0.3 else None
                inzetten.append(
                    Inzet(
                        aanmelding=a,
                        hulpvorm_id=bed.type.hulpvorm_id,
                        voorziening=bed,
                        aanbieder=bed.aanbieder,
                        startdatum=begin,
                        einddatum=einde,
                        # Running stays get their plan in perspective direction (_perspectiefregie).
                        historisch_perspectiefplan=plan if einde else None,
                        ambulant_lokaal_team=ambulant is None,
                        verwachte_einddatum=begin + datetime.timedelta(days=21),
                        vervolg_verblijf_id=rnd.choice(VERVOLG_VERBLIJF) if einde else None,
                    )
                )
                open_ = open_ or einde is None
            a.status = "in_zorg" if open_ else "afgesloten"
        # Keep the bed board plausible: at most the capacity of each facility stays open.
        open_per_bed: dict[int, int] = {}
        for inzet in inzetten:
            if inzet.voorziening is not None and inzet.einddatum is None:
                open_per_bed[inzet.voorziening.pk] = open_per_bed.get(inzet.voorziening.pk, 0) + 1
                if open_per_bed[inzet.voorziening.pk] > inzet.voorziening.capaciteit - 1:
                    inzet.einddatum = vandaag - datetime.timedelta(days=1)
                    inzet.vervolg_verblijf_id = "naar_huis_met_hulp"
        Aanmelding.objects.bulk_update(objecten, ["status", "reden_geen"])
        Toewijzing.objects.bulk_create(toewijzingen)
        for inzet in inzetten:
            inzet.aanmelding_id = inzet.aanmelding.pk
        Inzet.objects.bulk_create(inzetten)
        # Today's work for the day queue: fresh referrals waiting for triage.
        for k in range(3):
            gemeente = gemeenten[["almere", "dronten", "zeewolde"][k]]
            j = Jeugdige.objects.create(
                voornaam=VOORNAMEN[k],
                achternaam=ACHTERNAMEN[k],
                gemeente=gemeente,
                geboortedatum=vandaag - datetime.timedelta(days=(8 + 3 * k) * 365),
            )
            nu = timezone.now() - datetime.timedelta(hours=k)
            Aanmelding.objects.create(
                registratienummer=f"DEMO-VANDAAG-{k}",
                jeugdige=j,
                gemeente=gemeente,
                hulpvraag="ambulant",
                bron="toegang",
                aangemeld_op=nu,
                aanmelddatum=vandaag,
                leeftijdsgroep=leeftijdsgroep_op(j.geboortedatum, vandaag),
                loket_open=True,
                behandelen_voor=nu,
            )
        return len(objecten) + 3

    def _experttafel(self, rnd: random.Random) -> int:
        """Two years of sessions with plausible cases in every state, and this year's plan."""
        from experttafel import services as et
        from experttafel.models import Advies, Casus, Domein, Opvolging, Sessie, Thema

        vandaag = timezone.localdate()
        sessies = et.plan_sessies(datetime.date(vandaag.year - 1, 1, 1), datetime.date(vandaag.year + 1, 12, 31))
        voorzitter = Gebruiker.objects.get(username="ret-voorzitter")
        inbrengers = [Gebruiker.objects.get(username=u) for u in ("toegang-almere", "gi")]
        domeinen, themas = list(Domein.objects.all()), list(Thema.objects.all())
        vragen = [
            "Jongere met LVB en agressie; geen groep wil hem plaatsen. Welke plek past?",
            "Moeder met psychiatrie, drie kinderen; schoolverzuim loopt op. Wat is nodig?",
            "Meisje van 16 dreigt dakloos bij 18. Hoe voorkomen we een breuk in zorg?",
            "Complexe scheiding; kinderen klem tussen ouders, hulp stapelt zich op.",
        ]
        lessen = [
            "Betrek school vanaf het eerste gesprek: verzuim was het vroegste signaal.",
            "Een vaste regisseur voorkwam dat het gezin vijf keer hetzelfde verhaal moest doen.",
            "Plan 18+ al op 16: huisvesting vraagt een jaar voorbereiding.",
        ]
        aantal = 0
        for sessie in [s for s in sessies if s.datum < vandaag]:
            for slot in range(1, rnd.randint(2, sessie.capaciteit) + 1):
                inbrenger = rnd.choice(inbrengers)
                ingediend = sessie.datum - datetime.timedelta(days=rnd.randint(10, 50))
                casus = Casus.objects.create(
                    gemeente_id=inbrenger.gemeente_id or rnd.choice(["almere", "lelystad", "dronten"]),
                    inbrenger=inbrenger,
                    via_gi=inbrenger.rol == "gi",
                    vraag=rnd.choice(vragen),
                    geprobeerd="Ambulante hulp en een logeerregeling; onvoldoende.",
                    toestemming=False,
                    urgentie=rnd.choice(["normaal", "normaal", "hoog", "spoed"]),
                    ingediend_op=timezone.make_aware(datetime.datetime.combine(ingediend, datetime.time(10))),
                    sessie=sessie,
                    volgorde=slot,
                    besproken_op=sessie.datum,
                    status="gesloten",
                    les=rnd.choice(lessen + [""]),
                )
                casus.plaats = et.standaard_plaats(casus, sessie)
                casus.save(update_fields=["plaats"])
                casus.domeinen.set(rnd.sample(domeinen, 2))
                casus.themas.set(rnd.sample(themas, rnd.randint(1, 2)))
                Advies.objects.create(
                    casus=casus,
                    tekst="Gezinshuis dicht bij school, met ambulante gezinsbehandeling.",
                    perspectief="Terug naar huis binnen een jaar.",
                    geschreven_door=voorzitter,
                    datum=sessie.datum + datetime.timedelta(days=rnd.randint(1, 10)),
                )
                gevolgd = rnd.random() < 0.8
                Opvolging.objects.create(
                    casus=casus,
                    opgevolgd=gevolgd,
                    door=inbrenger,
                    motivering="" if gevolgd else "Geen gezinshuisplek beschikbaar; alternatief gekozen.",
                )
                aantal += 1
        volgende = Sessie.objects.filter(datum__gte=vandaag, geannuleerd=False).order_by("datum").first()
        for i in range(6):  # the queue for the coming sessions
            inbrenger = inbrengers[i % 2]
            casus = et.indienen(
                inbrenger,
                vraag=vragen[i % 4],
                toestemming=False,
                gemeente=inbrenger.gemeente or Gemeente.objects.get(code="lelystad"),
                urgentie=["spoed", "normaal", "hoog"][i % 3],
            )
            if volgende and i < 2:
                et.agenderen(voorzitter, casus, volgende)
            aantal += 1
        # Actieleren after the crisis stays that ended in an out-of-home placement: older ones held.
        from crisis.models import Inzet

        geleerd = [
            "Eerder een gezinshuis in de eigen gemeente zoeken; de school bleef zo in beeld.",
            "Netwerkberaad vóór de crisis had de uithuisplaatsing kunnen voorkomen.",
        ]
        for inzet in (
            Inzet.objects.filter(vervolg_verblijf__code__startswith="uhp_", einddatum__isnull=False)
            .select_related("aanmelding")
            .order_by("-einddatum")[:40]
        ):
            e = et.leerevaluatie_na_verblijf(
                "crisis", inzet.pk, inzet.aanmelding.gemeente_id, inzet.vervolg_verblijf_id, inzet.einddatum
            )
            if e and e.uiterlijk < vandaag - datetime.timedelta(days=14):
                et.leerevaluatie_vastleggen(
                    voorzitter,
                    e,
                    gehouden_op=e.einddatum + datetime.timedelta(days=rnd.randint(10, 40)),
                    wie="Toegang, CCP en de aanbieder van het verblijf",
                    geleerd=rnd.choice(geleerd),
                    thema=rnd.choice(themas),
                )
        return aantal

    def _servicepunt(self, rnd: random.Random) -> int:
        """Two years of decisions and placements; providers confirm their capacity."""
        from kern.models import Voorzieningtype
        from servicepunt import services as sp
        from servicepunt.models import Beschikking, Overbrugging, Plaatsing

        vandaag = timezone.localdate()
        medewerker = Gebruiker.objects.get(username="servicepunt")
        typen = list(
            Voorzieningtype.objects.filter(code__in=["pleegzorg", "gezinshuis", "behandelgroep", "begeleid_wonen"])
        )
        voorzieningen = list(Voorziening.objects.filter(type__in=typen).select_related("gemeente"))
        gemeenten = [g for g in Gemeente.objects.filter(in_regio=True)]
        bezet: dict[int, int] = {}
        aantal = 0
        for week in range(104, 0, -1):
            for _ in range(rnd.randint(1, 4)):
                afgifte = vandaag - datetime.timedelta(weeks=week, days=rnd.randint(0, 6))
                gemeente = rnd.choices(gemeenten, [50, 10, 20, 10, 4, 6][: len(gemeenten)])[0]
                j = Jeugdige.objects.create(
                    voornaam=rnd.choice(VOORNAMEN),
                    achternaam=rnd.choice(ACHTERNAMEN),
                    gemeente=gemeente,
                    geboortedatum=afgifte - datetime.timedelta(days=rnd.randint(2 * 365, 17 * 365)),
                    kader=rnd.choice(["vrijwillig"] * 3 + ["gedwongen"]),
                )
                verblijf = rnd.random() < 0.4
                b = Beschikking.objects.create(
                    jeugdige=j,
                    zorgtype=rnd.choice(typen) if verblijf else None,
                    afgegeven_op=afgifte,
                    gemeente=gemeente,
                    brp_gemeente=gemeente,
                    geregistreerd_door=medewerker,
                    gezag_derden=rnd.random() < 0.1,
                    buiten_regio=rnd.random() < 0.05,
                )
                aantal += 1
                start = afgifte + datetime.timedelta(days=rnd.choice([3, 7, 10, 14, 15, 21, 30]))
                if not verblijf:
                    if start <= vandaag:
                        b.ambulant_gestart_op = start
                        b.save(update_fields=["ambulant_gestart_op"])
                    continue
                if rnd.random() < 0.5 and afgifte + datetime.timedelta(days=5) <= vandaag:
                    Overbrugging.objects.create(
                        beschikking=b,
                        startdatum=afgifte + datetime.timedelta(days=5),
                        omschrijving="Ambulante gezinsbegeleiding",
                    )
                leeftijd = j.leeftijd(start)
                passend = [v for v in voorzieningen if v.type_id == b.zorgtype_id and v.past_leeftijd(leeftijd)]
                if start > vandaag or not passend or week < 3:
                    continue  # still waiting
                v = rnd.choice(passend)
                if bezet.get(v.pk, 0) >= v.capaciteit:
                    continue
                einde = start + datetime.timedelta(days=rnd.randint(60, 400))
                p = Plaatsing.objects.create(
                    beschikking=b,
                    voorziening=v,
                    startdatum=start,
                    einddatum=einde if einde < vandaag else None,
                    vervolg="Naar huis met ambulante hulp" if einde < vandaag else "",
                    eerste_keus=rnd.choice(passend) if rnd.random() < 0.3 else None,
                    verwachte_duur_weken=rnd.choice([12, 26, 52]),
                    # Every stay comes with ambulant help: the decision's provider or the local team.
                    ambulant_aanbieder=b.aanbieder,
                    ambulant_lokaal_team=b.aanbieder is None,
                )
                if p.einddatum is None:
                    bezet[v.pk] = bezet.get(v.pk, 0) + 1
                    from perspectiefregie import services as pr

                    pr.open_traject(jeugdige=j, gemeente=gemeente, bron="plaatsing", bron_id=p.pk, startdatum=start)
        # Providers confirm after the placements exist: a confirmation records the occupancy of
        # its moment, and the demo showed "bezet 0" beside a facility holding nine youths.
        for v in Voorziening.objects.filter(type__hulpvorm__isnull=True):
            sp.capaciteit_bevestigen(medewerker, v, capaciteit=v.capaciteit)
        return aantal

    def _perspectiefregie(self, rnd: random.Random) -> None:
        """Open trajectories for running crisis stays; most have a regisseur and a plan, some do not."""
        from perspectiefregie import services as pr
        from perspectiefregie.models import Traject

        for inzet in Inzet.objects.filter(hulpvorm__verblijf=True, einddatum__isnull=True).select_related(
            "aanmelding__jeugdige", "aanmelding__gemeente"
        ):
            pr.open_traject(
                jeugdige=inzet.aanmelding.jeugdige,
                gemeente=inzet.aanmelding.gemeente,
                bron="crisis",
                bron_id=inzet.pk,
                startdatum=inzet.startdatum,
            )
        team = {
            g: list(Gebruiker.objects.filter(rol="toegang", gemeente_id=g))
            for g in Gemeente.objects.values_list("code", flat=True)
        }
        for t in Traject.objects.open().vrijwillig().select_related("jeugdige"):
            if team.get(t.gemeente_id) and rnd.random() < 0.75:
                regisseur = rnd.choice(team[t.gemeente_id])
                pr.wijs_regisseur_toe(
                    regisseur, t, regisseur=regisseur, datum=t.startdatum + datetime.timedelta(days=rnd.randint(0, 4))
                )
                if rnd.random() < 0.7:
                    vastgesteld = min(timezone.localdate(), t.startdatum + datetime.timedelta(days=rnd.randint(5, 20)))
                    pr.plan_vastleggen(
                        regisseur,
                        t,
                        soort="perspectief",
                        vastgesteld_op=vastgesteld,
                        evaluatie_op=vastgesteld,  # the evaluation is held with the plan
                        doelen="Rust en veiligheid; school weer oppakken.",
                        terugkeer="Terug naar huis met gezinsbehandeling als de thuissituatie veilig is.",
                        wie_doet_wat="Regisseur coördineert; aanbieder behandelt; school sluit aan.",
                        volgende_evaluatie=timezone.localdate() + datetime.timedelta(days=rnd.randint(-5, 40)),
                    )
