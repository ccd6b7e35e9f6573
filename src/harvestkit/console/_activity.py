"""Activity: the audit trail with filters, one record's detail, verify, export, and per-tool
success and error rates and latency over time.

The owner sees everyone's calls; anyone else only their own.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from harvestkit.governance import AuditRecord, ExportFormat, Head, export_records, percentile

from ._charts import Chart, Series, render
from ._web import page, services, signed_in

__all__ = ["ROUTES", "Filters", "tool_charts"]

_SPAN = re.compile(r"^(\d+)\s*([mhdw])$")
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
CHART_LIMIT = 5000
"""Records the charts are drawn from (the newest ones matching the filters)."""


def parse_time(text: str, now: datetime) -> datetime | None:
    """``24h``, ``7d``, ``30m``, ``2w`` ago, or an ISO date or time (UTC unless it says)."""
    text = text.strip()
    if not text:
        return None
    span = _SPAN.match(text)
    if span:
        return now - timedelta(**{_UNITS[span.group(2)]: int(span.group(1))})
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class Filters:
    """The filters of the Activity page, from its query string."""

    def __init__(self, request: Request) -> None:
        session = signed_in(request)
        q = request.query_params
        self.person = q.get("person", "").strip()
        if not session.person.is_owner:
            self.person = session.person.name
        self.tool = q.get("tool", "").strip()
        self.outcome = q.get("outcome", "").strip()
        self.since_text, self.until_text = q.get("since", ""), q.get("until", "")
        now = services(request).clock()
        try:
            self.since = parse_time(self.since_text, now)
            self.until = parse_time(self.until_text, now)
        except ValueError as exc:
            raise HTTPException(400, f"since/until: {exc}") from None

    def query(self) -> dict[str, Any]:
        return {
            "user": self.person or None,
            "tool": self.tool or None,
            "outcome": self.outcome or None,
            "since": self.since,
            "until": self.until,
        }

    def as_params(self) -> dict[str, str]:
        pairs = {
            "person": self.person,
            "tool": self.tool,
            "outcome": self.outcome,
            "since": self.since_text,
            "until": self.until_text,
        }
        return {k: v for k, v in pairs.items() if v}


def _moment(record: AuditRecord) -> datetime:
    return datetime.fromisoformat(record.at.replace("Z", "+00:00"))


def tool_charts(records: list[AuditRecord], top: int = 5) -> list[Any]:
    """Two charts over time for the busiest tools: error rate (%) and median latency (ms).

    Buckets are hours when the records span under two days, else days. Rates and latency
    count executed calls (ok or error), as the execution stats do.
    """
    executed = [r for r in records if r.outcome in ("ok", "error")]
    if not executed:
        return [render(Chart("Error rate by tool", "% of calls", [], width=540)), None]
    moments = [_moment(r) for r in executed]
    hourly = max(moments) - min(moments) < timedelta(days=2)

    def bucket(moment: datetime) -> datetime:
        cut = moment.replace(minute=0, second=0, microsecond=0)
        return cut if hourly else cut.replace(hour=0)

    counts: dict[str, int] = defaultdict(int)
    for r in executed:
        counts[r.tool] += 1
    busiest = sorted(counts, key=lambda t: (-counts[t], t))[:top]
    groups: dict[str, dict[datetime, list[AuditRecord]]] = {t: defaultdict(list) for t in busiest}
    for r, moment in zip(executed, moments, strict=True):
        if r.tool in groups:
            groups[r.tool][bucket(moment)].append(r)
    rates, latency = [], []
    for tool in busiest:
        points = sorted(groups[tool].items())
        rates.append(
            Series(
                tool,
                [(t, 100 * sum(r.outcome == "error" for r in rs) / len(rs)) for t, rs in points],
            )
        )
        latency.append(
            Series(
                tool,
                [(t, percentile(sorted(r.duration_ms for r in rs), 50) or 0.0) for t, rs in points],
            )
        )
    per = "hour" if hourly else "day"
    return [
        render(
            Chart(f"Error rate by tool, per {per} (UTC)", "% of calls", rates, y_max=100, width=540)
        ),
        render(
            Chart(f"Median latency by tool, per {per} (UTC)", "milliseconds", latency, width=540)
        ),
    ]


def _summary(records: list[AuditRecord]) -> list[dict[str, Any]]:
    by_tool: dict[str, list[AuditRecord]] = defaultdict(list)
    for r in records:
        by_tool[r.tool].append(r)
    rows = []
    for tool, rs in sorted(by_tool.items()):
        ran = [r for r in rs if r.outcome in ("ok", "error")]
        ok = sum(r.outcome == "ok" for r in ran)
        times = sorted(r.duration_ms for r in ran)
        rows.append(
            {
                "tool": tool,
                "calls": len(rs),
                "success": None if not ran else 100 * ok / len(ran),
                "refused": sum(r.outcome == "refused" for r in rs),
                "p50": percentile(times, 50),
                "p95": percentile(times, 95),
            }
        )
    return rows


async def activity(request: Request) -> Response:
    filters = Filters(request)
    audit = services(request).audit
    recent = audit.records(**filters.query(), limit=CHART_LIMIT, newest_first=True)
    context = {
        "tab": "activity",
        "filters": filters,
        "records": recent[:200],
        "total": len(recent),
        "charts": tool_charts(recent),
        "summary": _summary(recent),
        "outcomes": ("ok", "error", "refused", "needs_confirmation"),
    }
    return page(request, "activity.html", context)


async def record(request: Request) -> Response:
    session = signed_in(request)
    found = services(request).audit.get(int(request.path_params["seq"]))
    if found is None or (not session.person.is_owner and found.user != session.person.name):
        raise HTTPException(404, "no such record")
    return page(request, "record.html", {"tab": "activity", "record": found})


async def verify(request: Request) -> Response:
    signed_in(request)
    q = request.query_params
    expect = None
    if q.get("head_seq") and q.get("head_hash"):
        expect = Head(int(q["head_seq"]), q["head_hash"].strip())
    result = services(request).audit.verify(expect)
    return page(request, "verify.html", {"tab": "activity", "result": result, "expect": expect})


async def export(request: Request) -> Response:
    filters = Filters(request)
    fmt: ExportFormat = "csv" if request.query_params.get("format") == "csv" else "jsonl"
    out = io.StringIO()
    export_records(services(request).audit.records(**filters.query()), fmt, out)
    media = "text/csv" if fmt == "csv" else "application/x-ndjson"
    name = f"harvestkit-audit.{fmt}"
    return Response(
        out.getvalue(),
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


ROUTES = [
    Route("/activity", activity, name="activity"),
    Route("/activity/verify", verify, name="activity_verify"),
    Route("/activity/export", export, name="activity_export"),
    Route("/activity/{seq:int}", record, name="activity_record"),
]
