"""Which level a learner may claim a credential for, from their evidence. Pure: no Django.

The rule (documented in docs/developers/credentials.md):

1. Only **verified** evidence of kind ``course_result`` (a passed course or graded unit mapped to the
   competence) or ``manager_rating`` (a WISE manager's rating) counts. A self-assessment never does, even
   when it is the newest, the highest, or marked verified: a learner's own opinion is not proof for an employer.
2. Among the qualifying evidence, the latest (``observed_at``, then the most recent row) sets the level, the
   same "latest verified evidence wins" rule as the skills profile: a later, lower rating lowers what can be
   claimed (skills fade, managers correct).
3. Level 0 ("not yet") gives nothing to claim.
4. The credential cites as evidence every qualifying row at or above that level, newest first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

QUALIFYING_KINDS = ("course_result", "manager_rating")


@dataclass(frozen=True)
class EvidenceRow:
    id: int
    competence: str
    kind: str
    level: int
    observed_at: datetime
    verified: bool
    source_key: str = ""
    recorded_by_id: int | None = None


@dataclass(frozen=True)
class Claimable:
    competence: str
    level: int
    evidence: tuple  # EvidenceRow, newest first


def qualifies(row: EvidenceRow) -> bool:
    return row.verified and row.kind in QUALIFYING_KINDS


def claimable(rows) -> dict[str, Claimable]:
    """``{competence key: Claimable}`` for every competence with a claimable level."""
    by_comp: dict[str, list[EvidenceRow]] = {}
    for row in rows:
        if qualifies(row):
            by_comp.setdefault(row.competence, []).append(row)
    out = {}
    for comp, items in by_comp.items():
        items.sort(key=lambda r: (r.observed_at, r.id), reverse=True)
        level = items[0].level
        if level >= 1:
            out[comp] = Claimable(comp, level, tuple(r for r in items if r.level >= level))
    return out
