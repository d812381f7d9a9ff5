"""The client's address as the audit trail and the login lockout record it.

`X-Forwarded-For` is written by whoever sends the request: a client can put anything in it
('unknown', or someone else's address). It counts only when the request comes from a proxy
listed in TRUSTED_PROXIES (settings; addresses or networks), and then it is read from the right:
each trusted proxy appends the address it saw, so the first address from the right that is not
a trusted proxy is the client. Anything that is not an IP address ends the walk.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _netwerken(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(p.strip(), strict=False) for p in proxies if p.strip())


def _ip(tekst: str):
    try:
        return ipaddress.ip_address(tekst.strip())
    except ValueError:
        return None


def _vertrouwd(adres, netwerken) -> bool:
    return any(adres in n for n in netwerken)


def clientadres(request) -> str | None:
    """The address of the client: REMOTE_ADDR, or behind trusted proxies the forwarded one."""
    if request is None:
        return None
    meta = getattr(request, "META", {})
    direct = _ip(meta.get("REMOTE_ADDR") or "")
    if direct is None:
        return None
    netwerken = _netwerken(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))
    if not netwerken or not _vertrouwd(direct, netwerken):
        return str(direct)
    adres = direct
    for deel in reversed((meta.get("HTTP_X_FORWARDED_FOR") or "").split(",")):
        vorig = _ip(deel)
        if vorig is None:
            break  # 'unknown', an obfuscated name or rubbish: keep the last address we trust
        adres = vorig
        if not _vertrouwd(vorig, netwerken):
            break
    return str(adres)
