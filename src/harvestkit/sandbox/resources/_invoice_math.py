"""Line items and the money derived from them, shared by invoices and estimates
(API-NOTES §7, §8.4, §8.5).

Nothing money-like is stored: every render sums the document's line items again, so an
amount can never drift from the lines that explain it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Row, Table, func, select
from sqlalchemy.engine import Connection

from .. import store, tables
from ..errors import not_found, unprocessable
from ..params import to_bool, to_decimal, to_int
from ..render import money, num

ZERO = Decimal("0")
HUNDRED = Decimal("100")


@dataclass(frozen=True)
class Totals:
    """The amounts of an invoice or estimate, each rounded to cents (half up)."""

    subtotal: Decimal
    discount_amount: Decimal
    tax_amount: Decimal
    tax2_amount: Decimal

    @property
    def amount(self) -> Decimal:
        return self.subtotal - self.discount_amount + self.tax_amount + self.tax2_amount


def line_amount(line: Row[Any]) -> Decimal:
    return money(line.quantity * line.unit_price)


def totals(
    lines: list[Row[Any]], tax: Decimal | None, tax2: Decimal | None, discount: Decimal | None
) -> Totals:
    """Discount comes off the whole subtotal; each tax applies to its taxed lines after
    that discount (the docs' worked example: 200 + 100, discount 10, tax 5, tax2 2 →
    discount 30, tax 13.5, tax2 5.4, amount 288.9)."""
    subtotal = sum((line_amount(line) for line in lines), ZERO)
    keep = 1 - (discount or ZERO) / HUNDRED
    taxed = sum((line_amount(line) for line in lines if line.taxed), ZERO)
    taxed2 = sum((line_amount(line) for line in lines if line.taxed2), ZERO)
    return Totals(
        subtotal=subtotal,
        discount_amount=money(subtotal * (discount or ZERO) / HUNDRED),
        tax_amount=money(taxed * keep * (tax or ZERO) / HUNDRED),
        tax2_amount=money(taxed2 * keep * (tax2 or ZERO) / HUNDRED),
    )


def lines_of(conn: Connection, table: Table, owner: str, owner_id: int) -> list[Row[Any]]:
    query = select(table).where(table.c[owner] == owner_id)
    return list(conn.execute(query.order_by(table.c.position, table.c.id)))


def render_line(conn: Connection, line: Row[Any], *, with_project: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": line.id,
        "kind": line.kind,
        "description": line.description,
        "quantity": num(line.quantity),
        "unit_price": num(line.unit_price),
        "amount": num(line_amount(line)),
        "taxed": line.taxed,
        "taxed2": line.taxed2,
    }
    if with_project:
        project = store.find(conn, tables.projects, line.project_id) if line.project_id else None
        out["project"] = (
            None
            if project is None
            else {"id": project.id, "name": project.name, "code": project.code}
        )
    return out


@dataclass(frozen=True)
class LineSpec:
    """Where a document keeps its lines: table, owner column, the category table whose
    names are valid kinds, and whether lines carry a project."""

    table: Table
    owner: str
    categories: Table
    with_project: bool


INVOICE_LINES = LineSpec(
    tables.invoice_line_items, "invoice_id", tables.invoice_item_categories, True
)
ESTIMATE_LINES = LineSpec(
    tables.estimate_line_items, "estimate_id", tables.estimate_item_categories, False
)


def _line_values(
    conn: Connection, spec: LineSpec, item: dict[str, Any], *, new: bool
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if new or "kind" in item:
        kind = item.get("kind")
        if isinstance(kind, (list, dict)):
            raise unprocessable("Line items kind is invalid")
        if kind is None or not str(kind).strip():
            raise unprocessable("Line items kind can't be blank")
        names = conn.execute(select(spec.categories.c.name).where(spec.categories.c.name == kind))
        if names.first() is None:
            raise unprocessable(f"Line items kind {kind!s} is not an item category")
        values["kind"] = str(kind)
    if "description" in item:
        description = item["description"]
        values["description"] = None if description is None else str(description)
    if new or "quantity" in item:
        quantity = to_decimal(item.get("quantity"), "line_items_quantity")
        values["quantity"] = Decimal("1") if quantity is None else quantity
    if new or "unit_price" in item:
        price = to_decimal(item.get("unit_price"), "line_items_unit_price")
        if price is None:
            raise unprocessable("Line items unit price can't be blank")
        values["unit_price"] = price
    for flag in ("taxed", "taxed2"):
        if new or flag in item:
            values[flag] = bool(to_bool(item.get(flag), f"line_items_{flag}"))
    if spec.with_project and "project_id" in item:
        project_id = to_int(item.get("project_id"), "line_items_project_id")
        if project_id is not None and store.find(conn, tables.projects, project_id) is None:
            raise unprocessable("Line items project is invalid")
        values["project_id"] = project_id
    return values


def _items(raw: Any) -> list[dict[str, Any]]:
    if raw is None:  # `"line_items": null` changes nothing
        return []
    if isinstance(raw, dict):  # form notation without indexes
        raw = list(raw.values())
    if not isinstance(raw, list) or not all(isinstance(i, dict) for i in raw):
        raise unprocessable("Line items is invalid")
    return raw


def apply_lines(conn: Connection, spec: LineSpec, owner_id: int, raw: Any) -> None:
    """PATCH semantics: no `id` appends, an `id` updates that line, `_destroy` deletes it,
    and lines not mentioned stay as they are."""
    table = spec.table
    position = conn.execute(
        select(func.coalesce(func.max(table.c.position), 0)).where(table.c[spec.owner] == owner_id)
    ).scalar_one()
    for item in _items(raw):
        line_id = to_int(item.get("id"), "line_items_id")
        if line_id is None:
            position += 1
            values = _line_values(conn, spec, item, new=True)
            store.add(conn, table, {**values, spec.owner: owner_id, "position": position})
            continue
        line = store.find(conn, table, line_id)
        if line is None or getattr(line, spec.owner) != owner_id:
            raise not_found()
        if to_bool(item.get("_destroy"), "line_items_destroy"):
            store.remove(conn, table, line_id)
        else:
            store.change(conn, table, line_id, _line_values(conn, spec, item, new=False))
