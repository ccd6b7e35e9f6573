"""How long `harvestkit sandbox` takes to be ready: from starting the process to the line
that says it is ready, with a fresh demo database.

`cold` seeds the demo company from scratch (an empty template cache); `warm` copies the
day's kept database (the usual case after the first start of a day).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

RUNS = 3
COMMAND = Path(sys.executable).with_name("harvestkit")


def _ready_after(cache: Path, db: Path) -> float:
    env = {**os.environ, "HARVESTKIT_CACHE_DIR": str(cache)}
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(COMMAND), "sandbox", "--port", "0", "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        text=True,
    )
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if "ready in" in line:
                return time.perf_counter() - started
        raise RuntimeError("the sandbox exited before it was ready")
    finally:
        process.terminate()
        process.wait(timeout=10)


def run() -> dict[str, Any]:
    cold: list[float] = []
    warm: list[float] = []
    for _ in range(RUNS):
        with tempfile.TemporaryDirectory() as tmp:
            cache = Path(tmp) / "cache"
            cold.append(_ready_after(cache, Path(tmp) / "cold.sqlite3"))
            warm.append(_ready_after(cache, Path(tmp) / "warm.sqlite3"))
    return {
        "runs": RUNS,
        "cold_start_median_s": round(statistics.median(cold), 2),
        "cold_start_max_s": round(max(cold), 2),
        "warm_start_median_s": round(statistics.median(warm), 2),
        "warm_start_max_s": round(max(warm), 2),
        "target_s": 2.0,
        "passed": statistics.median(cold) <= 2.0,
    }


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name}: {value}")
