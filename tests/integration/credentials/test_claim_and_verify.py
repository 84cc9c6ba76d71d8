"""Claim -> download (JWT, JSON) -> verify; tampering, wrong keys, revocation, expiry, retirement, permissions."""

import json
import stat
import sys
import types
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.dispatch import Signal
from django.urls import reverse
from jwcrypto import jwk
from jwcrypto import jwt as jc_jwt
from wise_skills.credentials import apps as cred_apps
from wise_skills.credentials import keys, signing, validation, verification
from wise_skills.credentials.issuing import revoke_for_retired_user
from wise_skills.credentials.models import Credential

from .conftest import COURSE

CLAIM = "wise_credentials:claim"


def claim(client, competence, **extra):
    return client.post(reverse(CLAIM), {"competence": competence, **extra})


def claimed(client, competence="sector:waste.sorting", **extra):
    response = claim(client, competence, **extra)
    assert response.status_code == 302, response.content[:500]
    return Credential.objects.get(uuid=response["Location"].split("claimed=")[1])


def download(client, cred, fmt):
    response = client.get(reverse(f"wise_credentials:download-{fmt}", args=[cred.uuid]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    return response.content.decode()


def api_verify(client, body, content_type="text/plain"):
    response = client.post(reverse("wise_credentials:api-verify"), body, content_type=content_type)
    assert response.status_code == 200, response.content
    return response.json()


def test_claim_page_offers_verified_competences_only(cworld, as_user):
    page = as_user(cworld["users"]["learner"]).get(reverse("wise_credentials:claim-list")).content.decode()
    assert "Sorting waste into the right fractions" in page  # course result, level 2
    assert "DigComp 2.2 2.1" in page  # manager rating, level 3
    assert "1.1 Browsing" not in page  # only self-assessed: never claimable
    assert "Show my name, Ana Novak, in the credential" in page
    assert "Passed Module 2: sorting at the plant" in page and "Rating by a WISE manager" in page


@pytest.mark.parametrize(
    "lang,name",
    [("de", "Abfall in die richtigen Fraktionen sortieren"), ("sl", "Ločevanje odpadkov v prave frakcije")],
)
def test_claim_page_names_competences_in_the_learners_language(cworld, as_user, lang, name):
    """The page is translated; the signed credential keeps the catalogue's English names (any verifier reads them)."""
    client = as_user(cworld["users"]["learner"])
    page = client.get(reverse("wise_credentials:claim-list"), HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    assert name in page and "Sorting waste into the right fractions" not in page


def test_anonymous_cannot_see_the_claim_page_or_claim(cworld, client):
    assert client.get(reverse("wise_credentials:claim-list")).status_code == 302
    assert claim(client, "sector:waste.sorting").status_code == 302
    assert not Credential.objects.exists()


def test_claim_download_and_verify_round_trip_with_an_independent_library(cworld, as_user, client, signing_key):
    learner = as_user(cworld["users"]["learner"])
    cred = claimed(learner)
    assert (cred.level, cred.wise.key, cred.name_included) == (2, "wise-a", False)
    token, document = download(learner, cred, "jwt"), json.loads(download(learner, cred, "json"))
    validation.validate(document)
    assert document["proof"]["jwt"] == token and document["proof"]["type"] == "JwtProof2020"
    assert "identifier" not in document["credentialSubject"]  # no consent, no name
    assert "Ana" not in json.dumps(document)
    ach = document["credentialSubject"]["achievement"]
    assert ach["creator"]["name"] == "Cooperativa Alfa" and document["issuer"]["name"] == "WISE Academy"
    assert document["evidence"][0]["name"] == "Module 2: sorting at the plant"
    assert COURSE in document["evidence"][0]["id"]

    # An employer's tool: fetch the published JWK set and verify with jwcrypto, not our code.
    client.logout()
    jwks = client.get(reverse("wise_credentials:jwks")).json()
    keyset = jwk.JWKSet.from_json(json.dumps(jwks))
    verified = jc_jwt.JWT(jwt=token, key=keyset, algs=["EdDSA"])  # also checks exp/nbf
    assert json.loads(verified.claims)["vc"] == {k: v for k, v in document.items() if k != "proof"}

    for body, ctype in [
        (token, "text/plain"),
        (json.dumps(document), "application/json"),
        (json.dumps({"credential": token}), "application/json"),
        (json.dumps({"credential": document}), "application/json"),
    ]:
        result = api_verify(client, body, ctype)
        assert result["status"] == "valid" and result["trusted"] is True
        assert result["claims"]["on_behalf_of"] == "Cooperativa Alfa"
        assert result["claims"]["alignment"][0]["code"] == "waste.sorting"

    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("cred.json", json.dumps(document).encode(), content_type="application/json")
    assert client.post(reverse("wise_credentials:api-verify"), {"file": upload}).json()["status"] == "valid"
    page = client.post(reverse("wise_credentials:verify"), {"credential": token}).content.decode()
    assert "Valid credential" in page and "Name not included" in page


def test_name_is_included_only_with_consent(cworld, as_user):
    learner = as_user(cworld["users"]["learner"])
    cred = claimed(learner, "digcomp:2.1", include_name="yes")
    document = json.loads(download(learner, cred, "json"))
    assert document["credentialSubject"]["identifier"][0]["identityHash"] == "Ana Novak"
    assert cred.name_included and cred.level == 3
    assert "Rating by a WISE manager" in json.dumps(document)


def test_claiming_again_returns_the_same_credential(cworld, as_user):
    learner = as_user(cworld["users"]["learner"])
    assert claimed(learner).pk == claimed(learner).pk
    assert Credential.objects.count() == 1


def test_only_the_learner_claims_for_themself(cworld, as_user):
    manager = as_user(cworld["users"]["manager_a"])
    response = claim(manager, "sector:waste.sorting", user_id=cworld["users"]["learner"].id)
    assert response.status_code == 400 and "no verified evidence" in response.content.decode()
    response = claim(as_user(cworld["users"]["learner"]), "digcomp:1.1")  # self-assessed only
    assert response.status_code == 400
    assert not Credential.objects.exists()


def test_only_the_owner_downloads(cworld, as_user):
    cred = claimed(as_user(cworld["users"]["learner"]))
    other = as_user(cworld["users"]["other"])
    assert other.get(reverse("wise_credentials:download-jwt", args=[cred.uuid])).status_code == 404
    staff = as_user(cworld["users"]["staff"])
    assert staff.get(reverse("wise_credentials:download-json", args=[cred.uuid])).status_code == 404


def _tamper_jwt(token):
    header, _payload, signature = token.split(".")
    claims = signing.unverified_claims(token)
    claims["vc"]["credentialSubject"]["achievement"]["name"] = "Highly specialised in everything"
    return ".".join([header, keys.b64url(json.dumps(claims).encode()), signature])


def test_tampered_jwt_and_json_are_reported_with_what_they_claim(cworld, as_user, client):
    learner = as_user(cworld["users"]["learner"])
    cred = claimed(learner)
    token, document = download(learner, cred, "jwt"), json.loads(download(learner, cred, "json"))
    client.logout()
    result = api_verify(client, _tamper_jwt(token))
    assert result["status"] == "tampered" and result["trusted"] is False
    assert result["claims"]["name"] == "Highly specialised in everything"
    document["credentialSubject"]["achievement"]["name"] = "Level 8"
    assert api_verify(client, json.dumps(document), "application/json")["status"] == "tampered"
    page = client.post(reverse("wise_credentials:verify"), {"credential": _tamper_jwt(token)}).content.decode()
    assert "Tampered" in page and "not confirmed" in page


def test_wrong_key_is_invalid_or_tampered(cworld, as_user, client):
    learner = as_user(cworld["users"]["learner"])
    cred = claimed(learner)
    token = download(learner, cred, "jwt")
    client.logout()
    from cryptography.hazmat.primitives import serialization

    rogue_private = serialization.load_pem_private_key(keys.generate_pem(), password=None)
    rogue = keys.SigningKey(keys.thumbprint(rogue_private.public_key()), rogue_private)
    vc = signing.unverified_claims(token)["vc"]
    # A credential this platform never issued, signed with someone else's key: invalid.
    stranger = dict(vc, id="urn:uuid:00000000-0000-4000-8000-000000000000")
    result = api_verify(client, signing.sign(stranger, rogue))
    assert result["status"] == "invalid" and "not signed by a key of this platform" in result["message"]
    # Someone else's key pretending to be ours (our kid): the signature fails -> invalid for a stranger...
    impostor = keys.SigningKey(cred.kid, rogue_private)
    assert api_verify(client, signing.sign(stranger, impostor))["status"] == "invalid"
    # ...and tampered when it is a copy of a credential we did issue.
    assert api_verify(client, signing.sign(vc, impostor))["status"] == "tampered"
    assert api_verify(client, signing.sign(vc, rogue))["status"] == "tampered"
    assert api_verify(client, "not a credential")["status"] == "invalid"
    assert api_verify(client, "{not json", "text/plain")["status"] == "invalid"


def test_revocation_by_their_wise_manager_and_staff_only(cworld, as_user, client):
    users = cworld["users"]
    cred = claimed(as_user(users["learner"]))
    token = download(client, cred, "jwt")
    url = reverse("wise_credentials:revoke", args=[cred.uuid])
    client.logout()
    assert client.post(url, {"reason": "issued_in_error"}).status_code == 302  # to the login page
    for name in ("learner", "other", "manager_b", "coordinator"):
        assert as_user(users[name]).post(url, {"reason": "issued_in_error"}).status_code == 403, name
    cred.refresh_from_db()
    assert not cred.revoked
    assert as_user(users["manager_b"]).get(reverse("wise_credentials:manage")).status_code == 200
    assert str(cred.uuid) not in as_user(users["manager_b"]).get(reverse("wise_credentials:manage")).content.decode()
    assert as_user(users["learner"]).get(reverse("wise_credentials:manage")).status_code == 403
    manager = as_user(users["manager_a"])
    assert str(cred.uuid) in manager.get(reverse("wise_credentials:manage")).content.decode()
    assert manager.post(url, {"reason": "retired"}).status_code == 400  # not a listed reason
    assert manager.post(url, {"reason": "learner_retired"}).status_code == 400  # reserved for retirement
    assert manager.post(url, {"reason": "evidence_withdrawn"}).status_code == 302
    client.logout()
    result = api_verify(client, token)
    assert result["status"] == "revoked" and result["revocation_reason"] == "evidence_withdrawn"
    listing = client.get(reverse("wise_credentials:revocation-list")).json()
    assert listing["revokedCredentials"] == [{"id": cred.credential_id, "revocationReason": "evidence_withdrawn"}]
    # staff may revoke anything; a second revocation keeps the first date and reason
    staff = as_user(users["staff"])
    response = staff.post(url, {"reason": "other"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 200 and response.json()["reason"] == "evidence_withdrawn"


def test_claim_after_revocation_issues_a_new_credential(cworld, as_user):
    learner = as_user(cworld["users"]["learner"])
    first = claimed(learner)
    as_user(cworld["users"]["staff"]).post(reverse("wise_credentials:revoke", args=[first.uuid]), {"reason": "other"})
    second = claimed(as_user(cworld["users"]["learner"]))
    assert second.pk != first.pk and not second.revoked


def test_expired_credentials_say_so(cworld, as_user):
    learner = as_user(cworld["users"]["learner"])
    token = download(learner, claimed(learner), "jwt")
    cred_until = Credential.objects.get().valid_until
    assert verification.verify(token, now=cred_until - timedelta(seconds=1)).status == "valid"
    result = verification.verify(token, now=cred_until + timedelta(days=1))
    assert result.status == "expired" and result.claims["valid_until"]
    assert verification.verify(token, now=Credential.objects.get().issued_at - timedelta(days=1)).status == "invalid"


def test_retirement_revokes_and_erases_through_the_platform_signal_path(cworld, as_user, client, monkeypatch):
    learner = cworld["users"]["learner"]
    c = as_user(learner)
    token = download(c, claimed(c), "jwt")
    claimed(as_user(learner), "digcomp:2.1", include_name="yes")
    assert cred_apps.signals_config()["lms.djangoapp"]["receivers"] == []  # no platform here: nothing to import
    # Stand in for edx-platform: the module the signal path names, holding the signal the LMS sends.
    signal = Signal()
    path = cred_apps.RETIREMENT_SIGNAL.rsplit(".", 1)[0]
    parts = path.split(".")
    for i in range(1, len(parts) + 1):
        monkeypatch.setitem(sys.modules, ".".join(parts[:i]), types.ModuleType(".".join(parts[:i])))
    sys.modules[path].USER_RETIRE_LMS_CRITICAL = signal
    sys.modules[path].USER_RETIRE_LMS_MISC = misc = Signal()
    config = cred_apps.signals_config(platform_present=True)
    assert [r["signal_path"] for r in config["lms.djangoapp"]["receivers"]] == [
        f"{path}.USER_RETIRE_LMS_CRITICAL",
        f"{path}.USER_RETIRE_LMS_MISC",
    ]
    from edx_django_utils.plugins import connect_plugin_receivers

    config_class = cred_apps.WiseCredentialsConfig  # the registry hands out the entry point's class
    monkeypatch.setattr(config_class, "plugin_app", {**config_class.plugin_app, "signals_config": config})
    connect_plugin_receivers("lms.djangoapp")  # exactly what the LMS runs at start-up
    assert signal.has_listeners() and misc.has_listeners()
    signal.send(sender=None, user=learner)
    rows = list(Credential.objects.all())
    assert len(rows) == 2 and all(r.revoked and r.user_id is None and r.token == "" for r in rows)
    assert {r.revocation_reason for r in rows} == {"learner_retired"}
    client.logout()
    assert api_verify(client, token)["status"] == "revoked"
    assert revoke_for_retired_user(learner.id) == 0  # idempotent
    misc.send(sender=None, user=learner)  # the second platform signal changes nothing more


def test_without_a_signing_key_nothing_is_issued_and_the_page_says_why(cworld, as_user, settings):
    settings.WISE_CREDENTIALS_SIGNING_KEY_PATH = ""
    learner = as_user(cworld["users"]["learner"])
    assert "has not set up a signing key" in learner.get(reverse("wise_credentials:claim-list")).content.decode()
    response = claim(learner, "sector:waste.sorting")
    assert response.status_code == 503 and not Credential.objects.exists()


def test_rotated_keys_stay_verifiable_and_published(cworld, as_user, client, settings, tmp_path):
    learner = as_user(cworld["users"]["learner"])
    old_token = download(learner, claimed(learner), "jwt")
    old_path = settings.WISE_CREDENTIALS_SIGNING_KEY_PATH
    new_path = tmp_path / "new.pem"
    keys.write_pem(new_path, keys.generate_pem())
    settings.WISE_CREDENTIALS_SIGNING_KEY_PATH = str(new_path)
    assert api_verify(client, old_token)["status"] == "invalid"  # forgot to keep the old key: unverifiable
    settings.WISE_CREDENTIALS_PREVIOUS_KEY_PATHS = [old_path]
    assert api_verify(client, old_token)["status"] == "valid"
    kids = [k["kid"] for k in client.get(reverse("wise_credentials:jwks")).json()["keys"]]
    assert kids == [keys.load_signing_key(new_path).kid, keys.load_signing_key(old_path).kid]
    new_token = download(learner, claimed(learner, "digcomp:2.1"), "jwt")
    assert signing.unverified_header(new_token)["kid"] == kids[0]


def test_a_missing_key_file_is_explained_not_a_server_error(cworld, as_user, client, settings, tmp_path):
    learner = as_user(cworld["users"]["learner"])
    token = download(learner, claimed(learner), "jwt")
    settings.WISE_CREDENTIALS_SIGNING_KEY_PATH = str(tmp_path / "gone.pem")
    result = api_verify(client, token)
    assert result["status"] == "invalid" and "misconfigured" in result["message"]


def test_public_documents_the_credential_points_to(cworld, client):
    issuer = client.get(reverse("wise_credentials:issuer")).json()
    assert issuer["type"] == ["Profile"] and issuer["name"] == "WISE Academy"
    achievement = client.get(reverse("wise_credentials:achievement", args=["digcomp:2.1", 3])).json()
    assert achievement["alignment"][0]["targetCode"] == "2.1"
    assert client.get(reverse("wise_credentials:achievement", args=["digcomp:2.1", 99])).status_code == 404
    assert client.get(reverse("wise_credentials:wise-profile", args=["wise-a"])).json()["name"] == "Cooperativa Alfa"


def test_feature_toggle_switches_everything_off(cworld, client, settings):
    settings.WISE_CREDENTIALS_ENABLED = False
    assert client.get(reverse("wise_credentials:verify")).status_code == 404
    assert client.get(reverse("wise_credentials:jwks")).status_code == 404


def test_generate_key_command_writes_an_owner_only_pem_and_refuses_to_overwrite(tmp_path, capsys):
    path = tmp_path / "k" / "signing.pem"
    call_command("generate_wise_credential_key", "--path", str(path), "--public", str(tmp_path / "pub.pem"))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    kid = keys.load_signing_key(path).kid
    assert kid in capsys.readouterr().out
    assert keys.load_verification_key(tmp_path / "pub.pem").kid == kid
    with pytest.raises(CommandError, match="WISE_CREDENTIALS_PREVIOUS_KEY_PATHS"):
        call_command("generate_wise_credential_key", "--path", str(path))
    assert keys.load_signing_key(path).kid == kid


def test_generate_key_if_missing_writes_at_the_setting_once_then_keeps_that_key(tmp_path, settings, capsys):
    """What `make demo` runs every time: the first run writes the configured key, later runs keep it."""
    settings.WISE_CREDENTIALS_SIGNING_KEY_PATH = str(tmp_path / "var" / "credential-key.pem")
    call_command("generate_wise_credential_key", "--if-missing")
    kid = keys.load_signing_key(settings.WISE_CREDENTIALS_SIGNING_KEY_PATH).kid
    call_command("generate_wise_credential_key", "--if-missing")
    assert keys.load_signing_key(settings.WISE_CREDENTIALS_SIGNING_KEY_PATH).kid == kid
    path = settings.WISE_CREDENTIALS_SIGNING_KEY_PATH
    assert f"Kept the existing key {path}, key id {kid}" in capsys.readouterr().out
    settings.WISE_CREDENTIALS_SIGNING_KEY_PATH = ""
    with pytest.raises(CommandError, match="--path"):
        call_command("generate_wise_credential_key", "--if-missing")


def test_retiring_a_manager_keeps_their_revocations_but_drops_the_link(cworld, as_user):
    users = cworld["users"]
    cred = claimed(as_user(users["learner"]))
    as_user(users["manager_a"]).post(reverse("wise_credentials:revoke", args=[cred.uuid]), {"reason": "other"})
    cred.refresh_from_db()
    assert cred.revoked_by_id == users["manager_a"].id
    assert revoke_for_retired_user(users["manager_a"].id) == 0  # the manager had no credential of their own
    cred.refresh_from_db()
    assert cred.revoked and cred.revoked_by_id is None and cred.user_id == users["learner"].id


def test_a_learner_in_two_wises_chooses_which_one_and_only_among_their_own(cworld, as_user):
    from datetime import date

    from wise_skills.models import Membership, Role, Wise

    users, b = cworld["users"], cworld["wises"]["b"]
    Membership.objects.create(
        user_id=users["learner"].id, wise=b, role=Role.objects.get(key="sorting-operator"), start=date(2026, 1, 1)
    )
    outsider = Wise.objects.create(key="wise-z", name="Elsewhere", country="SI")
    learner = as_user(users["learner"])
    page = learner.get(reverse("wise_credentials:claim-list")).content.decode()
    assert "Issued on behalf of</label>" in page and "Cooperativa Beta" in page
    assert claim(learner, "sector:waste.sorting", wise=outsider.key).status_code == 400
    cred = claimed(learner, wise="wise-b")
    assert cred.wise == b
    # ...so the manager of B may revoke it, the manager of A may not.
    url = reverse("wise_credentials:revoke", args=[cred.uuid])
    assert as_user(users["manager_a"]).post(url, {"reason": "other"}).status_code == 403
    assert as_user(users["manager_b"]).post(url, {"reason": "other"}).status_code == 302
