"""Competence frameworks and role profiles as versioned data files (data/, roles/) with JSON Schemas (schema/).

See SOURCES.md for where each file comes from, its licence and attribution; catalogue.py is the pure loader.
"""
