#!/usr/bin/env python3
"""Black-box tests of `tashil text`, `tashil date` and `tashil id`: exact output
formats and exit codes. Env TASHIL_BIN is the binary; TASHIL_SOURCE_DIR the repo."""
import os
import subprocess
import sys

BIN = os.environ.get("TASHIL_BIN", "tashil")
SRC = os.environ.get("TASHIL_SOURCE_DIR", ".")
failures = []


def run(args, stdin=b""):
    p = subprocess.run([BIN] + args, input=stdin, capture_output=True, timeout=120)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8", "replace")


def check(name, got, want):
    if got != want:
        failures.append(f"{name}: got {got!r}, want {want!r}")


def test_normalize():
    rows = []
    with open(os.path.join(SRC, "data", "normalize-public.tsv"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#") or "\t" not in line:
                continue
            rows.append(line.split("\t", 1))
    stdin = "".join(r[0] + "\n" for r in rows).encode()
    rc, out, _ = run(["text", "normalize"], stdin)
    check("normalize rc", rc, 0)
    check("normalize keys", out.split("\n")[:-1], [r[1] for r in rows])
    rc, out, _ = run(["text", "normalize"], b"\n\nabc")
    check("empty lines", out, "\n\nabc\n")
    rc, out, _ = run(["text", "normalize"], b"\xff\xfe\xc0\xaf ok \xed\xa0\x80\n")
    check("invalid utf-8", (rc, out), (0, "ok\n"))
    rc, out, _ = run(["text", "--help"])
    check("text help", (rc, out.startswith("usage:")), (0, True))


def test_date():
    rc, out, _ = run(["date", "gregorian", "1403/1/1", "۱۴۰۳/۰۱/۰۱", "1403-01-01", "1403-12-30",
                      "1404-12-30", "1403-12-31", "abc", "1399-12-30", "1408/1/1"])
    lines = out.split("\n")[:-1]
    check("gregorian rc", rc, 1)
    check("gregorian ok", lines[:4] + lines[7:], ["2024-03-20"] * 3 + ["2025-03-20", "2021-03-20", "2029-03-20"])
    check("gregorian errors", [l.startswith("error: ") for l in lines[4:7]], [True] * 3)
    rc, out, _ = run(["date", "jalali", "2024-03-20", "2025-03-21", "2026-03-21"])
    check("jalali", (rc, out), (0, "1403-01-01\n1404-01-01\n1405-01-01\n"))
    rc, out, _ = run(["date", "jalali"], b"2024-03-20\n2023-02-29\n2025-03-20\n")
    lines = out.split("\n")[:-1]
    check("jalali stdin", (rc, lines[0], lines[1][:7], lines[2]), (1, "1403-01-01", "error: ", "1403-12-30"))
    rc, out, _ = run(["date", "gregorian"], "۱۴۰۵/۰۱/۰۱\n".encode())
    check("gregorian stdin", (rc, out), (0, "2026-03-21\n"))
    for sub in ("jalali", "gregorian"):
        rc, out, _ = run(["date", sub, "--help"])
        check("date help", (rc, out.startswith("usage:")), (0, True))


def test_id():
    rc, out, _ = run(["id", "check", "0499370899", "۰۴۹۹-۳۷۰-۸۹۹", "10380284790"])
    check("id ok", (rc, out), (0, "0499370899\tvalid\tnational-code\n"
                                  "۰۴۹۹-۳۷۰-۸۹۹\tvalid\tnational-code\n"
                                  "10380284790\tvalid\tlegal-id\n"))
    rc, out, _ = run(["id", "check", "0499370898", "123"])
    lines = [l.split("\t") for l in out.split("\n")[:-1]]
    check("id bad rc", rc, 1)
    check("id bad", [(l[0], l[1], len(l) == 3 and len(l[2]) > 0) for l in lines],
          [("0499370898", "invalid", True), ("123", "invalid", True)])
    rc, out, _ = run(["id", "check", "--kind", "postal-code", "12345 67890"])
    check("postal", (rc, out), (0, "12345 67890\tvalid\tpostal-code\n"))
    rc, out, _ = run(["id", "check", "--kind", "legal-id", "0499370899"])
    check("kind forced", (rc, out.split("\t")[1]), (1, "invalid"))
    rc, out, _ = run(["id", "--help"])
    check("id help", (rc, out.startswith("usage:")), (0, True))


for t in (test_normalize, test_date, test_id):
    t()
for f in failures:
    print("FAIL", f)
print(f"{len(failures)} failures")
sys.exit(1 if failures else 0)
