"""The watch rules. Each is one function of a `Check` (one poll of one account) and its
settings; it records notifications through the check and moves its cursors after."""

from ._check import Check
from .budget import check_budgets
from .daily import check_gaps, check_summary
from .estimates import check_estimates
from .money import check_money
from .receipts import check_receipts

__all__ = [
    "Check",
    "check_budgets",
    "check_estimates",
    "check_gaps",
    "check_money",
    "check_receipts",
    "check_summary",
]
