"""Fault injection: what each fault does to a request, and how faults are set."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
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
]

BAD = [
    ("error_rate", "needs a value"),
    ("bogus=1", "unknown fault bogus"),
    ("error_rate=1.5", "fraction between 0 and 1"),
    ("latency_ms=-5", "non-negative"),
    ("storm_seconds=inf", "non-negative"),
    ("error_rate=lots", "error_rate"),
    ("seed=abc", "seed"),
]


@pytest.mark.parametrize(("text", "expected"), GOOD, ids=[g[0] or "empty" for g in GOOD])
def test_parse_good_specs(text: str, expected: FaultSpec) -> None:
    assert FaultSpec.parse(text) == expected


@pytest.mark.parametrize(("text", "message"), BAD, ids=[b[0] for b in BAD])
def test_parse_bad_specs_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        FaultSpec.parse(text)


def test_spec_round_trips_through_a_mapping() -> None:
    spec = FaultSpec(error_rate=0.25, latency_ms=10, seed=3)
    assert FaultSpec.from_mapping(spec.as_dict()) == spec


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
    [({"bogus": 1}, "unknown fault"), ({"error_rate": 3}, "between 0 and 1")],
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
