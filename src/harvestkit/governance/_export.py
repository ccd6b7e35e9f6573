"""Exporting audit records as JSON Lines or CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Literal, TextIO

from ._audit import AuditRecord
from ._redact import canonical_json

__all__ = ["ExportFormat", "export_records"]

ExportFormat = Literal["jsonl", "csv"]
_COLUMNS = list(AuditRecord.__dataclass_fields__)


def export_records(records: Iterable[AuditRecord], fmt: ExportFormat, out: TextIO) -> int:
    """Write ``records`` to ``out``; return how many were written.

    In CSV the structured fields (arguments, result, requests) are canonical JSON text.
    """
    count = 0
    if fmt == "jsonl":
        for record in records:
            out.write(json.dumps(record.as_dict(), ensure_ascii=False) + "\n")
            count += 1
        return count
    writer = csv.DictWriter(out, fieldnames=_COLUMNS)
    writer.writeheader()
    for record in records:
        row = record.as_dict()
        for key in ("arguments", "result", "requests"):
            row[key] = "" if row[key] is None else canonical_json(row[key])
        writer.writerow(row)
        count += 1
    return count
