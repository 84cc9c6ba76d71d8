"""API views: thin, they ask wise_skills.permissions and the report modules."""
from django.urls import reverse
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

import wise_skills


class ApiRootView(APIView):
    """Entry point of the API: its version and where its schema lives (no data, so no scope to check)."""

    permission_classes = [AllowAny]

    def get(self, request):
        return Response(
            {
                "name": "wise_skills",
                "version": wise_skills.__version__,
                "schema": request.build_absolute_uri(reverse("wise_skills:api-schema")),
            }
        )
