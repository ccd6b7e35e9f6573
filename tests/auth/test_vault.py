"""The vault: storage, encryption in the row, refresh rules, revoked and needs-login."""

from __future__ import annotations

import asyncio
import threading

import pytest
from sqlalchemy import select, update

from harvestkit.auth import (
    Cipher,
    CredentialError,
    CredentialNotFoundError,
    CredentialRevokedError,
    DecryptionError,
    NeedsLoginError,
    RefreshCoolingDownError,
    RefreshFailedError,
    Secret,
    TokenSet,
    Vault,
    VaultTokenProvider,
)
from harvestkit.store import Store, credentials
from tests.auth.helpers import (
    HOUR,
    KEY,
    Clock,
    CountingRefresher,
    invalid_grant,
    make_vault,
    oauth_tokens,
)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def refresher(clock: Clock) -> CountingRefresher:
    return CountingRefresher(clock=clock)


@pytest.fixture
def vault(store: Store, refresher: CountingRefresher, clock: Clock) -> Vault:
    return make_vault(store, refresher, clock)


def test_pat_round_trip(vault: Vault) -> None:
    vault.save(
        "alice",
        "dev",
        "pat",
        TokenSet(Secret("pat-abc")),
        account_ids=[11, 22],
        default_account_id=22,
        harvest_user_id=7,
    )
    got = vault.get("alice", "dev")
    assert got.access_token == Secret("pat-abc")
    assert (got.account_ids, got.default_account_id, got.harvest_user_id) == ((11, 22), 22, 7)
    assert "pat-abc" not in repr(got)
    assert vault.access_token("alice", "dev").reveal() == "pat-abc"


def test_row_holds_only_ciphertext(vault: Vault, store: Store, clock: Clock) -> None:
    vault.save("alice", "dev", "oauth", oauth_tokens(clock.now + HOUR))
    with store.transaction() as conn:
        row = conn.execute(select(credentials)).one()
    assert b"access-0" not in bytes(row.access_token)
    assert b"refresh-0" not in bytes(row.refresh_token)


def test_ciphertext_moved_to_another_row_fails(vault: Vault, store: Store) -> None:
    vault.save("alice", "prod", "pat", TokenSet(Secret("alice-token")))
    vault.save("mallory", "prod", "pat", TokenSet(Secret("mallory-token")))
    c = credentials
    with store.transaction() as conn:
        stolen = conn.execute(select(c.c.access_token).where(c.c.user == "alice")).scalar_one()
        conn.execute(update(c).where(c.c.user == "mallory").values(access_token=stolen))
    with pytest.raises(DecryptionError):
        vault.get("mallory", "prod")


def test_other_key_cannot_read(vault: Vault, store: Store) -> None:
    vault.save("alice", "dev", "pat", TokenSet(Secret("pat-abc")))
    with pytest.raises(DecryptionError):
        Vault(store, Cipher(bytes(32))).get("alice", "dev")


def test_environments_are_separate(vault: Vault) -> None:
    vault.save("alice", "dev", "pat", TokenSet(Secret("dev-token")))
    vault.save("alice", "prod", "pat", TokenSet(Secret("prod-token")))
    assert vault.access_token("alice", "prod").reveal() == "prod-token"
    assert [(c.user, c.env) for c in vault.list()] == [("alice", "dev"), ("alice", "prod")]
    with pytest.raises(CredentialNotFoundError, match="harvestkit auth login --env staging"):
        vault.access_token("alice", "staging")


def test_fresh_token_is_not_refreshed(
    vault: Vault, refresher: CountingRefresher, clock: Clock
) -> None:
    vault.save("alice", "dev", "oauth", oauth_tokens(clock.now + HOUR))
    assert vault.access_token("alice", "dev").reveal() == "access-0"
    assert refresher.calls == []


def test_refresh_within_skew_keeps_old_refresh_token_when_none_returned(
    vault: Vault, refresher: CountingRefresher, clock: Clock
) -> None:
    refresher.rotate_refresh_token = False
    vault.save("alice", "dev", "oauth", oauth_tokens(clock.now + vault.skew - 1))
    assert vault.access_token("alice", "dev").reveal() == "access-1"
    assert refresher.calls == ["refresh-0"]
    stored = vault.get("alice", "dev")
    assert stored.refresh_token == Secret("refresh-0")
    assert stored.refreshed_at == clock.now
    assert vault.access_token("alice", "dev").reveal() == "access-1"
    assert len(refresher.calls) == 1


def test_rotated_refresh_token_is_stored(
    vault: Vault, refresher: CountingRefresher, clock: Clock
) -> None:
    vault.save("alice", "dev", "oauth", oauth_tokens(clock.now - 1))
    vault.access_token("alice", "dev")
    assert vault.get("alice", "dev").refresh_token == Secret("refresh-1")


def test_failed_refresh_cools_down(
    vault: Vault, refresher: CountingRefresher, clock: Clock
) -> None:
    refresher.fail_with = ConnectionError("identity service down")
    vault.save("alice", "dev", "oauth", oauth_tokens(clock.now - 1))
    with pytest.raises(RefreshFailedError, match="identity service down") as first:
        vault.access_token("alice", "dev")
    assert first.value.retry_at == clock.now + vault.cooldown
    clock.now += vault.cooldown / 2
    with pytest.raises(RefreshCoolingDownError, match="next attempt in 30 s"):
        vault.access_token("alice", "dev")
    assert len(refresher.calls) == 1  # no hammering during the cooldown
    clock.now += vault.cooldown
    refresher.fail_with = None
    assert vault.access_token("alice", "dev").reveal() == "access-2"


def test_a_slow_refresh_leaves_other_writers_alone(store: Store, clock: Clock) -> None:
    """While Harvest ID is asked, the vault holds the credential's lock, not a transaction:
    another user's credential can be saved meanwhile."""
    saved = threading.Event()

    def save_bob() -> None:
        slow.save("bob", "prod", "pat", TokenSet(Secret("bob-token")))
        saved.set()

    def refresher(refresh_token: str) -> TokenSet:
        other = threading.Thread(target=save_bob)
        other.start()
        other.join(10)
        return TokenSet(Secret("access-1"), None, clock.now + HOUR)

    slow = make_vault(store, refresher, clock)
    slow.save("alice", "prod", "oauth", oauth_tokens(clock.now + 1))
    assert slow.access_token("alice", "prod").reveal() == "access-1"
    assert saved.is_set()
    assert slow.access_token("bob", "prod").reveal() == "bob-token"


def test_cooldown_keeps_serving_a_still_valid_token(
    vault: Vault, refresher: CountingRefresher, clock: Clock
) -> None:
    refresher.fail_with = ConnectionError("down")
    vault.save("alice", "dev", "oauth", oauth_tokens(clock.now + 60))
    with pytest.raises(RefreshFailedError):
        vault.access_token("alice", "dev")
    assert vault.access_token("alice", "dev").reveal() == "access-0"
    assert len(refresher.calls) == 1


def test_refresh_error_text_never_holds_the_token(
    vault: Vault, refresher: CountingRefresher, clock: Clock
) -> None:
    refresher.fail_with = RuntimeError("server echoed refresh-0 back")
    vault.save("alice", "dev", "oauth", oauth_tokens(clock.now - 1))
    with pytest.raises(RefreshFailedError) as caught:
        vault.access_token("alice", "dev")
    assert "refresh-0" not in str(caught.value)
    assert "refresh-0" not in (vault.get("alice", "dev").last_error or "")


def test_invalid_grant_marks_needs_login(
    vault: Vault, refresher: CountingRefresher, clock: Clock
) -> None:
    refresher.fail_with = invalid_grant()
    vault.save("alice", "prod", "oauth", oauth_tokens(clock.now - 1))
    with pytest.raises(NeedsLoginError, match=r"run `harvestkit auth login --env prod` again"):
        vault.access_token("alice", "prod")
    assert vault.get("alice", "prod").status == "needs_login"
    clock.now += 10 * vault.cooldown
    with pytest.raises(NeedsLoginError, match="harvestkit auth login"):
        vault.access_token("alice", "prod")
    assert len(refresher.calls) == 1
    vault.save("alice", "prod", "oauth", oauth_tokens(clock.now + HOUR))
    assert vault.access_token("alice", "prod").reveal() == "access-0"


def test_revoked_credential_gives_a_clear_error(vault: Vault, store: Store) -> None:
    vault.save("alice", "dev", "pat", TokenSet(Secret("pat-abc")))
    vault.revoke("alice", "dev")
    with pytest.raises(
        CredentialRevokedError, match="revoked; run `harvestkit auth login --env dev`"
    ):
        vault.access_token("alice", "dev")
    with store.transaction() as conn:
        row = conn.execute(select(credentials)).one()
    assert row.access_token is None and row.status == "revoked"


def test_pat_is_never_refreshed(vault: Vault, refresher: CountingRefresher) -> None:
    vault.save("alice", "dev", "pat", TokenSet(Secret("pat-abc")))
    assert vault.refresh("alice", "dev", rejected=Secret("pat-abc")).reveal() == "pat-abc"
    assert refresher.calls == []


def test_refresh_after_401_happens_once(
    vault: Vault, refresher: CountingRefresher, clock: Clock
) -> None:
    vault.save("alice", "dev", "oauth", oauth_tokens(clock.now + HOUR))
    rejected = vault.access_token("alice", "dev")
    assert vault.refresh("alice", "dev", rejected=rejected).reveal() == "access-1"
    # A second caller that saw the same rejected token gets the new one, no new refresh.
    assert vault.refresh("alice", "dev", rejected=rejected).reveal() == "access-1"
    assert len(refresher.calls) == 1


def test_no_refresher_configured(store: Store, clock: Clock) -> None:
    vault = Vault(store, Cipher(KEY), clock=clock)
    vault.save("alice", "dev", "oauth", oauth_tokens(clock.now - 1))
    with pytest.raises(CredentialError, match="HARVESTKIT_OAUTH_CLIENT_ID"):
        vault.access_token("alice", "dev")


def test_use_switches_default_account(vault: Vault) -> None:
    vault.save(
        "alice", "dev", "pat", TokenSet(Secret("t")), account_ids=[1, 2], default_account_id=1
    )
    assert vault.use("alice", "dev", 2).default_account_id == 2
    with pytest.raises(ValueError, match="not reachable"):
        vault.use("alice", "dev", 3)
    with pytest.raises(ValueError, match="not among"):
        vault.save(
            "alice", "dev", "pat", TokenSet(Secret("t")), account_ids=[1], default_account_id=9
        )


def test_provider_hands_the_sdk_fresh_tokens(
    vault: Vault, refresher: CountingRefresher, clock: Clock
) -> None:
    vault.save(
        "alice",
        "dev",
        "oauth",
        oauth_tokens(clock.now + HOUR),
        account_ids=[5],
        default_account_id=5,
    )
    provider = VaultTokenProvider(vault, "alice", "dev")
    assert provider.get_token() == "access-0"
    assert provider.refresh() == "access-1"  # Harvest said 401 to access-0
    assert provider.account_id == 5
    assert "access" not in repr(provider)


def test_provider_async(vault: Vault, clock: Clock) -> None:
    vault.save("alice", "dev", "oauth", oauth_tokens(clock.now - 1))
    provider = VaultTokenProvider(vault, "alice", "dev")

    async def both() -> tuple[str, str]:
        return await provider.get_token_async(), await provider.refresh_async()

    assert asyncio.run(both()) == ("access-1", "access-2")


def test_provider_satisfies_the_sdk_protocol(vault: Vault) -> None:
    from harvestkit.api._auth import TokenProvider

    assert isinstance(VaultTokenProvider(vault, "alice", "dev"), TokenProvider)


def test_a_remembered_token_follows_changes_made_by_another_process(
    vault: Vault, store: Store, refresher: CountingRefresher, clock: Clock
) -> None:
    vault.save("alice", "dev", "oauth", oauth_tokens(clock.now + HOUR))
    assert vault.remembered_token("alice", "dev") is None  # nothing handed out yet
    assert vault.access_token("alice", "dev").reveal() == "access-0"
    assert vault.remembered_token("alice", "dev") == Secret("access-0")
    other = make_vault(Store(store.url, schema=store.schema), refresher, clock)  # `auth login`
    other.save("alice", "dev", "pat", TokenSet(Secret("pat-new")))
    assert vault.remembered_token("alice", "dev") is None
    assert vault.access_token("alice", "dev").reveal() == "pat-new"
    other.revoke("alice", "dev")
    assert vault.remembered_token("alice", "dev") is None
    with pytest.raises(CredentialRevokedError):
        vault.access_token("alice", "dev")


def test_a_remembered_token_is_not_handed_out_within_the_skew(
    vault: Vault, refresher: CountingRefresher, clock: Clock
) -> None:
    vault.save("alice", "dev", "oauth", oauth_tokens(clock.now + HOUR))
    vault.access_token("alice", "dev")
    clock.now += HOUR - vault.skew
    assert vault.remembered_token("alice", "dev") is None
    assert vault.access_token("alice", "dev").reveal() == "access-1"  # refreshed
    assert refresher.calls == ["refresh-0"]
