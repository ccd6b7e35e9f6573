"""Fault injection: what each fault does to a request, and how faults are set."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from types import SimpleNamespace

import httpx
import pytest
import uvicorn
from starlette.testclient import TestClient

from harvestkit.sandbox import SandboxConfig, create_app
from harvestkit.sandbox import faults as faults_module
from harvestkit.sandbox.faults import Faults, FaultSpec
from tests.conftest import ACCOUNT_ID, TOKEN, api_headers, sandbox_of

# -- FaultSpec parsing ---------------------------------------------------------------------

GOOD = [
    ("", FaultSpec()),
    ("error_rate=0.1", FaultSpec(error_rate=0.1)),
    (" latency_ms = 50 , seed=7 ", FaultSpec(latency_ms=50, seed=7)),
    ("storm_seconds=2.5,throttle_rate=1", FaultSpec(storm_seconds=2.5, throttle_rate=1)),
    (
        "error_after_commit_rate=0.5,drop_after_commit_rate=0,",
        FaultSpec(error_after_commit_rate=0.5),
    ),
    ("tokens=alpha", FaultSpec(tokens=frozenset({"alpha"}))),
    (
        "error_rate=1, tokens = alpha | beta ",
        FaultSpec(error_rate=1, tokens=frozenset({"alpha", "beta"})),
    ),
]

BAD = [
    ("error_rate", "needs a value"),
    ("bogus=1", "unknown fault bogus"),
    ("error_rate=1.5", "fraction between 0 and 1"),
    ("latency_ms=-5", "non-negative"),
    ("storm_seconds=inf", "non-negative"),
    ("error_rate=lots", "error_rate"),
    ("seed=abc", "seed"),
    ("tokens=", "at least one token"),
    ("tokens=alpha||beta", "non-empty strings"),
]


@pytest.mark.parametrize(("text", "expected"), GOOD, ids=[g[0] or "empty" for g in GOOD])
def test_parse_good_specs(text: str, expected: FaultSpec) -> None:
    assert FaultSpec.parse(text) == expected


@pytest.mark.parametrize(("text", "message"), BAD, ids=[b[0] for b in BAD])
def test_parse_bad_specs_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        FaultSpec.parse(text)


@pytest.mark.parametrize(
    "spec",
    [
        FaultSpec(error_rate=0.25, latency_ms=10, seed=3),
        FaultSpec(storm_seconds=5, tokens=frozenset({"beta", "alpha"})),
    ],
)
def test_spec_round_trips_through_a_mapping(spec: FaultSpec) -> None:
    assert FaultSpec.from_mapping(spec.as_dict()) == spec


@pytest.mark.parametrize(
    ("tokens", "message"),
    [
        ([], "at least one token"),
        (["alpha", ""], "non-empty strings"),
        ([7], "non-empty strings"),
        ({"alpha": 1}, "must be a list"),
        (3, "must be a list"),
    ],
)
def test_tokens_from_a_mapping_must_be_a_list_of_tokens(tokens: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        FaultSpec.from_mapping({"tokens": tokens})


def test_config_faults_are_parsed() -> None:
    app = create_app(SandboxConfig(seed="empty", faults="error_rate=1,seed=1"))
    assert app.state.sandbox.faults.spec == FaultSpec(error_rate=1, seed=1)
    app.state.sandbox.close()
    with pytest.raises(ValueError, match="unknown fault"):
        create_app(SandboxConfig(seed="empty", faults="eror_rate=1"))


def test_seeded_draws_repeat() -> None:
    def run() -> list[object]:
        faults = Faults(FaultSpec(error_rate=0.5, seed=42))
        return [faults.before() for _ in range(30)]

    first = run()
    assert first == run()
    assert None in first and any(f is not None for f in first)


def test_scoped_draws_ignore_other_tokens() -> None:
    """Requests outside the scope take no draw, so other traffic cannot shift a seeded run."""

    def run(interleaved: bool) -> list[tuple[str, int] | None]:
        faults = Faults(FaultSpec(error_rate=0.5, seed=42, tokens=frozenset({"alpha"})))
        drawn = []
        for _ in range(30):
            if interleaved:
                assert faults.before("beta") is None
                assert faults.before(None) is None
            drawn.append(faults.before("alpha"))
        return drawn

    drawn = run(interleaved=True)
    assert drawn == run(interleaved=False)
    assert None in drawn and any(d is not None for d in drawn)


# -- faults on requests ----------------------------------------------------------------------


def _clients(client: TestClient) -> int:
    sandbox_of(client).faults.clear()
    total: int = client.get("/v2/clients").json()["total_entries"]
    return total


def test_storm_throttles_everything_for_its_time(
    empty: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = [500.0]
    monkeypatch.setattr(faults_module, "time", SimpleNamespace(monotonic=lambda: now[0]))
    sandbox_of(empty).faults.replace(FaultSpec(storm_seconds=30))
    first = empty.get("/v2/clients")
    assert first.status_code == 429
    assert first.headers["content-type"].startswith("text/html")
    assert first.headers["retry-after"] == "30"
    now[0] += 20
    assert empty.post("/v2/clients", json={"name": "A"}).headers["retry-after"] == "10"
    now[0] += 10
    assert empty.get("/v2/clients").status_code == 200
    assert sandbox_of(empty).faults.injected == {"storm": 2}


def test_throttle_rate_answers_429(empty: TestClient) -> None:
    sandbox_of(empty).faults.replace(FaultSpec(throttle_rate=1))
    response = empty.post("/v2/clients", json={"name": "A"})
    assert (response.status_code, response.headers["retry-after"]) == (429, "1")
    assert _clients(empty) == 0


def test_error_rate_fails_before_acting(empty: TestClient) -> None:
    sandbox_of(empty).faults.replace(FaultSpec(error_rate=1, seed=5))
    statuses = {empty.post("/v2/clients", json={"name": f"C{i}"}).status_code for i in range(12)}
    assert statuses <= {500, 502, 503} and len(statuses) > 1
    assert _clients(empty) == 0


def test_error_after_commit_fails_but_the_write_exists(empty: TestClient) -> None:
    sandbox_of(empty).faults.replace(FaultSpec(error_after_commit_rate=1))
    assert empty.get("/v2/clients").status_code == 200  # reads are never affected
    response = empty.post("/v2/clients", json={"name": "Committed"})
    assert response.status_code == 500
    assert response.headers["content-type"].startswith("text/html")
    assert _clients(empty) == 1


def test_latency_delays_requests(empty: TestClient) -> None:
    sandbox_of(empty).faults.replace(FaultSpec(latency_ms=60))
    started = time.perf_counter()
    assert empty.get("/v2/clients").status_code == 200
    assert time.perf_counter() - started >= 0.06


# -- faults scoped to tokens ------------------------------------------------------------------


@pytest.fixture
def scoped(empty: TestClient) -> TestClient:
    """A second client on the same sandbox (same administrator, its own token)."""
    sandbox = sandbox_of(empty)
    other = TestClient(empty.app, base_url="http://sandbox.test")
    other.headers.update(api_headers(sandbox.mint_token(sandbox.admin_id)))
    return other


def _token(client: TestClient) -> str:
    return client.headers["authorization"].removeprefix("Bearer ")


SCOPED = [
    ("storm", FaultSpec(storm_seconds=60), {429}, "storm"),
    ("throttle_rate", FaultSpec(throttle_rate=1), {429}, "throttle"),
    ("error_rate", FaultSpec(error_rate=1, seed=1), {500, 502, 503}, "error"),
]


@pytest.mark.parametrize(
    ("name", "spec", "statuses", "counted"), SCOPED, ids=[s[0] for s in SCOPED]
)
def test_scoped_faults_hit_only_their_tokens(
    empty: TestClient,
    scoped: TestClient,
    name: str,
    spec: FaultSpec,
    statuses: set[int],
    counted: str,
) -> None:
    sandbox_of(empty).faults.replace(replace(spec, tokens=frozenset({_token(scoped)})))
    for _ in range(3):
        assert scoped.get("/v2/clients").status_code in statuses
        assert empty.get("/v2/clients").status_code == 200
    assert sandbox_of(empty).faults.injected == {counted: 3}


def test_scoped_faults_apply_before_the_token_is_checked(empty: TestClient) -> None:
    sandbox_of(empty).faults.replace(FaultSpec(throttle_rate=1, tokens=frozenset({"revoked"})))
    stranger = TestClient(empty.app, base_url="http://sandbox.test")
    stranger.headers.update(api_headers("revoked"))
    assert stranger.get("/v2/clients").status_code == 429
    # A query-string token is the same credential as a bearer header.
    anonymous = TestClient(empty.app, base_url="http://sandbox.test")
    anonymous.headers["user-agent"] = "tests"
    query = {"access_token": "revoked", "account_id": str(ACCOUNT_ID)}
    assert anonymous.get("/v2/clients", params=query).status_code == 429
    assert empty.get("/v2/clients").status_code == 200


def test_scoped_error_after_commit_spares_other_writes(
    empty: TestClient, scoped: TestClient
) -> None:
    sandbox_of(empty).faults.replace(
        FaultSpec(error_after_commit_rate=1, tokens=frozenset({_token(scoped)}))
    )
    assert scoped.post("/v2/clients", json={"name": "Faulted"}).status_code == 500
    assert empty.post("/v2/clients", json={"name": "Clean"}).status_code == 201
    assert _clients(empty) == 2  # the faulted write committed all the same


def test_scoped_latency_delays_only_its_tokens() -> None:
    faults = Faults(FaultSpec(latency_ms=60, tokens=frozenset({"alpha"})))
    assert (faults.latency("alpha"), faults.latency("beta"), faults.latency(None)) == (
        0.06,
        0.0,
        0.0,
    )
    assert Faults(FaultSpec(latency_ms=60)).latency(None) == 0.06


def test_clearing_the_scope_faults_everyone(empty: TestClient, scoped: TestClient) -> None:
    response = empty.put("/_sandbox/faults", json={"throttle_rate": 1, "tokens": [_token(scoped)]})
    assert response.json()["faults"]["tokens"] == [_token(scoped)]
    assert (scoped.get("/v2/clients").status_code, empty.get("/v2/clients").status_code) == (
        429,
        200,
    )
    patched = empty.patch("/_sandbox/faults", json={"tokens": None})
    assert patched.json()["faults"] == FaultSpec(throttle_rate=1).as_dict()
    assert empty.get("/v2/clients").status_code == 429


@pytest.fixture
def served() -> Iterator[tuple[str, object]]:
    """The sandbox under uvicorn on a free port, in a background thread."""
    app = create_app(SandboxConfig(seed="empty", token=TOKEN, account_id=ACCOUNT_ID))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.01)
    assert server.started, "uvicorn did not start"
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}", app
    server.should_exit = True
    thread.join(timeout=10)
    app.state.sandbox.close()


def test_drop_after_commit_over_a_real_socket(served: tuple[str, object]) -> None:
    base, app = served
    app.state.sandbox.faults.replace(FaultSpec(drop_after_commit_rate=1))  # type: ignore[attr-defined]
    with httpx.Client(base_url=base, headers=api_headers(), timeout=5) as http:
        with pytest.raises(httpx.RemoteProtocolError):
            http.post("/v2/clients", json={"name": "Dropped"})
        app.state.sandbox.faults.clear()  # type: ignore[attr-defined]
        listed = http.get("/v2/clients").json()
    assert [c["name"] for c in listed["clients"]] == ["Dropped"]


# -- the admin endpoint ------------------------------------------------------------------------


def test_admin_endpoint_put_patch_get_delete(empty: TestClient) -> None:
    put = empty.put("/_sandbox/faults", json={"error_rate": 0.5, "seed": 9})
    assert put.status_code == 200
    assert put.json()["faults"]["error_rate"] == 0.5
    patched = empty.patch("/_sandbox/faults", json={"latency_ms": 5})
    assert (
        patched.json()["faults"] | {} == FaultSpec(error_rate=0.5, seed=9, latency_ms=5).as_dict()
    )
    assert empty.get("/_sandbox/faults").json()["faults"]["latency_ms"] == 5
    # PUT replaces the whole spec.
    assert (
        empty.put("/_sandbox/faults", json={"throttle_rate": 1}).json()["faults"]["error_rate"] == 0
    )
    assert empty.get("/v2/clients").status_code == 429
    assert empty.get("/_sandbox/faults").json()["injected"] == {"throttle": 1}
    cleared = empty.delete("/_sandbox/faults")
    assert cleared.json()["faults"] == FaultSpec().as_dict()
    assert empty.get("/v2/clients").status_code == 200


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"bogus": 1}, "unknown fault"),
        ({"error_rate": 3}, "between 0 and 1"),
        ({"throttle_rate": 1, "tokens": []}, "at least one token"),
        ({"throttle_rate": 1, "tokens": [""]}, "non-empty strings"),
    ],
)
def test_admin_endpoint_rejects_bad_specs(
    empty: TestClient, body: dict[str, object], message: str
) -> None:
    response = empty.put("/_sandbox/faults", json=body)
    assert response.status_code == 400
    assert message in response.json()["message"]
    assert sandbox_of(empty).faults.spec == FaultSpec()


def test_admin_endpoint_needs_the_admin_token(empty: TestClient) -> None:
    anonymous = TestClient(empty.app, base_url="http://sandbox.test")
    assert anonymous.put("/_sandbox/faults", json={"error_rate": 1}).status_code == 401
    other = TestClient(empty.app, base_url="http://sandbox.test")
    other.headers.update(api_headers("not-the-admin-token"))
    assert other.get("/_sandbox/faults").status_code == 401
    assert sandbox_of(empty).faults.spec == FaultSpec()
