"""The skills-gap dashboard, the learner profile page and the export views (issue 6)."""
