"""The public Python API of wise_skills: what other apps and XBlocks call. They never touch the tables.

Stable contract (documented in docs/developers/skills_api.md):

    record_self_assessment(user_id, source_key, ratings, assessed_at=None) -> dict
    record_course_result(user_id, source_key, passed, when=None) -> dict
    record_manager_rating(rater_user_id, user_id, competence_key, level, rated_at=None) -> dict
    competence_catalogue(keys=None) -> list[dict]
    role_requirements(role_key) -> dict
    learner_profile(user_id, on=None) -> dict
    recommended_units(user_id, limit=5) -> list[dict]
    wise_recommendations(wise_key, limit=5) -> list[dict]

Errors: ``InvalidInput`` (a ValueError) names what to fix; nothing is written when it is raised.
Every write refreshes the learner's current level (see wise_skills.models for the rule) in the same transaction.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from opaque_keys import InvalidKeyError
from opaque_keys.edx.keys import CourseKey, UsageKey

from . import gaps
from .models import (
    Competence,
    CompetenceMapping,
    Evidence,
    Framework,
    LearnerLevel,
    Membership,
    Provenance,
    Role,
)

__all__ = [
    "InvalidInput",
    "record_self_assessment",
    "record_course_result",
    "record_manager_rating",
    "competence_catalogue",
    "role_requirements",
    "learner_profile",
    "recommended_units",
    "wise_recommendations",
]


class InvalidInput(ValueError):
    """The call's arguments are wrong; the message says which and how to fix them. Nothing was written."""


# Prefixes of opaque keys: a source key that starts with one of these must parse, so a typo is caught.
_KEY_PREFIXES = ("block-v1:", "course-v1:", "lb:", "lib-block-v1:", "ccx-v1:", "ccx-block-v1:", "library-v1:", "i4x://")


def validate_source_key(source_key: str) -> str:
    """A course key or block usage key (validated with opaque-keys), or, outside the LMS (the XBlock workbench
    has no opaque keys), any other non-blank identifier of at most 255 characters without spaces."""
    if not isinstance(source_key, str) or not source_key.strip() or len(source_key) > 255 or " " in source_key:
        raise InvalidInput(f"source_key {source_key!r} must be a course or block usage key (at most 255 characters)")
    if source_key.startswith(_KEY_PREFIXES):
        for key_class in (UsageKey, CourseKey):
            try:
                return str(key_class.from_string(source_key))
            except InvalidKeyError:
                continue
        raise InvalidInput(
            f"source_key {source_key!r} looks like an Open edX key but does not parse; "
            "expected course-v1:Org+Course+Run or block-v1:Org+Course+Run+type@...+block@..."
        )
    return source_key


def _user_id(user_id) -> int:
    try:
        value = int(user_id)
    except (TypeError, ValueError):
        raise InvalidInput(f"user_id {user_id!r} must be an Open edX user id (an integer)") from None
    if value <= 0 or isinstance(user_id, bool):
        raise InvalidInput(f"user_id {user_id!r} must be a positive integer")
    return value


def _when(value) -> datetime:
    if value is None:
        return timezone.now()
    if isinstance(value, datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value, timezone.utc)
    if isinstance(value, date):
        return timezone.make_aware(datetime(value.year, value.month, value.day), timezone.utc)
    raise InvalidInput(f"{value!r} is not a date or datetime")


def ensure_catalogue_loaded() -> None:
    """Load the shipped frameworks on first use, so a fresh install works before anyone runs load_wise_frameworks."""
    if not Framework.objects.exists():
        from .loading import load_frameworks

        load_frameworks()


def _competences(keys) -> dict[str, Competence]:
    keys = list(dict.fromkeys(keys))
    found = {c.key: c for c in Competence.objects.filter(key__in=keys).select_related("framework")}
    if len(found) < len(keys) and not Framework.objects.exists():
        ensure_catalogue_loaded()
        found = {c.key: c for c in Competence.objects.filter(key__in=keys).select_related("framework")}
    missing = [k for k in keys if k not in found]
    if missing:
        raise InvalidInput(
            f"unknown competence key(s) {', '.join(map(repr, missing))}; "
            "use keys like 'digcomp:1.1' from competence_catalogue()"
        )
    return found


def _max_levels(framework_ids) -> dict[int, int]:
    return dict(
        Framework.objects.filter(id__in=set(framework_ids)).annotate(top=Max("levels__number")).values_list("id", "top")
    )


def refresh_levels(user_id: int, competence_ids) -> None:
    """Re-apply the current-level rule for one learner and some competences (called inside each write)."""
    competence_ids = set(competence_ids)
    if not competence_ids:
        return
    by_comp: dict[int, list] = {}
    for ev in Evidence.objects.filter(user_id=user_id, competence_id__in=competence_ids).only(
        "id", "competence_id", "level", "observed_at", "verified", "provenance"
    ):
        by_comp.setdefault(ev.competence_id, []).append(
            gaps.EvidenceItem(ev.level, ev.observed_at, ev.verified, ev.provenance, ev.id)
        )
    existing = {
        ll.competence_id: ll for ll in LearnerLevel.objects.filter(user_id=user_id, competence_id__in=competence_ids)
    }
    to_create, to_update, to_delete = [], [], []
    for comp_id in competence_ids:
        best = gaps.current_level(by_comp.get(comp_id, ()))
        row = existing.get(comp_id)
        if best is None:
            if row:
                to_delete.append(row.id)
            continue
        values = dict(
            level=best.level, provenance=best.provenance, verified=best.verified, observed_at=best.observed_at
        )
        if row is None:
            to_create.append(LearnerLevel(user_id=user_id, competence_id=comp_id, **values))
        elif any(getattr(row, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(row, k, v)
            to_update.append(row)
    if to_delete:
        LearnerLevel.objects.filter(id__in=to_delete).delete()
    if to_create:
        LearnerLevel.objects.bulk_create(to_create)
    if to_update:
        LearnerLevel.objects.bulk_update(to_update, ["level", "provenance", "verified", "observed_at", "updated"])


def _upsert(user_id, provenance, source_key, levels: dict[int, int], when, verified, recorded_by=None) -> int:
    existing = {
        ev.competence_id: ev
        for ev in Evidence.objects.filter(
            user_id=user_id, provenance=provenance, source_key=source_key, competence_id__in=levels
        )
    }
    create, update = [], []
    now = timezone.now()
    for comp_id, level in levels.items():
        row = existing.get(comp_id)
        if row is None:
            create.append(
                Evidence(
                    user_id=user_id,
                    competence_id=comp_id,
                    provenance=provenance,
                    source_key=source_key,
                    level=level,
                    observed_at=when,
                    verified=verified,
                    recorded_by_id=recorded_by,
                )
            )
        else:
            row.level, row.observed_at, row.verified, row.recorded_by_id, row.modified = (
                level,
                when,
                verified,
                recorded_by,
                now,
            )
            update.append(row)
    Evidence.objects.bulk_create(create)
    Evidence.objects.bulk_update(update, ["level", "observed_at", "verified", "recorded_by_id", "modified"])
    return len(create) + len(update)


def record_self_assessment(user_id, source_key: str, ratings: dict, assessed_at=None) -> dict:
    """Store a learner's self-assessment from one block (``source_key``) as unverified evidence.

    ``ratings`` maps competence keys to a level (0 = "not yet", up to the framework's top level) or None
    (skipped: any earlier rating of that competence from this block is removed). Idempotent per
    (user, source_key, competence): resubmitting replaces the earlier answer, never duplicates it.
    Returns ``{"recorded": n, "removed": m}``.
    """
    user_id = _user_id(user_id)
    source_key = validate_source_key(source_key)
    if not isinstance(ratings, dict):
        raise InvalidInput("ratings must be a dict of competence key -> level (or None to skip)")
    when = _when(assessed_at)
    comps = _competences(ratings)
    tops = _max_levels(c.framework_id for c in comps.values())
    levels, skipped = {}, []
    for key, level in ratings.items():
        comp = comps[key]
        if level is None:
            skipped.append(comp.id)
            continue
        if isinstance(level, bool) or not isinstance(level, int) or not 0 <= level <= tops[comp.framework_id]:
            raise InvalidInput(
                f"level {level!r} for {key!r} must be an integer from 0 to {tops[comp.framework_id]} (or None to skip)"
            )
        levels[comp.id] = level
    with transaction.atomic():
        removed = 0
        if skipped:
            removed, _ = Evidence.objects.filter(
                user_id=user_id, provenance=Provenance.SELF_ASSESSMENT, source_key=source_key, competence_id__in=skipped
            ).delete()
        recorded = _upsert(user_id, Provenance.SELF_ASSESSMENT, source_key, levels, when, verified=False)
        refresh_levels(user_id, [c.id for c in comps.values()])
    return {"recorded": recorded, "removed": removed}


def record_course_result(user_id, source_key: str, passed: bool, when=None) -> dict:
    """Apply the CompetenceMappings of a course or graded block to a learner's result.

    Passing creates (or refreshes) verified ``course_result`` evidence at each mapped level; not passing (any
    more) removes the evidence that source gave, so the profile follows the learner's real status.
    Idempotent. Returns ``{"competences": [keys...], "passed": bool}``; an unmapped source changes nothing.
    """
    user_id = _user_id(user_id)
    source_key = validate_source_key(source_key)
    mappings = list(CompetenceMapping.objects.filter(source_key=source_key).select_related("competence"))
    if not mappings:
        return {"competences": [], "passed": bool(passed)}
    comp_ids = [m.competence_id for m in mappings]
    with transaction.atomic():
        if passed:
            _upsert(
                user_id,
                Provenance.COURSE_RESULT,
                source_key,
                {m.competence_id: m.level for m in mappings},
                _when(when),
                verified=True,
            )
        else:
            Evidence.objects.filter(
                user_id=user_id, provenance=Provenance.COURSE_RESULT, source_key=source_key, competence_id__in=comp_ids
            ).delete()
        refresh_levels(user_id, comp_ids)
    return {"competences": sorted(m.competence.key for m in mappings), "passed": bool(passed)}


def record_manager_rating(rater_user_id, user_id, competence_key: str, level: int, rated_at=None) -> dict:
    """A manager's rating of a learner in one competence: verified evidence, one per (rater, learner, competence).

    Scope (may this rater rate this learner?) is checked by the caller through wise_skills.permissions.
    """
    rater = _user_id(rater_user_id)
    user_id = _user_id(user_id)
    comp = _competences([competence_key])[competence_key]
    top = _max_levels([comp.framework_id])[comp.framework_id]
    if isinstance(level, bool) or not isinstance(level, int) or not 0 <= level <= top:
        raise InvalidInput(f"level {level!r} for {competence_key!r} must be an integer from 0 to {top}")
    with transaction.atomic():
        _upsert(
            user_id,
            Provenance.MANAGER_RATING,
            f"manager:{rater}",
            {comp.id: level},
            _when(rated_at),
            verified=True,
            recorded_by=rater,
        )
        refresh_levels(user_id, [comp.id])
    return {"competence": competence_key, "level": level}


def competence_catalogue(keys=None) -> list[dict]:
    """Competences (all active ones, or the given keys in that order) with their framework, area and levels.

    The same shape as the pure fallback the self-assessment block uses without the plugin app.
    """
    ensure_catalogue_loaded()
    qs = Competence.objects.select_related("framework", "area").prefetch_related("framework__levels")
    if keys is None:
        comps = list(qs.filter(active=True))
    else:
        found = {c.key: c for c in qs.filter(key__in=list(keys))}
        missing = [k for k in keys if k not in found]
        if missing:
            raise InvalidInput(f"unknown competence key(s) {', '.join(map(repr, missing))}")
        comps = [found[k] for k in keys]
    return [_competence_dict(c) for c in comps]


def _competence_dict(c: Competence) -> dict:
    return {
        "key": c.key,
        "code": c.code,
        "name": c.name,
        "description": c.description,
        "framework": c.framework.key,
        "framework_name": c.framework.name,
        "framework_version": c.framework.version,
        "area": c.area.key,
        "area_name": c.area.name,
        "esco_occupations": c.esco_occupations,
        "esco_skills": c.esco_skills,
        "active": c.active,
        "levels": [
            {"number": lv.number, "name": lv.name, "description": lv.description, "plain": lv.plain}
            for lv in c.framework.levels.all()
        ],
    }


def role_requirements(role_key: str) -> dict:
    """``{"key", "name", "sector", "requirements": {competence key: required level}}``; InvalidInput if unknown."""
    ensure_catalogue_loaded()
    try:
        role = Role.objects.select_related("sector").get(key=role_key)
    except Role.DoesNotExist:
        raise InvalidInput(f"unknown role {role_key!r}") from None
    reqs = dict(role.requirements.select_related("competence").values_list("competence__key", "level"))
    return {
        "key": role.key,
        "name": role.name,
        "sector": role.sector.key if role.sector else None,
        "requirements": reqs,
    }


def _requirements_of(user_id: int, on: date) -> tuple[list[Membership], dict[str, int]]:
    memberships = list(
        Membership.objects.active_on(on).filter(user_id=user_id).select_related("wise", "role").order_by("start", "id")
    )
    required: dict[str, int] = {}
    for comp_key, level in Membership.objects.filter(id__in=[m.id for m in memberships]).values_list(
        "role__requirements__competence__key", "role__requirements__level"
    ):
        if comp_key is not None:
            required[comp_key] = max(level, required.get(comp_key, 0))
    return memberships, required


def learner_profile(user_id, on=None) -> dict:
    """A learner's own picture: their WISE memberships and roles today, and per competence the required level
    (the highest any of their roles asks), current level (with where it comes from) and gap; largest gaps first.
    """
    user_id = _user_id(user_id)
    on = on or timezone.localdate()
    memberships, required = _requirements_of(user_id, on)
    levels = {ll.competence.key: ll for ll in LearnerLevel.objects.filter(user_id=user_id).select_related("competence")}
    keys = list(dict.fromkeys([*required, *levels]))
    comps = {c.key: c for c in Competence.objects.filter(key__in=keys).select_related("framework", "area")}
    rows = []
    for key in keys:
        comp, ll = comps[key], levels.get(key)
        req = required.get(key)
        rows.append(
            {
                "competence": key,
                "name": comp.name,
                "framework": comp.framework.key,
                "area": comp.area.key,
                "area_name": comp.area.name,
                "required": req,
                "current": ll.level if ll else 0,
                "gap": gaps.gap(req, ll.level if ll else 0) if req else 0,
                "source": ll.provenance if ll else None,
                "verified": ll.verified if ll else False,
                "observed_at": ll.observed_at.isoformat() if ll else None,
            }
        )
    rows.sort(key=lambda r: (-r["gap"], r["required"] is None, r["competence"]))
    return {
        "user_id": user_id,
        "memberships": [
            {
                "wise": m.wise.key,
                "wise_name": m.wise.name,
                "role": m.role.key,
                "role_name": m.role.name,
                "start": m.start.isoformat(),
            }
            for m in memberships
        ],
        "competences": rows,
        "top_gaps": [r["competence"] for r in rows if r["gap"] > 0][:5],
    }


def _units_for(competence_keys) -> list[gaps.Unit]:
    return [
        gaps.Unit(source_key=s, competence=k, level=lv, title=t)
        for s, k, lv, t in CompetenceMapping.objects.filter(competence__key__in=list(competence_keys)).values_list(
            "source_key", "competence__key", "level", "title"
        )
    ]


def _rec_dicts(recs) -> list[dict]:
    return [
        {"source_key": r.source_key, "title": r.title, "closes": r.closes, "competences": r.competences} for r in recs
    ]


def recommended_units(user_id, limit: int = 5) -> list[dict]:
    """Training units (mapped courses/blocks) that close the largest gaps of this learner, best first."""
    user_id = _user_id(user_id)
    _, required = _requirements_of(user_id, timezone.localdate())
    current = dict(
        LearnerLevel.objects.filter(user_id=user_id, competence__key__in=list(required)).values_list(
            "competence__key", "level"
        )
    )
    needs = {user_id: {k: (req, current.get(k, 0)) for k, req in required.items() if req > current.get(k, 0)}}
    return _rec_dicts(gaps.recommend(needs, _units_for(needs[user_id]), limit))


def wise_recommendations(wise_key: str, limit: int = 5) -> list[dict]:
    """Units that close the most levels of gap summed over a WISE's current learners (aggregated in the database)."""
    from .reports import wise_units

    rows = wise_units(wise_key, limit)
    if rows is None:
        raise InvalidInput(f"unknown WISE {wise_key!r}")
    return rows
