"""A watched folder of receipts: each new file becomes an expense proposal to approve.

A file is known by the SHA-256 of its bytes, recorded in the store (``WatchState``) once it
has been dealt with, so a restarted watcher, or the same receipt dropped in twice under
another name, repeats nothing. A receipt whose expense can be worked out whole (amount,
date, category, project) becomes an approval request holding ``add_expense``'s exact plan;
one that needs a person's answer first (which project?) is recorded with the question; a
file that cannot be read is recorded with the reason. Files still being written (changed
within the last ``settle`` seconds) wait for the next scan.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from harvestkit.governance import ApprovalStore
from harvestkit.receipts import MAX_BYTES
from harvestkit.tools import Detail, NeedsInput, ToolContext, ToolError
from harvestkit.tools.approvals import propose

from ._state import WatchState

__all__ = ["FileOutcome", "ReceiptFolder"]

KIND = "add_expense"
Outcome = Literal["proposed", "needs_answer", "refused"]


@dataclass(frozen=True)
class FileOutcome:
    """What became of one file."""

    file: str
    sha256: str
    outcome: Outcome
    approval_id: int | None = None
    message: str | None = None
    question: dict[str, Any] | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _fingerprint(path: Path) -> str:
    stat = path.stat()
    if stat.st_size > MAX_BYTES:  # not read whole: known by name, size and time instead
        return (
            "large:"
            + hashlib.sha256(f"{path.name}:{stat.st_size}:{stat.st_mtime}".encode()).hexdigest()
        )
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _question(exc: NeedsInput) -> dict[str, Any]:
    q = exc.question
    return {
        "key": q.key,
        "message": q.message,
        "choices": [{"value": c.value, "label": c.label} for c in q.choices],
    }


class ReceiptFolder:
    """Scans one folder for receipts on behalf of its owner."""

    def __init__(
        self,
        folder: Path,
        ctx: ToolContext,
        approvals: ApprovalStore,
        state: WatchState,
        *,
        owner: str,
        settle: float = 2.0,
    ) -> None:
        self.folder = folder
        self.ctx = ctx
        self.approvals = approvals
        self.state = state
        self.owner = owner
        self.settle = settle

    def _new_files(self) -> list[Path]:
        now = time.time()
        return [
            path
            for path in sorted(self.folder.iterdir())
            if path.is_file()
            and not path.name.startswith(".")
            and now - path.stat().st_mtime >= self.settle
        ]

    async def scan(self) -> list[FileOutcome]:
        """Deal with every file not dealt with before; return what became of each."""
        outcomes = []
        for path in self._new_files():
            sha = _fingerprint(path)
            key = f"receipt:{sha}"
            if self.state.get(key) is not None:
                continue
            outcome = await self._propose(path, sha)
            self.state.set(key, {**outcome.as_dict(), "owner": self.owner})
            outcomes.append(outcome)
        return outcomes

    async def _propose(self, path: Path, sha: str) -> FileOutcome:
        arguments = {"receipt_path": str(path)}
        try:
            approval, _ = await propose(
                self.approvals,
                self.ctx,
                KIND,
                arguments,
                title=f"Record the expense read from receipt file {sha[:12]}",
                details=[Detail("file", path.name), Detail("owner", self.owner)],
                source=f"receipt:{sha}",
            )
        except NeedsInput as exc:
            return FileOutcome(
                path.name,
                sha,
                "needs_answer",
                message="answer the question by running add_expense with this receipt",
                question=_question(exc),
            )
        except ToolError as exc:
            return FileOutcome(path.name, sha, "refused", message=exc.message)
        return FileOutcome(path.name, sha, "proposed", approval_id=approval.id)
