"""URLs mounted by the LMS/CMS under ^wise-credentials/ (namespace wise_credentials)."""

from django.urls import path, register_converter

from . import views


class CompetenceKeyConverter:
    regex = r"[a-z0-9_-]+:[A-Za-z0-9._-]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(CompetenceKeyConverter, "competence")

app_name = "wise_credentials"
urlpatterns = [
    path("", views.claim_list, name="claim-list"),
    path("claim/", views.claim, name="claim"),
    path("mine/<uuid:uuid>.jwt", views.download, {"fmt": "jwt"}, name="download-jwt"),
    path("mine/<uuid:uuid>.json", views.download, {"fmt": "json"}, name="download-json"),
    path("verify/", views.verify_page, name="verify"),
    path("api/v1/verify/", views.api_verify, name="api-verify"),
    path(".well-known/jwks.json", views.jwks, name="jwks"),
    path("issuer/", views.issuer, name="issuer"),
    path("issuer/wises/<slug:key>/", views.wise_profile, name="wise-profile"),
    path("achievements/<competence:competence>/<int:level>/", views.achievement, name="achievement"),
    path("revocations/", views.revocation_list, name="revocation-list"),
    path("manage/", views.manage, name="manage"),
    path("manage/<uuid:uuid>/revoke/", views.revoke, name="revoke"),
]
