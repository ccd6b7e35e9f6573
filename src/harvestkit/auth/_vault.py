"""The credential vault: encrypted Harvest credentials per user and environment.

Refresh protocol (one refresh per credential, however many threads and processes ask):

1. read the credential; if it is not within ``skew`` of expiry, use it;
2. take this process's lock for the credential, then the store's cross-process lock
   (``Store.mutex``) and RE-READ it: another caller may have refreshed meanwhile;
3. refresh only if it is still stale, keeping the old refresh token when Harvest sends
   none; a failure sets a cooldown during which callers fail fast (or keep using the
   old token while it is still valid); ``invalid_grant`` marks it ``needs_login``.

No transaction stays open while Harvest ID is asked: on SQLite that would hold the whole
file's write lock, and every other user's writes (their audit records) would wait for
one user's refresh.

A token handed out is remembered in this process with the store's access version, which
every write of a credential moves (in any process): until the token is within ``skew``
of expiry or the version moves, ``remembered_token`` answers without decrypting or
reading the row again.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import insert, update

from ..store import Store, bump_access_version, credentials
from ._crypto import Cipher
from ._errors import (
    CredentialError,
    CredentialNotFoundError,
    CredentialRevokedError,
    InvalidGrantError,
    NeedsLoginError,
    RefreshCoolingDownError,
    RefreshFailedError,
)
from ._models import Credential, CredentialKind, Refresher, TokenSet
from ._rows import read_credential, read_credentials, seal
from ._secret import REDACTED, Secret

__all__ = ["Vault"]

DEFAULT_SKEW = 300.0
DEFAULT_COOLDOWN = 60.0


class Vault:
    """Stores credentials encrypted and hands out fresh access tokens."""

    def __init__(
        self,
        store: Store,
        cipher: Cipher,
        *,
        refresher: Refresher | None = None,
        skew: float = DEFAULT_SKEW,
        cooldown: float = DEFAULT_COOLDOWN,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self._cipher = cipher
        self._refresher = refresher
        self.skew = skew
        self.cooldown = cooldown
        self._clock = clock
        self._locks: dict[tuple[str, str], threading.Lock] = {}
        self._locks_guard = threading.Lock()
        self._fresh: dict[tuple[str, str], tuple[int, Credential]] = {}

    def __repr__(self) -> str:
        return f"Vault(store={self.store!r}, skew={self.skew}, cooldown={self.cooldown})"

    # -- saving and managing -------------------------------------------------------------

    def save(
        self,
        user: str,
        env: str,
        kind: CredentialKind,
        tokens: TokenSet,
        *,
        account_ids: Sequence[int] = (),
        default_account_id: int | None = None,
        harvest_user_id: int | None = None,
    ) -> Credential:
        """Store (or replace) the credential of ``user`` in ``env``; it becomes active."""
        if default_account_id is not None and account_ids and default_account_id not in account_ids:
            raise ValueError(f"account {default_account_id} is not among {list(account_ids)}")
        now = self._clock()
        values: dict[str, Any] = {
            "kind": kind,
            "access_token": seal(self._cipher, tokens.access_token, user, env, "access_token"),
            "refresh_token": seal(self._cipher, tokens.refresh_token, user, env, "refresh_token"),
            "expires_at": tokens.expires_at,
            "account_ids": json.dumps(list(account_ids)),
            "default_account_id": default_account_id,
            "harvest_user_id": harvest_user_id,
            "status": "active",
            "refresh_failed_until": None,
            "last_error": None,
            "refreshed_at": None,
            "updated_at": now,
        }
        with self.store.locked(_lock_name(user, env)) as conn:
            if read_credential(conn, self._cipher, user, env) is None:
                conn.execute(
                    insert(credentials).values(user=user, env=env, created_at=now, **values)
                )
            else:
                conn.execute(_update(user, env).values(**values))
            bump_access_version(conn)
            saved = read_credential(conn, self._cipher, user, env)
        assert saved is not None  # written in this very transaction
        return saved

    def get(self, user: str, env: str) -> Credential:
        """The stored credential, whatever its status (raises if there is none)."""
        with self.store.read() as conn:
            credential = read_credential(conn, self._cipher, user, env)
        if credential is None:
            raise _not_found(user, env)
        return credential

    def list(self, user: str | None = None) -> list[Credential]:
        """Every stored credential, or those of one user."""
        with self.store.read() as conn:
            return read_credentials(conn, self._cipher, user)

    def use(self, user: str, env: str, account_id: int) -> Credential:
        """Make ``account_id`` the default Harvest account of this credential."""
        credential = _usable(self.get(user, env))
        if credential.account_ids and account_id not in credential.account_ids:
            reachable = ", ".join(str(a) for a in credential.account_ids)
            raise ValueError(f"account {account_id} is not reachable with this token ({reachable})")
        with self.store.transaction() as conn:
            conn.execute(
                _update(user, env).values(default_account_id=account_id, updated_at=self._clock())
            )
            bump_access_version(conn)
        return self.get(user, env)

    def revoke(self, user: str, env: str) -> None:
        """Forget the tokens (the row stays, marked revoked, so calls get a clear error).

        Works without decrypting, so a credential can be revoked even after its key is lost.
        """
        with self.store.locked(_lock_name(user, env)) as conn:
            result = conn.execute(
                _update(user, env).values(
                    access_token=None,
                    refresh_token=None,
                    status="revoked",
                    updated_at=self._clock(),
                )
            )
            bump_access_version(conn)
        if result.rowcount == 0:
            raise _not_found(user, env)

    # -- handing out tokens --------------------------------------------------------------

    def remembered_token(self, user: str, env: str) -> Secret | None:
        """The access token ``access_token`` gave last, while it is not within ``skew`` of
        expiry and no credential changed since: one read of the access version, no other
        database work. ``None``: call ``access_token``."""
        known = self._fresh.get((user, env))
        if known is None:
            return None
        version, credential = known
        if credential.is_stale(self._clock(), self.skew):
            return None
        if self.store.access_version() != version:
            return None
        return _token(credential)

    def access_token(self, user: str, env: str) -> Secret:
        """A valid access token, refreshed first if it expires within ``skew``."""
        version = self.store.access_version()  # read first: a change after it shows next
        credential = _usable(self.get(user, env))
        if not credential.is_stale(self._clock(), self.skew):
            self._fresh[(user, env)] = (version, credential)
            return _token(credential)
        return self._refresh(user, env, rejected=None)

    def refresh(self, user: str, env: str, rejected: Secret | None = None) -> Secret:
        """Refresh after Harvest rejected ``rejected`` (skipped if someone already did)."""
        _usable(self.get(user, env))
        return self._refresh(user, env, rejected=rejected or Secret(""))

    def _refresh(self, user: str, env: str, *, rejected: Secret | None) -> Secret:
        with self._thread_lock(user, env):
            if rejected is None:
                # Threads queued behind a refresh in this process need not touch the lock.
                credential = _usable(self.get(user, env))
                if not credential.is_stale(self._clock(), self.skew):
                    return _token(credential)
            with self.store.mutex(_lock_name(user, env)):
                outcome = self._refresh_locked(user, env, rejected)
        if isinstance(outcome, CredentialError):
            raise outcome
        return outcome

    def _refresh_locked(
        self, user: str, env: str, rejected: Secret | None
    ) -> Secret | CredentialError:
        with self.store.read() as conn:
            found = read_credential(conn, self._cipher, user, env)
        if found is None:
            return CredentialNotFoundError(
                f"credential of {user} in {env} was removed", user=user, env=env
            )
        credential = _usable(found)
        now = self._clock()
        current = _token(credential)
        if rejected is None and not credential.is_stale(now, self.skew):
            return current
        if rejected is not None and current != rejected:
            return current  # another caller refreshed since the token was rejected
        if credential.kind == "pat" or credential.refresh_token is None:
            return current  # nothing to refresh with; Harvest's 401 stands
        if credential.refresh_failed_until is not None and now < credential.refresh_failed_until:
            if rejected is None and not credential.is_expired(now):
                return current
            return RefreshCoolingDownError(
                f"refreshing the Harvest token of {user} in {env} failed recently "
                f"({credential.last_error}); next attempt in "
                f"{credential.refresh_failed_until - now:.0f} s",
                user=user,
                env=env,
                retry_at=credential.refresh_failed_until,
            )
        return self._call_refresher(credential, now)

    def _call_refresher(self, credential: Credential, now: float) -> Secret | CredentialError:
        user, env = credential.user, credential.env
        assert credential.refresh_token is not None
        if self._refresher is None:
            return CredentialError(
                "this vault has no OAuth refresher configured; set HARVESTKIT_OAUTH_CLIENT_ID "
                "and HARVESTKIT_OAUTH_CLIENT_SECRET",
                user=user,
                env=env,
            )
        try:
            tokens = self._refresher(credential.refresh_token.reveal())
        except InvalidGrantError:
            message = (
                f"Harvest no longer accepts the saved login of {user} in {env}; "
                f"run `harvestkit auth login --env {env}` again"
            )
            self._write(user, env, status="needs_login", last_error=message, updated_at=now)
            return NeedsLoginError(message, user=user, env=env)
        except Exception as exc:  # any other failure is treated as temporary
            error = _scrub(f"{type(exc).__name__}: {exc}", credential)
            retry_at = now + self.cooldown
            self._write(user, env, refresh_failed_until=retry_at, last_error=error, updated_at=now)
            return RefreshFailedError(
                f"refreshing the Harvest token of {user} in {env} failed: {error}",
                user=user,
                env=env,
                retry_at=retry_at,
            )
        refresh_token = tokens.refresh_token or credential.refresh_token
        self._write(
            user,
            env,
            access_token=seal(self._cipher, tokens.access_token, user, env, "access_token"),
            refresh_token=seal(self._cipher, refresh_token, user, env, "refresh_token"),
            expires_at=tokens.expires_at,
            refresh_failed_until=None,
            last_error=None,
            refreshed_at=now,
            updated_at=now,
        )
        return tokens.access_token

    def _write(self, user: str, env: str, **values: Any) -> None:
        with self.store.transaction() as conn:
            conn.execute(_update(user, env).values(**values))
            bump_access_version(conn)

    def _thread_lock(self, user: str, env: str) -> threading.Lock:
        with self._locks_guard:
            return self._locks.setdefault((user, env), threading.Lock())


def _not_found(user: str, env: str) -> CredentialNotFoundError:
    return CredentialNotFoundError(
        f"no Harvest credential for user {user} in {env}; run `harvestkit auth login --env {env}`",
        user=user,
        env=env,
    )


def _lock_name(user: str, env: str) -> str:
    return "credential:" + json.dumps([user, env])


def _update(user: str, env: str) -> Any:
    return update(credentials).where(credentials.c.user == user, credentials.c.env == env)


def _usable(credential: Credential) -> Credential:
    user, env = credential.user, credential.env
    if credential.status == "revoked":
        raise CredentialRevokedError(
            f"the Harvest credential of {user} in {env} was revoked; "
            f"run `harvestkit auth login --env {env}` to add a new one",
            user=user,
            env=env,
        )
    if credential.status == "needs_login":
        raise NeedsLoginError(
            credential.last_error
            or f"the Harvest login of {user} in {env} expired; "
            f"run `harvestkit auth login --env {env}`",
            user=user,
            env=env,
        )
    return credential


def _token(credential: Credential) -> Secret:
    assert credential.access_token is not None  # only revoked credentials lack one
    return credential.access_token


def _scrub(text: str, credential: Credential) -> str:
    for secret in (credential.access_token, credential.refresh_token):
        if secret:
            text = text.replace(secret.reveal(), REDACTED)
    return text[:500]
