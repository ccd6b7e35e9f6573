"""The generic entry points the tool layer uses: call, paginate and prepare by row name."""

from __future__ import annotations

import pytest

from harvestkit.api import Harvest


def test_call_runs_a_row_by_name(h: Harvest) -> None:
    me = h.call("users.me")
    assert me.first_name


def test_call_refuses_a_list_row(h: Harvest) -> None:
    with pytest.raises(TypeError, match=r"use paginate\('projects.list'"):
        h.call("projects.list")


def test_paginate_and_prepare_by_name(h: Harvest) -> None:
    for name in ("A", "B", "C"):
        h.clients.create(name=name)
    page = h.paginate("clients.list", per_page=2).page()
    assert [c.name for c in page.items] == ["C", "B"] and page.next_cursor
    prepared = h.prepare("clients.create", name="Acme")
    assert (prepared.method, prepared.json) == ("POST", {"name": "Acme"})
    assert prepared.url.endswith("/clients")
