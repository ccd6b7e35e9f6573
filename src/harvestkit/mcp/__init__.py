"""The MCP server: the tool catalog over stdio and streamable HTTP (official `mcp` SDK).

`create_server(tools, harvest_factory)` gives an `MCPServer` answering clients of the
2026-07-28 protocol and of the 2025 handshake era from one object. The layer is thin: each
catalog record becomes one registration, results and failures are mapped, and questions
from handlers are asked through elicitation where the client supports it.
"""

from ._auth import ApiKeyAuth
from ._discovery import CALL, SEARCH
from ._guard import Acting, ClientFactory, Governance, facts
from ._pacing import RateBudget
from ._results import ERROR_META, PendingQuestion, error_facts
from ._server import ANSWER_WITHIN, INSTRUCTIONS, SERVER_NAME, HarvestFactory, create_server
from ._state import ServerState
from ._transport import (
    MCP_PATH,
    Backend,
    ConfigurationError,
    WhoAmI,
    bind,
    client_config,
    endpoint_url,
    environment_backend,
    freeze_startup_heap,
    http_app,
    identity_whoami,
    is_loopback,
    sandbox_backend,
    serve_http,
    transport_security,
    vault_backend,
    vault_clients,
)

__all__ = [
    "ANSWER_WITHIN",
    "CALL",
    "ERROR_META",
    "INSTRUCTIONS",
    "MCP_PATH",
    "SEARCH",
    "SERVER_NAME",
    "Acting",
    "ApiKeyAuth",
    "Backend",
    "ClientFactory",
    "ConfigurationError",
    "Governance",
    "HarvestFactory",
    "PendingQuestion",
    "RateBudget",
    "ServerState",
    "WhoAmI",
    "bind",
    "client_config",
    "create_server",
    "endpoint_url",
    "environment_backend",
    "error_facts",
    "facts",
    "freeze_startup_heap",
    "http_app",
    "identity_whoami",
    "is_loopback",
    "sandbox_backend",
    "serve_http",
    "transport_security",
    "vault_backend",
    "vault_clients",
]
