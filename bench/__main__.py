"""Run every benchmark module in bench/ and write bench/results.json and bench/RESULTS.md.

A benchmark module is any ``bench/<name>.py`` (not starting with ``_``) with a ``run()``
function returning a dict of figures. Only measured figures are written.
"""

from __future__ import annotations

import importlib
import json
import os
import platform
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def machine() -> dict[str, Any]:
    """CPU model, cores, Python version and the date of the run."""
    model = platform.processor() or "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "cpu_model": model,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }


def modules() -> list[str]:
    return sorted(p.stem for p in HERE.glob("*.py") if not p.stem.startswith("_"))


def markdown(results: dict[str, Any]) -> str:
    lines = ["# Benchmark results", "", "Written by `python -m bench` (`make bench`).", ""]
    lines += ["## Machine", ""] + [f"- {k}: {v}" for k, v in results["machine"].items()]
    for name, figures in results["benchmarks"].items():
        lines += ["", f"## {name}", "", "| figure | value |", "|---|---|"]
        lines += [f"| {k} | {v} |" for k, v in figures.items()]
    return "\n".join(lines) + "\n"


def main() -> int:
    results: dict[str, Any] = {"machine": machine(), "benchmarks": {}}
    for name in modules():
        module = importlib.import_module(f"bench.{name}")
        results["benchmarks"][name] = module.run()
    (HERE / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    (HERE / "RESULTS.md").write_text(markdown(results))
    sys.stdout.write(markdown(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
