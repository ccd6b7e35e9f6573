from tests.sandbox._ledger import Ledger
def test_bad(empty):
    led = Ledger(empty)
    p = led.project(led.client()); led.assign(p, led.admin_id); c = led.category()
    urls = ["/v2/reports/time/clients?from=00000000&to=99999999", "/v2/reports/time/clients?from=20260101&to=20260102&per_page=0",
            "/v2/reports/time/clients?from=20260101&to=20260102&page=-5", "/v2/reports/time/clients?from[]=1&to=2",
            "/v2/reports/uninvoiced?from=20260101&to=20260102&include_fixed_fee[a]=1", "/v2/expenses?user_id=abc",
            "/v2/expenses?updated_since=yesterday", "/v2/expenses?is_billed=maybe", "/v2/expenses?approval_status[]=x",
            "/v2/reports/project_budget?is_active=x", "/v2/expenses/99999999999999999999999/receipt",
            "/v2/reports/time/team?from=2026-01-01T10:00:00Z&to=2026-01-02", "/v2/reports/time/team?from=20261301&to=20260102"]
    for u in urls:
        r = empty.get(u); print(u, r.status_code, r.text[:100]); assert r.status_code < 500
    bodies = [{"project_id": p, "expense_category_id": c, "spent_date": "2026-01-01", "total_cost": 1, "receipt": {"a": 1}},
              {"project_id": [p], "expense_category_id": c, "spent_date": "2026-01-01", "total_cost": 1},
              {"project_id": p, "expense_category_id": c, "spent_date": ["2026-01-01"], "total_cost": 1},
              {"project_id": p, "expense_category_id": c, "spent_date": "2026-01-01", "total_cost": True},
              {"project_id": p, "expense_category_id": c, "spent_date": 20260101, "total_cost": "NaN"},
              {"project_id": 2**64, "expense_category_id": c, "spent_date": "2026-01-01", "total_cost": 1}]
    for b in bodies:
        r = empty.post("/v2/expenses", json=b); print(b, r.status_code, r.text[:100]); assert r.status_code < 500
    r = empty.post("/v2/expenses", data={"project_id": p, "expense_category_id": c, "spent_date": "2026-01-01", "total_cost": "1"}, files=[("receipt", ("a.txt", b"a", "text/plain")), ("receipt", ("b.txt", b"bb", "text/plain"))])
    print(r.status_code, r.text[:300])
    r = empty.patch("/v2/expenses/1", json={"delete_receipt": "x"}); print(r.status_code)
    r = empty.post("/v2/expense_categories", json={"name": ["a"]}); print(r.status_code, r.text)
    r = empty.post("/v2/expense_categories", json={"name": "x", "unit_name": {"a": 1}}); print(r.status_code, r.text)
