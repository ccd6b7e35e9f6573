"""How a sandbox is set up."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_path

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
    token: str | None = None
    account_id: int | None = None
    rate_limit_scale: float = 1.0
    faults: str = ""
    random_seed: int = 20261121
    use_templates: bool = True
    """Reuse a demo database seeded earlier the same day (see templates.py)."""
