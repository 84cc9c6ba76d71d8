"""The learner's result: their steps against a role's requirements, the largest gaps, the
progress since the start-of-course check, and the units that train the gaps.

Pure: everything arrives as arguments (ratings, the role's required levels, the statement
scales, the authored unit links), so it is unit-tested without a runtime. Gaps are counted
in the learner's steps (what they chose), with the required framework level shown as the
lowest step that reaches it (see statements.StatementSet.required_step).
"""

from dataclasses import dataclass

TOP_GAPS = 3


@dataclass(frozen=True)
class Row:
    key: str
    step: int | None  # the learner's step, None when skipped
    required_step: int | None  # None when there is no role or the role does not need it
    start_step: int | None  # the start-of-course step (end-of-course checks only)
    max_step: int

    @property
    def gap(self):
        if self.step is None or self.required_step is None:
            return None
        return max(0, self.required_step - self.step)

    @property
    def change(self):
        if self.step is None or self.start_step is None:
            return None
        return self.step - self.start_step


def clean_ratings(raw, keys, scales):
    """Check a learner's ratings payload against the block's competences.

    `raw` maps competence keys to a step number or None (skipped); every key must be one of the
    block's, every step one of its framework's. Missing keys count as skipped. Raises
    ValueError with a message naming the competence; returns {key: step|None} for all keys.
    """
    if not isinstance(raw, dict):
        raise ValueError("ratings must be an object of competence key -> step or null")
    unknown = [key for key in raw if key not in keys]
    if unknown:
        raise ValueError(f"ratings names a competence this check does not ask about: {str(unknown[0])[:80]!r}")
    cleaned = {}
    for key in keys:
        value = raw.get(key)
        if value is None:
            cleaned[key] = None
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value not in scales[key].steps:
            raise ValueError(f"ratings[{key!r}] must be one of {scales[key].steps} or null")
        cleaned[key] = value
    return cleaned


def build_rows(keys, ratings, scales, requirements=None, start_ratings=None):
    """One Row per competence in the author's order. `requirements`: {key: framework level}."""
    requirements = requirements or {}
    start_ratings = start_ratings or {}
    rows = []
    for key in keys:
        scale = scales[key]
        required = requirements.get(key)
        start = start_ratings.get(key)
        rows.append(
            Row(
                key=key,
                step=ratings.get(key),
                required_step=None if required is None else scale.required_step(required),
                start_step=start if isinstance(start, int) and start in scale.steps else None,
                max_step=scale.max_step,
            )
        )
    return rows


def largest_gaps(rows, limit=TOP_GAPS):
    """The rows with a gap, largest first; ties keep the author's order (stable sort)."""
    with_gap = [row for row in rows if row.gap]
    return sorted(with_gap, key=lambda row: -row.gap)[:limit]


def summary(rows):
    rated = [row for row in rows if row.step is not None]
    compared = [row for row in rows if row.start_step is not None and row.step is not None]
    return {
        "rated": len(rated),
        "skipped": len(rows) - len(rated),
        "with_requirement": sum(1 for row in rows if row.required_step is not None),
        "meets_requirement": sum(1 for row in rows if row.gap == 0),
        "improved": sum(1 for row in compared if row.change > 0),
        "same": sum(1 for row in compared if row.change == 0),
        "lower": sum(1 for row in compared if row.change < 0),
    }


def recommendations(gap_rows, units_for, fallback=None):
    """Units for each gap competence: the author's links first, else `fallback(key)` (the plugin's)."""
    found = []
    for row in gap_rows:
        units = list(units_for(row.key))
        if not units and fallback is not None:
            units = list(fallback(row.key))
        found.append({"competence": row.key, "units": units})
    return found
