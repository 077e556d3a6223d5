"""Black-box tests of the registry JSON API (/api/v1/ units, zones, agencies,
categories): every action, every kind of refusal (malformed JSON, wrong types,
unknown members, invalid values, duplicates, stale or missing If-Match, deletes with
dependents), cursor pagination and filters, and the role x route matrix."""

import json
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import Server, main, run  # noqa: E402

USERS = (("admin", "admin"), ("dabir", "secretariat"), ("ozv", "member"),
         ("bank", "agency"), ("tolid", "producer"), ("tolid2", "producer"))


def legal_id(seed):
    """A legal national ID with a valid check digit (fa_id's rule)."""
    w = [29, 27, 23, 19, 17]
    d = [1, 0, 1, 0] + [(seed >> (i - 4) * 3) % 10 for i in range(4, 10)]
    if sum(d[4:10]) == 0:
        d[9] = 1
    k = d[9] + 2
    c = sum((d[i] + k) * w[i % 5] for i in range(10)) % 11
    return "".join(map(str, d + [0 if c == 10 else c]))


class Api:
    """Speaks JSON to the server with one user's API token (None: anonymous)."""

    def __init__(self, s, user):
        self.s = s
        self.token = run("token", "create", "--db", s.db, "--user", user).stdout.strip() if user else None

    def call(self, method, path, body=None, raw=None, headers=None, ctype="application/json"):
        return self.s.api(method, path, self.token, body=body, raw=raw, headers=headers, ctype=ctype)

    def get(self, path, **kw):
        return self.call("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.call("POST", path, body=body, **kw)

    def put(self, path, body=None, etag=None, **kw):
        headers = kw.pop("headers", {})
        if etag:
            headers["If-Match"] = etag
        return self.call("PUT", path, body=body, headers=headers, **kw)

    def delete(self, path, etag=None, **kw):
        headers = kw.pop("headers", {})
        if etag:
            headers["If-Match"] = etag
        return self.call("DELETE", path, headers=headers, **kw)

    def create(self, coll, body):
        r = self.post(f"/api/v1/{coll}", body)
        assert r.status == 201, (coll, r.status, r.body)
        return r.json


def unit_body(seed, **kw):
    b = {"national_id": legal_id(seed), "name": f"واحد شماره {seed}", "isic": "1520",
         "employees": 10, "state": "active", "county_id": 2}
    b.update(kw)
    return b


def zone_body(name="لکه صنعتی خیابان پدر", **kw):
    b = {"kind": "spot", "name": name, "county_id": 2,
         "outline": {"type": "Polygon",
                     "coordinates": [[[51.22, 35.53], [51.24, 35.53], [51.24, 35.55], [51.22, 35.53]]]},
         "center_lat": 35.54, "center_lon": 51.23, "area_ha": 12.5, "stage": "identified"}
    b.update(kw)
    return b


def err(r, status, code, field=None):
    assert r.status == status, (status, r.status, r.body)
    assert r.json["error"]["code"] == code, r.body
    assert r.json["error"]["message"]
    if field:
        assert field in r.json["error"].get("fields", {}), (field, r.body)


def test_units_crud_and_optimistic_concurrency():
    with Server(users=USERS) as s:
        a = Api(s, "dabir")
        r = a.post("/api/v1/units", unit_body(1, lat=35.55, lon=51.23, phone="۰۲۱-۵۶۱۲۳۴۵۶"))
        assert r.status == 201, r.body
        u = r.json
        assert r.header("Location") == f"/api/v1/units/{u['id']}"
        assert r.header("ETag") == '"v1"' and u["version"] == 1
        assert u["national_id"] == legal_id(1) and u["id_kind"] == "legal-id"
        assert u["phone"] == "02156123456"  # ASCII digits in the API
        assert u["county"] == "اسلامشهر" and u["sector"] == "کفش" and u["zone_id"] is None
        assert abs(u["lat"] - 35.55) < 1e-6 and u["created_at"].endswith("Z")
        path = r.header("Location")
        g = a.get(path)
        assert g.status == 200 and g.header("ETag") == '"v1"' and g.json == u
        lst = a.get("/api/v1/units")
        assert lst.status == 200 and lst.json["total"] == 1 and lst.json["next_cursor"] is None
        assert lst.json["items"][0]["id"] == u["id"]

        # PUT replaces the whole record; needs If-Match
        new = unit_body(1, name="نام تازه", employees=20)
        err(a.put(path, new), 428, "precondition_required")
        err(a.put(path, new, etag="v1"), 400, "bad_request")
        err(a.put(path, new, etag="*"), 400, "bad_request")
        r = a.put(path, new, etag='"v1"')
        assert r.status == 200 and r.header("ETag") == '"v2"', r.body
        assert r.json["name"] == "نام تازه" and r.json["lat"] is None and r.json["phone"] == ""
        err(a.put(path, unit_body(1, name="دیگر"), etag='"v1"'), 409, "conflict")  # stale
        assert a.get(path).json["name"] == "نام تازه"

        err(a.delete(path), 428, "precondition_required")
        err(a.delete(path, etag='"v1"'), 409, "conflict")
        d = a.delete(path, etag='"v2"')
        assert d.status == 204 and d.raw == b""
        err(a.get(path), 404, "not_found")
        err(a.put(path, new, etag='"v2"'), 404, "not_found")
        err(a.delete(path, etag='"v2"'), 404, "not_found")
        err(a.get("/api/v1/units/abc"), 404, "not_found")
        r = a.call("PATCH", path, {"name": "x"})  # full replacement only: PUT
        err(r, 405, "method_not_allowed")
        assert set(r.header("Allow").split(", ")) == {"GET", "HEAD", "PUT", "DELETE"}
        err(a.get("/api/v1/units/0"), 404, "not_found")
        # the audit chain holds the writes
        p = run("audit", "verify", "--db", s.db)
        assert p.returncode == 0, p.stdout


def test_unit_body_refusals():
    with Server(users=USERS) as s:
        a = Api(s, "admin")
        U = "/api/v1/units"
        err(a.post(U, raw=b'{"national_id": '), 400, "bad_request")
        err(a.post(U, raw=b'[]'), 400, "bad_request")
        err(a.post(U, raw=b'"x"'), 400, "bad_request")
        err(a.post(U, raw=b'{"name":"a"} trailing'), 400, "bad_request")
        err(a.post(U, raw=b'{"name":"a","name":"b"}'), 400, "bad_request")  # duplicate key
        err(a.post(U, raw=b'{"name":"\xff\xfe"}'), 400, "bad_request")  # not UTF-8
        err(a.post(U, raw=b'{"name":"a\\u0000b"}'), 400, "bad_request")  # NUL
        err(a.post(U, body=unit_body(2), ctype="text/plain"), 415, "unsupported_media_type")
        err(a.post(U, body=unit_body(2), ctype=None), 415, "unsupported_media_type")
        err(a.post(U, unit_body(2, colour="red")), 400, "bad_request", "colour")
        err(a.post(U, unit_body(2, id=5)), 400, "bad_request", "id")  # read-only members too
        err(a.post(U, unit_body(2, employees="12")), 400, "bad_request", "employees")
        err(a.post(U, unit_body(2, employees=1.5)), 400, "bad_request", "employees")
        err(a.post(U, unit_body(2, national_id=10100000008)), 400, "bad_request", "national_id")
        err(a.post(U, unit_body(2, lat="35")), 400, "bad_request", "lat")
        err(a.post(U, unit_body(2, zone_id=True)), 400, "bad_request", "zone_id")
        err(a.post(U, unit_body(2, name=["x"])), 400, "bad_request", "name")
        # values: 422 naming every field
        r = a.post(U, {"national_id": "10100000008", "name": " ", "state": "sleepy", "employees": -1,
                       "lat": 48.85, "lon": 2.35, "postal_code": "12345", "isic": "15a0",
                       "licence_kind": "driving"})
        err(r, 422, "validation")
        for f in ("national_id", "name", "state", "employees", "lat", "postal_code", "isic", "licence_kind"):
            assert f in r.json["error"]["fields"], (f, r.body)
        assert "checksum" in r.json["error"]["fields"]["national_id"] or \
            "check digit" in r.json["error"]["fields"]["national_id"]
        assert "outside Iran" in r.json["error"]["fields"]["lat"]
        err(a.post(U, {"name": "x"}), 422, "validation", "national_id")
        err(a.post(U, unit_body(2, lat=35.5)), 422, "validation", "lon")
        err(a.post(U, unit_body(2, county_id=999)), 422, "validation", "county_id")
        err(a.post(U, unit_body(2, county_id=0)), 422, "validation", "county_id")
        err(a.post(U, unit_body(2, zone_id=999)), 422, "validation", "zone_id")
        err(a.post(U, unit_body(2, isic="9999")), 422, "validation", "isic")
        err(a.post(U, unit_body(2, licence_kind="operating")), 422, "validation", "licence_no")
        # Persian labels and digits are accepted for values
        r = a.post(U, unit_body(2, state="نیمه فعال", employees=3, isic="۱۵۲۰"))
        assert r.status == 201 and r.json["state"] == "semi_active" and r.json["isic"] == "1520", r.body
        # duplicate national ID: 409, on create and on update of another unit
        r = a.post(U, unit_body(2, name="تکراری"))
        err(r, 409, "conflict", "national_id")
        other = a.create("units", unit_body(3))
        err(a.put(f"{U}/{other['id']}", unit_body(2), etag='"v1"'), 409, "conflict", "national_id")
        assert a.get(U).json["total"] == 2  # nothing refused was written


def test_unit_filters_and_cursor_pagination():
    with Server(users=USERS) as s:
        a = Api(s, "dabir")
        z = a.create("zones", zone_body())
        made = [
            a.create("units", unit_body(10, name="تولیدی کفش‌های ورزشی", zone_id=z["id"])),
            a.create("units", unit_body(11, name="مبلمان چوبی", isic="3100", state="idle")),
            a.create("units", unit_body(12, name="کفش ملی", county_id=3)),
            a.create("units", unit_body(13, name="نان و شیرینی", isic="1071", zone_id=z["id"])),
            a.create("units", unit_body(14, name="کارگاه کفش دوزی", state="semi_active")),
        ]
        ids = [u["id"] for u in made]
        seen, cursor, pages = [], None, 0
        while True:
            r = a.get("/api/v1/units?limit=2" + (f"&cursor={cursor}" if cursor else ""))
            assert r.status == 200 and r.json["total"] == 5, r.body
            assert len(r.json["items"]) <= 2
            seen += [u["id"] for u in r.json["items"]]
            pages += 1
            cursor = r.json["next_cursor"]
            if cursor is None:
                break
        assert seen == sorted(ids) and pages == 3

        def names(q):
            r = a.get("/api/v1/units?" + q)
            assert r.status == 200, r.body
            assert r.json["total"] == len(r.json["items"])
            return sorted(u["national_id"] for u in r.json["items"])

        assert names(f"zone_id={z['id']}") == sorted([legal_id(10), legal_id(13)])
        assert names("county_id=3") == [legal_id(12)]
        assert names("state=idle") == [legal_id(11)]
        assert names("isic=1071") == [legal_id(13)]
        assert names("sector=%D9%85%D8%A8%D9%84%D9%85%D8%A7%D9%86") == [legal_id(11)]  # مبلمان
        # full-text: Arabic kaf/yeh and spacing do not matter
        assert names("q=%D9%83%D9%81%D8%B4") == sorted([legal_id(10), legal_id(12), legal_id(14)])  # كفش
        assert names("q=%DA%A9%D9%81%D8%B4&state=active") == sorted([legal_id(10), legal_id(12)])
        assert names("q=%21%21") == sorted(legal_id(i) for i in range(10, 15))  # nothing searchable
        for bad in ("limit=0", "limit=201", "limit=x", "cursor=%21%21", "cursor=MA", "state=sleepy",
                    "isic=15", "zone_id=-1", "county_id=abc"):
            err(a.get("/api/v1/units?" + bad), 400, "bad_request")
        r = a.get("/api/v1/units?limit=200")
        assert r.status == 200 and len(r.json["items"]) == 5 and r.json["next_cursor"] is None


def test_zones_outline_infrastructure_and_stages():
    with Server(users=USERS) as s:
        a = Api(s, "dabir")
        r = a.post("/api/v1/zones", zone_body())
        assert r.status == 201 and r.header("ETag") == '"v1"', r.body
        z = r.json
        path = r.header("Location")
        assert z["outline"]["type"] == "Polygon" and z["outline"]["coordinates"][0][1] == [51.24, 35.53]
        assert z["stage"] == "identified" and z["county"] == "اسلامشهر"
        # list items carry no outline
        lst = a.get("/api/v1/zones?kind=spot")
        assert lst.json["total"] == 1 and "outline" not in lst.json["items"][0]
        assert a.get("/api/v1/zones?kind=gov_park").json["total"] == 0
        assert a.get("/api/v1/zones?q=%D9%BE%D8%AF%D8%B1").json["total"] == 1  # پدر
        err(a.get("/api/v1/zones?kind=lake"), 400, "bad_request")

        ring = [[51.22, 35.53], [51.24, 35.53], [51.24, 35.55], [51.22, 35.53]]
        bad_outlines = [
            {"type": "Point", "coordinates": [51.2, 35.5]},
            {"type": "Polygon", "coordinates": [[[51.22, 35.53], [51.24, 35.53], [51.24, 35.55], [51.2, 35.5]]]},
            {"type": "Polygon", "coordinates": [[[51.22, 35.53], [51.24, 35.53], [51.22, 35.53]]]},
            {"type": "Polygon", "coordinates": [[[191.0, 35.5], [51.24, 35.53], [51.24, 35.55], [191.0, 35.5]]]},
            {"type": "Polygon", "coordinates": [[[51.2, 95.0], [51.24, 35.53], [51.24, 35.55], [51.2, 95.0]]]},
            {"type": "Polygon", "coordinates": []},
            {"type": "Polygon", "coordinates": [ring], "crs": "x"},
            {"type": "Polygon", "coordinates": [[["51", "35"]] * 4]},
        ]
        for o in bad_outlines:
            err(a.post("/api/v1/zones", zone_body("دیگر", outline=o)), 422, "validation", "outline")
        err(a.post("/api/v1/zones", zone_body("دیگر", outline=[1])), 400, "bad_request", "outline")
        err(a.post("/api/v1/zones", zone_body("دیگر", center_lat=48.8, center_lon=2.3)), 422,
            "validation", "center_lat")
        err(a.post("/api/v1/zones", zone_body("دیگر", kind="lake", county_id=99, stage="x")), 422,
            "validation", "kind")
        err(a.post("/api/v1/zones", {"kind": "spot", "name": "x", "county_id": 99}), 422, "validation",
            "county_id")
        err(a.post("/api/v1/zones", zone_body()), 409, "conflict")  # same name in the county

        new = zone_body(outline=None, notes="یادداشت", kind="nongov_park", stage=None)
        err(a.put(path, new), 428, "precondition_required")
        r = a.put(path, new, etag='"v1"')
        assert r.status == 200 and r.json["outline"] is None and r.json["version"] == 2, r.body
        err(a.put(path, new, etag='"v1"'), 409, "conflict")

        # infrastructure
        infra = path + "/infrastructure"
        assert a.get(infra).json == {"items": []}
        r = a.put(infra + "/gas", {"state": "partial", "note": "تا ورودی", "as_of": "2026-11-01"})
        assert r.status == 200 and r.json == {"utility": "gas", "state": "partial", "note": "تا ورودی",
                                              "as_of": "2026-11-01"}, r.body
        a.put(infra + "/gas", {"state": "full"})
        assert a.get(infra).json["items"] == [{"utility": "gas", "state": "full", "note": "", "as_of": None}]
        err(a.put(infra + "/oil", {"state": "full"}), 404, "not_found")
        err(a.put(infra + "/gas", {"state": "some"}), 422, "validation", "state")
        err(a.put(infra + "/gas", {"state": "full", "as_of": "2026-02-30"}), 422, "validation", "as_of")
        err(a.put(infra + "/gas", {"state": "full", "by": "me"}), 400, "bad_request", "by")
        err(a.put("/api/v1/zones/999/infrastructure/gas", {"state": "full"}), 404, "not_found")

        # conversion stages
        stages = path + "/stages"
        r = a.post(stages, {"stage": "studies", "reached": "2026-10-15"})
        assert r.status == 200 and r.json["current"] == "studies", r.body
        a.post(stages, {"stage": "identified", "reached": "2026-09-01"})
        r = a.get(stages)
        assert r.json == {"items": [{"stage": "identified", "reached": "2026-09-01"},
                                    {"stage": "studies", "reached": "2026-10-15"}], "current": "studies"}
        assert a.get(path).json["stage"] == "studies"
        err(a.post(stages, {"stage": "studies", "reached": "15/10/2026"}), 422, "validation", "reached")
        err(a.post(stages, {"stage": "party", "reached": "2026-10-15"}), 422, "validation", "stage")
        err(a.post(stages, {"stage": "studies"}), 422, "validation", "reached")
        err(a.get("/api/v1/zones/999/stages"), 404, "not_found")

        # a zone with units cannot be deleted
        etag = a.get(path).header("ETag")
        u = a.create("units", unit_body(40, zone_id=z["id"]))
        r = a.delete(path, etag=etag)
        err(r, 409, "conflict")
        assert "units" in r.json["error"]["message"]
        assert a.delete(f"/api/v1/units/{u['id']}", etag='"v1"').status == 204
        assert a.delete(path, etag=etag).status == 204
        err(a.get(path), 404, "not_found")


def test_agencies_and_categories():
    with Server(users=USERS) as s:
        a = Api(s, "admin")
        r = a.post("/api/v1/agencies", {"name": "بانک ملی استان", "kind": "bank", "phone": "021"})
        assert r.status == 201 and r.header("ETag") == '"v1"', r.body
        bank = r.json
        assert bank["liaisons"] == 0 and bank["parent_id"] is None
        branch = a.create("agencies", {"name": "شعبه اسلامشهر", "kind": "bank", "parent_id": bank["id"]})
        err(a.post("/api/v1/agencies", {"name": "بانک ملی استان", "kind": "bank"}), 409, "conflict")
        err(a.post("/api/v1/agencies", {"name": "x", "kind": "bank", "parent_id": 999}), 422,
            "validation", "parent_id")
        err(a.post("/api/v1/agencies", {"name": "x", "kind": "circus"}), 422, "validation", "kind")
        err(a.post("/api/v1/agencies", {"name": "x", "kind": "bank", "parent_id": "1"}), 400,
            "bad_request", "parent_id")
        bp = f"/api/v1/agencies/{bank['id']}"
        err(a.put(bp, {"name": "بانک", "kind": "bank", "parent_id": bank["id"]}, etag='"v1"'), 422,
            "validation", "parent_id")
        r = a.put(bp, {"name": "بانک ملی", "kind": "bank"}, etag='"v1"')
        assert r.status == 200 and r.json["name"] == "بانک ملی" and r.header("ETag") == '"v2"'
        assert a.get("/api/v1/agencies?kind=bank").json["total"] == 2
        assert [x["id"] for x in a.get(f"/api/v1/agencies?parent_id={bank['id']}").json["items"]] == [branch["id"]]
        err(a.delete(bp, etag='"v2"'), 409, "conflict")  # a branch is under it
        # a liaison of the branch keeps it too (the CLI cannot set agency_id yet)
        with sqlite3.connect(s.db) as db:
            db.execute("UPDATE users SET agency_id = ? WHERE name = 'bank'", (branch["id"],))
        db.close()
        assert a.get(f"/api/v1/agencies/{branch['id']}").json["liaisons"] == 1
        r = a.delete(f"/api/v1/agencies/{branch['id']}", etag='"v1"')
        err(r, 409, "conflict")
        assert "liaisons" in r.json["error"]["message"]
        with sqlite3.connect(s.db) as db:
            db.execute("UPDATE users SET agency_id = NULL WHERE name = 'bank'")
        db.close()
        assert a.delete(f"/api/v1/agencies/{branch['id']}", etag='"v1"').status == 204
        err(a.delete(bp, etag='"v1"'), 409, "conflict")  # stale
        assert a.delete(bp, etag='"v2"').status == 204

        # categories: the defaults are there; two levels only
        lst = a.get("/api/v1/categories?limit=200")
        assert lst.status == 200 and lst.json["total"] >= 10
        top = a.create("categories", {"name": "آزمایشی", "agency_kind": "tax"})
        assert top["answer_days"] == 10 and top["parent_id"] is None
        child = a.create("categories", {"name": "زیرشاخه", "parent_id": top["id"], "answer_days": 5})
        err(a.post("/api/v1/categories", {"name": "نوه", "parent_id": child["id"]}), 422, "validation",
            "parent_id")
        err(a.post("/api/v1/categories", {"name": "زیرشاخه", "parent_id": top["id"]}), 409, "conflict")
        err(a.post("/api/v1/categories", {"name": "آزمایشی"}), 409, "conflict")  # top-level twin
        err(a.post("/api/v1/categories", {"name": "x", "answer_days": 0}), 422, "validation", "answer_days")
        err(a.post("/api/v1/categories", {"name": "x", "agency_kind": "circus"}), 422, "validation",
            "agency_kind")
        other = a.create("categories", {"name": "دیگر"})
        tp = f"/api/v1/categories/{top['id']}"
        err(a.put(tp, {"name": "آزمایشی", "parent_id": other["id"]}, etag='"v1"'), 422, "validation",
            "parent_id")  # it has children
        assert [c["id"] for c in a.get(f"/api/v1/categories?parent_id={top['id']}").json["items"]] == [child["id"]]
        assert a.get("/api/v1/categories?agency_kind=tax").json["total"] >= 1
        r = a.delete(tp, etag='"v1"')
        err(r, 409, "conflict")
        assert "sub-categories" in r.json["error"]["message"]
        assert a.delete(f"/api/v1/categories/{child['id']}", etag='"v1"').status == 204
        assert a.delete(tp, etag='"v1"').status == 204


def test_authorisation_matrix():
    with Server(users=USERS) as s:
        apis = {u: Api(s, u) for u, _ in USERS}
        apis["anon"] = Api(s, None)
        admin = apis["admin"]
        seed = iter(range(100, 10000))
        zone_names = iter(f"محدوده {i}" for i in range(1000))
        agency_names = iter(f"دستگاه {i}" for i in range(1000))
        cat_names = iter(f"دسته {i}" for i in range(1000))

        # fresh records for each write, so an allowed write really succeeds
        def new_unit():
            return admin.create("units", unit_body(next(seed)))

        def new_zone():
            return admin.create("zones", zone_body(next(zone_names)))

        def new_agency():
            return admin.create("agencies", {"name": next(agency_names), "kind": "tax"})

        def new_cat():
            return admin.create("categories", {"name": next(cat_names)})

        unit, zone, agency, cat = new_unit(), new_zone(), new_agency(), new_cat()
        ops = {
            "units.list": lambda c: c.get("/api/v1/units"),
            "units.get": lambda c: c.get(f"/api/v1/units/{unit['id']}"),
            "units.create": lambda c: c.post("/api/v1/units", unit_body(next(seed))),
            "units.update": lambda c: (lambda u: c.put(f"/api/v1/units/{u['id']}", unit_body(next(seed)),
                                                       etag='"v1"'))(new_unit()),
            "units.delete": lambda c: c.delete(f"/api/v1/units/{new_unit()['id']}", etag='"v1"'),
            "zones.list": lambda c: c.get("/api/v1/zones"),
            "zones.get": lambda c: c.get(f"/api/v1/zones/{zone['id']}"),
            "zones.create": lambda c: c.post("/api/v1/zones", zone_body(next(zone_names))),
            "zones.update": lambda c: c.put(f"/api/v1/zones/{new_zone()['id']}", zone_body(next(zone_names)),
                                            etag='"v1"'),
            "zones.delete": lambda c: c.delete(f"/api/v1/zones/{new_zone()['id']}", etag='"v1"'),
            "zones.infra.get": lambda c: c.get(f"/api/v1/zones/{zone['id']}/infrastructure"),
            "zones.infra.put": lambda c: c.put(f"/api/v1/zones/{zone['id']}/infrastructure/water",
                                               {"state": "full"}),
            "zones.stages.get": lambda c: c.get(f"/api/v1/zones/{zone['id']}/stages"),
            "zones.stages.post": lambda c: c.post(f"/api/v1/zones/{zone['id']}/stages",
                                                  {"stage": "studies", "reached": "2026-01-01"}),
            "agencies.list": lambda c: c.get("/api/v1/agencies"),
            "agencies.get": lambda c: c.get(f"/api/v1/agencies/{agency['id']}"),
            "agencies.create": lambda c: c.post("/api/v1/agencies", {"name": next(agency_names), "kind": "tax"}),
            "agencies.update": lambda c: c.put(f"/api/v1/agencies/{new_agency()['id']}",
                                               {"name": next(agency_names), "kind": "gas"}, etag='"v1"'),
            "agencies.delete": lambda c: c.delete(f"/api/v1/agencies/{new_agency()['id']}", etag='"v1"'),
            "categories.list": lambda c: c.get("/api/v1/categories"),
            "categories.get": lambda c: c.get(f"/api/v1/categories/{cat['id']}"),
            "categories.create": lambda c: c.post("/api/v1/categories", {"name": next(cat_names)}),
            "categories.update": lambda c: c.put(f"/api/v1/categories/{new_cat()['id']}",
                                                 {"name": next(cat_names)}, etag='"v1"'),
            "categories.delete": lambda c: c.delete(f"/api/v1/categories/{new_cat()['id']}", etag='"v1"'),
        }
        ok = {"list": 200, "get": 200, "create": 201, "update": 200, "delete": 204,
              "infra.get": 200, "infra.put": 200, "stages.get": 200, "stages.post": 200}
        readers = {"admin", "dabir", "ozv"}
        allowed = {
            "units": {"list": readers | {"tolid"}, "get": readers, "create": {"admin", "dabir", "tolid"},
                      "update": {"admin", "dabir"}, "delete": {"admin", "dabir"}},
            "zones": {"list": readers, "get": readers, "create": {"admin", "dabir"},
                      "update": {"admin", "dabir"}, "delete": {"admin", "dabir"},
                      "infra.get": readers, "infra.put": {"admin", "dabir"},
                      "stages.get": readers, "stages.post": {"admin", "dabir"}},
            "agencies": {"list": readers, "get": readers, "create": {"admin"}, "update": {"admin"},
                         "delete": {"admin"}},
            "categories": {"list": readers, "get": readers, "create": {"admin"}, "update": {"admin"},
                           "delete": {"admin"}},
        }
        # a producer may use the unit routes, but other people's units are not found
        signed_in_but_hidden = {("units.get", "tolid"): 404, ("units.update", "tolid"): 404,
                                ("units.get", "tolid2"): 404, ("units.update", "tolid2"): 404}
        for name, op in ops.items():
            coll, _, action = name.partition(".")
            for who in ("anon", "admin", "dabir", "ozv", "bank", "tolid", "tolid2"):
                if who == "anon":
                    want = 401
                elif who in allowed[coll][action] or (who == "tolid2" and "tolid" in allowed[coll][action]):
                    want = ok[action]
                elif (name, who) in signed_in_but_hidden:
                    want = signed_in_but_hidden[(name, who)]
                else:
                    want = 403
                r = op(apis[who])
                assert r.status == want, (name, who, want, r.status, r.body)
                if want >= 400:
                    assert r.json["error"]["code"] == {401: "unauthorized", 403: "forbidden",
                                                       404: "not_found"}[want], r.body
                if want == 401:
                    assert r.header("WWW-Authenticate") == "Bearer"

        # producers: their own units only
        p1, p2 = apis["tolid"], apis["tolid2"]
        mine = p1.post("/api/v1/units", unit_body(9001, name="واحد من"))
        assert mine.status == 201
        lst = p1.get("/api/v1/units").json
        owned = [u["id"] for u in lst["items"]]
        assert mine.json["id"] in owned and lst["total"] == len(owned)
        assert all(p2_id not in owned for p2_id in [u["id"] for u in p2.get("/api/v1/units").json["items"]])
        path = f"/api/v1/units/{mine.json['id']}"
        assert p1.get(path).status == 200
        err(p2.get(path), 404, "not_found")
        r = p1.put(path, unit_body(9001, name="نام تازه"), etag=mine.header("ETag"))
        assert r.status == 200 and r.json["name"] == "نام تازه"
        err(p1.delete(path, etag='"v2"'), 403, "forbidden")
        assert admin.get(path).status == 200


def test_cookie_sessions_need_the_csrf_token():
    with Server(users=USERS) as s:
        s.login("dabir")
        csrf = s.csrf_from(s.get("/").body)
        body = json.dumps(unit_body(77)).encode()
        h = {"Content-Type": "application/json"}
        r = s.request("POST", "/api/v1/units", raw_body=body, headers=h)
        assert r.status == 403 and json.loads(r.body)["error"]["code"] == "csrf"
        r = s.request("POST", "/api/v1/units", raw_body=body, headers={**h, "X-CSRF-Token": csrf})
        assert r.status == 201, r.body
        assert s.get("/api/v1/units").status == 200  # reads need no token


if __name__ == "__main__":
    main([test_units_crud_and_optimistic_concurrency, test_unit_body_refusals,
          test_unit_filters_and_cursor_pagination, test_zones_outline_infrastructure_and_stages,
          test_agencies_and_categories, test_authorisation_matrix,
          test_cookie_sessions_need_the_csrf_token])
