"""wise_skills: competence frameworks, WISEs and roles, evidence and skills-gap reports for Open edX."""

__version__ = "0.1.0"
