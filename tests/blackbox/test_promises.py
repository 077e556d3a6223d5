"""Black-box tests of the promise tracker: `tashil promises extract` on the seed and a
second article (and Windows-1256, empty, huge), the public pages without sign-in, the
rating timeline both ways with its audit events, suggestions kept private until
reviewed, the Atom feed, the JSON API, authorisation, and bad input that writes
nothing. `tashil demo` fills the promises."""

import html
import json
import os
import re
import sqlite3
import sys
import tempfile
import urllib.parse
import uuid
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(__file__))
from harness import Server, main, multipart, run  # noqa: E402

SRC = os.environ.get("TASHIL_SOURCE_DIR", ".")
SEED = os.path.join(SRC, "data", "seed-article-islamshahr.txt")
SECOND = os.path.join(SRC, "tests", "data", "article-pakdasht.txt")
USERS = (("dabir", "secretariat"), ("admin", "admin"), ("tolid", "producer"), ("ozv", "member"))
ATOM = "{http://www.w3.org/2005/Atom}"


def extract(path, *extra):
    p = run("promises", "extract", *extra, path)
    return [json.loads(line) for line in p.stdout.splitlines()]


def only(cands, needle):
    found = [c for c in cands if needle in c["text"]]
    assert len(found) == 1, (needle, len(found), [c["text"][:40] for c in cands])
    return found[0]


def test_cli_extracts_the_seed_promises_once():
    cands = extract(SEED)
    assert all(set(c) >= {"speaker", "office", "text", "cue"} for c in cands)
    askari, sijani, dehghan = "حشمت الله عسگری", "محمود سیجانی", "علی دهقان"
    c = only(cands, "۳۸ محدوده صنعتی")
    assert c["speaker"] == askari and c["office"] == "معاون اقتصادی استاندار تهران"
    assert "شهرک صنعتی غیردولتی" in c["text"]
    c = only(cands, "انرژیهای تجدیدپذیر")
    assert "چوب و کفش" in c["text"] and c["speaker"]
    c = only(cands, "شهرک های صنعتی تخصصی")
    assert c["speaker"] == sijani and c["office"] == "مدیرکل صمت استان تهران"
    assert "کفش ماشینی" in c["text"] and "مبلمان" in c["text"]
    c = only(cands, "احداث شهر کفش")
    assert c["speaker"] == dehghan and "لکه های صنعتی" in c["text"] and "قول" in c["cue"]
    c = only(cands, "چهاردانگه")
    assert c["speaker"] == dehghan and "مخابرات منطقه" in c["text"] and "خیابان پدر" in c["text"]
    c = only(cands, "بانکها")
    assert "سایر نهادها" in c["text"] and c["speaker"] == askari
    c = only(cands, "آب، برق و گاز")
    assert "نوسازی صنایع" in c["text"] and "صنوف تولیدی" in c["text"]
    for never in ("به گزارش", "بررسی میدانی", "به نظر می رسد", "محقق میشود", "قول های مساعد معاون"):
        assert not any(never in c["text"] for c in cands), never
    assert len(cands) == 7
    named = extract(SEED, "--people")
    assert [p["person"] for p in named if "person" in p] == [askari, sijani, dehghan]
    offices = [p["office"] for p in named if "person" not in p]
    assert "معاون اقتصادی استاندار تهران" in offices and "مدیرکل صمت استان تهران" in offices


def test_cli_second_article_windows_1256_and_refusals():
    cands = extract(SECOND)
    assert len(cands) == 4
    assert only(cands, "خط انتقال گاز")["speaker"] == "رضا کاظمی"
    assert only(cands, "۲۰ هکتار")["speaker"] == "رضا کاظمی"
    assert only(cands, "پرونده‌های بانکی")["speaker"] == "سمیرا نادری"
    assert only(cands, "قطعی برق")["office"] == "مدیرعامل شرکت توزیع نیروی برق جنوب استان تهران"
    text = open(SECOND, encoding="utf-8").read()
    legacy = text.replace("ی", "ي").replace("ک", "ك").translate(
        {0x6F0 + i: 0x30 + i for i in range(10)}).encode("cp1256")
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "legacy.txt")
        with open(path, "wb") as f:
            f.write(legacy)
        p = run("promises", "extract", path)
        assert "Windows-1256" in p.stderr
        got = [json.loads(line) for line in p.stdout.splitlines()]
        assert len(got) == 4 and got[0]["speaker"] == "رضا كاظمي"
        empty = os.path.join(d, "empty.txt")
        open(empty, "w").close()
        p = run("promises", "extract", empty, check=False)
        assert p.returncode == 1 and "empty" in p.stderr and not p.stdout
        big = os.path.join(d, "big.txt")
        with open(big, "w") as f:
            f.write("ا" * 400000)
        p = run("promises", "extract", big, check=False)
        assert p.returncode == 1 and "512 KiB" in p.stderr
        page = os.path.join(d, "a.html")
        with open(page, "w", encoding="utf-8") as f:
            f.write("<html><body><script>x()</script>" +
                    "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines()) +
                    "</body></html>")
        assert len(extract(page)) == 4


# --- web ---------------------------------------------------------------------------

def signed_in_csrf(s, name):
    s.cookies.clear()
    s.login(name)
    return s.csrf_from(s.get("/promises/new" if name in ("dabir", "admin") else "/").body)


def create_promise(s, csrf, **over):
    form = {"_csrf": csrf, "person": "حشمت‌الله عسگری", "office": "معاون اقتصادی استاندار تهران",
            "said_on": "۱۴۰۳/۰۴/۱۰", "summary": "تبدیل ۳۸ لکه صنعتی به شهرک غیردولتی",
            "quote": "بیش از ۳۸ محدوده صنعتی به شهرک صنعتی غیردولتی تبدیل خواهند شد.",
            "county": "اسلامشهر", "topic": "شهرک‌های صنعتی", "agency": "شرکت شهرک‌های صنعتی",
            "target_on": "1404/12/29", "source_url": "https://example.org/news/1",
            "occasion_title": "کارگروه در اسلامشهر", "occasion_kind": "session"}
    form.update(over)
    r = s.post("/promises/new", form)
    assert r.status == 303, (r.status, re.findall(r'field-error[^>]*>([^<]*)', r.body))
    return int(r.header("Location").rsplit("/", 1)[1])


def rate(s, csrf, pid, rating, on, source="https://example.org/evidence", note="شرح"):
    return s.post(f"/promises/{pid}/ratings",
                  {"_csrf": csrf, "rating": rating, "changed_on": on, "source": source, "note": note})


def db_count(s, sql):
    con = sqlite3.connect(s.db)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def test_rating_history_both_ways_with_audit():
    with Server(users=USERS) as s:
        csrf = signed_in_csrf(s, "dabir")
        pid = create_promise(s, csrf)
        steps = [("in_the_works", "1403/05/01", "https://example.org/a", "مصوبه در دولت"),
                 ("kept", "1403/09/01", "صورتجلسه کارگروه", "مصوب شد"),
                 ("compromise", "1404/01/20", "https://example.org/b", "۲۰ لکه از ۳۸"),
                 ("stalled", "1404/03/01", "https://example.org/c", "اعتبار نرسید")]
        for rating, on, source, note in steps:
            r = rate(s, csrf, pid, rating, on, source, note)
            assert r.status == 303, r.body[:300]
        s.cookies.clear()
        page = s.get(f"/promises/{pid}")
        assert page.status == 200
        timeline = page.body.split('class="timeline"')[1]
        order = [timeline.index(x) for x in ("۱۰ تیر ۱۴۰۳", "۱ مرداد ۱۴۰۳", "۱ آذر ۱۴۰۳",
                                             "۲۰ فروردین ۱۴۰۴", "۱ خرداد ۱۴۰۴")]
        assert order == sorted(order)
        for label in ("در دست اقدام", "محقق شد", "تا حدی محقق شد", "متوقف", "صورتجلسه کارگروه",
                      "۲۰ لکه از ۳۸", "https://example.org/c"):
            assert label in timeline, label
        assert 'class="rating r-stalled"' in page.body.split("ارزیابی کنونی")[1][:200]
        assert "ثبت ارزیابی تازه" not in page.body  # the public sees no form
        assert db_count(s, "SELECT count(*) FROM audit_events WHERE action='promise.rate'") == 4
        assert db_count(s, "SELECT count(*) FROM audit_events WHERE action='promise.create'") == 1
        assert run("audit", "verify", "--db", s.db).returncode == 0
        api = json.loads(s.get(f"/api/v1/promises/{pid}").body)
        assert [t["rating"] for t in api["timeline"]] == ["not_rated", "in_the_works", "kept",
                                                         "compromise", "stalled"]
        assert api["timeline"][2] == {**api["timeline"][2], "changed_on": "2024-11-21",
                                      "source": "صورتجلسه کارگروه", "prev_rating": "in_the_works"}


def test_bad_input_gets_persian_messages_and_writes_nothing():
    with Server(users=USERS) as s:
        csrf = signed_in_csrf(s, "dabir")
        pid = create_promise(s, csrf)
        before = (db_count(s, "SELECT count(*) FROM promise_ratings"),
                  db_count(s, "SELECT count(*) FROM promises"),
                  db_count(s, "SELECT count(*) FROM audit_events"))

        def errors(r):
            return dict(re.findall(r'<p class="field-error" id="err-([a-z_]+)"[^>]*>([^<]*)</p>', r.body))

        r = rate(s, csrf, pid, "kept", "", source=" ", note="")
        assert r.status == 422
        e = errors(r)
        assert "وارد کنید" in e["changed_on"] and "منبع" in e["source"] and "توضیح" in e["note"]
        assert 'aria-invalid="true"' in r.body
        r = rate(s, csrf, pid, "excellent", "1403/05/01")
        assert r.status == 422 and "فهرست" in errors(r)["rating"]
        r = rate(s, csrf, pid, "not_rated", "1403/05/01")
        assert r.status == 422 and "rating" in errors(r)
        r = rate(s, csrf, pid, "kept", "1403/13/01")
        assert r.status == 422 and "شمسی" in errors(r)["changed_on"]
        r = rate(s, csrf, pid, "kept", "1403/01/01")  # before the promise
        assert r.status == 422 and "پیش از تاریخ وعده" in errors(r)["changed_on"]
        r = rate(s, csrf, pid, "kept", "1499/01/01")
        assert r.status == 422 and "آینده" in errors(r)["changed_on"]
        # a new promise with a target date that is no Jalali date: 1404 has no 30 Esfand
        r = s.post("/promises/new", {"_csrf": csrf, "person": "x", "said_on": "1403/01/01",
                                     "summary": "s", "quote": "q", "target_on": "1404/12/30"})
        assert r.status == 422 and "شمسی" in errors(r)["target_on"]
        assert 'value="1404/12/30"' in r.body  # the typed value comes back
        r = s.post("/promises/new", {"_csrf": csrf, "person": "", "said_on": "", "summary": "",
                                     "quote": ""})
        assert r.status == 422 and {"person", "said_on", "summary", "quote"} <= set(errors(r))
        # articles: empty, huge, not UTF-8 (read as Windows-1256)
        r = s.post("/promises/intake", {"_csrf": csrf, "article": "   \n "})
        assert r.status == 422 and "خالی" in errors(r)["article"]
        r = s.post("/promises/intake", {"_csrf": csrf, "article": "ب" * 300000})
        assert r.status == 413 and "کیلوبایت" in errors(r)["article"]
        after = (db_count(s, "SELECT count(*) FROM promise_ratings"),
                 db_count(s, "SELECT count(*) FROM promises"),
                 db_count(s, "SELECT count(*) FROM audit_events"))
        assert after == before
        assert db_count(s, "SELECT count(*) FROM promise_articles") == 0


def review_form(body, csrf):
    form = {"_csrf": csrf}
    form["article"] = html.unescape(re.search(r'<textarea name="article" hidden>(.*?)</textarea>',
                                              body, re.S).group(1))
    for name, value in re.findall(r'<input id="([a-z_0-9]+)" name="\1" value="([^"]*)"', body):
        form[name] = html.unescape(value)
    for name, value in re.findall(r'<textarea id="(quote_\d+)" name="\1" rows="4"[^>]*>(.*?)</textarea>',
                                  body, re.S):
        form[name] = html.unescape(value)
    for name, value in re.findall(r'<input type="hidden" name="(n|cue_\d+)" value="([^"]*)"', body):
        form[name] = html.unescape(value)
    form["occasion_kind"] = "visit"
    return form


def test_article_intake_proposes_and_stores_only_what_is_accepted():
    with Server(users=USERS) as s:
        csrf = signed_in_csrf(s, "dabir")
        seed = open(SEED, encoding="utf-8").read()
        r = s.post("/promises/intake", {"_csrf": csrf, "article": seed, "url": "https://sepehr.example/1"})
        assert r.status == 200 and r.body.count('class="candidate"') == 7
        assert "حشمت الله عسگری" in r.body and "مدیرکل صمت استان تهران" in r.body
        assert db_count(s, "SELECT count(*) FROM promises") == 0  # nothing stored yet
        form = review_form(r.body, csrf)
        assert form["n"] == "7" and form["person_0"] == "حشمت الله عسگری"
        form.update({"said_on": "1403/03/15", "county": "اسلامشهر", "accept_0": "1", "accept_3": "1",
                     "summary_3": "احداث شهر کفش اسلامشهر"})
        r = s.post("/promises/intake/accept", form)
        assert r.status == 303 and r.header("Location").startswith("/promises/articles/")
        assert db_count(s, "SELECT count(*) FROM promises") == 2
        assert db_count(s, "SELECT count(*) FROM promise_articles") == 1
        s.cookies.clear()
        art = s.get(r.header("Location"))
        assert art.status == 200 and "احداث شهر کفش اسلامشهر" in art.body and "بررسی میدانی" in art.body
        # the same person, however the name was typed
        assert db_count(s, "SELECT count(*) FROM promise_people") == 2
        # an upload in Windows-1256
        csrf = signed_in_csrf(s, "dabir")
        text = open(SECOND, encoding="utf-8").read()
        legacy = text.replace("ی", "ي").replace("ک", "ك").translate(
            {0x6F0 + i: 0x30 + i for i in range(10)}).encode("cp1256")
        body, ctype = multipart({"_csrf": csrf}, {"file": ("pakdasht.txt", legacy, "text/plain")})
        headers = {"Content-Type": ctype}
        r = s.request("POST", "/promises/intake", raw_body=body, headers=headers)
        assert r.status == 200 and r.body.count('class="candidate"') == 4 and "Windows-1256" in r.body
        # accepting with a bad shared date: every value comes back, nothing stored
        form = review_form(r.body, csrf)
        form.update({"said_on": "1404/12/30", "accept_1": "1"})
        r2 = s.post("/promises/intake/accept", form)
        assert r2.status == 422 and "شمسی" in r2.body and db_count(s, "SELECT count(*) FROM promises") == 2
        form.pop("accept_1")
        r3 = s.post("/promises/intake/accept", form)
        assert r3.status == 422 and "هیچ وعده‌ای پذیرفته نشده" in r3.body


def test_public_pages_feed_and_api_without_login_never_show_suggestions():
    with Server(users=USERS) as s:
        # a suggestion from the public
        page = s.get("/promises/suggest")
        assert page.status == 200 and 'name="website"' in page.body
        token = s.csrf_from(page.body)
        r = s.post("/promises/suggest", {"_csrf": token, "person": "پریسا کرمانی",
                                          "quote": "وعده‌ای بررسی‌نشده درباره خیابان پدر",
                                          "source_url": "https://example.org/s"})
        assert r.status == 303
        r = s.post("/promises/suggest", {"_csrf": token, "person": "ربات", "quote": "هرزنامه",
                                          "website": "http://spam.example"})
        assert r.status == 303  # thanked, dropped
        assert db_count(s, "SELECT count(*) FROM promise_suggestions") == 1
        assert s.post("/promises/suggest", {"_csrf": "x" * 43, "person": "a", "quote": "b"}).status == 403
        csrf = signed_in_csrf(s, "dabir")
        pid = create_promise(s, csrf)
        assert rate(s, csrf, pid, "in_the_works", "1403/05/01").status == 303
        # U+FFFF is valid UTF-8 but not XML: the feed must still parse
        assert rate(s, csrf, pid, "kept", "1403/08/01", note="افتتاح & <شد>\uffff").status == 303
        s.cookies.clear()
        secret = "بررسی‌نشده"
        for path in ("/promises", f"/promises/{pid}", "/promises/people/1", "/promises/occasions/1",
                     "/promises?rating=kept"):
            r = s.get(path)
            assert r.status == 200, path
            assert '<html lang="fa" dir="rtl">' in r.body and secret not in r.body
        idx = s.get("/promises")
        assert "تبدیل ۳۸ لکه صنعتی" in idx.body and "<svg" in idx.body and "style=" not in idx.body
        assert re.search(r'<rect class="r-kept" x="0" y="0" width="100"', idx.body)
        # search by key: Arabic ي in the query finds «عسگری»; a stranger finds nothing
        found = s.get("/promises?q=" + urllib.parse.quote("عسگري"))
        assert "تبدیل ۳۸ لکه صنعتی" in found.body
        none = s.get("/promises?q=" + urllib.parse.quote("ناموجود"))
        assert "تبدیل ۳۸ لکه صنعتی" not in none.body and "وعده‌ای با این ویژگی‌ها" in none.body
        api = json.loads(s.get("/api/v1/promises?q=" + urllib.parse.quote("لكه")).body)
        assert len(api["promises"]) == 1
        one = s.get(f"/promises/{pid}")
        assert "افتتاح &amp; &lt;شد&gt;" in one.body and "example.org/news/1" in one.body
        # feed
        f = s.get("/promises/feed.atom")
        assert f.status == 200 and f.header("Content-Type").startswith("application/atom+xml")
        root = ET.fromstring(f.raw)
        assert root.tag == ATOM + "feed"
        for req in ("id", "title", "updated", "author"):
            assert root.find(ATOM + req) is not None, req
        assert root.find(ATOM + "link[@rel='self']") is not None
        entries = root.findall(ATOM + "entry")
        assert len(entries) == 2
        for e in entries:
            for req in ("id", "title", "updated", "link", "summary"):
                assert e.find(ATOM + req) is not None, req
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", e.find(ATOM + "updated").text)
            assert e.find(ATOM + "link").get("href").endswith(f"/promises/{pid}")
        assert "محقق شد" in entries[0].find(ATOM + "title").text
        assert secret not in f.body
        # API
        lst = json.loads(s.get("/api/v1/promises").body)
        assert set(lst) == {"promises", "counts", "limit", "offset"}
        assert lst["counts"]["kept"] == 1 and set(lst["counts"]) == {
            "not_rated", "in_the_works", "stalled", "kept", "compromise", "broken"}
        p = lst["promises"][0]
        assert {"id", "person", "office", "county", "said_on", "summary", "quote", "topic", "agency",
                "target_on", "rating", "rated_on", "occasion", "url"} <= set(p)
        assert p["said_on"] == "2024-06-30" and p["target_on"] == "2026-03-20"
        assert p["person"]["name"] == "حشمت‌الله عسگری" and p["occasion"]["kind"] == "session"
        assert secret not in json.dumps(lst, ensure_ascii=False)
        err = s.get("/api/v1/promises?rating=great")
        assert err.status == 422 and json.loads(err.body)["error"]["code"] == "validation"
        assert "rating" in json.loads(err.body)["error"]["fields"]
        nf = s.get("/api/v1/promises/999")
        assert nf.status == 404 and set(json.loads(nf.body)["error"]) >= {"code", "message"}
        people = json.loads(s.get("/api/v1/promises/people").body)["people"]
        assert people == [{"id": 1, "name": "حشمت‌الله عسگری", "promises": 1}]
        assert s.get("/promises/999").status == 404


def test_suggestion_review_and_authorisation():
    with Server(users=USERS) as s:
        token = s.csrf_from(s.get("/promises/suggest").body)
        for i in range(2):
            s.post("/promises/suggest", {"_csrf": token, "person": f"گوینده {i}", "quote": f"وعده {i}"})
        # anonymous: pages of the secretariat ask to sign in; posts too
        for path in ("/promises/new", "/promises/intake", "/promises/suggestions"):
            r = s.get(path)
            assert r.status == 303 and r.header("Location").startswith("/login"), path
        r = s.post("/promises/new", {"person": "x"})
        assert r.status == 303 and r.header("Location").startswith("/login")
        assert s.post("/api/v1/promises/1/ratings", raw_body=b"{}",
                      headers={"Content-Type": "application/json"}).status == 401
        # producer and member: 403
        for who in ("tolid", "ozv"):
            csrf = signed_in_csrf(s, who)
            assert s.get("/promises/new").status == 403
            assert s.get("/promises/suggestions").status == 403
            assert s.post("/promises/new", {"_csrf": csrf, "person": "x"}).status == 403
            assert s.post("/promises/intake", {"_csrf": csrf, "article": "x"}).status == 403
            assert s.post("/promises/1/ratings", {"_csrf": csrf, "rating": "kept"}).status == 403
        assert db_count(s, "SELECT count(*) FROM promises") == 0
        # the administrator may create too
        csrf = signed_in_csrf(s, "admin")
        admin_pid = create_promise(s, csrf, summary="وعده‌ای که مدیر سامانه ثبت کرد")
        assert rate(s, csrf, admin_pid, "broken", "1403/06/01").status == 303
        # the secretariat reviews: accept one into a promise, reject the other
        csrf = signed_in_csrf(s, "dabir")
        lst = s.get("/promises/suggestions")
        ids = re.findall(r'/promises/suggestions/(\d+)"', lst.body)
        assert len(ids) == 2
        form = s.get(f"/promises/suggestions/{ids[0]}")
        assert 'name="suggestion_id"' in form.body and "رد پیشنهاد" in form.body
        r = s.post("/promises/new", {"_csrf": csrf, "suggestion_id": ids[0], "person": "گوینده ۱",
                                     "said_on": "1404/02/02", "summary": "خلاصه", "quote": "وعده ۱"})
        assert r.status == 303
        r = s.post(f"/promises/suggestions/{ids[1]}/reject", {"_csrf": csrf, "note": "منبع ندارد"})
        assert r.status == 303
        assert s.get(f"/promises/suggestions/{ids[1]}").status == 409
        assert db_count(s, "SELECT count(*) FROM promise_suggestions WHERE status='pending'") == 0
        assert db_count(s, "SELECT count(*) FROM audit_events WHERE action='promise_suggestion.review'") == 2
        # the API with tokens: secretariat may rate, producer may not
        tok = run("token", "create", "--db", s.db, "--user", "dabir").stdout.strip()
        ptok = run("token", "create", "--db", s.db, "--user", "tolid").stdout.strip()
        body = json.dumps({"rating": "in_the_works", "changed_on": "1404/03/01",
                           "source": "https://example.org/x", "note": "آغاز شد"}).encode()
        r = s.post("/api/v1/promises/2/ratings", raw_body=body,
                   headers={"Authorization": "Bearer " + ptok, "Content-Type": "application/json"})
        assert r.status == 403
        r = s.post("/api/v1/promises/2/ratings", raw_body=body,
                   headers={"Authorization": "Bearer " + tok, "Content-Type": "application/json"})
        assert r.status == 201 and json.loads(r.body) == {"id": 2, "rating": "in_the_works",
                                                           "changed_on": "2025-05-22"}
        bad = json.dumps({"rating": "kept", "changed_on": "1404/02/31", "source": "s", "note": "n"})
        r = s.post("/api/v1/promises/2/ratings", raw_body=bad.encode(),
                   headers={"Authorization": "Bearer " + tok, "Content-Type": "application/json"})
        assert r.status == 422 and "changed_on" in json.loads(r.body)["error"]["fields"]
        seed = open(SEED, encoding="utf-8").read()
        jhead = {"Authorization": "Bearer " + tok, "Content-Type": "application/json"}
        r = s.post("/api/v1/promises/extract", raw_body=json.dumps({"text": seed}).encode(),
                   headers=jhead)
        assert r.status == 200 and len(json.loads(r.body)["candidates"]) == 7
        r = s.post("/api/v1/promises/extract", raw_body=b'{"text": "  \\n"}', headers=jhead)
        assert r.status == 422 and json.loads(r.body)["error"]["message"] == "the article is empty"
        r = s.post("/api/v1/promises/extract", raw_body=b'{"text": "x", "speaker": 1}', headers=jhead)
        assert r.status == 400 and "speaker" in json.loads(r.body)["error"]["fields"]
        # create through the API
        body = {"person": "رضا کاظمی", "said_on": "1404/01/10", "summary": "گاز خاوران",
                "quote": "گاز تا خرداد وصل خواهد شد.", "occasion_kind": None}
        r = s.post("/api/v1/promises", raw_body=json.dumps(body).encode(), headers=jhead)
        assert r.status == 201 and r.header("Location").startswith("/api/v1/promises/")
        made = json.loads(r.body)
        assert made["timeline"][0]["rating"] == "not_rated" and made["said_on"] == "2025-03-30"
        r = s.post("/api/v1/promises", raw_body=json.dumps({**body, "target_on": "1404/12/30"}).encode(),
                   headers=jhead)
        assert r.status == 422 and "target_on" in json.loads(r.body)["error"]["fields"]


def test_links_to_zones_units_and_cases():
    with Server(users=USERS) as s:
        csrf = signed_in_csrf(s, "dabir")
        pid = create_promise(s, csrf)
        zone = s.post("/zones/new", {"_csrf": csrf, "kind": "specialised_park",
                                     "name": "شهر کفش اسلامشهر", "county": "اسلامشهر"})
        assert zone.status == 303, zone.body[:500]
        zid = zone.header("Location").rsplit("/", 1)[1]
        before = db_count(s, "SELECT count(*) FROM audit_events")
        assert s.post(f"/promises/{pid}/links", {"_csrf": csrf, "kind": "zone",
                                                 "target_id": "999"}).status == 422
        assert s.post(f"/promises/{pid}/links", {"_csrf": csrf, "kind": "ship",
                                                 "target_id": zid}).status == 422
        assert db_count(s, "SELECT count(*) FROM audit_events") == before  # nothing written
        assert s.post(f"/promises/{pid}/links", {"_csrf": csrf, "kind": "zone",
                                                 "target_id": zid}).status == 303
        page = s.get(f"/promises/{pid}")
        assert f'href="/zones/{zid}"' in page.body and "شهر کفش اسلامشهر" in page.body
        s.cookies.clear()
        public = s.get(f"/promises/{pid}")
        assert "شهر کفش اسلامشهر" in public.body and f'href="/zones/{zid}"' not in public.body
        assert s.post(f"/promises/{pid}/links", {"kind": "zone", "target_id": zid}).status in (303, 403)
        csrf = signed_in_csrf(s, "tolid")
        assert s.post(f"/promises/{pid}/links", {"_csrf": csrf, "kind": "zone",
                                                 "target_id": zid}).status == 403


def test_demo_has_the_seed_and_forty_more():
    with tempfile.TemporaryDirectory() as d:
        db = os.path.join(d, "demo.db")
        run("demo", "--db", db)
        con = sqlite3.connect(db)
        n = con.execute("SELECT count(*) FROM promises").fetchone()[0]
        assert n >= 45, n
        ratings = dict(con.execute("SELECT rating, count(*) FROM promises GROUP BY rating").fetchall())
        assert set(ratings) == {"not_rated", "in_the_works", "stalled", "kept", "compromise", "broken"}
        counties = con.execute("SELECT count(DISTINCT county) FROM promises").fetchone()[0]
        assert counties >= 10
        # some history goes down after going up
        down = con.execute("SELECT count(*) FROM promise_ratings WHERE prev_rating='kept'").fetchone()[0]
        assert down >= 1
        seed = con.execute("SELECT count(*) FROM promise_sources WHERE article_id IS NOT NULL").fetchone()[0]
        assert seed == 7
        con.close()
        assert run("audit", "verify", "--db", db).returncode == 0


if __name__ == "__main__":
    main([test_cli_extracts_the_seed_promises_once,
          test_cli_second_article_windows_1256_and_refusals,
          test_rating_history_both_ways_with_audit,
          test_bad_input_gets_persian_messages_and_writes_nothing,
          test_article_intake_proposes_and_stores_only_what_is_accepted,
          test_public_pages_feed_and_api_without_login_never_show_suggestions,
          test_suggestion_review_and_authorisation,
          test_links_to_zones_units_and_cases,
          test_demo_has_the_seed_and_forty_more])
