"""What the authorization server keeps: registered clients, requests waiting for consent,
connections (one consent each) and the codes and tokens issued under them.

Every code and token is random (32 bytes) and only its SHA-256 is stored, as for API keys:
a copy of the database lets nobody call the server. A code or refresh token is spent once
(``spend`` marks it in the same statement that checks it), so two racing exchanges cannot
both win. Revoking a connection ends every token issued under it.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any, Literal

from sqlalchemy import RowMapping, insert, select, update

from harvestkit.store import (
    Store,
    oauth_clients,
    oauth_connections,
    oauth_requests,
    oauth_tokens,
)

__all__ = ["Connection", "ConnectorStore", "IssuedToken", "TokenKind"]

TokenKind = Literal["code", "access", "refresh"]
_PREFIX: dict[TokenKind, str] = {"code": "hkc_", "access": "hkat_", "refresh": "hkrt_"}
ACCESS_PREFIX = _PREFIX["access"]
"""How an access token begins (an API key begins ``hk_``): the bearer check tells them apart."""


def digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


@dataclass(frozen=True)
class Connection:
    """One consent: ``user`` let ``client_name`` act as them in ``env`` with ``scopes``,
    for the MCP server at ``resource``."""

    id: int
    user: str
    env: str
    client_id: str
    client_name: str
    scopes: tuple[str, ...]
    resource: str
    created_at: float
    last_used_at: float | None
    revoked_at: float | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


@dataclass(frozen=True)
class IssuedToken:
    """A stored code or token, found by its clear value, with its connection."""

    kind: TokenKind
    connection: Connection
    scopes: tuple[str, ...]
    expires_at: float
    used_at: float | None
    code_challenge: str | None = None
    redirect_uri: str | None = None
    redirect_uri_explicit: bool = False


_LAST_USED_RESOLUTION = 60.0


class ConnectorStore:
    """The authorization server's rows (see the module docstring)."""

    def __init__(self, store: Store, *, clock: Callable[[], float] = time.time) -> None:
        self.store = store
        self.clock = clock

    # Clients registered dynamically (RFC 7591).

    def add_client(
        self, client_id: str, client_metadata: dict[str, Any], secret: str | None
    ) -> None:
        row = {
            "client_id": client_id,
            "metadata": json.dumps(client_metadata),
            "secret_hash": None if secret is None else digest(secret),
            "created_at": self.clock(),
        }
        with self.store.transaction() as conn:
            conn.execute(insert(oauth_clients).values(**row))

    def client(self, client_id: str) -> tuple[dict[str, Any], str | None] | None:
        """The registered metadata and secret hash of ``client_id``, if registered."""
        t = oauth_clients
        with self.store.read() as conn:
            row = conn.execute(
                select(t.c.metadata, t.c.secret_hash).where(t.c.client_id == client_id)
            ).first()
        if row is None:
            return None
        found: dict[str, Any] = json.loads(row.metadata)
        return found, row.secret_hash

    # Authorization requests between /authorize and the consent page.

    def hold_request(self, client_id: str, params: dict[str, Any], lifetime: float) -> str:
        """Keep a validated authorization request; the returned id names it in the URL."""
        request_id = secrets.token_urlsafe(24)
        row = {
            "id_hash": digest(request_id),
            "client_id": client_id,
            "params": json.dumps(params),
            "expires_at": self.clock() + lifetime,
        }
        with self.store.transaction() as conn:
            conn.execute(insert(oauth_requests).values(**row))
        return request_id

    def request(self, request_id: str) -> tuple[str, dict[str, Any]] | None:
        """The client id and parameters of a live request."""
        t = oauth_requests
        with self.store.read() as conn:
            row = conn.execute(
                select(t.c.client_id, t.c.params, t.c.expires_at).where(
                    t.c.id_hash == digest(request_id)
                )
            ).first()
        if row is None or row.expires_at < self.clock():
            return None
        params: dict[str, Any] = json.loads(row.params)
        return row.client_id, params

    def end_request(self, request_id: str) -> bool:
        """Forget a request (answered either way); ``False`` if it was already gone."""
        t = oauth_requests
        with self.store.transaction() as conn:
            gone = conn.execute(t.delete().where(t.c.id_hash == digest(request_id)))
            # Requests nobody answered are cleared on the way.
            conn.execute(t.delete().where(t.c.expires_at < self.clock()))
        return gone.rowcount > 0

    # Connections and their tokens.

    def connect(
        self,
        *,
        user: str,
        env: str,
        client_id: str,
        client_name: str,
        scopes: list[str],
        resource: str,
    ) -> int:
        row = {
            "user": user,
            "env": env,
            "client_id": client_id,
            "client_name": client_name[:200],
            "scopes": " ".join(scopes),
            "resource": resource,
            "created_at": self.clock(),
        }
        with self.store.transaction() as conn:
            key = conn.execute(insert(oauth_connections).values(**row)).inserted_primary_key
        assert key is not None
        return int(key[0])

    def issue(
        self,
        kind: TokenKind,
        connection_id: int,
        scopes: list[str] | tuple[str, ...],
        lifetime: float,
        *,
        code_challenge: str | None = None,
        redirect_uri: str | None = None,
        redirect_uri_explicit: bool = False,
    ) -> tuple[str, float]:
        """A new code or token under a connection: its clear value (returned only now)
        and when it expires."""
        value = _PREFIX[kind] + secrets.token_urlsafe(32)
        expires_at = self.clock() + lifetime
        row = {
            "token_hash": digest(value),
            "kind": kind,
            "connection_id": connection_id,
            "scopes": " ".join(scopes),
            "expires_at": expires_at,
            "code_challenge": code_challenge,
            "redirect_uri": redirect_uri,
            "redirect_uri_explicit": int(redirect_uri_explicit) if kind == "code" else None,
        }
        with self.store.transaction() as conn:
            conn.execute(insert(oauth_tokens).values(**row))
        return value, expires_at

    def find(self, kind: TokenKind, value: str) -> IssuedToken | None:
        """The stored ``kind`` of token with this clear value (spent, expired or revoked
        ones too: the caller decides what each means)."""
        if not value.startswith(_PREFIX[kind]):
            return None
        t, c = oauth_tokens, oauth_connections
        query = (
            select(t, *[col.label(f"c_{col.name}") for col in c.columns])
            .join(c, c.c.id == t.c.connection_id)
            .where(t.c.token_hash == digest(value), t.c.kind == kind)
        )
        with self.store.read() as conn:
            row = conn.execute(query).mappings().first()
        if row is None:
            return None
        connection = _connection(row, "c_")
        return IssuedToken(
            kind=kind,
            connection=connection,
            scopes=tuple(row["scopes"].split()),
            expires_at=row["expires_at"],
            used_at=row["used_at"],
            code_challenge=row["code_challenge"],
            redirect_uri=row["redirect_uri"],
            redirect_uri_explicit=bool(row["redirect_uri_explicit"]),
        )

    def spend(self, kind: TokenKind, value: str) -> bool:
        """Mark a code or refresh token used; ``False`` if it already was (a replay)."""
        t = oauth_tokens
        query = update(t).where(
            t.c.token_hash == digest(value), t.c.kind == kind, t.c.used_at.is_(None)
        )
        with self.store.transaction() as conn:
            return conn.execute(query.values(used_at=self.clock())).rowcount > 0

    def expire(self, kind: TokenKind, value: str) -> None:
        """End one token now (revocation of a single token, RFC 7009)."""
        t = oauth_tokens
        query = update(t).where(t.c.token_hash == digest(value), t.c.kind == kind)
        with self.store.transaction() as conn:
            conn.execute(query.values(expires_at=0.0))

    def touch(self, connection: Connection) -> None:
        """Note that a connection was used (at most once a minute)."""
        now = self.clock()
        last = connection.last_used_at
        if last is not None and now - last < _LAST_USED_RESOLUTION:
            return
        c = oauth_connections
        with self.store.transaction() as conn:
            conn.execute(update(c).where(c.c.id == connection.id).values(last_used_at=now))

    def revoke(self, connection_id: int, *, user: str | None = None) -> bool:
        """Revoke a connection (only ``user``'s, if given): every token under it stops
        working. ``False`` if there was no such active connection."""
        c = oauth_connections
        query = update(c).where(c.c.id == connection_id, c.c.revoked_at.is_(None))
        if user is not None:
            query = query.where(c.c.user == user)
        with self.store.transaction() as conn:
            return conn.execute(query.values(revoked_at=self.clock())).rowcount > 0

    def connections(
        self, user: str | None = None, *, include_revoked: bool = False
    ) -> list[Connection]:
        """Connections (of one user if given), newest first."""
        c = oauth_connections
        query = select(c).order_by(c.c.id.desc())
        if user is not None:
            query = query.where(c.c.user == user)
        if not include_revoked:
            query = query.where(c.c.revoked_at.is_(None))
        with self.store.read() as conn:
            rows = conn.execute(query).mappings().all()
        return [_connection(row) for row in rows]


def _connection(row: RowMapping, prefix: str = "") -> Connection:
    """A connection from its row (its columns named with ``prefix`` in a join)."""
    values = {field.name: row[prefix + field.name] for field in fields(Connection)}
    return Connection(**{**values, "scopes": tuple(values["scopes"].split())})
