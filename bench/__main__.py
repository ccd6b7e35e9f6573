"""Run the benchmark modules in bench/ and write bench/results.json and bench/RESULTS.md.

A benchmark module is any ``bench/<name>.py`` (not starting with ``_``) with a ``run()``
function returning a dict of figures. ``python -m bench`` runs them all;
``python -m bench rate_ceiling`` runs just the named ones and keeps the last recorded
figures of the others. Each benchmark is stored with the machine and date it ran on. Only
measured figures are written; a benchmark that fails is recorded with its error.
"""

from __future__ import annotations

import importlib
import json
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.json"


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
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def modules() -> list[str]:
    return sorted(p.stem for p in HERE.glob("*.py") if not p.stem.startswith("_"))


def run_one(name: str) -> dict[str, Any]:
    """The figures of one benchmark, or the error that stopped it (no figures invented)."""
    try:
        module = importlib.import_module(f"bench.{name}")
        figures: dict[str, Any] = module.run()
    except Exception as exc:  # one broken benchmark must not hide the others' figures
        figures = {"error": f"{type(exc).__name__}: {exc}"}
    return {"machine": machine(), "figures": figures}


def previous() -> dict[str, Any]:
    try:
        data: dict[str, Any] = json.loads(RESULTS.read_text())
    except (OSError, ValueError):
        return {}
    benchmarks = data.get("benchmarks", {})
    return {k: v for k, v in benchmarks.items() if isinstance(v, dict) and "figures" in v}


def markdown(benchmarks: dict[str, Any]) -> str:
    lines = ["# Benchmark results", "", "Written by `python -m bench` (`make bench`)."]
    for name, record in sorted(benchmarks.items()):
        lines += ["", f"## {name}", ""]
        lines += [f"- {k}: {v}" for k, v in record["machine"].items()]
        lines += ["", "| figure | value |", "|---|---|"]
        lines += [f"| {k} | {v} |" for k, v in record["figures"].items()]
    return "\n".join(lines) + "\n"


def verdict(figures: dict[str, Any]) -> str:
    """PASS or FAIL against the benchmark's own target, ERROR, or "no target"."""
    if "error" in figures:
        return f"ERROR ({figures['error']})"
    if "passed" not in figures:
        return "no target (figures only)"
    target = next((f"{k}: {v}" for k, v in figures.items() if k.startswith("target")), "")
    return ("PASS" if figures["passed"] else "FAIL") + (f" ({target})" if target else "")


def main(names: list[str]) -> int:
    """Run `names` (every benchmark if none), write the results, print them and a verdict
    for each; the exit status is 1 if any ran into an error or missed its target."""
    benchmarks = previous() if names else {}
    ran = names or modules()
    for name in ran:
        sys.stderr.write(f"{name}: running\n")
        benchmarks[name] = run_one(name)
        sys.stderr.write(f"{name}: {verdict(benchmarks[name]['figures'])}\n")
    RESULTS.write_text(json.dumps({"benchmarks": benchmarks}, indent=2) + "\n")
    (HERE / "RESULTS.md").write_text(markdown(benchmarks))
    sys.stdout.write(markdown(benchmarks))
    sys.stdout.write("\n## Verdicts of this run\n\n")
    sys.stdout.writelines(f"- {name}: {verdict(benchmarks[name]['figures'])}\n" for name in ran)
    missed = [
        name
        for name in ran
        if "error" in benchmarks[name]["figures"]
        or benchmarks[name]["figures"].get("passed") is False
    ]
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
