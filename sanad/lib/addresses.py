"""Where a request comes from, for abuse limits only: never stored, never logged.

An IPv6 client usually holds a whole /64 (its device changes the low bits at will), so
addresses are grouped by /64; an IPv4 address stands alone. Limits count a keyed hash of
the group, so the address itself lives only in memory for the length of the request.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The client's address, trusting only as many X-Forwarded-For hops as we have proxies."""
    hops = settings.SANAD_TRUSTED_PROXIES
    if hops:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")


def address_group(address: str) -> str:
    """The unit a limit counts: an IPv4 address, or the /64 network of an IPv6 one."""
    try:
        parsed = ipaddress.ip_address(address.strip())
    except ValueError:
        return address.strip()
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.IPv6Network((parsed, 64), strict=False))
    return str(parsed)
