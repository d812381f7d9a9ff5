"""The OpenAPI schema at /api/schema/, shaped for the municipalities' own systems.

A client generated from it (tests/test_api_client.py does so with openapi-python-client) must
import and work, so the schema says exactly what the API does:
- JSON is the only body type (settings: DEFAULT_PARSER_CLASSES);
- every operation carries the tag of its function and a readable operationId from the view's
  `operaties` (e.g. `trieren`, not `v1_crisis_aanmeldingen_triage_create`);
- an `ActieView` documents its `invoer` and `uitvoer` (flevojeugd/api_basis.py);
- every operation documents the errors it can answer, in their shapes (`foutantwoorden`);
- every POST that honours `Idempotency-Key` (BasisAPIView.idempotent) documents it as an optional
  header, its 409 answers and the `Idempotent-Replayed` header of a replayed answer;
- `Token` authentication is described as the contract says.
"""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from kern import idempotentie

FUNCTIES = ("crisis", "experttafel", "perspectiefregie", "servicepunt", "rapportage", "codelijsten")

TAGS = [
    {"name": "crisis", "description": "CCP: aanmeldingen, triage, verdeling, inzet en beschikbaarheid."},
    {"name": "experttafel", "description": "Regionale expertteamtafel: casussen, sessies en planning."},
    {"name": "perspectiefregie", "description": "Perspectiefregie: trajecten, regisseur en perspectiefplan."},
    {"name": "servicepunt", "description": "Servicepunt: beschikkingen, plaatsingen, wachtlijst en matching."},
    {"name": "rapportage", "description": "Kwartaalcijfers per functie (aantallen, nooit een naam of BSN)."},
    {"name": "codelijsten", "description": "De codelijsten van de regio: de geldige codes voor elk codeveld."},
]

TOKEN_UITLEG = (
    "Stuur `Authorization: Token <sleutel>` mee. Een sleutel maakt de functioneel beheerder met "
    "`python manage.py create_user GEBRUIKER --role ROL --token`; wat de sleutel mag, volgt uit de rol."
)

# The shapes of every error answer (flevojeugd/api.py makes them; contract.md, Errors).
FOUT_SCHEMAS = {
    "Fout": {
        "type": "object",
        "description": "Een weigering: `detail` zegt in het Nederlands waarom.",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    },
    "Veldfouten": {
        "type": "object",
        "description": (
            "Ongeldige invoer: per veld een lijst meldingen in het Nederlands, bijvoorbeeld "
            '`{"jeugdige": {"bsn": ["Dit BSN klopt niet."]}, "hulpvraag": ["Kies ambulant of verblijf."]}`. '
            "Een geneste invoer geeft een genest object; een fout die bij geen veld hoort staat onder "
            "`non_field_errors`; onleesbare JSON geeft `detail`."
        ),
        "additionalProperties": {
            "anyOf": [
                {"type": "array", "items": {}},
                {"type": "object", "additionalProperties": {}},
                {"type": "string"},
            ]
        },
    },
    "Alternatief": {
        "type": "object",
        "description": "Een andere plek of dienst wanneer een voorziening vol is.",
        "properties": {
            "soort": {"type": "string", "description": "voorziening, buiten_regio of crisisdienst"},
            "naam": {"type": "string"},
            "vrij": {"type": "integer", "nullable": True},
            "id": {"type": "integer"},
            "telefoon": {"type": "string"},
            "toelichting": {"type": "string"},
        },
        "required": ["soort", "naam", "vrij"],
    },
    "Conflict": {
        "type": "object",
        "description": (
            "Botst met de huidige stand (geen vrije plek, al afgesloten, dubbel): `detail` zegt waarom; "
            "bij een volle voorziening noemt `alternatieven` waar wel plek is."
        ),
        "properties": {
            "detail": {"type": "string"},
            "alternatieven": {"type": "array", "items": {"$ref": "#/components/schemas/Alternatief"}},
        },
        "required": ["detail"],
    },
}


SLEUTEL_PARAMETERS = [
    OpenApiParameter(
        idempotentie.KOPTEKST,
        {"type": "string", "minLength": 1, "maxLength": idempotentie.MAX_SLEUTEL},
        OpenApiParameter.HEADER,
        required=False,
        description=(
            "Optioneel: een eigen sleutel van dit verzoek (zichtbare ASCII-tekens), zodat een herhaling "
            "(een time-out, een dubbele verzending) niet tweemaal iets vastlegt. Dezelfde sleutel van "
            "dezelfde gebruiker geeft binnen 24 uur het eerste antwoord opnieuw (kop `Idempotent-Replayed: "
            "true`), zolang de gebruiker deze actie nog mag doen; anders het antwoord op een nieuw verzoek "
            "(403 of 404). Dezelfde sleutel met een andere body, of terwijl het eerste verzoek nog loopt, "
            "geeft 409. Een geweigerd verzoek legt niets vast: de sleutel mag dan opnieuw."
        ),
    ),
    OpenApiParameter(
        "Idempotent-Replayed",
        str,
        OpenApiParameter.HEADER,
        response=True,
        description="`true` wanneer dit het opgeslagen antwoord op een eerder verzoek met dezelfde Idempotency-Key is.",
    ),
]


def _antwoord(beschrijving: str, schema: str) -> dict:
    return {
        "description": beschrijving,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


def foutantwoorden(method: str, operatie: dict) -> dict:
    """The error answers one operation can give."""
    parameters = operatie.get("parameters", [])
    neemt_invoer = "requestBody" in operatie or bool(parameters)
    pad_of_pagina = any(p.get("in") == "path" or p.get("name") == "page" for p in parameters)
    fouten = {}
    if neemt_invoer:
        fouten["400"] = _antwoord("Ongeldige invoer: de velden en wat er mis is.", "Veldfouten")
    fouten["401"] = _antwoord("Niet ingelogd: geen of een onbekend token.", "Fout")
    fouten["403"] = _antwoord("Deze rol mag deze actie niet uitvoeren.", "Fout")
    if pad_of_pagina:
        fouten["404"] = _antwoord(
            "Niet gevonden, of gegevens van een jeugdige die u niet mag zien (het bestaan wordt niet prijsgegeven).",
            "Fout",
        )
    if method == "post":
        uitleg = "Botst met de huidige stand van zaken."
        if any(p.get("in") == "header" and p.get("name") == idempotentie.KOPTEKST for p in parameters):
            uitleg += (
                f" Ook: dezelfde {idempotentie.KOPTEKST} met een andere body, of terwijl het eerste verzoek "
                "met die sleutel nog loopt."
            )
        fouten["409"] = _antwoord(uitleg, "Conflict")
    if "requestBody" in operatie:
        fouten["415"] = _antwoord("De body is geen JSON (application/json is het enige bodytype).", "Fout")
    return fouten


def postprocess(result, generator, request, public):
    """drf-spectacular hook: the error shapes, every operation's errors, the Token scheme in Dutch."""
    result["tags"] = TAGS
    componenten = result.setdefault("components", {})
    componenten.setdefault("schemas", {}).update(FOUT_SCHEMAS)
    schemes = componenten.setdefault("securitySchemes", {})
    if "tokenAuth" in schemes:
        schemes["tokenAuth"]["description"] = TOKEN_UITLEG
    if "cookieAuth" in schemes:
        schemes["cookieAuth"]["description"] = (
            "De browsersessie van de webapplicatie (na inloggen met tweestapsverificatie)."
        )
    for pad in result.get("paths", {}).values():
        for method, operatie in pad.items():
            if not isinstance(operatie, dict) or "responses" not in operatie:
                continue
            for code, antwoord in foutantwoorden(method, operatie).items():
                operatie["responses"].setdefault(code, antwoord)
    return result


class Schema(AutoSchema):
    """Tags per function, operationIds from the view, and an `ActieView`'s own input and answer."""

    def get_tags(self):
        delen = [d for d in self.path.split("/") if d and not d.startswith("{")]
        # /api/v1/<functie>/…
        return [delen[2]] if len(delen) > 2 and delen[0] == "api" else super().get_tags()

    def get_operation_id(self):
        return getattr(self.view, "operaties", {}).get(self.method) or super().get_operation_id()

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        """A code field names its code list (GET /api/v1/codelijsten/): the lists grow in the admin,
        so they are not frozen as enums."""
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        from kern.codelijsten import codelijst_van

        relatie = getattr(field, "child_relation", field)
        queryset = getattr(relatie, "queryset", None)
        lijsten = getattr(field, "codelijsten", ())
        if not lijsten and isinstance(relatie, serializers.SlugRelatedField) and queryset is not None:
            lijsten = tuple(filter(None, [codelijst_van(queryset.model)]))
        if lijsten:
            namen = " of ".join(f"`{lijst}`" for lijst in lijsten)
            uitleg = f"Een code uit de codelijst {namen} (GET /api/v1/codelijsten/)."
            schema["description"] = f"{schema['description']} {uitleg}" if schema.get("description") else uitleg
            schema["x-codelijst"] = lijsten[0] if len(lijsten) == 1 else list(lijsten)
        return schema

    def _is_actie(self) -> bool:
        from .api_basis import ActieView

        # A view that writes its own post() (a search, for instance) documents it with extend_schema.
        return self.method == "POST" and isinstance(self.view, ActieView) and type(self.view).post is ActieView.post

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        # The one rule of which POSTs honour the key is BasisAPIView.idempotent (a search does not).
        if self.method == "POST" and getattr(self.view, "idempotent", False):
            parameters += SLEUTEL_PARAMETERS
        return parameters

    def get_request_serializer(self):
        if self._is_actie():
            return self.view.invoer
        return super().get_request_serializer()

    def get_response_serializers(self):
        if self._is_actie():
            return {self.view.status_code: self.view.uitvoer}
        return super().get_response_serializers()
