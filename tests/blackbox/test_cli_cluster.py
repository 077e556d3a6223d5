#!/usr/bin/env python3
"""Black-box tests of `tashil cluster` (issue 8): the exact CSV it writes, the
numbering order, input forms (file, stdin, BOM, CRLF, quotes), the poles and the
antimeridian, order independence, and the error messages and exit codes.

Python 3 stdlib only; TASHIL_BIN is the binary under test."""
import math
import os
import random
import subprocess
import sys
import tempfile
import unittest

BIN = os.environ.get("TASHIL_BIN", "tashil")
R = 6371008.8


def run(args, data=None, binary=False):
    p = subprocess.run([BIN, "cluster", *args], input=data if binary or data is None else data.encode(),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def offset(lat, lon, north_m, east_m):
    return (lat + north_m / R * 180 / math.pi,
            lon + east_m / (R * math.cos(math.radians(lat))) * 180 / math.pi)


def csv_of(rows, header="id,lat,lon"):
    return header + "\n" + "".join(",".join(str(x) for x in r) + "\n" for r in rows)


def parse_out(text):
    lines = text.split("\n")
    assert lines[0] == "id,cluster,core", lines[0]
    assert lines[-1] == ""
    return [tuple(l.rsplit(",", 2)) for l in lines[1:-1]]


class ClusterCli(unittest.TestCase):
    def test_help(self):
        rc, out, err = run(["--help"])
        self.assertEqual(rc, 0)
        self.assertIn("usage: tashil cluster --eps METRES --min-points N", out)
        self.assertIn("id,cluster,core", out)

    def test_exact_output_and_numbering(self):
        rows = []
        a0, b0 = (35.70, 51.40), (36.00, 52.00)
        rows.append(("n1", 30.0, 50.0))                       # noise, first line
        rows.append(("b1", *offset(*b0, 0, 0)))                 # cluster B appears first
        rows.append(("a1", *offset(*a0, 0, 0)))
        rows.append(("b2", *offset(*b0, 10, 0)))
        rows.append(("a2", *offset(*a0, 10, 0)))
        rows.append(("b3", *offset(*b0, 0, 10)))
        rows.append(("a3", *offset(*a0, 0, 10)))
        rows.append(("ab", *offset(*a0, 0, 55)))                # border of A: 45 m from a3
        rows.append(("n2", *offset(*a0, 0, 200)))               # noise near A
        rc, out, err = run(["--eps", "50", "--min-points", "3"], csv_of(rows))
        self.assertEqual((rc, err), (0, ""))
        self.assertEqual(out, "id,cluster,core\n"
                              "n1,-1,0\nb1,0,1\na1,1,1\nb2,0,1\na2,1,1\nb3,0,1\na3,1,1\n"
                              "ab,1,0\nn2,-1,0\n")

    def test_input_forms_agree(self):
        rows = [("p%d" % i, *offset(29.6, 52.5, (i % 7) * 20.0, (i // 7) * 20.0)) for i in range(40)]
        text = csv_of(rows)
        base = run(["--eps", "30", "--min-points", "4"], text)
        self.assertEqual(base[0], 0)
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "in.csv")
            with open(path, "w") as f:
                f.write(text)
            self.assertEqual(run(["--eps", "30", "--min-points", "4", path]), base)
            self.assertEqual(run(["--eps=30", "--min-points=4", "--", path]), base)
        self.assertEqual(run(["--min-points", "4", "--eps", "30", "-"], text), base)
        # BOM, CRLF, other columns, another column order, quoted fields
        other = "\ufeffname,lon,ID,Lat\r\n" + "".join(
            '"x, %s",%r,%s,%r\r\n' % (r[0], r[2], r[0], r[1]) for r in rows)
        self.assertEqual(run(["--eps", "30", "--min-points", "4"], other), base)
        self.assertEqual(run(["--eps", "30", "--min-points", "4", "--threads", "1"], text), base)

    def test_ids_are_quoted_when_needed(self):
        rows = ['"a,b",35,51', '"say ""hi""",35.0001,51', 'واحد-۱,35.0002,51', '"multi\nline",35.0003,51']
        rc, out, err = run(["--eps", "100", "--min-points", "2"], "id,lat,lon\n" + "\n".join(rows) + "\n")
        self.assertEqual(rc, 0, err)
        self.assertEqual(out, 'id,cluster,core\n"a,b",0,1\n"say ""hi""",0,1\nواحد-۱,0,1\n"multi\nline",0,1\n')

    def test_poles_and_antimeridian(self):
        rows = [("e", 0.0, 179.9999), ("w", 0.0, -179.9999),       # 22 m apart across the seam
                ("n1", 89.9999, 0.0), ("n2", 89.9999, 180.0),      # 22 m apart across the pole
                ("n3", 90.0, 45.0), ("s1", -90.0, 0.0), ("s2", -89.9999, -90.0),
                ("far", 0.0, 0.0)]
        rc, out, err = run(["--eps", "50", "--min-points", "2"], csv_of(rows))
        self.assertEqual(rc, 0, err)
        got = {i: (int(c), int(k)) for i, c, k in parse_out(out)}
        self.assertEqual(got["e"][0], got["w"][0])
        self.assertEqual(got["n1"][0], got["n2"][0])
        self.assertEqual(got["n1"][0], got["n3"][0])
        self.assertEqual(got["s1"][0], got["s2"][0])
        self.assertEqual(got["far"], (-1, 0))
        self.assertEqual(len({got[k][0] for k in ("e", "n1", "s1")}), 3)

    def test_shuffled_input_same_partition(self):
        rnd = random.Random(8)
        rows = []
        for b in range(30):
            c = offset(32.0, 54.0, rnd.uniform(-5000, 5000), rnd.uniform(-5000, 5000))
            for _ in range(rnd.randint(2, 12)):
                rows.append(offset(*c, rnd.gauss(0, 60), rnd.gauss(0, 60)))
        rows += [offset(32.0, 54.0, rnd.uniform(-5000, 5000), rnd.uniform(-5000, 5000)) for _ in range(100)]
        rows = [("u%d" % i, la, lo) for i, (la, lo) in enumerate(rows)]

        def result(rs):
            rc, out, err = run(["--eps", "120", "--min-points", "4"], csv_of(rs))
            self.assertEqual(rc, 0, err)
            res = parse_out(out)
            self.assertEqual([r[0] for r in res], [r[0] for r in rs])  # input order
            seen = []
            for _, c, _k in res:                                        # numbering order
                if c != "-1" and c not in seen:
                    self.assertEqual(int(c), len(seen))
                    seen.append(c)
            return {i: (c, k) for i, c, k in res}

        first = result(rows)
        for seed in range(3):
            shuffled = rows[:]
            random.Random(seed).shuffle(shuffled)
            again = result(shuffled)
            m1, m2 = {}, {}
            for i, (c, k) in first.items():
                c2, k2 = again[i]
                self.assertEqual(k, k2)
                self.assertEqual(c == "-1", c2 == "-1")
                if c != "-1":
                    self.assertEqual(m1.setdefault(c, c2), c2)
                    self.assertEqual(m2.setdefault(c2, c), c)

    def check_error(self, args, data, status, *needles):
        rc, out, err = run(args, data, binary=isinstance(data, bytes))
        self.assertEqual(rc, status, (args, data, err))
        self.assertEqual(out, "", "no partial output")
        self.assertTrue(err.startswith("tashil cluster: "), err)
        for n in needles:
            self.assertIn(n, err)

    def test_bad_rows_name_their_line(self):
        ok = ["--eps", "50", "--min-points", "2"]
        good = "id,lat,lon\n1,35,51\n2,35,51\n"
        self.check_error(ok, good + "3,abc,51\n", 1, "line 4", "lat 'abc' is not a number")
        self.check_error(ok, good + "3,91,51\n", 1, "line 4", "lat '91' is out of range")
        self.check_error(ok, good + "3,35,-180.5\n", 1, "line 4", "out of range")
        self.check_error(ok, good + "3,NaN,51\n", 1, "line 4", "not a number")
        self.check_error(ok, good + "3,inf,51\n", 1, "line 4")
        self.check_error(ok, good + "3,1e999,51\n", 1, "line 4", "out of range")
        self.check_error(ok, good + "3,35\n", 1, "line 4", "2 fields, but the header has 3")
        self.check_error(ok, good + '3,"35,51\n4,1,1\n', 1, "line 4", "not closed")
        self.check_error(ok, good + "3,35,5\"1\n", 1, "line 4", "quote")
        self.check_error(ok, (good + "3,35,51\x00\n").encode(), 1, "line 4", "NUL")
        self.check_error(ok, good + ",35,51\n", 1, "line 4", "empty id")
        self.check_error(ok, "id,lat\n1,35\n", 1, "line 1", "no 'lon' column")
        self.check_error(ok, "", 1, "empty input")
        self.check_error(ok, "id,lat,lon\n", 1, "no points")
        self.check_error(ok, "id,lat,lon\r\n\r\n", 1, "no points")
        self.check_error(ok, "id,lat,lon\n1," + "9" * 70000 + ",51\n", 1, "line 2", "longer than")

    def test_bad_arguments(self):
        data = "id,lat,lon\n1,35,51\n"
        self.check_error(["--eps", "0", "--min-points", "2"], data, 1, "--eps must be greater than 0")
        self.check_error(["--eps", "-5", "--min-points", "2"], data, 1, "--eps must be greater than 0")
        self.check_error(["--eps", "abc", "--min-points", "2"], data, 1, "--eps 'abc' is not a number")
        self.check_error(["--eps", "nan", "--min-points", "2"], data, 1, "not a number")
        self.check_error(["--eps", "1e-9", "--min-points", "2"], data, 1, "at least")
        self.check_error(["--eps", "10", "--min-points", "0"], data, 1, "--min-points must be a whole number >= 1")
        self.check_error(["--eps", "10", "--min-points", "-1"], data, 1, "--min-points")
        self.check_error(["--eps", "10", "--min-points", "2.5"], data, 1, "--min-points")
        self.check_error(["--eps", "10"], data, 2, "required")
        self.check_error(["--min-points", "3"], data, 2, "required")
        self.check_error(["--eps", "10", "--min-points", "2", "--bogus"], data, 2, "unexpected argument")
        self.check_error(["--eps", "10", "--min-points"], data, 2, "needs a value")
        self.check_error(["--eps", "10", "--min-points", "2", "/nonexistent/x.csv"], None, 1, "/nonexistent/x.csv")
        self.check_error(["--eps", "10", "--min-points", "2", "a.csv", "b.csv"], None, 2, "unexpected argument")


if __name__ == "__main__":
    unittest.main(verbosity=2)
