"""One hash for every cache key and fingerprint: SHA-256 of length-prefixed parts."""

from __future__ import annotations


def digest(*parts: str | bytes) -> str:
    """A hex SHA-256 of the parts, each length-prefixed so they cannot run together."""
    import hashlib  # start-up: loading OpenSSL costs 3 ms, and a run without the cache never hashes

    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()
