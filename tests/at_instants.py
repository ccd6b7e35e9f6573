"""The date-sensitive suites again, at instants where calendars bite.

`make test` runs this after the whole suite. Each instant runs the outcome-tool, every-tool,
prompt-injection and MCP suites under libfaketime, so everything that reads the system
clock (the sandbox's seed, "today" in the tools, the MCP server, node) lives at that
instant and runs on from it:

- a month start on a weekend: invoices of the new month are not issued yet;
- the US change to daylight saving time, in the skipped hour's night in New York;
- New Year's Eve late in New York, already the new year in UTC;
- a leap day.

Without `faketime` on the machine this says so and stops (exit 0), except under CI=true,
where it is a failure: the Makefile installs it there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

INSTANTS = {
    "month start on a weekend": "2027-01-02 15:00:00",
    "US DST change": "2027-03-14 06:30:00",
    "New Year's Eve in New York": "2027-01-01 04:30:00",
    "leap day": "2028-02-29 12:00:00",
}
"""Name → instant in UTC, as faketime reads it."""

SUITES = [
    "tests/tools/outcomes",
    "tests/tools/test_every_tool.py",
    "tests/robustness/test_prompt_injection.py",
    "tests/mcp",
]


def main(argv: list[str]) -> int:
    faketime = shutil.which("faketime")
    if faketime is None:
        reason = "faketime is not installed (apt-get install faketime)"
        if os.environ.get("CI") == "true":
            print(f"at_instants: FAILED: {reason}", file=sys.stderr)
            return 1
        print(f"at_instants: skipped: {reason}", file=sys.stderr)
        return 0
    # UTC, so the instants mean what they say whatever the machine's zone. Monotonic time
    # is shifted too but runs at its real pace; FORCE_MONOTONIC_FIX keeps libfaketime's
    # translation of absolute sleeps (Python's time.sleep) valid.
    env = {**os.environ, "TZ": "UTC", "FAKETIME_FORCE_MONOTONIC_FIX": "1"}
    env.pop("HARVESTKIT_NOW", None)
    failed = []
    for name, instant in INSTANTS.items():
        print(f"\n== {name}: {instant} UTC", flush=True)
        started = time.monotonic()
        command = [faketime, instant, sys.executable, "-m", "pytest", *SUITES, *argv]
        code = subprocess.run(command, env=env, check=False).returncode
        print(f"== {name}: exit {code} in {time.monotonic() - started:.0f} s", flush=True)
        if code != 0:
            failed.append(name)
    if failed:
        print(f"at_instants: failed at {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
