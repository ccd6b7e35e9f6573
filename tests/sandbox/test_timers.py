"""Timers: one running per user, stop/restart, elapsed hours on the sandbox clock,
timestamp mode and the company clock format, rounding."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from starlette.testclient import TestClient

from harvestkit.sandbox import tables
from tests.conftest import sandbox_of
from tests.sandbox.test_time_entries import World, add_user, build, ok, set_row

NOON = datetime(2026, 1, 15, 17, 0, tzinfo=UTC)  # 12:00pm in New York (EST, UTC-5)


@pytest.fixture
def world(empty: TestClient) -> World:
    sandbox_of(empty).clock.set(NOON)
    return build(empty)


def _timestamps(world: World, clock: str = "12h") -> None:
    set_row(world.admin, tables.company, wants_timestamp_timers=True, clock=clock)


def _get(world: World, entry_id: int) -> dict:  # type: ignore[type-arg]
    return ok(world.admin.get(f"/v2/time_entries/{entry_id}"))


# -- duration mode --------------------------------------------------------------------------


def test_without_hours_a_timer_runs_and_grows_with_the_clock(world: World) -> None:
    entry = ok(world.log(hours=None), 201)
    assert entry["is_running"] is True and entry["hours"] == 0.0
    assert entry["timer_started_at"] == "2026-01-15T17:00:00Z"
    sandbox_of(world.admin).clock.advance(45 * 60)
    running = _get(world, entry["id"])
    assert (running["hours"], running["hours_without_timer"]) == (0.75, 0.0)


def test_stop_then_restart_resumes_the_same_entry(world: World) -> None:
    entry = ok(world.log(hours=None), 201)
    clock = sandbox_of(world.admin).clock
    clock.advance(30 * 60)
    stopped = ok(world.admin.patch(f"/v2/time_entries/{entry['id']}/stop"))
    assert (stopped["is_running"], stopped["hours"], stopped["timer_started_at"]) == (
        False,
        0.5,
        None,
    )
    clock.advance(3600)
    restarted = ok(world.admin.patch(f"/v2/time_entries/{entry['id']}/restart"))
    assert restarted["id"] == entry["id"] and restarted["is_running"] is True
    assert (
        restarted["hours_without_timer"] == 0.5
        and restarted["timer_started_at"] == "2026-01-15T18:30:00Z"
    )
    clock.advance(15 * 60)
    assert _get(world, entry["id"])["hours"] == 0.75


def test_one_running_timer_per_user(world: World) -> None:
    first = ok(world.log(hours=None), 201)
    sandbox_of(world.admin).clock.advance(6 * 60)
    second = ok(world.log(hours=None), 201)
    assert _get(world, first["id"])["is_running"] is False
    assert _get(world, first["id"])["hours"] == 0.1
    ok(world.admin.patch(f"/v2/time_entries/{first['id']}/restart"))
    assert _get(world, second["id"])["is_running"] is False
    running = ok(world.admin.get("/v2/time_entries?is_running=true"))["time_entries"]
    assert [e["id"] for e in running] == [first["id"]]


def test_other_users_timers_keep_running(world: World) -> None:
    member = add_user(world.admin)
    world.assign(member)
    theirs = ok(world.log(user_id=member, hours=None), 201)
    ok(world.log(hours=None), 201)
    assert _get(world, theirs["id"])["is_running"] is True


@pytest.mark.parametrize(
    ("action", "running", "message"),
    [
        ("stop", False, "This time entry is not running"),
        ("restart", True, "This time entry is already running"),
    ],
)
def test_stop_and_restart_refusals(world: World, action: str, running: bool, message: str) -> None:
    entry = ok(world.log(hours=None if running else 1), 201)
    response = world.admin.patch(f"/v2/time_entries/{entry['id']}/{action}")
    assert (response.status_code, response.json()) == (422, {"message": message})


@pytest.mark.parametrize("action", ["stop", "restart"])
def test_locked_entries_cannot_be_stopped_or_restarted(world: World, action: str) -> None:
    entry = ok(world.log(hours=None if action == "stop" else 1), 201)
    set_row(world.admin, tables.time_entries, entry["id"], is_locked=True)
    response = world.admin.patch(f"/v2/time_entries/{entry['id']}/{action}")
    assert response.status_code == 422
    assert response.json() == {"message": "This time entry is locked and can't be changed"}


def test_running_entry_takes_notes_but_not_hours(world: World) -> None:
    entry = ok(world.log(hours=None), 201)
    url = f"/v2/time_entries/{entry['id']}"
    assert ok(world.admin.patch(url, json={"notes": "Still going"}))["notes"] == "Still going"
    refused = world.admin.patch(url, json={"hours": 2})
    assert refused.status_code == 422
    assert refused.json() == {"message": "Hours can't be changed while the timer is running"}


@pytest.mark.parametrize(
    ("minutes", "hours", "rounded"),
    [(None, 1.33, 1.33), (15, 1.33, 1.5), (15, 2.0, 2.0), (6, 1.33, 1.4), (30, 0.02, 0.5)],
)
def test_rounded_hours(world: World, minutes: int | None, hours: float, rounded: float) -> None:
    set_row(world.admin, tables.company, rounding_minutes=minutes)
    entry = ok(world.log(hours=hours), 201)
    assert (entry["hours"], entry["rounded_hours"]) == (hours, rounded)


# -- timestamp mode -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("clock", "started", "ended", "shown"),
    [
        ("12h", "8:00am", "9:30am", ("8:00am", "9:30am")),
        ("12h", "13:15", "2:45 PM", ("1:15pm", "2:45pm")),
        ("24h", "8am", "17:00", ("08:00", "17:00")),
        ("24h", "12:00am", "12:30pm", ("00:00", "12:30")),
    ],
)
def test_start_and_end_times(
    world: World, clock: str, started: str, ended: str, shown: tuple[str, str]
) -> None:
    _timestamps(world, clock)
    entry = ok(world.log(hours=None, started_time=started, ended_time=ended), 201)
    assert (entry["started_time"], entry["ended_time"]) == shown
    assert entry["is_running"] is False and entry["timer_started_at"] is None


def test_timestamp_hours_are_the_span(world: World) -> None:
    _timestamps(world)
    entry = ok(world.log(hours=None, started_time="8:00am", ended_time="9:30am"), 201)
    assert entry["hours"] == 1.5
    later = ok(world.admin.patch(f"/v2/time_entries/{entry['id']}", json={"ended_time": "10:00am"}))
    assert (later["hours"], later["ended_time"]) == (2.0, "10:00am")


def test_timestamp_timer_runs_in_the_users_time_zone(world: World) -> None:
    _timestamps(world)
    member = add_user(world.admin, timezone="Eastern Time (US & Canada)")
    world.assign(member)
    entry = ok(world.log(user_id=member, hours=None), 201)
    assert entry["started_time"] == "12:00pm" and entry["ended_time"] is None
    assert entry["is_running"] is True
    sandbox_of(world.admin).clock.advance(90 * 60)
    stopped = ok(world.admin.patch(f"/v2/time_entries/{entry['id']}/stop"))
    assert (stopped["ended_time"], stopped["hours"], stopped["is_running"]) == (
        "1:30pm",
        1.5,
        False,
    )


def test_timestamp_restart_starts_a_new_entry(world: World) -> None:
    _timestamps(world)
    entry = ok(world.log(hours=None, started_time="9:00am", ended_time="10:00am"), 201)
    restarted = ok(world.admin.patch(f"/v2/time_entries/{entry['id']}/restart"))
    assert restarted["id"] != entry["id"] and restarted["is_running"] is True
    assert restarted["started_time"] == "12:00pm"  # the administrator works in New York
    assert _get(world, entry["id"])["hours"] == 1.0


def test_hours_on_a_timestamp_account_end_now(world: World) -> None:
    _timestamps(world)
    entry = ok(world.log(hours=2), 201)
    assert (entry["started_time"], entry["ended_time"], entry["hours"]) == (
        "10:00am",
        "12:00pm",
        2.0,
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"started_time": "25:00"}, "Started time is invalid"),
        ({"started_time": "13:00pm"}, "Started time is invalid"),
        ({"started_time": "soon"}, "Started time is invalid"),
        (
            {"started_time": "10:00am", "ended_time": "9:00am"},
            "Ended time must be after started time",
        ),
    ],
)
def test_timestamp_validation(world: World, fields: dict[str, str], message: str) -> None:
    _timestamps(world)
    response = world.log(hours=None, **fields)
    assert (response.status_code, response.json()) == (422, {"message": message})


def test_start_and_end_on_a_duration_account_is_refused(world: World) -> None:
    response = world.log(hours=None, started_time="8:00am", ended_time="9:00am")
    assert response.status_code == 422
    assert "tracks time by duration" in response.json()["message"]
