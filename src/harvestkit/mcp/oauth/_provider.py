"""harvestkit's own authorization server, as the MCP SDK's `OAuthAuthorizationServerProvider`
over the `ConnectorStore`.

The SDK's handlers check the requests (PKCE, redirect URI, code expiry, refresh scopes);
this provider decides the rest:

- `/authorize` keeps the request and sends the browser to the console's consent page,
  where a person signs in with their console password and approves (`approve`) or
  declines (`decline`); only then is a code issued, bound to that person.
- Tokens are bound to this server's resource (RFC 8707): a request for another resource is
  refused (`invalid_target`), and the bearer check refuses tokens issued for another.
- Codes and refresh tokens work once. Presenting a spent one again is taken as theft: the
  whole connection is revoked (OAuth 2.1 §4.3.1, §10.5 refresh token and code replay).
- Refresh rotates both tokens. Nothing from Harvest is ever in a token: a connection names
  a harvestkit user, whose own credential stays in the vault.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import anyio.to_thread
from mcp.server.auth.provider import (
    AccessToken,
    AuthorizationCode,
    AuthorizationParams,
    AuthorizeError,
    OAuthAuthorizationServerProvider,
    RefreshToken,
    TokenError,
    construct_redirect_uri,
)
from mcp.shared.auth import OAuthClientInformationFull, OAuthToken
from pydantic import AnyHttpUrl, AnyUrl, ValidationError

from ._client_documents import ClientDocumentError, ClientDocuments, is_document_url
from ._store import Connection, ConnectorStore, IssuedToken, TokenKind

__all__ = ["READ", "SCOPES", "WRITE", "ConnectorProvider", "Lifetimes", "PendingAuthorization"]

logger = logging.getLogger("harvestkit.mcp.oauth")

READ = "harvest:read"
"""Every tool the person may read with (everyone may read)."""
WRITE = "harvest:write"
"""The writes the person's grants allow; without it a connection is read-only."""
SCOPES = [READ, WRITE]


@dataclass(frozen=True)
class Lifetimes:
    """Seconds each kind of code or token lives."""

    request: float = 600.0
    code: float = 300.0
    access: float = 3600.0
    refresh: float = 30 * 86400.0


@dataclass(frozen=True)
class PendingAuthorization:
    """An authorization request waiting on the consent page."""

    request_id: str
    client: OAuthClientInformationFull
    scopes: list[str] | None
    """What the client asked for (`None`: it did not say)."""
    redirect_uri: str
    state: str | None

    @property
    def client_name(self) -> str:
        return self.client.client_name or self.client.client_id

    @property
    def redirect_host(self) -> str:
        return AnyUrl(self.redirect_uri).host or self.redirect_uri


def same_resource(a: str, b: str) -> bool:
    """RFC 8707 resources compared as URLs (case and default ports aside), trailing slash
    ignored, as the SDK's bearer check compares them."""
    try:
        return str(AnyHttpUrl(a)).removesuffix("/") == str(AnyHttpUrl(b)).removesuffix("/")
    except ValidationError:
        return False


class ConnectorProvider(
    OAuthAuthorizationServerProvider[AuthorizationCode, RefreshToken, AccessToken]
):
    """The provider (see the module docstring). ``issuer`` is the authorization server's
    URL, ``resource`` the MCP endpoint's, ``env`` the environment connections act in."""

    def __init__(
        self,
        store: ConnectorStore,
        *,
        issuer: str,
        resource: str,
        env: str,
        documents: ClientDocuments,
        lifetimes: Lifetimes = Lifetimes(),
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.issuer = issuer.rstrip("/")
        self.resource = resource
        self.env = env
        self.documents = documents
        self.lifetimes = lifetimes
        self.clock = clock

    @property
    def consent_path(self) -> str:
        return "/consent/"

    # Clients.

    async def get_client(self, client_id: str) -> OAuthClientInformationFull | None:
        if is_document_url(client_id):
            try:
                return await self.documents.get(client_id)
            except ClientDocumentError as exc:
                logger.warning("client metadata document refused: %s", exc)
                return None
        found = await anyio.to_thread.run_sync(self.store.client, client_id)
        if found is None:
            return None
        # The secret is kept hashed: `HashedSecrets` checks it, never this record.
        return OAuthClientInformationFull.model_validate({**found[0], "client_id": client_id})

    async def client_secret_hash(self, client_id: str) -> str | None:
        found = await anyio.to_thread.run_sync(self.store.client, client_id)
        return None if found is None else found[1]

    async def register_client(self, client_info: OAuthClientInformationFull) -> None:
        record = client_info.model_dump(
            mode="json", exclude={"client_id", "client_secret"}, exclude_none=True
        )
        # The registered scope bounds what the client may ask for later, and each consent
        # decides what it gets: a client registered for reading may still step up to write.
        record["scope"] = " ".join(SCOPES)
        await anyio.to_thread.run_sync(
            self.store.add_client, client_info.client_id, record, client_info.client_secret
        )

    # Authorization: the consent page finishes what /authorize starts.

    async def authorize(
        self, client: OAuthClientInformationFull, params: AuthorizationParams
    ) -> str:
        if params.resource is not None and not same_resource(params.resource, self.resource):
            raise AuthorizeError(
                "invalid_target", f"this server issues tokens only for {self.resource}"
            )
        held = {
            "state": params.state,
            "scopes": params.scopes,
            "code_challenge": params.code_challenge,
            "redirect_uri": str(params.redirect_uri),
            "redirect_uri_explicit": params.redirect_uri_provided_explicitly,
        }
        request_id = await anyio.to_thread.run_sync(
            self.store.hold_request, client.client_id, held, self.lifetimes.request
        )
        return f"{self.issuer}{self.consent_path}{request_id}"

    async def pending(self, request_id: str) -> PendingAuthorization | None:
        """The request the consent page shows, if it is still waiting."""
        found = await anyio.to_thread.run_sync(self.store.request, request_id)
        if found is None:
            return None
        client = await self.get_client(found[0])
        if client is None:
            return None
        held = found[1]
        return PendingAuthorization(
            request_id, client, held["scopes"], held["redirect_uri"], held["state"]
        )

    async def approve(self, request_id: str, user: str, scopes: list[str]) -> str | None:
        """Issue a code for ``user`` with ``scopes``; the URL to send the browser back to
        (``None`` if the request is gone: answered already, or expired)."""
        found = await anyio.to_thread.run_sync(self.store.request, request_id)
        if found is None or not await anyio.to_thread.run_sync(self.store.end_request, request_id):
            return None
        client_id, held = found
        client = await self.get_client(client_id)
        name = (client.client_name if client else None) or client_id

        def grant() -> str:
            connection = self.store.connect(
                user=user,
                env=self.env,
                client_id=client_id,
                client_name=name,
                scopes=scopes,
                resource=self.resource,
            )
            code, _ = self.store.issue(
                "code",
                connection,
                scopes,
                self.lifetimes.code,
                code_challenge=held["code_challenge"],
                redirect_uri=held["redirect_uri"],
                redirect_uri_explicit=held["redirect_uri_explicit"],
            )
            return code

        code = await anyio.to_thread.run_sync(grant)
        return self._back(held, code=code)

    async def decline(
        self, request_id: str, error: str = "access_denied", why: str = ""
    ) -> str | None:
        """End the request with an error for the client (the person said no, or asked for
        what they do not hold); the URL to send the browser back to."""
        found = await anyio.to_thread.run_sync(self.store.request, request_id)
        if found is None or not await anyio.to_thread.run_sync(self.store.end_request, request_id):
            return None
        return self._back(found[1], error=error, error_description=why or None)

    def _back(self, held: dict[str, Any], **params: str | None) -> str:
        # RFC 9207: the issuer in every response, so a client can tell servers apart.
        return construct_redirect_uri(
            held["redirect_uri"], **params, state=held["state"], iss=self.issuer
        )

    # Codes and tokens.

    async def load_authorization_code(
        self, client: OAuthClientInformationFull, authorization_code: str
    ) -> AuthorizationCode | None:
        found = await self._live("code", authorization_code)
        if found is None or found.code_challenge is None or found.redirect_uri is None:
            return None
        return AuthorizationCode(
            code=authorization_code,
            scopes=list(found.scopes),
            expires_at=found.expires_at,
            client_id=found.connection.client_id,
            code_challenge=found.code_challenge,
            redirect_uri=AnyUrl(found.redirect_uri),
            redirect_uri_provided_explicitly=found.redirect_uri_explicit,
            resource=found.connection.resource,
            subject=found.connection.user,
        )

    async def exchange_authorization_code(
        self, client: OAuthClientInformationFull, authorization_code: AuthorizationCode
    ) -> OAuthToken:
        return await self._exchange("code", authorization_code.code, authorization_code.scopes)

    async def load_refresh_token(
        self, client: OAuthClientInformationFull, refresh_token: str
    ) -> RefreshToken | None:
        found = await self._live("refresh", refresh_token)
        if found is None:
            return None
        return RefreshToken(
            token=refresh_token,
            client_id=found.connection.client_id,
            scopes=list(found.scopes),
            expires_at=int(found.expires_at),
            resource=found.connection.resource,
            subject=found.connection.user,
        )

    async def exchange_refresh_token(
        self, client: OAuthClientInformationFull, refresh_token: RefreshToken, scopes: list[str]
    ) -> OAuthToken:
        return await self._exchange("refresh", refresh_token.token, scopes)

    async def load_access_token(self, token: str) -> AccessToken | None:
        found = await self._live("access", token)
        if found is None:
            return None
        connection = found.connection
        await anyio.to_thread.run_sync(self.store.touch, connection)
        return AccessToken(
            token=token,
            client_id=connection.client_id,
            scopes=list(found.scopes),
            expires_at=int(found.expires_at),
            resource=connection.resource,
            subject=connection.user,
            claims={"iss": self.issuer, "env": connection.env, "connection": connection.id},
        )

    async def revoke_token(self, token: AccessToken | RefreshToken) -> None:
        kind: TokenKind = "access" if isinstance(token, AccessToken) else "refresh"
        found = await anyio.to_thread.run_sync(self.store.find, kind, token.token)
        if found is not None:
            await anyio.to_thread.run_sync(self.store.revoke, found.connection.id)

    async def _live(self, kind: TokenKind, value: str) -> IssuedToken | None:
        """The code or token if it may still be used. A spent code or refresh token shown
        again revokes its connection."""
        found: IssuedToken | None = await anyio.to_thread.run_sync(self.store.find, kind, value)
        if found is None or not found.connection.active or found.expires_at < self.clock():
            return None
        if found.used_at is not None:
            await self._replayed(found.connection, kind)
            return None
        return found

    async def _replayed(self, connection: Connection, kind: str) -> None:
        logger.warning(
            "a spent %s of connection %d (%s for %s) was presented again: connection revoked",
            kind,
            connection.id,
            connection.client_name,
            connection.user,
        )
        await anyio.to_thread.run_sync(self.store.revoke, connection.id)

    async def _exchange(self, kind: TokenKind, value: str, scopes: list[str]) -> OAuthToken:
        found = await self._live(kind, value)
        if found is None or not await anyio.to_thread.run_sync(self.store.spend, kind, value):
            raise TokenError("invalid_grant", f"the {kind} was already used or has ended")
        connection = found.connection.id

        def mint() -> tuple[str, float, str]:
            access, expires_at = self.store.issue(
                "access", connection, scopes, self.lifetimes.access
            )
            refresh, _ = self.store.issue("refresh", connection, scopes, self.lifetimes.refresh)
            return access, expires_at, refresh

        access, expires_at, refresh = await anyio.to_thread.run_sync(mint)
        return OAuthToken(
            access_token=access,
            expires_in=max(0, int(expires_at - self.clock())),
            scope=" ".join(scopes),
            refresh_token=refresh,
        )
