"""Credential rows to and from the database, encrypting the token columns."""

from __future__ import annotations

import json
from typing import Any, cast

from sqlalchemy import Connection, Row, select

from ..store import credentials
from ._crypto import Cipher
from ._models import Credential, CredentialKind, CredentialStatus
from ._secret import Secret

__all__ = ["read_credential", "read_credentials", "row_context", "seal", "unseal"]


def row_context(user: str, env: str, column: str) -> str:
    """The associated data that binds a ciphertext to its row and column."""
    return json.dumps(["harvestkit", "credentials", user, env, column])


def seal(cipher: Cipher, secret: Secret | None, user: str, env: str, column: str) -> bytes | None:
    """Encrypt one token column (``None`` stays ``None``)."""
    if secret is None:
        return None
    return cipher.encrypt(secret.reveal(), row_context(user, env, column))


def unseal(cipher: Cipher, blob: bytes | None, user: str, env: str, column: str) -> Secret | None:
    """Decrypt one token column."""
    if blob is None:
        return None
    return Secret(cipher.decrypt(bytes(blob), row_context(user, env, column)))


def _credential(cipher: Cipher, row: Row[Any]) -> Credential:
    m = row._mapping
    user, env = m["user"], m["env"]
    return Credential(
        user=user,
        env=env,
        kind=cast(CredentialKind, m["kind"]),
        access_token=unseal(cipher, m["access_token"], user, env, "access_token"),
        refresh_token=unseal(cipher, m["refresh_token"], user, env, "refresh_token"),
        expires_at=m["expires_at"],
        account_ids=tuple(json.loads(m["account_ids"])),
        default_account_id=m["default_account_id"],
        harvest_user_id=m["harvest_user_id"],
        status=cast(CredentialStatus, m["status"]),
        refresh_failed_until=m["refresh_failed_until"],
        last_error=m["last_error"],
        refreshed_at=m["refreshed_at"],
        updated_at=m["updated_at"],
    )


def read_credential(conn: Connection, cipher: Cipher, user: str, env: str) -> Credential | None:
    """The credential of ``user`` in ``env``, if one is stored."""
    query = select(credentials).where(credentials.c.user == user, credentials.c.env == env)
    row = conn.execute(query).first()
    return None if row is None else _credential(cipher, row)


def read_credentials(conn: Connection, cipher: Cipher, user: str | None) -> list[Credential]:
    """Every stored credential (of one user if given), by user then environment."""
    query = select(credentials).order_by(credentials.c.user, credentials.c.env)
    if user is not None:
        query = query.where(credentials.c.user == user)
    return [_credential(cipher, row) for row in conn.execute(query)]
