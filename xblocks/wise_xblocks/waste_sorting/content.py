"""The author's content of a waste-sorting block, as plain dataclasses, and its validation.

One validator serves every way content arrives: a Studio save, an OLX import and a preset
file. It never raises on bad input; it returns a list of {"field", "message"} so the caller
can answer 400 with every problem at once (Studio) or raise an OLXError naming the first
(import). Messages are msgids marked with `_()` and translated by the caller's translator.

Pure: no XBlock or Django import.
"""

import re
from dataclasses import asdict, dataclass, field
from html import unescape

from wise_xblocks.common.i18n import _, ngettext_noop
from wise_xblocks.common.sanitize import plain_text, sanitize_html

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
COLOUR_PATTERN = re.compile(r"^#[0-9a-fA-F]{6}$")
MODES = ("practice", "assessment")
# How a bin's contents count in the simulation (see simulation.py): "recycling" streams count
# towards the municipal recycling rate, "special" streams (hazardous waste, electronics, the
# collection centre) are collected separately but are not municipal recycling, "residual" is
# the mixed-waste bin that goes to incineration or landfill.
STREAMS = ("recycling", "special", "residual")
# Icons are a second, non-colour cue on each bin (WCAG 1.4.1): each one has its own pattern.
ICONS = (
    "paper",
    "glass",
    "plastic",
    "metal",
    "packaging",
    "organic",
    "garden",
    "residual",
    "hazardous",
    "battery",
    "electronics",
    "textile",
    "centre",
    "carton",
    "other",
)
MAX_BINS = 12
MAX_ITEMS = 200
MAX_NAME = 120
MAX_TEXT = 4000
MIN_PACE, MAX_PACE = 2, 60
DEFAULT_WEIGHT_G = 100


@dataclass(frozen=True)
class Bin:
    id: str
    name: str
    colour: str = "#5a6270"
    icon: str = "other"
    stream: str = "recycling"
    description: str = ""


@dataclass(frozen=True)
class Item:
    id: str
    name: str
    bin: str
    explanation: str = ""  # sanitised author HTML: where it goes and why
    description: str = ""  # plain text shown under the name
    image: str = ""  # a portable /static/ URL or https URL
    image_alt: str = ""
    weight: int = DEFAULT_WEIGHT_G  # grams, for the simulation's rates (EU targets are by weight)
    source: str = ""  # where the rule comes from (plain text)


@dataclass(frozen=True)
class Content:
    bins: tuple = ()
    items: tuple = ()
    intro: str = ""  # sanitised author HTML, e.g. "typical rules, check your municipality"

    def bin_ids(self):
        return [b.id for b in self.bins]

    def item(self, item_id):
        return next((i for i in self.items if i.id == item_id), None)

    def bin(self, bin_id):
        return next((b for b in self.bins if b.id == bin_id), None)

    def to_dict(self):
        return {"intro": self.intro, "bins": [asdict(b) for b in self.bins], "items": [asdict(i) for i in self.items]}


@dataclass(frozen=True)
class Settings:
    """The block settings an author sets next to the content."""

    display_name: str = "Waste sorting"
    mode: str = "practice"
    pool_size: int = 0  # 0: every item; N: a per-learner draw of N items
    shuffle: bool = True
    simulation: bool = False
    simulation_pace: int = 8  # seconds per item on the sorting line
    preset: str = ""
    weight: float = 1.0
    max_attempts: int = 0
    showanswer: str = "finished"


@dataclass
class Problems:
    """Collects {field, message, values}; `translated()` renders them in the caller's language."""

    found: list = field(default_factory=list)

    def add(self, where, message, **values):
        self.found.append({"field": where, "message": message, "values": values})

    def __bool__(self):
        return bool(self.found)

    def translated(self, gettext=lambda s: s):
        return [{"field": p["field"], "message": gettext(p["message"]).format(**p["values"])} for p in self.found]


def _text(raw, where, problems, required=False, max_length=MAX_NAME, html=False):
    if raw is None or raw == "":
        if required:
            problems.add(where, _("This field is required."))
        return ""
    if not isinstance(raw, str):
        problems.add(where, _("This field must be text."))
        return ""
    if len(raw) > max_length:
        problems.add(
            where,
            ngettext_noop(
                "This field is longer than {limit} character.", "This field is longer than {limit} characters.", "limit"
            ),
            limit=max_length,
        )
        return ""
    # plain_text strips tags but returns HTML-escaped text; names are shown with textContent
    # and auto-escaping templates, so keep them as the characters the author typed ("&", not "&amp;").
    cleaned = sanitize_html(raw) if html else unescape(plain_text(raw))
    if required and not cleaned.strip():
        problems.add(where, _("This field is required."))
    return cleaned.strip()


def _id(raw, where, problems, seen):
    if not isinstance(raw, str) or not ID_PATTERN.match(raw):
        problems.add(where, _("Use 1-64 lowercase letters, digits, '-' or '_' (starting with a letter or digit)."))
        return None
    if raw in seen:
        problems.add(where, _('The id "{id}" is used twice; each id must be unique.'), id=raw)
        return None
    seen.add(raw)
    return raw


def _choice(raw, where, problems, choices, default):
    if raw is None or raw == "":
        return default
    if raw not in choices:
        problems.add(where, _("Choose one of: {choices}."), choices=", ".join(choices))
        return default
    return raw


def _url(raw, where, problems):
    if not raw:
        return ""
    if not isinstance(raw, str) or len(raw) > 500:
        problems.add(where, _("The image must be a URL of at most 500 characters."))
        return ""
    if not (raw.startswith("/static/") or raw.startswith("https://")):
        problems.add(where, _("Use a course asset URL starting with /static/ (or an https:// URL)."))
        return ""
    if any(ch in raw for ch in "\"'<> \n"):
        problems.add(where, _("The image URL contains characters that are not allowed."))
        return ""
    return raw


def _int(raw, where, problems, minimum, maximum, default):
    if raw is None or raw == "":
        return default
    if isinstance(raw, bool):
        problems.add(where, _("Enter a whole number."))
        return default
    if isinstance(raw, str):
        try:
            raw = int(raw.strip())
        except ValueError:
            problems.add(where, _("Enter a whole number."))
            return default
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if not isinstance(raw, int):
        problems.add(where, _("Enter a whole number."))
        return default
    if raw < minimum or raw > maximum:
        problems.add(where, _("Enter a number from {minimum} to {maximum}."), minimum=minimum, maximum=maximum)
        return default
    return raw


def _bool(raw, where, problems, default):
    if raw is None:
        return default
    if isinstance(raw, bool):
        return raw
    if raw in ("true", "false"):
        return raw == "true"
    problems.add(where, _("Choose yes or no."))
    return default


def parse_bin(raw, index, problems, seen):
    where = f"bins[{index}]"
    if not isinstance(raw, dict):
        problems.add(where, _("Each bin must be an object with an id and a name."))
        return None
    bin_id = _id(raw.get("id"), f"{where}.id", problems, seen)
    colour = raw.get("colour") or "#5a6270"
    if not isinstance(colour, str) or not COLOUR_PATTERN.match(colour):
        problems.add(f"{where}.colour", _("Use a colour like #1f5fbf."))
        colour = "#5a6270"
    return Bin(
        id=bin_id or "",
        name=_text(raw.get("name"), f"{where}.name", problems, required=True),
        colour=colour.lower(),
        icon=_choice(raw.get("icon"), f"{where}.icon", problems, ICONS, "other"),
        stream=_choice(raw.get("stream"), f"{where}.stream", problems, STREAMS, "recycling"),
        description=_text(raw.get("description"), f"{where}.description", problems, max_length=MAX_TEXT),
    )


def parse_item(raw, index, problems, seen, bin_ids):
    where = f"items[{index}]"
    if not isinstance(raw, dict):
        problems.add(where, _("Each item must be an object with an id, a name and a bin."))
        return None
    item_id = _id(raw.get("id"), f"{where}.id", problems, seen)
    target = raw.get("bin")
    if target not in bin_ids:
        problems.add(
            f"{where}.bin",
            _('"{value}" is not one of this block\'s bins ({bins}).'),
            value=str(target)[:64],
            bins=", ".join(bin_ids),
        )
        target = ""
    image = _url(raw.get("image"), f"{where}.image", problems)
    image_alt = _text(raw.get("image_alt"), f"{where}.image_alt", problems, max_length=500)
    if image and not image_alt:
        problems.add(f"{where}.image_alt", _("Describe the image for learners who cannot see it."))
    return Item(
        id=item_id or "",
        name=_text(raw.get("name"), f"{where}.name", problems, required=True),
        bin=target,
        explanation=_text(raw.get("explanation"), f"{where}.explanation", problems, max_length=MAX_TEXT, html=True),
        description=_text(raw.get("description"), f"{where}.description", problems, max_length=MAX_TEXT),
        image=image,
        image_alt=image_alt,
        weight=_int(raw.get("weight"), f"{where}.weight", problems, 1, 1_000_000, DEFAULT_WEIGHT_G),
        source=_text(raw.get("source"), f"{where}.source", problems, max_length=MAX_TEXT),
    )


def parse_content(raw):
    """(Content, Problems) from a JSON-like dict; Content is only trustworthy when Problems is empty."""
    problems = Problems()
    if not isinstance(raw, dict):
        problems.add("content", _("The content must be an object with bins and items."))
        return Content(), problems
    raw_bins, raw_items = raw.get("bins"), raw.get("items")
    if not isinstance(raw_bins, list) or not 2 <= len(raw_bins) <= MAX_BINS:
        problems.add(
            "bins",
            ngettext_noop("Add from {minimum} to {maximum} bin.", "Add from {minimum} to {maximum} bins.", "maximum"),
            minimum=2,
            maximum=MAX_BINS,
        )
        raw_bins = raw_bins[:MAX_BINS] if isinstance(raw_bins, list) else []
    if not isinstance(raw_items, list) or not 1 <= len(raw_items) <= MAX_ITEMS:
        problems.add(
            "items",
            ngettext_noop("Add from {minimum} to {maximum} item.", "Add from {minimum} to {maximum} items.", "maximum"),
            minimum=1,
            maximum=MAX_ITEMS,
        )
        raw_items = raw_items[:MAX_ITEMS] if isinstance(raw_items, list) else []
    seen_bins, seen_items = set(), set()
    bins = [parse_bin(b, n, problems, seen_bins) for n, b in enumerate(raw_bins)]
    bins = tuple(b for b in bins if b is not None)
    bin_ids = [b.id for b in bins if b.id]
    items = [parse_item(i, n, problems, seen_items, bin_ids) for n, i in enumerate(raw_items)]
    intro = _text(raw.get("intro"), "intro", problems, max_length=MAX_TEXT, html=True)
    return Content(bins=bins, items=tuple(i for i in items if i is not None), intro=intro), problems


def parse_settings(raw, item_count):
    """(Settings, Problems) for the author's settings; pool_size is checked against the item count."""
    problems = Problems()
    if not isinstance(raw, dict):
        problems.add("settings", _("The settings must be an object."))
        return Settings(), problems
    from wise_xblocks.common.showanswer import POLICIES  # pure module

    weight = raw.get("weight", 1.0)
    if isinstance(weight, str):
        try:
            weight = float(weight)
        except ValueError:
            weight = None
    if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not 0 <= weight <= 1000 or weight != weight:
        problems.add("weight", _("Enter a number from {minimum} to {maximum}."), minimum=0, maximum=1000)
        weight = 1.0
    settings = Settings(
        display_name=_text(raw.get("display_name"), "display_name", problems, required=True),
        mode=_choice(raw.get("mode"), "mode", problems, MODES, "practice"),
        pool_size=_int(raw.get("pool_size"), "pool_size", problems, 0, MAX_ITEMS, 0),
        shuffle=_bool(raw.get("shuffle"), "shuffle", problems, True),
        simulation=_bool(raw.get("simulation"), "simulation", problems, False),
        simulation_pace=_int(raw.get("simulation_pace"), "simulation_pace", problems, MIN_PACE, MAX_PACE, 8),
        preset=_text(raw.get("preset"), "preset", problems, max_length=40),
        weight=float(weight),
        max_attempts=_int(raw.get("max_attempts"), "max_attempts", problems, 0, 1000, 0),
        showanswer=_choice(raw.get("showanswer"), "showanswer", problems, POLICIES, "finished"),
    )
    if settings.pool_size and item_count and settings.pool_size > item_count:
        problems.add(
            "pool_size",
            _("The pool size ({size}) is larger than the number of items ({count})."),
            size=settings.pool_size,
            count=item_count,
        )
    return settings, problems
