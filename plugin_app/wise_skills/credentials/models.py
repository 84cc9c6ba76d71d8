"""The register of issued credentials: what a verifier's lookup and a revocation need, nothing more.

Personal data: the learner's Open edX user id and, only inside the signed token, their full name when they
consented. Retirement revokes every credential of the learner, erases the token and the user id, and keeps only
the anonymous register row (credential id, competence, level, dates, revocation) so that a copy the learner
shared earlier now verifies as revoked.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class RevocationReason(models.TextChoices):
    # Codes only (never free text): the public revocation list shows them, so they must never carry personal data.
    ISSUED_IN_ERROR = "issued_in_error", _("Issued in error")
    EVIDENCE_WITHDRAWN = "evidence_withdrawn", _("The evidence behind it was withdrawn")
    SUPERSEDED = "superseded", _("Replaced by a newer credential")
    LEARNER_RETIRED = "learner_retired", _("The learner's account was deleted")
    OTHER = "other", _("Other reason")


class CredentialQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class Credential(models.Model):
    uuid = models.UUIDField(
        default=uuid.uuid4, unique=True, editable=False, help_text=_("The credential id is urn:uuid:<this>.")
    )
    user_id = models.IntegerField(null=True, db_index=True, help_text=_("Empty once the learner is retired."))
    competence = models.ForeignKey("wise_skills.Competence", on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField()
    wise = models.ForeignKey(
        "wise_skills.Wise",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The WISE the platform issued it on behalf of; its managers may revoke."),
    )
    name_included = models.BooleanField(default=False, help_text=_("The learner consented to show their name."))
    issued_at = models.DateTimeField()
    valid_until = models.DateTimeField()
    kid = models.CharField(max_length=64, help_text=_("Id of the key that signed it (JWK thumbprint)."))
    token = models.TextField(blank=True, help_text=_("The signed VC-JWT; erased when the learner is retired."))
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by_id = models.IntegerField(null=True, blank=True)
    revocation_reason = models.CharField(max_length=24, choices=RevocationReason.choices, blank=True)

    objects = CredentialQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-id"]
        indexes = [models.Index(fields=["user_id", "competence", "level"], name="wise_cred_user_comp")]

    def __str__(self):
        return f"{self.credential_id} {self.competence_id}@{self.level}"

    @property
    def credential_id(self) -> str:
        return f"urn:uuid:{self.uuid}"

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None
