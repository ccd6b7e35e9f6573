"""What the demo agency works on: its clients, tasks and projects, as plain data.

Day offsets (`window`) count from the first day of the six-month history, so the
story keeps its shape whatever day the sandbox is started.
"""

from __future__ import annotations

from dataclasses import dataclass

COMPANY_NAME = "Bright Harbor Studio"
SUBDOMAIN = "brightharbor"
DOMAIN = "brightharbor.example"
EASTERN = "Eastern Time (US & Canada)"
HISTORY_DAYS = 183  # six months, ending yesterday
ALWAYS = (-400, 10_000)


@dataclass(frozen=True)
class ClientSpec:
    key: str
    name: str
    currency: str = "USD"
    address: str | None = None
    payment_term: str = "net 30"
    contacts: tuple[tuple[str, str, str, str], ...] = ()  # title, first, last, email
    is_active: bool = True


@dataclass(frozen=True)
class TaskSpec:
    name: str
    rate: int | None  # default hourly rate; None for non-billable tasks
    is_default: bool = False
    is_active: bool = True

    @property
    def billable(self) -> bool:
        return self.rate is not None


@dataclass(frozen=True)
class ProjectSpec:
    key: str
    client: str
    name: str
    code: str | None
    bill_by: str  # Project | Tasks | People | none
    budget_by: str  # project | project_cost | task | task_fees | person | none
    tasks: tuple[str, ...]
    hourly_rate: int | None = None
    fee: int | None = None  # fixed-fee projects
    is_billable: bool = True
    monthly: bool = False
    notify: bool = False
    is_active: bool = True
    window: tuple[int, int] = ALWAYS
    notes: str | None = None


CLIENTS = (
    ClientSpec(
        "williams",
        "Williams & Co",
        address="120 Harbor Street\nBoston, MA 02110",
        contacts=(
            ("CEO", "Grace", "Williams", "grace@williamsco.example"),
            ("Marketing Director", "Tom", "Okafor", "tom.okafor@williamsco.example"),
        ),
    ),
    ClientSpec(
        "northwind",
        "Northwind Outfitters",
        address="88 Summit Road\nPortland, ME 04101",
        payment_term="net 15",
        contacts=(("Head of Digital", "Hannah", "Lindqvist", "hannah@northwind.example"),),
    ),
    ClientSpec(
        "lumen",
        "Lumen Health",
        payment_term="net 45",
        contacts=(("Product Owner", "Samuel", "Ortiz", "s.ortiz@lumenhealth.example"),),
    ),
    ClientSpec("cedar", "Cedar & Pine Realty", payment_term="upon receipt"),
    ClientSpec(
        "kettle",
        "Kettle Coffee Roasters",
        address="4 Mill Lane\nProvidence, RI 02903",
        contacts=(("Founder", "Iris", "Delgado", "iris@kettlecoffee.example"),),
    ),
    ClientSpec(
        "hansen",
        "Hansen Möbel GmbH",
        currency="EUR",
        address="Schanzenstraße 12\n20357 Hamburg\nGermany",
        contacts=(("Leiter E-Commerce", "Jonas", "Hansen", "jonas@hansen-moebel.example"),),
    ),
    ClientSpec("riverside", "Riverside Arts Council", payment_term="net 60"),
    ClientSpec("atlas", "Atlas Freight", payment_term="net 30"),
    ClientSpec("studio", COMPANY_NAME, address="31 Wharf Row\nNew York, NY 10004"),
    ClientSpec("oldmill", "Old Mill Bakery", is_active=False),
)

TASKS = (
    TaskSpec("Design", 150, is_default=True),
    TaskSpec("Development", 165, is_default=True),
    TaskSpec("Project Management", 140, is_default=True),
    TaskSpec("Meetings", None, is_default=True),
    TaskSpec("Research", 135),
    TaskSpec("QA", 120),
    TaskSpec("Content Strategy", 130),
    TaskSpec("Photography", 125),
    TaskSpec("SEO", 140),
    TaskSpec("Training", None),
    TaskSpec("Admin", None),
    TaskSpec("Legacy Support", 110, is_active=False),
)

_BUILD = ("Design", "Development", "QA", "Project Management", "Meetings")

PROJECTS = (
    ProjectSpec(
        "redesign",
        "williams",
        "Website Redesign",
        "WCO-WEB",
        "Tasks",
        "project",
        (*_BUILD, "Research", "Content Strategy"),
        notify=True,
        notes="Full redesign of williamsco.example; launch planned for the end of the year.",
    ),
    ProjectSpec(
        "seo",
        "williams",
        "SEO Retainer",
        "WCO-SEO",
        "Project",
        "project",
        ("SEO", "Content Strategy", "Project Management", "Meetings"),
        hourly_rate=150,
        monthly=True,
        notify=True,
    ),
    ProjectSpec(
        "maintenance",
        "northwind",
        "Website Maintenance",
        "NWO-MNT",
        "People",
        "person",
        ("Development", "Design", "QA", "Project Management", "Meetings"),
    ),
    ProjectSpec(
        "holiday",
        "northwind",
        "Holiday Campaign",
        "NWO-HOL",
        "Project",
        "project_cost",
        ("Design", "Content Strategy", "Photography", "Project Management", "Meetings"),
        hourly_rate=145,
        fee=60000,
        window=(55, 10_000),
    ),
    ProjectSpec(
        "portal",
        "lumen",
        "Patient Portal",
        "LUM-PP",
        "Tasks",
        "task",
        (*_BUILD, "Research"),
        notify=True,
    ),
    ProjectSpec(
        "audit",
        "lumen",
        "Accessibility Audit",
        "LUM-AA",
        "People",
        "none",
        ("Research", "QA", "Development", "Project Management", "Meetings"),
        fee=12000,
        window=(85, 160),
    ),
    ProjectSpec("listing", "cedar", "Listing Platform", "CPR-LP", "Tasks", "task_fees", _BUILD),
    ProjectSpec(
        "photo",
        "cedar",
        "Brand Photography",
        None,
        "Project",
        "none",
        ("Photography", "Design", "Project Management", "Meetings"),
        hourly_rate=125,
        window=(20, 80),
    ),
    ProjectSpec(
        "ecommerce",
        "kettle",
        "E-commerce Launch",
        "KCR-ECO",
        "Project",
        "project_cost",
        (*_BUILD, "Content Strategy"),
        hourly_rate=155,
        notify=True,
    ),
    ProjectSpec(
        "refresh",
        "kettle",
        "Brand Refresh",
        "KCR-BR",
        "Project",
        "none",
        ("Design", "Research", "Project Management", "Meetings"),
        hourly_rate=140,
        is_active=False,
        window=(-400, 55),
    ),
    ProjectSpec(
        "configurator",
        "hansen",
        "Product Configurator",
        "HMG-PC",
        "Project",
        "none",
        _BUILD,
        hourly_rate=120,
    ),
    ProjectSpec(
        "annual",
        "riverside",
        "Annual Report Site",
        "RAC-AR",
        "none",
        "none",
        ("Design", "Development", "Content Strategy", "Project Management", "Meetings"),
        fee=9000,
        window=(30, 130),
    ),
    ProjectSpec(
        "dispatch",
        "atlas",
        "Dispatch Dashboard",
        "ATL-DD",
        "People",
        "project",
        (*_BUILD, "Research"),
        notify=True,
        window=(100, 10_000),
    ),
    ProjectSpec(
        "admin",
        "studio",
        "Internal Admin",
        None,
        "none",
        "none",
        ("Admin", "Meetings"),
        is_billable=False,
    ),
    ProjectSpec(
        "training",
        "studio",
        "Internal Training",
        "INT-TRN",
        "none",
        "project",
        ("Training",),
        is_billable=False,
    ),
)
