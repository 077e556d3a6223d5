"""Black-box tests of obstacle cases: the access matrix (every role × every case route,
pages and API × own / someone else's case → the designed 200 / 403 / 404, 303 or 401
for the public), refusals that leave the database unchanged (409 naming the allowed
actions, stale If-Match, wrong role), attachments (sniffed type, renamed PDF refused,
one byte over the cap → 413, download only for those who may see the case), the
inbox, CSV export, search with highlighted snippets, reminders, and a journey through
the pages: a producer files → the secretariat refers → the agency answers → the
producer reads the answer."""

import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import multipart, Server, main, run  # noqa: E402
from test_registry_pages import legal_id  # noqa: E402

USERS = (("admin", "admin"), ("dabir", "secretariat"), ("ozv", "member"),
         ("tolid", "producer"), ("tolid2", "producer"))
BANK = "بانک ملی ایران"
TAX = "اداره کل امور مالیاتی"
CAP = 5 * 1024 * 1024


class World:
    """A server with two agencies and their liaisons, two producers with a unit each,
    and API tokens for everybody."""

    def __init__(self, s):
        self.s = s
        s.login("admin")
        csrf = s.csrf_from(s.get("/agencies").body)
        for name, kind in ((BANK, "bank"), (TAX, "tax")):
            r = s.post("/agencies", {"_csrf": csrf, "name": name, "kind": kind})
            assert r.status in (200, 303), (r.status, r.body[:500])
        s.cookies = {}
        run("user", "add", "--db", s.db, "--role", "agency", "--name", "bankuser",
            "--agency", BANK, "--password-stdin", stdin="correct horse battery\n")
        run("user", "add", "--db", s.db, "--role", "agency", "--name", "taxuser",
            "--agency", TAX, "--password-stdin", stdin="correct horse battery\n")
        self.tokens = {}
        for name in ("admin", "dabir", "ozv", "tolid", "tolid2", "bankuser", "taxuser"):
            self.tokens[name] = run("token", "create", "--db", s.db, "--user", name).stdout.strip()
        self.unit = {}
        for who, ten in (("tolid", "1010700001"), ("tolid2", "1010700002")):
            r = s.post("/units/new", {"national_id": legal_id(ten), "name": f"کارگاه {who}",
                                      "state": "active", "licence_kind": "none"},
                       headers=self.auth(who))
            assert r.status == 303, (r.status, r.body[:1500])
            self.unit[who] = int(r.header("Location").rsplit("/", 1)[1])

    def auth(self, who):
        return {"Authorization": f"Bearer {self.tokens[who]}"} if who != "public" else {}

    def api(self, who, method, path, doc=None, headers=None, raw=None):
        h = dict(self.auth(who))
        h.update(headers or {})
        if doc is not None:
            raw = json.dumps(doc).encode()
            h["Content-Type"] = "application/json"
        r = self.s.request(method, path, raw_body=raw, headers=h)
        try:
            r.json = json.loads(r.body) if r.body else None
        except ValueError:
            r.json = None
        return r

    def file(self, who, title, desc="", submit=True, category=14):
        r = self.api(who, "POST", "/api/v1/cases",
                     {"unit_id": self.unit[who], "category_id": category, "title": title,
                      "description": desc, "amount": "۲٬۵۰۰٬۰۰۰٬۰۰۰", "submit": submit})
        assert r.status == 201, (r.status, r.body)
        return r.json["id"]

    def act(self, who, case, action, **kw):
        kw["action"] = action
        return self.api(who, "POST", f"/api/v1/cases/{case}/actions", kw)


def audit_count(db):
    out = run("audit", "verify", "--db", db).stdout
    m = re.search(r"(\d+) events", out)
    return int(m.group(1)) if m else out


def bank_id(w):
    agencies = w.s.get("/agencies", headers=w.auth("admin")).body
    m = re.search(r'<option value="(\d+)"[^>]*>' + BANK, w.s.get(
        "/cases?x=1", headers=w.auth("dabir")).body)
    assert m, agencies[:500]
    return int(m.group(1))


def test_access_matrix():
    with Server(users=USERS) as s:
        w = World(s)
        a = w.file("tolid", "استمهال تسهیلات", "بانک استمهال نمی‌کند")
        b = w.file("tolid2", "جریمه مالیاتی", category=16)
        bank = bank_id(w)
        assert w.act("dabir", a, "review").status == 200
        r = w.act("dabir", a, "refer", agency_id=bank, due_on="2030-01-02")
        assert r.status == 200, r.body
        pdf = b"%PDF-1.4\n% test\n"
        up = w.api("tolid", "POST", f"/api/v1/cases/{a}/attachments?name=letter.pdf",
                   raw=pdf, headers={"Content-Type": "application/pdf"})
        assert up.status == 201, up.body
        att_a = up.json["id"]
        up = w.api("tolid2", "POST", f"/api/v1/cases/{b}/attachments?name=x.pdf", raw=pdf)
        assert up.status == 201, up.body
        att_b = up.json["id"]

        sees = {  # who → (sees a, sees b)
            "admin": (True, True), "dabir": (True, True), "ozv": (True, True),
            "tolid": (True, False), "tolid2": (False, True), "bankuser": (True, False),
            "taxuser": (False, False),
        }
        comment_roles = {"dabir", "ozv", "tolid", "tolid2", "bankuser", "taxuser"}
        checked = 0
        for who in ["public", *sees]:
            for case, att, idx in ((a, att_a, 0), (b, att_b, 1)):
                visible = who != "public" and sees[who][idx]
                reads = [("GET", f"/cases/{case}", False),
                         ("GET", f"/cases/{case}/attachments/{att}", False),
                         ("GET", f"/api/v1/cases/{case}", True),
                         ("GET", f"/api/v1/cases/{case}/events", True),
                         ("GET", f"/api/v1/cases/{case}/attachments", True),
                         ("GET", f"/api/v1/cases/{case}/attachments/{att}", True)]
                for method, path, is_api in reads:
                    r = w.api(who, method, path)
                    want = (401 if is_api else 303) if who == "public" else (200 if visible else 404)
                    assert r.status == want, (who, path, r.status, want)
                    checked += 1
                # writes: a comment through the API and through the page
                for path, is_api in ((f"/api/v1/cases/{case}/comments", True),
                                     (f"/cases/{case}/comment", False)):
                    if is_api:
                        r = w.api(who, "POST", path, {"body": f"پیام {who}"})
                        ok = 201
                    else:
                        r = s.post(path, {"body": f"پیام {who}"}, headers=w.auth(who))
                        ok = 303
                    if who == "public":
                        want = 401 if is_api else 303  # anonymous: sign in first
                    elif not visible:
                        want = 404
                    elif who in comment_roles:
                        want = ok
                    else:
                        want = 403
                    assert r.status == want, (who, path, r.status, want, r.body[:300])
                    checked += 1
        # lists and forms: who may reach them at all
        for who in ["public", *sees]:
            for path, is_api in (("/cases", False), ("/cases/inbox", False),
                                 ("/cases/search?q=بانک", False), ("/cases/export.csv", False),
                                 ("/api/v1/cases", True), ("/api/v1/cases/inbox", True),
                                 ("/notifications", False), ("/api/v1/notifications", True)):
                r = w.api(who, "GET", path)
                want = (401 if is_api else 303) if who == "public" else 200
                assert r.status == want, (who, path, r.status)
                checked += 1
            r = w.api(who, "GET", "/cases/new")
            want = 303 if who == "public" else 200 if who in ("dabir", "tolid", "tolid2") else 403
            assert r.status == want, (who, "/cases/new", r.status)
        # lists show exactly what each may see
        for who, (sa, sb) in sees.items():
            ids = {c["id"] for c in w.api(who, "GET", "/api/v1/cases").json["items"]}
            assert ids == {x for x, v in ((a, sa), (b, sb)) if v}, (who, ids)
            csv = w.api(who, "GET", "/cases/export.csv").raw
            assert csv.startswith(b"\xef\xbb\xbf")
            assert (b"\r\n%d," % a in csv) == sa and (b"\r\n%d," % b in csv) == sb, who
        # internal notes: only the secretariat reads them
        assert w.api("dabir", "POST", f"/api/v1/cases/{a}/comments",
                     {"body": "یادداشت محرمانه", "internal": True}).status == 201
        assert w.api("tolid", "POST", f"/api/v1/cases/{a}/comments",
                     {"body": "x", "internal": True}).status == 403
        for who in ("tolid", "bankuser", "ozv", "admin"):
            assert "محرمانه" not in w.api(who, "GET", f"/api/v1/cases/{a}/events").body
            assert "محرمانه" not in w.api(who, "GET", f"/cases/{a}").body
        assert "محرمانه" in w.api("dabir", "GET", f"/cases/{a}").body
        assert checked > 150


def test_refusals_leave_nothing():
    with Server(users=USERS) as s:
        w = World(s)
        a = w.file("tolid", "قطعی گاز", category=18)
        before = audit_count(s.db)
        r = w.act("dabir", a, "answer", body="پاسخ")  # secretariat may not answer
        assert r.status == 409 and "review" in r.json["error"]["message"], r.body
        r = w.act("tolid", a, "review")  # state allows review, role does not
        assert r.status == 403, r.body
        r = w.act("dabir", a, "review", headers=None)
        assert r.status == 200
        version = r.json["version"]
        r = w.api("dabir", "POST", f"/api/v1/cases/{a}/actions", {"action": "reject", "body": "x"},
                  headers={"If-Match": f'"{version - 1}"'})
        assert r.status == 409 and r.json["error"]["code"] == "conflict", r.body
        r = w.act("dabir", a, "return")  # needs a reason
        assert r.status == 422
        r = w.act("dabir", a, "fly")
        assert r.status == 422
        r = w.act("tolid2", a, "withdraw")  # not theirs: does not exist for them
        assert r.status == 404
        assert audit_count(s.db) == before + 1  # only the review
        # the page says the same in Persian, naming the allowed actions
        r = s.post(f"/cases/{a}/act", {"action": "answer", "body": "x", "version": str(version)},
                   headers=w.auth("dabir"))
        assert r.status == 409 and "ارجاع به دستگاه" in r.body, r.body[:500]
        # a stale edit through the API
        d = w.file("tolid", "پیش‌نویس", submit=False)
        g = w.api("tolid", "GET", f"/api/v1/cases/{d}")
        etag = g.header("ETag")
        assert w.api("tolid", "PATCH", f"/api/v1/cases/{d}", {"title": "بی نسخه"}).status == 428
        r = w.api("tolid", "PATCH", f"/api/v1/cases/{d}", {"title": "عنوان تازه"},
                  headers={"If-Match": etag})
        assert r.status == 200 and r.json["title"] == "عنوان تازه", r.body
        r = w.api("tolid", "PATCH", f"/api/v1/cases/{d}", {"title": "دیر"}, headers={"If-Match": etag})
        assert r.status == 409
        assert w.api("tolid", "GET", f"/api/v1/cases/{d}").json["title"] == "عنوان تازه"
        out = run("audit", "verify", "--db", s.db)
        assert out.returncode == 0


def test_attachments():
    with Server(users=USERS, extra_args=()) as s:
        w = World(s)
        a = w.file("tolid", "پیوست‌ها")
        pdf = b"%PDF-1.7\n" + b"0" * 100
        png = b"\x89PNG\r\n\x1a\n" + b"\0" * 50
        path = f"/api/v1/cases/{a}/attachments"
        assert w.api("tolid", "POST", path + "?name=scan.png", raw=pdf).status == 422  # renamed PDF
        assert w.api("tolid", "POST", path + "?name=run.pdf", raw=b"MZ\x90\0").status == 415
        assert w.api("tolid", "POST", path + "?name=a.png", raw=png).status == 201
        exact = b"%PDF-1.4\n" + b"x" * (CAP - 9)
        assert w.api("tolid", "POST", path + "?name=big.pdf", raw=exact).status == 201
        r = w.api("tolid", "POST", path + "?name=big.pdf", raw=exact + b"x")
        assert r.status == 413, r.status
        items = w.api("tolid", "GET", path).json["items"]
        assert [i["mime"] for i in items] == ["image/png", "application/pdf"]
        big = items[1]
        r = w.api("dabir", "GET", f"{path}/{big['id']}")
        assert r.status == 200 and r.raw == exact
        assert r.header("Content-Type") == "application/pdf"
        assert r.header("Content-Disposition").startswith("attachment;")
        assert w.api("tolid2", "GET", f"{path}/{big['id']}").status == 404
        # stored outside any served folder, by hash
        files = os.listdir(s.db + ".files")
        assert big["sha"] in files
        assert w.api("tolid", "GET", f"/static/../{os.path.basename(s.db)}.files/{big['sha']}").status == 404
        # the case page's upload form: multipart, the same checks
        page = s.get(f"/cases/{a}", headers=w.auth("tolid"))
        assert 'enctype="multipart/form-data"' in page.body
        csrf = s.csrf_from(page.body)
        for name, data, want in (("scan.png", pdf, 422), ("photo.png", png, 303)):
            body, ctype = multipart({"_csrf": csrf or ""}, {"file": (name, data, "application/octet-stream")})
            r = s.request("POST", f"/cases/{a}/attachments", raw_body=body,
                          headers={**w.auth("tolid"), "Content-Type": ctype})
            assert r.status == want, (name, r.status, r.body[:300])
        assert len(w.api("tolid", "GET", path).json["items"]) == 3
        body, ctype = multipart({"_csrf": csrf or ""}, {"file": ("x.png", png, "image/png")})
        r = s.request("POST", f"/cases/{a}/attachments", raw_body=body,
                      headers={**w.auth("tolid2"), "Content-Type": ctype})
        assert r.status in (403, 404)  # someone else's case


def test_journey_through_pages_and_inbox():
    with Server(users=USERS) as s:
        w = World(s)
        s.login("tolid")
        page = s.get("/cases/new")
        assert page.status == 200
        r = s.post("/cases/new", {"_csrf": s.csrf_from(page.body), "unit_id": str(w.unit["tolid"]),
                                  "category_id": "5", "title": "قطعی برق کارگاه",
                                  "description": "دستگاههای تولید متوقف شدهاند", "amount": "",
                                  "submit": "1"})
        assert r.status == 303, r.body[:2000]
        case = int(r.header("Location").rsplit("/", 1)[1])
        bad = s.post("/cases/new", {"_csrf": s.csrf_from(page.body), "unit_id": str(w.unit["tolid2"]),
                                    "category_id": "5", "title": "x"})
        assert bad.status == 422 and 'id="title-error"' in bad.body
        s.cookies = {}
        s.login("dabir")
        inbox = s.get("/cases/inbox").body
        assert "قطعی برق کارگاه" in inbox and "درخواست‌های تازه" in inbox
        page = s.get(f"/cases/{case}").body
        m = re.search(r'name="version" value="(\d+)"', page)
        r = s.post(f"/cases/{case}/act", {"_csrf": s.csrf_from(page), "action": "review",
                                          "version": m.group(1)})
        assert r.status == 303
        page = s.get(f"/cases/{case}").body
        assert "ارجاع به دستگاه" in page
        version = re.search(r'name="version" value="(\d+)"', page).group(1)
        bank = bank_id(w)
        r = s.post(f"/cases/{case}/act", {"_csrf": s.csrf_from(page), "action": "refer",
                                          "version": version, "agency_id": str(bank), "due": ""})
        assert r.status == 303
        # stale form: the version moved on
        r = s.post(f"/cases/{case}/act", {"_csrf": s.csrf_from(page), "action": "refer",
                                          "version": version, "agency_id": str(bank)})
        assert r.status == 409
        s.cookies = {}
        s.login("bankuser")
        inbox = s.get("/cases/inbox").body
        assert "قطعی برق کارگاه" in inbox
        assert "اعلان‌ها <span" in inbox  # the bell counts the referral
        page = s.get(f"/cases/{case}").body
        version = re.search(r'class="act-answer".*?name="version" value="(\d+)"', page, re.S).group(1)
        r = s.post(f"/cases/{case}/act", {"_csrf": s.csrf_from(page), "action": "answer",
                                          "version": version, "body": "انشعاب تا هفته آینده وصل می‌شود"})
        assert r.status == 303
        s.cookies = {}
        s.login("tolid")
        page = s.get(f"/cases/{case}").body
        assert "انشعاب تا هفته آینده وصل می‌شود" in page and "پاسخ دستگاه رسیده" in page
        notes = s.get("/notifications").body
        assert "پاسخ دستگاه رسید" in notes
        # search across spellings, with highlighted snippets
        for q in ("دستگاه‌های", "دستگاه های", "دستگاههاي", "متوقف شده‌اند"):
            body = s.get(f"/cases/search?q={q}").body
            assert "<mark>" in body and "قطعی برق کارگاه" in body, q
        # what people wrote is escaped in lists, snippets and the case page
        x = w.file("tolid", "<script>alert(1)</script> وام بانک", "<img src=x onerror=alert(2)> بانک")
        for path in ("/cases/search?q=بانک", "/cases", f"/cases/{x}", "/cases/inbox"):
            body = s.get(path).body
            assert "<script>alert" not in body and "<img src=x" not in body, path
            assert "&lt;script&gt;" in body or path == "/cases/inbox", path
        s.cookies = {}
        s.login("tolid2")
        assert "قطعی برق" not in s.get("/cases/search?q=برق").body


def test_overdue_reminders_and_filters():
    with Server(users=USERS) as s:
        w = World(s)
        a = w.file("tolid", "تأخیر در پاسخ", category=2)
        bank = bank_id(w)
        w.act("dabir", a, "review")
        r = w.act("dabir", a, "refer", agency_id=bank, due_on="2020-01-01")
        assert r.status == 200 and r.json["overdue"] is True
        out = run("cases", "remind", "--db", s.db).stdout
        assert "1 overdue" in out, out
        assert "0 overdue" in run("cases", "remind", "--db", s.db).stdout  # once only
        items = w.api("dabir", "GET", "/api/v1/cases?overdue=1").json["items"]
        assert [c["id"] for c in items] == [a]
        inbox = w.api("bankuser", "GET", "/api/v1/cases/inbox").json["sections"]
        assert {x["key"]: x["total"] for x in inbox}["overdue"] == 1
        page = w.api("dabir", "GET", "/cases?overdue=1").body
        assert "سررسید گذشته" in page
        notes = w.api("bankuser", "GET", "/api/v1/notifications").json
        assert {n["kind"] for n in notes["items"]} >= {"referred", "overdue"}
        assert w.api("dabir", "GET", "/api/v1/cases?state=closed").json["total"] == 0
        assert w.api("dabir", "GET", "/api/v1/cases?category_id=2").json["total"] == 1
        assert w.api("dabir", "GET", "/api/v1/cases?from=2999-01-01").json["total"] == 0
        assert w.api("dabir", "GET", "/cases?from=۱۴۰۰/۰۱/۰۱&to=۱۴۹۰/۰۱/۰۱").status == 200


if __name__ == "__main__":
    main([test_access_matrix, test_refusals_leave_nothing, test_attachments,
          test_journey_through_pages_and_inbox, test_overdue_reminders_and_filters])
