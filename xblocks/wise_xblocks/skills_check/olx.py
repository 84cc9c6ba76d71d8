"""Readable OLX for the skills self-assessment, parsed strictly and written back losslessly.

    <wise_skills_check display_name="Your skills at the start" phase="start" group="waste-2026">
      <intro><p>Tell us what you can do today.</p></intro>
      <role key="sorting-operator"/>
      <competence key="sector:waste.sorting"/>
      <competence key="digcomp:1.1"/>
      <unit competence="digcomp:1.1" href="/jump_to_id/search_basics">Searching the internet</unit>
    </wise_skills_check>

Errors name the block, the element and the attribute (common.olx.OLXError).
"""

from lxml import etree

from ..common.olx import OLXReader, append_html, set_attrs
from ..common.sanitize import sanitize_html
from ..common.versioning import BlockFormat
from .content import PHASES, Content, Unit, clean_text

BLOCK_TYPE = "wise_skills_check"
# OLX and learner-state format versions (common/versioning.py); wise_format="1" on export.
FORMAT = BlockFormat(BLOCK_TYPE)
ROOT_ATTRIBUTES = ("url_name", "display_name", "phase", "group", "xblock-family")
CHILDREN = ("intro", "role", "competence", "unit")


def read(node, catalogue=None, platform_attributes=()):
    """Return the Content of a <wise_skills_check> element; raise OLXError on anything unexpected.

    With a `catalogue`, unknown competence and role keys are errors too (a course import
    must not carry a check that cannot be shown). `platform_attributes` are the settings the
    platform mixes into every block (visible_to_staff_only, group_access, ...): the block class
    reads those, this function only lets them through.
    """
    node = FORMAT.upgrade_olx(node)  # older format versions read as the current one
    reader = OLXReader(BLOCK_TYPE, node)
    for name in node.keys():
        if name not in ROOT_ATTRIBUTES and name not in platform_attributes:
            raise reader.error(node.tag, f"unknown attribute (allowed: {', '.join(ROOT_ATTRIBUTES)})", name)
    reader.only_children(node, CHILDREN)
    phase = reader.choice_attr(node, "phase", PHASES, default="start")
    group = reader.text_attr(node, "group", default="", max_length=64)
    reader.text_attr(node, "display_name", max_length=200)  # same cap as the other blocks (read by the block class)

    intro_nodes = reader.children(node, "intro")
    if len(intro_nodes) > 1:
        raise reader.error("intro", "may appear only once")
    intro = sanitize_html(reader.inner_html(intro_nodes[0])) if intro_nodes else ""

    role_nodes = reader.children(node, "role")
    if len(role_nodes) > 1:
        raise reader.error("role", "may appear only once")
    role = reader.text_attr(role_nodes[0], "key", required=True, max_length=100) if role_nodes else ""

    competences = []
    for child in reader.children(node, "competence"):
        key = reader.text_attr(child, "key", required=True, max_length=100)
        if key in competences:
            raise reader.error("competence", f"{key!r} is listed twice", "key")
        competences.append(key)
    if not competences:
        raise reader.error(node.tag, 'needs at least one <competence key="..."/>')

    units = []
    for child in reader.children(node, "unit"):
        competence = reader.text_attr(child, "competence", required=True, max_length=100)
        if competence not in competences:
            raise reader.error("unit", f"{competence!r} is not one of this block's <competence> keys", "competence")
        href = reader.text_attr(child, "href", required=True, max_length=500)
        title = clean_text(child.text)
        if len(child):
            raise reader.error("unit", "must contain only its title as text")
        units.append(Unit(competence, href, title))

    if catalogue is not None:
        for key in competences:
            if key not in catalogue.competences:
                raise reader.error("competence", f"{key!r} is not a competence of any known framework", "key")
        if role and role not in catalogue.roles:
            raise reader.error("role", f"{role!r} is not a known role", "key")

    return Content(
        competences=tuple(competences),
        role=role,
        units=tuple(units),
        phase=phase,
        group=group,
        intro=intro,
        display_name=node.get("display_name", ""),
    )


def write(node, content):
    """Write `content` as attributes and child elements of `node` (stable order, readable)."""
    FORMAT.stamp_olx(node)
    set_attrs(node, display_name=content.display_name or None, phase=content.phase, group=content.group or None)
    if content.intro:
        append_html(node, "intro", content.intro)
    if content.role:
        etree.SubElement(node, "role").set("key", content.role)
    for key in content.competences:
        etree.SubElement(node, "competence").set("key", key)
    for unit in content.units:
        child = etree.SubElement(node, "unit")
        set_attrs(child, competence=unit.competence, href=unit.href)
        child.text = unit.title
    return node
