"""The policy decision: may this principal call this tool with these arguments?

``decide`` is pure: it reads only its arguments, so the MCP layer, the CLI and the tests
all get the same answer. The rules, in order:

1. an allowlist, when the principal has one, hides every tool not on it;
2. read-only tools are allowed (harvestkit is read-only by default);
3. a write (or destructive, or money-moving) tool needs a grant on its toolset or name;
4. a destructive or money-moving tool then asks for confirmation as its rule says:
   ``always`` (the default), ``above`` an amount, or ``never``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

__all__ = [
    "ANY",
    "ConfirmMode",
    "ConfirmRule",
    "Decision",
    "Grant",
    "Principal",
    "ToolFacts",
    "decide",
]

ANY = "*"
"""In a grant or rule: every user, or every environment."""

ConfirmMode = Literal["always", "above", "never"]


@dataclass(frozen=True)
class ToolFacts:
    """What the policy needs to know about a tool (from the catalog's annotations)."""

    name: str
    toolset: str
    read_only: bool
    destructive: bool = False
    moves_money: bool = False
    amount_argument: str | None = None
    """The argument holding the money amount, for ``above`` confirmation rules."""


@dataclass(frozen=True)
class Grant:
    """Write access to a whole toolset or to one tool, for a user in an environment."""

    user: str
    env: str
    toolset: str | None = None
    tool: str | None = None

    def __post_init__(self) -> None:
        if (self.toolset is None) == (self.tool is None):
            raise ValueError("a grant names exactly one of toolset or tool")

    def covers(self, tool: ToolFacts) -> bool:
        """Whether this grant lets ``tool`` write."""
        if self.tool is not None:
            return self.tool == tool.name
        return self.toolset in (ANY, tool.toolset)

    def describe(self) -> str:
        """``toolset 'invoicing'``, ``every toolset`` (``*``), or ``tool 'harvest_x'``."""
        if self.toolset == ANY:
            return "every toolset"
        return f"toolset {self.toolset!r}" if self.toolset is not None else f"tool {self.tool!r}"


@dataclass(frozen=True)
class ConfirmRule:
    """When to ask before running destructive or money-moving tools.

    ``applies_to`` is ``destructive``, ``moves_money`` or a tool name; a rule naming the
    tool wins over a rule naming its kind. ``amount`` is the threshold for ``above``.
    """

    applies_to: str
    mode: ConfirmMode
    amount: Decimal | None = None

    def __post_init__(self) -> None:
        if self.mode == "above" and self.amount is None:
            raise ValueError(f"confirm rule for {self.applies_to!r}: mode 'above' needs an amount")


@dataclass(frozen=True)
class Principal:
    """A harvestkit user in an environment, with the grants and rules that apply to them."""

    user: str
    env: str
    grants: tuple[Grant, ...] = ()
    allowlist: frozenset[str] | None = None
    """Tool names this principal may see at all; ``None`` means no allowlist."""
    confirm_rules: tuple[ConfirmRule, ...] = field(default=())


@dataclass(frozen=True)
class Decision:
    """The answer: run it, ask first, or refuse (``reason`` says why, for a person)."""

    allowed: bool
    needs_confirmation: bool
    reason: str
    missing_grant: Grant | None = None


def decide(principal: Principal, tool: ToolFacts, arguments: Mapping[str, Any]) -> Decision:
    """Decide whether ``principal`` may call ``tool`` with ``arguments``."""
    who = f"user {principal.user} in {principal.env}"
    if principal.allowlist is not None and tool.name not in principal.allowlist:
        return Decision(False, False, f"{tool.name} is not on the tool allowlist of {who}")
    if tool.read_only and not (tool.destructive or tool.moves_money):
        return Decision(True, False, "read-only tool")
    grant = next((g for g in principal.grants if g.covers(tool)), None)
    if grant is None:
        missing = Grant(principal.user, principal.env, toolset=tool.toolset)
        return Decision(
            False,
            False,
            f"{tool.name} needs a write grant on toolset {tool.toolset!r} for {who}; add it to "
            f"the policy file or run `harvestkit policy grant --user {principal.user} "
            f"--env {principal.env} --toolset {tool.toolset}`",
            missing_grant=missing,
        )
    if not (tool.destructive or tool.moves_money):
        return Decision(True, False, f"write granted by {grant.describe()}")
    return _confirmation(principal, tool, arguments, grant)


def _confirmation(
    principal: Principal, tool: ToolFacts, arguments: Mapping[str, Any], grant: Grant
) -> Decision:
    kind = "destructive" if tool.destructive else "money-moving"
    rule = _rule_for(principal.confirm_rules, tool)
    granted = f"granted by {grant.describe()}"
    if rule.mode == "never":
        return Decision(True, False, f"{kind} tool, {granted}; confirmation switched off")
    if rule.mode == "above":
        assert rule.amount is not None  # checked when the rule was made
        amount = _amount(tool, arguments)
        if amount is not None and amount <= rule.amount:
            return Decision(True, False, f"{kind} tool, {granted}; {amount} ≤ {rule.amount}")
        shown = "an unknown amount" if amount is None else str(amount)
        return Decision(True, True, f"{kind} tool, {granted}; {shown} > {rule.amount}: confirm")
    return Decision(True, True, f"{kind} tool, {granted}: confirm before running")


def _rule_for(rules: tuple[ConfirmRule, ...], tool: ToolFacts) -> ConfirmRule:
    by_name = [r for r in rules if r.applies_to == tool.name]
    if by_name:
        return by_name[-1]
    kinds = []
    if tool.moves_money:
        kinds.append("moves_money")
    if tool.destructive:
        kinds.append("destructive")
    by_kind = [r for r in rules if r.applies_to in kinds]
    if not by_kind:
        return ConfirmRule(tool.name, "always")
    # A tool both destructive and money-moving gets the strictest of its kind rules.
    strictness: dict[str, int] = {"never": 0, "above": 1, "always": 2}
    return max(by_kind, key=lambda r: strictness[r.mode])


def _amount(tool: ToolFacts, arguments: Mapping[str, Any]) -> Decimal | None:
    if tool.amount_argument is None or arguments.get(tool.amount_argument) is None:
        return None
    try:
        return Decimal(str(arguments[tool.amount_argument]))
    except InvalidOperation:
        return None
