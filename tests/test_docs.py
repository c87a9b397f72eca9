"""The README stays true: every headline, URL parameter and calibration anchor is documented."""

from __future__ import annotations

from pathlib import Path

from data_access.filters import FILTER_PARAMS
from data_access.headlines import HEADLINES
from seed.anchors import ANCHORS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()


def test_readme_defines_every_headline():
    for h in HEADLINES:
        assert f"| {h.label} |" in README, h.label


def test_readme_documents_every_url_parameter():
    for param in FILTER_PARAMS:
        assert f"`{param}`" in README, param


def test_readme_lists_every_anchor():
    for a in ANCHORS:
        assert a.figure in README and a.value in README, a.figure


def test_readme_has_two_setup_commands():
    setup = README.split("## Set up", 1)[1].split("##", 1)[0]
    block = setup.split("```bash", 1)[1].split("```", 1)[0]
    assert [line.split("#")[0].strip() for line in block.strip().splitlines()] == [
        "bash scripts/run.sh", "bash scripts/test.sh"]


def test_readme_configuration_table_lists_every_setting():
    from data_access.settings import SETTINGS

    table = README.split("## Configuration", 1)[1].split("\n\n", 2)[2].split("\n\n", 1)[0]
    for setting in SETTINGS:
        assert f"| `{setting.name}` |" in table, f"{setting.name} is missing from the README's configuration table"
