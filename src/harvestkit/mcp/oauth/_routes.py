"""The authorization server's endpoints and the protected resource's metadata, made of the
MCP SDK's handlers: authorization-server metadata (RFC 8414), `/authorize`, `/token`,
`/register` (RFC 7591), `/revoke` (RFC 7009), and the protected resource metadata of the
MCP endpoint (RFC 9728).

Two things differ from the SDK's `create_auth_routes`: client secrets are stored hashed,
so the token and revocation endpoints check them with `HashedSecrets`, and the metadata
says that client ID metadata documents are accepted and that responses carry `iss`.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import time
from typing import Any
from urllib.parse import unquote, urlsplit

from mcp.server.auth.handlers.authorize import AuthorizationHandler
from mcp.server.auth.handlers.metadata import MetadataHandler, ProtectedResourceMetadataHandler
from mcp.server.auth.handlers.register import RegistrationHandler
from mcp.server.auth.handlers.revoke import RevocationHandler
from mcp.server.auth.handlers.token import TokenHandler
from mcp.server.auth.middleware.client_auth import AuthenticationError, ClientAuthenticator
from mcp.server.auth.routes import (
    AUTHORIZATION_PATH,
    REGISTRATION_PATH,
    REVOCATION_PATH,
    TOKEN_PATH,
    build_metadata,
    build_resource_metadata_url,
    cors_middleware,
    validate_issuer_url,
)
from mcp.server.auth.settings import ClientRegistrationOptions, RevocationOptions
from mcp.server.transport_security import DEFAULT_MAX_REQUEST_BODY_SIZE, RequestBodyLimitMiddleware
from mcp.shared.auth import OAuthClientInformationFull, OAuthMetadata, ProtectedResourceMetadata
from mcp.shared.inbound import MCP_PROTOCOL_VERSION_HEADER
from pydantic import AnyHttpUrl
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.routing import Route, request_response
from starlette.types import ASGIApp

from ._provider import SCOPES, ConnectorProvider
from ._store import digest

__all__ = ["HashedSecrets", "authorization_routes", "resource_metadata_url"]

RESOURCE_NAME = "harvestkit (Harvest time tracking and invoicing)"


class HashedSecrets(ClientAuthenticator):
    """Client authentication at the token and revocation endpoints against the stored hash
    of the secret (the SDK's authenticator compares a secret kept in clear)."""

    def __init__(self, provider: ConnectorProvider) -> None:
        super().__init__(provider)
        self.connectors = provider

    async def authenticate_request(self, request: Request) -> OAuthClientInformationFull:
        form = await request.form()
        client_id = str(form.get("client_id") or "")
        if not client_id:
            raise AuthenticationError("Missing client_id")
        client = await self.connectors.get_client(client_id)
        if client is None:
            raise AuthenticationError("Invalid client_id")
        method = client.token_endpoint_auth_method or "client_secret_post"
        if method == "none":
            return client
        sent: str | None
        if method == "client_secret_basic":
            sent = _basic_secret(request.headers.get("authorization", ""), client_id)
        elif method == "client_secret_post":
            value = form.get("client_secret")
            sent = value if isinstance(value, str) else None
        else:
            raise AuthenticationError(f"Unsupported auth method: {method}")
        stored = await self.connectors.client_secret_hash(client_id)
        if not sent or stored is None or not hmac.compare_digest(digest(sent), stored):
            raise AuthenticationError("Invalid client_secret")
        expires = client.client_secret_expires_at
        if expires and expires < int(time.time()):
            raise AuthenticationError("Client secret has expired")
        return client


def _basic_secret(header: str, client_id: str) -> str:
    if not header.startswith("Basic "):
        raise AuthenticationError("Missing or invalid Basic authentication in Authorization header")
    try:
        decoded = base64.b64decode(header[6:]).decode()
    except (ValueError, UnicodeDecodeError, binascii.Error):
        raise AuthenticationError("Invalid Basic authentication header") from None
    basic_id, sep, secret = decoded.partition(":")
    if not sep or unquote(basic_id) != client_id:
        raise AuthenticationError("Client ID mismatch in Basic auth")
    return unquote(secret)


def _limited(app: ASGIApp) -> ASGIApp:
    return RequestBodyLimitMiddleware(app, DEFAULT_MAX_REQUEST_BODY_SIZE)


def _cors(app: ASGIApp, methods: list[str]) -> ASGIApp:
    # Browser-based clients (the MCP Inspector) call these from another origin; no
    # cookie is involved, the client authenticates itself in the request.
    return CORSMiddleware(
        app, allow_origins=["*"], allow_methods=methods, allow_headers=[MCP_PROTOCOL_VERSION_HEADER]
    )


def resource_metadata_url(resource: str) -> str:
    """Where the protected resource metadata of the MCP endpoint at ``resource`` is."""
    return str(build_resource_metadata_url(AnyHttpUrl(resource)))


def authorization_routes(provider: ConnectorProvider) -> list[Route]:
    """Every OAuth endpoint: the authorization server's and the resource's metadata."""
    issuer = AnyHttpUrl(provider.issuer)
    validate_issuer_url(issuer)
    registration = ClientRegistrationOptions(
        enabled=True, valid_scopes=SCOPES, default_scopes=SCOPES
    )
    built = build_metadata(issuer, None, registration, RevocationOptions(enabled=True))
    # Validated again from the text: an issuer without a path keeps no trailing slash
    # (issuers compare as strings, RFC 8414 §3.3, RFC 9207).
    metadata = OAuthMetadata.model_validate(
        {
            **built.model_dump(mode="json", exclude_none=True),
            "issuer": provider.issuer,
            "client_id_metadata_document_supported": True,
            "authorization_response_iss_parameter_supported": True,
            "token_endpoint_auth_methods_supported": [
                "client_secret_post",
                "client_secret_basic",
                "none",
            ],
        }
    )
    authenticator = HashedSecrets(provider)
    handlers: list[tuple[str, Any, list[str]]] = [
        (TOKEN_PATH, TokenHandler(provider, authenticator).handle, ["POST", "OPTIONS"]),
        (
            REGISTRATION_PATH,
            RegistrationHandler(provider, registration).handle,
            ["POST", "OPTIONS"],
        ),
        (REVOCATION_PATH, RevocationHandler(provider, authenticator).handle, ["POST", "OPTIONS"]),
    ]
    routes = [
        Route(
            "/.well-known/oauth-authorization-server",
            endpoint=cors_middleware(MetadataHandler(metadata).handle, ["GET", "OPTIONS"]),
            methods=["GET", "OPTIONS"],
        ),
        # No CORS on /authorize: a browser is sent there, no script calls it.
        Route(
            AUTHORIZATION_PATH,
            endpoint=_limited(request_response(AuthorizationHandler(provider).handle)),
            methods=["GET", "POST"],
        ),
        *(
            Route(
                path, endpoint=_cors(_limited(request_response(handler)), methods), methods=methods
            )
            for path, handler, methods in handlers
        ),
    ]
    resource = ProtectedResourceMetadata.model_validate(
        {
            "resource": provider.resource,
            "authorization_servers": [provider.issuer],
            "scopes_supported": SCOPES,
            "resource_name": RESOURCE_NAME,
        }
    )
    routes.append(
        Route(
            urlsplit(resource_metadata_url(provider.resource)).path,
            endpoint=cors_middleware(
                ProtectedResourceMetadataHandler(resource).handle, ["GET", "OPTIONS"]
            ),
            methods=["GET", "OPTIONS"],
        )
    )
    return routes
