"""Black-box tests of registry import and export: `tashil import`, `tashil export`,
the upload page /units/import and /units/export.{csv,xlsx}. Each bad input must
leave the database exactly as it was (compared with sqlite3 dumps of the units and
the audit log)."""

import csv
import io
import os
import re
import sqlite3
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.dirname(__file__))
from harness import Server, main, multipart, run  # noqa: E402
from importfixtures import (HEADER, ID_A, ID_B, ID_C, MIXED_REPORT, MIXED_REPORT_FA,  # noqa: E402
                            csv_bytes, legal_id, mixed_rows, national_code,
                            xlsx_bytes)


class Db:
    def __init__(self):
        self.dir = tempfile.TemporaryDirectory(prefix="tashil-imp-")
        self.path = os.path.join(self.dir.name, "t.db")
        run("init", "--db", self.path)

    def file(self, name, data):
        p = os.path.join(self.dir.name, name)
        with open(p, "wb") as f:
            f.write(data)
        return p

    def query(self, sql, *args):
        con = sqlite3.connect(self.path)
        try:
            return con.execute(sql, args).fetchall()
        finally:
            con.close()

    def snapshot(self):
        return (self.query("SELECT * FROM units ORDER BY id"),
                self.query("SELECT id, action FROM audit_events ORDER BY id"))

    def imp(self, *args, check=False):
        return run("import", *args, "--db", self.path, check=check)


def stderr_lines(p):
    return [l for l in p.stderr.splitlines() if l.startswith(("line ", "file"))]


def test_mixed_file_reports_every_bad_row_and_writes_nothing():
    db = Db()
    before = db.snapshot()
    p = db.imp("units", db.file("mixed.csv", csv_bytes(mixed_rows())))
    assert p.returncode == 1, p.stderr
    assert stderr_lines(p) == MIXED_REPORT, p.stderr
    for fa in MIXED_REPORT_FA:
        assert fa in p.stderr, fa
    assert "nothing imported: 4 of 7 rows are invalid" in p.stderr
    assert db.snapshot() == before


def test_skip_invalid_writes_the_good_rows_normalised():
    db = Db()
    p = db.imp("units", db.file("mixed.csv", csv_bytes(mixed_rows())), "--skip-invalid")
    assert p.returncode == 0, p.stderr
    assert "7 rows: 3 created, 0 updated, 0 unchanged; 4 invalid rows skipped" in p.stdout
    assert stderr_lines(p) == MIXED_REPORT
    rows = db.query("SELECT national_id, name, state, employees, county_id, round(lat, 4) "
                    "FROM units ORDER BY national_id")
    assert rows == sorted([
        (ID_A, "تولیدی کفشهای نوری", "active", 12, 2, 35.5525),
        (ID_B, "مبلمان سپهر", "semi_active", 8, 6, 35.56),   # Arabic ي/ك county and state
        (ID_C, "چرم آريا", "idle", 12, 2, 35.54),            # Persian digits everywhere
    ])
    events = db.query("SELECT actor_name, detail FROM audit_events WHERE action='unit.import'")
    assert len(events) == 1
    assert '"created":3' in events[0][1] and '"invalid":4' in events[0][1]
    assert re.search(r'"blake2b":"[0-9a-f]{64}"', events[0][1])


def test_reimport_updates_instead_of_duplicating():
    db = Db()
    good = mixed_rows()[:4]
    path = db.file("good.csv", csv_bytes(good, bom=True))
    assert "3 created" in db.imp("units", path, check=True).stdout
    assert "0 created, 0 updated, 3 unchanged" in db.imp("units", path, check=True).stdout
    changed = [good[0], good[1].replace(",12,", ",40,")] + good[2:]
    p = db.imp("units", db.file("changed.csv", csv_bytes(changed)), check=True)
    assert "0 created, 1 updated, 2 unchanged" in p.stdout
    assert db.query("SELECT count(*) FROM units") == [(3,)]
    assert db.query("SELECT employees, version FROM units WHERE national_id=?", ID_A) == [(40, 2)]
    # A renamed unit is found by its new name only (the search index follows updates).
    renamed = [good[0], good[1].replace("تولیدی کفشهای نوری", "کارگاه چرم ستاره")] + good[2:]
    assert "1 updated" in db.imp("units", db.file("renamed.csv", csv_bytes(renamed)),
                                 check=True).stdout
    out = run("export", "units", "--db", db.path, "--q", "ستاره").stdout
    assert ID_A in out and ID_B not in out
    assert ID_A not in run("export", "units", "--db", db.path, "--q", "نوری").stdout


def test_missing_required_column_refuses_the_file():
    db = Db()
    before = db.snapshot()
    rows = ["شناسه ملی,کد آیسیک", f"{legal_id(1)},1520"]
    p = db.imp("units", db.file("nocol.csv", csv_bytes(rows)))
    assert p.returncode == 1
    assert 'required column "name" (نام واحد) is missing from the header' in p.stderr
    assert db.snapshot() == before


def test_header_names_match_however_typed():
    db = Db()
    # English names, ZWNJ/space variants and Arabic letters in the header.
    rows = ["National_ID,نام  واحد,كد آيسيك,تعداد‌کارکنان,county",
            f"{legal_id(7)},کفش آفتاب,1520,3,اسلامشهر"]
    p = db.imp("units", db.file("hdr.csv", csv_bytes(rows)))
    assert p.returncode == 0, p.stderr
    assert db.query("SELECT isic, employees FROM units") == [("1520", 3)]


def test_windows_1256_csv_is_converted():
    db = Db()
    rows = [HEADER, f"{legal_id(9)},کفش ماشيني پارس,1520,4,فعال,35.55,51.23,اسلامشهر"]
    # Windows-1256 has the Arabic ي and ك, not the Persian ی and ک.
    rows = [r.replace("ی", "ي").replace("ک", "ك") for r in rows]
    data = csv_bytes(rows, encoding="cp1256")
    p = db.imp("units", db.file("ansi.csv", data))
    assert p.returncode == 0, p.stderr
    assert "windows-1256" in p.stdout
    assert db.query("SELECT name FROM units") == [("كفش ماشيني پارس",)]
    # A search typed with Persian letters finds it.
    out = run("export", "units", "--db", db.path, "--q", "کفش ماشینی").stdout
    assert "كفش ماشيني پارس" in out


def test_unreadable_files_are_refused_with_a_clear_message():
    db = Db()
    before = db.snapshot()
    good_xlsx = xlsx_bytes([r.split(",") for r in mixed_rows()[:3]])
    cases = [
        ("truncated.xlsx", good_xlsx[: len(good_xlsx) // 2], "damaged or truncated"),
        ("picture.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
         "neither CSV nor XLSX"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "old Excel 97-2003"),
        ("utf16.csv", "\ufeff" .encode("utf-16-le") + HEADER.encode("utf-16-le"), "UTF-16"),
        ("latin.csv", b"national_id,name\r\n10320001112,caf\xe9 na\xefve\r\n", "unknown text encoding"),
        ("quote.csv", (HEADER + '\r\n1,"unterminated\r\n').encode(), "quoted field not closed"),
        ("empty.csv", b"", "the file is empty"),
        ("zip.xlsx", _zip_without_workbook(), "not an Excel workbook"),
    ]
    for name, data, message in cases:
        p = db.imp("units", db.file(name, data))
        assert p.returncode == 1, (name, p.stdout)
        assert message in p.stderr, (name, p.stderr)
        assert "nothing imported" in p.stderr, name
    assert db.snapshot() == before


def _zip_without_workbook():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("readme.txt", "hello")
    return out.getvalue()


def test_xlsx_import_with_numbers_and_shared_strings():
    db = Db()
    rows = [r.split(",") for r in mixed_rows()[:3]]
    # IDs as numbers (as Excel stores them), coordinates as numbers with float noise.
    rows[1][5], rows[1][6] = "35.552500000000002", "51.226999999999997"
    p = db.imp("units", db.file("units.xlsx", xlsx_bytes(rows, numeric_cols=(0, 3, 5, 6))))
    assert p.returncode == 0, p.stderr
    assert "(xlsx)" in p.stdout
    assert db.query("SELECT national_id, round(lat, 6) FROM units ORDER BY id") == [
        (ID_A, 35.5525), (ID_B, 35.56)]
    bad = [r.split(",") for r in mixed_rows()]
    before = db.snapshot()
    p = db.imp("units", db.file("mixed.xlsx", xlsx_bytes(bad)))
    assert p.returncode == 1 and stderr_lines(p) == MIXED_REPORT, p.stderr
    assert db.snapshot() == before


def test_export_round_trip_csv_and_xlsx():
    db = Db()
    rows = [HEADER + ",نشانی,کد پستی,نوع مجوز,شماره مجوز,نام رابط,تلفن"]
    for i in range(1, 41):
        nid = legal_id(i) if i % 3 else national_code(i)
        rows.append(f"{nid},\"کفش, شماره {i}\",1520,{i},فعال,35.{5000 + i},51.{2000 + i},"
                    f"اسلامشهر,\"خیابان پدر، پلاک {i}\",331{i:07d},پروانه کسب,{i}/99,"
                    f"=SUM(1;{i}),021{i:08d}")
    db.imp("units", db.file("in.csv", csv_bytes(rows)), check=True)
    original = db.query("SELECT national_id, id_kind, name, isic, employees, state, lat, lon, "
                        "address, postal_code, county_id, licence_kind, licence_no, contact_name, "
                        "phone FROM units ORDER BY national_id")
    out_csv = os.path.join(db.dir.name, "out.csv")
    out_xlsx = os.path.join(db.dir.name, "out.xlsx")
    run("export", "units", "--db", db.path, "--out", out_csv)
    run("export", "units", "--format", "xlsx", "--db", db.path, "--out", out_xlsx)
    raw = open(out_csv, "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    table = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline="")))
    assert table[0][:2] == ["شناسه ملی", "نام واحد"] and len(table) == 41
    assert any(c.startswith("'=SUM") for c in table[1])  # formula guard
    z = zipfile.ZipFile(out_xlsx)
    sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<t>شناسه ملی</t>" in sheet and 'rightToLeft="1"' in sheet
    assert national_code(3) in sheet  # national codes stay text with their zeros
    for path in (out_csv, out_xlsx):
        fresh = Db()
        p = fresh.imp("units", path, check=True)
        assert "40 created" in p.stdout, p.stdout
        again = fresh.query("SELECT national_id, id_kind, name, isic, employees, state, lat, lon, "
                            "address, postal_code, county_id, licence_kind, licence_no, "
                            "contact_name, phone FROM units ORDER BY national_id")
        assert again == original, (path, again[:2], original[:2])
        assert "40 unchanged" in db.imp("units", path, check=True).stdout


def test_export_filters():
    db = Db()
    rows = [HEADER, f"{legal_id(1)},کفش یک,1520,3,فعال,35.55,51.23,اسلامشهر",
            f"{legal_id(2)},مبل دو,3100,3,راکد,35.48,51.08,رباط‌کریم"]
    db.imp("units", db.file("f.csv", csv_bytes(rows)), check=True)
    out = run("export", "units", "--db", db.path, "--state", "راکد").stdout
    assert "مبل دو" in out and "کفش یک" not in out
    out = run("export", "units", "--db", db.path, "--county", "اسلامشهر").stdout
    assert "کفش یک" in out and "مبل دو" not in out
    out = run("export", "units", "--db", db.path, "--q", "كفش").stdout
    assert "کفش یک" in out and "مبل دو" not in out


def test_zone_import():
    db = Db()
    rows = ["نوع محدوده,نام محدوده,شهرستان,عرض جغرافیایی,طول جغرافیایی,مساحت (هکتار),مرحله,"
            "تاریخ مرحله,آب,برق",
            "لکه صنعتی,لکه صنعتی خیابان پدر,اسلامشهر,35.5525,51.227,12,مطالعات,۱۴۰۲/۰۳/۱۵,ناقص,کامل",
            "شهرک صنعتی,شهرک صنعتی چهاردانگه,اسلامشهر,35.61,51.325,180,,,کامل,کامل"]
    path = db.file("zones.csv", csv_bytes(rows))
    p = run("import", "zones", path, "--db", db.path)
    assert "2 created" in p.stdout, p.stderr
    assert db.query("SELECT kind, stage, area_ha FROM zones ORDER BY id") == [
        ("spot", "studies", 12.0), ("gov_park", None, 180.0)]
    assert db.query("SELECT reached FROM zone_stages") == [("2023-06-05",)]
    assert db.query("SELECT utility, state FROM zone_infrastructure WHERE zone_id=1 "
                    "ORDER BY utility") == [("electricity", "full"), ("water", "partial")]
    assert "2 unchanged" in run("import", "zones", path, "--db", db.path).stdout
    bad = rows[:2] + [rows[1].replace("لکه صنعتی,", "لکه,", 1)]
    p = run("import", "zones", db.file("bad.csv", csv_bytes(bad)), "--db", db.path, check=False)
    assert p.returncode == 1 and "kind must be spot" in p.stderr


def _upload(s, data, filename, kind="units", skip=False):
    page = s.get("/units/import")
    assert page.status == 200, page.status
    fields = {"_csrf": s.csrf_from(page.body), "kind": kind}
    if skip:
        fields["skip_invalid"] = "1"
    body, ctype = multipart(fields, {"file": (filename, data, "text/csv")})
    return s.post("/units/import", raw_body=body, headers={"Content-Type": ctype})


def _server_units(s):
    con = sqlite3.connect(s.db)
    try:
        return con.execute("SELECT national_id FROM units ORDER BY national_id").fetchall()
    finally:
        con.close()


def test_upload_page_reports_in_persian_and_writes_nothing():
    with Server(users=(("dabir", "secretariat"), ("tolid", "producer"))) as s:
        s.login("tolid")
        assert s.get("/units/import").status == 403
        s.cookies.clear()
        s.login("dabir")
        r = _upload(s, csv_bytes(mixed_rows()), "mixed.csv")
        assert r.status == 422, r.status
        assert "هیچ چیز ثبت نشد" in r.body
        for fa in MIXED_REPORT_FA:
            assert fa in r.body, fa
        assert "<td>۵</td><td>شناسه ملی</td>" in r.body
        assert _server_units(s) == []
        r = _upload(s, b"\x89PNG\r\n\x1a\n\x00\x00binary", "x.csv")
        assert r.status == 422 and "نه CSV است و نه اکسل" in r.body
        r = _upload(s, csv_bytes(mixed_rows()), "mixed.csv", skip=True)
        assert r.status == 200 and "ثبت شد" in r.body, r.body[-2000:]
        assert sorted(_server_units(s)) == sorted([(ID_A,), (ID_B,), (ID_C,)])
        xl = xlsx_bytes([row.split(",") for row in mixed_rows()[:2]])
        r = _upload(s, xl, "u.xlsx")
        assert r.status == 200 and "بدون تغییر" in r.body
        # CSRF is read from the multipart body: a wrong token is refused.
        body, ctype = multipart({"_csrf": "x" * 43}, {"file": ("a.csv", b"a", "text/csv")})
        assert s.post("/units/import", raw_body=body, headers={"Content-Type": ctype}).status == 403
        # A malformed multipart body is a 400.
        bad = s.post("/units/import", raw_body=b"--zz\r\nnonsense",
                     headers={"Content-Type": "multipart/form-data; boundary=zz"})
        assert bad.status == 400


def test_export_endpoints():
    with Server(users=(("dabir", "secretariat"), ("tolid", "producer"))) as s:
        s.login("dabir")
        _upload(s, csv_bytes(mixed_rows()), "mixed.csv", skip=True)
        r = s.get("/units/export.csv?state=%D8%B1%D8%A7%DA%A9%D8%AF")  # راکد
        assert r.status == 200 and r.raw.startswith(b"\xef\xbb\xbf")
        assert "attachment" in r.header("Content-Disposition")
        lines = r.raw.decode("utf-8-sig").split("\r\n")
        assert len([l for l in lines if l]) == 2 and ID_C in lines[1]
        x = s.get("/units/export.xlsx")
        assert x.status == 200 and x.raw[:2] == b"PK"
        sheet = zipfile.ZipFile(io.BytesIO(x.raw)).read("xl/worksheets/sheet1.xml").decode()
        assert ID_A in sheet and ID_B in sheet
        assert s.get("/units/export.csv?county=nowhere").status == 400
        s.cookies.clear()
        s.login("tolid")
        assert s.get("/units/export.csv").status == 403


if __name__ == "__main__":
    main([test_mixed_file_reports_every_bad_row_and_writes_nothing,
          test_skip_invalid_writes_the_good_rows_normalised,
          test_reimport_updates_instead_of_duplicating,
          test_missing_required_column_refuses_the_file,
          test_header_names_match_however_typed,
          test_windows_1256_csv_is_converted,
          test_unreadable_files_are_refused_with_a_clear_message,
          test_xlsx_import_with_numbers_and_shared_strings,
          test_export_round_trip_csv_and_xlsx,
          test_export_filters,
          test_zone_import,
          test_upload_page_reports_in_persian_and_writes_nothing,
          test_export_endpoints])
