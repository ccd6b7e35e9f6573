"""Monthly invoices built from each client's tracked time and expenses, the way
`line_items_import` would build them, in every state, with their payments and messages."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from ._demo_catalog import CLIENTS, COMPANY_NAME, PROJECTS
from ._demo_staff import PEOPLE
from ._demo_world import Row, World, at, month_start, next_month

INVOICED = "Item Invoiced and Approved and Locked for this Time Period"
EXPENSE_INVOICED = "Expense is invoiced."
TERMS = {"upon receipt": 0, "net 15": 15, "net 30": 30, "net 45": 45, "net 60": 60}
_BILLED_CLIENTS = (
    "williams",
    "northwind",
    "lumen",
    "cedar",
    "kettle",
    "hansen",
    "riverside",
    "atlas",
)
# The latest round of invoices: who has not been sent theirs yet.
_NOT_SENT_YET = ("northwind", "cedar", "hansen")


def invoice_periods(world: World) -> list[tuple[date, date, date]]:
    """(period start, period end, issue date) for every month invoiced so far: a month is
    invoiced on the first weekday from the 5th of the next month."""
    periods: list[tuple[date, date, date]] = []
    month = month_start(world.start)
    while True:
        issue = next_month(month) + timedelta(days=4)
        while issue.weekday() >= 5:
            issue += timedelta(days=1)
        if issue > world.end:
            return periods
        periods.append((max(month, world.start), next_month(month) - timedelta(days=1), issue))
        month = next_month(month)


def build_invoices(world: World, entries: list[Row], expenses: list[Row]) -> None:
    """Invoice every billed client for each closed month and mark what was imported."""
    periods = invoice_periods(world)
    tasks = {row["id"]: name for name, row in world.tasks.items()}
    categories = {row["id"]: row["name"] for row in world.rows["expense_categories"]}
    fixed = {world.projects[spec.key]["id"] for spec in PROJECTS if spec.fee}
    time_by: dict[tuple[int, int], list[Row]] = defaultdict(list)
    expenses_by: dict[tuple[int, int], list[Row]] = defaultdict(list)
    for row in entries:
        index = _period_of(periods, row["spent_date"])
        # Fixed-fee time is covered by the fee; only hourly work is imported.
        if (
            index is not None
            and row["billable_rate"] is not None
            and row["project_id"] not in fixed
        ):
            time_by[(row["client_id"], index)].append(row)
    for row in expenses:
        index = _period_of(periods, row["spent_date"])
        if index is not None and row["billable"]:
            expenses_by[(row["client_id"], index)].append(row)
    instalments: dict[str, int] = defaultdict(int)
    for index, (first, last, issue) in enumerate(periods):
        age = len(periods) - 1 - index
        for key in _BILLED_CLIENTS:
            client = world.clients[key]
            lines = _time_lines(time_by[(client["id"], index)], tasks)
            lines += _fixed_fee_lines(world, client["id"], first, last, instalments)
            lines += _expense_lines(expenses_by[(client["id"], index)], categories)
            if not lines:
                continue
            invoice = _invoice(world, key, first, last, issue, age, lines)
            for row in time_by[(client["id"], index)]:
                _mark_billed(row, invoice, INVOICED)
            for row in expenses_by[(client["id"], index)]:
                _mark_billed(row, invoice, EXPENSE_INVOICED)


def _period_of(periods: list[tuple[date, date, date]], day: date) -> int | None:
    for index, (first, last, _) in enumerate(periods):
        if first <= day <= last:
            return index
    return None


def _time_lines(rows: list[Row], tasks: dict[int, str]) -> list[Row]:
    """One Service line per project, task and rate (the `task` summary): hours × rate."""
    hours: dict[tuple[int, int, Decimal], Decimal] = defaultdict(Decimal)
    for row in rows:
        hours[(row["project_id"], row["task_id"], row["billable_rate"])] += row[
            "hours_without_timer"
        ]
    return [
        {
            "project_id": project_id,
            "kind": "Service",
            "description": tasks[task_id],
            "quantity": quantity,
            "unit_price": rate,
        }
        for (project_id, task_id, rate), quantity in sorted(
            hours.items(), key=lambda item: (item[0][0], tasks[item[0][1]], item[0][2])
        )
    ]


def _fixed_fee_lines(
    world: World, client_id: int, first: date, last: date, instalments: dict[str, int]
) -> list[Row]:
    """Fixed-fee projects are invoiced in four 25 % instalments, monthly while they run."""
    lines = []
    for spec in PROJECTS:
        project = world.projects[spec.key]
        if not spec.fee or project["client_id"] != client_id:
            continue
        begins, ends = world.day(spec.window[0]), world.day(min(spec.window[1], 5000))
        if begins <= last and ends >= first and instalments[spec.key] < 4:
            instalments[spec.key] += 1
            lines.append(
                {
                    "project_id": project["id"],
                    "kind": "Service",
                    "description": f"{spec.name}: fixed fee instalment (25%)",
                    "quantity": Decimal(1),
                    "unit_price": Decimal(spec.fee) / 4,
                }
            )
    return lines


def _expense_lines(rows: list[Row], categories: dict[int, str]) -> list[Row]:
    """One Product line per project and category (the `category` summary)."""
    totals: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    for row in rows:
        totals[(row["project_id"], row["expense_category_id"])] += row["total_cost"]
    return [
        {
            "project_id": project_id,
            "kind": "Product",
            "description": categories[category_id],
            "quantity": Decimal(1),
            "unit_price": total,
        }
        for (project_id, category_id), total in sorted(totals.items())
    ]


def _mark_billed(row: Row, invoice: Row, reason: str) -> None:
    row["invoice_id"] = invoice["id"]
    row["is_locked"] = True
    row["locked_reason"] = reason
    row["updated_at"] = max(row["updated_at"], invoice["created_at"])


def _invoice(
    world: World, key: str, first: date, last: date, issue: date, age: int, lines: list[Row]
) -> Row:
    spec = next(c for c in CLIENTS if c.key == key)
    client = world.clients[key]
    number = 1001 + len(world.rows.get("invoices", []))
    created = at(issue, 10)
    amount = sum((line["quantity"] * line["unit_price"] for line in lines), Decimal(0))
    state = _state(key, age)
    sent = None if state == "draft" else at(issue, 10.5)
    invoice = world.add(
        "invoices",
        {
            "client_id": client["id"],
            "number": str(number),
            "purchase_order": f"PO-{issue.year}-{number - 960}" if key == "williams" else None,
            "tax": None,
            "tax2": None,
            "discount": None,
            "subject": f"{first:%B %Y} services",
            "notes": "Thank you for your business.",
            "currency": client["currency"],
            "state": state,
            "period_start": first,
            "period_end": last,
            "issue_date": issue,
            "due_date": issue + timedelta(days=TERMS[spec.payment_term]),
            "payment_term": spec.payment_term,
            "payment_options": ["ach", "credit_card"],
            "sent_at": sent,
            "paid_at": None,
            "paid_date": None,
            "closed_at": None,
            "recurring_invoice_id": None,
            "estimate_id": None,
            "retainer_id": None,
            "creator_id": world.users["priya"]["id"],
            "client_key": world.key(),
            "created_at": created,
            "updated_at": sent or created,
        },
    )
    for position, line in enumerate(lines, start=1):
        world.add(
            "invoice_line_items",
            {
                "invoice_id": invoice["id"],
                "taxed": False,
                "taxed2": False,
                "position": position,
                **line,
            },
        )
    if sent is not None:
        _message(world, invoice, spec.contacts, sent, event=None)
    if state == "closed":
        invoice["closed_at"] = invoice["updated_at"] = at(issue + timedelta(days=75), 11)
        _message(world, invoice, (), invoice["closed_at"], event="close")
    elif state in ("paid", "open") and age >= 1:
        _payments(world, invoice, spec.contacts, amount, age, key)
    return invoice


def _state(key: str, age: int) -> str:
    if age == 0:
        return "draft" if key in _NOT_SENT_YET else "open"
    if age == 1 and key in ("northwind", "lumen"):
        return "open"
    if age == 3 and key == "cedar":
        return "closed"  # written off after the client disputed the hours
    return "paid"


def _payments(
    world: World,
    invoice: Row,
    contacts: tuple[tuple[str, str, str, str], ...],
    amount: Decimal,
    age: int,
    key: str,
) -> None:
    """Open invoices a month old are partly paid; older ones fully, some in two parts."""
    issue: date = invoice["issue_date"]
    paid_on = min(issue + timedelta(days=world.rng.randint(6, 24)), world.end)
    if invoice["state"] == "open":
        if key != "northwind":
            return  # simply not paid yet
        parts = [(amount * Decimal("0.4")).quantize(Decimal("0.01"))]
    elif key == "lumen" or world.rng.random() < 0.2:
        half = (amount / 2).quantize(Decimal("0.01"))
        parts = [half, amount - half]
    else:
        parts = [amount]
    for number, part in enumerate(parts):
        day = min(paid_on + timedelta(days=14 * number), world.end)
        paid_at = at(day, 15)
        world.add(
            "invoice_payments",
            {
                "invoice_id": invoice["id"],
                "amount": part,
                "paid_at": paid_at,
                "paid_date": day,
                "recorded_by": "Priya Raman",
                "recorded_by_email": PEOPLE[2].email,
                "notes": "ACH transfer" if number == 0 else "Balance",
                "transaction_id": None,
                "payment_gateway": None,
                "created_at": paid_at,
                "updated_at": paid_at,
            },
        )
        invoice["updated_at"] = paid_at
    if invoice["state"] == "paid":
        invoice["paid_at"], invoice["paid_date"] = invoice["updated_at"], day
        if contacts:
            _message(world, invoice, contacts, invoice["paid_at"], event=None, thanks=True)


def _message(
    world: World,
    invoice: Row,
    contacts: tuple[tuple[str, str, str, str], ...],
    when: object,
    *,
    event: str | None,
    thanks: bool = False,
) -> None:
    """An emailed invoice (to the client's contacts) or, without contacts, an event."""
    priya = PEOPLE[2]
    emailed = event is None and bool(contacts)
    number = invoice["number"]
    world.add(
        "invoice_messages",
        {
            "invoice_id": invoice["id"],
            "sent_by": f"{priya.first} {priya.last}",
            "sent_by_email": priya.email,
            "sent_from": f"{priya.first} {priya.last}",
            "sent_from_email": priya.email,
            "recipients": [{"name": f"{c[1]} {c[2]}", "email": c[3]} for c in contacts]
            if emailed
            else [],
            "subject": (
                f"Thank you for your payment of invoice #{number}"
                if thanks
                else f"Invoice #{number} from {COMPANY_NAME}"
            )
            if emailed
            else None,
            "body": (
                "We have received your payment. Thank you!"
                if thanks
                else f"Please find invoice #{number} attached. Let us know if you have any "
                "questions."
            )
            if emailed
            else None,
            "include_link_to_client_invoice": emailed and not thanks,
            "attach_pdf": emailed and not thanks,
            "send_me_a_copy": False,
            "thank_you": thanks,
            "event_type": event if event else (None if emailed else "send"),
            "reminder": False,
            "send_reminder_on": None,
            "created_at": when,
            "updated_at": when,
        },
    )
