"""What the console works with: the store and the objects the rest of harvestkit provides
over it (policy, API keys, audit trail, approvals, vault), and how to reach Harvest."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from mcp.server.transport_security import TransportSecuritySettings

from harvestkit.auth import Vault
from harvestkit.clock import Now, system_now
from harvestkit.governance import ApiKeyStore, ApprovalStore, AuditLog, Policy, PolicyDocument
from harvestkit.mcp import ClientFactory, WhoAmI
from harvestkit.mcp.oauth import ConnectorProvider
from harvestkit.store import Store

from ._people import ConsolePeople

__all__ = ["ConsoleServices", "WhoAmI"]


@dataclass
class ConsoleServices:
    """Everything the console's pages use.

    ``env`` is the environment the console acts in (approvals run there, budgets are read
    there, new keys default to it); ``clients`` makes a person's Harvest client in an
    environment, as the MCP server's governance does.
    """

    store: Store
    env: str
    clients: ClientFactory
    whoami: WhoAmI
    security: TransportSecuritySettings
    policy_document: PolicyDocument = field(default_factory=PolicyDocument)
    audit_log: AuditLog | None = None
    vault: Vault | None = None
    clock: Now = system_now
    mcp_url: str = "/mcp"
    session_lifetime: float | None = None
    connectors: ConnectorProvider | None = None
    """harvestkit's OAuth authorization server, when the MCP endpoint has one: its consent
    page and connections are in the console."""

    @cached_property
    def people(self) -> ConsolePeople:
        if self.session_lifetime is None:
            return ConsolePeople(self.store)
        return ConsolePeople(self.store, lifetime=self.session_lifetime)

    @cached_property
    def policy(self) -> Policy:
        return Policy(self.store, self.policy_document)

    @cached_property
    def keys(self) -> ApiKeyStore:
        return ApiKeyStore(self.store)

    @cached_property
    def audit(self) -> AuditLog:
        return self.audit_log or AuditLog(self.store)

    @cached_property
    def approvals(self) -> ApprovalStore:
        return ApprovalStore(self.store)
