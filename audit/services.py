"""One function every page, endpoint and command calls when it touches a youth's data."""

from collections.abc import Iterable

from .models import Actie, AuditRegel


def _ip(request) -> str | None:
    # X-Forwarded-For counts only from a trusted proxy (settings.TRUSTED_PROXIES).
    from flevojeugd.netwerk import clientadres

    return clientadres(request)


def _namens(user) -> str:
    if getattr(user, "gemeente", None):
        return str(user.gemeente)
    if getattr(user, "aanbieder", None):
        return str(user.aanbieder)
    return user.get_rol_display() if hasattr(user, "get_rol_display") else ""


def log(
    user, actie: str, onderwerp: str, obj=None, jeugdige=None, request=None, kanaal: str | None = None
) -> AuditRegel:
    if kanaal is None:
        kanaal = "api" if request is not None and request.path.startswith("/api/") else "pagina"
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
    kanaal = "api" if request is not None and request.path.startswith("/api/") else "pagina"
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
