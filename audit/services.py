"""One function every page, endpoint and command calls when it touches a youth's data."""

from collections.abc import Iterable

from .models import Actie, AuditRegel


def _ip(request) -> str | None:
    # X-Forwarded-For counts only from a trusted proxy (settings.TRUSTED_PROXIES).
    from flevojeugd.netwerk import clientadres

    return clientadres(request)


def _kanaal(request) -> str:
    """Where the access came from: the API, a page, or (without a request) a command or task."""
    if request is None:
        return "opdracht"
    return "api" if request.path.startswith("/api/") else "pagina"


def _gelogd(request, jeugdige_id=None) -> None:
    # flevojeugd.toegang.jeugdpagina checks that a list page wrote its audit rows; an API call
    # with an Idempotency-Key keeps the youth it touched for the audit row of a replay.
    if request is not None:
        request._audit_geschreven = True
        if jeugdige_id is not None and getattr(request, "_audit_jeugdige_id", None) is None:
            request._audit_jeugdige_id = jeugdige_id


def _namens(user) -> str:
    if getattr(user, "gemeente", None):
        return str(user.gemeente)
    if getattr(user, "aanbieder", None):
        return str(user.aanbieder)
    return user.get_rol_display() if hasattr(user, "get_rol_display") else ""


def log(
    user, actie: str, onderwerp: str, obj=None, jeugdige=None, request=None, kanaal: str | None = None
) -> AuditRegel:
    kanaal = kanaal or _kanaal(request)
    _gelogd(request, getattr(jeugdige, "pk", None))
    return AuditRegel.objects.create(
        gebruiker=user if getattr(user, "pk", None) else None,
        gebruikersnaam=getattr(user, "username", "") or "systeem",
        rol=getattr(user, "rol", "") or "",
        namens=_namens(user) if getattr(user, "pk", None) else "",
        jeugdige=jeugdige,
        actie=actie,
        onderwerp=onderwerp,
        onderwerp_id=str(obj.pk) if obj is not None else "",
        kanaal=kanaal,
        ip_adres=_ip(request),
    )


def log_lijst(user, onderwerp: str, objecten: Iterable, jeugdige_attr: str, request=None) -> None:
    """A list page shows several youths: one row each, written in one query."""
    kanaal = _kanaal(request)
    _gelogd(request)
    namens, ip = _namens(user), _ip(request)  # once per list, not per row
    regels = [
        AuditRegel(
            gebruiker=user,
            gebruikersnaam=user.username,
            rol=user.rol,
            namens=namens,
            jeugdige_id=getattr(obj, jeugdige_attr),
            actie=Actie.INZIEN,
            onderwerp=onderwerp,
            onderwerp_id=str(obj.pk),
            kanaal=kanaal,
            ip_adres=ip,
        )
        for obj in objecten
    ]
    if regels:
        AuditRegel.objects.bulk_create(regels)


def log_geweigerd(user, onderwerp: str, model, pk, request=None) -> AuditRegel:
    """A lookup the user was refused (404): who asked for which record, and whose record it is.

    The youth is looked up without the user's filter (one query, only on this path), so the
    youth's own trail shows who tried to see them; the answer to the user stays 404."""
    jeugdige_id = None
    if any(f.name == "jeugdige" for f in model._meta.get_fields()):
        try:
            jeugdige_id = model._base_manager.filter(pk=pk).values_list("jeugdige_id", flat=True).first()
        except (TypeError, ValueError):
            jeugdige_id = None
    _gelogd(request)
    return AuditRegel.objects.create(
        gebruiker=user if getattr(user, "pk", None) else None,
        gebruikersnaam=getattr(user, "username", "") or "anoniem",
        rol=getattr(user, "rol", "") or "",
        namens=_namens(user) if getattr(user, "pk", None) else "",
        jeugdige_id=jeugdige_id,
        actie=Actie.GEWEIGERD,
        onderwerp=onderwerp,
        onderwerp_id=str(pk)[:40],
        kanaal=_kanaal(request),
        ip_adres=_ip(request),
    )
