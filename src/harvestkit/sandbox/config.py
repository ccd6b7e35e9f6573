"""How a sandbox is set up."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from platformdirs import user_data_path

from .clock import start_from_environment

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765


def default_db_path() -> Path:
    return user_data_path("harvestkit") / "sandbox.sqlite3"


@dataclass
class SandboxConfig:
    """`db` is a file path or ":memory:". `token`/`account_id` fix the seeded
    administrator's credentials (random ones are made and kept in the db otherwise)."""

    db: str = ":memory:"
    seed: str = "demo"  # demo | empty
    scale: int = 1
    """The demo company this many times its size: more people, so about this many times
    the time entries, expenses and invoiced work (for load and memory tests)."""
    token: str | None = None
    account_id: int | None = None
    rate_limit_scale: float = 1.0
    faults: str = ""
    random_seed: int = 20261121
    use_templates: bool = True
    """Reuse a demo database seeded earlier the same day (see templates.py)."""
    now: datetime | None = field(default_factory=start_from_environment)
    """The instant the sandbox's clock starts at and runs on from (default: HARVESTKIT_NOW,
    else real time); a new demo database is seeded as of that day."""
