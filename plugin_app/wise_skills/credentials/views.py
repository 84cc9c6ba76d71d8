"""Pages and endpoints of the credentials app: thin; the work is in issuing.py and verification.py."""

from __future__ import annotations

import json
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wise_skills.models import Competence, Level, Wise

from . import builder, issuing, keys, verification
from .conf import base_url, enabled, issuer_name
from .models import Credential, RevocationReason

MAX_UPLOAD = 256 * 1024


def feature_enabled(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not enabled():
            raise Http404("WISE credentials are switched off (WISE_CREDENTIALS_ENABLED).")
        return view(request, *args, **kwargs)

    return wrapper


def _profile_url():
    try:
        return reverse("wise_skills:profile")
    except NoReverseMatch:
        return None


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


# --- learner -----------------------------------------------------------------------------------------------


def _claim_page(request, error=None, status=200):
    offers = issuing.claimable_for(request.user.id)
    mine = list(Credential.objects.filter(user_id=request.user.id).select_related("competence__framework", "wise"))
    claimed = request.GET.get("claimed")
    response = render(
        request,
        "wise_credentials/claim_list.html",
        {
            "offers": offers,
            "credentials": mine,
            "wises": issuing.learner_wises(request.user.id),
            "full_name": issuing.full_name(request.user),
            "configured": issuing.is_configured(),
            "claimed": next((c for c in mine if str(c.uuid) == claimed), None),
            "error": error,
            "profile_url": _profile_url(),
        },
    )
    response.status_code = status
    return response


@feature_enabled
@login_required
@require_GET
def claim_list(request):
    """The learner's own page: what they can claim now, and what they claimed (nothing here is public)."""
    return _claim_page(request)


@feature_enabled
@login_required
@require_POST
def claim(request):
    """Only the signed-in learner claims, and only for themself: the user comes from the session."""
    try:
        credential = issuing.issue(
            request.user,
            request.POST.get("competence", ""),
            wise_key=request.POST.get("wise") or None,
            include_name=request.POST.get("include_name") == "yes",
            request=request,
        )
    except issuing.NotConfigured:
        return _claim_error(
            request,
            _("Credentials cannot be issued yet: the platform has no signing key. Please tell the platform team."),
            503,
        )
    except (issuing.NotEligible, ValueError) as exc:
        return _claim_error(request, str(exc), 400)
    if _wants_json(request):
        return JsonResponse(
            {"id": credential.credential_id, "level": credential.level, "competence": credential.competence.key},
            status=201,
        )
    return HttpResponseRedirect(reverse("wise_credentials:claim-list") + f"?claimed={credential.uuid}")


def _claim_error(request, message, status):
    if _wants_json(request):
        return JsonResponse({"error": message}, status=status)
    return _claim_page(request, error=message, status=status)


@feature_enabled
@login_required
@require_GET
def download(request, uuid, fmt):
    """The learner's own credential as VC-JWT or JSON. Nobody else can download it: they verify what the
    learner chose to share."""
    credential = get_object_or_404(Credential, uuid=uuid, user_id=request.user.id)
    if not credential.token:
        raise Http404
    name = f"wise-credential-{credential.competence.key.replace(':', '-')}-level{credential.level}"
    if fmt == "jwt":
        response = HttpResponse(credential.token, content_type="application/jwt; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.jwt"'
    else:
        body = json.dumps(issuing.credential_document(credential), indent=2, ensure_ascii=False)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.json"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- anyone: verification ----------------------------------------------------------------------------------


def _submitted_text(request):
    """The credential from a file upload, a form field, a JSON body or a plain-text body."""
    upload = request.FILES.get("file")
    if upload is not None:
        if upload.size > MAX_UPLOAD:
            raise ValueError(_("This file is far too large to be a credential."))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValueError(_("This file is not a text file (a .jwt or .json credential).")) from None
    if "credential" in request.POST:
        return request.POST["credential"]
    if request.content_type == "multipart/form-data":  # parsed above: reading request.body now would raise (500)
        return ""
    body = request.body.decode("utf-8", errors="replace")
    if request.content_type == "application/json":
        try:
            data = json.loads(body)
        except json.JSONDecodeError:
            return body
        if isinstance(data, dict) and "credential" in data:
            value = data["credential"]
            return value if isinstance(value, str) else json.dumps(value)
        return body
    return body


@feature_enabled
@require_http_methods(["GET", "POST"])
def verify_page(request):
    result, text = None, ""
    if request.method == "POST":
        try:
            text = _submitted_text(request)
            result = verification.verify(text)
        except ValueError as exc:
            result = verification.Result(verification.INVALID, str(exc))
    return render(
        request,
        "wise_credentials/verify.html",
        {
            "result": result,
            "text": text if len(text) < 20000 else "",
            "issuer_name": issuer_name(),
            "jwks_url": reverse("wise_credentials:jwks"),
        },
    )


@csrf_exempt  # a public, read-only check for employers' tools: no session, no side effect
@feature_enabled
@require_POST
def api_verify(request):
    try:
        text = _submitted_text(request)
    except ValueError as exc:
        return JsonResponse({"status": verification.INVALID, "trusted": False, "message": str(exc)}, status=400)
    return JsonResponse(verification.verify(text).as_dict())


# --- anyone: public documents the credentials point to ---------------------------------------------------


def _public_json(data, max_age=300):
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = f"public, max-age={max_age}"
    response["Access-Control-Allow-Origin"] = "*"  # verifiers in other sites' browsers may read it
    return response


@feature_enabled
@require_GET
def jwks(request):
    return _public_json(keys.jwk_set(issuing.verification_keys()))


@feature_enabled
@require_GET
def issuer(request):
    root = base_url(request)
    profile = issuing.issuer_party(root).profile()
    profile["@context"] = [builder.VC_CONTEXT, builder.OB_CONTEXT]
    return _public_json(profile)


@feature_enabled
@require_GET
def wise_profile(request, key):
    wise = get_object_or_404(Wise, key=key)
    profile = issuing.wise_party(base_url(request), wise).profile()
    profile["@context"] = [builder.VC_CONTEXT, builder.OB_CONTEXT]
    return _public_json(profile)


@feature_enabled
@require_GET
def achievement(request, competence, level):
    comp = get_object_or_404(Competence.objects.select_related("framework"), key=competence)
    get_object_or_404(Level, framework=comp.framework, number=level)
    c = issuing._competence_level(comp, level)
    root = base_url(request)
    return _public_json(
        {
            "@context": [builder.VC_CONTEXT, builder.OB_CONTEXT],
            "id": root + request.path,
            "type": ["Achievement"],
            "achievementType": "Competency",
            "name": builder.achievement_name(c, _),
            "description": c.description or c.name,
            "humanCode": f"{c.key}@{c.level}",
            "alignment": builder.alignments(c),
            "criteria": {
                "narrative": _(
                    "Level {level} ({level_name}) shown by verified evidence; a self-assessment alone never qualifies."
                ).format(level=c.level, level_name=c.level_name)
            },
        }
    )


@feature_enabled
@require_GET
def revocation_list(request):
    """1EdTech revocation list: ids and reason codes of revoked credentials only (no personal data)."""
    root = base_url(request)
    revoked = Credential.objects.filter(revoked_at__isnull=False).order_by("revoked_at", "id")
    return _public_json(
        {
            "id": root + request.path,
            "issuer": root + reverse("wise_credentials:issuer"),
            "revokedCredentials": [{"id": c.credential_id, "revocationReason": c.revocation_reason} for c in revoked],
        },
        max_age=60,
    )


# --- staff and WISE managers: revocation -------------------------------------------------------------------


@feature_enabled
@login_required
@require_GET
def manage(request):
    credentials = issuing.revocable_by(request.user).select_related("competence__framework", "wise")[:500]
    if not credentials and not issuing.scope_for(request.user).is_staff and not _manages_any(request.user):
        return HttpResponseForbidden(_("Only platform staff and WISE managers can manage credentials."))
    return render(
        request,
        "wise_credentials/manage.html",
        {
            "credentials": credentials,
            "reasons": [
                (value, label) for value, label in RevocationReason.choices if value != RevocationReason.LEARNER_RETIRED
            ],
            "revoked": request.GET.get("revoked"),
        },
    )


def _manages_any(user):
    from wise_skills.models import ManagerAssignment

    return ManagerAssignment.objects.filter(user_id=user.id).exists()


@feature_enabled
@login_required
@require_POST
def revoke(request, uuid):
    credential = get_object_or_404(Credential, uuid=uuid)
    if not issuing.can_revoke(request.user, credential):
        if _wants_json(request):
            return JsonResponse({"error": "forbidden"}, status=403)
        return HttpResponseForbidden(_("Only platform staff and the managers of this credential's WISE may revoke it."))
    reason = request.POST.get("reason") or RevocationReason.OTHER
    if reason not in RevocationReason.values or reason == RevocationReason.LEARNER_RETIRED:
        return HttpResponseBadRequest(_("Choose one of the listed reasons."))
    issuing.revoke(credential, request.user.id, reason)
    if _wants_json(request):
        return JsonResponse(
            {
                "id": credential.credential_id,
                "revoked_at": credential.revoked_at.isoformat(),
                "reason": credential.revocation_reason,
            }
        )
    return HttpResponseRedirect(reverse("wise_credentials:manage") + f"?revoked={credential.uuid}")
