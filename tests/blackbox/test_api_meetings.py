"""Black-box tests of the sessions and resolutions API (issue 6).

The journey: a producer files two cases and the secretariat brings them to the
agenda through the cases API; a session is planned, attended (a bank's
representative with full authority), given its agenda, refused "held" while it lies
in the future and then held; resolutions are refused without an agency or a
deadline, then issued; an outcome inside the 15-working-day objection window is
refused; the bank objects, the secretariat upholds, the outcome is recorded and the
case closes. The second resolution needs time to pass: the server is restarted on
the same database with --test-clock-shift-days (core/clock.h) to the window's last
day (the outcome is still refused) and to the day after (the sweep starts
execution, an objection is too late, the outcome is recorded). Every refusal is
checked to write nothing (the audit chain's length and the record's version).

The authorization matrix: admin, secretariat, member, the responsible agency's
liaison, another agency's liaison, the producer whose case the resolution decides,
another producer and the public (no token) × every endpoint family (session reads
and writes, resolution reads, the lifecycle actions, the report, the public totals)
→ the designed 200/201/204, 401, 403 or 404.

Every response of /api/v1/meeting-bodies, /api/v1/meetings… and /api/v1/resolutions…
is checked against openapi.json with test_openapi's schema checker (status
documented, body matching its schema, documented headers present); the last test
asserts that every documented operation of these families was exercised."""

import datetime
import json
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from harness import Server, main, run  # noqa: E402
from test_cases import BANK, TAX, USERS, World, audit_count  # noqa: E402
from test_openapi import METHODS, check, resolve  # noqa: E402

SOURCE = os.environ.get("TASHIL_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
with open(os.path.join(SOURCE, "src", "web", "openapi.json"), encoding="utf-8") as f:
    DOC = json.load(f)
OURS = {"meeting-bodies", "meetings", "resolutions"}
SEEN = {}  # (path template, method) -> statuses answered


def template_of(path):
    """The documented path template a URL falls under (the most literal one wins, as
    in the router: /resolutions/report over /resolutions/{id})."""
    path = path.split("?")[0]
    best = None
    for t in DOC["paths"]:
        rx = "^" + re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(t)) + "$"
        if re.match(rx, path):
            literal = sum(1 for seg in t.split("/") if seg and not seg.startswith("{"))
            if best is None or literal > best[0]:
                best = (literal, t)
    return best[1] if best else None


def conforms(method, path, r):
    """Asserts that the response is documented and matches its schema."""
    t = template_of(path)
    assert t, f"{method} {path}: not in openapi.json"
    op = DOC["paths"][t].get(method.lower())
    assert op, f"{method} {t}: not documented"
    spec = op["responses"].get(str(r.status))
    assert spec, f"{method} {path}: status {r.status} not documented: {r.body[:300]}"
    spec = resolve(DOC, spec["$ref"]) if "$ref" in spec else spec
    content = spec.get("content", {}).get("application/json")
    if content:
        assert r.header("Content-Type") == "application/json", (path, r.header("Content-Type"))
        problems = check(DOC, content["schema"], json.loads(r.body))
        assert not problems, f"{method} {path} -> {r.status}: {problems[:5]}"
    elif spec.get("content"):  # a file: one of the documented types
        assert r.header("Content-Type") in spec["content"], (path, r.header("Content-Type"))
    else:
        assert r.raw == b"", (path, r.status, r.body[:200])
    for name in spec.get("headers", {}):
        if name != "WWW-Authenticate" or r.status == 401:
            assert r.header(name), f"{method} {path}: header {name} missing"
    SEEN.setdefault((t, method.lower()), set()).add(r.status)


class Group(World):
    """World (agencies, liaisons, producers with a unit each, tokens) whose calls to
    the sessions and resolutions API are checked against the OpenAPI document."""

    def __init__(self, s):
        super().__init__(s)
        agencies = self.api("admin", "GET", "/api/v1/agencies?limit=200").json["items"]
        self.bank = next(a["id"] for a in agencies if a["name"] == BANK)
        self.tax = next(a["id"] for a in agencies if a["name"] == TAX)

    def api(self, who, method, path, doc=None, headers=None, raw=None):
        r = super().api(who, method, path, doc, headers, raw)
        if path.startswith("/api/v1/") and path.split("/")[3].split("?")[0] in OURS:
            conforms(method, path, r)
        return r

    def today(self):
        """The server's date (Tehran; shifted by the test clock)."""
        return self.api("public", "GET", "/api/v1/resolutions/stats").json["as_of"]

    def ready_case(self, who, title, category=14, agenda=True):
        """A case filed by `who` and brought by the secretariat to in_review (and, with
        agenda, to on_agenda) through the cases API."""
        case = self.file(who, title, category=category)
        assert self.act("dabir", case, "review").status == 200
        if agenda:
            r = self.act("dabir", case, "agenda")
            assert r.status == 200 and r.json["state"] == "on_agenda", r.body
        return case

    def case_state(self, case):
        return self.api("dabir", "GET", f"/api/v1/cases/{case}").json

    def meeting(self, held_on, who="dabir", body_id=1):
        r = self.api(who, "POST", "/api/v1/meetings",
                     {"body_id": body_id, "held_on": held_on, "starts_at": "۱۰:۳۰",
                      "place": "سالن جلسات فرمانداری", "chair": "معاون اقتصادی استاندار"})
        assert r.status == 201, (r.status, r.body)
        return r.json["id"]

    def held(self, mid, who="dabir"):
        r = self.api(who, "POST", f"/api/v1/meetings/{mid}/status", {"status": "held"})
        assert r.status == 200 and r.json["status"] == "held", r.body
        return r

    def item(self, mid, who="dabir", **body):
        r = self.api(who, "POST", f"/api/v1/meetings/{mid}/items", body)
        assert r.status == 201, (r.status, r.body)
        return r.json["id"]

    def issue(self, mid, item, agency, deadline, who="dabir", **more):
        r = self.api(who, "POST", f"/api/v1/meetings/{mid}/resolutions",
                     {"item_id": item, "text": "دستگاه مسئول اقدام کند.", "agency_id": agency,
                      "deadline": deadline, **more})
        assert r.status == 201, (r.status, r.body)
        return r.json

    def resolution(self, rid, who="dabir"):
        r = self.api(who, "GET", f"/api/v1/resolutions/{rid}")
        assert r.status == 200, (r.status, r.body)
        return r


def day(iso, plus=0):
    return (datetime.date.fromisoformat(iso) + datetime.timedelta(days=plus)).isoformat()


def days_between(a, b):
    return (datetime.date.fromisoformat(b) - datetime.date.fromisoformat(a)).days


def refused(w, r, status, code=None, contains=None):
    assert r.status == status, (status, r.status, r.body)
    if code:
        assert r.json["error"]["code"] == code, r.body
    if contains:
        assert contains in r.json["error"]["message"], r.body


def test_sessions_and_resolutions_journey():
    with Server(users=USERS) as s:
        w = Group(s)
        today = w.today()
        case1 = w.ready_case("tolid", "استمهال وام کارگاه کفش")
        case2 = w.ready_case("tolid", "جریمه دیرکرد مالیات", category=16, agenda=False)

        bodies = w.api("ozv", "GET", "/api/v1/meeting-bodies").json["items"]
        assert bodies[0]["main"] and bodies[0]["code"] == "main"

        # A session in the future cannot be marked held; nothing is written.
        future = w.meeting(day(today, 30))
        before, etag = audit_count(s.db), w.api("dabir", "GET", f"/api/v1/meetings/{future}").header("ETag")
        r = w.api("dabir", "POST", f"/api/v1/meetings/{future}/status", {"status": "held"})
        refused(w, r, 422, "session_in_future", "cannot be marked held before it takes place")
        assert day(today, 30) in r.json["error"]["message"]
        after = w.api("dabir", "GET", f"/api/v1/meetings/{future}")
        assert after.json["status"] == "planned" and after.header("ETag") == etag
        assert audit_count(s.db) == before

        # The session: planned a week ago, attended, given its agenda.
        m = w.meeting(day(today, -7))
        got = w.api("ozv", "GET", f"/api/v1/meetings/{m}")
        assert got.json["status"] == "planned" and got.json["starts_at"] == "10:30"
        assert got.json["status_label"] == "برنامه‌ریزی شده" and got.header("ETag") == '"v1"'
        r = w.api("dabir", "POST", f"/api/v1/meetings/{m}/attendees",
                  {"name": "مدیر شعب بانک ملی", "position": "مدیر شعب", "agency_id": w.bank,
                   "full_authority": True})
        assert r.status == 201 and r.json["full_authority"] is True and r.json["agency"] == BANK, r.body
        r = w.api("dabir", "POST", f"/api/v1/meetings/{m}/attendees", {"name": "ناظر", "agency_id": 987654})
        refused(w, r, 422, "validation")
        assert "agency_id" in r.json["error"]["fields"]
        item1 = w.item(m, case_id=case1)
        item2 = w.item(m, case_id=case2)  # in review: the agenda step is taken for it
        assert w.case_state(case2)["state"] == "on_agenda"
        r = w.api("dabir", "POST", f"/api/v1/meetings/{m}/items", {"case_id": case1})
        refused(w, r, 422, "validation")
        assert "already on this session's agenda" in r.json["error"]["fields"]["case_id"]
        r = w.api("dabir", "POST", f"/api/v1/meetings/{m}/items", {"case_id": case1, "title": "x"})
        refused(w, r, 422, "validation")
        r = w.api("dabir", "POST", f"/api/v1/meetings/{future}/items", {"case_id": case1})
        refused(w, r, 422, "validation")
        assert "another planned session" in r.json["error"]["fields"]["case_id"], r.body
        topic = w.item(m, title="گزارش دبیرخانه")
        r = w.api("dabir", "PATCH", f"/api/v1/meetings/{m}/items/{topic}",
                  {"position": 1, "notes": "گزارش خوانده شد."})
        assert r.status == 200 and r.json["position"] == 1 and r.json["notes"] == "گزارش خوانده شد."
        items = w.api("ozv", "GET", f"/api/v1/meetings/{m}/items").json["items"]
        assert [i["id"] for i in items] == [topic, item1, item2]
        assert items[1]["case_state"] == "on_agenda" and items[1]["case_state_label"] == "در دستور جلسه"
        assert w.api("dabir", "DELETE", f"/api/v1/meetings/{m}/items/{topic}").status == 204
        assert [i["position"] for i in w.api("ozv", "GET", f"/api/v1/meetings/{m}/items").json["items"]] == [1, 2]

        # PUT replaces the details: If-Match required, a stale one refused.
        doc = {"body_id": 1, "held_on": day(today, -7), "place": "استانداری", "chair": "استاندار"}
        refused(w, w.api("dabir", "PUT", f"/api/v1/meetings/{m}", doc), 428, "precondition_required")
        refused(w, w.api("dabir", "PUT", f"/api/v1/meetings/{m}", doc, headers={"If-Match": '"v1"'}),
                409, "conflict")
        refused(w, w.api("dabir", "PUT", f"/api/v1/meetings/{m}", doc, headers={"If-Match": "*"}),
                400, "bad_request")
        etag = w.api("dabir", "GET", f"/api/v1/meetings/{m}").header("ETag")
        r = w.api("dabir", "PUT", f"/api/v1/meetings/{m}", doc, headers={"If-Match": etag})
        assert r.status == 200 and r.json["place"] == "استانداری" and r.json["starts_at"] is None, r.body

        # Not held yet: no resolution, nothing written.
        before = audit_count(s.db)
        deadline = day(today, 60)
        r = w.api("dabir", "POST", f"/api/v1/meetings/{m}/resolutions",
                  {"item_id": item1, "text": "x", "agency_id": w.bank, "deadline": deadline})
        refused(w, r, 409, "not_held", "held session")
        w.held(m)
        # No agency, no deadline: 422 naming the field, nothing written.
        for missing in ("agency_id", "deadline"):
            doc = {"item_id": item1, "text": "بانک ملی وام را استمهال کند.", "agency_id": w.bank,
                   "deadline": deadline}
            del doc[missing]
            r = w.api("dabir", "POST", f"/api/v1/meetings/{m}/resolutions", doc)
            refused(w, r, 422, "validation")
            assert list(r.json["error"]["fields"]) == [missing], r.body
        r = w.api("dabir", "POST", f"/api/v1/meetings/{m}/resolutions",
                  {"item_id": item1, "text": "x", "agency_id": w.bank, "deadline": day(today, -1),
                   "case_ids": [case1, 987654]})
        refused(w, r, 422, "validation")
        assert set(r.json["error"]["fields"]) == {"deadline", "case_ids"}, r.body
        assert audit_count(s.db) == before + 1  # only "held"
        assert w.api("dabir", "GET", "/api/v1/resolutions").json["total"] == 0

        # Issued: the notice today, the window 15 working days, the case decided.
        res1 = w.issue(m, item1, w.bank, deadline, text="بانک ملی وام کارگاه را شش ماه استمهال کند.")
        r1 = res1["id"]
        assert res1["state"] == "issued" and res1["window_open"] and res1["notice_on"] == today
        assert res1["state_label"] == "ابلاغ شده — مهلت اعتراض" and res1["case_ids"] == [case1]
        assert res1["allowed_actions"] == [] and res1["number"].endswith("/1")
        assert days_between(today, res1["window_ends_on"]) >= 17  # 15 working days, Fridays off
        assert w.case_state(case1)["state"] == "decided"
        assert w.resolution(r1, "bankuser").json["allowed_actions"] == ["object"]
        # Decided, the case stays with its resolution: not onto another agenda.
        r = w.api("dabir", "POST", f"/api/v1/meetings/{future}/items", {"case_id": case1})
        refused(w, r, 422, "validation")
        assert "state decided" in r.json["error"]["fields"]["case_id"], r.body
        assert w.case_state(case1)["state"] == "decided"

        # The outcome waits for the window: refused, nothing written.
        before, version = audit_count(s.db), res1["version"]
        outcome = {"action": "outcome", "outcome": "carried_out", "evidence": "نامه ۴۵۶ بانک"}
        r = w.api("dabir", "POST", f"/api/v1/resolutions/{r1}/actions", outcome)
        refused(w, r, 422, "window_open", "the 15-day objection window has not closed")
        assert res1["window_ends_on"] in r.json["error"]["message"]
        assert w.resolution(r1).json["version"] == version and audit_count(s.db) == before
        # An item with resolutions stays; a session with resolutions stays held.
        refused(w, w.api("dabir", "DELETE", f"/api/v1/meetings/{m}/items/{item1}"), 409, "has_resolutions")
        refused(w, w.api("dabir", "POST", f"/api/v1/meetings/{m}/status", {"status": "planned"}),
                409, "has_resolutions")
        etag = w.api("dabir", "GET", f"/api/v1/meetings/{m}").header("ETag")
        r = w.api("dabir", "PUT", f"/api/v1/meetings/{m}", {"body_id": 2, "held_on": day(today, -7)},
                  headers={"If-Match": etag})
        refused(w, r, 409, "has_resolutions", "keeps its body and Jalali year")
        r = w.api("dabir", "PUT", f"/api/v1/meetings/{m}", {"body_id": 1, "held_on": day(today, 1)},
                  headers={"If-Match": etag})
        refused(w, r, 422, "session_in_future")

        # The bank objects (If-Match guards it), the secretariat upholds.
        r = w.api("bankuser", "POST", f"/api/v1/resolutions/{r1}/actions",
                  {"action": "object", "reason": "هیئت مدیره بانک اجازه نمی‌دهد."},
                  headers={"If-Match": '"v999"'})
        refused(w, r, 409, "conflict")
        refused(w, w.api("bankuser", "POST", f"/api/v1/resolutions/{r1}/actions", {"action": "object"}),
                422, "validation")
        etag = w.resolution(r1, "bankuser").header("ETag")
        r = w.api("bankuser", "POST", f"/api/v1/resolutions/{r1}/actions",
                  {"action": "object", "reason": "هیئت مدیره بانک اجازه نمی‌دهد."},
                  headers={"If-Match": etag})
        assert r.status == 200 and r.json["state"] == "objection_pending", r.body
        assert r.json["objection"] == "هیئت مدیره بانک اجازه نمی‌دهد." and r.json["objected_on"] == today
        assert w.resolution(r1).json["allowed_actions"] == ["uphold", "amend", "accept"]
        r = w.api("dabir", "POST", f"/api/v1/resolutions/{r1}/actions", outcome)
        refused(w, r, 409, "invalid_transition", "allowed now: uphold, amend, accept")
        r = w.api("dabir", "POST", f"/api/v1/resolutions/{r1}/actions",
                  {"action": "uphold", "reason": "طبق بند ۳ الزامی است.", "text": "x"})
        refused(w, r, 400, "bad_request")
        assert "text" in r.json["error"]["fields"]
        r = w.api("dabir", "POST", f"/api/v1/resolutions/{r1}/actions",
                  {"action": "uphold", "reason": "طبق بند ۳ الزامی است."})
        assert r.status == 200 and r.json["state"] == "in_execution" and r.json["ruling"] == "upheld"
        assert w.case_state(case1)["state"] == "in_execution"

        # The outcome: the fault must fit; then carried out, and the case closes resolved.
        for bad, field in (({"outcome": "partly"}, "fault"),
                           ({"outcome": "carried_out", "fault": "agency"}, "fault"),
                           ({"outcome": "decided"}, "outcome")):
            r = w.api("dabir", "POST", f"/api/v1/resolutions/{r1}/actions",
                      {"action": "outcome", "evidence": "گزارش", **bad})
            refused(w, r, 422, "validation")
            assert field in r.json["error"]["fields"], r.body
        r = w.api("dabir", "POST", f"/api/v1/resolutions/{r1}/actions", outcome)
        assert r.status == 200 and r.json["state"] == "carried_out" and r.json["outcome_on"] == today
        assert r.json["state_label"] == "اجرا شده" and r.json["fault"] is None
        closed = w.case_state(case1)
        assert closed["state"] == "closed" and closed["outcome"] == "resolved"
        events = w.api("tolid", "GET", f"/api/v1/resolutions/{r1}/events").json["items"]
        assert [e["kind"] for e in events] == ["issue", "object", "uphold", "outcome"]

        # Evidence files: the bank's letter; another agency neither adds nor sees; a
        # renamed file is refused; the owner of the case downloads it.
        letter = b"%PDF-1.4\n% execution report\n"
        r = w.api("bankuser", "POST", f"/api/v1/resolutions/{r1}/attachments?name=report.pdf",
                  raw=letter, headers={"Content-Type": "application/pdf"})
        assert r.status == 201 and r.json["mime"] == "application/pdf", r.body
        aid = r.json["id"]
        refused(w, w.api("bankuser", "POST", f"/api/v1/resolutions/{r1}/attachments?name=x.png",
                         raw=letter, headers={"Content-Type": "image/png"}), 422, "invalid")
        assert w.api("taxuser", "POST", f"/api/v1/resolutions/{r1}/attachments?name=y.pdf",
                     raw=letter, headers={"Content-Type": "application/pdf"}).status == 404
        assert w.api("tolid", "POST", f"/api/v1/resolutions/{r1}/attachments?name=y.pdf",
                     raw=letter, headers={"Content-Type": "application/pdf"}).status == 403
        files = w.api("tolid", "GET", f"/api/v1/resolutions/{r1}/attachments").json["items"]
        assert [f["id"] for f in files] == [aid]
        got = w.api("tolid", "GET", f"/api/v1/resolutions/{r1}/attachments/{aid}")
        assert got.status == 200 and got.raw == letter
        assert w.api("taxuser", "GET", f"/api/v1/resolutions/{r1}/attachments/{aid}").status == 404
        assert events[1]["from_state"] == "issued" and events[1]["to_state"] == "objection_pending"

        # The second resolution: nobody objects, and time must pass.
        res2 = w.issue(m, item2, w.tax, day(today, 60), text="اداره مالیات جریمه را ببخشد.")
        r2, window_end = res2["id"], res2["window_ends_on"]
        assert res2["number"].endswith("/2")
        outcome2 = {"action": "outcome", "outcome": "not_carried_out", "fault": "agency",
                    "evidence": "گزارش بازدید: جریمه بخشوده نشد."}
        # On the window's last day the outcome is still refused.
        s.restart(["--test-clock-shift-days", str(days_between(today, window_end))])
        assert w.today() == window_end
        r = w.api("dabir", "POST", f"/api/v1/resolutions/{r2}/actions", outcome2)
        refused(w, r, 422, "window_open")
        got = w.resolution(r2, "taxuser").json
        assert got["window_open"] and got["allowed_actions"] == ["object"]
        # The day after: the sweep starts execution; an objection is too late.
        s.restart(["--test-clock-shift-days", str(days_between(today, window_end) + 1)])
        assert w.today() == day(window_end, 1)
        deadline_t = time.time() + 20
        while time.time() < deadline_t:
            kinds = [e["kind"] for e in w.api("dabir", "GET", f"/api/v1/resolutions/{r2}/events").json["items"]]
            if "start" in kinds:
                break
            time.sleep(0.2)
        assert kinds == ["issue", "start"], kinds
        assert w.case_state(case2)["state"] == "in_execution"
        got = w.resolution(r2).json
        assert got["state"] == "in_execution" and not got["window_open"]
        r = w.api("taxuser", "POST", f"/api/v1/resolutions/{r2}/actions",
                  {"action": "object", "reason": "دیر"})
        refused(w, r, 422, "window_closed", "too late to object")  # swept or not
        r = w.api("bankuser", "POST", f"/api/v1/resolutions/{r2}/actions", {"action": "object", "reason": "x"})
        refused(w, r, 404)  # not the bank's: out of its reach
        r = w.api("tolid", "POST", f"/api/v1/resolutions/{r2}/actions", {"action": "object", "reason": "x"})
        refused(w, r, 403, "forbidden", "only the liaison of the responsible agency")
        r = w.api("dabir", "POST", f"/api/v1/resolutions/{r2}/actions", outcome2)
        assert r.status == 200 and r.json["state"] == "not_carried_out" and r.json["fault"] == "agency"
        assert r.json["fault_label"] == "قصور دستگاه"
        closed = w.case_state(case2)
        assert closed["state"] == "closed" and closed["outcome"] == "not_executed"

        # Lists, filters and paging.
        def ids(path, who="dabir"):
            r = w.api(who, "GET", path)
            assert r.status == 200, (path, r.status, r.body)
            return [x["id"] for x in r.json["items"]], r.json["total"]
        assert ids("/api/v1/resolutions") == ([r2, r1], 2)
        assert ids(f"/api/v1/resolutions?agency_id={w.bank}") == ([r1], 1)
        assert ids(f"/api/v1/resolutions?case_id={case2}") == ([r2], 1)
        assert ids("/api/v1/resolutions?state=carried_out") == ([r1], 1)
        assert ids(f"/api/v1/resolutions?meeting_id={m}&limit=1&offset=1")[1] == 2
        assert len(ids(f"/api/v1/resolutions?meeting_id={m}&limit=1&offset=1")[0]) == 1
        assert ids("/api/v1/resolutions?open=1") == ([], 0)
        assert ids("/api/v1/resolutions?overdue=true") == ([], 0)
        assert ids(f"/api/v1/meetings/{m}/resolutions", "ozv")[1] == 2
        for bad in ("state=done", "open=yes", "limit=0", "limit=501", "offset=-1", "agency_id=x"):
            refused(w, w.api("dabir", "GET", f"/api/v1/resolutions?{bad}"), 400, "bad_request")
        assert ids("/api/v1/meetings?status=held") == ([m], 1)
        assert ids("/api/v1/meetings?status=planned") == ([future], 1)
        assert ids(f"/api/v1/meetings?from={day(today, 1)}") == ([future], 1)
        assert ids(f"/api/v1/meetings?to={today}&body_id=1") == ([m], 1)
        assert ids("/api/v1/meetings?body_id=2")[1] == 0
        assert ids("/api/v1/meetings?limit=1")[1] == 2
        for bad in ("status=done", "from=1405/09/01", "body_id=0"):
            refused(w, w.api("dabir", "GET", f"/api/v1/meetings?{bad}"), 400, "bad_request")

        # The report (working group) and the public totals.
        rows = w.api("ozv", "GET", "/api/v1/resolutions/report?by=agency").json["rows"]
        bank_row = next(x for x in rows if x["key"] == w.bank)
        tax_row = next(x for x in rows if x["key"] == w.tax)
        assert (bank_row["issued"], bank_row["carried_out"], bank_row["objected"]) == (1, 1, 0)
        assert bank_row["carried_out_share"] == 1 and bank_row["label"] == BANK
        assert (tax_row["not_carried_out"], tax_row["fault_agency"], tax_row["carried_out_share"]) == (1, 1, 0)
        for by in ("category", "meeting", "month"):
            r = w.api("dabir", "GET", f"/api/v1/resolutions/report?by={by}")
            assert r.status == 200 and sum(x["issued"] for x in r.json["rows"]) == 2, (by, r.body)
        refused(w, w.api("dabir", "GET", "/api/v1/resolutions/report?by=unit"), 400, "bad_request")
        stats = w.api("public", "GET", "/api/v1/resolutions/stats").json
        assert (stats["issued"], stats["carried_out"], stats["not_carried_out"], stats["open"]) == (2, 1, 1, 0)
        assert stats["carried_out_share"] == 0.5 and stats["fault_agency"] == 1

        # Bodies that are not what they should be: refused before anything is written.
        before = audit_count(s.db)
        path = f"/api/v1/meetings/{m}/attendees"
        r = w.api("dabir", "POST", path, raw=b'{"name": ')
        refused(w, r, 415)  # World.api sends raw bodies without a Content-Type
        r = w.api("dabir", "POST", path, raw=b'{"name": ', headers={"Content-Type": "application/json"})
        refused(w, r, 400, "bad_request", "invalid JSON")
        r = w.api("dabir", "POST", path, raw=b'["name"]', headers={"Content-Type": "application/json"})
        refused(w, r, 400, "bad_request", "JSON object")
        r = w.api("dabir", "POST", path, {"name": "x", "role": "chair"})
        refused(w, r, 400, "bad_request")
        assert r.json["error"]["fields"] == {"role": "unknown member role"}, r.body
        r = w.api("dabir", "POST", path, {"name": 12})
        refused(w, r, 400, "bad_request", "name must be a string")
        r = w.api("dabir", "POST", path, {"name": "ن" * 40000})
        refused(w, r, 413, "payload_too_large")
        r = w.api("dabir", "POST", path, {"name": "ن" * 201})
        refused(w, r, 422, "validation")
        r = w.api("dabir", "POST", path, {"name": "x", "full_authority": "yes"})
        refused(w, r, 400, "bad_request")
        r = w.api("dabir", "POST", f"/api/v1/resolutions/{r1}/actions", {"action": "start"})
        refused(w, r, 422, "validation")  # the sweep's step, not a person's
        assert audit_count(s.db) == before
        assert run("audit", "verify", "--db", s.db).returncode == 0


def test_authorization_matrix():
    with Server(users=USERS) as s:
        w = Group(s)
        today = w.today()
        case_a = w.ready_case("tolid", "مانع کارگاه تولید یک")
        m = w.meeting(day(today, -3))
        att = w.api("dabir", "POST", f"/api/v1/meetings/{m}/attendees", {"name": "حاضر"}).json["id"]
        item_a = w.item(m, case_id=case_a)
        topic = w.item(m, title="موضوع آزاد")
        w.held(m)
        deadline = day(today, 90)
        res = w.issue(m, item_a, w.bank, deadline)["id"]        # decides tolid's case, the bank's
        res_b = w.issue(m, topic, w.bank, deadline)["id"]       # a free topic's, the bank's
        everyone = ["admin", "dabir", "ozv", "bankuser", "taxuser", "tolid", "tolid2", "public"]
        wrong = []

        def expect(who, method, path, want, doc=None, headers=None):
            r = w.api(who, method, path, doc, headers)
            if r.status != want:
                wrong.append((who, method, path, r.status, want, r.body[:160]))
            return r

        def session_read(who):
            return {"admin": 200, "dabir": 200, "ozv": 200, "public": 401}.get(who, 404)

        def session_write(who, ok):
            return {"admin": ok, "dabir": ok, "ozv": 403, "public": 401}.get(who, 404)

        # Session reads.
        for who in everyone:
            for path in ("/api/v1/meeting-bodies", "/api/v1/meetings", f"/api/v1/meetings/{m}",
                         f"/api/v1/meetings/{m}/attendees", f"/api/v1/meetings/{m}/items",
                         f"/api/v1/meetings/{m}/resolutions"):
                expect(who, "GET", path, session_read(who))

        # Session writes: those who may, on a session of their own from its creation to a
        # resolution; the others against the shared session, which must not change.
        for who in everyone:
            before = audit_count(s.db)
            writer = who in ("admin", "dabir")
            r = expect(who, "POST", "/api/v1/meetings", session_write(who, 201),
                       {"body_id": 2, "held_on": day(today, -1)})
            mid = r.json["id"] if writer and r.status == 201 else m
            etag = w.api("dabir", "GET", f"/api/v1/meetings/{mid}").header("ETag")
            expect(who, "PUT", f"/api/v1/meetings/{mid}", session_write(who, 200),
                   {"body_id": 2, "held_on": day(today, -1), "place": who}, {"If-Match": etag})
            expect(who, "POST", f"/api/v1/meetings/{mid}/status", session_write(who, 200),
                   {"status": "held"})
            r = expect(who, "POST", f"/api/v1/meetings/{mid}/attendees", session_write(who, 201),
                       {"name": f"حاضر {who}"})
            aid = r.json["id"] if writer and r.status == 201 else att
            expect(who, "DELETE", f"/api/v1/meetings/{mid}/attendees/{aid}", session_write(who, 204))
            r = expect(who, "POST", f"/api/v1/meetings/{mid}/items", session_write(who, 201),
                       {"title": f"موضوع {who}"})
            iid = r.json["id"] if writer and r.status == 201 else topic
            expect(who, "PATCH", f"/api/v1/meetings/{mid}/items/{iid}", session_write(who, 200),
                   {"notes": "یادداشت"})
            expect(who, "POST", f"/api/v1/meetings/{mid}/resolutions", session_write(who, 201),
                   {"item_id": iid, "text": "اقدام شود.", "agency_id": w.tax, "deadline": deadline})
            r = w.api("dabir", "POST", f"/api/v1/meetings/{mid}/items", {"title": "حذفی"}) if writer else None
            gone = r.json["id"] if r is not None else topic
            expect(who, "DELETE", f"/api/v1/meetings/{mid}/items/{gone}", session_write(who, 204))
            if not writer:
                assert audit_count(s.db) == before, (who, "a refused write changed something")

        # Resolution reads: the store's viewer (the bank's liaison, the producer whose
        # case it decides; not another agency's, not another producer).
        sees = {"admin": {res, res_b}, "dabir": {res, res_b}, "ozv": {res, res_b},
                "bankuser": {res, res_b}, "taxuser": set(), "tolid": {res}, "tolid2": set()}
        for who in everyone:
            for rid in (res, res_b):
                want = 401 if who == "public" else 200 if rid in sees[who] else 404
                expect(who, "GET", f"/api/v1/resolutions/{rid}", want)
                expect(who, "GET", f"/api/v1/resolutions/{rid}/events", want)
            r = expect(who, "GET", f"/api/v1/resolutions?meeting_id={m}", 401 if who == "public" else 200)
            if who != "public" and r.status == 200:
                got = {x["id"] for x in r.json["items"]}
                if got != sees[who]:
                    wrong.append((who, "list", got, sees[who]))
            expect(who, "GET", "/api/v1/resolutions/report",
                   {"admin": 200, "dabir": 200, "ozv": 200, "public": 401}.get(who, 403))
            expect(who, "GET", "/api/v1/resolutions/stats", 200)

        # Actions. Object (issued, window open): only the responsible agency's liaison.
        before = audit_count(s.db)
        objection = {"action": "object", "reason": "خارج از اختیار استان"}
        for who in everyone:
            if who != "bankuser":
                want = {"public": 401, "taxuser": 404, "tolid2": 404}.get(who, 403)
                expect(who, "POST", f"/api/v1/resolutions/{res}/actions", want, objection)
        assert audit_count(s.db) == before
        expect("bankuser", "POST", f"/api/v1/resolutions/{res}/actions", 200, objection)
        expect("bankuser", "POST", f"/api/v1/resolutions/{res_b}/actions", 200, objection)
        # Rulings (objection pending): the secretariat and admin.
        before = audit_count(s.db)
        for who in everyone:
            if who not in ("admin", "dabir"):
                want = {"public": 401, "taxuser": 404, "tolid2": 404}.get(who, 403)
                for action in ("uphold", "amend", "accept"):
                    doc = {"action": action}
                    if action == "amend":
                        doc.update(text="متن اصلاح‌شده", agency_id=w.bank, deadline=deadline)
                    expect(who, "POST", f"/api/v1/resolutions/{res}/actions", want, doc)
        assert audit_count(s.db) == before
        expect("dabir", "POST", f"/api/v1/resolutions/{res}/actions", 200, {"action": "uphold"})
        r = expect("admin", "POST", f"/api/v1/resolutions/{res_b}/actions", 200,
                   {"action": "amend", "text": "متن اصلاح‌شده", "agency_id": w.tax,
                    "deadline": day(today, 100), "reason": "اعتراض تا حدی وارد است."})
        assert r.json["agency_id"] == w.tax and r.json["ruling"] == "amended", r.body
        # Now the tax liaison reaches res_b and the bank's no longer does.
        expect("taxuser", "GET", f"/api/v1/resolutions/{res_b}", 200)
        expect("bankuser", "GET", f"/api/v1/resolutions/{res_b}", 404)
        # Outcomes (in execution): the secretariat and admin.
        before = audit_count(s.db)
        outcome = {"action": "outcome", "outcome": "partly", "fault": "applicant", "evidence": "گزارش"}
        for who in everyone:
            if who not in ("admin", "dabir"):
                want = {"public": 401, "taxuser": 404, "tolid2": 404}.get(who, 403)
                expect(who, "POST", f"/api/v1/resolutions/{res}/actions", want, outcome)
        assert audit_count(s.db) == before
        expect("dabir", "POST", f"/api/v1/resolutions/{res}/actions", 200, outcome)
        expect("admin", "POST", f"/api/v1/resolutions/{res_b}/actions", 200, outcome)
        assert not wrong, "\n".join(map(str, wrong))
        assert run("audit", "verify", "--db", s.db).returncode == 0


def test_every_documented_operation_was_exercised():
    """Runs last: every operation of the three families answered a success, and each
    family's refusals were met at least once."""
    ours = [(p, m) for p, item in DOC["paths"].items() if p.split("/")[3] in OURS
            for m in METHODS if m in item]
    assert len(ours) >= 21, ours
    missing = [f"{m.upper()} {p}" for p, m in ours if not any(200 <= x < 300 for x in SEEN.get((p, m), ()))]
    assert not missing, f"never answered a success: {missing}"
    statuses = set().union(*SEEN.values())
    for want in (200, 201, 204, 400, 401, 403, 404, 409, 413, 415, 422, 428):
        assert want in statuses, f"status {want} never exercised"


if __name__ == "__main__":
    main([test_sessions_and_resolutions_journey, test_authorization_matrix,
          test_every_documented_operation_was_exercised])
