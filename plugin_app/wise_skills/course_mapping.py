"""A course's competence mapping file (course_content/<course>/competences.yaml, format 1) -> CompetenceMapping rows.

The file format is documented in the header of course_content/wise-innovation/competences.yaml. Parsing
(``parse_mapping_file``, pure: no database) is separate from applying (``apply_mapping``, one transaction), so
the demo seeder and the ``load_wise_course_mapping`` command read files the same way, and a file with any error
changes nothing. Errors name the entry (1-based, in file order) and the field, so a course team can fix them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

FORMAT = 1
USAGE_KEY = "block-v1:{org}+{course}+{run}+type@{type}+block@{block}"


class MappingFileError(ValueError):
    """The mapping file is invalid; ``errors`` lists every problem found (the message joins them)."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("; ".join(self.errors))


@dataclass(frozen=True)
class MappingEntry:
    number: int  # 1-based position in the file's mappings list, for messages
    block: str
    type: str
    title: str
    competences: dict = field(default_factory=dict)  # competence key -> level

    def usage_key(self, course_key) -> str:
        """The block's usage key in the run ``course_key`` (a CourseLocator or its string)."""
        from opaque_keys.edx.keys import CourseKey

        ck = CourseKey.from_string(str(course_key))
        return str(ck.make_usage_key(self.type, self.block))


def _is_level(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def parse_mapping_document(doc) -> list[MappingEntry]:
    """Check the structure of a loaded YAML document (not the catalogue) and return its entries."""
    if not isinstance(doc, dict):
        raise MappingFileError(["the file must be a mapping with 'format', 'passing_score' and 'mappings'"])
    errors = []
    if doc.get("format") != FORMAT:
        errors.append(f"format: must be {FORMAT}, got {doc.get('format')!r}")
    mappings = doc.get("mappings")
    if not isinstance(mappings, list):
        raise MappingFileError([*errors, "mappings: must be a list of entries"])
    entries = []
    for number, item in enumerate(mappings, start=1):
        where = f"entry {number}"
        if not isinstance(item, dict):
            errors.append(f"{where}: must be a mapping with block, type, title and competences")
            continue
        for name in ("block", "type"):
            value = item.get(name)
            if not isinstance(value, str) or not value.strip():
                errors.append(f"{where} field '{name}': required, a non-empty text")
        title = item.get("title", item.get("block", ""))
        if not isinstance(title, str) or len(title) > 255:
            errors.append(f"{where} field 'title': must be a text of at most 255 characters")
        comps = item.get("competences")
        if not isinstance(comps, dict) or not comps:
            errors.append(f"{where} field 'competences': required, competence key -> level (at least one)")
            comps = {}
        for key, level in comps.items():
            if not _is_level(level) or level < 1:
                errors.append(f"{where} field 'competences.{key}': level must be a whole number from 1, got {level!r}")
        entries.append(
            MappingEntry(
                number=number,
                block=str(item.get("block", "")),
                type=str(item.get("type", "")),
                title=title if isinstance(title, str) else "",
                competences={str(k): v for k, v in comps.items()},
            )
        )
    if errors:
        raise MappingFileError(errors)
    return entries


def parse_mapping_file(path) -> list[MappingEntry]:
    import yaml

    path = Path(path)
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise MappingFileError([f"cannot read {path}: {exc.strerror or exc}"]) from exc
    except yaml.YAMLError as exc:
        raise MappingFileError([f"{path} is not valid YAML: {exc}"]) from exc
    return parse_mapping_document(doc)


@dataclass
class MappingPlan:
    """What applying a file to one course run does; ``rows`` is the wanted (source_key, competence key) -> row."""

    course_key: str
    rows: dict  # (source_key, competence key) -> (level, title)
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    removed: list = field(default_factory=list)  # rows of this course no longer in the file
    pruned: bool = False


def plan_mapping(entries, course_key) -> MappingPlan:
    """Validate entries against opaque-keys and the catalogue, and compare them with the database (read only)."""
    from opaque_keys import InvalidKeyError
    from opaque_keys.edx.keys import CourseKey, UsageKey

    from .models import Competence, CompetenceMapping
    from .public_api import _max_levels

    try:
        ck = CourseKey.from_string(str(course_key))
    except InvalidKeyError as exc:
        raise MappingFileError([f"--course-key {course_key!r} is not a course key (course-v1:Org+Course+Run)"]) from exc
    keys = {k for e in entries for k in e.competences}
    comps = {c.key: c for c in Competence.objects.filter(key__in=keys, active=True)}
    tops = _max_levels({c.framework_id for c in comps.values()})
    errors, rows = [], {}
    for e in entries:
        try:
            usage = str(UsageKey.from_string(e.usage_key(ck)))
        except (InvalidKeyError, ValueError):
            errors.append(f"entry {e.number} field 'block'/'type': {e.type!r} / {e.block!r} make no valid usage key")
            continue
        for key, level in e.competences.items():
            comp = comps.get(key)
            if comp is None:
                errors.append(
                    f"entry {e.number} field 'competences.{key}': not an active competence of the catalogue "
                    "(run load_wise_frameworks; keys look like digcomp:1.1 or sector:waste.sorting)"
                )
            elif level > (tops.get(comp.framework_id) or 0):
                errors.append(
                    f"entry {e.number} field 'competences.{key}': level {level} is above the framework's top level "
                    f"{tops.get(comp.framework_id)}"
                )
            elif (usage, key) in rows:
                errors.append(f"entry {e.number} field 'competences.{key}': block {e.block!r} already maps it")
            else:
                rows[(usage, key)] = (level, e.title)
    if errors:
        raise MappingFileError(errors)
    plan = MappingPlan(course_key=str(ck), rows=rows)
    existing = {
        (m.source_key, m.competence.key): m
        for m in CompetenceMapping.objects.filter(course_key=str(ck)).select_related("competence")
    }
    for pair, (level, title) in rows.items():
        row = existing.get(pair)
        if row is None:
            plan.created.append(pair)
        elif (row.level, row.title) != (level, title):
            plan.updated.append(pair)
        else:
            plan.unchanged.append(pair)
    plan.removed = sorted(pair for pair in existing if pair not in rows)
    return plan


def apply_mapping(entries, course_key, prune: bool = False, dry_run: bool = False) -> MappingPlan:
    """Create/update the CompetenceMapping rows of ``entries`` for ``course_key`` in one transaction (idempotent).

    Rows of the course that the file no longer lists are reported in ``plan.removed`` and deleted only with
    ``prune`` (deleting a mapping keeps the evidence it gave, which stays with its source key)."""
    from django.db import transaction

    from .models import Competence, CompetenceMapping

    with transaction.atomic():
        plan = plan_mapping(entries, course_key)
        if dry_run:
            return plan
        comp_ids = dict(Competence.objects.filter(key__in={k for _, k in plan.rows}).values_list("key", "id"))
        for pair in plan.created + plan.updated:
            level, title = plan.rows[pair]
            CompetenceMapping.objects.update_or_create(
                source_key=pair[0], competence_id=comp_ids[pair[1]], defaults={"level": level, "title": title}
            )
        if prune and plan.removed:
            for source_key, key in plan.removed:
                CompetenceMapping.objects.filter(source_key=source_key, competence__key=key).delete()
            plan.pruned = True
    return plan
