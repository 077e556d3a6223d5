"""Black-box tests of the registry pages: create, edit (with a stale version), delete,
search however a name is typed, filters, access by role and ownership, and
validation messages beside the fields with nothing written."""

import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import Server, main, run  # noqa: E402

USERS = (("admin", "admin"), ("dabir", "secretariat"), ("tolid", "producer"),
         ("tolid2", "producer"), ("bank", "agency"), ("ozv", "member"))


def legal_id(ten):
    d = [int(c) for c in ten]
    k = d[9] + 2
    w = [29, 27, 23, 19, 17]
    c = sum((d[i] + k) * w[i % 5] for i in range(10)) % 11
    return ten + str(0 if c == 10 else c)


def fa_digits(s):
    return s.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


def new_unit(s, **fields):
    page = s.get("/units/new")
    assert page.status == 200, page.status
    body = {"_csrf": s.csrf_from(page.body)}
    body.update(fields)
    return s.post("/units/new", body)


def units_count(db):
    p = run("audit", "verify", "--db", db)
    return p.stdout


def test_create_validate_and_find_by_other_spelling():
    with Server(users=USERS) as s:
        s.login("dabir")
        before = units_count(s.db)
        r = new_unit(s, national_id="10100000008", name="", lat="48.85", lon="2.35",
                     employees="-1", postal_code="123")
        assert r.status == 422
        for field, words in [("national_id", "رقم کنترل"), ("name", "نام واحد"),
                             ("lat", "بیرون از ایران"), ("employees", "کارکنان"),
                             ("postal_code", "")]:
            m = re.search(f'id="{field}-error">([^<]*)<', r.body)
            assert m and words in m.group(1), (field, r.body[:3000])
        assert 'aria-invalid="true"' in r.body
        assert units_count(s.db) == before  # nothing written
        nid = legal_id("1010003336")
        r = new_unit(s, national_id=fa_digits(nid[:5]) + "-" + fa_digits(nid[5:]),
                     name="تولیدی کفش‌های ورزشی پدر", isic="۱۵۲۰", employees="۱۲",
                     state="active", licence_kind="none", county="اسلامشهر",
                     lat="۳۵٫۵۵", lon="51.23")
        assert r.status == 303, r.body[:2000]
        url = r.header("Location")
        page = s.get(url)
        assert page.status == 200 and "تولیدی کفش‌های ورزشی پدر" in page.body
        assert fa_digits(nid) in page.body and "اسلامشهر" in page.body
        # found with the ZWNJ stripped, with Arabic letters, spaced, by activity
        for q in ["کفشهای", "كفش هاي ورزشي", "تولید کفش", "پدر"]:
            lst = s.get("/units?q=" + q)
            assert lst.status == 200 and "تولیدی کفش‌های ورزشی پدر" in lst.body, q
        assert "تولیدی کفش‌های ورزشی پدر" not in s.get("/units?q=مبلمان").body
        home = s.get("/")  # the dashboard counts it
        assert "نگاه کلی" in home.body and "۱</span><span class=\"label\">واحد تولیدی" in home.body
        # duplicate national ID
        r = new_unit(s, national_id=nid, name="دیگر")
        assert r.status == 422 and "پیش‌تر ثبت شده" in r.body


def test_edit_with_stale_version_and_delete():
    with Server(users=USERS) as s:
        s.login("dabir")
        nid = legal_id("1010301001")
        url = new_unit(s, national_id=nid, name="مبلمان نمونه", county="اسلامشهر").header("Location")
        edit = s.get(url + "/edit")
        csrf = s.csrf_from(edit.body)
        version = re.search(r'name="version" value="(\d+)"', edit.body).group(1)
        form = {"_csrf": csrf, "version": version, "national_id": nid, "name": "مبلمان نو",
                "county": "اسلامشهر"}
        assert s.post(url + "/edit", form).status == 303
        form["name"] = "نام قدیمی"  # same (now stale) version
        r = s.post(url + "/edit", form)
        assert r.status == 409 and "تغییر کرده" in r.body
        assert "مبلمان نو" in s.get(url).body
        page = s.get(url)
        v = re.search(r'name="version" value="(\d+)"', page.body).group(1)
        assert s.post(url + "/delete", {"_csrf": csrf, "version": "1"}).status == 409
        assert s.post(url + "/delete", {"_csrf": csrf, "version": v}).status == 303
        assert s.get(url).status == 404


def test_access_by_role_and_ownership():
    with Server(users=USERS) as s:
        s.login("tolid")
        url = new_unit(s, national_id=legal_id("1010400002"), name="کارگاه تولید",
                       county="ری").header("Location")
        assert s.get(url).status == 200
        assert "کارگاه تولید" in s.get("/units").body
        s.cookies.clear()
        s.login("tolid2")
        assert s.get(url).status == 404  # another producer's unit does not exist for them
        assert s.get(url + "/edit").status == 404
        assert "کارگاه تولید" not in s.get("/units").body
        s.cookies.clear()
        s.login("bank")
        assert s.get("/units").status == 403
        assert s.get(url).status == 403
        assert "/units" not in s.get("/").body.split("<main")[0]
        s.cookies.clear()
        s.login("ozv")
        assert s.get(url).status == 200
        assert s.get("/units/new").status == 403
        assert s.get("/zones/new").status == 403
        s.cookies.clear()
        assert s.get("/units").status == 303  # anonymous → sign in


def test_zone_with_infrastructure_and_timeline():
    with Server(users=USERS) as s:
        s.login("dabir")
        page = s.get("/zones/new")
        csrf = s.csrf_from(page.body)
        r = s.post("/zones/new", {"_csrf": csrf, "kind": "gov_park", "name": "x",
                                  "county": "اسلامشهر", "stage": "studies"})
        assert r.status == 422 and "فقط برای لکه" in r.body
        r = s.post("/zones/new", {"_csrf": csrf, "kind": "spot", "name": "لکه صنعتی خیابان پدر",
                                  "county": "اسلامشهر", "area_ha": "۱۲٫۵", "stage": "identified",
                                  "center_lat": "35.55", "center_lon": "51.23"})
        assert r.status == 303, r.body[:2000]
        url = r.header("Location")
        assert s.post(url + "/infrastructure", {"_csrf": csrf, "utility": "gas", "state": "partial",
                                                "note": "لوله‌کشی نیمه‌تمام",
                                                "as_of": "۱۴۰۵/۰۹/۰۱"}).status == 303
        r = s.post(url + "/stage", {"_csrf": csrf, "stage": "studies", "reached": "1404/12/30"})
        assert r.status == 422 and "نامعتبر" in r.body or "روز" in r.body
        assert s.post(url + "/stage", {"_csrf": csrf, "stage": "studies",
                                       "reached": "1403/12/30"}).status == 303
        z = s.get(url)
        assert "گاز" in z.body and "ناقص" in z.body and "لوله‌کشی نیمه‌تمام" in z.body
        assert "۳۰ اسفند ۱۴۰۳" in z.body and "مطالعات" in z.body
        assert "۱۲٫۵" in z.body
        unit = new_unit(s, national_id=legal_id("1010500003"), name="کارگاه لکه",
                        county="اسلامشهر", zone_id=url.rsplit("/", 1)[1])
        assert unit.status == 303
        assert "کارگاه لکه" in s.get(url).body
        assert "لکه صنعتی خیابان پدر" in s.get("/zones?q=لکه").body
        assert "لکه صنعتی خیابان پدر" in s.get("/zones?kind=spot").body
        assert "لکه صنعتی خیابان پدر" not in s.get("/zones?kind=gov_park").body


def test_agencies_and_categories_admin_only():
    with Server(users=USERS) as s:
        s.login("dabir")
        page = s.get("/categories")
        assert page.status == 200 and "بانک و تأمین مالی" in page.body and "استمهال" in page.body
        csrf = s.csrf_from(page.body)
        assert s.post("/agencies", {"_csrf": csrf, "name": "بانک ملی", "kind": "bank"}).status == 403
        s.cookies.clear()
        s.login("admin")
        csrf = s.csrf_from(s.get("/agencies").body)
        assert s.post("/agencies", {"_csrf": csrf, "name": "بانک ملی ایران", "kind": "bank",
                                    "phone": "۰۲۱-۱۲۳۴"}).status == 303
        r = s.post("/agencies", {"_csrf": csrf, "name": "بانک ملی ایران", "kind": "bank"})
        assert r.status == 422 and "ثبت شده" in r.body
        assert s.post("/agencies", {"_csrf": csrf, "name": "x", "kind": "pirates"}).status == 422
        assert "بانک ملی ایران" in s.get("/agencies").body
        r = s.post("/categories", {"_csrf": csrf, "name": "تأخیر در گشایش اعتبار", "parent_id": "1",
                                   "agency_kind": "bank", "answer_days": "۷"})
        assert r.status == 303
        r = s.post("/categories", {"_csrf": csrf, "name": "نوه", "parent_id": "14",
                                   "answer_days": "7"})
        assert r.status == 422 and "دو سطح" in r.body


if __name__ == "__main__":
    main([v for k, v in list(globals().items()) if k.startswith("test_")])
