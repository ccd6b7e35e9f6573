"""`harvestkit demo` plays every story through an MCP session without an unexpected error."""

from __future__ import annotations

from typer.testing import CliRunner

from harvestkit.cli.demo import STORIES
from harvestkit.cli.main import app


def test_demo_plays_every_story() -> None:
    result = CliRunner().invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    for story in STORIES:
        assert f"== {story.title} ({story.person})" in result.output
        for step in story.steps:
            assert f"→ {step.tool} " in result.output
    assert "? Which project did you mean by 'Website'? → Website Redesign" in result.output
    assert '"name": "Internal Training"' in result.output
    # The lead manages Dispatch Dashboard, so the burn counts the whole team: about three
    # weeks left, which warns.
    assert '"verdict": "at_risk"' in result.output and "runs out in about 3 weeks" in result.output
    assert '"partial": true' not in result.output
    assert '"verdict":' in result.output and '"comparison":' in result.output
    assert result.output.count("← error:") == 1  # only the unknown "Moon Base"
