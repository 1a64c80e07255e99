"""Client network addresses: who is behind a proxy, and the keyed pseudonym the per-address rules keep.

An anonymous web session costs nothing to make, so "one per session" lets one person flag a report
off the map or push a proposal to review with a loop of fresh sessions (newcomer probe 21, #3 and
#5). What the anonymous web channels count instead is the client's *network*: an IPv4 address, or
an IPv6 /64 (one home or phone line gets a whole /64 and may pick any address in it, RFC 4291 §2.5.1
and RFC 8981's temporary addresses). Only ``address_key`` of it is stored, an HMAC with the server
secret: not reversible to the address without the secret, and unlinkable to other pseudonyms.

The rule this supports, and its limits, are in README "Moderation": Decidim hides a resource after
reports by *distinct users* (``hide_after_reports``, default 3); with no accounts, a distinct network
is the nearest we have. A person with many networks (a phone, home, a VPN) still counts several times.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import ipaddress

_IPV6_HOME_PREFIX = 64  # the smallest block an ISP gives one subscriber


def network(address: str) -> str:
    """The network ``address`` counts as: itself for IPv4 (and IPv4-mapped IPv6), its /64 for IPv6.

    Text that is not an IP address (a Unix socket, "unknown") comes back stripped, unchanged."""
    try:
        ip = ipaddress.ip_address(address.strip().split("%", 1)[0])  # "fe80::1%eth0": drop the zone
    except ValueError:
        return address.strip()
    if ip.version == 6 and ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/{_IPV6_HOME_PREFIX}", strict=False))
    return str(ip)


def address_key(secret: bytes, address: str) -> str:
    """The stored pseudonym of ``address``'s network: 32 hex characters of HMAC-SHA256 keyed with the
    server secret, in a namespace of its own (never equal to a supporter or voter key)."""
    message = b"client-network\x1f" + network(address).encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:32]


def parse_networks(raw: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """``CIVICBOT_TRUSTED_PROXIES``' items (``10.0.0.5``, ``10.0.0.0/8``, ``::1``) as networks.

    ValueError names the first item that is not an address or a network."""
    found = []
    for item in raw:
        try:
            found.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ValueError(f"{item!r} is not an IP address or network (10.0.0.0/8, ::1)") from None
    return tuple(found)


@functools.cache
def _trusted(raw: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return parse_networks(raw)


def _is_trusted(address: str, trusted: tuple[str, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return any(ip in net for net in _trusted(trusted))


def client_address(peer: str | None, forwarded_for: str, trusted: tuple[str, ...]) -> str:
    """The client's address: the TCP ``peer``, unless the peer is one of the ``trusted`` proxies.

    Then ``forwarded_for`` (X-Forwarded-For, all of its values joined by commas) is read from the
    right: each proxy appends the address it saw, so the rightmost address that is not a trusted
    proxy is the first one no proxy of ours vouches for (MDN "X-Forwarded-For", security and
    privacy concerns). Anything left of it may be invented by the client, and is ignored.
    A header with no usable address leaves the peer. "unknown" when there is no peer at all."""
    address = (peer or "unknown").strip()
    if not trusted or not _is_trusted(address, trusted):
        return address
    for hop in reversed([part.strip() for part in forwarded_for.split(",")]):
        if not hop:
            continue
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            return address  # a malformed hop: trust nothing further left
        if not _is_trusted(hop, trusted):
            return hop
        address = hop
    return address


def scoped_key(secret: bytes, origin: str, scope: str) -> str:
    """``origin`` (an ``address_key``) keyed again for one report or proposal (``scope``), so the
    stored keys of one network on two reports cannot be matched with each other. "" stays ""."""
    if not origin:
        return ""
    message = b"network-in\x1f" + scope.encode() + b"\x1f" + origin.encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:32]
