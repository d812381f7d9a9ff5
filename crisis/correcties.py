"""Corrections of the CCP's registered facts (#12.6), part of the crisis app's services.

A wrong start or end date, follow-up code, form of help, facility or provider of a deployment,
and a wrong code on a referral, are corrected here: by the role that registered it (the CCP, or
the provider of the deployment), with a required reason, in one transaction, audited. The
earlier value stays in the record's history (django-simple-history, kern.geschiedenis) and the
figures follow the corrected value because they are computed from the records themselves.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction

from accounts.models import Rol
from audit.models import Actie
from audit.services import log
from kern import bezetting, datums, geschiedenis, plekdagen
from kern.fouten import Conflict, veldfout
from kern.models import Aanbieder, Hulpvorm, RedenGeenInzet, VervolgAmbulant, VervolgVerblijf, Voorziening
from perspectiefregie import services as perspectiefregie

from .models import Aanmelding, Inzet
from .services import een_crisisplek, loket_melding

INZET_VELDEN = {
    "startdatum": "Startdatum",
    "einddatum": "Einddatum",
    "hulpvorm_id": "Hulpvorm",
    "voorziening_id": "Voorziening",
    "aanbieder_id": "Aanbieder",
    "vervolg_ambulant_id": "Vervolg",
    "vervolg_verblijf_id": "Vervolg",
    "verwachte_einddatum": "Verwachte einddatum",
    "historisch_perspectiefplan": "Perspectiefplan (historische registratie)",
}
AANMELDING_VELDEN = {
    "hulpvraag": "Hulpvraag",
    "reden_geen_id": "Reden geen inzet",
    "ernst": "Ernst",
    "aard": "Aard van de crisis",
}


def _plek_blijft_geldig(inzet: Inzet, start: datetime.date, eind: datetime.date | None, oud: dict | None) -> None:
    """A corrected stay keeps the rules of a stay: one crisis place per youth at a time (also
    across the records other municipalities keep of the same person), and the place-taking rule
    on every day the correction adds (`oud`: the days it already held in this facility, None when
    it moves to another facility)."""
    een_crisisplek(inzet.aanmelding.jeugdige, start, eind, zonder=inzet.pk)  # the one rule, in services
    vraag = bezetting.Plaatsvraag(
        voorziening_id=inzet.voorziening_id,
        geboortedatum=inzet.aanmelding.jeugdige.geboortedatum,
        startdatum=start,
        einddatum=eind,
        crisis_hulpvorm=inzet.hulpvorm_id,
    )
    plekdagen.correctie_past(inzet.voorziening_id, vraag, oud and (oud["startdatum"], oud["einddatum"]))


@transaction.atomic
def inzet_corrigeren(user, inzet: Inzet, *, reden: str, request=None, **nieuw) -> Inzet:
    """Correct a deployment. `nieuw` holds only the fields that change: startdatum, einddatum,
    vervolg (code), hulpvorm (code), voorziening (id), aanbieder (code)."""
    if getattr(user, "rol", None) == Rol.AANBIEDER and {k for k, v in nieuw.items() if v not in (None, "")} - {
        "einddatum",
        "vervolg",
    }:
        raise PermissionDenied(
            "Een aanbieder corrigeert de einddatum en het vervolg van de eigen inzet; de rest legde het CCP vast."
        )
    reden = geschiedenis.reden_verplicht(reden)
    inzet = (
        Inzet.objects.select_for_update(of=("self",))
        .select_related("hulpvorm", "aanmelding__jeugdige", "voorziening__type")
        .get(pk=inzet.pk)
    )
    geschiedenis.nulmeting(inzet)
    gewijzigd: list[str] = []

    if nieuw.get("hulpvorm") is not None:
        hulpvorm = Hulpvorm.objects.filter(code=getattr(nieuw["hulpvorm"], "code", nieuw["hulpvorm"])).first()
        if hulpvorm is None:
            raise veldfout("hulpvorm", "Kies een hulpvorm uit de lijst.")
        if hulpvorm.verblijf != inzet.hulpvorm.verblijf:
            raise veldfout(
                "hulpvorm",
                "Ambulante hulp en een verblijf zijn verschillende inzetten: registreer de juiste inzet en "
                "corrigeer deze niet tot een andere soort.",
            )
        if hulpvorm.code != inzet.hulpvorm_id:
            inzet.hulpvorm = hulpvorm
            gewijzigd.append("hulpvorm")
    if nieuw.get("voorziening") is not None:
        if not inzet.hulpvorm.verblijf:
            raise veldfout("voorziening", "Ambulante hulp heeft geen voorziening.")
        pk = getattr(nieuw["voorziening"], "pk", nieuw["voorziening"])
        voorziening = Voorziening.objects.filter(pk=pk).select_related("type").first()
        if voorziening is None:
            raise veldfout("voorziening", "Onbekende voorziening.")
        if voorziening.pk != inzet.voorziening_id:
            inzet.voorziening = voorziening
            inzet.aanbieder_id = voorziening.aanbieder_id
            gewijzigd += ["voorziening", "aanbieder"]
    if inzet.hulpvorm.verblijf and ("hulpvorm" in gewijzigd or "voorziening" in gewijzigd):
        if inzet.voorziening is None or inzet.voorziening.type.hulpvorm_id != inzet.hulpvorm_id:
            raise veldfout("voorziening", "Kies een voorziening die bij de hulpvorm past.")
    if nieuw.get("aanbieder") is not None:
        if inzet.hulpvorm.verblijf:
            raise veldfout("aanbieder", "Bij een verblijf volgt de aanbieder uit de voorziening.")
        code = getattr(nieuw["aanbieder"], "code", nieuw["aanbieder"])
        if not Aanbieder.objects.filter(code=code).exists():
            raise veldfout("aanbieder", "Onbekende aanbieder.")
        if code != inzet.aanbieder_id:
            inzet.aanbieder_id = code
            gewijzigd.append("aanbieder")

    start = nieuw.get("startdatum") or inzet.startdatum
    eind = nieuw.get("einddatum") or inzet.einddatum
    if nieuw.get("startdatum") is not None:
        datums.feit(start, "startdatum")
        geboren = inzet.aanmelding.jeugdige.geboortedatum
        if start < geboren:
            raise veldfout("startdatum", "De startdatum ligt vóór de geboortedatum.")
        if start != inzet.startdatum:
            gewijzigd.append("startdatum")
    plekdagen.einddatum_corrigeren(
        inzet.einddatum,
        nieuw.get("einddatum"),
        start,
        gewijzigd,
        loopt_nog="Deze inzet loopt nog: sluit haar af in plaats van de einddatum te corrigeren.",
    )
    if nieuw.get("vervolg"):
        if inzet.einddatum is None:
            raise Conflict("Deze inzet loopt nog: het vervolg wordt vastgelegd bij het afsluiten.")
        lijst, veld = (
            (VervolgVerblijf, "vervolg_verblijf") if inzet.hulpvorm.verblijf else (VervolgAmbulant, "vervolg_ambulant")
        )
        code = lijst.objects.filter(code=nieuw["vervolg"], actief=True).first()
        if code is None:
            raise veldfout("vervolg", f"Kies een vervolg uit de lijst '{lijst._meta.verbose_name}'.")
        if code.pk != getattr(inzet, f"{veld}_id"):
            setattr(inzet, veld, code)
            gewijzigd.append(veld)
    if not gewijzigd:
        raise geschiedenis.geen_wijziging()
    if inzet.hulpvorm.verblijf and {"startdatum", "einddatum", "voorziening"} & set(gewijzigd):
        oud = Inzet.objects.values("startdatum", "einddatum", "voorziening_id").get(pk=inzet.pk)
        _plek_blijft_geldig(inzet, start, eind, oud if oud["voorziening_id"] == inzet.voorziening_id else None)
    inzet.startdatum, inzet.einddatum = start, eind
    geschiedenis.opslaan_met_reden(inzet, user, reden, sorted(set(gewijzigd)))
    if inzet.hulpvorm.verblijf and {"startdatum", "einddatum"} & set(gewijzigd):
        perspectiefregie_volgen(inzet)
    log(user, Actie.WIJZIGEN, "crisis.inzet.correctie", inzet, inzet.aanmelding.jeugdige, request)
    return inzet


def perspectiefregie_volgen(inzet: Inzet) -> None:
    """The trajectory follows a corrected stay where perspective direction offers a way to."""
    corrigeer = getattr(perspectiefregie, "verblijf_gecorrigeerd", None)
    if corrigeer is not None:
        corrigeer(bron="crisis", bron_id=inzet.pk, startdatum=inzet.startdatum, einddatum=inzet.einddatum)


@transaction.atomic
def aanmelding_corrigeren(user, aanmelding: Aanmelding, *, reden: str, request=None, **nieuw) -> Aanmelding:
    """Correct a referral's codes: hulpvraag, reden_geen (code), ernst, aard."""
    reden = geschiedenis.reden_verplicht(reden)
    aanmelding = (
        Aanmelding.objects.select_for_update(of=("self",)).select_related("jeugdige", "gemeente").get(pk=aanmelding.pk)
    )
    geschiedenis.nulmeting(aanmelding)
    gewijzigd = []
    if nieuw.get("hulpvraag"):
        if nieuw["hulpvraag"] not in Aanmelding.Hulpvraag.values:
            raise veldfout("hulpvraag", "Kies 'ambulant' of 'verblijf'.")
        gemeente = aanmelding.gemeente
        if nieuw["hulpvraag"] == Aanmelding.Hulpvraag.AMBULANT and gemeente.in_regio and not gemeente.ccp_loket:
            # The intake rule holds for a corrected code too (services.loket_melding says where to go).
            raise veldfout("hulpvraag", loket_melding(gemeente))
        if nieuw["hulpvraag"] != aanmelding.hulpvraag:
            aanmelding.hulpvraag = nieuw["hulpvraag"]
            gewijzigd.append("hulpvraag")
    if nieuw.get("reden_geen"):
        if aanmelding.reden_geen_id is None:
            raise Conflict("Deze aanmelding is niet zonder inzet afgesloten: er is geen reden om te corrigeren.")
        code = getattr(nieuw["reden_geen"], "code", nieuw["reden_geen"])
        if not RedenGeenInzet.objects.filter(code=code, actief=True).exists():
            raise veldfout("reden_geen", "Kies een reden uit de lijst 'reden geen inzet'.")
        if code != aanmelding.reden_geen_id:
            aanmelding.reden_geen_id = code
            gewijzigd.append("reden_geen")
    if nieuw.get("ernst"):
        if aanmelding.getrieerd_op is None:
            raise Conflict("Deze aanmelding is nog niet getrieerd: leg eerst de triage vast.")
        if nieuw["ernst"] not in Aanmelding.Ernst.values:
            raise veldfout("ernst", "Kies een ernst uit de lijst.")
        if nieuw["ernst"] != aanmelding.ernst:
            aanmelding.ernst = nieuw["ernst"]
            gewijzigd.append("ernst")
    if nieuw.get("aard") is not None and nieuw["aard"] != aanmelding.aard and aanmelding.getrieerd_op is not None:
        aanmelding.aard = nieuw["aard"]
        gewijzigd.append("aard")
    geschiedenis.opslaan_met_reden(aanmelding, user, reden, gewijzigd)
    log(user, Actie.WIJZIGEN, "crisis.aanmelding.correctie", aanmelding, aanmelding.jeugdige, request)
    return aanmelding


def geschiedenis_van(aanmelding: Aanmelding, inzetten: list[Inzet]) -> list[geschiedenis.Versie]:
    """The corrections of a referral and its deployments, newest first (two queries)."""
    hulpvormen = {i.pk: str(i.hulpvorm) for i in inzetten}
    rijen_a = Aanmelding.history.filter(id=aanmelding.pk).select_related("history_user")
    rijen_i = Inzet.history.filter(id__in=list(hulpvormen)).select_related("history_user")
    return sorted(
        geschiedenis.versies(rijen_a, AANMELDING_VELDEN, lambda r: "Aanmelding")
        + geschiedenis.versies(rijen_i, INZET_VELDEN, lambda r: f"Inzet {hulpvormen.get(r.id, '')}".strip()),
        key=lambda v: v.datum,
        reverse=True,
    )
