"""One running sandbox: its database, clock, rate limiter, faults and credentials."""

from __future__ import annotations

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from . import store, tables, templates
from .auth import new_token
from .clock import Clock
from .config import SandboxConfig
from .faults import Faults, FaultSpec
from .ratelimit import RateLimiter
from .seed import SEEDS, seed_base


class Sandbox:
    """State shared by every request. Tests reach it as `app.state.sandbox`."""

    def __init__(self, config: SandboxConfig) -> None:
        if config.seed not in SEEDS:
            raise ValueError(f"unknown seed {config.seed!r}; choose one of {', '.join(SEEDS)}")
        if config.rate_limit_scale <= 0:
            raise ValueError("rate_limit_scale must be positive")
        self.config = config
        self.clock = Clock(config.now)
        self.limiter = RateLimiter(config.rate_limit_scale)
        self.faults = Faults(FaultSpec.parse(config.faults))
        self.engine = store.make_engine(config.db)
        if config.scale < 1:
            raise ValueError("scale must be at least 1")
        template = templates.template_path(
            config.seed, config.random_seed, self.clock.now(), config.scale
        )
        restored = (
            config.seed == "demo"
            and config.use_templates
            and store.is_empty(self.engine)
            and templates.restore(template, self.engine)
        )
        fresh = store.create_schema(self.engine)
        with self.engine.begin() as conn:
            if fresh:
                self._seed(conn)
            if restored:
                self._forget_credentials(conn)
            self.admin_id = int(store.meta_get(conn, "admin_user_id") or 0)
            self.account_id = int(conn.execute(select(tables.company.c.id)).scalar_one())
            if config.account_id and config.account_id != self.account_id:
                conn.execute(update(tables.company).values(id=config.account_id))
                self.account_id = config.account_id
            self.admin_token = self._admin_token(conn)
        if fresh and config.seed == "demo" and config.use_templates:
            templates.keep(template, self.engine)

    def _seed(self, conn: Connection) -> None:
        now = self.clock.utcnow()
        base = seed_base(conn, account_id=self.config.account_id, token=self.config.token, now=now)
        store.meta_set(conn, "admin_user_id", str(base.admin_id))
        store.meta_set(conn, "admin_token", base.admin_token)
        if self.config.seed == "demo":
            from .seed.demo import seed_demo

            seed_demo(
                conn,
                base,
                today=self.clock.now(),
                random_seed=self.config.random_seed,
                scale=self.config.scale,
            )

    def _forget_credentials(self, conn: Connection) -> None:
        """A copied database starts with no live token but its own administrator's."""
        for table in (tables.access_tokens, tables.refresh_tokens, tables.authorization_codes):
            conn.execute(table.delete())
        store.meta_set(conn, "admin_token", new_token("hks_pat_"))

    def _admin_token(self, conn: Connection) -> str:
        token = self.config.token or store.meta_get(conn, "admin_token")
        assert token is not None
        t = tables.access_tokens
        if conn.execute(select(t.c.token).where(t.c.token == token)).first() is None:
            conn.execute(
                insert(t).values(
                    token=token, user_id=self.admin_id, kind="pat", created_at=self.clock.utcnow()
                )
            )
            store.meta_set(conn, "admin_token", token)
        return token

    def mint_token(self, user_id: int) -> str:
        """A new personal access token for any sandbox user (tests act as members with it)."""
        token = new_token("hks_pat_")
        with self.engine.begin() as conn:
            store.fetch(conn, tables.users, user_id)
            conn.execute(
                insert(tables.access_tokens).values(
                    token=token, user_id=user_id, kind="pat", created_at=self.clock.utcnow()
                )
            )
        return token

    def close(self) -> None:
        self.engine.dispose()
