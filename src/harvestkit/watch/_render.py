"""Plain text of a notification, for e-mail and chat: the subject, the figures, and what
to do about it. Payload values are data; they are listed, never woven into sentences."""

from __future__ import annotations

from typing import Any

from harvestkit.governance import Notification

__all__ = ["render_text"]


def _lines(value: Any, indent: str = "") -> list[str]:
    if isinstance(value, dict):
        out = []
        for key, item in value.items():
            if isinstance(item, dict | list):
                out.append(f"{indent}{key}:")
                out.extend(_lines(item, indent + "  "))
            else:
                out.append(f"{indent}{key}: {item}")
        return out
    if isinstance(value, list):
        out = []
        for item in value:
            sub = _lines(item, indent + "  ")
            if sub:
                out.append(f"{indent}- {sub[0].strip()}")
                out.extend(sub[1:])
        return out
    return [f"{indent}{value}"]


def render_text(notification: Notification) -> str:
    """The notification as plain text."""
    payload = dict(notification.payload)
    act = payload.pop("act", None)
    lines = [notification.subject, "", *_lines(payload.get("figures", payload))]
    link = payload.get("link")
    if link and "figures" in payload:
        lines += ["", f"Open: {link}"]
    if act:
        lines += ["", "To act on it:", *_lines(act, "  ")]
    return "\n".join(lines) + "\n"
