"""Skills self-assessment block (wise_skills_check)."""

from .block import SkillsCheckXBlock

__all__ = ["SkillsCheckXBlock"]
