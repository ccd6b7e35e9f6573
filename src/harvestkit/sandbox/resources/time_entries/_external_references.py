"""A time entry's `external_reference`: the item in another tool it was tracked against
(API-NOTES §10.14). It is stored as given, with its `id` copied to a column for the
`external_reference_id` list filter, and rendered with the integration it points to."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

from ...context import Ctx

CLEARED = {"external_reference": None, "external_reference_id": None}
"""The stored values of an entry without a reference."""


def given_reference(ctx: Ctx) -> dict[str, Any]:
    """The stored values for the request's `external_reference`: none if it was not sent,
    cleared if it was sent as null."""
    if not ctx.params.has("external_reference"):
        return {}
    given = ctx.params.dict("external_reference")
    if given is None:
        return dict(CLEARED)
    ref = {
        key: None if given.get(key) is None else str(given[key])
        for key in ("id", "group_id", "account_id", "permalink")
    }
    return {"external_reference": ref, "external_reference_id": ref["id"]}


def render_reference(ref: dict[str, Any] | None) -> dict[str, Any] | None:
    if ref is None:
        return None
    # Harvest names the integration; the sandbox takes the permalink's host as its name.
    service = urlparse(ref.get("permalink") or "").hostname
    icon = f"https://proxy.harvestfiles.net/integrations/{service}/icon.png" if service else None
    return {**ref, "service": service, "service_icon_url": icon}
