"""``decide``: read-only by default, grants per toolset, tool and environment, allowlists,
confirmation rules. Table-driven: a name, the principal, the tool, the arguments, the answer."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from harvestkit.governance import ConfirmRule, Grant, Principal, ToolFacts, decide

LIST_PROJECTS = ToolFacts("harvest_projects_list", "projects", read_only=True)
CREATE_ENTRY = ToolFacts("harvest_time_entries_create", "time_tracking", read_only=False)
DELETE_ENTRY = ToolFacts(
    "harvest_time_entries_delete", "time_tracking", read_only=False, destructive=True
)
CREATE_INVOICE = ToolFacts("harvest_invoices_create", "invoicing", read_only=False)
PAY_INVOICE = ToolFacts(
    "harvest_invoice_payments_create",
    "invoicing",
    read_only=False,
    moves_money=True,
    amount_argument="amount",
)
DELETE_PAYMENT = ToolFacts(
    "harvest_invoice_payments_delete",
    "invoicing",
    read_only=False,
    destructive=True,
    moves_money=True,
    amount_argument="amount",
)

INVOICING = Grant("alice", "prod", toolset="invoicing")
TIME = Grant("alice", "prod", toolset="time_tracking")
ONE_TOOL = Grant("alice", "prod", tool="harvest_time_entries_create")


def alice(
    *grants: Grant, allow: set[str] | None = None, rules: tuple[ConfirmRule, ...] = ()
) -> Principal:
    return Principal(
        "alice", "prod", grants, frozenset(allow) if allow is not None else None, rules
    )


@dataclass(frozen=True)
class Case:
    name: str
    principal: Principal
    tool: ToolFacts
    arguments: dict[str, Any]
    allowed: bool
    confirm: bool
    reason: str


CASES = [
    Case("reads need no grant", alice(), LIST_PROJECTS, {}, True, False, "read-only tool"),
    Case(
        "writes are refused by default, naming the grant",
        alice(),
        CREATE_INVOICE,
        {},
        False,
        False,
        "harvest_invoices_create needs a write grant on toolset 'invoicing' for user alice in "
        "prod; add it to the policy file or run `harvestkit policy grant --user alice --env prod "
        "--toolset invoicing`",
    ),
    Case(
        "toolset grant allows its tools",
        alice(TIME),
        CREATE_ENTRY,
        {},
        True,
        False,
        "write granted by toolset 'time_tracking'",
    ),
    Case(
        "toolset grant does not cover another toolset",
        alice(TIME),
        CREATE_INVOICE,
        {},
        False,
        False,
        "needs a write grant on toolset 'invoicing'",
    ),
    Case(
        '"*" grants every toolset',
        alice(Grant("alice", "prod", toolset="*")),
        CREATE_INVOICE,
        {},
        True,
        False,
        "write granted by every toolset",
    ),
    Case(
        "tool grant allows that tool",
        alice(ONE_TOOL),
        CREATE_ENTRY,
        {},
        True,
        False,
        "write granted by tool 'harvest_time_entries_create'",
    ),
    Case(
        "tool grant does not cover its siblings",
        alice(ONE_TOOL),
        DELETE_ENTRY,
        {},
        False,
        False,
        "needs a write grant",
    ),
    Case(
        "destructive asks by default",
        alice(TIME),
        DELETE_ENTRY,
        {},
        True,
        True,
        "destructive tool, granted by toolset 'time_tracking': confirm",
    ),
    Case(
        "money asks by default",
        alice(INVOICING),
        PAY_INVOICE,
        {"amount": "10"},
        True,
        True,
        "money-moving tool",
    ),
    Case(
        "allowlist hides other tools, even reads",
        alice(allow={"harvest_users_me"}),
        LIST_PROJECTS,
        {},
        False,
        False,
        "not on the tool allowlist of user alice in prod",
    ),
    Case(
        "allowlist admits listed reads",
        alice(allow={"harvest_projects_list"}),
        LIST_PROJECTS,
        {},
        True,
        False,
        "read-only tool",
    ),
    Case(
        "allowlist does not replace a grant",
        alice(allow={"harvest_invoices_create"}),
        CREATE_INVOICE,
        {},
        False,
        False,
        "needs a write grant",
    ),
    Case(
        "never confirm",
        alice(TIME, rules=(ConfirmRule("destructive", "never"),)),
        DELETE_ENTRY,
        {},
        True,
        False,
        "confirmation switched off",
    ),
    Case(
        "at or below the amount: no confirmation",
        alice(INVOICING, rules=(ConfirmRule("moves_money", "above", Decimal(500)),)),
        PAY_INVOICE,
        {"amount": "500.00"},
        True,
        False,
        "500.00 ≤ 500",
    ),
    Case(
        "above the amount: confirm",
        alice(INVOICING, rules=(ConfirmRule("moves_money", "above", Decimal(500)),)),
        PAY_INVOICE,
        {"amount": 500.01},
        True,
        True,
        "500.01 > 500: confirm",
    ),
    Case(
        "unknown amount: confirm",
        alice(INVOICING, rules=(ConfirmRule("moves_money", "above", Decimal(500)),)),
        PAY_INVOICE,
        {},
        True,
        True,
        "an unknown amount > 500",
    ),
    Case(
        "unparsable amount: confirm",
        alice(INVOICING, rules=(ConfirmRule("moves_money", "above", Decimal(500)),)),
        PAY_INVOICE,
        {"amount": "lots"},
        True,
        True,
        "an unknown amount",
    ),
    Case(
        "a rule naming the tool beats its kind",
        alice(
            INVOICING,
            rules=(
                ConfirmRule("moves_money", "always"),
                ConfirmRule("harvest_invoice_payments_create", "never"),
            ),
        ),
        PAY_INVOICE,
        {"amount": "9000"},
        True,
        False,
        "confirmation switched off",
    ),
    Case(
        "both kinds: the strictest kind rule wins",
        alice(
            INVOICING,
            rules=(ConfirmRule("moves_money", "never"), ConfirmRule("destructive", "always")),
        ),
        DELETE_PAYMENT,
        {"amount": "1"},
        True,
        True,
        "destructive tool",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_decide(case: Case) -> None:
    decision = decide(case.principal, case.tool, case.arguments)
    assert (decision.allowed, decision.needs_confirmation) == (case.allowed, case.confirm)
    assert case.reason in decision.reason


def test_refusal_carries_the_missing_grant() -> None:
    decision = decide(alice(), CREATE_INVOICE, {})
    assert decision.missing_grant == Grant("alice", "prod", toolset="invoicing")
    assert decide(alice(INVOICING), CREATE_INVOICE, {}).missing_grant is None


def test_grant_names_exactly_one_target() -> None:
    with pytest.raises(ValueError, match="exactly one"):
        Grant("alice", "prod")
    with pytest.raises(ValueError, match="exactly one"):
        Grant("alice", "prod", toolset="a", tool="b")


def test_above_rule_needs_an_amount() -> None:
    with pytest.raises(ValueError, match="needs an amount"):
        ConfirmRule("moves_money", "above")
