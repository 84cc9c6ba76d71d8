"""OLX for the waste-sorting block: readable child elements, strict parse, lossless export.

    <wise_waste_sorting display_name="Sorting at home" mode="practice" pool_size="0" ...>
      <intro><p>Typical rules - check your municipality.</p></intro>
      <bin id="paper" name="Paper and cardboard" colour="#1f5fbf" icon="paper" stream="recycling"/>
      <item id="pizza-box" name="Greasy pizza box" bin="residual" weight="150" source="...">
        <explanation>Grease spoils paper recycling ...</explanation>
      </item>
    </wise_waste_sorting>

Everything goes through content.parse_content/parse_settings, the same validation a Studio
save gets; the first problem becomes an OLXError naming the element and attribute.
"""

import re

from lxml import etree

from wise_xblocks.common.olx import OLXError, OLXReader, append_html, set_attrs
from wise_xblocks.common.versioning import BlockFormat

from .content import Content, Settings, parse_content, parse_settings

BLOCK_TYPE = "wise_waste_sorting"
# OLX and learner-state format versions (common/versioning.py); wise_format="1" on export.
FORMAT = BlockFormat(BLOCK_TYPE)
SETTINGS_ATTRS = (
    "display_name",
    "mode",
    "weight",
    "max_attempts",
    "showanswer",
    "pool_size",
    "shuffle",
    "simulation",
    "simulation_pace",
    "preset",
)
# Other attributes on the block element (url_name, xblock-family, platform settings such as
# due or graded) belong to the runtime; the block keeps those that are its fields.
BIN_ATTRS = ("id", "name", "colour", "icon", "stream", "description")
ITEM_ATTRS = ("id", "name", "bin", "weight", "image", "image_alt", "description", "source")
FIELD_PATH = re.compile(r"^(bins|items)\[(\d+)\](?:\.(\w+))?$")


def _check_attrs(reader, node, allowed):
    for name in node.attrib:
        if name not in allowed:
            raise reader.error(_describe(node), f"has an unknown attribute (allowed: {', '.join(allowed)})", name)


def _describe(node):
    return f'{node.tag} id="{node.get("id")}"' if node.get("id") else node.tag


def _raw_item(reader, node):
    _check_attrs(reader, node, ITEM_ATTRS)
    reader.only_children(node, ("explanation",))
    explanations = reader.children(node, "explanation")
    if len(explanations) > 1:
        raise reader.error(_describe(node), "has more than one <explanation>")
    raw = {name: node.get(name) for name in ITEM_ATTRS if node.get(name) is not None}
    raw["explanation"] = reader.inner_html(explanations[0]) if explanations else ""
    return raw


def read_block(node):
    """(Settings, Content) from a <wise_waste_sorting> element, or OLXError naming what to fix."""
    node = FORMAT.upgrade_olx(node)  # older format versions read as the current one
    reader = OLXReader(BLOCK_TYPE, node)
    reader.only_children(node, ("intro", "bin", "item"))
    intros = reader.children(node, "intro")
    if len(intros) > 1:
        raise reader.error("intro", "appears more than once")
    bin_nodes, item_nodes = reader.children(node, "bin"), reader.children(node, "item")
    for bin_node in bin_nodes:
        _check_attrs(reader, bin_node, BIN_ATTRS)
        reader.only_children(bin_node, ())
    raw = {
        "intro": reader.inner_html(intros[0]) if intros else "",
        "bins": [{name: b.get(name) for name in BIN_ATTRS if b.get(name) is not None} for b in bin_nodes],
        "items": [_raw_item(reader, i) for i in item_nodes],
    }
    content, problems = parse_content(raw)
    if problems:
        raise _as_olx_error(reader, node, bin_nodes, item_nodes, problems.translated()[0])
    raw_settings = {name: node.get(name) for name in SETTINGS_ATTRS if node.get(name) is not None}
    raw_settings.setdefault("display_name", Settings.display_name)
    settings, problems = parse_settings(raw_settings, len(content.items))
    if problems:
        problem = problems.translated()[0]
        raise reader.error(node.tag, problem["message"], problem["field"])
    return settings, content


def _as_olx_error(reader, node, bin_nodes, item_nodes, problem):
    match = FIELD_PATH.match(problem["field"])
    if not match:
        if problem["field"] == "intro":
            return reader.error("intro", problem["message"])
        return reader.error(node.tag, f"<{problem['field'][:-1]}> elements: {problem['message']}")
    kind, index, attribute = match.group(1), int(match.group(2)), match.group(3)
    element = (bin_nodes if kind == "bins" else item_nodes)[index]
    if attribute == "explanation":
        return reader.error(f"{_describe(element)}> <explanation", problem["message"])
    return reader.error(_describe(element), problem["message"], attribute)


def write_block(node, settings, content):
    """Write settings as attributes and content as readable child elements on `node`."""
    FORMAT.stamp_olx(node)
    set_attrs(node, **{name: getattr(settings, name) for name in SETTINGS_ATTRS})
    if content.intro:
        append_html(node, "intro", content.intro)
    for b in content.bins:
        set_attrs(
            etree.SubElement(node, "bin"),
            id=b.id,
            name=b.name,
            colour=b.colour,
            icon=b.icon,
            stream=b.stream,
            description=b.description or None,
        )
    for i in content.items:
        item_node = set_attrs(
            etree.SubElement(node, "item"),
            id=i.id,
            name=i.name,
            bin=i.bin,
            weight=i.weight,
            image=i.image or None,
            image_alt=i.image_alt or None,
            description=i.description or None,
            source=i.source or None,
        )
        if i.explanation:
            append_html(item_node, "explanation", i.explanation)
    return node


def to_string(settings, content):
    node = write_block(etree.Element(BLOCK_TYPE), settings, content)
    indent_children(node)
    return etree.tostring(node, encoding="unicode") + "\n"


def indent_children(node):
    """Indent the block's own elements only: author HTML inside <intro>/<explanation> keeps its
    exact whitespace, so export -> import -> export is byte-stable (etree.indent would reflow it)."""
    children = list(node)
    if not children:
        return
    node.text = "\n  "
    for child in children:
        child.tail = "\n  "
        if child.tag == "item" and len(child):
            child.text = "\n    "
            child[-1].tail = "\n  "
    children[-1].tail = "\n"


def from_string(text):
    return read_block(etree.fromstring(text.encode("utf-8")))


__all__ = ["OLXError", "read_block", "write_block", "to_string", "from_string", "Content", "Settings"]
