"""Every unit of the WISE innovation course as an XBlock-workbench scenario, generated from the OLX.

`course_scenarios()` returns [(title, xml)], one per unit (vertical), in course order:
- our WISE blocks are passed through exactly as the course has them (the block parses them);
- html components become the workbench's `html_demo` block, with /static/ URLs turned into
  data: URIs so images show without a course asset server;
- built-in capa problems do not exist in the workbench: their question and choices are shown as
  an html preview, and the scenario title says so ("problem preview").

`register_course_scenarios()` adds them to the workbench under the ids "wise_course.<nn>"
(00, 01, ...: the devsite landing page lists ids that start with "wise_", sorted).
"""

import base64
import mimetypes
import os
import re
from html import escape

from lxml import etree

from .course_tree import COURSE_DIR, CUSTOM_TAGS, load_course

SCENARIO_PREFIX = "wise_course"
STATIC_URL = re.compile(r"""(["'])/static/([^"'?#\s]+)\1""")
PREVIEW_NOTE = "Preview: this built-in Open edX problem is checked in the LMS only; the workbench shows its text."


def _data_uri(course_dir, rel):
    path = os.path.join(course_dir, "static", rel)
    mime = mimetypes.guess_type(path)[0] or "application/octet-stream"
    if rel.endswith(".svg"):
        mime = "image/svg+xml"
    with open(path, "rb") as handle:
        return f"data:{mime};base64,{base64.b64encode(handle.read()).decode('ascii')}"


def _inline_static(html, course_dir):
    return STATIC_URL.sub(lambda m: f"{m.group(1)}{_data_uri(course_dir, m.group(2))}{m.group(1)}", html)


def _html_demo(html):
    # html_demo substitutes $NAMES from the context (string.Template): a literal $ must be doubled.
    return f"<html_demo>{html.replace('$', '$$')}</html_demo>"


def _text(node):
    return escape(" ".join("".join(node.itertext()).split()))


def problem_preview(node):
    """Readable HTML of a capa problem: its title, each question, its choices; never the answers."""
    parts = [
        f'<div class="wise-problem-preview"><h4>{escape(node.get("display_name", "Problem"))}</h4>',
        f"<p><em>{escape(PREVIEW_NOTE)}</em></p>",
    ]
    for response in node:
        if not isinstance(response.tag, str) or not response.tag.endswith("response"):
            continue
        for child in response:
            if not isinstance(child.tag, str):
                continue
            if child.tag == "label":
                parts.append(f"<p><strong>{_text(child)}</strong></p>")
            elif child.tag == "description":
                parts.append(f"<p>{_text(child)}</p>")
            elif child.tag in ("choicegroup", "checkboxgroup"):
                items = []
                for choice in child.iter("choice"):
                    hints = [h for h in choice if h.tag == "choicehint"]
                    text = (choice.text or "").strip() or _text(choice)
                    items.append(f"<li>{escape(text) if hints else _text(choice)}</li>")
                kind = "Choose one answer." if child.tag == "choicegroup" else "Choose all correct answers."
                parts.append(f"<p>{kind}</p><ul>{''.join(items)}</ul>")
            elif child.tag in ("formulaequationinput", "textline"):
                parts.append("<p>Answer: a number.</p>")
    parts.append("</div>")
    return "".join(parts)


def unit_xml(unit, course_dir=COURSE_DIR, chapter_title=""):
    """The workbench XML of one unit: a vertical with a heading, then each component."""
    heading = f"<h2>{escape(unit.display_name)}</h2>"
    if chapter_title:
        heading = f"<p>{escape(chapter_title)}</p>" + heading
    children = [_html_demo(heading)]
    for component in unit.components:
        if component.tag == "html":
            children.append(_html_demo(_inline_static(component.html, course_dir)))
        elif component.tag == "problem":
            children.append(_html_demo(problem_preview(component.node)))
        elif component.tag in CUSTOM_TAGS:
            node = etree.fromstring(component.xml)
            children.append(etree.tostring(node, encoding="unicode"))
        else:
            children.append(_html_demo(f"<p>{escape(component.tag)} components are not shown in the workbench.</p>"))
    return "<vertical_demo>\n" + "\n".join(children) + "\n</vertical_demo>"


def course_scenarios(course_dir=COURSE_DIR):
    """[(title, xml)] for every unit of the course, in course order."""
    course = load_course(course_dir)
    scenarios = []
    for m, chapter in enumerate(course.chapters, start=1):
        for seq in chapter.sequentials:
            for unit in seq.units:
                has_problem = any(c.tag == "problem" for c in unit.components)
                title = f"WISE course, module {m}: {unit.display_name}"
                if has_problem:
                    title += " (problem preview)"
                scenarios.append((title, unit_xml(unit, course_dir, chapter.display_name)))
    return scenarios


def scenario_id(index):
    """Workbench id of the unit at `index` (zero-padded, so a sorted list is in course order)."""
    return f"{SCENARIO_PREFIX}.{index:02d}"


def scenario_ids(course_dir=COURSE_DIR):
    return [scenario_id(n) for n in range(len(course_scenarios(course_dir)))]


def register_course_scenarios(course_dir=COURSE_DIR):
    """Add every unit to the workbench (ids wise_course.<nn>); ids already present are left as they are.

    The workbench clears its scenarios whenever it re-reads the installed blocks
    (workbench.scenarios.init_scenarios), so a host calls this after that, e.g. by wrapping it.
    """
    from workbench.scenarios import SCENARIOS, add_xml_scenario

    added = []
    for n, (title, xml) in enumerate(course_scenarios(course_dir)):
        unit_id = scenario_id(n)
        if unit_id not in SCENARIOS:
            add_xml_scenario(unit_id, title, xml)
            added.append(unit_id)
    return added


def install_workbench_hook():
    """Make the workbench add the course units whenever it (re)loads its scenarios; returns an undo function.

    The workbench rebuilds its scenario list in workbench.scenarios.init_scenarios, which
    workbench.runtime_util imports by name, so both references are wrapped. Idempotent. A host
    (the devsite) calls this once at startup, e.g. in AppConfig.ready(), with the repository root
    on sys.path so that `course_content` is importable.
    """
    from workbench import runtime_util
    from workbench import scenarios as workbench_scenarios

    original = workbench_scenarios.init_scenarios
    if getattr(original, "wise_course_hook", False):
        return lambda: None  # already installed: the first installer's undo() removes it

    def init_scenarios_with_course():
        original()
        register_course_scenarios()

    def undo():
        workbench_scenarios.init_scenarios = original
        runtime_util.init_scenarios = original

    init_scenarios_with_course.wise_course_hook = True
    init_scenarios_with_course.undo = undo
    workbench_scenarios.init_scenarios = init_scenarios_with_course
    runtime_util.init_scenarios = init_scenarios_with_course
    return undo
