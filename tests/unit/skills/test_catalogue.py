"""The shipped competence data: complete, valid, and loadable without Django."""

import copy
import json
import subprocess
import sys

import pytest
from wise_skills.frameworks import catalogue as cat


def test_shipped_frameworks_have_the_published_shape():
    c = cat.load_catalogue()
    counts = {key: len(c.competences_of(key)) for key in c.frameworks}
    assert counts == {"digcomp": 21, "entrecomp": 15, "greencomp": 12, "sector": 20}
    assert [len(c.frameworks[k].areas) for k in ("digcomp", "entrecomp", "greencomp")] == [5, 3, 4]
    assert c.frameworks["digcomp"].max_level == 8 and c.frameworks["entrecomp"].max_level == 8
    # GreenComp has no official levels: ours is documented as ours.
    green = c.frameworks["greencomp"]
    assert green.official_levels is False and "openedx-wise" in green.level_note and green.max_level == 4
    assert c.competences["digcomp:1.1"].name.startswith("Browsing, searching")
    assert c.competences["entrecomp:2.3"].name == "Mobilising resources"
    assert c.competences["greencomp:1.2"].area == "greencomp:1"
    for fw in c.frameworks.values():
        assert fw.source and fw.licence and fw.attribution and fw.version
        assert all(level.plain for level in fw.levels)


def test_sector_skills_link_real_esco_occupations_from_the_domain_csv():
    c = cat.load_catalogue()
    sorting = c.competences["sector:waste.sorting"]
    uris = {link.uri for link in sorting.esco_occupations}
    assert "http://data.europa.eu/esco/occupation/ff8d4065-db44-47c7-a4bd-51b3c306ef70" in uris  # sorter labourer
    assert {comp.area for comp in c.competences_of("sector")} == {
        "sector:waste",
        "sector:reuse",
        "sector:tourism",
        "sector:agriculture",
    }


def test_roles_reference_existing_competences_within_their_scale():
    c = cat.load_catalogue()
    assert {"sorting-operator", "reuse-shop-manager", "tour-coordinator", "farm-worker", "wise-manager"} <= set(c.roles)
    for role in c.roles.values():
        for req in role.requirements:
            assert 1 <= req.level <= c.framework_of(req.competence).max_level


def test_loader_is_importable_without_django():
    code = (
        "import sys; from wise_skills.frameworks.catalogue import load_catalogue; load_catalogue(); "
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules), 'django imported'"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={"PYTHONPATH": ""})
    assert result.returncode == 0, result.stderr


def _digcomp():
    return json.loads((cat.DATA_DIR / "digcomp.json").read_text())


def test_schema_error_names_file_and_field():
    doc = _digcomp()
    doc["levels"][0].pop("description")
    with pytest.raises(cat.CatalogueError, match=r"digcomp.json: at levels/0: 'description' is a required property"):
        cat.parse_framework(doc, cat.DATA_DIR / "digcomp.json")


def test_duplicate_codes_and_gapped_levels_are_refused():
    doc = _digcomp()
    doc["areas"][0]["competences"].append(copy.deepcopy(doc["areas"][0]["competences"][0]))
    with pytest.raises(cat.CatalogueError, match="appears twice"):
        cat.parse_framework(doc)
    doc = _digcomp()
    doc["levels"][2]["number"] = 9
    with pytest.raises(cat.CatalogueError, match="numbered 1..N"):
        cat.parse_framework(doc)


def test_role_with_unknown_competence_or_level_above_scale_is_refused():
    c = cat.load_catalogue()
    role = json.loads((cat.ROLES_DIR / "farm-worker.json").read_text())
    bad = dict(role, requirements=[{"competence": "digcomp:9.9", "level": 1}])
    with pytest.raises(cat.CatalogueError, match="unknown competence 'digcomp:9.9'"):
        cat.parse_role(bad, c.frameworks, c.competences)
    bad = dict(role, requirements=[{"competence": "greencomp:1.1", "level": 5}])
    with pytest.raises(cat.CatalogueError, match="above the top level 4 of greencomp"):
        cat.parse_role(bad, c.frameworks, c.competences)


def test_split_key():
    assert cat.split_key("sector:waste.sorting") == ("sector", "waste.sorting")
    with pytest.raises(cat.CatalogueError, match="expected '<framework>:<code>'"):
        cat.split_key("digcomp-1.1")
