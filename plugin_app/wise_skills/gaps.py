"""The gap engine: pure arithmetic on levels, no Django import.

Vocabulary
    required   the level a role asks for in a competence (RoleRequirement.level)
    current    the learner's current level (rule: ``current_level``); 0 when there is no evidence
    gap        ``max(0, required - current)``: being above the requirement never offsets another gap

The database reports (``wise_skills.reports``) compute the same numbers with GROUP BY; the functions here are
their reference (the tests compare both) and serve the per-learner views, which only ever touch one learner.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

VERIFIED_PROVENANCES = frozenset({"course_result", "manager_rating"})


@dataclass(frozen=True)
class EvidenceItem:
    level: int
    observed_at: datetime
    verified: bool
    provenance: str = "self_assessment"
    order: int = 0  # recording order (database id): the last tie-breaker


def current_level(evidence: Iterable[EvidenceItem]) -> EvidenceItem | None:
    """The evidence that decides the current level, by the documented rule:

    1. verified evidence wins over unverified (a self-assessment never overrides a checked result);
    2. then the latest ``observed_at``;
    3. then the most recently recorded (``order``).

    Returns None when there is no evidence (the level then counts as 0).
    """
    best = None
    for item in evidence:
        if best is None or (item.verified, item.observed_at, item.order) > (
            best.verified,
            best.observed_at,
            best.order,
        ):
            best = item
    return best


def gap(required: int, current: int | None) -> int:
    return max(0, int(required) - int(current or 0))


@dataclass(frozen=True)
class CompetenceGap:
    competence: str
    required: int
    current: int
    gap: int


def learner_gaps(requirements: dict[str, int], current: dict[str, int]) -> list[CompetenceGap]:
    """Per competence the role requires: required, current (0 if unknown) and gap; largest gap first."""
    rows = [
        CompetenceGap(key, req, int(current.get(key) or 0), gap(req, current.get(key)))
        for key, req in requirements.items()
    ]
    return sorted(rows, key=lambda r: (-r.gap, r.competence))


def top_gaps(gaps: Sequence[CompetenceGap], n: int) -> list[CompetenceGap]:
    """The n largest positive gaps (ties by competence key, so the order is stable)."""
    return [g for g in sorted(gaps, key=lambda r: (-r.gap, r.competence)) if g.gap > 0][: max(0, n)]


@dataclass
class GroupStats:
    """Aggregate over (learner, competence) pairs of one group."""

    learners: int = 0
    pairs: int = 0
    gap_sum: int = 0
    below: int = 0  # pairs with a positive gap
    learners_below: int = 0  # learners with at least one positive gap

    @property
    def mean_gap(self) -> float | None:
        return self.gap_sum / self.pairs if self.pairs else None

    @property
    def share_below(self) -> float | None:
        return self.below / self.pairs if self.pairs else None

    @property
    def share_learners_below(self) -> float | None:
        return self.learners_below / self.learners if self.learners else None


@dataclass(frozen=True)
class Pair:
    group: Hashable
    learner: Hashable
    competence: str
    required: int
    current: int | None


def aggregate(pairs: Iterable[Pair]) -> dict[Hashable, GroupStats]:
    """Reference aggregation: mean gap, share of pairs below requirement, share of learners below, counts."""
    learners: dict[Hashable, set] = defaultdict(set)
    below_learners: dict[Hashable, set] = defaultdict(set)
    stats: dict[Hashable, GroupStats] = defaultdict(GroupStats)
    for p in pairs:
        g = gap(p.required, p.current)
        s = stats[p.group]
        s.pairs += 1
        s.gap_sum += g
        learners[p.group].add(p.learner)
        if g > 0:
            s.below += 1
            below_learners[p.group].add(p.learner)
    for key, s in stats.items():
        s.learners = len(learners[key])
        s.learners_below = len(below_learners[key])
    return dict(stats)


@dataclass(frozen=True)
class Suppression:
    withheld: bool
    reason: str = ""  # "small_group" | "complement" | "secondary"


def suppression(learners: int, min_size: int, unfiltered_learners: int | None = None) -> Suppression:
    """Whether a cell over ``learners`` people must be withheld.

    * fewer than ``min_size`` learners: withheld ("small_group");
    * when filters narrowed the group, the people the filters removed (``unfiltered_learners - learners``) must be
      0 or at least ``min_size`` too, otherwise subtracting the filtered cell from the unfiltered one would show
      the few people left out ("complement").
    """
    if learners < min_size:
        return Suppression(True, "small_group")
    if unfiltered_learners is not None and 0 < unfiltered_learners - learners < min_size:
        return Suppression(True, "complement")
    return Suppression(False)


def secondary_suppression(cells: list[dict], *, count_field: str = "learners") -> list[dict]:
    """If exactly one cell of a table is withheld, also withhold the smallest shown cell.

    Otherwise the withheld cell could be recovered by subtracting the shown cells from the table's total
    (which another report may show). ``cells`` are dicts with ``withheld`` and ``count_field``; changed in place.
    """
    withheld = [c for c in cells if c["withheld"]]
    shown = [c for c in cells if not c["withheld"]]
    if len(withheld) == 1 and shown:
        smallest = min(shown, key=lambda c: (c[count_field], str(c.get("key"))))
        smallest["withheld"] = True
        smallest["withheld_reason"] = "secondary"
    return cells


def group_suppression(cells: list[dict], parent_of, k: int, *, count_field: str = "learners") -> list[dict]:
    """Within each parent group, withhold the smallest shown cells until the withheld ones hold 0 or >= k.

    A report grouped by a coarse dimension (sector, network, country) shows each parent's total; if its
    children (roles, WISEs) are shown but for a few withheld ones, parent minus shown children recovers
    the withheld group. ``parent_of(cell)`` names the cell's parent (None: no parent); ``cells`` still
    carry their counts, and are changed in place.
    """
    groups: dict[Hashable, list[dict]] = {}
    for cell in cells:
        parent = parent_of(cell)
        if parent is not None:
            groups.setdefault(parent, []).append(cell)
    for members in groups.values():
        hidden = sum(c[count_field] or 0 for c in members if c["withheld"])
        shown = sorted((c for c in members if not c["withheld"]), key=lambda c: (c[count_field], str(c.get("key"))))
        while 0 < hidden < k and shown:
            smallest = shown.pop(0)
            smallest["withheld"] = True
            smallest["withheld_reason"] = "secondary"
            hidden += smallest[count_field] or 0
    return cells


def trend(before: dict[Hashable, float | None], after: dict[Hashable, float | None]) -> dict[Hashable, float | None]:
    """Change of a measure (e.g. mean gap) per group between two dates; None where either side is missing.

    A negative change of the mean gap is progress.
    """
    keys = set(before) | set(after)
    return {k: (None if before.get(k) is None or after.get(k) is None else after[k] - before[k]) for k in keys}


@dataclass(frozen=True)
class Unit:
    """A training module mapped to a competence: passing it is evidence of ``level``."""

    source_key: str
    competence: str
    level: int
    title: str = ""


@dataclass
class Recommendation:
    source_key: str
    title: str
    closes: int  # levels of gap it closes in total (over learners for a WISE)
    competences: list[str] = field(default_factory=list)


def recommend(
    gaps_by_learner: dict[Hashable, dict[str, tuple[int, int]]], units: Iterable[Unit], limit: int = 5
) -> list[Recommendation]:
    """Rank training units by how many levels of gap they close.

    ``gaps_by_learner``: learner -> competence -> (required, current). A unit mapped to competence C at level L
    closes ``min(required, L) - current`` levels for a learner below ``required`` (never negative): a unit that
    teaches beyond what the role needs does not count extra. Summed over the unit's competences and over the
    learners (one learner for a profile, every learner of a WISE for a WISE). Ties: more competences touched, then
    the source key, so the order is stable.
    """
    by_source: dict[str, Recommendation] = {}
    for unit in units:
        closed = 0
        for needs in gaps_by_learner.values():
            req_cur = needs.get(unit.competence)
            if req_cur is None:
                continue
            required, current = req_cur
            closed += max(0, min(required, unit.level) - int(current or 0))
        if closed <= 0:
            continue
        rec = by_source.setdefault(unit.source_key, Recommendation(unit.source_key, unit.title or unit.source_key, 0))
        rec.closes += closed
        if unit.competence not in rec.competences:
            rec.competences.append(unit.competence)
    ranked = sorted(by_source.values(), key=lambda r: (-r.closes, -len(r.competences), r.source_key))
    return ranked[: max(0, limit)]
