"""Serializers: the shape of the API's data. Read-only except the manager rating and the report parameters."""

from rest_framework import serializers

from ..models import Competence, Framework, Level, Role, RoleRequirement, Wise
from ..reports import DIMENSIONS, ORDERINGS


class LevelSerializer(serializers.ModelSerializer):
    class Meta:
        model = Level
        fields = ["number", "name", "band", "description", "plain"]


class FrameworkSerializer(serializers.ModelSerializer):
    levels = LevelSerializer(many=True, read_only=True)
    areas = serializers.SerializerMethodField()

    class Meta:
        model = Framework
        fields = [
            "key",
            "name",
            "full_name",
            "version",
            "data_version",
            "source",
            "source_url",
            "licence",
            "licence_url",
            "licence_notice",
            "attribution",
            "official_levels",
            "level_note",
            "levels",
            "areas",
        ]

    def get_areas(self, obj) -> list[dict]:
        return [{"key": a.key, "code": a.code, "name": a.name} for a in obj.areas.all()]


class CompetenceSerializer(serializers.ModelSerializer):
    framework = serializers.SlugRelatedField(slug_field="key", read_only=True)
    area = serializers.SlugRelatedField(slug_field="key", read_only=True)
    area_name = serializers.CharField(source="area.name", read_only=True)

    class Meta:
        model = Competence
        fields = [
            "key",
            "code",
            "name",
            "description",
            "framework",
            "area",
            "area_name",
            "esco_occupations",
            "esco_skills",
            "active",
        ]


class RequirementSerializer(serializers.ModelSerializer):
    competence = serializers.SlugRelatedField(slug_field="key", read_only=True)

    class Meta:
        model = RoleRequirement
        fields = ["competence", "level"]


class RoleSerializer(serializers.ModelSerializer):
    sector = serializers.SlugRelatedField(slug_field="key", read_only=True, allow_null=True)  # cross-sector roles
    requirements = RequirementSerializer(many=True, read_only=True)

    class Meta:
        model = Role
        fields = ["key", "name", "description", "sector", "esco_occupations", "data_version", "requirements"]


class WiseSerializer(serializers.ModelSerializer):
    sectors = serializers.SlugRelatedField(slug_field="key", many=True, read_only=True)
    network = serializers.SlugRelatedField(slug_field="key", read_only=True)
    network_name = serializers.CharField(source="network.name", read_only=True, default=None)
    learners = serializers.IntegerField(
        read_only=True,
        help_text="Current learners; null when fewer than the minimum group size (withheld).",
        allow_null=True,
    )

    class Meta:
        model = Wise
        fields = [
            "key",
            "name",
            "country",
            "region",
            "sectors",
            "network",
            "network_name",
            "org_key",
            "active",
            "learners",
        ]


class ProfileCompetenceSerializer(serializers.Serializer):
    competence = serializers.CharField()
    name = serializers.CharField()
    framework = serializers.CharField()
    area = serializers.CharField()
    area_name = serializers.CharField()
    required = serializers.IntegerField(allow_null=True)
    current = serializers.IntegerField()
    gap = serializers.IntegerField()
    source = serializers.CharField(allow_null=True)
    verified = serializers.BooleanField()
    observed_at = serializers.CharField(allow_null=True)


class ProfileMembershipSerializer(serializers.Serializer):
    wise = serializers.CharField()
    wise_name = serializers.CharField()
    role = serializers.CharField()
    role_name = serializers.CharField()
    start = serializers.DateField()


class ProfileSerializer(serializers.Serializer):
    user_id = serializers.IntegerField()
    memberships = ProfileMembershipSerializer(many=True)
    competences = ProfileCompetenceSerializer(many=True)
    top_gaps = serializers.ListField(child=serializers.CharField())


class RecommendationSerializer(serializers.Serializer):
    source_key = serializers.CharField()
    title = serializers.CharField()
    closes = serializers.IntegerField(help_text="Levels of gap this unit closes (summed over learners for a WISE).")
    competences = serializers.ListField(child=serializers.CharField())


class ReportQuerySerializer(serializers.Serializer):
    """Report parameters other than the filters (the filters are a django-filter FilterSet)."""

    group_by = serializers.CharField(
        default="wise",
        help_text="One or two of: " + ", ".join(DIMENSIONS) + " (comma-separated, e.g. competence,wise).",
    )
    on = serializers.DateField(required=False, help_text="Report as on this date (default: today).")
    ordering = serializers.ChoiceField(choices=sorted(ORDERINGS | {f"-{o}" for o in ORDERINGS}), default="key")
    page = serializers.IntegerField(required=False, min_value=1, help_text="Page number of the cells.")
    page_size = serializers.IntegerField(
        required=False, min_value=1, help_text="Cells per page (capped at WISE_SKILLS_API_MAX_PAGE_SIZE)."
    )


class TrendQuerySerializer(ReportQuerySerializer):
    date_from = serializers.DateField(help_text="Start date (query parameter 'from').")
    date_to = serializers.DateField(help_text="End date (query parameter 'to').")


class ReportCellSerializer(serializers.Serializer):
    key = serializers.CharField()
    withheld = serializers.BooleanField()
    withheld_reason = serializers.CharField(help_text="small_group, complement or secondary; empty when shown.")
    learners = serializers.IntegerField(allow_null=True)
    pairs = serializers.IntegerField(allow_null=True)
    mean_gap = serializers.FloatField(allow_null=True)
    share_below = serializers.FloatField(allow_null=True)
    share_learners_below = serializers.FloatField(allow_null=True)


class ReportSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)
    group_by = serializers.ListField(child=serializers.CharField())
    min_group_size = serializers.IntegerField()
    withheld_cells = serializers.IntegerField()
    results = ReportCellSerializer(many=True)


class ManagerRatingSerializer(serializers.Serializer):
    user_id = serializers.IntegerField(min_value=1)
    competence = serializers.CharField(max_length=80)
    level = serializers.IntegerField(min_value=0, max_value=12)
    rated_at = serializers.DateTimeField(required=False)
