"""Governance: least-privilege policy, API keys, the audit trail and execution stats.

For the tool layer, one call goes through it like this::

    policy = Policy(store, PolicyDocument.load(default_policy_path()))
    decision = decide(policy.principal(user, env), facts, arguments)
    if not decision.allowed:        # refuse with decision.reason (it names the grant)
        ...
    elif decision.needs_confirmation:   # ask (elicitation, or dry_run then confirm=true)
        ...
    with recorder.capture() as requests:   # RequestRecorder wraps the SDK's transport
        ...                                 # run the tool
    audit.append(AuditEntry(user, env, facts.name, outcome, arguments, requests=requests, ...))

``decide`` is pure; the policy, key store and audit log do the database work.
"""

from ._approvals import Approval, ApprovalState, ApprovalStore
from ._audit import (
    GENESIS_HASH,
    QUEUE_LIMIT,
    AuditEntry,
    AuditLog,
    AuditRecord,
    AuditWriteError,
    Capture,
    HarvestRequest,
    Head,
    Outcome,
    Verification,
)
from ._decide import ANY, ConfirmMode, ConfirmRule, Decision, Grant, Principal, ToolFacts, decide
from ._export import ExportFormat, export_records
from ._keys import ApiKeyInfo, ApiKeyStore, InvalidApiKeyError, KeyIdentity
from ._notifications import Delivery, Notification, NotificationLog
from ._policy import POLICY_FILE_ENV, Policy, PolicyDocument, PolicyFileError, default_policy_path
from ._recorder import AsyncRequestRecorder, RequestRecorder
from ._redact import canonical_json, redact, redact_text
from ._stats import ToolStats, execution_stats, percentile

__all__ = [
    "ANY",
    "GENESIS_HASH",
    "POLICY_FILE_ENV",
    "QUEUE_LIMIT",
    "ApiKeyInfo",
    "ApiKeyStore",
    "Approval",
    "ApprovalState",
    "ApprovalStore",
    "AsyncRequestRecorder",
    "AuditEntry",
    "AuditLog",
    "AuditRecord",
    "AuditWriteError",
    "Capture",
    "ConfirmMode",
    "ConfirmRule",
    "Decision",
    "Delivery",
    "ExportFormat",
    "Grant",
    "HarvestRequest",
    "Head",
    "InvalidApiKeyError",
    "KeyIdentity",
    "Notification",
    "NotificationLog",
    "Outcome",
    "Policy",
    "PolicyDocument",
    "PolicyFileError",
    "Principal",
    "RequestRecorder",
    "ToolFacts",
    "ToolStats",
    "Verification",
    "canonical_json",
    "decide",
    "default_policy_path",
    "execution_stats",
    "export_records",
    "percentile",
    "redact",
    "redact_text",
]
