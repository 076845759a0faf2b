"""``--anonymize``: stable, keyed pseudonyms for the people in a roster.

A roster is personal data. With ``--anonymize`` the loaded :class:`~sscgap.roster.Roster` is
transformed once, before the engine sees it, so every renderer and every format shows only
pseudonyms:

- ``employee_id`` becomes ``P-`` + the first 12 hex digits of
  HMAC-SHA256(key, ``"sscgap/employee_id\\0"`` + id). The same key gives the same pseudonym for
  the same id in every run and every snapshot, so ``diff`` and quarter-over-quarter comparisons
  still line up; without the key a pseudonym cannot be turned back into an id, nor can an id be
  checked against it.
- ``name`` is removed (left blank): people are shown by their pseudonym only.
- Group columns (department, site, position), tenure, employment type and the levels stay:
  they are what the analysis is about. In a small group they can still single a person out;
  see the README section "Privacy: --anonymize" for what this does and does not protect.

The key comes from ``--anon-key-file FILE`` or the ``SSCGAP_ANON_KEY`` environment variable.
Without one, a random key is used for that run only (pseudonyms then differ between runs) and
the user is told.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Finding, UsageError
from .runtime import KEY_FILE_LIMIT, read_bounded

if TYPE_CHECKING:
    import pandas as pd

    from .roster import Roster

ENV_KEY = "SSCGAP_ANON_KEY"
PREFIX = "P-"
HEX_DIGITS = 12  # 48 bits: about 1 chance in 550 of any clash among a million ids
MIN_KEY_BYTES = 16
_DOMAIN = b"sscgap/employee_id\x00"
PERSONAL_COLUMNS = ("employee_id", "name")


@dataclass(frozen=True)
class AnonKey:
    """The secret behind the pseudonyms, and where it came from."""

    secret: bytes = b""
    source: str = "random"  # "file", "env" or "random"

    @property
    def is_random(self) -> bool:
        return self.source == "random"

    def warnings(self) -> list[str]:
        """What the user should know about this key (on stderr, never in a report)."""
        if self.is_random:
            return [
                "--anonymize without a key: the pseudonyms are random for this run and will not "
                f"match other runs; set {ENV_KEY} or use --anon-key-file for stable pseudonyms"
            ]
        if len(self.secret) < MIN_KEY_BYTES:
            return [
                f"the anonymisation key is short ({len(self.secret)} bytes): with a guessable key "
                "the ids can be recovered; use at least 16 random bytes, e.g. `openssl rand -hex 32`"
            ]
        return []

    def __repr__(self) -> str:  # never print the secret
        return f"AnonKey(source={self.source!r}, bytes={len(self.secret)})"


def resolve_key(key_file: str | Path | None = None, environ: dict | None = None) -> AnonKey:
    """The key from ``key_file``, else ``$SSCGAP_ANON_KEY``, else a random one for this run."""
    env = os.environ if environ is None else environ
    if key_file is not None:
        path = Path(key_file)
        secret = read_bounded(path, KEY_FILE_LIMIT, "--anon-key-file")
        secret = secret.rstrip(b"\r\n")
        if not secret.strip():
            raise UsageError(f"{path}: the key file is empty")
        return AnonKey(secret, "file")
    value = env.get(ENV_KEY)
    if value is not None and value.strip():
        try:
            return AnonKey(value.encode("utf-8"), "env")
        except UnicodeEncodeError:  # bytes that are not UTF-8 (os.environ keeps them as surrogates)
            raise UsageError(f"{ENV_KEY} is not UTF-8 text; use a printable key, e.g. `openssl rand -hex 32`") from None
    return AnonKey(secrets.token_bytes(32), "random")


def _hmac_states(secret: bytes) -> tuple[hashlib._Hash, hashlib._Hash]:
    """HMAC-SHA256's inner and outer states after the key block (RFC 2104), computed once."""
    block = 64
    key = hashlib.sha256(secret).digest() if len(secret) > block else secret
    key = key.ljust(block, b"\0")
    inner = hashlib.sha256(bytes(b ^ 0x36 for b in key))
    outer = hashlib.sha256(bytes(b ^ 0x5C for b in key))
    inner.update(_DOMAIN)
    return inner, outer


def is_pseudonym(value: str) -> bool:
    """True for a pseudonym as :func:`pseudonyms` makes them (``P-`` + 12 or 16 hex digits)."""
    import re

    return re.fullmatch(rf"{PREFIX}[0-9a-f]{{{HEX_DIGITS}}}(?:[0-9a-f]{{4}})?", value) is not None


def pseudonym(value: str, key: AnonKey) -> str:
    """The pseudonym of one id (for looking a person up by their real id)."""
    return PREFIX + _digests([value], key)[0][:HEX_DIGITS]


def lookup_id(roster: Roster, value: str, key: AnonKey) -> str:
    """The pseudonym, in an anonymised roster, of a person given by real id or by pseudonym.

    Not found: a :class:`UsageError` that suggests nothing (similar pseudonyms say nothing
    about similar ids, and listing real ids would defeat the point).
    """
    import unicodedata

    value = unicodedata.normalize("NFKC", value).strip()
    ids = roster.people["employee_id"]
    full = _digests([value], key)[0]
    candidates = [value] if is_pseudonym(value) else []
    candidates += [PREFIX + full[:HEX_DIGITS], PREFIX + full[:16]]
    for candidate in candidates:
        if (ids == candidate).to_numpy(dtype=bool, na_value=False).any():
            return candidate
    raise UsageError(
        f"{roster.source}: no employee_id {value!r} (looked up by its pseudonym under --anonymize)"
    )


def _digests(values: list[str], key: AnonKey) -> list[str]:
    inner, outer = _hmac_states(key.secret)
    icopy, ocopy = inner.copy, outer.copy

    def one(data: bytes) -> str:
        i = icopy()
        i.update(data)
        o = ocopy()
        o.update(i.digest())
        return o.hexdigest()

    return list(map(one, (v.encode("utf-8") for v in values)))


def pseudonyms(ids: pd.Series, key: AnonKey) -> pd.Series:
    """Pseudonyms for a column of ids: each distinct id is hashed once, then spread back.

    A blank id stays blank. Two ids whose 12-digit pseudonyms clash both get 16 digits
    instead, so distinct people never merge.
    """
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(ids)
    full = _digests([str(u) for u in np.asarray(uniques, dtype=object).tolist()], key)
    short = np.array([PREFIX + d[:HEX_DIGITS] for d in full], dtype=object)
    clash = pd.Series(short).duplicated(keep=False).to_numpy()
    for k in np.flatnonzero(clash):
        short[k] = PREFIX + full[k][:16]
    out = np.empty(len(codes), dtype=object)
    valid = codes >= 0
    out[valid] = short[codes[valid]]
    out[~valid] = None
    return pd.Series(out, index=ids.index, dtype="str").where(valid)


def anonymize(roster: Roster, key: AnonKey) -> Roster:
    """The same roster with pseudonyms for ids and no names; findings scrubbed of their values."""
    import pandas as pd

    people = roster.people.copy()
    people["employee_id"] = pseudonyms(people["employee_id"], key)
    if "name" in people.columns:
        people["name"] = pd.Series(pd.NA, index=people.index, dtype="str")
    findings = [_scrub(f) for f in roster.findings]
    return replace(roster, people=people, findings=findings)


def _scrub(f: Finding) -> Finding:
    """A finding about an id or a name keeps its place but loses the value."""
    if f.column in PERSONAL_COLUMNS and f.value is not None:
        return replace(f, value=None)
    return f
