"""VC-JWT signing and checking with PyJWT (EdDSA over Ed25519). Pure: no Django.

Format (OB 3.0 section 8.2, "JSON Web Token proof format"): a JWS compact serialization whose header is
``{"alg": "EdDSA", "kid": <RFC 7638 thumbprint>, "typ": "JWT"}`` and whose payload carries the credential in the
``vc`` claim next to the registered claims that mirror it: ``iss`` (issuer id), ``jti`` (credential id),
``sub`` (subject id), ``nbf``/``iat`` (validFrom), ``exp`` (validUntil).

The JSON download is the same credential with an embedded ``proof`` whose ``jwt`` member is that compact JWS
(type ``JwtProof2020``): the signature covers exactly the ``vc`` claim, so a verifier compares the JSON it was
given (without ``proof``) with the signed ``vc`` claim and any difference means tampering. No JSON-LD
canonicalisation (and so no context fetching) is needed.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import jwt

from .keys import SigningKey

ALGORITHM = "EdDSA"
PROOF_TYPE = "JwtProof2020"


class SignatureError(ValueError):
    """The token is not a JWS we can check, or its signature does not match."""


def _epoch(value: str) -> int:
    return int(datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).timestamp())


def claims_for(credential: dict) -> dict:
    claims = {
        "iss": credential["issuer"]["id"],
        "jti": credential["id"],
        "nbf": _epoch(credential["validFrom"]),
        "iat": _epoch(credential["validFrom"]),
        "vc": credential,
    }
    if credential.get("validUntil"):
        claims["exp"] = _epoch(credential["validUntil"])
    subject_id = credential.get("credentialSubject", {}).get("id")
    if subject_id:
        claims["sub"] = subject_id
    return claims


def sign(credential: dict, key: SigningKey) -> str:
    """The compact VC-JWT of an unsigned credential (one without ``proof``)."""
    if "proof" in credential:
        raise ValueError("sign the credential without its proof")
    return jwt.encode(
        claims_for(credential), key.private_key, algorithm=ALGORITHM, headers={"kid": key.kid, "typ": "JWT"}
    )


def with_proof(credential: dict, token: str, verification_method: str) -> dict:
    """The JSON form: the credential plus an embedded proof that carries the VC-JWT."""
    out = dict(credential)
    out["proof"] = {
        "type": PROOF_TYPE,
        "created": credential["validFrom"],
        "proofPurpose": "assertionMethod",
        "verificationMethod": verification_method,
        "jwt": token,
    }
    return out


def unverified_header(token: str) -> dict:
    try:
        return jwt.get_unverified_header(token)
    except jwt.PyJWTError as exc:
        raise SignatureError(f"not a compact JWS: {exc}") from None


def unverified_claims(token: str) -> dict:
    """The payload WITHOUT checking anything: only to show what a tampered document claims."""
    try:
        return jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError as exc:
        raise SignatureError(f"unreadable payload: {exc}") from None


def verify_signature(token: str, public_key) -> dict:
    """The payload when the EdDSA signature matches ``public_key``; dates are checked by the caller, so an
    expired credential still shows what it claims. Raises SignatureError otherwise."""
    try:
        return jwt.decode(
            token,
            public_key,
            algorithms=[ALGORITHM],
            options={
                "verify_exp": False,
                "verify_nbf": False,
                "verify_iat": False,
                "verify_aud": False,
                "require": ["iss", "jti", "vc"],
            },
        )
    except jwt.InvalidSignatureError:
        raise SignatureError("the signature does not match the content") from None
    except jwt.PyJWTError as exc:
        raise SignatureError(str(exc)) from None


def canonical(document: dict) -> str:
    """A stable text of a JSON document, to compare a JSON credential with its signed ``vc`` claim."""
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
