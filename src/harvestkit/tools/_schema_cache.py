"""The lean schemas of the tools, kept between starts.

What a server lists for a tool (`lean_input_schema` of its input model, `lean_output_schema`
of its output model) depends only on harvestkit's code and pydantic's, yet generating the
JSON Schemas of two dozen tools is a tenth of the time an MCP host waits for the server to
start. So the first start keeps them in the user cache directory, in a file named after a
fingerprint of the installed code (every module's size and modification time, harvestkit's
and pydantic's versions); any change of the code names another file. A cache that cannot
be read or written only costs the time to generate the schemas again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import pydantic
from platformdirs import user_cache_path

import harvestkit

from ._catalog import catalog
from ._tool import Tool
from .export import output_schema
from .schemas import lean_input_schema, lean_output_schema

__all__ = ["ListedSchemas"]

Schema = dict[str, Any]


class ListedSchemas:
    """The lean input and output schemas of tools, read from and added to one cache file."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._known: dict[str, list[Schema]] = {}
        self._added = False
        if path is not None:
            with contextlib.suppress(OSError, ValueError):
                loaded = json.loads(path.read_text(encoding="utf-8"))
                if isinstance(loaded, dict):
                    self._known = loaded

    @classmethod
    def for_this_code(cls) -> ListedSchemas:
        """The cache of the installed code (`HARVESTKIT_CACHE_DIR` overrides the folder)."""
        override = os.environ.get("HARVESTKIT_CACHE_DIR")
        folder = Path(override) if override else user_cache_path("harvestkit")
        return cls(folder / "tool-schemas" / f"{_fingerprint()}.json")

    def of(self, tool: Tool) -> tuple[Schema, Schema]:
        """The lean input and output schemas of `tool` (generated the first time). Only the
        catalog's own records are kept: a tool made at run time under a catalog name (a
        test's, an extension's) may have other models, so its schemas are always made."""
        if id(tool) not in _catalog_ids():
            return _generate(tool)
        known = self._known.get(tool.name)
        if known is None or len(known) != 2:
            known = list(_generate(tool))
            self._known[tool.name] = known
            self._added = True
        # Copies: callers may reshape what they get (a pending question joins an output).
        return json.loads(json.dumps(known[0])), json.loads(json.dumps(known[1]))

    def save(self) -> None:
        """Write what was generated since the file was read (atomically; failures ignored)."""
        if not self._added or self.path is None:
            return
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    json.dump(self._known, out, separators=(",", ":"), sort_keys=True)
                os.replace(temporary, self.path)
            finally:
                with contextlib.suppress(FileNotFoundError):
                    os.remove(temporary)
        self._added = False


def _generate(tool: Tool) -> tuple[Schema, Schema]:
    return lean_input_schema(tool.input_model), lean_output_schema(output_schema(tool))


@cache
def _catalog_ids() -> frozenset[int]:
    return frozenset(id(tool) for tool in catalog())


@cache
def _fingerprint() -> str:
    digest = hashlib.sha256(f"{harvestkit.__version__}|{pydantic.VERSION}".encode())
    root = Path(harvestkit.__file__).parent
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                found = os.stat(os.path.join(folder, name))
                relative = os.path.relpath(os.path.join(folder, name), root)
                digest.update(f"{relative}|{found.st_size}|{found.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:24]
