"""Connectors: the MCP endpoint as an OAuth 2.1 protected resource, with harvestkit's own
authorization server (MCP authorization spec), so a hosted client (a Claude or ChatGPT
custom connector) is added by its URL and a person signs in with their console password.

`ConnectorAuthorization.build(...)` makes the pieces one server needs: the provider (the
SDK's `OAuthAuthorizationServerProvider` over the store), the OAuth routes, and the bearer
check for the MCP path. The console's consent page (`harvestkit.console`) finishes each
authorization with `ConnectorProvider.approve` or `decline`.
"""

from ._authorization import ConnectorAuthorization, public_urls
from ._bearer import ConnectorBearer
from ._client_documents import ClientDocumentError, ClientDocuments, is_document_url
from ._provider import (
    READ,
    SCOPES,
    WRITE,
    ConnectorProvider,
    Lifetimes,
    PendingAuthorization,
)
from ._routes import HashedSecrets, authorization_routes, resource_metadata_url
from ._store import Connection, ConnectorStore

__all__ = [
    "READ",
    "SCOPES",
    "WRITE",
    "ClientDocumentError",
    "ClientDocuments",
    "Connection",
    "ConnectorAuthorization",
    "ConnectorBearer",
    "ConnectorProvider",
    "ConnectorStore",
    "HashedSecrets",
    "Lifetimes",
    "PendingAuthorization",
    "authorization_routes",
    "is_document_url",
    "public_urls",
    "resource_metadata_url",
]
