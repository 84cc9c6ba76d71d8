"""Build the Open Badges 3.0 AchievementCredential (a W3C Verifiable Credential, data model 2.0). Pure: no Django.

Everything the credential says comes in as arguments, so the shape is unit-tested without a database; the
glue (issuing.py) gathers them from the skills-gap models. Human-readable strings go through the ``gettext``
the caller passes (the learner's language at claim time); identifiers and codes never do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

# JSON-LD contexts, as strings only: nothing here (nor in the verifier) ever fetches them.
VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB_SCHEMA_ID = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
CREDENTIAL_TYPES = ["VerifiableCredential", "OpenBadgeCredential"]

EVIDENCE_KINDS = ("course_result", "manager_rating")


def _identity(text):
    return text


def iso(moment: datetime) -> str:
    """UTC, whole seconds, trailing Z (the VC data model's dateTimeStamp)."""
    if moment.tzinfo is None:
        raise ValueError("credential dates must be timezone-aware")
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Party:
    """An OB 3.0 Profile: the issuing platform, or the WISE it issues on behalf of."""

    id: str
    name: str
    url: str = ""
    description: str = ""
    country: str = ""

    def profile(self) -> dict:
        out = {"id": self.id, "type": ["Profile"], "name": self.name}
        if self.url:
            out["url"] = self.url
        if self.description:
            out["description"] = self.description
        if self.country:
            out["address"] = {"type": ["Address"], "addressCountryCode": self.country}
        return out


@dataclass(frozen=True)
class EscoLink:
    label: str
    uri: str
    kind: str  # "skill" or "occupation"


@dataclass(frozen=True)
class CompetenceLevel:
    key: str  # digcomp:1.1
    code: str  # 1.1
    name: str
    description: str
    framework_key: str  # digcomp
    framework_name: str  # DigComp 2.2
    framework_url: str  # where the framework is published
    level: int
    level_name: str
    level_description: str
    esco: tuple = ()  # EscoLink, ...


@dataclass(frozen=True)
class EvidenceItem:
    kind: str  # one of EVIDENCE_KINDS: self-assessment never reaches a credential
    title: str  # course / unit title, or the WISE whose manager rated
    source: str  # course or block key; '' for manager ratings (no user ids in a credential)
    observed_at: datetime
    level: int
    url: str = ""  # a page of the course/unit on the platform, when there is one


@dataclass(frozen=True)
class CredentialInput:
    credential_id: str  # urn:uuid:...
    subject_id: str  # urn:uuid:... (never the LMS user id)
    achievement_id: str  # URL of the achievement description
    issuer: Party
    on_behalf_of: Party | None
    competence: CompetenceLevel
    evidence: tuple  # EvidenceItem, ...
    valid_from: datetime
    valid_until: datetime
    subject_name: str = ""  # only when the learner consented when claiming
    language: str = "en"
    extra: dict = field(default_factory=dict)


def achievement_name(c: CompetenceLevel, gettext=_identity) -> str:
    return gettext("{framework} {code} {competence}: level {level} ({level_name})").format(
        framework=c.framework_name, code=c.code, competence=c.name, level=c.level, level_name=c.level_name
    )


def alignments(c: CompetenceLevel) -> list[dict]:
    """The framework node first (DigComp/EntreComp/GreenComp code), then every ESCO skill/occupation URI."""
    out = [
        {
            "type": ["Alignment"],
            "targetName": c.name,
            "targetCode": c.code,
            "targetFramework": c.framework_name,
            "targetDescription": c.description or c.name,
            "targetType": "ceasn:Competency",
            "targetUrl": c.framework_url,
        }
    ]
    for link in c.esco:
        out.append(
            {
                "type": ["Alignment"],
                "targetName": link.label,
                "targetFramework": "ESCO",
                "targetType": "ceasn:Competency" if link.kind == "skill" else "ext:EscoOccupation",
                "targetUrl": link.uri,
                "targetCode": link.uri.rsplit("/", 1)[-1],
            }
        )
    return out


def _evidence(items, gettext) -> list[dict]:
    kinds = {"course_result": gettext("Course or unit passed"), "manager_rating": gettext("Rating by a WISE manager")}
    out = []
    for item in items:
        if item.kind not in EVIDENCE_KINDS:
            raise ValueError(
                f"evidence of kind {item.kind!r} cannot support a credential; only {', '.join(EVIDENCE_KINDS)}"
            )
        entry = {
            "type": ["Evidence"],
            "name": item.title,
            "genre": kinds[item.kind],
            "description": gettext("{kind} on {date}, showing level {level}.").format(
                kind=kinds[item.kind], date=iso(item.observed_at)[:10], level=item.level
            ),
        }
        if item.url:
            entry["id"] = item.url
        if item.source:
            entry["narrative"] = gettext("Source: {key}").format(key=item.source)  # a course team can trace it
        out.append(entry)
    return out


def build_credential(data: CredentialInput, gettext=_identity) -> dict:
    """The unsigned OB 3.0 credential. Raises ValueError when the input cannot make an honest credential."""
    c = data.competence
    if not data.evidence:
        raise ValueError("a credential needs at least one piece of verified evidence")
    if data.valid_until <= data.valid_from:
        raise ValueError("validUntil must be after validFrom")
    name = achievement_name(c, gettext)
    achievement = {
        "id": data.achievement_id,
        "type": ["Achievement"],
        "achievementType": "Competency",
        "name": name,
        "description": c.description or c.name,
        "humanCode": f"{c.key}@{c.level}",
        "criteria": {
            "narrative": gettext(
                'Level {level} ({level_name}: {level_description}) in "{competence}" of {framework}, shown by '
                "verified evidence: a passed course or unit mapped to this competence, or a rating by a manager of "
                "the learner's work-integration social enterprise. A self-assessment alone never qualifies."
            ).format(
                level=c.level,
                level_name=c.level_name,
                level_description=c.level_description,
                competence=c.name,
                framework=c.framework_name,
            )
        },
        "alignment": alignments(c),
        "tag": [c.framework_key, c.key],
        "@language": data.language,
    }
    if data.on_behalf_of is not None:
        achievement["creator"] = data.on_behalf_of.profile()
    subject = {
        "id": data.subject_id,
        "type": ["AchievementSubject"],
        "achievement": achievement,
        "activityEndDate": iso(max(item.observed_at for item in data.evidence)),
    }
    if data.subject_name:
        subject["identifier"] = [
            {"type": "IdentityObject", "identityType": "ext:name", "hashed": False, "identityHash": data.subject_name}
        ]
    issuer = data.issuer
    if data.on_behalf_of is not None:
        issuer = Party(
            issuer.id,
            issuer.name,
            issuer.url,
            gettext("Issued on behalf of {wise}.").format(wise=data.on_behalf_of.name),
            issuer.country,
        )
    credential = {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": data.credential_id,
        "type": list(CREDENTIAL_TYPES),
        "name": name,
        "description": gettext("Verified competence: {name}").format(name=name),
        "issuer": issuer.profile(),
        "validFrom": iso(data.valid_from),
        "validUntil": iso(data.valid_until),
        "credentialSubject": subject,
        "evidence": _evidence(data.evidence, gettext),
        "credentialSchema": [{"id": OB_SCHEMA_ID, "type": "1EdTechJsonSchemaValidator2019"}],
    }
    credential.update(data.extra)
    return credential


def summary(credential: dict) -> dict:
    """What a credential claims, flat, for the verification page and API (works on any parsed document)."""
    subject = credential.get("credentialSubject") or {}
    achievement = subject.get("achievement") or {}
    names = [
        i.get("identityHash")
        for i in subject.get("identifier") or []
        if isinstance(i, dict) and i.get("identityType") == "ext:name" and not i.get("hashed")
    ]
    creator = achievement.get("creator") or {}
    return {
        "id": credential.get("id"),
        "name": achievement.get("name") or credential.get("name"),
        "competence": achievement.get("humanCode"),
        "alignment": [
            {
                "framework": a.get("targetFramework"),
                "code": a.get("targetCode"),
                "name": a.get("targetName"),
                "url": a.get("targetUrl"),
            }
            for a in achievement.get("alignment") or []
            if isinstance(a, dict)
        ],
        "criteria": (achievement.get("criteria") or {}).get("narrative"),
        "issuer": (credential.get("issuer") or {}).get("name")
        if isinstance(credential.get("issuer"), dict)
        else credential.get("issuer"),
        "on_behalf_of": creator.get("name"),
        "subject_name": names[0] if names else None,
        "valid_from": credential.get("validFrom"),
        "valid_until": credential.get("validUntil"),
        "evidence": [
            {"name": e.get("name"), "kind": e.get("genre"), "description": e.get("description")}
            for e in credential.get("evidence") or []
            if isinstance(e, dict)
        ],
    }
