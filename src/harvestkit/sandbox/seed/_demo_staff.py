"""The demo agency's people: who they are, what they may do, where they spend their time.

Day offsets (`active`) count from the first day of the six-month history.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ._demo_catalog import ALWAYS, DOMAIN, EASTERN


@dataclass(frozen=True)
class PersonSpec:
    key: str
    first: str
    last: str
    access: tuple[str, ...]
    roles: tuple[str, ...]
    discipline: str
    hours: float  # weekly capacity
    rate: int
    cost: int
    projects: dict[str, float] = field(default_factory=dict)  # project key -> weight
    timezone: str = EASTERN
    contractor: bool = False
    active: tuple[int, int] = ALWAYS
    manages: tuple[str, ...] = ()  # teammates
    leads: tuple[str, ...] = ()  # projects where this person is a project manager

    @property
    def email(self) -> str:
        return f"{self.first.lower()}.{self.last.lower()}@{DOMAIN}"


DISCIPLINES: dict[str, tuple[str, ...]] = {
    "lead": ("Project Management", "Meetings", "Research"),
    "pm": ("Project Management", "Meetings", "Content Strategy"),
    "design": ("Design", "Research", "Photography", "Meetings"),
    "eng": ("Development", "QA", "Meetings"),
    "qa": ("QA", "Research", "Meetings"),
    "seo": ("SEO", "Content Strategy", "Development"),
}

ALL_PERMISSIONS = (
    "project_creator",
    "billable_rates_manager",
    "managed_projects_invoice_drafter",
    "managed_projects_invoice_manager",
    "client_and_task_manager",
    "time_and_expenses_manager",
    "estimates_manager",
)

# The first person is the administrator seed_base created.
PEOPLE = (
    PersonSpec(
        "avery",
        "Avery",
        "Admin",
        ("administrator",),
        ("Leadership",),
        "lead",
        40,
        200,
        110,
        {
            "admin": 4,
            "training": 0.5,
            "redesign": 1.5,
            "seo": 1,
            "ecommerce": 1,
            "configurator": 0.5,
            "dispatch": 1,
        },
    ),
    PersonSpec(
        "jordan",
        "Jordan",
        "Reyes",
        ("administrator",),
        ("Leadership", "Design"),
        "design",
        40,
        190,
        105,
        {
            "admin": 2,
            "redesign": 2,
            "holiday": 1.5,
            "refresh": 1.5,
            "photo": 1,
            "listing": 1,
            "training": 0.5,
        },
    ),
    PersonSpec(
        "priya",
        "Priya",
        "Raman",
        ("manager", *ALL_PERMISSIONS[:4], "time_and_expenses_manager", "estimates_manager"),
        ("Project Management",),
        "pm",
        40,
        160,
        85,
        {
            "redesign": 2.5,
            "maintenance": 1.5,
            "portal": 2,
            "listing": 1.5,
            "ecommerce": 1.5,
            "dispatch": 1.5,
            "seo": 1,
            "admin": 1,
            "annual": 1,
            "training": 0.3,
            "holiday": 1,
        },
        manages=("dana", "noah"),
        leads=("redesign", "seo", "maintenance", "portal", "listing", "ecommerce", "annual"),
    ),
    PersonSpec(
        "marcus",
        "Marcus",
        "Bell",
        ("manager", "project_creator", "billable_rates_manager", "time_and_expenses_manager"),
        ("Engineering",),
        "eng",
        40,
        180,
        95,
        {
            "portal": 2,
            "dispatch": 2.5,
            "configurator": 1.5,
            "redesign": 1.5,
            "maintenance": 1,
            "admin": 1,
            "training": 0.5,
            "audit": 1,
        },
        manages=("ethan", "lena", "ravi"),
        leads=("dispatch", "configurator", "audit"),
    ),
    PersonSpec(
        "sofia",
        "Sofia",
        "Alvarez",
        ("manager", "client_and_task_manager", "estimates_manager"),
        ("Design",),
        "design",
        37.5,
        170,
        90,
        {
            "redesign": 2.5,
            "holiday": 2,
            "refresh": 2,
            "photo": 1.5,
            "ecommerce": 1.5,
            "annual": 1.5,
            "admin": 0.7,
            "training": 0.4,
        },
        manages=("dana", "chloe"),
        leads=("holiday", "refresh", "photo"),
    ),
    PersonSpec(
        "dana",
        "Dana",
        "Whitfield",
        ("member",),
        ("Design",),
        "design",
        37.5,
        145,
        70,
        {
            "redesign": 3,
            "ecommerce": 2,
            "listing": 2,
            "holiday": 1.5,
            "portal": 1.5,
            "annual": 1,
            "photo": 1,
            "admin": 0.5,
            "training": 0.5,
            "seo": 0.7,
        },
    ),
    PersonSpec(
        "ethan",
        "Ethan",
        "Brooks",
        ("member",),
        ("Engineering",),
        "eng",
        40,
        140,
        70,
        {
            "redesign": 3,
            "portal": 2.5,
            "ecommerce": 2,
            "maintenance": 1.5,
            "listing": 1,
            "admin": 0.5,
            "training": 0.7,
        },
    ),
    PersonSpec(
        "lena",
        "Lena",
        "Fischer",
        ("member",),
        ("Engineering",),
        "eng",
        40,
        150,
        75,
        {
            "configurator": 4,
            "dispatch": 2.5,
            "listing": 1.5,
            "audit": 1,
            "admin": 0.5,
            "training": 0.5,
        },
        timezone="Berlin",
    ),
    PersonSpec(
        "noah",
        "Noah",
        "Kim",
        ("member",),
        ("QA",),
        "qa",
        37.5,
        120,
        60,
        {
            "portal": 2,
            "ecommerce": 1.5,
            "audit": 2.5,
            "maintenance": 1.5,
            "redesign": 1.5,
            "dispatch": 1.5,
            "listing": 1,
            "admin": 0.5,
            "training": 0.5,
        },
    ),
    PersonSpec(
        "ravi",
        "Ravi",
        "Patel",
        ("member",),
        ("Engineering",),
        "seo",
        30,
        130,
        95,
        {"dispatch": 3, "maintenance": 2, "seo": 2, "annual": 1.5},
        contractor=True,
    ),
    PersonSpec(
        "chloe",
        "Chloe",
        "Martin",
        ("member",),
        ("Design",),
        "design",
        37.5,
        135,
        65,
        {"refresh": 3, "redesign": 2, "holiday": 1, "admin": 0.5, "training": 0.5},
        active=(-400, 60),
    ),
)

# Rate changes in the middle of the history: person -> (day offset, billable, cost).
RATE_CHANGES = {"ethan": (90, 155, 78), "dana": (60, 150, 70)}

# Website Maintenance bills some people at a negotiated rate instead of their own.
CUSTOM_RATES = {
    ("maintenance", "ethan"): 125,
    ("maintenance", "ravi"): 125,
    ("maintenance", "noah"): 110,
}


def staff(scale: int = 1) -> tuple[PersonSpec, ...]:
    """The agency at `scale` times its size (`harvestkit sandbox --scale`): everyone but the
    administrator again `scale - 1` times, with a numbered surname (Priya Raman-2), on the
    same projects with the same habits, each copy managing the same copies of its team.
    The time, expenses and invoices of the history then grow about `scale` times."""
    if scale < 1:
        raise ValueError(f"scale must be at least 1, not {scale}")
    admin = PEOPLE[0].key
    copies = [
        replace(
            person,
            key=f"{person.key}-{n}",
            last=f"{person.last}-{n}",
            manages=tuple(f"{mate}-{n}" for mate in person.manages if mate != admin),
        )
        for n in range(2, scale + 1)
        for person in PEOPLE[1:]
    ]
    return (*PEOPLE, *copies)
