"""API views: thin. Every view asks wise_skills.permissions for the caller's scope and the report module for data.

Authentication as Open edX APIs: JWT (edx-drf-extensions) first, then the session (DRF's SessionAuthentication
enforces CSRF on unsafe methods). With WISE_SKILLS_ENABLED = False every endpoint answers 404.
"""

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiParameter, extend_schema
from edx_rest_framework_extensions.auth.jwt.authentication import JwtAuthentication
from rest_framework import generics, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.filters import OrderingFilter
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import UserRateThrottle
from rest_framework.views import APIView

import wise_skills

from .. import public_api, reports
from ..conf import enabled, setting
from ..models import Competence, Framework, Membership, Role, Wise
from ..permissions import SeesReports, scope_of_request
from . import schema  # noqa: F401  (registers the JWT scheme for the OpenAPI schema)
from . import serializers as s


class WisePagination(PageNumberPagination):
    """Page size and its maximum are read at call time (WISE_SKILLS_API_PAGE_SIZE / _MAX_PAGE_SIZE)."""

    page_size_query_param = "page_size"

    def get_page_size(self, request):
        self.page_size = int(setting("WISE_SKILLS_API_PAGE_SIZE"))
        self.max_page_size = int(setting("WISE_SKILLS_API_MAX_PAGE_SIZE"))
        return super().get_page_size(request)


class WiseThrottle(UserRateThrottle):
    """Per-user (or per-IP when anonymous) rate limit; the rate is the setting WISE_SKILLS_API_THROTTLE_RATE."""

    scope = "wise_skills"

    def get_rate(self):
        return setting("WISE_SKILLS_API_THROTTLE_RATE")


class WiseApiMixin:
    authentication_classes = [JwtAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]
    pagination_class = WisePagination
    throttle_classes = [WiseThrottle]

    def initial(self, request, *args, **kwargs):
        if not enabled():
            raise Http404("wise_skills is switched off (WISE_SKILLS_ENABLED)")
        super().initial(request, *args, **kwargs)


class ApiRootView(WiseApiMixin, APIView):
    """Entry point of the API: its version and where its schema and endpoints live (no data, so no scope)."""

    permission_classes = [AllowAny]

    @extend_schema(responses={200: dict})
    def get(self, request):
        names = [
            "frameworks",
            "competences",
            "roles",
            "wises",
            "my-profile",
            "my-recommendations",
            "gap-report",
            "top-gaps",
            "trend",
            "manager-ratings",
        ]
        return Response(
            {
                "name": "wise_skills",
                "version": wise_skills.__version__,
                "schema": request.build_absolute_uri(reverse("wise_skills:api-schema")),
                "endpoints": {n: request.build_absolute_uri(reverse(f"wise_skills:api-{n}")) for n in names},
            }
        )


# --- catalogue: any signed-in user (public reference data, no personal data) ------------------------------


class FrameworkList(WiseApiMixin, generics.ListAPIView):
    """Competence frameworks with their levels, areas, source, licence and attribution."""

    serializer_class = s.FrameworkSerializer
    queryset = Framework.objects.prefetch_related("levels", "areas")
    filter_backends = [OrderingFilter]
    ordering_fields = ["key", "name", "order"]
    ordering = ["order"]


class FrameworkDetail(WiseApiMixin, generics.RetrieveAPIView):
    serializer_class = s.FrameworkSerializer
    queryset = Framework.objects.prefetch_related("levels", "areas")
    lookup_field = "key"


class CompetenceFilter(filters.FilterSet):
    framework = filters.CharFilter(field_name="framework__key")
    area = filters.CharFilter(field_name="area__key")

    class Meta:
        model = Competence
        fields = ["framework", "area", "active"]


class CompetenceList(WiseApiMixin, generics.ListAPIView):
    """Competences; filter by framework, area, active; order by key, name or order."""

    serializer_class = s.CompetenceSerializer
    queryset = Competence.objects.select_related("framework", "area")
    filter_backends = [filters.DjangoFilterBackend, OrderingFilter]
    filterset_class = CompetenceFilter
    ordering_fields = ["key", "name", "order"]
    ordering = ["framework__order", "order"]


class CompetenceDetail(WiseApiMixin, generics.RetrieveAPIView):
    serializer_class = s.CompetenceSerializer
    queryset = Competence.objects.select_related("framework", "area")
    lookup_field = "key"
    lookup_value_regex = r"[a-z][a-z0-9_]*:[a-z0-9][a-z0-9_.-]*"


class RoleFilter(filters.FilterSet):
    sector = filters.CharFilter(field_name="sector__key")

    class Meta:
        model = Role
        fields = ["sector"]


class RoleList(WiseApiMixin, generics.ListAPIView):
    """Role profiles with the required level per competence."""

    serializer_class = s.RoleSerializer
    queryset = Role.objects.select_related("sector").prefetch_related("requirements__competence")
    filter_backends = [filters.DjangoFilterBackend, OrderingFilter]
    filterset_class = RoleFilter
    ordering_fields = ["key", "name"]
    ordering = ["name"]


class RoleDetail(RoleList.__base__, generics.RetrieveAPIView):
    serializer_class = s.RoleSerializer
    queryset = RoleList.queryset
    lookup_field = "key"


# --- WISEs: scoped -------------------------------------------------------------------------------------------


class WiseFilter(filters.FilterSet):
    network = filters.CharFilter(field_name="network__key")
    sector = filters.CharFilter(field_name="sectors__key")
    country = filters.CharFilter(field_name="country", lookup_expr="iexact")

    class Meta:
        model = Wise
        fields = ["network", "sector", "country", "active"]


def _wises_in_scope(request):
    today = timezone.localdate()
    active = Q(memberships__confirmed=True, memberships__start__lte=today) & (
        Q(memberships__end__isnull=True) | Q(memberships__end__gte=today)
    )
    return (
        scope_of_request(request)
        .wises()
        .select_related("network")
        .prefetch_related("sectors")
        .annotate(n_learners=Count("memberships__user_id", filter=active, distinct=True))
    )


class WiseCountMixin:
    def get_serializer(self, *args, **kwargs):
        k = reports.min_group_size()
        items = args[0] if args else None
        for wise in items if isinstance(items, list) else [items] if items is not None else []:
            wise.learners = wise.n_learners if wise.n_learners >= k else None
        return super().get_serializer(*args, **kwargs)


class WiseList(WiseApiMixin, WiseCountMixin, generics.ListAPIView):
    """The WISEs in the caller's scope (staff: all; coordinator: their networks'; manager: theirs)."""

    serializer_class = s.WiseSerializer
    permission_classes = [IsAuthenticated, SeesReports]
    filter_backends = [filters.DjangoFilterBackend, OrderingFilter]
    filterset_class = WiseFilter
    ordering_fields = ["key", "name", "country"]
    ordering = ["name"]

    def get_queryset(self):
        return _wises_in_scope(self.request)


class WiseDetail(WiseApiMixin, WiseCountMixin, generics.RetrieveAPIView):
    serializer_class = s.WiseSerializer
    permission_classes = [IsAuthenticated, SeesReports]
    lookup_field = "key"

    def get_queryset(self):
        return _wises_in_scope(self.request)  # out of scope -> 404, so keys of other WISEs are not confirmed


class WiseRecommendations(WiseApiMixin, APIView):
    """Training units that close the most levels of gap for a WISE's learners."""

    pagination_class = None  # a bare list, not a page: keeps the OpenAPI schema truthful

    permission_classes = [IsAuthenticated, SeesReports]

    @extend_schema(
        responses=s.RecommendationSerializer(many=True),
        parameters=[OpenApiParameter("limit", int, description="At most this many (default 5, max 50).")],
    )
    def get(self, request, key):
        wise = get_object_or_404(scope_of_request(request).wises(), key=key)
        limit = _int_param(request, "limit", 5, 1, 50)
        return Response(reports.unit_recommendations(scope_of_request(request), [wise.id], limit))


# --- the learner's own data ----------------------------------------------------------------------------------


class MyProfile(WiseApiMixin, APIView):
    """The caller's own profile: memberships, required and current levels, gaps."""

    @extend_schema(responses=s.ProfileSerializer)
    def get(self, request):
        return Response(public_api.learner_profile(request.user.id))


class MyRecommendations(WiseApiMixin, APIView):
    """Training units that close the caller's largest gaps."""

    pagination_class = None  # a bare list, not a page: keeps the OpenAPI schema truthful

    @extend_schema(
        responses=s.RecommendationSerializer(many=True),
        parameters=[OpenApiParameter("limit", int, description="At most this many (default 5, max 50).")],
    )
    def get(self, request):
        return Response(public_api.recommended_units(request.user.id, _int_param(request, "limit", 5, 1, 50)))


class LearnerProfile(WiseApiMixin, APIView):
    """A learner's profile, for their WISE's manager, their network's coordinator, staff, or themselves."""

    @extend_schema(responses=s.ProfileSerializer)
    def get(self, request, user_id):
        # user ids are positive: 0 is nobody, for staff too (the URL's <int:...> admits it).
        if user_id <= 0 or not scope_of_request(request).can_see_learner(user_id):
            raise Http404("No such learner in your scope.")
        return Response(public_api.learner_profile(user_id))


class ManagerRatingCreate(WiseApiMixin, APIView):
    """A manager rates a learner of their WISE in one competence (verified evidence). Session writes need CSRF."""

    permission_classes = [IsAuthenticated, SeesReports]

    @extend_schema(request=s.ManagerRatingSerializer, responses={201: dict})
    def post(self, request):
        data = s.ManagerRatingSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        scope = scope_of_request(request)
        if v["user_id"] == request.user.id or not scope.can_see_learner(v["user_id"]):
            raise PermissionDenied("You can rate only learners of the WISEs you manage (not yourself).")
        try:
            result = public_api.record_manager_rating(
                request.user.id, v["user_id"], v["competence"], v["level"], v.get("rated_at")
            )
        except public_api.InvalidInput as exc:
            raise ValidationError({"detail": str(exc)}) from exc
        return Response(result, status=status.HTTP_201_CREATED)


# --- reports: staff, coordinators, managers; scope applied before counting -------------------------------------


class CharInFilter(filters.BaseInFilter, filters.CharFilter):
    pass


class ReportFilter(filters.FilterSet):
    """The filters every report takes; each accepts comma-separated values. They narrow, never widen, the scope."""

    wise = CharInFilter(help_text="WISE keys")
    network = CharInFilter(help_text="network keys")
    country = CharInFilter(help_text="two-letter country codes")
    sector = CharInFilter(help_text="sector keys: waste, reuse, tourism, agriculture")
    role = CharInFilter(help_text="role keys")
    framework = CharInFilter(help_text="framework keys: digcomp, entrecomp, greencomp, sector")
    area = CharInFilter(help_text="framework area keys, e.g. digcomp:1")
    competence = CharInFilter(help_text="competence keys, e.g. digcomp:1.1")

    class Meta:
        model = Membership
        fields = []


def _int_param(request, name, default, low, high):
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValidationError({name: f"must be an integer from {low} to {high}"}) from None
    if not low <= value <= high:
        raise ValidationError({name: f"must be an integer from {low} to {high}"})
    return value


class ReportView(WiseApiMixin, generics.GenericAPIView):
    permission_classes = [IsAuthenticated, SeesReports]
    filter_backends = [filters.DjangoFilterBackend]
    filterset_class = ReportFilter
    queryset = Membership.objects.none()  # only for the schema's filter parameters; reports build their own
    query_serializer = s.ReportQuerySerializer

    def report_params(self):
        fs = ReportFilter(self.request.query_params, queryset=self.queryset)
        if not fs.is_valid():
            raise ValidationError(fs.errors)
        query = self.query_serializer(data=self._query_data())
        query.is_valid(raise_exception=True)
        filt = {k: list(v) for k, v in fs.form.cleaned_data.items() if v}
        try:
            params = reports.ReportParams(
                group_by=query.validated_data["group_by"],
                filters=filt,
                on=query.validated_data.get("on"),
                ordering=query.validated_data["ordering"],
            )
        except reports.ReportError as exc:
            raise ValidationError({"detail": str(exc)}) from exc
        return params, query.validated_data

    def _query_data(self):
        return self.request.query_params

    def paginated(self, report):
        page = self.paginate_queryset(report["results"])
        body = {k: v for k, v in report.items() if k != "results"}
        response = self.get_paginated_response(page)
        response.data = {**response.data, **body, "results": response.data["results"]}
        return response


class GapReport(ReportView):
    """Mean gap, share below requirement and counts per group; small groups withheld (they say so)."""

    @extend_schema(filters=True, parameters=[s.ReportQuerySerializer], responses=s.ReportSerializer)
    def get(self, request):
        params, _ = self.report_params()
        return self.paginated(reports.gap_report(scope_of_request(request), params))


class TopGaps(ReportView):
    """The competences (or areas) with the largest mean gap in scope."""

    @extend_schema(
        filters=True,
        parameters=[s.ReportQuerySerializer, OpenApiParameter("limit", int, description="Default 10, max 100.")],
        responses=s.ReportSerializer,
    )
    def get(self, request):
        params, _ = self.report_params()
        group = params.group_by[0] if params.group_by[0] in ("competence", "area") else "competence"
        limit = _int_param(request, "limit", 10, 1, 100)
        return self.paginated(reports.top_gaps(scope_of_request(request), params.filters, limit, group))


class Trend(ReportView):
    """The report on two dates and the change of each measure (negative mean-gap change = progress)."""

    query_serializer = s.TrendQuerySerializer

    def _query_data(self):
        data = self.request.query_params.copy()
        data["date_from"] = data.get("from", "")
        data["date_to"] = data.get("to", "")
        return data

    @extend_schema(
        filters=True,
        parameters=[
            s.ReportQuerySerializer,
            OpenApiParameter("from", str, required=True),
            OpenApiParameter("to", str, required=True),
        ],
        responses=dict,
    )
    def get(self, request):
        params, query = self.report_params()
        try:
            report = reports.trend(scope_of_request(request), params, query["date_from"], query["date_to"])
        except reports.ReportError as exc:
            raise ValidationError({"detail": str(exc)}) from exc
        return self.paginated(report)
