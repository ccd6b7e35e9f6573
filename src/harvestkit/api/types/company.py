"""Harvest company: object models and request parameters."""

from __future__ import annotations

from ._base import HarvestModel, Params

__all__ = ["Company", "CompanyUpdateParams"]


class Company(HarvestModel):
    """The Harvest account (company) of the authenticated user and its settings."""

    base_uri: str | None = None
    """The Harvest URL for the company."""
    full_domain: str | None = None
    """The Harvest domain for the company."""
    name: str | None = None
    """The name of the company."""
    is_active: bool | None = None
    """Whether the company is active or archived."""
    week_start_day: str | None = None
    """The weekday used as the start of the week. Returns one of: Saturday, Sunday, or Monday."""
    wants_timestamp_timers: bool | None = None
    """Whether time is tracked via duration or start and end times."""
    time_format: str | None = None
    """The format used to display time in Harvest. Returns either decimal or hours_minutes."""
    date_format: str | None = None
    """The format used to display date in Harvest. Returns one of: %m/%d/%Y, %d/%m/%Y, %Y-%m-%d,
    %d.%m.%Y,.%Y.%m.%d or %Y/%m/%d.
    """
    plan_type: str | None = None
    """The type of plan the company is on. Examples: trial, free, or simple-v4"""
    clock: str | None = None
    """Used to represent whether the company is using a 12-hour or 24-hour clock. Returns either
    12h or 24h.
    """
    currency_code_display: str | None = None
    """How to display the currency code when formatting currency. Returns one of: iso_code_none,
    iso_code_before, or iso_code_after.
    """
    currency_symbol_display: str | None = None
    """How to display the currency symbol when formatting currency. Returns one of: symbol_none,
    symbol_before, or symbol_after.
    """
    decimal_symbol: str | None = None
    """Symbol used when formatting decimals."""
    thousands_separator: str | None = None
    """Separator used when formatting numbers."""
    color_scheme: str | None = None
    """The color scheme being used in the Harvest web client."""
    weekly_capacity: int | None = None
    """The weekly capacity in seconds."""
    expense_feature: bool | None = None
    """Whether the expense module is enabled."""
    invoice_feature: bool | None = None
    """Whether the invoice module is enabled."""
    estimate_feature: bool | None = None
    """Whether the estimate module is enabled."""
    approval_feature: bool | None = None
    """Whether the approval module is enabled."""
    team_feature: bool | None = None
    """Whether the team module is enabled."""


class CompanyUpdateParams(Params):
    """Update the company's timer mode or weekly capacity."""

    wants_timestamp_timers: bool | None = None
    """Whether time is tracked via duration or start and end times."""
    weekly_capacity: int | None = None
    """The weekly capacity in seconds."""
