"""Every WISE block scenario through the real workbench runtime and the Django test client:
the page renders, the block's ES modules are served with a JavaScript type, and the
browser cannot publish a grade through the handler URL."""

import json
import re

import pytest


@pytest.fixture
def block_scenarios(wise_scenarios):
    """The blocks' own scenarios (the course units, "wise_course.<n>", are walked in tests/browser)."""
    return {key: value for key, value in wise_scenarios.items() if not key.startswith("wise_course.")}


def scenario_page(client, scenario_id, student="integration-learner"):
    response = client.get(f"/workbench/scenario/{scenario_id}/?student={student}")
    assert response.status_code == 200
    return response.content.decode()


def test_there_are_block_scenarios(block_scenarios):
    assert block_scenarios, "no WISE block registers workbench scenarios"


def test_every_scenario_renders_with_its_module(client, block_scenarios):
    for scenario_id in block_scenarios:
        html = scenario_page(client, scenario_id)
        assert "WiseBlockInit" in html, scenario_id
        module_urls = set(re.findall(r'"module_url": "([^"]+)"', html))
        assert module_urls, f"{scenario_id}: no module_url in the init arguments"
        for url in module_urls:
            response = client.get(url)
            assert response.status_code == 200, url
            assert "javascript" in response["Content-Type"], url


def test_shared_modules_are_served_to_every_block(client, block_scenarios):
    block_types = {scenario_id.split(".")[0] for scenario_id in block_scenarios}
    for block_type in block_types:
        for module in ("i18n.js", "announce.js", "server.js"):
            response = client.get(f"/workbench/resource/{block_type}/public/common/js/{module}")
            assert response.status_code == 200, (block_type, module)


@pytest.mark.parametrize("path", ["public/../block.py", "block.py", "public/js/../../block.py"])
def test_python_sources_are_not_served(client, block_scenarios, path):
    block_type = sorted(block_scenarios)[0].split(".")[0]
    assert client.get(f"/workbench/resource/{block_type}/{path}").status_code == 404


WISE_BLOCK = re.compile(r"""data-usage=["']([^"']+)["'] data-block-type=["'](wise_[a-z_]+)["']""")


def test_browser_cannot_publish_a_grade_through_the_workbench(client, block_scenarios):
    for scenario_id in block_scenarios:
        html = scenario_page(client, scenario_id)
        usage_ids = {usage_id for usage_id, _block_type in WISE_BLOCK.findall(html)}
        assert usage_ids, f"{scenario_id}: no WISE block on the page"
        for usage_id in usage_ids:
            response = client.post(
                f"/workbench/handler/{usage_id}/publish_event/?student=integration-learner",
                data=json.dumps({"event_type": "grade", "value": 1, "max_value": 1}),
                content_type="application/json",
            )
            assert response.status_code == 400, (scenario_id, usage_id, response.status_code)
