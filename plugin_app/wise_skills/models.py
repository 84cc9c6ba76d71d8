"""Database models of the skills-gap app.

Privacy by design (GDPR Art. 5(1)(c) and 25, see docs/managers/privacy.md):

* learners are stored as their Open edX user id ONLY: no username, name or e-mail is copied here;
* NO disadvantage category (disability, health, migration, criminal record, ...) is stored anywhere: those are
  special-category (Art. 9) or criminal-conviction (Art. 10) data, and the gap reports do not need them;
* ``wise_skills.retirement.retire_user`` deletes every row about a retired learner.

The **current level** of a learner in a competence is derived from their evidence by one rule
(``wise_skills.gaps.current_level`` is the pure version, ``LearnerLevel`` its stored result):

    1. verified evidence (course results, manager ratings, or anything a manager verified) wins over
       unverified evidence (self-assessments): a learner's own opinion never overrides a checked result;
    2. among evidence of the same kind, the latest ``observed_at`` wins (people improve, and also forget);
    3. on an exact tie, the most recently recorded row (highest id) wins.

    No evidence at all means level 0 ("not yet assessed"), so the whole requirement counts as a gap.

``LearnerLevel`` keeps that result per (user, competence) so that reports join one row instead of re-ranking
every piece of evidence; ``public_api`` refreshes it in the same transaction as each evidence write and
``manage.py recompute_wise_skills`` rebuilds it from scratch.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from opaque_keys import InvalidKeyError
from opaque_keys.edx.keys import CourseKey, UsageKey

from . import models_summary
from .models_summary import GapSummary, GapSummaryDirty, GapSummaryState  # noqa: F401  (the report summary)

MAX_LEVEL = 12


def parse_source_key(value):
    """Return the CourseKey or UsageKey that ``value`` spells, or raise ValidationError saying what is expected."""
    for key_class in (UsageKey, CourseKey):
        try:
            return key_class.from_string(value)
        except InvalidKeyError:
            continue
    raise ValidationError(
        _(
            "%(value)r is neither a course key (course-v1:Org+Course+Run) nor a block usage key "
            "(block-v1:Org+Course+Run+type@...+block@...)."
        ),
        params={"value": value},
        code="invalid_key",
    )


def course_key_of(value):
    """The course key string a course or usage key belongs to ('' when the key carries no course)."""
    key = parse_source_key(value)
    course = getattr(key, "course_key", key)
    return str(course) if isinstance(course, CourseKey) else ""


class Framework(models.Model):
    """A competence framework, copied from frameworks/data/<key>.json by load_wise_frameworks."""

    key = models.SlugField(max_length=32, unique=True)
    name = models.CharField(max_length=120)
    full_name = models.CharField(max_length=255, blank=True)
    version = models.CharField(max_length=32, help_text=_("Version of the framework itself, e.g. 2.2."))
    data_version = models.PositiveIntegerField(default=1, help_text=_("Revision of the data file last loaded."))
    source = models.TextField(help_text=_("Citation of the source."))
    source_url = models.CharField(max_length=500, blank=True)
    licence = models.CharField(max_length=255)
    licence_url = models.CharField(max_length=500, blank=True)
    licence_notice = models.TextField(blank=True)
    attribution = models.TextField()
    official_levels = models.BooleanField(default=True, help_text=_("False when the level scale is our own."))
    level_note = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "key"]

    def __str__(self):
        return f"{self.name} {self.version}"


class Level(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="levels")
    number = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(MAX_LEVEL)])
    name = models.CharField(max_length=120)
    band = models.CharField(max_length=60, blank=True)
    description = models.TextField()
    plain = models.TextField(blank=True, help_text=_("Plain-language 'I can ...' statement for learners."))

    class Meta:
        ordering = ["framework", "number"]
        constraints = [models.UniqueConstraint(fields=["framework", "number"], name="wise_level_unique")]

    def __str__(self):
        return f"{self.framework.key} {self.number} {self.name}"


class Area(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="areas")
    key = models.CharField(max_length=80, unique=True, help_text=_("<framework>:<area code>, e.g. digcomp:1"))
    code = models.CharField(max_length=32)
    name = models.CharField(max_length=255)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["framework__order", "order"]

    def __str__(self):
        return f"{self.key} {self.name}"


class Competence(models.Model):
    """One competence. Never deleted by a reload: a competence dropped from a newer data file becomes inactive,
    so the evidence that points to it survives."""

    key = models.CharField(max_length=80, unique=True, help_text=_("<framework>:<code>, e.g. digcomp:1.1"))
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="competences")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="competences")
    code = models.CharField(max_length=48)
    name = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    esco_occupations = models.JSONField(default=list, blank=True)
    esco_skills = models.JSONField(default=list, blank=True)
    order = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["framework__order", "order"]

    def __str__(self):
        return f"{self.key} {self.name}"


class Sector(models.Model):
    key = models.SlugField(max_length=32, unique=True)
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["key"]

    def __str__(self):
        return self.name


class Network(models.Model):
    """A network or consortium of WISEs (e.g. a national federation); coordinators see its WISEs."""

    key = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=255)
    country = models.CharField(max_length=2, blank=True, help_text=_("ISO 3166-1 alpha-2, blank if international."))

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Wise(models.Model):
    """A work-integration social enterprise."""

    key = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=255)
    country = models.CharField(max_length=2, db_index=True, help_text=_("ISO 3166-1 alpha-2, e.g. IT."))
    region = models.CharField(max_length=120, blank=True)
    sectors = models.ManyToManyField(Sector, blank=True, related_name="wises")
    network = models.ForeignKey(Network, null=True, blank=True, on_delete=models.SET_NULL, related_name="wises")
    org_key = models.CharField(
        max_length=255, blank=True, help_text=_("Optional Open edX organization short name this WISE corresponds to.")
    )
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "WISE"
        verbose_name_plural = "WISEs"

    def __str__(self):
        return self.name

    def clean(self):
        self.country = (self.country or "").upper()
        if len(self.country) != 2 or not self.country.isalpha():
            raise ValidationError({"country": _("Use a two-letter ISO country code, e.g. IT, SI, HR, PL, BE.")})


class Role(models.Model):
    key = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    sector = models.ForeignKey(Sector, null=True, blank=True, on_delete=models.SET_NULL, related_name="roles")
    esco_occupations = models.JSONField(default=list, blank=True)
    data_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class RoleRequirement(models.Model):
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="requirements")
    competence = models.ForeignKey(Competence, on_delete=models.PROTECT, related_name="requirements")
    level = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(MAX_LEVEL)])

    class Meta:
        constraints = [models.UniqueConstraint(fields=["role", "competence"], name="wise_rolereq_unique")]

    def __str__(self):
        return f"{self.role.key} needs {self.competence.key} >= {self.level}"


class MembershipQuerySet(models_summary.TrackedMembershipQuerySet):
    def active_on(self, day):
        """Memberships that hold on ``day`` (start on or before it, no end or end on or after it), confirmed."""
        return self.filter(confirmed=True, start__lte=day).filter(Q(end__isnull=True) | Q(end__gte=day))


class Membership(models.Model):
    """A learner works in a WISE in a role from ``start`` to ``end`` (open-ended when empty).

    Only the Open edX user id is stored: no names, and no reason why the person is in work integration.
    """

    SOURCE_CHOICES = [
        ("manual", _("Entered by staff")),
        ("import", _("CSV import")),
        ("enrollment", _("Suggested by a course enrollment")),
        ("demo", _("Demo data")),
    ]

    user_id = models.IntegerField(db_index=True)
    wise = models.ForeignKey(Wise, on_delete=models.CASCADE, related_name="memberships")
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="memberships")
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    confirmed = models.BooleanField(
        default=True, help_text=_("Hints from course enrollments wait for a manager to confirm them.")
    )
    source = models.CharField(max_length=16, choices=SOURCE_CHOICES, default="manual")

    objects = MembershipQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["wise", "role"], name="wise_memb_wise_role"),
            models.Index(fields=["role", "user_id"], name="wise_memb_role_user"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["user_id", "wise", "role", "start"], name="wise_memb_unique"),
        ]

    def __str__(self):
        return f"user {self.user_id} in {self.wise.key} as {self.role.key}"

    def clean(self):
        # Checked here, not as a CheckConstraint, so the migration also runs on Django 4.2 (check=/condition=).
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": _("The end date must be on or after the start date.")})


class Provenance(models.TextChoices):
    SELF_ASSESSMENT = "self_assessment", _("Self-assessment")
    COURSE_RESULT = "course_result", _("Course or unit result")
    MANAGER_RATING = "manager_rating", _("Manager rating")


class Evidence(models.Model):
    """One piece of evidence that a learner is at ``level`` in a competence, with where it comes from.

    Idempotent by (user, competence, provenance, source_key): submitting the same self-assessment block again,
    or passing the same course again, replaces the row instead of adding one.
    """

    user_id = models.IntegerField()
    competence = models.ForeignKey(Competence, on_delete=models.PROTECT, related_name="evidence")
    provenance = models.CharField(max_length=20, choices=Provenance.choices)
    source_key = models.CharField(
        max_length=255, help_text=_("Block usage key or course key; 'manager:<user id>' for manager ratings.")
    )
    level = models.PositiveSmallIntegerField(
        validators=[MaxValueValidator(MAX_LEVEL)], help_text=_("0 means 'not yet'.")
    )
    observed_at = models.DateTimeField()
    verified = models.BooleanField(default=False)
    recorded_by_id = models.IntegerField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "evidence"
        constraints = [
            models.UniqueConstraint(
                fields=["user_id", "competence", "provenance", "source_key"], name="wise_evidence_unique"
            )
        ]
        indexes = [
            # The current-level rule and the as-of-date trend subquery walk exactly this order.
            models.Index(fields=["user_id", "competence", "verified", "observed_at"], name="wise_ev_rule"),
            models.Index(fields=["source_key"], name="wise_ev_source"),
        ]

    def __str__(self):
        return f"user {self.user_id} {self.competence.key}={self.level} ({self.provenance})"


class LearnerLevel(models.Model):
    """The current level per learner and competence, i.e. the result of the documented rule (module docstring)."""

    user_id = models.IntegerField()
    competence = models.ForeignKey(Competence, on_delete=models.CASCADE, related_name="learner_levels")
    level = models.PositiveSmallIntegerField()
    provenance = models.CharField(max_length=20, choices=Provenance.choices)
    verified = models.BooleanField(default=False)
    observed_at = models.DateTimeField()
    updated = models.DateTimeField(auto_now=True)

    # Every write, bulk ones included, marks the report summary's cells of this learner (models_summary).
    objects = models_summary.LearnerLevelQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user_id", "competence"], name="wise_level_user_comp")]
        indexes = [models.Index(fields=["competence", "user_id", "level"], name="wise_ll_comp_user")]

    def __str__(self):
        return f"user {self.user_id} {self.competence_id}={self.level}"


class CompetenceMapping(models.Model):
    """Passing a course or a graded block is evidence of ``level`` in ``competence`` (course teams set these)."""

    source_key = models.CharField(max_length=255, help_text=_("Course key or block usage key."))
    course_key = models.CharField(
        max_length=255, db_index=True, editable=False, help_text=_("The course the source belongs to (derived).")
    )
    competence = models.ForeignKey(Competence, on_delete=models.PROTECT, related_name="mappings")
    level = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(MAX_LEVEL)])
    title = models.CharField(max_length=255, blank=True, help_text=_("Name of the unit shown in recommendations."))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source_key", "competence"], name="wise_mapping_unique")]

    def __str__(self):
        return f"{self.source_key} -> {self.competence.key} >= {self.level}"

    def save(self, *args, **kwargs):
        self.course_key = course_key_of(self.source_key)
        super().save(*args, **kwargs)

    def clean(self):
        self.course_key = course_key_of(self.source_key)


class ManagerAssignment(models.Model):
    """User ``user_id`` manages ``wise``: sees its reports and its learners' profiles."""

    user_id = models.IntegerField(db_index=True)
    wise = models.ForeignKey(Wise, on_delete=models.CASCADE, related_name="managers")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user_id", "wise"], name="wise_manager_unique")]

    def __str__(self):
        return f"user {self.user_id} manages {self.wise_id}"


class CoordinatorAssignment(models.Model):
    """User ``user_id`` coordinates ``network``: sees the reports of every WISE in it."""

    user_id = models.IntegerField(db_index=True)
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="coordinators")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user_id", "network"], name="wise_coordinator_unique")]

    def __str__(self):
        return f"user {self.user_id} coordinates {self.network_id}"


class EnrollmentHint(models.Model):
    """Where configured: enrolling in ``course_key`` suggests an (unconfirmed) membership in ``wise`` as ``role``."""

    course_key = models.CharField(max_length=255, unique=True)
    wise = models.ForeignKey(Wise, on_delete=models.CASCADE, related_name="enrollment_hints")
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="enrollment_hints")

    def __str__(self):
        return f"{self.course_key} -> {self.wise_id}/{self.role_id}"

    def clean(self):
        try:
            CourseKey.from_string(self.course_key)
        except InvalidKeyError as exc:
            raise ValidationError({"course_key": _("Not a course key, e.g. course-v1:Org+Course+Run.")}) from exc


from .models_exports import ExportJob  # noqa: E402,F401  (export jobs live in their own module)

models_summary.connect(Membership, LearnerLevel)
