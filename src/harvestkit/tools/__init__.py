"""The agent tool catalog: every Harvest operation as a tool, plus outcome tools.

``catalog()`` lists every tool; ``select`` picks a surface from it (toolsets, names,
read-only); ``execute`` validates arguments and runs a tool. Transports (MCP, the
``harvestkit call`` command) go through ``execute`` so confirmation and dry runs behave
the same everywhere.
"""

from ._catalog import MAX_DEFAULT_TOOLS, catalog, execute, not_served, parse_arguments, select
from ._reference_cache import REFERENCE_TTL, Cache, InMemoryCache
from ._schema_cache import ListedSchemas
from ._tool import (
    TOOLSETS,
    Annotations,
    Choice,
    Detail,
    ImageData,
    NeedsInput,
    Question,
    ResponseFormat,
    Tool,
    ToolContext,
    ToolError,
)

__all__ = [
    "MAX_DEFAULT_TOOLS",
    "REFERENCE_TTL",
    "TOOLSETS",
    "Annotations",
    "Cache",
    "Choice",
    "Detail",
    "ImageData",
    "InMemoryCache",
    "ListedSchemas",
    "NeedsInput",
    "Question",
    "ResponseFormat",
    "Tool",
    "ToolContext",
    "ToolError",
    "catalog",
    "execute",
    "not_served",
    "parse_arguments",
    "select",
]
