"""Signed products: a report or an export carries a detached Ed25519 signature over its
SHA-256 and the ledger root it was made from, so anyone holding the coalition's public
key can check it offline, and one changed byte fails.

Keys live in a folder outside the database (``COALITION_KEYS_DIR``): the newest private
key signs; rotating adds a key and keeps the older public keys, so earlier products still
verify. The public keys are published (``coalition keys export``, ``GET /api/keys``)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from coalition.errors import CoalitionError

SUFFIX = ".sig"


@dataclass(frozen=True)
class PublicKey:
    key_id: str
    pem: str
    created: str


def _raw(public: Ed25519PublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(public: Ed25519PublicKey) -> str:
    return hashlib.sha256(_raw(public)).hexdigest()[:16]


def rotate(folder: Path) -> str:
    """Make a new signing key (the newest signs from now on); returns its id."""
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    private = Ed25519PrivateKey.generate()
    ident = key_id(private.public_key())
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    secret = folder / f"{stamp}-{ident}.key"
    secret.write_bytes(
        private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    os.chmod(secret, 0o600)
    (folder / f"{stamp}-{ident}.pub").write_bytes(
        private.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    return ident


def public_keys(folder: Path) -> list[PublicKey]:
    """Every public key in the folder, oldest first."""
    found = []
    for path in key_files(folder):
        stamp, _, ident = path.stem.partition("-")
        found.append(PublicKey(key_id=ident, pem=path.read_text(encoding="ascii"), created=stamp))
    return found


def key_files(folder: Path) -> list[Path]:
    """The public key files in the folder, oldest first."""
    return sorted(folder.glob("*.pub")) if folder.is_dir() else []


def _signer(folder: Path) -> Ed25519PrivateKey:
    keys = sorted(folder.glob("*.key")) if folder.is_dir() else []
    if not keys:
        raise CoalitionError(f"no signing key in {folder}: run `coalition keys rotate`")
    loaded = serialization.load_pem_private_key(keys[-1].read_bytes(), password=None)
    if not isinstance(loaded, Ed25519PrivateKey):
        raise CoalitionError(f"{keys[-1]}: not an Ed25519 key")
    return loaded


def _payload(claim: dict[str, str]) -> bytes:
    return json.dumps(claim, sort_keys=True, separators=(",", ":")).encode("utf-8")


def ensure_key(folder: Path) -> str | None:
    """Make the first signing key if the folder has none; returns its id if made."""
    return None if public_keys(folder) else rotate(folder)


def sign_payload(claim: dict[str, str], folder: Path) -> tuple[str, str]:
    """Sign a claim (canonical JSON) with the newest key: (key id, base64 signature)."""
    private = _signer(folder)
    ident = key_id(private.public_key())
    return ident, base64.b64encode(private.sign(_payload(claim))).decode("ascii")


def check_payload(claim: dict[str, str], signature: str, ident: str, keys: list[Path]) -> str:
    """Why a signed claim does not hold with these public key files ("" if it does)."""
    try:
        raw = base64.b64decode(signature, validate=True)
    except ValueError:
        return "the signature is not base64"
    for key_file in keys:
        public = serialization.load_pem_public_key(key_file.read_bytes())
        if not isinstance(public, Ed25519PublicKey) or key_id(public) != ident:
            continue
        try:
            public.verify(raw, _payload(claim))
        except InvalidSignature:
            return "the signature does not match"
        return ""
    return f"signed by key {ident!r}, not among the keys given"


def sign(path: Path, folder: Path, ledger_size: int | None = None, ledger_root: str = "") -> Path:
    """Write ``path.sig`` next to ``path``: what was signed (the file's SHA-256 and the
    ledger position it was made from), by which key, and the signature."""
    claim = {
        "file": path.name,
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "key_id": key_id(_signer(folder).public_key()),
        "signed_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "ledger_size": "" if ledger_size is None else str(ledger_size),
        "ledger_root": ledger_root,
    }
    _, signature = sign_payload(claim, folder)
    target = path.with_name(path.name + SUFFIX)
    target.write_text(json.dumps(claim | {"signature": signature}, indent=2), encoding="utf-8")
    return target


def verify(path: Path, keys: list[Path]) -> dict[str, str]:
    """Check ``path`` against ``path.sig`` with the given public key files (PEM); returns
    what was signed. Raises CoalitionError naming what does not hold."""
    sig_path = path.with_name(path.name + SUFFIX)
    if not sig_path.is_file():
        raise CoalitionError(f"{sig_path}: no signature next to the file")
    try:
        claim = json.loads(sig_path.read_text(encoding="utf-8"))
        signature = str(claim.pop("signature"))
    except (ValueError, KeyError, AttributeError) as exc:
        raise CoalitionError(f"{sig_path}: not a signature file ({exc})") from exc
    if hashlib.sha256(path.read_bytes()).hexdigest() != claim.get("sha256"):
        raise CoalitionError(f"{path}: changed since it was signed (SHA-256 differs)")
    problem = check_payload(claim, signature, str(claim.get("key_id")), keys)
    if problem:
        raise CoalitionError(f"{sig_path}: {problem}")
    return dict(claim)
