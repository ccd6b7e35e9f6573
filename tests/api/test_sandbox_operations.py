"""Every operation of the table, called through the SDK against the sandbox.

One case per row (``cases_work`` and ``cases_money``). Money operations (invoices,
estimates, expenses, reports) are marked ``money``; a case whose route the sandbox does not
serve yet (an HTML 404) is skipped with the route's name, never silently.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from harvestkit.api import Harvest, NotFoundError
from harvestkit.api.operations import API_OPERATIONS

from .cases import Case
from .cases_money import MONEY_CASES
from .cases_work import WORK_CASES
from .conftest import ACCOUNT_ID, TOKEN, SyncASGITransport, client_options, make_app
from .world import World

CASES = WORK_CASES + MONEY_CASES


def test_every_api_operation_has_exactly_one_case() -> None:
    names = [case.name for case in CASES]
    assert sorted(names) == sorted(op.name for op in API_OPERATIONS)


def unknown_route(error: NotFoundError) -> bool:
    """Harvest answers unknown routes with an HTML page, unknown records with JSON."""
    return isinstance(error.body, str) and "<html" in error.body.lower()


def param(case: Case) -> Any:
    marks = [pytest.mark.money] if case.money else []
    return pytest.param(case, id=case.name, marks=marks)


@pytest.fixture(scope="module")
def shared_h() -> Iterator[Harvest]:
    transport = SyncASGITransport(make_app(seed="empty"))
    with Harvest(TOKEN, ACCOUNT_ID, transport=transport, **client_options()) as client:
        yield client
    transport.close()


@pytest.mark.parametrize("case", [param(c) for c in CASES])
def test_operation_against_the_sandbox(
    case: Case, request: pytest.FixtureRequest, shared_h: Harvest
) -> None:
    h: Harvest = request.getfixturevalue("h") if case.private else shared_h
    world = World(h)
    try:
        result = case.call(h, world)
        ok = case.check(result, world)
    except NotFoundError as error:
        if unknown_route(error):
            pytest.skip(f"the sandbox does not serve {error.method} {error.url} yet")
        raise
    assert ok, f"{case.name} returned {result!r}"
