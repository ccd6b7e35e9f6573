"""Rate limits (API-NOTES §5): 100 requests per 15 s, reports 100 per 15 min, per token;
429 answers are HTML with an integer Retry-After."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import insert
from starlette.testclient import TestClient

from harvestkit.sandbox import SandboxConfig, create_app, tables
from harvestkit.sandbox.ratelimit import GENERAL, REPORTS, RateLimiter, windows
from tests.conftest import ACCOUNT_ID, TOKEN, api_headers, as_user, sandbox_of

REPORT = "/v2/reports/project_budget"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(empty: TestClient) -> FakeClock:
    """The sandbox's limiter, on a clock the test moves."""
    fake = FakeClock()
    sandbox_of(empty).limiter = RateLimiter(1.0, clock=fake)
    return fake


def _second_user(client: TestClient) -> TestClient:
    sandbox = sandbox_of(client)
    now = sandbox.clock.utcnow()
    with sandbox.engine.begin() as conn:
        result = conn.execute(
            insert(tables.users).values(
                first_name="Rae",
                last_name="Other",
                email="rae@sandbox.example",
                timezone="UTC",
                weekly_capacity=126000,
                access_roles=["administrator"],
                created_at=now,
                updated_at=now,
            )
        )
        assert result.inserted_primary_key is not None
        user_id = int(result.inserted_primary_key[0])
    return as_user(client, user_id)


def _served(client: TestClient, path: str) -> bool:
    return not client.get(path).headers["content-type"].startswith("text/html")


# -- through the API ---------------------------------------------------------------------


def test_hundred_requests_pass_and_the_next_is_throttled(
    empty: TestClient, clock: FakeClock
) -> None:
    assert all(empty.get("/v2/clients").status_code == 200 for _ in range(100))
    throttled = empty.get("/v2/clients")
    assert throttled.status_code == 429
    assert throttled.headers["content-type"].startswith("text/html")
    assert throttled.headers["retry-after"].isdigit()
    assert 1 <= int(throttled.headers["retry-after"]) <= 15


def test_stats_count_requests_let_through_and_throttled(
    empty: TestClient, clock: FakeClock
) -> None:
    for _ in range(101):
        empty.get("/v2/clients")
    stats = empty.get("/_sandbox/stats").json()
    assert (stats["admitted"], stats["throttled"]) == (100, 1)


def test_requests_pass_again_after_the_window(empty: TestClient, clock: FakeClock) -> None:
    for _ in range(100):
        empty.get("/v2/clients")
    retry_after = int(empty.get("/v2/clients").headers["retry-after"])
    clock.now += retry_after
    assert empty.get("/v2/clients").status_code == 200


def test_throttled_requests_do_not_act(empty: TestClient, clock: FakeClock) -> None:
    for _ in range(100):
        empty.get("/v2/clients")
    assert empty.post("/v2/clients", json={"name": "Late"}).status_code == 429
    clock.now += 15
    assert empty.get("/v2/clients").json()["total_entries"] == 0


def test_counted_per_token(empty: TestClient, clock: FakeClock) -> None:
    for _ in range(100):
        empty.get("/v2/clients")
    assert empty.get("/v2/clients").status_code == 429
    assert _second_user(empty).get("/v2/clients").status_code == 200


def test_reports_have_their_own_window(empty: TestClient, clock: FakeClock) -> None:
    if not _served(empty, REPORT):
        pytest.skip(f"not served yet: GET {REPORT}")
    for _ in range(100):
        empty.get("/v2/clients")
    assert empty.get("/v2/clients").status_code == 429
    assert empty.get(REPORT).status_code == 200
    # 100 reports within 15 min (two made above) exhaust the reports window only.
    clock.now += 15
    for _ in range(98):
        assert empty.get(REPORT).status_code == 200
    throttled = empty.get(REPORT)
    assert throttled.status_code == 429
    assert int(throttled.headers["retry-after"]) > 15
    assert empty.get("/v2/clients").status_code == 200


def test_real_window_on_a_scaled_sandbox() -> None:
    app = create_app(
        SandboxConfig(seed="empty", token=TOKEN, account_id=ACCOUNT_ID, rate_limit_scale=0.02)
    )
    client = TestClient(app, base_url="http://sandbox.test")
    client.headers.update(api_headers())
    limiter = app.state.sandbox.limiter
    assert limiter.windows[GENERAL].seconds == pytest.approx(0.3)
    # Fill the window directly: a hundred HTTP calls could outlast a 0.3 s window.
    for _ in range(100):
        assert limiter.hit(TOKEN, str(ACCOUNT_ID), GENERAL) is None
    throttled = client.get("/v2/clients")
    assert throttled.status_code == 429
    assert throttled.headers["retry-after"] == "1"  # never less than one whole second
    time.sleep(0.35)
    assert client.get("/v2/clients").status_code == 200
    app.state.sandbox.close()


# -- the limiter alone -------------------------------------------------------------------


def test_windows_are_harvests_scaled() -> None:
    assert windows(1.0)[GENERAL].seconds == 15 and windows(1.0)[GENERAL].limit == 100
    assert windows(1.0)[REPORTS].seconds == 900 and windows(1.0)[REPORTS].limit == 100
    assert windows(0.1)[GENERAL].seconds == pytest.approx(1.5)


def test_limiter_allows_a_hundred_then_says_when() -> None:
    clock = FakeClock()
    limiter = RateLimiter(clock=clock)
    for i in range(100):
        clock.now += 0.01 * (i > 0)
        assert limiter.hit("t", "1", GENERAL) is None
    assert limiter.hit("t", "1", GENERAL) == 15  # first hit leaves the window in ~14.01 s
    assert limiter.throttled == 1


def test_limiter_window_slides() -> None:
    clock = FakeClock()
    limiter = RateLimiter(clock=clock)
    for _ in range(50):
        limiter.hit("t", "1", GENERAL)
    clock.now += 10
    for _ in range(50):
        limiter.hit("t", "1", GENERAL)
    assert limiter.hit("t", "1", GENERAL) == 5
    clock.now += 5  # the first fifty leave the window
    assert limiter.hit("t", "1", GENERAL) is None


def test_limiter_keys_token_account_and_bucket() -> None:
    clock = FakeClock()
    limiter = RateLimiter(clock=clock)
    for _ in range(100):
        limiter.hit("t", "1", GENERAL)
    assert limiter.hit("t", "1", GENERAL) is not None
    assert limiter.hit("other", "1", GENERAL) is None
    assert limiter.hit("t", "2", GENERAL) is None
    assert limiter.hit("t", "1", REPORTS) is None


def test_limiter_rejected_hits_do_not_count() -> None:
    clock = FakeClock()
    limiter = RateLimiter(clock=clock)
    for _ in range(100):
        limiter.hit("t", "1", GENERAL)
    for _ in range(20):
        limiter.hit("t", "1", GENERAL)
    clock.now += 15
    assert limiter.hit("t", "1", GENERAL) is None


def test_limiter_reset() -> None:
    limiter = RateLimiter(clock=FakeClock())
    for _ in range(100):
        limiter.hit("t", "1", GENERAL)
    limiter.reset()
    assert limiter.hit("t", "1", GENERAL) is None
