"""Export jobs: a CSV or XLSX file of a report, produced by a Celery task and kept in Django's default storage.

Imported at the bottom of wise_skills.models so Django finds the model in the app's models module.

One running export per user and report kind, enforced BY THE DATABASE: ``slot`` is True while a job is pending or
running and NULL once it has finished, and (user_id, kind, slot) is unique. NULLs never collide in a unique index
(sqlite, MySQL/MariaDB and PostgreSQL alike), so finished jobs pile up freely while a second running one fails with
IntegrityError. (A conditional UniqueConstraint would say the same more directly, but MySQL/MariaDB ignore
conditions on unique constraints.)
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ExportJob(models.Model):
    PENDING, RUNNING, DONE, FAILED = "pending", "running", "done", "failed"
    STATUS_CHOICES = [(PENDING, _("Waiting")), (RUNNING, _("Running")), (DONE, _("Ready")), (FAILED, _("Failed"))]
    FORMAT_CHOICES = [("csv", "CSV"), ("xlsx", "XLSX")]

    user_id = models.IntegerField(help_text=_("Open edX user id of the person who asked for the export."))
    kind = models.CharField(max_length=32, help_text=_("Report kind, see wise_skills.exports.KINDS."))
    file_format = models.CharField(max_length=8, choices=FORMAT_CHOICES)
    params = models.JSONField(default=dict, blank=True, help_text=_("Filters of the report, as in the page URL."))
    status = models.CharField(max_length=16, choices=STATUS_CHOICES, default=PENDING)
    slot = models.BooleanField(
        null=True,
        default=True,
        editable=False,
        help_text=_("True while pending or running, NULL when finished (see module doc)."),
    )
    rows_done = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(null=True, blank=True)
    file_name = models.CharField(max_length=255, blank=True, help_text=_("Path in the default storage."))
    error = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user_id", "kind", "slot"], name="wise_export_one_running"),
        ]
        indexes = [models.Index(fields=["user_id", "created"], name="wise_export_user")]

    def __str__(self):
        return f"export {self.id} {self.kind}.{self.file_format} of user {self.user_id}: {self.status}"

    @property
    def active(self) -> bool:
        return self.status in (self.PENDING, self.RUNNING)
