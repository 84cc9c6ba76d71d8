"""Sorting rules: which items a learner gets, in which order, and how their placements score.

Pure: the caller passes the content, the learner's seed parts and the placements.
"""

from dataclasses import dataclass

from wise_xblocks.common.handlers import InvalidPayload
from wise_xblocks.common.i18n import _
from wise_xblocks.common.seeding import rng_for


def learner_items(content, learner, block, pool_size=0, shuffle=True):
    """The item ids this learner sorts, in their order: the same on every reload, different per learner.

    With a pool size N (0 < N < number of items) the learner gets a seeded draw of N items;
    the draw and the order come from one generator so that changing `shuffle` does not
    change which items were drawn.
    """
    ids = [item.id for item in content.items]
    rng = rng_for("wise_waste_sorting", block, learner)
    if pool_size and 0 < pool_size < len(ids):
        drawn = set(rng.sample(ids, pool_size))
        ids = [i for i in ids if i in drawn]  # keep author order before an optional shuffle
    if shuffle:
        rng.shuffle(ids)
    return ids


def parse_placement(data, item_ids, bin_ids):
    """(item_id, bin_id) from {"item": ..., "bin": ...}; bin may be null to take an item back."""
    if not isinstance(data, dict):
        raise InvalidPayload(_("The request must be a JSON object."))
    item_id, bin_id = data.get("item"), data.get("bin")
    if not isinstance(item_id, str) or item_id not in item_ids:
        raise InvalidPayload(_("Unknown item."), field="item")
    if bin_id is not None and (not isinstance(bin_id, str) or bin_id not in bin_ids):
        raise InvalidPayload(_("Unknown bin."), field="bin")
    return item_id, bin_id


def parse_placements(data, item_ids, bin_ids, require_all=False, key="placements"):
    """{item_id: bin_id} from {"placements": {...}}; every key must be one of the learner's items."""
    if not isinstance(data, dict):
        raise InvalidPayload(_("The request must be a JSON object."))
    placements = data.get(key, {})
    if not isinstance(placements, dict) or len(placements) > len(item_ids):
        raise InvalidPayload(_("Placements must map each item to a bin."), field=key)
    allowed_items, allowed_bins = set(item_ids), set(bin_ids)
    for item_id, bin_id in placements.items():
        if item_id not in allowed_items:
            raise InvalidPayload(_("Unknown item."), field=key)
        if not isinstance(bin_id, str) or bin_id not in allowed_bins:
            raise InvalidPayload(_("Unknown bin."), field=key)
    if require_all and len(placements) != len(item_ids):
        raise InvalidPayload(_("Sort every item before you submit."), field=key)
    return dict(placements)


def item_feedback(content, item_id, bin_id, reveal=True):
    """What a learner sees about one placement; the right bin and explanation only when revealed."""
    item = content.item(item_id)
    feedback = {"item": item_id, "bin": bin_id, "correct": item.bin == bin_id}
    if reveal:
        feedback["correct_bin"] = item.bin
        feedback["explanation"] = item.explanation
    return feedback


@dataclass(frozen=True)
class Result:
    item_ids: tuple
    placements: dict
    correct: tuple  # ids of correctly placed items

    @property
    def fraction(self):
        return len(self.correct) / len(self.item_ids) if self.item_ids else 0.0

    def for_learner(self, content, reveal, show_marks=True):
        """Score and counts always; per-item marks when `show_marks`; right bins and why only when `reveal`."""
        body = {"score": self.fraction, "correct_count": len(self.correct), "total": len(self.item_ids)}
        if show_marks or reveal:
            body["items"] = [item_feedback(content, i, self.placements.get(i), reveal=reveal) for i in self.item_ids]
        return body


def grade(content, item_ids, placements):
    """The fraction of the learner's items in their right bin (an unplaced item is wrong)."""
    correct = tuple(i for i in item_ids if placements.get(i) == content.item(i).bin)
    return Result(item_ids=tuple(item_ids), placements=dict(placements), correct=correct)


def update_error_stats(stats, content, result):
    """Add one submission to the per-block {item: {"seen", "wrong", "into": {bin: n}}} counters."""
    stats = {
        key: {"seen": v.get("seen", 0), "wrong": v.get("wrong", 0), "into": dict(v.get("into", {}))}
        for key, v in (stats or {}).items()
    }
    for item_id in result.item_ids:
        entry = stats.setdefault(item_id, {"seen": 0, "wrong": 0, "into": {}})
        entry["seen"] += 1
        if item_id not in result.correct:
            entry["wrong"] += 1
            chosen = result.placements.get(item_id) or "unsorted"
            entry["into"][chosen] = entry["into"].get(chosen, 0) + 1
    return stats


def error_summary(stats, content):
    """Rows for staff, most often mis-sorted first: item, right bin, error rate and the wrong bins chosen."""
    rows = []
    for item in content.items:
        entry = (stats or {}).get(item.id, {})
        seen, wrong = entry.get("seen", 0), entry.get("wrong", 0)
        into = sorted(entry.get("into", {}).items(), key=lambda kv: (-kv[1], kv[0]))
        rows.append(
            {
                "item": item.id,
                "name": item.name,
                "correct_bin": item.bin,
                "seen": seen,
                "wrong": wrong,
                "error_rate": (wrong / seen) if seen else None,
                "wrong_bins": [{"bin": b, "count": n} for b, n in into],
            }
        )
    rows.sort(key=lambda r: (-(r["error_rate"] or 0), -r["wrong"], r["item"]))
    return rows
