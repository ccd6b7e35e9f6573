"""The agent tool catalog: every Harvest operation as a tool, plus outcome tools."""

from ._tool import (
    TOOLSETS,
    Annotations,
    Choice,
    NeedsInput,
    Question,
    ResponseFormat,
    Tool,
    ToolContext,
    ToolError,
)

__all__ = [
    "TOOLSETS",
    "Annotations",
    "Choice",
    "NeedsInput",
    "Question",
    "ResponseFormat",
    "Tool",
    "ToolContext",
    "ToolError",
]
