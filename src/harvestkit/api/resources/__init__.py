"""Resource namespaces of the clients: one module per Harvest resource, sync and async."""

from __future__ import annotations

from .accounts import Accounts, AsyncAccounts
from .clients import (
    AsyncClients,
    Clients,
)
from .company import (
    AsyncCompanyResource,
    CompanyResource,
)
from .contacts import (
    AsyncContacts,
    Contacts,
)
from .estimate_item_categories import (
    AsyncEstimateItemCategories,
    EstimateItemCategories,
)
from .estimate_line_items import (
    AsyncEstimateLineItems,
    EstimateLineItems,
)
from .estimate_messages import (
    AsyncEstimateMessages,
    EstimateMessages,
)
from .estimates import (
    AsyncEstimates,
    Estimates,
)
from .expense_categories import (
    AsyncExpenseCategories,
    ExpenseCategories,
)
from .expenses import (
    AsyncExpenses,
    Expenses,
)
from .invoice_item_categories import (
    AsyncInvoiceItemCategories,
    InvoiceItemCategories,
)
from .invoice_line_items import (
    AsyncInvoiceLineItems,
    InvoiceLineItems,
)
from .invoice_messages import (
    AsyncInvoiceMessages,
    InvoiceMessages,
)
from .invoice_payments import (
    AsyncInvoicePayments,
    InvoicePayments,
)
from .invoices import (
    AsyncInvoices,
    Invoices,
)
from .project_task_assignments import (
    AsyncProjectTaskAssignments,
    ProjectTaskAssignments,
)
from .project_user_assignments import (
    AsyncProjectUserAssignments,
    ProjectUserAssignments,
)
from .projects import (
    AsyncProjects,
    Projects,
)
from .reports import (
    AsyncReports,
    Reports,
)
from .roles import (
    AsyncRoles,
    Roles,
)
from .task_assignments import (
    AsyncTaskAssignments,
    TaskAssignments,
)
from .tasks import (
    AsyncTasks,
    Tasks,
)
from .time_entries import (
    AsyncTimeEntries,
    TimeEntries,
)
from .user_assignments import (
    AsyncUserAssignments,
    UserAssignments,
)
from .user_billable_rates import (
    AsyncUserBillableRates,
    UserBillableRates,
)
from .user_cost_rates import (
    AsyncUserCostRates,
    UserCostRates,
)
from .user_project_assignments import (
    AsyncUserProjectAssignments,
    UserProjectAssignments,
)
from .user_teammates import (
    AsyncUserTeammates,
    UserTeammates,
)
from .users import (
    AsyncUsers,
    Users,
)

__all__ = [
    "Accounts",
    "AsyncAccounts",
    "AsyncClients",
    "AsyncCompanyResource",
    "AsyncContacts",
    "AsyncEstimateItemCategories",
    "AsyncEstimateLineItems",
    "AsyncEstimateMessages",
    "AsyncEstimates",
    "AsyncExpenseCategories",
    "AsyncExpenses",
    "AsyncInvoiceItemCategories",
    "AsyncInvoiceLineItems",
    "AsyncInvoiceMessages",
    "AsyncInvoicePayments",
    "AsyncInvoices",
    "AsyncProjectTaskAssignments",
    "AsyncProjectUserAssignments",
    "AsyncProjects",
    "AsyncReports",
    "AsyncRoles",
    "AsyncTaskAssignments",
    "AsyncTasks",
    "AsyncTimeEntries",
    "AsyncUserAssignments",
    "AsyncUserBillableRates",
    "AsyncUserCostRates",
    "AsyncUserProjectAssignments",
    "AsyncUserTeammates",
    "AsyncUsers",
    "Clients",
    "CompanyResource",
    "Contacts",
    "EstimateItemCategories",
    "EstimateLineItems",
    "EstimateMessages",
    "Estimates",
    "ExpenseCategories",
    "Expenses",
    "InvoiceItemCategories",
    "InvoiceLineItems",
    "InvoiceMessages",
    "InvoicePayments",
    "Invoices",
    "ProjectTaskAssignments",
    "ProjectUserAssignments",
    "Projects",
    "Reports",
    "Roles",
    "TaskAssignments",
    "Tasks",
    "TimeEntries",
    "UserAssignments",
    "UserBillableRates",
    "UserCostRates",
    "UserProjectAssignments",
    "UserTeammates",
    "Users",
]
