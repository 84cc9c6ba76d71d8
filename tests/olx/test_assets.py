"""Every asset the course refers to exists, every /static/ URL resolves, every image has alt text."""

import json
import os
import re

import pytest
from lxml import etree
from lxml import html as lxml_html

from course_content.course_tree import COURSE_DIR, load_course

STATIC_DIR = os.path.join(COURSE_DIR, "static")
URL_ATTRS = ("src", "href", "image", "data")
PORTABLE_PREFIXES = ("/static/", "/jump_to_id/", "https://", "mailto:", "#")


@pytest.fixture(scope="module")
def course():
    return load_course()


def _references(course):
    """(where, element, attribute, url) for every URL-like attribute in html, problems and our blocks."""
    found = []
    for component in course.components():
        if component.tag == "html":
            tree = lxml_html.fragment_fromstring(component.html, create_parent="div")
            where = f"html/{component.url_name}.html"
        else:
            tree = component.node
            where = f"{component.path} <{component.tag} url_name={component.url_name!r}>"
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            for attr in URL_ATTRS:
                value = element.get(attr)
                if value:
                    found.append((where, element, attr, value))
    return found


def _static_path(url):
    rel = url[len("/static/") :].split("?")[0].split("#")[0]
    return os.path.normpath(os.path.join(STATIC_DIR, rel))


def test_every_url_is_portable(course):
    """Studio rewrites /static/ and /jump_to_id/ links per course run; anything else breaks on import."""
    bad = [
        f"{where}: {attr}={url!r}"
        for where, _el, attr, url in _references(course)
        if not url.startswith(PORTABLE_PREFIXES)
    ]
    assert bad == [], "non-portable URLs (use /static/<file> or /jump_to_id/<url_name>):\n" + "\n".join(bad)


def test_every_static_url_resolves(course):
    refs = [(where, url) for where, _el, _attr, url in _references(course) if url.startswith("/static/")]
    assert refs, "the course should use at least one course asset"
    missing = [
        f"{where}: {url}"
        for where, url in refs
        if not os.path.isfile(_static_path(url)) or not _static_path(url).startswith(STATIC_DIR)
    ]
    assert missing == [], "these /static/ URLs have no file in course_content/wise-innovation/static/:\n" + "\n".join(
        missing
    )


def test_every_image_has_alt_text(course):
    missing = []
    for where, element, attr, url in _references(course):
        if element.tag == "img" and attr == "src" and not (element.get("alt") or "").strip():
            missing.append(f"{where}: <img src={url!r}>")
        if element.get("image") and attr == "image" and not (element.get("image_alt") or "").strip():
            missing.append(f"{where}: <{element.tag} id={element.get('id')!r}> image without image_alt")
    assert missing == []
    # And every <img> has a src at all (an <img> without src is a broken image, not an asset).
    imgs = [el for _w, el, _a, _u in _references(course) if el.tag == "img"]
    assert imgs and all(el.get("src") for el in imgs)


def test_jump_links_point_to_units_of_this_course(course):
    unit_names = {u.url_name for u in course.units()} | {c.url_name for c in course.components()}
    broken = [
        f"{where}: {url}"
        for where, _el, _attr, url in _references(course)
        if url.startswith("/jump_to_id/") and url[len("/jump_to_id/") :].strip("/") not in unit_names
    ]
    assert broken == []


def test_course_image_exists():
    with open(os.path.join(COURSE_DIR, "policies", "2026_en", "policy.json"), encoding="utf-8") as handle:
        policy = json.load(handle)
    image = policy["course/2026_en"]["course_image"]
    assert os.path.isfile(os.path.join(STATIC_DIR, image))


def test_every_static_file_is_used(course):
    """No dead weight in the package: each file in static/ is referenced (or is the course image)."""
    used = {_static_path(url) for _w, _e, _a, url in _references(course) if url.startswith("/static/")}
    used.add(os.path.join(STATIC_DIR, "course_image.png"))
    files = {os.path.join(root, name) for root, _dirs, names in os.walk(STATIC_DIR) for name in names}
    assert files - used == set()


def test_svg_images_are_well_formed_and_titled():
    for root, _dirs, names in os.walk(STATIC_DIR):
        for name in names:
            if name.endswith(".svg"):
                svg = etree.parse(os.path.join(root, name)).getroot()
                titles = svg.findall("{http://www.w3.org/2000/svg}title")
                assert titles and titles[0].text.strip(), f"{name} needs a <title>"


def test_no_external_resources_are_loaded():
    """Course HTML loads nothing from other hosts (privacy, offline classrooms)."""
    pattern = re.compile(r"""(src|data)\s*=\s*["']https?://""")
    for root, _dirs, names in os.walk(COURSE_DIR):
        for name in names:
            if name.endswith((".html", ".xml")):
                with open(os.path.join(root, name), encoding="utf-8") as handle:
                    assert not pattern.search(handle.read()), f"{name} loads an external resource"


def test_no_internal_notes_reach_learners():
    """Research markers ([S]/[U] confidence tags, "domain brief" references, TODOs) stay out of the course."""
    pattern = re.compile(r"domain brief|\[(?:S|U|V|S/U)\]|TODO|FIXME", re.I)
    for root, _dirs, names in os.walk(COURSE_DIR):
        for name in names:
            if name.endswith((".html", ".xml", ".json")):
                with open(os.path.join(root, name), encoding="utf-8") as handle:
                    found = pattern.search(handle.read())
                assert not found, f"{name}: {found.group(0)!r} is an internal note"
