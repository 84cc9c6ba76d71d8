"""Read an OLX course directory into a plain tree: course -> chapters -> sequentials -> units -> components.

Pure (lxml only): used by the workbench scenarios (scenarios.py), the course checks in tests/olx
and the build scripts. It follows the OLX conventions Studio exports: pointer tags
(`<chapter url_name="x"/>` -> chapter/x.xml), html components as html/x.xml + html/x.html, and
components written inline in a vertical (our WISE blocks are written inline so that any Open edX
release imports them through the block's own parser).
"""

import os
from dataclasses import dataclass, field

from lxml import etree

HERE = os.path.dirname(os.path.abspath(__file__))
COURSE_DIR = os.path.join(HERE, "wise-innovation")
CUSTOM_TAGS = ("wise_waste_sorting", "wise_costing", "wise_skills_check")


class CourseTreeError(ValueError):
    """A structural problem, naming the file to fix."""


@dataclass
class Component:
    tag: str  # html, problem, wise_waste_sorting, ...
    url_name: str
    display_name: str
    node: object  # the lxml element with the component's full definition
    path: str  # file that holds the definition (relative to the course directory)
    html: str = ""  # for html components: the HTML body

    @property
    def xml(self):
        return etree.tostring(self.node, encoding="unicode")


@dataclass
class Unit:
    url_name: str
    display_name: str
    components: list = field(default_factory=list)


@dataclass
class Sequential:
    url_name: str
    display_name: str
    format: str = ""
    units: list = field(default_factory=list)


@dataclass
class Chapter:
    url_name: str
    display_name: str
    sequentials: list = field(default_factory=list)


@dataclass
class Course:
    directory: str
    org: str
    course: str
    run: str
    chapters: list = field(default_factory=list)

    def units(self):
        return [u for c in self.chapters for s in c.sequentials for u in s.units]

    def components(self):
        return [comp for u in self.units() for comp in u.components]

    def custom_components(self):
        return [comp for comp in self.components() if comp.tag in CUSTOM_TAGS]

    def usage_key(self, block_type, url_name):
        return f"block-v1:{self.org}+{self.course}+{self.run}+type@{block_type}+block@{url_name}"


def _parse(directory, rel):
    path = os.path.join(directory, rel)
    if not os.path.isfile(path):
        raise CourseTreeError(f"{rel} is missing (a pointer tag refers to it)")
    try:
        return etree.parse(path, etree.XMLParser(remove_comments=True)).getroot()
    except etree.XMLSyntaxError as exc:
        raise CourseTreeError(f"{rel} is not well-formed XML: {exc}") from None


def _is_pointer(node):
    return len(node) == 0 and not (node.text or "").strip() and set(node.attrib) == {"url_name"}


def _resolve(directory, node):
    """(element with the definition, file it came from) for a pointer or inline element."""
    if _is_pointer(node):
        rel = f"{node.tag}/{node.get('url_name')}.xml"
        target = _parse(directory, rel)
        target.set("url_name", node.get("url_name"))
        return target, rel
    return node, None


def _children(node, tag, where):
    kids = [child for child in node if isinstance(child.tag, str)]
    for child in kids:
        if child.tag != tag:
            raise CourseTreeError(f"{where}: <{child.tag}> is not allowed here (expected <{tag}>)")
    return kids


def _component(directory, node, unit_file):
    definition, rel = _resolve(directory, node)
    rel = rel or unit_file
    url_name = definition.get("url_name") or ""
    if not url_name:
        raise CourseTreeError(f"{rel}: <{definition.tag}> has no url_name")
    html = ""
    if definition.tag == "html" and definition.get("filename"):
        html_rel = f"html/{definition.get('filename')}.html"
        html_path = os.path.join(directory, html_rel)
        if not os.path.isfile(html_path):
            raise CourseTreeError(f"{rel}: its HTML file {html_rel} is missing")
        with open(html_path, encoding="utf-8") as handle:
            html = handle.read()
    elif definition.tag == "html":
        html = (definition.text or "") + "".join(etree.tostring(c, encoding="unicode") for c in definition)
    return Component(
        tag=definition.tag,
        url_name=url_name,
        display_name=definition.get("display_name", ""),
        node=definition,
        path=rel,
        html=html,
    )


def load_course(directory=COURSE_DIR):
    """The whole course as a Course tree; CourseTreeError names the file of the first problem."""
    root = _parse(directory, "course.xml")
    org, number, run = root.get("org"), root.get("course"), root.get("url_name")
    if not (org and number and run):
        raise CourseTreeError("course.xml: needs org, course and url_name (the run) attributes")
    course_node = _parse(directory, f"course/{run}.xml")
    course = Course(directory=directory, org=org, course=number, run=run)
    for chapter_ptr in _children(course_node, "chapter", f"course/{run}.xml"):
        chapter_node, chapter_file = _resolve(directory, chapter_ptr)
        chapter = Chapter(chapter_node.get("url_name"), chapter_node.get("display_name", ""))
        for seq_ptr in _children(chapter_node, "sequential", chapter_file):
            seq_node, seq_file = _resolve(directory, seq_ptr)
            seq = Sequential(seq_node.get("url_name"), seq_node.get("display_name", ""), seq_node.get("format", ""))
            for unit_ptr in _children(seq_node, "vertical", seq_file):
                unit_node, unit_file = _resolve(directory, unit_ptr)
                unit = Unit(unit_node.get("url_name"), unit_node.get("display_name", ""))
                for child in unit_node:
                    if isinstance(child.tag, str):
                        unit.components.append(_component(directory, child, unit_file))
                seq.units.append(unit)
            chapter.sequentials.append(seq)
        course.chapters.append(chapter)
    return course
