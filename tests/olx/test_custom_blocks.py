"""Every WISE block in the course: installed, parsed by the block's own strict OLX parser, rendered in an
XBlock runtime, and unchanged by an export -> import round trip.

The test iterates over what the course contains, so a new block in the course is covered without
touching this file, and a tag with no installed block fails here (the course would not import).
"""

import io

import pytest
from lxml import etree
from wise_xblocks.common.versioning import OLX_ATTRIBUTE
from xblock.core import XBlock
from xblock.fields import Scope
from xblock.plugin import PluginMissingError

from course_content.course_tree import CUSTOM_TAGS, load_course
from tests.xblock_runtime import RecordingRuntime

COURSE = load_course()
COMPONENTS = COURSE.custom_components()
# Attributes a runtime adds on export that are not part of the block's own OLX.
RUNTIME_ATTRS = ("xblock-family", "url_name")


def test_the_course_uses_every_wise_block():
    assert {c.tag for c in COMPONENTS} == set(CUSTOM_TAGS)


@pytest.mark.parametrize("tag", sorted({c.tag for c in COMPONENTS}))
def test_each_tag_in_the_course_has_an_installed_block(tag):
    try:
        cls = XBlock.load_class(tag)
    except PluginMissingError:
        pytest.fail(
            f"<{tag}> is used in the course but no XBlock is installed under the xblock.v1 entry point "
            f"{tag!r} (setup.py XBLOCKS, then pip install -e .): the course would not import"
        )
    assert issubclass(cls, XBlock)


def _content_fields(block):
    return {
        name: field.read_from(block)
        for name, field in block.fields.items()
        if field.scope in (Scope.content, Scope.settings) and name not in ("parent", "children", "tags")
    }


def _export(block, runtime_export=False):
    """The block's OLX element as an exporter writes it.

    Default: like a course export, the block writes itself into a fresh element of its unit.
    runtime_export=True: through XBlock's own Runtime.export_to_xml, whose root element declares
    the XBlock XML namespaces (a block must not let those leak into its author HTML).
    """
    if runtime_export:
        out = io.BytesIO()
        block.runtime.export_to_xml(block, out)
        root = etree.fromstring(out.getvalue())
    else:
        root = etree.Element("unknown")
        block.add_xml_to_node(root)
    for name in RUNTIME_ATTRS:
        root.attrib.pop(name, None)
    return root


def _canonical(node):
    """Element tree as a comparable structure: tag, attributes, stripped text, children (whitespace-insensitive)."""
    node = etree.fromstring(etree.tostring(node))
    for name in RUNTIME_ATTRS:
        node.attrib.pop(name, None)
    if node.get(OLX_ATTRIBUTE) is None:
        # The course was written before exports carried the format version: no attribute is version 1.
        node.set(OLX_ATTRIBUTE, "1")
    return etree.tostring(node, method="c14n2", strip_text=True)


def _load(component, runtime=None):
    try:
        XBlock.load_class(component.tag)
    except PluginMissingError:
        pytest.fail(f"<{component.tag}> has no installed block")
    runtime = runtime or RecordingRuntime(user_id="course-check")
    return runtime.load(component.xml)


@pytest.mark.parametrize("component", COMPONENTS, ids=[c.url_name for c in COMPONENTS])
def test_block_parses_strictly(component):
    block = _load(component)
    assert block.scope_ids.block_type == component.tag
    # The parser is strict: an element the block does not know is an error, not silently dropped.
    node = etree.fromstring(component.xml)
    etree.SubElement(node, "not_an_element_of_this_block")
    with pytest.raises(Exception) as raised:
        RecordingRuntime().load(etree.tostring(node, encoding="unicode"))
    assert "not_an_element_of_this_block" in str(raised.value)


@pytest.mark.parametrize("component", COMPONENTS, ids=[c.url_name for c in COMPONENTS])
def test_block_renders_its_student_view(component):
    block = _load(component)
    fragment = block.runtime.render(block, "student_view")
    assert fragment.content.strip(), f"{component.url_name} rendered nothing"
    assert component.display_name in fragment.content or block.display_name in fragment.content


def _round_trip(component, runtime_export):
    block = _load(component)
    first = _export(block, runtime_export)
    again = RecordingRuntime(user_id="course-check-2").load(etree.tostring(first, encoding="unicode"))
    assert _content_fields(again) == _content_fields(block)
    second = _export(again, runtime_export)
    assert etree.tostring(second) == etree.tostring(first), "a second export differs from the first"
    # And the course's own OLX is already in the block's export form (no drift between course and block).
    assert _canonical(first) == _canonical(component.node)


@pytest.mark.parametrize("component", COMPONENTS, ids=[c.url_name for c in COMPONENTS])
def test_export_then_import_is_unchanged(component):
    _round_trip(component, runtime_export=False)


@pytest.mark.parametrize("component", COMPONENTS, ids=[c.url_name for c in COMPONENTS])
def test_runtime_export_then_import_is_unchanged(component):
    _round_trip(component, runtime_export=True)
