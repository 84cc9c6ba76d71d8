"""Devsite URLs: a landing page, the XBlock workbench, and the plugin URLs mounted by edx-django-utils."""

from django.contrib.auth import views as auth_views
from django.urls import include, path
from edx_django_utils.plugins import get_plugin_url_patterns

from . import views

urlpatterns = [
    path("", views.landing, name="landing"),
    path("favicon.ico", views.favicon),
    path("login/", auth_views.LoginView.as_view(template_name="devsite/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(next_page="/"), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("workbench/", include("workbench.urls")),
]
urlpatterns.extend(get_plugin_url_patterns("lms.djangoapp"))
