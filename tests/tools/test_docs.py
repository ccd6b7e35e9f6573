"""docs/tools.md is the generated page, and lists every tool."""

from __future__ import annotations

from pathlib import Path

from harvestkit.tools import catalog
from harvestkit.tools.docs import render, summary

DOCS = Path(__file__).parents[2] / "docs" / "tools.md"


def test_committed_page_is_the_generated_one() -> None:
    assert DOCS.read_text(encoding="utf-8") == render(), (
        "Regenerate with: harvestkit tools docs > docs/tools.md"
    )


def test_page_lists_every_tool_with_its_summary() -> None:
    page = render()
    for tool in catalog():
        assert f"| `{tool.name}` |" in page
        assert summary(tool).replace("|", "\\|") in page


def test_summary_is_the_first_sentence() -> None:
    by_name = {tool.name: tool for tool in catalog()}
    # "e.g. 8:00am" does not end the sentence.
    assert "(e.g. 8:00am to 11:30am)" in summary(by_name["harvest_time_entries_create_by_times"])
    assert summary(by_name["harvest_time_entries_create"]) == (
        "Log time on a project task for one day by duration."
    )
