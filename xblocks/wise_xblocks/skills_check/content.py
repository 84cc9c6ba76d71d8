"""What a course team authors in a skills self-assessment, as plain data, and its validation.

Pure: the catalogue (known competences and roles) is passed in, so the same checks run for a
Studio save, an OLX import and a unit test. Errors are (field, message) pairs with English
msgids; the block translates them for the author.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..common.i18n import _, ngettext_noop

PHASES = ("start", "end")
MAX_COMPETENCES = 30
MAX_UNITS = 100
MAX_TITLE = 200
MAX_HREF = 500
MAX_INTRO = 5000
GROUP_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


@dataclass(frozen=True)
class Unit:
    """A course unit that trains a competence: a link the learner can follow from the result."""

    competence: str
    href: str
    title: str

    def as_dict(self):
        return {"competence": self.competence, "href": self.href, "title": self.title}


@dataclass(frozen=True)
class Content:
    competences: tuple = ()
    role: str = ""
    units: tuple = ()
    phase: str = "start"
    group: str = ""
    intro: str = ""
    display_name: str = ""
    extra: dict = field(default_factory=dict, compare=False)

    def units_for(self, key):
        return [unit for unit in self.units if unit.competence == key]


class ContentError(ValueError):
    """Invalid authored content: `errors` is a list of (field, message) pairs, messages as msgids."""

    def __init__(self, errors):
        super().__init__("; ".join(f"{name}: {message}" for name, message in errors))
        self.errors = errors


def clean_text(text):
    """Plain text for titles and names: no control characters, trimmed. It is escaped where it is
    shown (Django templates, the page's escapeHtml), so it is stored as typed ("Tips & tricks")."""
    return "".join(ch for ch in str(text or "") if ch in "\t" or ord(ch) >= 32).strip()


def href_is_safe(href):
    """A course-relative path (/jump_to_id/..., /courses/...) or an http(s) URL; nothing else."""
    if not href or len(href) > MAX_HREF or any(ch.isspace() or ord(ch) < 32 for ch in href):
        return False
    if href.startswith("/") and not href.startswith("//"):
        return True
    parts = urlsplit(href)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def validate(content, catalogue):
    """Return a list of (field, message, values) problems; empty when the content is valid."""
    problems = []
    if not content.competences:
        problems.append(("competences", _("Choose at least one competence."), {}))
    if len(content.competences) > MAX_COMPETENCES:
        problems.append(
            (
                "competences",
                ngettext_noop("Choose at most {limit} competence.", "Choose at most {limit} competences.", "limit"),
                {"limit": MAX_COMPETENCES},
            )
        )
    seen = set()
    for key in content.competences:
        if key in seen:
            problems.append(("competences", _("The competence {key} is listed twice."), {"key": key}))
        seen.add(key)
        if key not in catalogue.competences:
            problems.append(
                (
                    "competences",
                    _("Unknown competence {key}. Use a key from the frameworks list, for example digcomp:1.1."),
                    {"key": key},
                )
            )
    if content.role and content.role not in catalogue.roles:
        problems.append(("role", _("Unknown role {key}."), {"key": content.role}))
    if content.phase not in PHASES:
        problems.append(("phase", _("The phase must be start or end."), {}))
    if content.group and not GROUP_PATTERN.match(content.group):
        problems.append(("group", _("The group id may only use letters, digits, - and _ (at most 64)."), {}))
    if content.phase == "end" and not content.group:
        problems.append(("group", _("An end-of-course check needs the group id of its start-of-course check."), {}))
    if len(content.units) > MAX_UNITS:
        problems.append(
            (
                "units",
                ngettext_noop(
                    "At most {limit} unit link is allowed.", "At most {limit} unit links are allowed.", "limit"
                ),
                {"limit": MAX_UNITS},
            )
        )
    for unit in content.units:
        if unit.competence not in seen:
            problems.append(
                (
                    "units",
                    _("The unit link {title} is for {key}, which this check does not ask about."),
                    {"title": unit.title, "key": unit.competence},
                )
            )
        if not href_is_safe(unit.href):
            problems.append(
                (
                    "units",
                    _("The unit link {title} needs an address that starts with / or https://."),
                    {"title": unit.title},
                )
            )
        if not unit.title.strip() or len(unit.title) > MAX_TITLE:
            problems.append(
                (
                    "units",
                    ngettext_noop(
                        "Every unit link needs a title of at most {limit} character.",
                        "Every unit link needs a title of at most {limit} characters.",
                        "limit",
                    ),
                    {"limit": MAX_TITLE},
                )
            )
    if len(content.intro) > MAX_INTRO:
        problems.append(
            (
                "intro",
                ngettext_noop(
                    "The introduction is longer than {limit} character.",
                    "The introduction is longer than {limit} characters.",
                    "limit",
                ),
                {"limit": MAX_INTRO},
            )
        )
    return problems


def check(content, catalogue):
    problems = validate(content, catalogue)
    if problems:
        raise ContentError([(name, message.format(**values)) for name, message, values in problems])
    return content
