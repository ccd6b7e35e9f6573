"""API keys: create, verify, list, revoke; wrong keys and another user's keys."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from harvestkit.auth import Secret
from harvestkit.governance import ApiKeyStore, InvalidApiKeyError
from harvestkit.store import Store, api_keys


@pytest.fixture
def keys(store: Store) -> ApiKeyStore:
    return ApiKeyStore(store)


def test_key_resolves_to_its_user_and_environment(keys: ApiKeyStore) -> None:
    key, info = keys.create("alice", "prod", "laptop")
    assert key.reveal().startswith(f"hk_{info.prefix}_")
    identity = keys.verify(key)
    assert (identity.user, identity.env, identity.prefix) == ("alice", "prod", info.prefix)
    assert keys.verify(key.reveal()) == identity


def test_only_a_hash_is_stored(keys: ApiKeyStore, store: Store) -> None:
    key, _ = keys.create("alice", "prod")
    with store.transaction() as conn:
        row = conn.execute(select(api_keys)).one()
    assert key.reveal() not in str(tuple(row))
    assert len(row.key_hash) == 64


@pytest.mark.parametrize(
    "mangle",
    [
        lambda k: k[:-1] + ("A" if k[-1] != "A" else "B"),  # one character off
        lambda k: k.replace("hk_", "xx_", 1),  # wrong scheme
        lambda k: "hk_00000000_" + k.split("_", 2)[2],  # unknown prefix
        lambda k: "hk_only-two-parts",
        lambda k: "",
    ],
    ids=["wrong-secret", "wrong-scheme", "unknown-prefix", "malformed", "empty"],
)
def test_wrong_keys_are_refused(keys: ApiKeyStore, mangle: object) -> None:
    key, _ = keys.create("alice", "prod")
    with pytest.raises(InvalidApiKeyError, match=r"^invalid API key$"):
        keys.verify(mangle(key.reveal()))  # type: ignore[operator]


def test_revoked_key_stops_working(keys: ApiKeyStore) -> None:
    key, info = keys.create("alice", "prod")
    assert keys.revoke(info.prefix) is True
    assert keys.revoke(info.prefix) is False
    with pytest.raises(InvalidApiKeyError):
        keys.verify(key)
    assert keys.list() == []
    assert [k.active for k in keys.list(include_revoked=True)] == [False]


def test_users_only_see_and_revoke_their_own_keys(keys: ApiKeyStore) -> None:
    alice_key, alice_info = keys.create("alice", "prod")
    bob_key, bob_info = keys.create("bob", "dev")
    assert [k.prefix for k in keys.list("alice")] == [alice_info.prefix]
    assert keys.revoke(alice_info.prefix, user="bob") is False
    assert keys.verify(alice_key).user == "alice"
    assert keys.verify(bob_key).user == "bob"
    # Alice's key never grants Bob's scope, and the other way round.
    assert (keys.verify(alice_key).user, keys.verify(alice_key).env) != ("bob", "dev")
    assert keys.revoke(bob_info.prefix, user="bob") is True
    with pytest.raises(InvalidApiKeyError):
        keys.verify(bob_key)


def test_verify_records_last_use(keys: ApiKeyStore) -> None:
    key, _ = keys.create("alice", "prod")
    assert keys.list()[0].last_used_at is None
    keys.verify(key)
    assert keys.list()[0].last_used_at is not None


def test_created_key_is_a_secret(keys: ApiKeyStore) -> None:
    key, info = keys.create("alice", "prod")
    assert isinstance(key, Secret)
    assert key.reveal() not in repr(info)


def test_a_remembered_key_is_refused_once_another_process_revokes_it(
    keys: ApiKeyStore, store: Store
) -> None:
    key, info = keys.create("alice", "prod")
    assert keys.remembered(key) is None  # never verified here
    identity = keys.verify(key)
    assert keys.remembered(key) == identity
    assert keys.identify(key) == identity
    admin = ApiKeyStore(Store(store.url, schema=store.schema))  # `harvestkit keys revoke`'s
    assert admin.revoke(info.prefix) is True
    assert keys.remembered(key) is None
    with pytest.raises(InvalidApiKeyError):
        keys.identify(key)


def test_a_remembered_key_is_verified_again_when_its_last_use_is_due(store: Store) -> None:
    now = [1000.0]
    keys = ApiKeyStore(store, clock=lambda: now[0])
    key, _ = keys.create("alice", "prod")
    keys.verify(key)
    now[0] += 59
    assert keys.remembered(key) is not None
    now[0] += 2
    assert keys.remembered(key) is None  # `verify` writes last_used_at again
    keys.verify(key)
    assert [k.last_used_at for k in keys.list()] == [now[0]]
