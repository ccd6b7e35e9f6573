"""Reports: time and expense reports in `handlers`, the per-project reports (uninvoiced
work, budgets) in `_projects`, and the SQL they share in `_sql`."""

from .handlers import ROUTES

__all__ = ["ROUTES"]
