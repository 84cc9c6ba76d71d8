"""Read-only admin for the credential register: staff look things up here; revoking goes through the manage
page (which records who revoked and why) so the rules live in one place."""

from django.contrib import admin

from .models import Credential


@admin.register(Credential)
class CredentialAdmin(admin.ModelAdmin):
    list_display = ("uuid", "competence", "level", "wise", "issued_at", "valid_until", "revoked_at")
    list_filter = ("revocation_reason", "wise")
    search_fields = ("uuid", "competence__key")
    exclude = ("token",)  # may hold the learner's name; the learner downloads it, staff do not need it

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
