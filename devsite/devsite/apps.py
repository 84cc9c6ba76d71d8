"""The devsite's own app: connects plugin signal receivers at startup, as the LMS does."""

from django.apps import AppConfig


class DevsiteConfig(AppConfig):
    name = "devsite"
    label = "devsite"

    def ready(self):
        from edx_django_utils.plugins import connect_plugin_receivers

        connect_plugin_receivers("lms.djangoapp")
