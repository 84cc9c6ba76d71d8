"""Check a credential someone pasted or uploaded: valid, tampered, revoked, expired, or invalid.

Order of checks (first failure wins), each answered with what the document claims:

    invalid   not a VC-JWT / OB 3.0 JSON at all, signed with a key this platform never published, not yet
              valid, or not in this platform's register
    tampered  the signature does not match the content (a changed payload, or a credential of ours re-signed
              with another key), or a JSON document differs from the credential its proof signs
    revoked   the register says it was revoked (date and reason code)
    expired   validUntil has passed
    valid     none of the above

Nothing here fetches anything: keys come from settings, JSON-LD contexts are never resolved.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.utils import timezone as dj_timezone
from django.utils.translation import gettext as _

from . import builder, signing
from .issuing import verification_keys
from .keys import KeyFileError
from .models import Credential

VALID, TAMPERED, REVOKED, EXPIRED, INVALID = "valid", "tampered", "revoked", "expired", "invalid"
log = logging.getLogger(__name__)
MAX_INPUT = 200_000  # characters: a credential is a few kB; refuse anything far larger before parsing


@dataclass
class Result:
    status: str
    message: str
    claims: dict | None = None
    details: dict = field(default_factory=dict)

    @property
    def trusted(self) -> bool:
        return self.status == VALID

    def as_dict(self) -> dict:
        return {
            "status": self.status,
            "trusted": self.trusted,
            "message": self.message,
            "claims": self.claims,
            **self.details,
        }


def _parse(text: str):
    """(token, json document or None) from a compact JWS or a JSON credential with a JWT proof."""
    text = (text or "").strip()
    if not text:
        raise ValueError(_("Paste a credential or choose a file first."))
    if len(text) > MAX_INPUT:
        raise ValueError(_("This is far too large to be a credential."))
    if text.startswith("{"):
        try:
            document = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(
                _("This is not valid JSON (line {line}, column {col}).").format(line=exc.lineno, col=exc.colno)
            ) from None
        proofs = document.get("proof") if isinstance(document, dict) else None
        proofs = proofs if isinstance(proofs, list) else [proofs]
        token = next((p.get("jwt") for p in proofs if isinstance(p, dict) and isinstance(p.get("jwt"), str)), None)
        if token is None:
            raise ValueError(_("This JSON has no proof this platform can check (expected proof.jwt)."))
        return token, document
    return text, None


def _date(value):
    try:
        return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def verify(text: str, now: datetime | None = None) -> Result:
    now = now or dj_timezone.now()
    try:
        token, document = _parse(text)
    except ValueError as exc:
        return Result(INVALID, str(exc))
    try:
        header = signing.unverified_header(token)
        unverified = signing.unverified_claims(token)
    except signing.SignatureError:
        return Result(
            INVALID,
            _(
                "This is not a credential this page can read (neither a VC-JWT nor an "
                "Open Badges 3.0 JSON credential with a JWT proof)."
            ),
        )
    vc = unverified.get("vc") if isinstance(unverified.get("vc"), dict) else {}
    shown = builder.summary(document if document is not None else vc) if (vc or document) else None
    if header.get("alg") != signing.ALGORITHM:
        return Result(INVALID, _("Signed with an algorithm this platform does not use."), shown)
    try:
        known = verification_keys()
    except KeyFileError:
        log.exception("wise_credentials: the configured credential keys cannot be read")
        return Result(
            INVALID,
            _(
                "This platform cannot check credentials right now (its keys are misconfigured). "
                "Please tell the platform team."
            ),
            shown,
        )
    key = next((k for k in known if k.kid == header.get("kid")), None)
    register = Credential.objects.filter(uuid=_uuid_of(unverified.get("jti"))).first()
    if key is None:
        if register is not None and register.kid == header.get("kid"):
            # Ours, but signed with a key the operator no longer lists (rotation without keeping the old key).
            return Result(
                INVALID,
                _(
                    "Issued here, but signed with a key this platform no longer publishes; "
                    "ask the platform team to keep retired keys for verification."
                ),
                shown,
            )
        if register is not None:
            return Result(TAMPERED, _("This credential was re-signed with a key that is not this platform's."), shown)
        return Result(INVALID, _("This was not signed by a key of this platform."), shown)
    try:
        claims = signing.verify_signature(token, key.public_key)
    except signing.SignatureError:
        if register is not None:
            return Result(TAMPERED, _("The signature does not match the content: it was changed after issue."), shown)
        return Result(INVALID, _("The signature does not match: this was not issued by this platform."), shown)
    vc = claims["vc"]
    if document is not None:
        unsigned = {k: v for k, v in document.items() if k != "proof"}
        if signing.canonical(unsigned) != signing.canonical(vc):
            return Result(TAMPERED, _("The JSON was changed: it differs from the credential its proof signs."), shown)
    shown = builder.summary(vc)
    if register is None or register.credential_id != vc.get("id") or claims.get("jti") != vc.get("id"):
        return Result(INVALID, _("This platform has no record of issuing this credential."), shown)
    details = {"credential_id": register.credential_id, "kid": key.kid}
    if register.revoked:
        details.update(revoked_at=register.revoked_at.isoformat(), revocation_reason=register.revocation_reason)
        return Result(
            REVOKED,
            _("This credential was revoked on {date} ({reason}).").format(
                date=register.revoked_at.date().isoformat(), reason=register.get_revocation_reason_display()
            ),
            shown,
            details,
        )
    valid_from, valid_until = _date(vc.get("validFrom")), _date(vc.get("validUntil"))
    if valid_from is None or valid_from > now:
        return Result(INVALID, _("This credential is not valid yet."), shown, details)
    if valid_until is not None and valid_until <= now:
        return Result(
            EXPIRED, _("This credential expired on {date}.").format(date=valid_until.date().isoformat()), shown, details
        )
    return Result(VALID, _("Valid: issued by this platform, unchanged, not revoked and not expired."), shown, details)


def _uuid_of(credential_id):
    if isinstance(credential_id, str) and credential_id.startswith("urn:uuid:"):
        try:
            return uuid.UUID(credential_id[len("urn:uuid:") :])
        except ValueError:
            return None
    return None
