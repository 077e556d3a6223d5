"""Black-box tests of the working-group sessions through the pages: a journey —
build a session, record attendance (with and without full authority), put a ready
case and a topic on the agenda and reorder it, mark the session held, issue a
resolution (refused without agency or deadline: Persian message beside the field,
nothing written), refuse an outcome inside the objection window, the agency objects,
the secretariat upholds; the minutes' print view and the numbered notice; reports;
who reaches what (the public sees counts only); a session in the future cannot be
marked held."""

import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import multipart, Server, main, run  # noqa: E402
from test_cases import USERS, World, audit_count, bank_id  # noqa: E402


def ready_case(w, who, title):
    c = w.file(who, title, "بانک وام را استمهال نمی‌کند")
    assert w.act("dabir", c, "review").status == 200
    assert w.act("dabir", c, "agenda").status == 200
    return c


def form(s, path, fields):
    """Posts a form as the signed-in user, with the CSRF token of the page at path."""
    page = s.get(path)
    assert page.status == 200, (page.status, page.body[:500])
    return s.post(path if "?" not in path else path.split("?")[0], fields | {"_csrf": s.csrf_from(page.body)})


def test_session_journey_and_refusals():
    with Server(users=USERS) as s:
        w = World(s)
        bank = bank_id(w)
        case = ready_case(w, "tolid", "استمهال وام کارگاه کفش")
        s.cookies = {}
        s.login("dabir")
        csrf = s.csrf_from(s.get("/meetings/new").body)
        r = s.post("/meetings/new", {"_csrf": csrf, "body_id": "1", "held_on": "۱۴۰۵/۰۸/۰۱",
                                     "starts_at": "۱۰:۳۰", "place": "سالن جلسات فرمانداری اسلامشهر",
                                     "chair": "معاون اقتصادی استاندار", "secretary": "رئیس سازمان صمت"})
        assert r.status == 303, (r.status, r.body[:800])
        mid = int(r.header("Location").rsplit("/", 1)[1])
        page = s.get(f"/meetings/{mid}")
        assert page.status == 200 and "سالن جلسات فرمانداری اسلامشهر" in page.body
        assert "۱۰:۳۰" in page.body and "۱۴۰۵" in page.body

        # Attendance: a nameless attendee is refused beside the field.
        bad = s.post(f"/meetings/{mid}/attendees", {"_csrf": csrf, "name": "", "agency_id": str(bank)})
        assert bad.status == 422 and "نام حاضر را بنویسید" in bad.body
        for name, full in (("مدیر شعب بانک ملی", "1"), ("کارشناس بانک", "")):
            r = s.post(f"/meetings/{mid}/attendees", {"_csrf": csrf, "name": name, "position": "نماینده",
                                                       "agency_id": str(bank), "full_authority": full})
            assert r.status == 303, r.body[:500]

        # Agenda: the ready case is offered; add it and a topic; move the topic first.
        page = s.get(f"/meetings/{mid}").body
        assert "استمهال وام کارگاه کفش" in page.split('class="ready-cases"')[1]
        assert s.post(f"/meetings/{mid}/items", {"_csrf": csrf, "case_id": str(case)}).status == 303
        assert s.post(f"/meetings/{mid}/items", {"_csrf": csrf, "title": "گزارش دبیرخانه"}).status == 303
        page = s.get(f"/meetings/{mid}").body
        items = re.findall(r'data-item="(\d+)"', page)
        assert len(items) == 2
        r = s.post(f"/meetings/{mid}/items/{items[1]}/move", {"_csrf": csrf, "position": "1"})
        assert r.status == 303
        page = s.get(f"/meetings/{mid}").body
        assert re.findall(r'data-item="(\d+)"', page) == [items[1], items[0]]
        assert s.post(f"/meetings/{mid}/items/{items[0]}/notes",
                      {"_csrf": csrf, "notes": "نماینده بانک موافقت کرد"}).status == 303

        # Not held yet: no resolution form; marking held works for a past date (a stale
        # version — the notes changed the session — is refused first).
        stale = re.search(r'name="version" value="(\d+)"', page).group(1)
        assert s.post(f"/meetings/{mid}/status", {"_csrf": csrf, "status": "held",
                                                  "version": stale}).status == 409
        page = s.get(f"/meetings/{mid}").body
        assert 'class="record resolution-form"' not in page
        version = re.search(r'name="version" value="(\d+)"', page).group(1)
        r = s.post(f"/meetings/{mid}/status", {"_csrf": csrf, "status": "held", "version": version})
        assert r.status == 303, r.body[:800]

        # A resolution without agency or deadline: refused, nothing written.
        before = audit_count(s.db)
        r = s.post(f"/meetings/{mid}/resolutions", {"_csrf": csrf, "item_id": items[0],
                                                    "text": "بانک ملی وام را شش ماه استمهال کند"})
        assert r.status == 422
        assert "دستگاه مسئول اجرای مصوبه را انتخاب کنید" in r.body
        assert "مهلت اجرای مصوبه را بنویسید" in r.body
        assert audit_count(s.db) == before
        r = s.post(f"/meetings/{mid}/resolutions", {"_csrf": csrf, "item_id": items[0],
                                                    "text": "بانک ملی وام را شش ماه استمهال کند",
                                                    "agency_id": str(bank), "deadline": "۱۴۰۶/۰۱/۱۵"})
        assert r.status == 303, r.body[:1500]
        rid = int(r.header("Location").rsplit("/", 1)[1])
        res = s.get(f"/resolutions/{rid}").body
        assert "بانک ملی وام را شش ماه استمهال کند" in res and "مهلت اعتراض" in res
        case_page = s.get(f"/cases/{case}").body
        assert "ثبت تصمیم کارگروه" in case_page  # the case was decided, with its event
        assert f'href="/resolutions/{rid}"' in case_page  # and shows its resolution

        # The outcome waits for the window.
        before = audit_count(s.db)
        r = s.post(f"/resolutions/{rid}/act", {"_csrf": csrf, "action": "outcome",
                                               "outcome": "carried_out", "evidence": "نامه ۱۲"})
        assert r.status == 422 and "مهلت ۱۵ روزه اعتراض هنوز تمام نشده" in r.body
        assert audit_count(s.db) == before

        # The bank's liaison sees it among its open resolutions and objects; another agency cannot.
        s.cookies = {}
        s.login("bankuser", "correct horse battery")
        mine = s.get("/resolutions").body
        assert f"/resolutions/{rid}" in mine
        assert s.get(f"/meetings/{mid}").status in (403, 404)
        bcsrf = s.csrf_from(s.get(f"/resolutions/{rid}").body)
        r = s.post(f"/resolutions/{rid}/act", {"_csrf": bcsrf, "action": "object",
                                               "reason": "مصوبه هیئت مدیره بانک لازم است"})
        assert r.status == 303, r.body[:800]
        # The bank files its letter as evidence; a renamed file is refused and stores nothing.
        pdf = b"%PDF-1.4\n% objection letter\n"
        body, ctype = multipart({"_csrf": bcsrf}, {"file": ("نامه.pdf", pdf, "application/pdf")})
        r = s.request("POST", f"/resolutions/{rid}/attachments", raw_body=body,
                      headers={"Content-Type": ctype})
        assert r.status == 303, (r.status, r.body[:500])
        body, ctype = multipart({"_csrf": bcsrf}, {"file": ("scan.png", pdf, "image/png")})
        r = s.request("POST", f"/resolutions/{rid}/attachments", raw_body=body,
                      headers={"Content-Type": ctype})
        assert r.status == 422
        res = s.get(f"/resolutions/{rid}").body
        att = re.findall(rf'href="(/resolutions/{rid}/attachments/\d+)"', res)
        assert len(att) == 1 and "نامه.pdf" in res
        got = s.request("GET", att[0])
        assert got.status == 200 and got.raw == pdf
        s.cookies = {}
        s.login("taxuser", "correct horse battery")
        assert s.get(f"/resolutions/{rid}").status == 404
        assert s.get(att[0]).status == 404
        tcsrf = s.csrf_from(s.get("/resolutions").body)
        body, ctype = multipart({"_csrf": tcsrf}, {"file": ("x.pdf", pdf, "application/pdf")})
        r = s.request("POST", f"/resolutions/{rid}/attachments", raw_body=body,
                      headers={"Content-Type": ctype})
        assert r.status == 404
        s.cookies = {}
        s.login("tolid2")
        assert s.get(f"/resolutions/{rid}").status == 404
        s.cookies = {}
        s.login("tolid")
        assert s.get(f"/resolutions/{rid}").status == 200  # the producer whose case it decides
        assert s.get(att[0]).status == 200
        s.cookies = {}
        s.login("dabir")
        csrf = s.csrf_from(s.get(f"/resolutions/{rid}").body)
        r = s.post(f"/resolutions/{rid}/act", {"_csrf": csrf, "action": "uphold",
                                               "reason": "به استناد ماده ۱۲ لازم‌الاجراست"})
        assert r.status == 303, r.body[:800]
        res = s.get(f"/resolutions/{rid}").body
        assert "در حال اجرا" in res and "اعتراض رد شد" in res

        # Minutes print view: in order, with attendance, agenda, resolution and signatures.
        minutes = s.get(f"/meetings/{mid}/minutes").body
        order = [minutes.find(x) for x in ("صورتجلسه", "حاضران", "مدیر شعب بانک ملی", "دستور جلسه",
                                          "گزارش دبیرخانه", "مذاکرات و مصوبات", "نماینده بانک موافقت کرد",
                                          "بانک ملی وام را شش ماه استمهال کند", "امضای حاضران")]
        assert all(i >= 0 for i in order) and order == sorted(order), order
        # The same minutes as a PDF made on the server: its text read back in order.
        pdf = s.request("GET", f"/meetings/{mid}/minutes.pdf")
        assert pdf.status == 200 and pdf.header("Content-Type") == "application/pdf"
        path = os.path.join(os.path.dirname(s.db), "minutes.pdf")
        with open(path, "wb") as f:
            f.write(pdf.raw)
        text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=True).stdout
        order = [text.find(x) for x in ("صورتجلسه", "حاضران", "مدیر شعب بانک ملی", "دستور جلسه",
                                        "نماینده بانک موافقت کرد",
                                        "بانک ملی وام را شش ماه استمهال کند", "امضای حاضران")]
        assert all(i >= 0 for i in order) and order == sorted(order), (order, text[:2000])
        notice = s.get(f"/resolutions/{rid}/notice").body
        assert "ابلاغ مصوبه" in notice and "۱۴۰۵/۱/۱" in notice
        assert "رونوشت: کارگاه tolid (متقاضی)" in notice

        report = s.get("/resolutions/report").body
        assert "بانک ملی ایران" in report
        for by in ("category", "meeting", "month"):
            assert s.get(f"/resolutions/report?by={by}").status == 200
        csv = s.get("/resolutions/report.csv?by=agency")
        assert csv.status == 200 and csv.raw.startswith(b"\xef\xbb\xbf")
        assert "بانک ملی ایران,1,0,0,0,1,0,0,0,0," in csv.body.replace("\r\n", "\n"), csv.body

        # The public: counts only.
        s.cookies = {}
        stats = s.get("/resolutions/stats")
        assert stats.status == 200 and "مصوبات صادرشده" in stats.body
        assert "بانک ملی وام" not in stats.body
        home = s.get("/").body
        assert "مصوبه صادرشده" in home and "بانک ملی وام" not in home
        assert s.get(f"/resolutions/{rid}").status == 303  # to the login page
        assert s.get("/meetings").status == 303


def test_future_session_cannot_be_held():
    with Server(users=USERS) as s:
        s.login("dabir")
        csrf = s.csrf_from(s.get("/meetings/new").body)
        r = s.post("/meetings/new", {"_csrf": csrf, "body_id": "1", "held_on": "۱۴۱۰/۰۱/۱۵"})
        assert r.status == 303
        mid = int(r.header("Location").rsplit("/", 1)[1])
        page = s.get(f"/meetings/{mid}").body
        version = re.search(r'name="version" value="(\d+)"', page).group(1)
        before = audit_count(s.db)
        r = s.post(f"/meetings/{mid}/status", {"_csrf": csrf, "status": "held", "version": version})
        assert r.status == 422 and "تاریخش نرسیده" in r.body
        assert audit_count(s.db) == before
        assert "برنامه‌ریزی شده" in s.get(f"/meetings/{mid}").body
        # Bad dates and times are named beside their fields.
        r = s.post("/meetings/new", {"_csrf": csrf, "body_id": "1", "held_on": "۱۴۰۵/۱۳/۴۰",
                                     "starts_at": "۲۵:۰۰"})
        assert r.status == 422 and "تاریخ را به شکل" in r.body and "ساعت جلسه را به شکل" in r.body
        # Members read sessions but do not build them.
        s.cookies = {}
        s.login("ozv")
        assert s.get(f"/meetings/{mid}").status == 200
        assert s.get("/meetings/new").status == 403


if __name__ == "__main__":
    main([test_session_journey_and_refusals, test_future_session_cannot_be_held])
