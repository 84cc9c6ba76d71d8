"""Pages of the dashboard, included by wise_skills.urls under the plugin prefix (namespace wise_skills)."""

from django.urls import path
from django.views.i18n import JavaScriptCatalog

from . import views

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/print/", views.dashboard_print, name="dashboard-print"),
    path("dashboard/learners/<int:user_id>/", views.learner, name="learner"),
    path("dashboard/export/<slug:kind>.csv", views.export_direct, name="export-direct"),
    path("profile/", views.profile, name="profile"),
    path("exports/", views.export_request, name="export-request"),
    path("exports/<int:pk>/status/", views.export_status, name="export-status"),
    path("exports/<int:pk>/download/", views.export_download, name="export-download"),
    # The dashboard JavaScript's strings (locale/*/djangojs.po) with the language's plural rule, served by the
    # plugin itself: the LMS's own JavaScript catalog is built from edx-platform's catalogs, not a plugin's.
    path("jsi18n/", JavaScriptCatalog.as_view(packages=["wise_skills"]), name="jsi18n"),
]
