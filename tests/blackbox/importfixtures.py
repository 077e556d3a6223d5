"""Fixtures for the import/export black-box tests: identifiers that pass their
checksums, the mixed good-and-bad CSV with its exact expected report, and a minimal
hand-built .xlsx (the parts Tashil reads)."""

import io
import zipfile

W = [29, 27, 23, 19, 17]


def legal_id(serial, prefix="1032"):
    d = [int(c) for c in prefix] + [int(c) for c in f"{serial:06d}"]
    k = d[9] + 2
    c = sum((d[i] + k) * W[i % 5] for i in range(10)) % 11
    return "".join(map(str, d)) + str(0 if c == 10 else c)


def national_code(serial, prefix="004"):
    d = [int(c) for c in prefix] + [int(c) for c in f"{serial:06d}"]
    r = sum(d[i] * (10 - i) for i in range(9)) % 11
    return "".join(map(str, d)) + str(r if r < 2 else 11 - r)


def persian_digits(s):
    return s.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


def wrong_checksum(nid):
    return nid[:-1] + str((int(nid[-1]) + 1) % 10)


HEADER = "شناسه ملی,نام واحد,کد آیسیک,تعداد کارکنان,وضعیت,عرض جغرافیایی,طول جغرافیایی,شهرستان"
ID_A, ID_B, ID_C = legal_id(111), national_code(222), legal_id(333)


def mixed_rows():
    """Lines 2-4 good (stripped ZWNJ, Arabic ي/ك, Persian digits); 5-8 bad."""
    return [
        HEADER,
        f"{ID_A},تولیدی کفشهای نوری,1520,12,فعال,35.5525,51.2270,اسلامشهر",
        f"{ID_B},مبلمان سپهر,3100,8,نيمه فعال,35.56,51.24,رباط كريم",
        f"{persian_digits(ID_C)},چرم آريا,1511,۱۲,راکد,۳۵٫۵۴,۵۱٫۲۱,اسلامشهر",
        f"{wrong_checksum(legal_id(444))},کفش البرز,1520,5,فعال,35.55,51.23,اسلامشهر",
        f"{legal_id(555)},کفش پاریس,1520,5,فعال,48.85,2.35,اسلامشهر",
        f"{ID_A},کفش تکراری,1520,5,فعال,35.55,51.23,اسلامشهر",
        f"{legal_id(666)},,1520,5,فعال,35.55,51.23,اسلامشهر",
    ]


MIXED_REPORT = [
    'line 5, column "شناسه ملی": national_id: legal national ID check digit is wrong',
    'line 6, column "عرض جغرافیایی": lat: the coordinates are outside Iran',
    'line 7, column "شناسه ملی": national_id: duplicate of line 2',
    'line 8, column "نام واحد": name: required',
]

MIXED_REPORT_FA = [
    "رقم کنترل شناسهٔ ملی درست نیست",
    "این مختصات بیرون از ایران است.",
    "این شناسه ملی پیش‌تر در سطر ۲ آمده است.",
    "نام واحد را وارد کنید",
]


def csv_bytes(rows, bom=False, encoding="utf-8"):
    text = "\r\n".join(rows) + "\r\n"
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)


def _col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def xlsx_bytes(rows, numeric_cols=()):
    """A workbook whose first sheet holds rows (lists of str); shared strings for
    text, numbers for the columns in numeric_cols."""
    strings, index = [], {}
    sheet = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, v in enumerate(row):
            ref = f"{_col(c)}{r}"
            if v == "":
                continue
            if r > 1 and c in numeric_cols:
                cells.append(f'<c r="{ref}"><v>{v}</v></c>')
            else:
                if v not in index:
                    index[v] = len(strings)
                    strings.append(v)
                cells.append(f'<c r="{ref}" t="s"><v>{index[v]}</v></c>')
        sheet.append(f'<row r="{r}">{"".join(cells)}</row>')
    esc = lambda s: s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    sst = "".join(f"<si><t>{esc(s)}</t></si>" for s in strings)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Units" sheetId="1" r:id="rId7"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/data.xml"/></Relationships>')
        z.writestr("xl/sharedStrings.xml", f'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{sst}</sst>')
        z.writestr("xl/worksheets/data.xml", f'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{"".join(sheet)}</sheetData></worksheet>')
    return out.getvalue()


