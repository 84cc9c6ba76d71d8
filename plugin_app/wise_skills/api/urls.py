"""Versioned REST API of the skills-gap app, and its OpenAPI schema."""
from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from . import views

urlpatterns = [
    path("v1/", views.ApiRootView.as_view(), name="api-root"),
    path("v1/schema/", SpectacularAPIView.as_view(urlconf="wise_skills.urls"), name="api-schema"),
]
