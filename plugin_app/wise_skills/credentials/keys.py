"""Ed25519 signing keys: generate, load from PEM, publish as a JWK set. Pure: no Django import.

The key id (``kid``) is the RFC 7638 JWK thumbprint of the public key, so it is derived from the key itself:
the same key always has the same kid, and a rotated key gets a new one without any bookkeeping.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey


class KeyFileError(ValueError):
    """A key file is missing or not an Ed25519 key; the message names the file and the fix."""


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _raw_public(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def thumbprint(public_key: Ed25519PublicKey) -> str:
    """RFC 7638 thumbprint: SHA-256 over the required members in lexicographic order, no whitespace."""
    canonical = json.dumps(
        {"crv": "Ed25519", "kty": "OKP", "x": b64url(_raw_public(public_key))}, separators=(",", ":"), sort_keys=True
    )
    return b64url(hashlib.sha256(canonical.encode("ascii")).digest())


@dataclass(frozen=True)
class VerificationKey:
    kid: str
    public_key: Ed25519PublicKey

    def jwk(self) -> dict:
        return {
            "kty": "OKP",
            "crv": "Ed25519",
            "x": b64url(_raw_public(self.public_key)),
            "kid": self.kid,
            "alg": "EdDSA",
            "use": "sig",
        }


@dataclass(frozen=True)
class SigningKey:
    kid: str
    private_key: Ed25519PrivateKey

    @property
    def verification_key(self) -> VerificationKey:
        return VerificationKey(self.kid, self.private_key.public_key())


def generate_pem() -> bytes:
    """A new Ed25519 private key as unencrypted PKCS#8 PEM (protect it by file permissions, see write_pem)."""
    return Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def write_pem(path: str | os.PathLike, pem: bytes, overwrite: bool = False) -> None:
    """Write the PEM readable by its owner only (0600), created with that mode so it is never world-readable."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if overwrite else os.O_EXCL)
    fd = os.open(path, flags, 0o600)
    try:
        os.write(fd, pem)
    finally:
        os.close(fd)
    os.chmod(path, 0o600)


def _read(path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise KeyFileError(
            f"cannot read the credential key file {str(path)!r} ({exc.strerror}); create one with "
            "`manage.py lms generate_wise_credential_key --path <file>` and point "
            "WISE_CREDENTIALS_SIGNING_KEY_PATH at it"
        ) from None


def load_signing_key(path) -> SigningKey:
    data = _read(path)
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as exc:
        raise KeyFileError(f"{str(path)!r} is not an unencrypted PEM private key: {exc}") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFileError(f"{str(path)!r} holds a {type(key).__name__}; credentials are signed with Ed25519 only")
    return SigningKey(thumbprint(key.public_key()), key)


def load_verification_key(path) -> VerificationKey:
    """A public key from a PEM file holding either the public or the private key (old keys after rotation)."""
    data = _read(path)
    if b"PRIVATE KEY" in data:
        return load_signing_key(path).verification_key
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, TypeError) as exc:
        raise KeyFileError(f"{str(path)!r} is not a PEM public key: {exc}") from None
    if not isinstance(key, Ed25519PublicKey):
        raise KeyFileError(f"{str(path)!r} holds a {type(key).__name__}; only Ed25519 keys are accepted")
    return VerificationKey(thumbprint(key), key)


def public_pem(key: VerificationKey) -> bytes:
    return key.public_key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def jwk_set(keys) -> dict:
    """The JWK set document (RFC 7517 section 5); the first key is the current signing key."""
    seen, out = set(), []
    for key in keys:
        if key.kid not in seen:
            seen.add(key.kid)
            out.append(key.jwk())
    return {"keys": out}
