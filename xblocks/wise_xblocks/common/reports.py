"""The LMS "problem responses" report (``generate_report_data``), shared by the blocks.

The LMS hands a block an iterator over every learner's stored state and an optional limit on the number of rows;
each block only says which rows one learner's state gives. Pure: no XBlock or Django imports.
"""

from collections.abc import Callable, Iterable, Iterator


def report_rows(
    user_states: Iterable, limit: int | None, rows_of: Callable[[dict], list[dict]]
) -> Iterator[tuple[str, dict]]:
    """(username, row) pairs for the report: ``rows_of(state)`` gives a learner's rows (none for a learner who never
    answered), and at most ``limit`` rows come out in all (the LMS's ``limit_responses``; None: no limit)."""
    count = 0
    for user_state in user_states:
        for row in rows_of(user_state.state or {}):
            if limit is not None and count >= limit:
                return
            count += 1
            yield user_state.username, row
