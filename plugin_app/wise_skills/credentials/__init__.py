"""Verifiable competence credentials (Open Badges 3.0 / W3C Verifiable Credentials) for WISE learners.

A separate Django app (label ``wise_credentials``) inside the openedx-wise distribution, so that its tables and
migrations live apart from the skills-gap core (``wise_skills``), which it only reads through its models and
``permissions``. See docs/developers/credentials.md.
"""
