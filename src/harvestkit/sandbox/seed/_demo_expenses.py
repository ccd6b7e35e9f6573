"""Expenses over the six months: mileage, meals, trips with receipts, monthly software."""

from __future__ import annotations

import struct
import zlib
from datetime import date, timedelta
from decimal import Decimal

from ._demo_staff import PEOPLE, PersonSpec
from ._demo_time import APPROVED, SPEC, approval
from ._demo_world import Row, World, at, weekdays

CATEGORIES = (
    ("Mileage", "mile", Decimal("0.655"), True),
    ("Meals", None, None, True),
    ("Travel", None, None, True),
    ("Software", None, None, True),
    ("Lodging", None, None, True),
    ("Entertainment", None, None, False),
)
_ON_THE_ROAD = {"lead": 0.1, "pm": 0.09, "design": 0.06, "eng": 0.02, "qa": 0.015, "seo": 0.03}


def build_expense_categories(world: World) -> dict[str, Row]:
    stamp = at(world.day(-420), 12)
    return {
        name: world.add(
            "expense_categories",
            {
                "name": name,
                "unit_name": unit,
                "unit_price": price,
                "is_active": active,
                "created_at": stamp,
                "updated_at": stamp,
            },
        )
        for name, unit, price, active in CATEGORIES
    }


def build_expenses(world: World, boost: tuple[date, date]) -> list[Row]:
    """Trips, meals and mileage on client projects, monthly software on Internal Admin, and
    the on-site launch workshop for Williams & Co during `boost`."""
    rng = world.rng
    categories = build_expense_categories(world)
    planned: list[tuple[PersonSpec, date, str, str, Decimal, Decimal | None, str]] = []
    for person in world.people:
        client_projects = [k for k in person.projects if SPEC[k].is_billable]
        for day in weekdays(world.start, world.end):
            offset = world.offset(day)
            live = [k for k in client_projects if SPEC[k].window[0] <= offset < SPEC[k].window[1]]
            if not (person.active[0] <= offset < person.active[1]) or not live:
                continue
            if rng.random() >= _ON_THE_ROAD[person.discipline]:
                continue
            key = rng.choice(live)
            kind = rng.choices(("Mileage", "Meals", "Travel", "Lodging"), (4, 4, 1, 1))[0]
            units: Decimal | None = None
            if kind == "Mileage":
                units = Decimal(2 * rng.randint(6, 60))  # even miles: cents stay exact
                cost = units * Decimal("0.655")
                note = f"Drive to {world.clients[SPEC[key].client]['name']}"
            else:
                low, high = {"Meals": (18, 95), "Travel": (120, 480), "Lodging": (160, 320)}[kind]
                cost = Decimal(rng.randint(low * 100, high * 100)) / 100
                note = {
                    "Meals": "Lunch with client team",
                    "Travel": "Train tickets",
                    "Lodging": "Hotel, one night",
                }[kind]
            planned.append((person, day, key, kind, cost, units, note))
    avery = PEOPLE[0]
    months: set[tuple[int, int]] = set()
    for day in weekdays(world.start, world.end):
        if (day.year, day.month) not in months:
            months.add((day.year, day.month))
            planned.append(
                (
                    avery,
                    day,
                    "admin",
                    "Software",
                    Decimal("45.00"),
                    None,
                    "Figma and GitHub subscriptions",
                )
            )
    workshop = max(boost[0], boost[1] - timedelta(days=10))
    while workshop.weekday() >= 5:
        workshop -= timedelta(days=1)
    # Something billable is always waiting for the next invoice.
    last = max(weekdays(world.end - timedelta(days=6), world.end))
    planned.append(
        (
            PEOPLE[2],
            last,
            "maintenance",
            "Mileage",
            Decimal("31.44"),
            Decimal(48),
            "Drive to Northwind Outfitters for the monthly review",
        )
    )
    jordan = PEOPLE[1]
    planned.append(
        (
            jordan,
            workshop,
            "redesign",
            "Travel",
            Decimal("486.40"),
            None,
            "Flights to Boston for the launch workshop",
        )
    )
    planned.append(
        (
            jordan,
            workshop,
            "redesign",
            "Lodging",
            Decimal("612.00"),
            None,
            "Hotel in Boston, two nights (launch workshop)",
        )
    )
    # Ids follow creation: each expense is entered at 6:30pm in its owner's time zone.
    order = {person.key: index for index, person in enumerate(world.people)}
    planned.sort(key=lambda p: (at(p[1], 18.5, p[0].timezone), order[p[0].key]))
    return [_expense(world, categories, *item) for item in planned]


def _expense(
    world: World,
    categories: dict[str, Row],
    person: PersonSpec,
    day: date,
    key: str,
    kind: str,
    cost: Decimal,
    units: Decimal | None,
    note: str,
) -> Row:
    project = world.projects[key]
    status = approval(world, day)
    stamp = at(day, 18.5, person.timezone)
    receipt = kind != "Mileage" and world.rng.random() < 0.45
    ext = "pdf" if kind in ("Lodging", "Travel", "Software") else "png"
    return world.add(
        "expenses",
        {
            "client_id": project["client_id"],
            "project_id": project["id"],
            "expense_category_id": categories[kind]["id"],
            "user_id": world.users[person.key]["id"],
            "user_assignment_id": world.user_assignments[(key, person.key)]["id"],
            "spent_date": day,
            "notes": note,
            "units": units if units is not None else Decimal(1),
            "total_cost": cost,
            "billable": bool(project["is_billable"]),
            "is_locked": status == "approved",
            "locked_reason": APPROVED if status == "approved" else None,
            "approval_status": status,
            "invoice_id": None,
            "receipt_file_name": f"receipt-{day.isoformat()}.{ext}" if receipt else None,
            "receipt_content_type": ("application/pdf" if ext == "pdf" else "image/png")
            if receipt
            else None,
            "receipt_data": (_pdf(note, cost) if ext == "pdf" else _PNG) if receipt else None,
            "created_at": stamp,
            "updated_at": stamp,
        },
    )


def _png() -> bytes:
    """A 1×1 white PNG: enough to be a real image file."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


_PNG = _png()


def _pdf(note: str, cost: Decimal) -> bytes:
    """A one-page PDF receipt."""
    text = f"BT /F1 12 Tf 50 750 Td (Receipt: {note} - total {cost}) Tj ET".encode()
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>>endobj\n"
        + f"4 0 obj<</Length {len(text)}>>stream\n".encode()
        + text
        + b"\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
