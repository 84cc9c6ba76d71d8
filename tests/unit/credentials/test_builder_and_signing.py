"""The pure credential modules: OB 3.0 shape, schema validity, EdDSA VC-JWT checked by jwcrypto (independent)."""

import copy
import json
import stat
from datetime import UTC, datetime, timedelta

import pytest
from jwcrypto import jwk, jws
from jwcrypto import jwt as jc_jwt
from wise_skills.credentials import builder, keys, signing, validation

T0 = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def make_input(**overrides):
    data = dict(
        credential_id="urn:uuid:6f1c0c5e-4b0f-4c55-9f3e-4b8f8e1c2a11",
        subject_id="urn:uuid:0d7a3c6e-1b2f-4a5d-8e9f-112233445566",
        achievement_id="https://lms.example.org/wise-credentials/achievements/sector:waste.sorting/2/",
        issuer=builder.Party(
            "https://lms.example.org/wise-credentials/issuer/", "Example Learning", "https://lms.example.org/"
        ),
        on_behalf_of=builder.Party(
            "https://lms.example.org/wise-credentials/issuer/wises/wise-a/", "WISE A", country="IT"
        ),
        competence=builder.CompetenceLevel(
            key="sector:waste.sorting",
            code="waste.sorting",
            name="Sorting waste into the right fractions",
            description="Put each item in the right fraction.",
            framework_key="sector",
            framework_name="WISE sector skills",
            framework_url="http://data.europa.eu/esco/occupation",
            level=2,
            level_name="Routine tasks alone",
            level_description="Routine tasks without help.",
            esco=(
                builder.EscoLink(
                    "sorter labourer",
                    "http://data.europa.eu/esco/occupation/ff8d4065-db44-47c7-a4bd-51b3c306ef70",
                    "occupation",
                ),
            ),
        ),
        evidence=(
            builder.EvidenceItem(
                "course_result",
                "Module 2: sorting basics",
                "course-v1:WISE+SORT+2026",
                T0,
                2,
                "https://lms.example.org/courses/course-v1:WISE+SORT+2026/about",
            ),
            builder.EvidenceItem(
                "manager_rating", "Workplace rating by a manager of WISE A", "", T0 - timedelta(days=20), 3
            ),
        ),
        valid_from=T0 + timedelta(days=1),
        valid_until=T0 + timedelta(days=1 + 1095),
    )
    data.update(overrides)
    return builder.CredentialInput(**data)


@pytest.fixture(scope="module")
def key():
    return _fresh_key()


def _fresh_key():
    from cryptography.hazmat.primitives import serialization

    pem = keys.generate_pem()
    private = serialization.load_pem_private_key(pem, password=None)
    return keys.SigningKey(keys.thumbprint(private.public_key()), private)


def jwcrypto_key(signing_key):
    return jwk.JWK(**signing_key.verification_key.jwk())


def test_credential_has_the_ob3_shape_and_names_competence_level_alignment_and_evidence():
    vc = builder.build_credential(make_input())
    assert vc["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert vc["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert vc["validFrom"] == "2026-03-02T09:30:00Z" and vc["validUntil"] == "2029-03-01T09:30:00Z"
    assert vc["issuer"]["type"] == ["Profile"] and vc["issuer"]["description"] == "Issued on behalf of WISE A."
    subject = vc["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"] and "identifier" not in subject  # no name without consent
    ach = subject["achievement"]
    assert ach["name"] == (
        "WISE sector skills waste.sorting Sorting waste into the right fractions: level 2 (Routine tasks alone)"
    )
    assert ach["creator"]["name"] == "WISE A" and ach["achievementType"] == "Competency"
    assert [a["targetFramework"] for a in ach["alignment"]] == ["WISE sector skills", "ESCO"]
    assert ach["alignment"][0]["targetCode"] == "waste.sorting"
    assert ach["alignment"][1]["targetUrl"].startswith("http://data.europa.eu/esco/occupation/ff8d4065")
    assert "self-assessment alone never qualifies" in ach["criteria"]["narrative"].lower()
    assert [e["genre"] for e in vc["evidence"]] == ["Course or unit passed", "Rating by a WISE manager"]
    assert "2026-03-01" in vc["evidence"][0]["description"] and vc["evidence"][0]["id"].endswith("/about")
    assert subject["activityEndDate"] == "2026-03-01T09:30:00Z"
    validation.validate(vc)


def test_name_appears_only_when_given_and_as_an_identity_object():
    vc = builder.build_credential(make_input(subject_name="Ana Novak"))
    assert vc["credentialSubject"]["identifier"] == [
        {"type": "IdentityObject", "identityType": "ext:name", "hashed": False, "identityHash": "Ana Novak"}
    ]
    assert builder.summary(vc)["subject_name"] == "Ana Novak"
    validation.validate(vc)


def test_self_assessment_can_never_be_evidence():
    bad = builder.EvidenceItem("self_assessment", "My own check", "block-v1:X+Y+Z+type@a+block@b", T0, 4)
    with pytest.raises(ValueError, match="self_assessment.*cannot support a credential"):
        builder.build_credential(make_input(evidence=(bad,)))
    with pytest.raises(ValueError, match="at least one piece of verified evidence"):
        builder.build_credential(make_input(evidence=()))


@pytest.mark.parametrize(
    "mutate, where",
    [
        (lambda vc: vc.pop("validFrom"), "'validFrom' is a required property"),
        (lambda vc: vc["credentialSubject"]["achievement"].pop("criteria"), "'criteria' is a required property"),
        (lambda vc: vc["credentialSubject"].update(nickname="x"), "Additional properties are not allowed"),
        (lambda vc: vc.update(type=["VerifiableCredential"]), "type"),
        (
            lambda vc: vc.update({"@context": ["https://www.w3.org/2018/credentials/v1", builder.OB_CONTEXT]}),
            "@context",
        ),
        (lambda vc: vc["credentialSubject"].pop("id"), "credentialSubject"),
        (lambda vc: vc["credentialSubject"]["achievement"]["alignment"][0].pop("targetUrl"), "targetUrl"),
    ],
)
def test_the_shipped_schema_rejects_what_ob3_forbids(mutate, where):
    vc = builder.build_credential(make_input())
    mutate(vc)
    with pytest.raises(validation.SchemaError, match=where if where[0] == "'" else None) as info:
        validation.validate(vc)
    assert where.strip("'") in str(info.value) or where in str(info.value)


def test_vc_jwt_verifies_with_jwcrypto_and_carries_the_registered_claims(key):
    vc = builder.build_credential(make_input())
    token = signing.sign(vc, key)
    verified = jc_jwt.JWT(jwt=token, key=jwcrypto_key(key), algs=["EdDSA"], check_claims={})  # independent library
    header, claims = json.loads(verified.header), json.loads(verified.claims)
    assert header == {"alg": "EdDSA", "kid": key.kid, "typ": "JWT"}
    assert claims["vc"] == vc and claims["jti"] == vc["id"] and claims["iss"] == vc["issuer"]["id"]
    assert claims["sub"] == vc["credentialSubject"]["id"]
    assert claims["nbf"] == int((T0 + timedelta(days=1)).timestamp())
    assert claims["exp"] == int((T0 + timedelta(days=1096)).timestamp())
    method = "https://lms.example.org/wise-credentials/.well-known/jwks.json#" + key.kid
    validation.validate(signing.with_proof(vc, token, method))


def _b64(data: bytes) -> str:
    return keys.b64url(data)


def test_jwcrypto_rejects_a_modified_payload(key):
    token = signing.sign(builder.build_credential(make_input()), key)
    header, payload, signature = token.split(".")
    claims = signing.unverified_claims(token)
    claims["vc"]["credentialSubject"]["achievement"]["name"] = "DigComp 5.4: level 8"
    forged = ".".join([header, _b64(json.dumps(claims).encode()), signature])
    with pytest.raises(jws.InvalidJWSSignature):
        jc_jwt.JWT(jwt=forged, key=jwcrypto_key(key), algs=["EdDSA"], check_claims={})
    with pytest.raises(signing.SignatureError):
        signing.verify_signature(forged, key.private_key.public_key())


def test_jwcrypto_rejects_a_wrong_key(key):
    token = signing.sign(builder.build_credential(make_input()), key)
    other = _fresh_key()
    with pytest.raises(jws.InvalidJWSSignature):
        jc_jwt.JWT(jwt=token, key=jwcrypto_key(other), algs=["EdDSA"], check_claims={})
    with pytest.raises(signing.SignatureError):
        signing.verify_signature(token, other.private_key.public_key())


def test_kid_is_the_rfc7638_thumbprint_jwcrypto_computes(key):
    assert jwcrypto_key(key).thumbprint() == key.kid
    jwks = keys.jwk_set([key.verification_key, key.verification_key, _fresh_key().verification_key])
    assert len(jwks["keys"]) == 2 and jwks["keys"][0]["kid"] == key.kid
    assert set(jwks["keys"][0]) == {"kty", "crv", "x", "kid", "alg", "use"}  # never the private "d"


def test_pem_is_written_owner_only_and_loads_back(tmp_path):
    path = tmp_path / "keys" / "signing.pem"
    keys.write_pem(path, keys.generate_pem())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    loaded = keys.load_signing_key(path)
    assert keys.load_verification_key(path).kid == loaded.kid
    public = tmp_path / "public.pem"
    public.write_bytes(keys.public_pem(loaded.verification_key))
    assert keys.load_verification_key(public).kid == loaded.kid
    with pytest.raises(FileExistsError):
        keys.write_pem(path, keys.generate_pem())


def test_key_errors_say_what_to_do(tmp_path):
    with pytest.raises(keys.KeyFileError, match="generate_wise_credential_key"):
        keys.load_signing_key(tmp_path / "missing.pem")
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    ec_pem = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    (tmp_path / "ec.pem").write_bytes(ec_pem)
    with pytest.raises(keys.KeyFileError, match="Ed25519 only"):
        keys.load_signing_key(tmp_path / "ec.pem")


def test_summary_reads_any_document_without_trusting_it():
    vc = builder.build_credential(make_input())
    broken = copy.deepcopy(vc)
    broken["credentialSubject"]["achievement"]["alignment"] = "nonsense"
    assert builder.summary(broken)["alignment"] == []
    assert builder.summary({})["name"] is None
