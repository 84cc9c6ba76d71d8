"""URLs mounted by the LMS/CMS under ^wise-skills/ (plugin_app url_config)."""

from django.urls import include, path

urlpatterns = [
    path("api/", include("wise_skills.api.urls")),
    path("", include("wise_skills.dashboard.urls")),  # dashboard, profile, exports (URL names in that module)
]
