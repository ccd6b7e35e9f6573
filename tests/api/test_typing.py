"""mypy --strict checks every keyword a caller passes to a resource method, on both clients.

The methods take ``**params: Unpack[…Arguments]``, so nothing at run time checks a keyword
before the parameter model does; the type checker must. Each case is one line of caller
code and the error mypy must report on it (``None``: it must report nothing).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from mypy import api as mypy_api

ROOT = Path(__file__).resolve().parents[2]

CASES: list[tuple[str, str | None]] = [
    ("h.time_entries.list(user_id=5, from_=date(2026, 1, 5), to=date(2026, 1, 11))", None),
    (
        "h.time_entries.create(project_id=1, task_id=2, spent_date=date(2026, 1, 5),"
        " hours=Decimal('1.5'))",
        None,
    ),
    ("h.time_entries.update(7, notes=None)", None),
    ("h.time_entries.retrieve(7)", None),
    ("h.invoices.line_items.delete(3, id=9)", None),
    ("h.time_entries.list(**week)", None),
    ("h.time_entries.list(usr_id=5)", 'Unexpected keyword argument "usr_id"'),
    ("h.time_entries.list(from_='2026-01-05')", 'Argument "from_"'),
    ("h.time_entries.list(user_id=None)", 'Argument "user_id"'),
    ("h.time_entries.create(project_id=1, task_id=2)", 'Missing named argument "spent_date"'),
    ("h.time_entries.retrieve()", "Too few arguments"),
    ("h.time_entries.update(notes='x')", "Too few arguments"),
    ("h.time_entries.retrieve(time_entry_id=7)", None),
    ("h.time_entries.retrieve('7')", 'Argument 1 has incompatible type "str"'),
    ("n = h.time_entries.retrieve(7)", 'expression has type "TimeEntry"'),
    ("n = h.clients.list(is_active=True)", 'expression has type "SyncPager[Client]"'),
    ("n = a.clients.list(is_active=True)", 'expression has type "AsyncPager[Client]"'),
    ("n = await a.time_entries.retrieve(7)", 'expression has type "TimeEntry"'),
    ("n = a.time_entries.retrieve(7)", 'expression has type "Awaitable[TimeEntry]"'),
    ("n = h.invoices.messages.delete(3, 4)", 'expression has type "None"'),
    ("a.time_entries.list(usr_id=5)", 'Unexpected keyword argument "usr_id"'),
    ("await a.time_entries.update(7, notes=None)", None),
    ("await a.time_entries.update(7, hours='1.5')", 'Argument "hours"'),
    ("week_typo: TimeEntryListArguments = {'usr_id': 5}", '"usr_id"'),
]

PRELUDE = """\
from datetime import date
from decimal import Decimal

from harvestkit.api import AsyncHarvest, Harvest
from harvestkit.api.types.arguments import TimeEntryListArguments


async def calls(h: Harvest, a: AsyncHarvest) -> None:
    week: TimeEntryListArguments = {"user_id": 5, "from_": date(2026, 1, 5)}
    n: int
"""


@pytest.fixture(scope="module")
def reported(tmp_path_factory: pytest.TempPathFactory) -> dict[int, str]:
    """mypy's report on one file of every case (one run: mypy takes seconds), by line."""
    folder = tmp_path_factory.mktemp("typing")
    first = PRELUDE.count("\n") + 1
    body = "".join(f"    {code}\n" for code, _ in CASES)
    snippet = folder / "snippet.py"
    snippet.write_text(PRELUDE + body)
    out, err, _ = mypy_api.run(
        [
            "--strict",
            "--no-error-summary",
            "--show-error-codes",
            "--cache-dir",
            str(folder / "cache"),
            "--config-file",
            str(ROOT / "pyproject.toml"),
            str(snippet),
        ]
    )
    assert not err, err
    lines: dict[int, str] = {}
    for line in out.splitlines():
        _, number, rest = line.split(":", 2)
        if "error:" in rest:
            lines[int(number) - first] = lines.get(int(number) - first, "") + rest
    assert set(lines) <= set(range(len(CASES))), textwrap.indent(out, "  ")
    return lines


@pytest.mark.parametrize(("index", "case"), list(enumerate(CASES)), ids=[c for c, _ in CASES])
def test_mypy_checks_the_keywords(
    reported: dict[int, str], index: int, case: tuple[str, str | None]
) -> None:
    code, expected = case
    if expected is None:
        assert index not in reported, reported.get(index)
    else:
        assert expected in reported.get(index, ""), (code, reported.get(index))
