"""One pattern for the actions on a page (#16.4): a table per page, handled in one place.

A page that does something lists its actions as `{naam: Actie(recht, uitvoeren, form=...)}`
(the POST field `actie` names one) and hands the POST to `afhandelen`:

* an unknown action is bad input (400, `kern.fouten.Ongeldig`); an action on a part of the
  record ("afsluiten-12") looks that part up through `doel` (404 when it is not this record's);
* the right is checked on the record or its part before anything is read (403);
* an invalid form, or a service that refuses, leaves the bound form for the page: it is shown
  again with every value the user typed and each error at its own field (the page passes it on
  with `Afhandeling.formulier`); one "Niet opgeslagen" message above the page names the fields
  in words (`niet_opgeslagen`), never a code;
* success: "Opgeslagen." and a redirect to the page (or what the action's `na` answers).

The API has its own one shape (flevojeugd.api_basis); both call the same services.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.http import HttpResponse
from django.shortcuts import redirect

from accounts.permissions import vereist
from kern.fouten import Conflict, Ongeldig, fouten_naar_form, id_uit, leesbaar
from kern.idempotentie import AL_OPGESLAGEN, Uitkomst, eenmalig

# A choice the list does not hold: Django's own message repeats the code ('lokaal_team'); a page
# says it in words.
ONGELDIGE_KEUZE = "Kies een van de mogelijkheden uit de lijst."


@dataclass(frozen=True)
class Actie:
    """One action of a page: who may (a permission, checked on the record or on `doel`), what
    the user fills in (`form(data, doel)`, or a form class), and the service call
    `uitvoeren(request, doel, cleaned_data)`."""

    recht: str
    uitvoeren: Callable[[Any, Any, dict], Any]
    form: Callable[..., forms.Form] | None = None
    # For "naam-<id>": the part of the page's record the action is about, `doel(record, id)`
    # (404 when it is not this record's); `doel_naam` names the id in a 400.
    doel: Callable[[Any, int], Any] | None = None
    doel_naam: str = ""
    # The right is checked on the part (`doel`), or, when it is about the page's record (a plan
    # of a trajectory: the trajectory's team may), on the record.
    recht_op_record: bool = False
    # What success answers (a redirect with its own message); default "Opgeslagen." and the page.
    na: Callable[[Any, Any, dict], HttpResponse] | None = None

    def maak_form(self, data, doel):
        if self.form is None:
            return None
        if isinstance(self.form, type):
            return self.form(data)
        return self.form(data, doel)


@dataclass
class Afhandeling:
    """What a refused action leaves for the page to show again."""

    naam: str = ""
    form: forms.Form | None = None
    doel: Any = None
    alternatieven: Any = None

    def formulier(self, naam: str, nieuw, doel=None):
        """The bound form when this action (on this part) was refused, else a fresh one from `nieuw()`."""
        if self.form is not None and self.naam == naam and (doel is None or doel == self.doel):
            return self.form
        return nieuw()


def in_woorden(form: forms.Form) -> None:
    """Replace Django's 'X is geen beschikbare keuze' (which repeats the code) by words."""
    for veld, fouten in form.errors.as_data().items():
        if any(f.code == "invalid_choice" for f in fouten):
            form.errors[veld] = ErrorList(
                [ONGELDIGE_KEUZE if f.code == "invalid_choice" else m for f in fouten for m in f.messages]
            )


def niet_opgeslagen(request, fout: forms.BaseForm | ValidationError | Conflict) -> None:
    """The one "Niet opgeslagen" message: a form's errors with their field's label, or a service's refusal."""
    if isinstance(fout, forms.BaseForm):
        delen = []
        for veld, meldingen in fout.errors.items():
            label = fout.fields[veld].label if veld in fout.fields else ""
            tekst = " ".join(meldingen)
            delen.append(f"{label}: {tekst}" if label else tekst)
        tekst = "; ".join(delen)
    else:
        tekst = leesbaar(fout)
    messages.error(request, "Niet opgeslagen: " + tekst)


def mogelijk(user, obj, acties: dict[str, Actie]) -> dict[str, bool]:
    """Which of the page's actions on the record itself the user may take (for the buttons)."""
    return {naam: user.has_perm(a.recht, obj) for naam, a in acties.items() if a.doel is None}


def afhandelen(request, obj, acties: dict[str, Actie], *, terug: str) -> HttpResponse | Afhandeling:
    """Handle the POSTed action; a redirect on success, else what the page shows again."""
    naam = request.POST.get("actie", "")
    doel = obj
    actie = acties.get(naam)
    if actie is None or actie.doel is not None:
        soort, _, rest = naam.partition("-")
        actie = acties.get(soort)
        if actie is None or actie.doel is None or not rest:
            raise Ongeldig("actie", "Onbekende actie.")
        naam = soort
        doel = actie.doel(obj, id_uit(rest, actie.doel_naam))
    vereist(request.user, actie.recht, obj if actie.recht_op_record else doel)
    uitkomst = Afhandeling(naam=naam, doel=None if doel is obj else doel)
    form = actie.maak_form(request.POST, doel)
    uitkomst.form = form
    if form is not None and not form.is_valid():
        in_woorden(form)
        niet_opgeslagen(request, form)
        return uitkomst
    data = form.cleaned_data if form is not None else {}
    try:
        resultaat = actie.uitvoeren(request, doel, data)
    except ValidationError as exc:
        if form is not None and hasattr(exc, "error_dict"):
            fouten_naar_form(form, exc)
        niet_opgeslagen(request, exc)
        return uitkomst
    except Conflict as exc:
        niet_opgeslagen(request, exc)
        # A full facility is never a dead end: the page names where else the youth can go.
        uitkomst.alternatieven = getattr(exc, "alternatieven", None)
        return uitkomst
    if actie.na is not None:
        return actie.na(request, doel, data)
    if isinstance(resultaat, Uitkomst) and resultaat.eerder:  # a double click (kern.idempotentie)
        messages.info(request, AL_OPGESLAGEN)
    else:
        messages.success(request, "Opgeslagen.")
    return redirect(terug)


def eenmalig_aanmaken(
    request, form: forms.Form, soort: str, maak: Callable[[], Any], *, pagina: str, gelukt: Callable[[Any], None]
) -> HttpResponse | None:
    """A page that creates one record (a referral, a case, a decision): the service `maak()` runs
    once per form token (a double click shows the first record again with AL_OPGESLAGEN). On
    success `gelukt(record)` says so and the answer is the record's page `pagina` (pk); when the
    service refuses, its errors go to their fields and the answer is None (the page shows the form)."""
    try:
        uitkomst = eenmalig(request, soort, maak)
    except ValidationError as exc:
        fouten_naar_form(form, exc)
        return None
    if uitkomst.eerder:
        messages.info(request, AL_OPGESLAGEN)
        return redirect(pagina, pk=uitkomst.eerder_id)
    gelukt(uitkomst.obj)
    return redirect(pagina, pk=uitkomst.obj.pk)
