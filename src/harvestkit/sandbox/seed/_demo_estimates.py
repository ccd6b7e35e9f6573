"""Estimates in every state, with their line items and the messages that moved them."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from ._demo_catalog import CLIENTS, COMPANY_NAME
from ._demo_staff import PEOPLE
from ._demo_world import World, at

# client, subject, state, issued (history offset; negative = days before yesterday),
# lines (description, hours, rate)
_ESTIMATES = (
    ("riverside", "Donor Portal", "declined", 70, (("Design", 80, 150), ("Development", 160, 165))),
    (
        "atlas",
        "Dispatch Dashboard",
        "accepted",
        88,
        (("Discovery and UX", 60, 160), ("Dashboard build", 240, 165), ("QA and launch", 40, 120)),
    ),
    (
        "cedar",
        "Agent Mobile App",
        "declined",
        110,
        (("Product discovery", 40, 135), ("iOS and Android build", 420, 165)),
    ),
    (
        "williams",
        "Mobile App Phase 1",
        "accepted",
        -16,
        (
            ("Discovery workshops", 32, 160),
            ("UX and visual design", 120, 160),
            ("App development", 360, 175),
            ("QA", 60, 130),
        ),
    ),
    (
        "lumen",
        "Patient Portal Phase 2",
        "sent",
        -9,
        (("Appointment booking", 140, 165), ("Messaging", 90, 165), ("QA", 40, 120)),
    ),
    (
        "kettle",
        "Subscription Program",
        "sent",
        -5,
        (("Subscription checkout", 80, 155), ("Customer account area", 60, 155)),
    ),
    (
        "northwind",
        "Spring Campaign 2027",
        "draft",
        -3,
        (("Campaign concept", 40, 150), ("Photography", 24, 125), ("Landing pages", 50, 150)),
    ),
    (
        "hansen",
        "Configurator 3D Viewer",
        "draft",
        -1,
        (("3D viewer prototype", 80, 120), ("Integration", 60, 120)),
    ),
)


def build_estimates(world: World) -> None:
    sofia = PEOPLE[4]
    sender = f"{sofia.first} {sofia.last}"
    for client_key, subject, state, issued, lines in _ESTIMATES:
        spec = next(c for c in CLIENTS if c.key == client_key)
        client = world.clients[client_key]
        issue = world.day(issued) if issued >= 0 else world.end + timedelta(days=issued + 1)
        created = at(issue, 11)
        sent = None if state == "draft" else at(issue, 14)
        decided = (
            at(min(issue + timedelta(days=6), world.end), 16)
            if state in ("accepted", "declined")
            else None
        )
        estimate = world.add(
            "estimates",
            {
                "client_id": client["id"],
                "number": str(1001 + len(world.rows.get("estimates", []))),
                "purchase_order": None,
                "tax": None,
                "tax2": None,
                "discount": None,
                "subject": subject,
                "notes": "Estimate valid for 60 days.",
                "currency": client["currency"],
                "state": state,
                "issue_date": issue,
                "sent_at": sent,
                "accepted_at": decided if state == "accepted" else None,
                "declined_at": decided if state == "declined" else None,
                "creator_id": world.users["sofia"]["id"],
                "client_key": world.key(),
                "created_at": created,
                "updated_at": decided or sent or created,
            },
        )
        for position, (description, hours, rate) in enumerate(lines, start=1):
            world.add(
                "estimate_line_items",
                {
                    "estimate_id": estimate["id"],
                    "kind": "Service",
                    "description": description,
                    "quantity": Decimal(hours),
                    "unit_price": Decimal(rate),
                    "taxed": False,
                    "taxed2": False,
                    "position": position,
                },
            )
        events: list[tuple[str | None, object]] = []
        if sent is not None:
            events.append((None if spec.contacts else "send", sent))
        if decided is not None:
            events.append(("accept" if state == "accepted" else "decline", decided))
        for event, when in events:
            emailed = event is None
            world.add(
                "estimate_messages",
                {
                    "estimate_id": estimate["id"],
                    "sent_by": sender,
                    "sent_by_email": sofia.email,
                    "sent_from": sender,
                    "sent_from_email": sofia.email,
                    "recipients": [{"name": f"{c[1]} {c[2]}", "email": c[3]} for c in spec.contacts]
                    if emailed
                    else [],
                    "subject": f"Estimate #{estimate['number']} from {COMPANY_NAME}"
                    if emailed
                    else None,
                    "body": f"Here is our estimate for {subject}." if emailed else None,
                    "send_me_a_copy": False,
                    "event_type": event,
                    "created_at": when,
                    "updated_at": when,
                },
            )
