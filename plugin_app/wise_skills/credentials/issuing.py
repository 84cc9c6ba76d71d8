"""Glue between the skills-gap models (read-only), the pure credential modules and the register.

Public functions (used by views, receivers and other apps):

    claimable_for(user_id) -> list[Offer]
    learner_wises(user_id) -> list[Wise]
    issue(user, competence_key, wise_key=None, include_name=False, request=None) -> Credential
    credential_document(credential) -> dict             the JSON form (with its JwtProof2020 proof)
    can_revoke(user, credential) -> bool
    revoke(credential, by_user_id, reason) -> bool
    revoke_for_retired_user(user_id) -> int
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from opaque_keys import InvalidKeyError
from opaque_keys.edx.keys import CourseKey, UsageKey

from wise_skills.models import (
    Competence,
    CompetenceMapping,
    Evidence,
    Level,
    ManagerAssignment,
    Membership,
    Provenance,
    Wise,
)
from wise_skills.permissions import scope_for

from . import builder, eligibility, keys, signing, validation
from .conf import base_url, issuer_name, setting
from .models import Credential, RevocationReason


class NotConfigured(RuntimeError):
    """No signing key is configured: the operator must run generate_wise_credential_key."""


class NotEligible(ValueError):
    """The learner's verified evidence does not (or no longer) support this credential."""


# --- keys --------------------------------------------------------------------------------------------------


def signing_key() -> keys.SigningKey:
    path = setting("WISE_CREDENTIALS_SIGNING_KEY_PATH")
    if not path:
        raise NotConfigured(
            "WISE_CREDENTIALS_SIGNING_KEY_PATH is not set: run `manage.py lms "
            "generate_wise_credential_key --path <file>` and point the setting at the file"
        )
    return keys.load_signing_key(path)


def verification_keys() -> list[keys.VerificationKey]:
    """The current key first (when configured), then every previous key kept for verification."""
    out = []
    if setting("WISE_CREDENTIALS_SIGNING_KEY_PATH"):
        out.append(signing_key().verification_key)
    out += [keys.load_verification_key(path) for path in setting("WISE_CREDENTIALS_PREVIOUS_KEY_PATHS") or []]
    return out


def is_configured() -> bool:
    return bool(setting("WISE_CREDENTIALS_SIGNING_KEY_PATH"))


# --- eligibility -------------------------------------------------------------------------------------------


@dataclass
class Offer:
    competence: Competence
    level: int
    level_name: str
    evidence: tuple  # eligibility.EvidenceRow
    existing: Credential | None  # an active credential at this level or higher
    titles: dict = None  # source key -> title of the mapped course/unit, for the claim page

    def evidence_lines(self):
        """(kind, title, observed_at) per cited row; manager ratings carry no title (no user ids shown)."""
        titles = self.titles or {}
        return [(r.kind, titles.get(r.source_key) or r.source_key, r.observed_at) for r in self.evidence]


def _rows(user_id, competence_keys=None):
    qs = (
        Evidence.objects.filter(user_id=user_id, verified=True)
        .exclude(provenance=Provenance.SELF_ASSESSMENT)
        .select_related("competence")
    )
    if competence_keys is not None:
        qs = qs.filter(competence__key__in=list(competence_keys))
    return [
        eligibility.EvidenceRow(
            e.id, e.competence.key, e.provenance, e.level, e.observed_at, e.verified, e.source_key, e.recorded_by_id
        )
        for e in qs
    ]


def claimable_for(user_id) -> list[Offer]:
    found = eligibility.claimable(_rows(user_id))
    if not found:
        return []
    comps = {c.key: c for c in Competence.objects.filter(key__in=list(found)).select_related("framework", "area")}
    framework_ids = {c.framework_id for c in comps.values()}
    names = {
        (fw, n): name
        for fw, n, name in Level.objects.filter(framework__in=framework_ids).values_list(
            "framework_id", "number", "name"
        )
    }
    active = {}
    for cred in Credential.objects.active().filter(user_id=user_id, competence__in=list(comps.values())):
        best = active.get(cred.competence_id)
        if best is None or cred.level > best.level:
            active[cred.competence_id] = cred
    titles = dict(
        CompetenceMapping.objects.filter(
            source_key__in=[r.source_key for c in found.values() for r in c.evidence if r.kind == "course_result"]
        )
        .exclude(title="")
        .values_list("source_key", "title")
    )
    offers = []
    for key, claim in found.items():
        comp = comps[key]
        existing = active.get(comp.id)
        offers.append(
            Offer(
                comp,
                claim.level,
                names.get((comp.framework_id, claim.level), str(claim.level)),
                claim.evidence,
                existing if existing and existing.level >= claim.level else None,
                titles,
            )
        )
    offers.sort(key=lambda o: (o.competence.framework.order, o.competence.order))
    return offers


def learner_wises(user_id) -> list[Wise]:
    ids = Membership.objects.active_on(timezone.localdate()).filter(user_id=user_id).values_list("wise_id", flat=True)
    return list(Wise.objects.filter(id__in=list(ids)).order_by("name"))


def full_name(user) -> str:
    """The LMS full name (UserProfile.name in edx-platform), else Django's first + last name."""
    profile = getattr(user, "profile", None)
    return ((getattr(profile, "name", "") or "") if profile is not None else "").strip() or user.get_full_name().strip()


# --- building ----------------------------------------------------------------------------------------------


def _plugin_url(root, name, *args):
    return root + reverse(f"wise_credentials:{name}", args=args)


def _evidence_url(root: str, source_key: str) -> str:
    """A page of the course or unit in the LMS, when the key is an Open edX key."""
    try:
        usage = UsageKey.from_string(source_key)
        return f"{root}/courses/{usage.course_key}/jump_to/{usage}"
    except InvalidKeyError:
        pass
    try:
        return f"{root}/courses/{CourseKey.from_string(source_key)}/about"
    except InvalidKeyError:
        return ""


def _evidence_items(rows, comp: Competence, root: str) -> tuple:
    titles = dict(
        CompetenceMapping.objects.filter(source_key__in=[r.source_key for r in rows], competence=comp).values_list(
            "source_key", "title"
        )
    )
    raters = {
        m.user_id: m.wise.name
        for m in ManagerAssignment.objects.filter(
            user_id__in=[r.recorded_by_id for r in rows if r.recorded_by_id]
        ).select_related("wise")
    }
    items = []
    for r in rows:
        if r.kind == "manager_rating":
            wise = raters.get(r.recorded_by_id)
            title = (
                gettext("Workplace rating by a manager of {wise}").format(wise=wise)
                if wise
                else gettext("Workplace rating by a WISE manager")
            )
            items.append(builder.EvidenceItem(r.kind, title, "", r.observed_at, r.level))
        else:
            items.append(
                builder.EvidenceItem(
                    r.kind,
                    titles.get(r.source_key) or r.source_key,
                    r.source_key,
                    r.observed_at,
                    r.level,
                    _evidence_url(root, r.source_key),
                )
            )
    return tuple(items)


def _competence_level(comp: Competence, level: int) -> builder.CompetenceLevel:
    lv = Level.objects.get(framework=comp.framework, number=level)
    esco = tuple(builder.EscoLink(link["label"], link["uri"], "skill") for link in comp.esco_skills or []) + tuple(
        builder.EscoLink(link["label"], link["uri"], "occupation") for link in comp.esco_occupations or []
    )
    return builder.CompetenceLevel(
        key=comp.key,
        code=comp.code,
        name=comp.name,
        description=comp.description,
        framework_key=comp.framework.key,
        framework_name=comp.framework.name,
        framework_url=comp.framework.source_url or comp.framework.licence_url,
        level=level,
        level_name=lv.name,
        level_description=lv.description,
        esco=esco,
    )


def issuer_party(root: str) -> builder.Party:
    return builder.Party(id=_plugin_url(root, "issuer"), name=issuer_name(), url=root + "/")


def wise_party(root: str, wise: Wise) -> builder.Party:
    return builder.Party(id=_plugin_url(root, "wise-profile", wise.key), name=wise.name, country=wise.country)


@transaction.atomic
def issue(
    user, competence_key: str, wise_key: str | None = None, include_name: bool = False, request=None
) -> Credential:
    """Sign and register a credential for the learner's current claimable level in a competence.

    Idempotent: when an active credential at that level (or higher) exists, it is returned unchanged.
    Raises NotConfigured, NotEligible, or ValueError (bad WISE, no name to include)."""
    key = signing_key()
    offers = {o.competence.key: o for o in claimable_for(user.id)}
    offer = offers.get(competence_key)
    if offer is None:
        raise NotEligible(gettext("There is no verified evidence for this competence yet."))
    if offer.existing is not None:
        return offer.existing
    wise = None
    wises = learner_wises(user.id)
    if wise_key:
        wise = next((w for w in wises if w.key == wise_key), None)
        if wise is None:
            raise ValueError(gettext("You can only choose a WISE you work in."))
    elif len(wises) == 1:
        wise = wises[0]
    name = full_name(user) if include_name else ""
    if include_name and not name:
        raise ValueError(gettext("Your account has no full name to include; add it to your profile first."))
    root = base_url(request)
    now = timezone.now().replace(microsecond=0)
    cred_uuid = uuid.uuid4()
    data = builder.CredentialInput(
        credential_id=f"urn:uuid:{cred_uuid}",
        subject_id=f"urn:uuid:{uuid.uuid4()}",
        achievement_id=_plugin_url(root, "achievement", offer.competence.key, offer.level),
        issuer=issuer_party(root),
        on_behalf_of=wise_party(root, wise) if wise else None,
        competence=_competence_level(offer.competence, offer.level),
        evidence=_evidence_items(offer.evidence, offer.competence, root),
        valid_from=now,
        valid_until=now + timedelta(days=int(setting("WISE_CREDENTIALS_VALIDITY_DAYS"))),
        subject_name=name,
        language=(translation.get_language() or "en").split("-")[0],
        extra={"credentialStatus": {"id": _plugin_url(root, "revocation-list"), "type": "1EdTechRevocationList"}},
    )
    credential = builder.build_credential(data, gettext)
    validation.validate(credential)  # never hand out a document that is not valid OB 3.0
    token = signing.sign(credential, key)
    validation.validate(signing.with_proof(credential, token, _plugin_url(root, "jwks") + "#" + key.kid))
    return Credential.objects.create(
        uuid=cred_uuid,
        user_id=user.id,
        competence=offer.competence,
        level=offer.level,
        wise=wise,
        name_included=bool(name),
        issued_at=now,
        valid_until=data.valid_until,
        kid=key.kid,
        token=token,
    )


def credential_document(credential: Credential) -> dict:
    """The JSON form, rebuilt from the signed token so it is byte-for-byte what was signed."""
    claims = signing.unverified_claims(credential.token)
    header = signing.unverified_header(credential.token)
    vc = claims["vc"]
    method = vc["issuer"]["id"].rsplit("/issuer/", 1)[0] + "/.well-known/jwks.json#" + header.get("kid", "")
    return signing.with_proof(vc, credential.token, method)


# --- revocation --------------------------------------------------------------------------------------------


def can_revoke(user, credential: Credential) -> bool:
    """Platform staff (wise_skills.permissions), or a manager of the WISE the credential was issued for."""
    scope = scope_for(user)
    if scope.is_staff:
        return True
    if scope.user_id is None or credential.wise_id is None or credential.wise_id not in scope.wise_ids:
        return False
    # The scope also holds WISEs a network coordinator merely oversees: revoking is for the WISE's own managers.
    return ManagerAssignment.objects.filter(user_id=scope.user_id, wise_id=credential.wise_id).exists()


def revocable_by(user):
    """The credentials this user may revoke (a queryset)."""
    scope = scope_for(user)
    if scope.is_staff:
        return Credential.objects.all()
    managed = ManagerAssignment.objects.filter(user_id=scope.user_id).values_list("wise_id", flat=True)
    return Credential.objects.filter(wise_id__in=list(managed)) if scope.user_id else Credential.objects.none()


def revoke(credential: Credential, by_user_id, reason: str) -> bool:
    """Revoke once (the first revocation's date and reason stay). Returns True when this call revoked it."""
    if reason not in RevocationReason.values:
        raise ValueError(f"unknown revocation reason {reason!r}; one of {', '.join(RevocationReason.values)}")
    updated = Credential.objects.filter(pk=credential.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by_id=by_user_id, revocation_reason=reason
    )
    credential.refresh_from_db()
    return bool(updated)


def revoke_for_retired_user(user_id) -> int:
    """Learner retirement: revoke every credential of the user, erase the tokens (they may hold the name) and
    the user id; unlink revocations the user made as a manager. Idempotent; returns how many of the user's own
    credentials were touched."""
    user_id = int(user_id)
    with transaction.atomic():
        now = timezone.now()
        Credential.objects.filter(user_id=user_id, revoked_at__isnull=True).update(
            revoked_at=now, revocation_reason=RevocationReason.LEARNER_RETIRED
        )
        touched = Credential.objects.filter(user_id=user_id).update(user_id=None, token="")
        # A retired manager or staff member: keep the revocations, drop the link to the person.
        Credential.objects.filter(revoked_by_id=user_id).update(revoked_by_id=None)
        return touched
