"""Resource ``reports``: sync and async classes."""

from __future__ import annotations

from datetime import date

from .._not_given import NOT_GIVEN, NotGiven, given
from .._pagination import AsyncPager, SyncPager
from ..operations._reports import (
    REPORTS_EXPENSES_CATEGORIES,
    REPORTS_EXPENSES_CLIENTS,
    REPORTS_EXPENSES_PROJECTS,
    REPORTS_EXPENSES_TEAM,
    REPORTS_PROJECT_BUDGET,
    REPORTS_TIME_CLIENTS,
    REPORTS_TIME_PROJECTS,
    REPORTS_TIME_TASKS,
    REPORTS_TIME_TEAM,
    REPORTS_UNINVOICED,
)
from ..types.reports import (
    ExpenseReportsResult,
    ProjectBudgetReportResult,
    TimeReportsResult,
    UninvoicedReportResult,
)
from ._base import AsyncAPIResource, SyncAPIResource

__all__ = ["AsyncReports", "Reports"]


class Reports(SyncAPIResource):
    """The ``reports.*`` operations."""

    def expenses_categories(
        self, *, per_page: int | NotGiven = NOT_GIVEN, from_: date, to: date
    ) -> SyncPager[ExpenseReportsResult]:
        """Expense totals per expense category and currency."""
        return self._core.paginate(REPORTS_EXPENSES_CATEGORIES, given(locals()))

    def expenses_clients(
        self, *, per_page: int | NotGiven = NOT_GIVEN, from_: date, to: date
    ) -> SyncPager[ExpenseReportsResult]:
        """Expense totals per client and currency."""
        return self._core.paginate(REPORTS_EXPENSES_CLIENTS, given(locals()))

    def expenses_projects(
        self, *, per_page: int | NotGiven = NOT_GIVEN, from_: date, to: date
    ) -> SyncPager[ExpenseReportsResult]:
        """Expense totals per project and currency."""
        return self._core.paginate(REPORTS_EXPENSES_PROJECTS, given(locals()))

    def expenses_team(
        self, *, per_page: int | NotGiven = NOT_GIVEN, from_: date, to: date
    ) -> SyncPager[ExpenseReportsResult]:
        """Expense totals per person and currency."""
        return self._core.paginate(REPORTS_EXPENSES_TEAM, given(locals()))

    def project_budget(
        self, *, per_page: int | NotGiven = NOT_GIVEN, is_active: bool | NotGiven = NOT_GIVEN
    ) -> SyncPager[ProjectBudgetReportResult]:
        """Budget, spent and remaining for projects with a budget."""
        return self._core.paginate(REPORTS_PROJECT_BUDGET, given(locals()))

    def time_clients(
        self,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        from_: date,
        to: date,
        include_fixed_fee: bool | NotGiven = NOT_GIVEN,
    ) -> SyncPager[TimeReportsResult]:
        """Hours and billable amounts per client and currency."""
        return self._core.paginate(REPORTS_TIME_CLIENTS, given(locals()))

    def time_projects(
        self,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        from_: date,
        to: date,
        include_fixed_fee: bool | NotGiven = NOT_GIVEN,
    ) -> SyncPager[TimeReportsResult]:
        """Hours and billable amounts per project and currency."""
        return self._core.paginate(REPORTS_TIME_PROJECTS, given(locals()))

    def time_tasks(
        self,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        from_: date,
        to: date,
        include_fixed_fee: bool | NotGiven = NOT_GIVEN,
    ) -> SyncPager[TimeReportsResult]:
        """Hours and billable amounts per task and currency."""
        return self._core.paginate(REPORTS_TIME_TASKS, given(locals()))

    def time_team(
        self,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        from_: date,
        to: date,
        include_fixed_fee: bool | NotGiven = NOT_GIVEN,
    ) -> SyncPager[TimeReportsResult]:
        """Hours and billable amounts per person and currency."""
        return self._core.paginate(REPORTS_TIME_TEAM, given(locals()))

    def uninvoiced(
        self,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        from_: date,
        to: date,
        include_fixed_fee: bool | NotGiven = NOT_GIVEN,
    ) -> SyncPager[UninvoicedReportResult]:
        """Uninvoiced hours, expenses and amounts per billable project."""
        return self._core.paginate(REPORTS_UNINVOICED, given(locals()))


class AsyncReports(AsyncAPIResource):
    """The ``reports.*`` operations (async)."""

    def expenses_categories(
        self, *, per_page: int | NotGiven = NOT_GIVEN, from_: date, to: date
    ) -> AsyncPager[ExpenseReportsResult]:
        """Expense totals per expense category and currency."""
        return self._core.paginate(REPORTS_EXPENSES_CATEGORIES, given(locals()))

    def expenses_clients(
        self, *, per_page: int | NotGiven = NOT_GIVEN, from_: date, to: date
    ) -> AsyncPager[ExpenseReportsResult]:
        """Expense totals per client and currency."""
        return self._core.paginate(REPORTS_EXPENSES_CLIENTS, given(locals()))

    def expenses_projects(
        self, *, per_page: int | NotGiven = NOT_GIVEN, from_: date, to: date
    ) -> AsyncPager[ExpenseReportsResult]:
        """Expense totals per project and currency."""
        return self._core.paginate(REPORTS_EXPENSES_PROJECTS, given(locals()))

    def expenses_team(
        self, *, per_page: int | NotGiven = NOT_GIVEN, from_: date, to: date
    ) -> AsyncPager[ExpenseReportsResult]:
        """Expense totals per person and currency."""
        return self._core.paginate(REPORTS_EXPENSES_TEAM, given(locals()))

    def project_budget(
        self, *, per_page: int | NotGiven = NOT_GIVEN, is_active: bool | NotGiven = NOT_GIVEN
    ) -> AsyncPager[ProjectBudgetReportResult]:
        """Budget, spent and remaining for projects with a budget."""
        return self._core.paginate(REPORTS_PROJECT_BUDGET, given(locals()))

    def time_clients(
        self,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        from_: date,
        to: date,
        include_fixed_fee: bool | NotGiven = NOT_GIVEN,
    ) -> AsyncPager[TimeReportsResult]:
        """Hours and billable amounts per client and currency."""
        return self._core.paginate(REPORTS_TIME_CLIENTS, given(locals()))

    def time_projects(
        self,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        from_: date,
        to: date,
        include_fixed_fee: bool | NotGiven = NOT_GIVEN,
    ) -> AsyncPager[TimeReportsResult]:
        """Hours and billable amounts per project and currency."""
        return self._core.paginate(REPORTS_TIME_PROJECTS, given(locals()))

    def time_tasks(
        self,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        from_: date,
        to: date,
        include_fixed_fee: bool | NotGiven = NOT_GIVEN,
    ) -> AsyncPager[TimeReportsResult]:
        """Hours and billable amounts per task and currency."""
        return self._core.paginate(REPORTS_TIME_TASKS, given(locals()))

    def time_team(
        self,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        from_: date,
        to: date,
        include_fixed_fee: bool | NotGiven = NOT_GIVEN,
    ) -> AsyncPager[TimeReportsResult]:
        """Hours and billable amounts per person and currency."""
        return self._core.paginate(REPORTS_TIME_TEAM, given(locals()))

    def uninvoiced(
        self,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        from_: date,
        to: date,
        include_fixed_fee: bool | NotGiven = NOT_GIVEN,
    ) -> AsyncPager[UninvoicedReportResult]:
        """Uninvoiced hours, expenses and amounts per billable project."""
        return self._core.paginate(REPORTS_UNINVOICED, given(locals()))
