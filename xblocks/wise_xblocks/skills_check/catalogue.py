"""The competence catalogue the block shows and validates against.

It is the plugin app's PURE loader (wise_skills.frameworks.catalogue: JSON files + schemas, no
Django), which ships in the same distribution, so the block works in a plain workbench where
the wise_skills app is not installed. Role requirements may differ in the database once a
WISE edits them: evidence.role_requirements() asks the plugin's API first.
"""

from wise_skills.frameworks.catalogue import data_text, load_catalogue

__all__ = ["catalogue", "data_text", "scale_for", "scales_for"]  # data_text: names in the reader's language

from .statements import load_all


def catalogue():
    return load_catalogue()


def scale_for(key):
    """The StatementSet (learner scale) for a competence key, by its framework."""
    return load_all()[key.split(":", 1)[0]]


def scales_for(keys):
    return {key: scale_for(key) for key in keys}
