"""The only door from the block to the wise_skills plugin app: its documented Python API.

The block never writes the plugin's tables. Every call here checks that the app is installed
(an LMS with the plugin, or the devsite) and degrades to "nothing recorded" otherwise (plain
workbench, unit runtime), so the block never needs the plugin to render or to save ratings.
"""

import logging

log = logging.getLogger(__name__)


def plugin_installed():
    try:
        from django.apps import apps

        return apps.ready and apps.is_installed("wise_skills")
    except Exception:  # Django not configured at all: a bare unit runtime
        return False


def _api():
    if not plugin_installed():
        return None
    try:
        from wise_skills import public_api
    except ImportError:
        log.warning("wise_skills is installed but has no public_api module; self-assessments are not recorded")
        return None
    return public_api


def record_self_assessment(user_id, source_key, ratings, assessed_at=None):
    """Record `ratings` ({competence key: framework level or None}) as self-assessment evidence.

    Idempotent on (user_id, source_key): the plugin replaces an earlier submission of the same
    block. Returns True when the plugin recorded it, False when there is nobody to record it for.
    """
    api = _api()
    if api is None or user_id is None:
        return False
    api.record_self_assessment(user_id, source_key, ratings, assessed_at=assessed_at)
    return True


def role_requirements(role_key, catalogue):
    """{competence key: required level} for a role: the plugin's (possibly edited) profile, else the data file."""
    api = _api()
    if api is not None:
        try:
            found = api.role_requirements(role_key)["requirements"]
        except Exception:  # unknown in the database, or no database yet: fall back to the shipped profile
            log.warning(
                "wise_skills.public_api.role_requirements(%r) failed; using the shipped profile",
                role_key,
                exc_info=True,
            )
        else:
            return {str(key): int(level) for key, level in found.items()}
    role = catalogue.roles.get(role_key)
    if role is None:
        return {}
    return {req.competence: req.level for req in role.requirements}


def unit_href(source_key):
    """The LMS address of a mapped course or block (the jump_to redirect), or None for other keys."""
    try:
        from opaque_keys import InvalidKeyError
        from opaque_keys.edx.keys import CourseKey, UsageKey
    except ImportError:
        return None
    try:
        usage = UsageKey.from_string(source_key)
        return f"/courses/{usage.course_key}/jump_to/{usage}"
    except InvalidKeyError:
        pass
    try:
        return f"/courses/{CourseKey.from_string(source_key)}/course/"
    except InvalidKeyError:
        return None


def recommended_units(user_id, competence_keys):
    """{competence key: [{"href", "title"}]}: the plugin's ranked units for this learner's gaps, kept to
    `competence_keys`; {} without the plugin or a platform user."""
    api = _api()
    wanted = set(competence_keys)
    if api is None or user_id is None or not wanted:
        return {}
    try:
        found = api.recommended_units(user_id, limit=10)
    except Exception:  # recommendations are a bonus on the result page, never a reason to fail
        log.warning("wise_skills.public_api.recommended_units failed", exc_info=True)
        return {}
    units = {}
    for item in found:
        href = unit_href(item.get("source_key", ""))
        if not href:
            continue
        for key in item.get("competences", []):
            if key in wanted:
                units.setdefault(key, []).append(
                    {"competence": key, "href": href, "title": item.get("title") or item["source_key"]}
                )
    return units


def min_group_size(default):
    """The platform's minimum group size for aggregates (the skills-gap dashboard's), or ``default`` without it."""
    if not plugin_installed():
        return default
    try:
        from wise_skills.reports import min_group_size as platform_min_group_size

        return int(platform_min_group_size())
    except Exception:  # an older plugin or a missing setting: the block's own default protects as well
        log.warning("wise_skills.reports.min_group_size() failed; using %s", default, exc_info=True)
        return default
