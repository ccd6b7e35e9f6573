"""Who may sign in to the console, and their sessions.

Passwords are hashed with scrypt (``hashlib.scrypt``, a random salt per password, the cost
stored beside the hash so it can be raised later). A session is a random 32-byte value in
an HttpOnly cookie; only its SHA-256 is stored, with the session's CSRF token and expiry.
Signing in always starts a new session (an identifier planted before sign-in is never
adopted), and signing out deletes the row, so a copied cookie stops working at once.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import delete, func, insert, select
from sqlalchemy.exc import IntegrityError

from harvestkit.store import Store, console_sessions, console_users

__all__ = ["SESSION_LIFETIME", "ConsolePeople", "Person", "Role", "Session"]

Role = Literal["owner", "member"]
SESSION_LIFETIME = 8 * 3600.0
"""Seconds a session lasts after sign-in; then the person signs in again."""
MIN_PASSWORD = 12

_N, _R, _P = 2**14, 8, 1


def hash_password(password: str) -> str:
    """``scrypt$N$r$p$salt$hash`` (base64 parts)."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    parts = (base64.b64encode(salt).decode(), base64.b64encode(digest).decode())
    return f"scrypt${_N}${_R}${_P}${parts[0]}${parts[1]}"


def check_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches a hash from ``hash_password`` (constant-time compare)."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            password.encode(),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
        )
    except ValueError:
        return False
    return hmac.compare_digest(actual, expected)


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


@dataclass(frozen=True)
class Person:
    """Someone who may sign in: a harvestkit user name and a role."""

    name: str
    role: Role
    created_at: float

    @property
    def is_owner(self) -> bool:
        return self.role == "owner"


@dataclass(frozen=True)
class Session:
    """A signed-in session: whose, its CSRF token, and when it ends."""

    person: Person
    csrf: str
    expires_at: float


class ConsolePeople:
    """Console accounts and sessions in the store."""

    def __init__(
        self,
        store: Store,
        *,
        lifetime: float = SESSION_LIFETIME,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.lifetime = lifetime
        self._clock = clock
        # A fixed hash to check against when the name is unknown, so timing says nothing.
        self._decoy = hash_password(secrets.token_urlsafe(16))

    def has_owner(self) -> bool:
        """Whether first-run setup has happened."""
        query = select(func.count()).select_from(console_users)
        with self.store.read() as conn:
            return bool(conn.execute(query.where(console_users.c.role == "owner")).scalar_one())

    def add(self, name: str, password: str, role: Role) -> Person:
        """A new person; raises ``ValueError`` for a taken name or a short password."""
        name = name.strip()
        if not name or len(name) > 200:
            raise ValueError("a name of 1 to 200 characters")
        if len(password) < MIN_PASSWORD:
            raise ValueError(f"a password of at least {MIN_PASSWORD} characters")
        now = self._clock()
        row = {"name": name, "password_hash": hash_password(password), "role": role}
        try:
            with self.store.transaction() as conn:
                conn.execute(insert(console_users).values(created_at=now, **row))
        except IntegrityError:
            raise ValueError(f"there is already a person called {name!r}") from None
        return Person(name, role, now)

    def people(self) -> list[Person]:
        """Everyone, owners first, then by name."""
        t = console_users
        with self.store.read() as conn:
            rows = conn.execute(select(t.c.name, t.c.role, t.c.created_at)).all()
        found = [Person(n, r, c) for n, r, c in rows]
        return sorted(found, key=lambda p: (not p.is_owner, p.name))

    def get(self, name: str) -> Person | None:
        t = console_users
        with self.store.read() as conn:
            row = conn.execute(
                select(t.c.name, t.c.role, t.c.created_at).where(t.c.name == name)
            ).first()
        return None if row is None else Person(row.name, row.role, row.created_at)

    def authenticate(self, name: str, password: str) -> Person | None:
        """The person if the password is theirs, else ``None`` (unknown names take as long)."""
        t = console_users
        with self.store.read() as conn:
            row = conn.execute(select(t).where(t.c.name == name.strip())).first()
        stored = row.password_hash if row is not None else self._decoy
        if not check_password(password, stored) or row is None:
            return None
        return Person(row.name, row.role, row.created_at)

    def start(self, person: Person) -> tuple[str, Session]:
        """A new session: the cookie value (shown only here) and the session."""
        value = secrets.token_urlsafe(32)
        csrf = secrets.token_urlsafe(32)
        now = self._clock()
        expires = now + self.lifetime
        with self.store.transaction() as conn:
            conn.execute(delete(console_sessions).where(console_sessions.c.expires_at <= now))
            conn.execute(
                insert(console_sessions).values(
                    id_hash=_digest(value),
                    user=person.name,
                    csrf=csrf,
                    created_at=now,
                    expires_at=expires,
                )
            )
        return value, Session(person, csrf, expires)

    def session(self, value: str | None) -> Session | None:
        """The live session a cookie value names; ``None`` if unknown, ended or expired."""
        if not value:
            return None
        s, u = console_sessions, console_users
        query = (
            select(s.c.csrf, s.c.expires_at, u.c.name, u.c.role, u.c.created_at)
            .join(u, u.c.name == s.c.user)
            .where(s.c.id_hash == _digest(value))
        )
        with self.store.read() as conn:
            row = conn.execute(query).first()
        if row is None or row.expires_at <= self._clock():
            return None
        return Session(Person(row.name, row.role, row.created_at), row.csrf, row.expires_at)

    def end(self, value: str | None) -> None:
        """Sign out: the session named by this cookie value stops working."""
        if value:
            with self.store.transaction() as conn:
                conn.execute(
                    delete(console_sessions).where(console_sessions.c.id_hash == _digest(value))
                )
