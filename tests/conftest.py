"""Fixtures every layer shares."""

import pytest


@pytest.fixture
def workbench(db):
    """The xblock-sdk workbench with its scenarios parsed into this test's database.

    The workbench keeps block definitions in the database and scenario ids in memory; the
    test database is emptied between tests, so each test that touches the workbench starts
    by re-parsing every scenario.
    """
    from workbench.runtime_util import reset_global_state
    from workbench.scenarios import get_scenarios

    reset_global_state()
    return get_scenarios()


@pytest.fixture
def wise_scenarios(workbench):
    """{scenario_id: Scenario} of the WISE blocks only (ids look like "wise_costing.0")."""
    return {scenario_id: scenario for scenario_id, scenario in workbench.items() if scenario_id.startswith("wise_")}
