"""Who may see what: the ONE place every API view, page and export asks.

Scopes
    platform staff (is_staff or is_superuser)  everything
    network coordinator                         the WISEs of the networks they coordinate
    WISE manager                                the WISEs they manage (and those WISEs' learners)
    learner (any other signed-in user)          only their own profile
    anonymous                                   nothing

A person can be manager of some WISEs and coordinator of some networks at once: their scope is the union.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from .conf import enabled
from .models import CoordinatorAssignment, ManagerAssignment, Membership, Wise


@dataclass(frozen=True)
class Scope:
    user_id: int | None
    is_staff: bool = False
    wise_ids: frozenset = frozenset()  # WISEs this user may see reports of (ignored for staff)

    @property
    def sees_reports(self) -> bool:
        return self.is_staff or bool(self.wise_ids)

    def can_see_wise(self, wise_id: int) -> bool:
        return self.is_staff or wise_id in self.wise_ids

    def wises(self):
        """Queryset of the WISEs in scope."""
        return Wise.objects.all() if self.is_staff else Wise.objects.filter(id__in=self.wise_ids)

    def restrict(self, queryset, wise_field: str = "wise_id"):
        """Filter any queryset that has a path to a WISE down to this scope."""
        if self.is_staff:
            return queryset
        return queryset.filter(**{f"{wise_field}__in": self.wise_ids})

    def can_see_learner(self, user_id: int) -> bool:
        """Own profile always; a manager/coordinator a learner with a membership in one of their WISEs."""
        if self.user_id is not None and user_id == self.user_id:
            return True
        if self.is_staff:
            return True
        return bool(self.wise_ids) and Membership.objects.filter(user_id=user_id, wise_id__in=self.wise_ids).exists()


ANONYMOUS = Scope(user_id=None)


def scope_for(user) -> Scope:
    """The scope of a Django user (two small queries for non-staff users)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    if user.is_staff or user.is_superuser:
        return Scope(user_id=user.id, is_staff=True)
    managed = set(ManagerAssignment.objects.filter(user_id=user.id).values_list("wise_id", flat=True))
    coordinated = set(Wise.objects.filter(Q(network__coordinators__user_id=user.id)).values_list("id", flat=True))
    return Scope(user_id=user.id, wise_ids=frozenset(managed | coordinated))


def scope_of_request(request) -> Scope:
    """Cached per request so one view asks the database once."""
    cached = getattr(request, "_wise_skills_scope", None)
    if cached is None:
        cached = scope_for(request.user)
        request._wise_skills_scope = cached
    return cached


def is_coordinator(user_id: int) -> bool:
    return CoordinatorAssignment.objects.filter(user_id=user_id).exists()


class AppEnabled(BasePermission):
    """The feature toggle: with WISE_SKILLS_ENABLED = False every endpoint answers 404 (views check it)."""

    def has_permission(self, request, view):
        return enabled()


class SeesReports(BasePermission):
    """Staff, coordinators and managers: report endpoints. Learners get 403."""

    message = _("Skills-gap reports are for WISE managers, network coordinators and staff.")

    def has_permission(self, request, view):
        return scope_of_request(request).sees_reports
