"""The simulation round's results: what the learner's sorting would mean for a municipality.

Rates are by weight, like the EU targets (Directive 2008/98/EC art. 11(2)(c)-(e) as amended by
Directive (EU) 2018/851: preparing for re-use and recycling of municipal waste at least 55 %
by 2025, 60 % by 2030, 65 % by 2035).

- separate-collection rate: share of the weight the learner put into any bin other than a
  residual one (what a municipality would count as separately collected);
- recycling rate: share of the weight that reaches a recycling bin AND belongs there (a
  wrong item in a recycling bin is a contaminant: it is sorted out and lost, and it is why
  real recycling rates are lower than collection rates);
- best possible: the recycling rate if every item of this round were sorted right, so a
  learner can see how far the item mix itself allows the targets to be met;
- contamination per bin: share of the weight in that bin that does not belong there.

An item that passed the sorting line without being sorted ends in the residual waste.
Pure: no XBlock or Django import.
"""

from dataclasses import dataclass

EU_MUNICIPAL_TARGETS = ((2025, 0.55), (2030, 0.60), (2035, 0.65))
SOURCE_NOTE = (
    "Directive 2008/98/EC art. 11(2)(c)-(e) as amended by Directive (EU) 2018/851: "
    "preparing for re-use and recycling of municipal waste, by weight."
)


@dataclass(frozen=True)
class BinOutcome:
    bin: str
    weight: int
    wrong_weight: int
    contaminants: tuple

    @property
    def contamination(self):
        return self.wrong_weight / self.weight if self.weight else 0.0


def _rate(part, whole):
    return part / whole if whole else 0.0


def simulate(content, item_ids, placements):
    """The round's outcome as a JSON-ready dict; `placements` may leave items unsorted."""
    streams = {b.id: b.stream for b in content.bins}
    residual = next((b.id for b in content.bins if b.stream == "residual"), None)
    total = separate = recycled = possible = 0
    per_bin = {b.id: {"weight": 0, "wrong": 0, "contaminants": []} for b in content.bins}
    unsorted = []
    for item_id in item_ids:
        item = content.item(item_id)
        chosen = placements.get(item_id)
        total += item.weight
        if streams.get(item.bin) == "recycling":
            possible += item.weight
        if chosen is None:
            unsorted.append(item_id)
            chosen = residual
            if chosen is None:
                continue
        bucket = per_bin[chosen]
        bucket["weight"] += item.weight
        if streams[chosen] != "residual":
            separate += item.weight
        if chosen == item.bin:
            if streams[chosen] == "recycling":
                recycled += item.weight
        elif item_id not in unsorted:
            bucket["wrong"] += item.weight
            bucket["contaminants"].append(item_id)
    recycling_rate = _rate(recycled, total)
    bins = [
        BinOutcome(b.id, per_bin[b.id]["weight"], per_bin[b.id]["wrong"], tuple(per_bin[b.id]["contaminants"]))
        for b in content.bins
    ]
    return {
        "total_weight": total,
        "separate_collection_rate": _rate(separate, total),
        "recycling_rate": recycling_rate,
        "best_possible_rate": _rate(possible, total),
        "targets": [
            {"year": year, "target": target, "met": recycling_rate >= target} for year, target in EU_MUNICIPAL_TARGETS
        ],
        "bins": [
            {"bin": b.bin, "weight": b.weight, "contamination": b.contamination, "contaminants": list(b.contaminants)}
            for b in bins
        ],
        "contaminating_items": [i for b in bins for i in b.contaminants],
        "unsorted": unsorted,
        "source": SOURCE_NOTE,
    }


def hide_answers(outcome):
    """The same outcome without naming which items were wrong (assessment before show-answer)."""
    hidden = dict(outcome)
    hidden["bins"] = [{k: v for k, v in b.items() if k != "contaminants"} for b in outcome["bins"]]
    hidden["contaminating_items"] = []
    return hidden
