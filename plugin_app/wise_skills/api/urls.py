"""Versioned REST API of the skills-gap app (mounted under /wise-skills/api/), and its OpenAPI schema."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from . import views

KEY = "<str:key>"

urlpatterns = [
    path("v1/", views.ApiRootView.as_view(), name="api-root"),
    # The host's URLconf, so paths carry the prefix the LMS/devsite mounts us under; the hook keeps only ours.
    path(
        "v1/schema/",
        SpectacularAPIView.as_view(
            custom_settings={
                "TITLE": "openedx-wise skills-gap API",
                "VERSION": "v1",
                "PREPROCESSING_HOOKS": ["wise_skills.api.schema.only_wise_skills"],
            }
        ),
        name="api-schema",
    ),
    path("v1/frameworks/", views.FrameworkList.as_view(), name="api-frameworks"),
    path(f"v1/frameworks/{KEY}/", views.FrameworkDetail.as_view(), name="api-framework"),
    path("v1/competences/", views.CompetenceList.as_view(), name="api-competences"),
    path(f"v1/competences/{KEY}/", views.CompetenceDetail.as_view(), name="api-competence"),
    path("v1/roles/", views.RoleList.as_view(), name="api-roles"),
    path(f"v1/roles/{KEY}/", views.RoleDetail.as_view(), name="api-role"),
    path("v1/wises/", views.WiseList.as_view(), name="api-wises"),
    path(f"v1/wises/{KEY}/", views.WiseDetail.as_view(), name="api-wise"),
    path(f"v1/wises/{KEY}/recommendations/", views.WiseRecommendations.as_view(), name="api-wise-recommendations"),
    path("v1/me/profile/", views.MyProfile.as_view(), name="api-my-profile"),
    path("v1/me/recommendations/", views.MyRecommendations.as_view(), name="api-my-recommendations"),
    path("v1/learners/<int:user_id>/profile/", views.LearnerProfile.as_view(), name="api-learner-profile"),
    path("v1/evidence/manager-ratings/", views.ManagerRatingCreate.as_view(), name="api-manager-ratings"),
    path("v1/reports/gaps/", views.GapReport.as_view(), name="api-gap-report"),
    path("v1/reports/top-gaps/", views.TopGaps.as_view(), name="api-top-gaps"),
    path("v1/reports/trend/", views.Trend.as_view(), name="api-trend"),
]
