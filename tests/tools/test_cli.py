"""`harvestkit tools …` and `harvestkit call`."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from harvestkit.cli.main import app
from harvestkit.tools import catalog
from harvestkit.tools.docs import render

# The demo company as of this instant: its newest Williams & Co invoice is 1037, still open.
PINNED = "2026-11-20T18:00-05:00"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_list_filters_by_toolset_and_read_only() -> None:
    code, out, _ = run("tools", "list", "--toolsets", "time", "--read-only")
    assert code == 0
    names = [line[2:].split()[0] for line in out.splitlines()]
    assert "harvest_time_entries_list" in names
    assert "harvest_time_entries_delete" not in names
    assert all(name in {t.name for t in catalog() if t.read_only} for name in names)


def test_export_of_named_tools() -> None:
    code, out, _ = run("tools", "export", "--format", "openai", "--tools", "harvest_users_me")
    assert code == 0
    [tool] = json.loads(out)
    assert tool["function"]["name"] == "harvest_users_me" and tool["function"]["strict"]


def test_list_refuses_unknown_toolsets() -> None:
    code, _, err = run("tools", "list", "--toolsets", "nope")
    assert code == 2 and "unknown toolset" in err


def test_show_prints_the_mcp_definition() -> None:
    code, out, _ = run("tools", "show", "harvest_invoices_mark_sent")
    definition = json.loads(out)
    assert code == 0
    assert definition["annotations"]["destructiveHint"] is True
    assert "confirm" in definition["inputSchema"]["properties"]


@pytest.mark.parametrize("fmt", ["mcp", "openai", "anthropic"])
def test_export_prints_every_tool(fmt: str) -> None:
    code, out, _ = run("tools", "export", "--format", fmt)
    assert code == 0
    assert len(json.loads(out)) == len(catalog())


def test_docs_prints_the_generated_page() -> None:
    code, out, _ = run("tools", "docs")
    assert code == 0 and out == render()


def test_call_against_the_sandbox_prints_json() -> None:
    code, out, _ = run("call", "harvest_clients_list", "--sandbox", "--json", '{"per_page": 2}')
    assert code == 0
    assert len(json.loads(out)["clients"]) == 2


def test_call_that_needs_confirmation_exits_3() -> None:
    code, _, err = run("call", "harvest_clients_delete", "--sandbox", "--json",
                       '{"client_id": 5735783}')  # fmt: skip
    assert code == 3
    assert '"confirm": true' in err


def test_a_question_shows_its_details_as_quoted_lines() -> None:
    code, _, err = run("call", "record_payment", "--sandbox", "--now", PINNED, "--json",
                       '{"invoice": "1037", "amount": "1"}')  # fmt: skip
    assert code == 3
    assert '  invoice number: "1037"\n' in err


def test_call_with_a_wrong_id_exits_1_with_candidates() -> None:
    code, _, err = run("call", "harvest_projects_get", "--sandbox", "--json", '{"project_id": 9}')
    assert code == 1
    error = json.loads(err)
    assert error["candidates"] and "project_id 9" in error["error"]


def test_call_error_keeps_harvest_text_in_its_details() -> None:
    code, _, err = run(
        "call", "send_invoice", "--sandbox", "--now", PINNED, "--json", '{"invoice": "1037"}'
    )
    assert code == 1
    error = json.loads(err)
    assert error["error"] == "invoice id 13150414 is open, not a draft; it was not sent"
    assert error["details"] == [
        {"label": "invoice number", "value": "1037"},
        {"label": "client", "value": "Williams & Co"},
    ]


def test_call_without_credentials_says_what_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HARVEST_ACCESS_TOKEN", raising=False)
    monkeypatch.delenv("HARVEST_ACCOUNT_ID", raising=False)
    code, _, err = run("call", "harvest_users_me", "--user", "nobody", "--env", "prod")
    assert code == 2
    assert "no Harvest credential for user nobody in prod" in err
    assert "harvestkit auth login --env prod" in err and "--sandbox" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [(["harvest_nope"], "No tool named"), (["harvest_users_me", "--json", "[]"], "JSON object")],
)
def test_call_usage_errors_exit_2(args: list[str], message: str) -> None:
    code, _, err = run("call", *args)
    assert code == 2 and message in err


def test_call_with_an_answer_goes_ahead() -> None:
    code, out, _ = run("call", "harvest_contacts_delete", "--sandbox", "--json",
                       '{"contact_id": 4706479}', "--answer", "confirm=true")  # fmt: skip
    assert code == 0
    assert json.loads(out)["deleted"] is True
