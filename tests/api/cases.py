"""The shape of a sandbox case, and the functions the case tables share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from harvestkit.api import Harvest, NotFoundError

from .world import FROM, TO, World

__all__ = ["Case", "crud", "gone", "ids", "report"]

Call = Callable[[Harvest, World], Any]
Check = Callable[[Any, World], bool]


@dataclass(frozen=True)
class Case:
    name: str
    call: Call
    check: Check
    money: bool = False
    private: bool = False
    """Changes account-wide settings, so it gets a sandbox of its own."""


def ids(items: Any) -> list[int]:
    return [item.id for item in items]


def gone(h: Harvest, retrieve: Callable[[], Any]) -> bool:
    try:
        retrieve()
    except NotFoundError:
        return True
    return False


def crud(
    resource: str,
    make: str,
    update: dict[str, Any],
    list_args: dict[str, Any] | None = None,
    money: bool = False,
) -> list[Case]:
    """list / create / retrieve / update / delete cases for a top-level resource."""

    def res(h: Harvest) -> Any:
        return getattr(h, resource)

    largs = list_args or {}
    return [
        Case(
            f"{resource}.list",
            lambda h, w: (getattr(w, make), list(res(h).list(**largs)))[-1],
            lambda r, w: getattr(w, make).id in ids(r),
            money,
        ),
        Case(f"{resource}.create", lambda h, w: getattr(w, make), lambda r, w: r.id > 0, money),
        Case(
            f"{resource}.retrieve",
            lambda h, w: res(h).retrieve(getattr(w, make).id),
            lambda r, w: r.id == getattr(w, make).id,
            money,
        ),
        Case(
            f"{resource}.update",
            lambda h, w: res(h).update(getattr(w, make).id, **update),
            lambda r, w: all(getattr(r, k) == v for k, v in update.items()),
            money,
        ),
        Case(
            f"{resource}.delete",
            lambda h, w: res(h).delete(getattr(w, make).id),
            lambda r, w: r is None and gone(w.h, lambda: res(w.h).retrieve(getattr(w, make).id)),
            money,
        ),
    ]


def report(name: str, **args: Any) -> Case:
    return Case(
        f"reports.{name}",
        lambda h, w: (w.time_entry, w.expense, list(getattr(h.reports, name)(**args)))[-1],
        lambda r, w: isinstance(r, list),
        True,
    )


PERIOD = {"from_": FROM, "to": TO}


def paid_then_refunded(h: Harvest, w: World) -> Any:
    """Pay an open invoice in full, then delete the payment."""
    invoice = w.open_invoice()
    payment = h.invoices.payments.create(invoice.id, amount=Decimal(200))
    h.invoices.payments.delete(invoice.id, payment.id)
    return h.invoices.retrieve(invoice.id)
