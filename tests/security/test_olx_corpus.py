"""Malformed OLX: every file of tests/security/olx_corpus/<block>/ gives a clear error, never a crash or a
silent half-import; and a course folder with one broken unit is reported by the course parse.

Each corpus file starts with ``<!-- expect: ... -->``:
  ``syntax``  the XML is not well-formed: lxml's XMLSyntaxError, with a line number;
  ``entity``  entity tricks (billion laughs, external entities): refused or left unexpanded, never expanded
              into megabytes, never the content of a local file;
  words       the block's OLXError (block_type = the folder name), whose message contains every word (block,
              element, field).
Huge (> 1 MB) and deeply nested inputs are generated here from each block's first workbench scenario rather
than committed. After any failure the runtime's key-value store holds nothing: no half-imported block.
"""

import re
import shutil
import time
from pathlib import Path

import pytest
from lxml import etree
from wise_xblocks.common.olx import OLXError

from course_content.course_tree import CourseTreeError, load_course
from tests.xblock_runtime import RecordingRuntime

from .blocks import first_scenario_olx, wise_block_classes

CORPUS = Path(__file__).parent / "olx_corpus"
BLOCKS = wise_block_classes()
CASES = sorted((p.parent.name, p.name) for p in CORPUS.glob("wise_*/*.xml"))
EXPECT = re.compile(r"<!-- expect: (.*?) -->")


def runtime_for(block_type):
    return RecordingRuntime(block_classes={block_type: BLOCKS[block_type]})


def load_error(runtime, xml):
    """The exception a load raises (None when it loads), timing it: a parse must not hang."""
    started = time.monotonic()
    try:
        runtime.load(xml)
    except Exception as error:  # noqa: BLE001  (what is raised is what this test judges)
        return error, time.monotonic() - started
    return None, time.monotonic() - started


def test_every_block_has_a_corpus():
    assert {b for b, _ in CASES} == set(BLOCKS), "each installed WISE block needs tests/security/olx_corpus/<block>/"
    for block_type in BLOCKS:
        kinds = {EXPECT.search((CORPUS / block_type / f).read_text()).group(1) for b, f in CASES if b == block_type}
        assert "syntax" in kinds and "entity" in kinds and len(kinds) >= 5, (block_type, kinds)


@pytest.mark.parametrize(("block_type", "name"), CASES, ids=[f"{b}/{n}" for b, n in CASES])
def test_corpus_file_gives_a_clear_error(block_type, name):
    text = (CORPUS / block_type / name).read_text()
    expect = EXPECT.search(text).group(1)
    runtime = runtime_for(block_type)
    error, seconds = load_error(runtime, text.encode("utf-8"))
    assert seconds < 10, f"{name}: parsing took {seconds:.1f} s"
    if expect == "syntax":
        assert isinstance(error, etree.XMLSyntaxError), f"{name}: expected an XML syntax error, got {error!r}"
        assert error.lineno, f"{name}: the syntax error names no line"
    elif expect == "entity":
        if error is None:  # loaded: then nothing may have been expanded or read from disk
            values = " ".join(str(v) for v in runtime.kvs.db_dict.values())
            assert len(values) < 200_000, f"{name}: entities expanded to {len(values)} characters"
            assert "root:" not in values, f"{name}: a local file was read into the block"
            return
        assert isinstance(error, (etree.XMLSyntaxError, OLXError)), f"{name}: {error!r}"
    else:
        assert isinstance(error, OLXError), f"{name}: expected the block's OLXError, got {error!r}"
        assert error.block_type == block_type
        message = str(error)
        missing = [word for word in expect.split() if word not in message]
        assert not missing, f"{name}: the error {message!r} does not name {missing}"
    assert runtime.kvs.db_dict == {} or not any(
        key.block_scope_id and key.field_name not in ("parent", "children") for key in runtime.kvs.db_dict
    ), f"{name}: a failed import left field data behind: {list(runtime.kvs.db_dict)[:5]}"


def _with_root_attr(olx, block_type, name, value):
    root = etree.fromstring(olx.strip().encode("utf-8"))
    node = root if root.tag == block_type else root.find(f".//{block_type}")
    node.set(name, value)
    return etree.tostring(node, encoding="unicode")


@pytest.mark.parametrize("block_type", list(BLOCKS))
def test_huge_input_is_refused_clearly(block_type):
    """A display name of 2 MB (a > 1 MB OLX file): refused by the block, naming the attribute."""
    olx = _with_root_attr(first_scenario_olx(BLOCKS[block_type]), block_type, "display_name", "x" * 2_000_000)
    assert len(olx) > 1_000_000
    runtime = runtime_for(block_type)
    error, seconds = load_error(runtime, olx)
    assert seconds < 20, f"{block_type}: a 2 MB file took {seconds:.1f} s"
    assert isinstance(error, OLXError), f"{block_type}: a 2 MB display_name was {'accepted' if not error else error!r}"
    assert "display_name" in str(error)


@pytest.mark.parametrize("block_type", list(BLOCKS))
def test_deeply_nested_input_is_refused_clearly(block_type):
    """An unknown element nested 5000 deep inside the block: an error, not a RecursionError or a hang."""
    olx = first_scenario_olx(BLOCKS[block_type]).strip()
    root = etree.fromstring(olx.encode("utf-8"))
    node = root if root.tag == block_type else root.find(f".//{block_type}")
    deep = "<deep>" * 5000 + "</deep>" * 5000
    xml = etree.tostring(node, encoding="unicode")
    xml = (
        xml[: xml.rindex("</")] + deep + xml[xml.rindex("</") :] if xml.rstrip().endswith(">") and "</" in xml else xml
    )
    if xml.rstrip().endswith("/>"):
        xml = xml.rstrip()[:-2] + ">" + deep + f"</{block_type}>"
    runtime = runtime_for(block_type)
    error, _seconds = load_error(runtime, xml)
    assert isinstance(error, (OLXError, etree.XMLSyntaxError)), f"{block_type}: {error!r}"
    assert not isinstance(error, RecursionError)


# --- a course with one broken unit --------------------------------------------------------------------------
COURSE = CORPUS / "course" / "broken_unit"


def test_a_course_with_a_malformed_unit_names_the_file():
    with pytest.raises(CourseTreeError, match=r"vertical/broken_unit\.xml is not well-formed XML.*line \d+"):
        load_course(str(COURSE))


def test_a_course_whose_block_is_wrong_names_block_and_field(tmp_path):
    """Without the malformed unit the structure loads; the block inside bad_block_unit is then refused by its
    own parser, naming block, url_name and attribute, and the good unit's block still parses."""
    course = tmp_path / "course"
    shutil.copytree(COURSE, course)
    (course / "vertical" / "broken_unit.xml").unlink()
    seq = course / "sequential" / "seq1.xml"
    seq.write_text(seq.read_text().replace('<vertical url_name="broken_unit"/>', ""))
    tree = load_course(str(course))
    components = [c for ch in tree.chapters for s in ch.sequentials for u in s.units for c in u.components]
    assert {c.url_name for c in components} == {"good_check", "bad_costing"}
    errors = {}
    for component in components:
        runtime = runtime_for(component.tag)
        error, _ = load_error(runtime, component.xml)
        errors[component.url_name] = error
    assert errors["good_check"] is None
    message = str(errors["bad_costing"])
    assert isinstance(errors["bad_costing"], OLXError)
    for word in ("wise_costing", "bad_costing", "max_attempts", "many"):
        assert word in message, (word, message)


def test_course_parse_does_not_expand_entities(tmp_path):
    course = tmp_path / "course"
    shutil.copytree(COURSE, course)
    laughs = (CORPUS / "wise_skills_check" / "billion_laughs.xml").read_text()
    (course / "vertical" / "broken_unit.xml").write_text(
        laughs.replace("<wise_skills_check", "<vertical><wise_skills_check").replace(
            "</wise_skills_check>", "</wise_skills_check></vertical>"
        )
    )
    started = time.monotonic()
    try:
        tree = load_course(str(course))
    except CourseTreeError as error:
        assert "broken_unit" in str(error)
    else:
        sizes = [len(c.xml) for ch in tree.chapters for s in ch.sequentials for u in s.units for c in u.components]
        assert max(sizes) < 200_000, f"the course parse expanded entities to {max(sizes)} characters"
    assert time.monotonic() - started < 10
