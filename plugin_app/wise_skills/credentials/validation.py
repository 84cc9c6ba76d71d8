"""Validate an issued credential against the shipped OB 3.0 JSON Schema (schema/SOURCE.md). Pure: no Django."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft201909Validator, FormatChecker

SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "ob_v3p0_achievementcredential_schema.json"


class SchemaError(ValueError):
    """The credential does not match the Open Badges 3.0 schema; the message lists where and why."""


@lru_cache(maxsize=1)
def _validator() -> Draft201909Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft201909Validator.check_schema(schema)
    return Draft201909Validator(schema, format_checker=FormatChecker())


def errors(credential: dict) -> list[str]:
    return [
        f"at {'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
        for e in sorted(_validator().iter_errors(credential), key=lambda e: list(map(str, e.absolute_path)))
    ]


def validate(credential: dict) -> None:
    problems = errors(credential)
    if problems:
        raise SchemaError("not a valid Open Badges 3.0 AchievementCredential: " + "; ".join(problems))
