"""Black-box tests of `tashil demo`: the demo province's registry (units, zones,
agencies, IDs that pass their checksums, the same units every time) and the working
group's sessions — about sixty over two years with attendance, agendas from the cases
and resolutions whose outcomes follow from their dates (about 70% of the settled ones
carried out, some open, some overdue, some objected to) — all written through the
store, so the audit chain still verifies. One demo database is built and shared; a
second one checks that the demo is deterministic."""

import datetime
import os
import sqlite3
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from harness import main, run  # noqa: E402
from importfixtures import legal_id  # noqa: E402

_demo = {}


def demo():
    """The shared demo database: (path, stdout of `tashil demo`)."""
    if not _demo:
        _demo["dir"] = tempfile.TemporaryDirectory(prefix="tashil-demo-")
        path = os.path.join(_demo["dir"].name, "demo.db")
        _demo["day"] = tehran_today()
        _demo["out"] = run("demo", "--db", path).stdout
        _demo["path"] = path
    return _demo["path"], _demo["out"]


def tehran_today():
    return (datetime.datetime.now(datetime.timezone.utc)
            + datetime.timedelta(hours=3, minutes=30)).date().isoformat()


def query(path):
    con = sqlite3.connect(path)
    return con, (lambda sql, *a: con.execute(sql, a).fetchall())


def test_demo_province():
    path, out = demo()
    assert "3000 units" in out
    con, q = query(path)
    assert q("SELECT count(*) FROM units") == [(3000,)]
    assert q("SELECT count(*) FROM zones WHERE kind='spot'")[0][0] >= 38
    kinds = dict(q("SELECT kind, count(*) FROM zones GROUP BY kind"))
    assert kinds["specialised_park"] >= 2 and kinds["gov_park"] >= 2
    assert q("SELECT count(*) FROM agencies")[0][0] >= 20
    assert q("SELECT count(*) FROM users WHERE role='agency' AND agency_id IS NOT NULL")[0][0] >= 4
    top = q("SELECT isic FROM units GROUP BY isic ORDER BY count(*) DESC LIMIT 2")
    assert top == [("1520",), ("3100",)], top
    wood = q("SELECT count(*) FROM units WHERE isic LIKE '16%' OR isic='3100'")[0][0]
    assert wood > 600
    assert q("SELECT count(*) FROM units WHERE zone_id IS NULL")[0][0] > 200
    assert q("SELECT count(*) FROM units WHERE licence_kind='none' AND zone_id IN "
             "(SELECT id FROM zones WHERE kind='spot')")[0][0] > 500
    assert q("SELECT min(lat) >= 34.8 AND max(lat) <= 36.4 AND min(lon) >= 50.3 AND "
             "max(lon) <= 53.2 FROM units") == [(1,)]
    assert q("SELECT count(*) FROM zone_stages")[0][0] > 40
    ids = [r[0] for r in q("SELECT national_id FROM units")]
    con.close()
    # Every ID passes its checksum: ask tashil itself, in one batch.
    check = run("id", "check", *ids[:50], check=False)
    assert check.returncode == 0, check.stdout[-500:] + check.stderr[-500:]
    for nid in ids:
        if len(nid) == 11:
            assert legal_id(int(nid[4:10]), nid[:4]) == nid or _legal_ok(nid), nid
        else:
            assert _code_ok(nid), nid


def test_demo_sessions():
    path, out = demo()
    assert "sessions: " in out and "resolutions: " in out, out
    today = _demo["day"]
    con, q = query(path)
    one = lambda sql, *a: q(sql, *a)[0][0]  # noqa: E731

    # About sixty sessions over two years, of every body, the main group most.
    assert 50 <= one("SELECT count(*) FROM meetings") <= 70
    held = one("SELECT count(*) FROM meetings WHERE status='held'")
    assert held >= 45
    assert one("SELECT julianday(max(held_on)) - julianday(min(held_on)) FROM meetings") > 600
    bodies = dict(q("SELECT body_id, count(*) FROM meetings GROUP BY body_id"))
    assert len(bodies) == 5 and max(bodies, key=bodies.get) == 1, bodies
    assert one("SELECT count(*) FROM meetings WHERE status='held' AND held_on > ?", today) == 0
    # the last ones recent (counted in days, so across the Nowruz break too)
    assert one("SELECT count(*) FROM meetings WHERE status='held' AND "
               "julianday(?) - julianday(held_on) <= 30", today) >= 2
    assert one("SELECT count(*) FROM meetings WHERE place LIKE '%فرمانداری اسلامشهر%'") >= 3
    assert one("SELECT count(*) FROM meetings WHERE chair = '' OR secretary = '' OR "
               "starts_at = ''") == 0

    # One or two planned in the coming days, with an agenda ready, and cases left for
    # the agenda builder.
    planned = q("SELECT id, held_on FROM meetings WHERE status='planned'")
    assert 1 <= len(planned) <= 2 and all(d > today for _, d in planned), planned
    for mid, _ in planned:
        assert one("SELECT count(*) FROM meeting_items WHERE meeting_id=?", mid) >= 3
    assert one("SELECT count(*) FROM cases c WHERE state='on_agenda' AND NOT EXISTS (SELECT 1 "
               "FROM meeting_items i JOIN meetings m ON m.id=i.meeting_id WHERE "
               "i.case_id=c.id AND m.status='planned')") >= 1

    # Attendance: 8–15 at every held session; agencies' representatives, about three
    # in four with full authority; members without an agency.
    counts = [r[0] for r in q("SELECT count(a.id) FROM meetings m LEFT JOIN meeting_attendees a "
                              "ON a.meeting_id=m.id WHERE m.status='held' GROUP BY m.id")]
    assert len(counts) == held and min(counts) >= 8 and max(counts) <= 15, counts
    reps, full = q("SELECT count(*), sum(full_authority) FROM meeting_attendees "
                   "WHERE agency_id IS NOT NULL")[0]
    assert 0.6 <= full / reps <= 0.9, (full, reps)
    assert one("SELECT count(*) FROM meeting_attendees WHERE agency_id IS NULL") > 0
    assert one("SELECT count(*) FROM meeting_attendees WHERE position = ''") == 0

    # Agendas of 3–8 items, mostly cases, some free topics, with notes once held.
    items = [r[0] for r in q("SELECT count(*) FROM meeting_items GROUP BY meeting_id")]
    assert min(items) >= 3 and max(items) <= 8, items
    case_items, topics = q("SELECT sum(case_id IS NOT NULL), sum(case_id IS NULL) "
                           "FROM meeting_items")[0]
    assert case_items > 3 * topics > 0, (case_items, topics)
    assert one("SELECT count(*) FROM meeting_items i JOIN meetings m ON m.id=i.meeting_id "
               "WHERE m.status='held' AND i.notes = ''") == 0

    # Resolutions: Persian texts naming their agency, deadlines one to three months
    # on (an amendment adds one), numbered per session.
    n = one("SELECT count(*) FROM resolutions")
    assert n >= 200, n
    assert one("SELECT count(*) FROM resolutions r JOIN agencies a ON a.id=r.agency_id "
               "WHERE instr(r.text, a.name) = 0") == 0
    assert one("SELECT count(*) FROM resolutions WHERE julianday(deadline) - "
               "julianday(notice_on) NOT BETWEEN 28 AND 130") == 0
    assert one("SELECT count(*) FROM resolutions WHERE number NOT LIKE '14__/%'") == 0
    # Each case item's resolutions decide its case; the case moved on with them.
    assert one("SELECT count(*) FROM resolutions r JOIN meeting_items i ON i.id=r.item_id "
               "WHERE i.case_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM resolution_cases rc "
               "WHERE rc.resolution_id=r.id AND rc.case_id=i.case_id)") == 0
    assert one("SELECT count(*) FROM resolution_cases rc JOIN cases c ON c.id=rc.case_id "
               "WHERE c.state NOT IN ('decided','in_execution','closed','on_agenda')") == 0
    assert one("SELECT count(*) FROM cases WHERE state='closed' AND id IN "
               "(SELECT case_id FROM resolution_cases)") > 100

    # Outcomes: about 70% of the settled ones carried out; the others partly or not,
    # whose fault recorded, the agencies' more often.
    states = dict(q("SELECT state, count(*) FROM resolutions GROUP BY state"))
    settled = sum(states.get(s, 0) for s in ("carried_out", "partly", "not_carried_out"))
    share = states.get("carried_out", 0) / settled
    assert 0.6 <= share <= 0.8, (share, states)
    assert one("SELECT count(*) FROM resolutions WHERE state IN ('partly','not_carried_out') "
               "AND fault IS NULL") == 0
    faults = dict(q("SELECT fault, count(*) FROM resolutions WHERE fault IS NOT NULL "
                    "GROUP BY fault"))
    assert faults.get("agency", 0) >= 10 and faults.get("applicant", 0) >= 5, faults
    # ... some agencies much more than others (the report of agencies at fault).
    by_agency = [r[0] for r in q("SELECT count(*) FROM resolutions WHERE fault='agency' "
                                 "GROUP BY agency_id ORDER BY 1 DESC")]
    assert len(by_agency) >= 3 and by_agency[0] >= 3 * by_agency[-1], by_agency
    assert one("SELECT count(*) FROM resolutions WHERE outcome_on IS NOT NULL AND "
               "outcome_on <= window_ends_on") == 0
    # Some still open: in the objection window, in execution, overdue.
    assert one("SELECT count(*) FROM resolutions WHERE state='issued' AND "
               "window_ends_on >= ?", today) >= 1
    assert one("SELECT count(*) FROM resolutions WHERE state IN ('issued','objection_pending',"
               "'in_execution')") >= 10
    overdue = one("SELECT count(*) FROM resolutions WHERE state IN ('issued',"
                  "'objection_pending','in_execution') AND deadline < ?", today)
    assert 1 <= overdue <= n // 5, overdue
    # Objections by the responsible agency: a few percent, most upheld, some
    # amended or accepted (the resolution void).
    objected = one("SELECT count(*) FROM resolutions WHERE objected_on IS NOT NULL")
    assert 0.02 * n <= objected <= 0.12 * n, (objected, n)
    rulings = dict(q("SELECT ruling, count(*) FROM resolutions WHERE ruling IS NOT NULL "
                     "GROUP BY ruling"))
    assert rulings.get("upheld", 0) >= rulings.get("accepted", 0), rulings
    assert rulings.get("amended", 0) + rulings.get("accepted", 0) >= 1, rulings
    assert one("SELECT count(*) FROM resolutions WHERE objected_on IS NOT NULL AND "
               "objected_on > window_ends_on") == 0
    assert one("SELECT count(*) FROM resolutions WHERE state='objected'") == \
        rulings.get("accepted", 0)

    # The history happened on the days it describes: issued on the notice day,
    # the case decided then, every change stamped in the past.
    for kind, day in (("issue", "notice_on"), ("outcome", "outcome_on"), ("object", "objected_on")):
        assert one("SELECT count(*) FROM resolution_events e JOIN resolutions r ON "
                   "r.id=e.resolution_id WHERE e.kind=? AND date(e.at, '+210 minutes') <> "
                   f"r.{day}", kind) == 0, kind
    assert one("SELECT count(*) FROM case_events e JOIN resolution_cases rc ON "
               "rc.case_id=e.case_id JOIN resolutions r ON r.id=rc.resolution_id WHERE "
               "e.kind='decide' AND e.body LIKE '%' || r.number AND date(e.at, '+210 minutes') "
               "<> r.notice_on") == 0
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert one("SELECT count(*) FROM audit_events WHERE at > ?", now) == 0
    con.close()

    # Everything was written through the store: the audit chain holds.
    p = run("audit", "verify", "--db", path)
    assert "intact" in p.stdout, p.stdout


def test_demo_is_deterministic():
    path, _ = demo()
    d = tempfile.TemporaryDirectory(prefix="tashil-demo2-")
    path2 = os.path.join(d.name, "demo2.db")
    run("demo", "--db", path2)
    c1, c2 = sqlite3.connect(path), sqlite3.connect(path2)
    sql = "SELECT national_id, name, lat, lon, isic FROM units ORDER BY id"
    assert c1.execute(sql).fetchall() == c2.execute(sql).fetchall()
    # The sessions follow from the day: the same when both ran on the same day.
    if tehran_today() == _demo["day"]:
        for sql in ("SELECT number, text, agency_id, deadline, state, fault FROM resolutions "
                    "ORDER BY id",
                    "SELECT meeting_id, name, position, agency_id, full_authority FROM "
                    "meeting_attendees ORDER BY id"):
            assert c1.execute(sql).fetchall() == c2.execute(sql).fetchall(), sql
    c1.close()
    c2.close()
    d.cleanup()


def _legal_ok(nid):
    d = [int(c) for c in nid]
    k = d[9] + 2
    c = sum((d[i] + k) * [29, 27, 23, 19, 17][i % 5] for i in range(10)) % 11
    return (0 if c == 10 else c) == d[10] and any(d[3:9])


def _code_ok(nid):
    d = [int(c) for c in nid]
    r = sum(d[i] * (10 - i) for i in range(9)) % 11
    return len(set(nid)) > 1 and d[9] == (r if r < 2 else 11 - r)


if __name__ == "__main__":
    main([test_demo_province, test_demo_sessions, test_demo_is_deterministic])
