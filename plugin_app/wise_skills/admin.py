"""Django admin for frameworks, WISEs, roles, mappings and scope assignments.

Learners appear only as user ids. Framework content is edited in the data files and loaded with
``load_wise_frameworks`` (so it stays versioned); the admin shows it read-only except for the active flag.
"""

from django.contrib import admin

from .models import (
    Area,
    Competence,
    CompetenceMapping,
    CoordinatorAssignment,
    EnrollmentHint,
    Evidence,
    Framework,
    Level,
    ManagerAssignment,
    Membership,
    Network,
    Role,
    RoleRequirement,
    Sector,
    Wise,
)


class LevelInline(admin.TabularInline):
    model = Level
    extra = 0
    readonly_fields = ["number", "name", "band", "description", "plain"]
    can_delete = False


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["key", "name", "version", "data_version", "licence", "official_levels", "loaded_at"]
    readonly_fields = [f.name for f in Framework._meta.fields]
    inlines = [LevelInline]

    def has_add_permission(self, request):
        return False  # frameworks come from versioned data files (load_wise_frameworks)


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["key", "name", "framework"]
    list_filter = ["framework"]
    readonly_fields = ["framework", "key", "code", "name", "order"]


@admin.register(Competence)
class CompetenceAdmin(admin.ModelAdmin):
    list_display = ["key", "name", "framework", "area", "active"]
    list_filter = ["framework", "active"]
    search_fields = ["key", "name"]
    readonly_fields = [
        "key",
        "framework",
        "area",
        "code",
        "name",
        "description",
        "esco_occupations",
        "esco_skills",
        "order",
    ]


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["key", "name"]


class ManagerInline(admin.TabularInline):
    model = ManagerAssignment
    extra = 0


@admin.register(Wise)
class WiseAdmin(admin.ModelAdmin):
    list_display = ["key", "name", "country", "region", "network", "active"]
    list_filter = ["country", "network", "sectors", "active"]
    search_fields = ["key", "name", "region", "org_key"]
    filter_horizontal = ["sectors"]
    inlines = [ManagerInline]


class CoordinatorInline(admin.TabularInline):
    model = CoordinatorAssignment
    extra = 0


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["key", "name", "country"]
    inlines = [CoordinatorInline]


class RequirementInline(admin.TabularInline):
    model = RoleRequirement
    extra = 1
    autocomplete_fields = ["competence"]


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["key", "name", "sector", "data_version"]
    list_filter = ["sector"]
    search_fields = ["key", "name"]
    inlines = [RequirementInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user_id", "wise", "role", "start", "end", "confirmed", "source"]
    list_filter = ["confirmed", "source", "wise__country", "role"]
    search_fields = ["=user_id", "wise__key"]
    list_select_related = ["wise", "role"]
    actions = ["confirm"]

    @admin.action(description="Confirm the selected memberships (e.g. suggested by enrollments)")
    def confirm(self, request, queryset):
        queryset.update(confirmed=True)


@admin.register(CompetenceMapping)
class CompetenceMappingAdmin(admin.ModelAdmin):
    list_display = ["source_key", "competence", "level", "title", "course_key"]
    search_fields = ["source_key", "course_key", "title", "competence__key"]
    autocomplete_fields = ["competence"]
    readonly_fields = ["course_key"]


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["user_id", "competence", "provenance", "level", "verified", "observed_at", "source_key"]
    list_filter = ["provenance", "verified"]
    search_fields = ["=user_id", "source_key", "competence__key"]
    list_select_related = ["competence"]
    readonly_fields = [
        "user_id",
        "competence",
        "provenance",
        "source_key",
        "level",
        "observed_at",
        "recorded_by_id",
        "created",
        "modified",
    ]

    def has_add_permission(self, request):
        return False  # evidence comes through wise_skills.public_api (which keeps the current levels in step)

    def save_model(self, request, obj, form, change):
        # Staff may mark evidence verified (e.g. a checked self-assessment): re-apply the current-level rule.
        from .public_api import refresh_levels

        super().save_model(request, obj, form, change)
        refresh_levels(obj.user_id, [obj.competence_id])


@admin.register(EnrollmentHint)
class EnrollmentHintAdmin(admin.ModelAdmin):
    list_display = ["course_key", "wise", "role"]


@admin.register(ManagerAssignment)
class ManagerAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user_id", "wise"]
    search_fields = ["=user_id", "wise__key"]


@admin.register(CoordinatorAssignment)
class CoordinatorAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user_id", "network"]
