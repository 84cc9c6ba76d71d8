"""One accessor for the credential settings, read at call time (Tutor patches and test overrides apply)."""

from django.conf import settings

DEFAULTS = {
    # Feature toggle: False answers 404 on every credentials page and endpoint.
    "WISE_CREDENTIALS_ENABLED": True,
    # PEM file with the Ed25519 PRIVATE key that signs new credentials (manage.py generate_wise_credential_key).
    # Empty: nothing can be claimed (the claim page says so); verification still works with the keys below.
    "WISE_CREDENTIALS_SIGNING_KEY_PATH": "",
    # PEM files (public or private) of RETIRED signing keys: still published in the JWK set and accepted by the
    # verifier, so credentials signed before a key rotation stay verifiable.
    "WISE_CREDENTIALS_PREVIOUS_KEY_PATHS": [],
    # How long a credential is valid (validUntil = validFrom + this many days): skills fade, employers want
    # recent proof; the learner can claim again after new evidence.
    "WISE_CREDENTIALS_VALIDITY_DAYS": 3 * 365,
    # Issuer profile: name and public base URL of the platform. Empty: PLATFORM_NAME / LMS_ROOT_URL, then the
    # request's own host.
    "WISE_CREDENTIALS_ISSUER_NAME": "",
    "WISE_CREDENTIALS_ISSUER_URL": "",
}


def setting(name):
    return getattr(settings, name, DEFAULTS[name])


def enabled() -> bool:
    return bool(setting("WISE_CREDENTIALS_ENABLED"))


def issuer_name() -> str:
    return setting("WISE_CREDENTIALS_ISSUER_NAME") or getattr(settings, "PLATFORM_NAME", "") or "Open edX"


def base_url(request=None) -> str:
    """The platform's public root URL without a trailing slash."""
    url = setting("WISE_CREDENTIALS_ISSUER_URL") or getattr(settings, "LMS_ROOT_URL", "")
    if not url and request is not None:
        url = request.build_absolute_uri("/")
    return (url or "http://localhost").rstrip("/")
