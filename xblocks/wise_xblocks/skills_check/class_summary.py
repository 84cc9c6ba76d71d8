"""How a group rated itself in one self-check: counts per competence and answer, for course staff. Pure.

A facilitator preparing the face-to-face day wants to know where the group feels weakest, not who said what: the
block keeps only counts (in a field shared by all learners of the block, never per learner) and shows them only
once enough learners answered that no one can be picked out (the same minimum group size as the skills-gap
dashboard).

Stored shape: {"learners": n, "answers": {competence key: {answer: n}}}, where an answer is the step number as a
string (JSON object keys are strings) or SKIPPED.
"""

SKIPPED = "skipped"
DEFAULT_MIN_GROUP = 5


def _answer(step):
    return SKIPPED if step is None else str(int(step))


def update(counts, previous, ratings):
    """The counts after a learner saves ``ratings`` ({key: step or None}); ``previous`` is what the same learner
    had saved before (None for a first save), taken out first so a revision moves the learner, never adds one."""
    learners = int((counts or {}).get("learners", 0))
    answers = {key: dict(per) for key, per in ((counts or {}).get("answers") or {}).items()}
    if previous is None:
        learners += 1
    else:
        for key, step in previous.items():
            per = answers.get(key, {})
            answer = _answer(step)
            if per.get(answer, 0) > 0:
                per[answer] -= 1
                if not per[answer]:
                    del per[answer]
    for key, step in ratings.items():
        per = answers.setdefault(key, {})
        answer = _answer(step)
        per[answer] = per.get(answer, 0) + 1
    return {"learners": learners, "answers": answers}


def report(counts, keys, min_group=DEFAULT_MIN_GROUP):
    """What staff see: {"learners", "min_group", "withheld", "rows": [{"key", "counts": {answer: n}, "skipped"}]}
    in the author's order of ``keys``; no rows while fewer than ``min_group`` learners answered."""
    learners = int((counts or {}).get("learners", 0))
    withheld = learners < min_group
    answers = (counts or {}).get("answers") or {}
    rows = []
    if not withheld:
        for key in keys:
            per = answers.get(key, {})
            rows.append(
                {
                    "key": key,
                    "counts": {int(a): n for a, n in per.items() if a != SKIPPED},
                    "skipped": per.get(SKIPPED, 0),
                }
            )
    return {"learners": learners, "min_group": min_group, "withheld": withheld, "rows": rows}
