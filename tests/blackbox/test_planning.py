"""Black-box tests of spatial planning and the map: clusters of units found from the
registry, flags, saving a cluster as a spot (one action, units assigned), exports,
and the map's data."""

import csv
import io
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import Server, main  # noqa: E402
from test_registry_pages import legal_id, new_unit  # noqa: E402

USERS = (("dabir", "secretariat"), ("ozv", "member"), ("tolid", "producer"))


def seed(s):
    """Two shoe workshops clusters ~4 km apart and one furniture cluster, plus strays."""
    n = 0
    groups = [(35.5500, 51.2300, "1520", 8), (35.5520, 51.2400, "1520", 4),  # ~1 km apart
              (35.6000, 51.3000, "3100", 6)]
    for lat, lon, isic, count in groups:
        for k in range(count):
            n += 1
            r = new_unit(s, national_id=legal_id(f"10105{n:05d}"), name=f"کارگاه {n}",
                         isic=isic, county="اسلامشهر", lat=f"{lat + 0.0003 * (k % 3):.5f}",
                         lon=f"{lon + 0.0003 * (k // 3):.5f}",
                         licence_kind="operating" if k == 0 else "none",
                         licence_no="1" if k == 0 else "")
            assert r.status == 303, r.body[:1500]
    for k in range(2):
        n += 1
        assert new_unit(s, national_id=legal_id(f"10105{n:05d}"), name=f"پراکنده {n}",
                        county="اسلامشهر", lat=f"{35.70 + k * 0.05:.4f}",
                        lon="51.10").status == 303


def test_planning_clusters_flags_and_save():
    with Server(users=USERS) as s:
        s.login("dabir")
        seed(s)
        page = s.get("/planning?eps=200&min_points=3&merge=1500")
        assert page.status == 200, page.body[:2000]
        assert "۳ خوشه" in page.body and "۲ واحد پراکنده" in page.body
        assert page.body.count("لکه ثبت‌نشده") == 3
        assert "نامزد شهرک تخصصی (۱۵۲۰، ۱۰۰٪)" in page.body
        assert "نامزد ادغام با خوشه" in page.body
        assert s.get("/planning?eps=-5").status == 200  # bad parameter: message, defaults
        assert "فاصله همسایگی" in s.get("/planning?eps=-5").body
        gj = json.loads(s.get("/planning/clusters.geojson?eps=200&min_points=3&merge=1500").body)
        assert len(gj["features"]) == 3
        big = max(gj["features"], key=lambda f: f["properties"]["units"])
        assert big["properties"]["units"] == 8 and big["geometry"]["type"] == "Polygon"
        assert big["properties"]["specialised_candidate"] is True
        assert big["properties"]["merge_with"], big
        rows = list(csv.DictReader(io.StringIO(
            s.get("/planning/clusters.csv?eps=200&min_points=3&merge=1500").body.lstrip("\ufeff"))))
        assert len(rows) == 3 and {r["units"] for r in rows} == {"8", "4", "6"}
        # save the biggest cluster as a spot: zone created, its units assigned
        csrf = s.csrf_from(page.body)
        r = s.post("/planning/save", {"_csrf": csrf, "cluster": str(big["properties"]["cluster"]),
                                      "name": "لکه کفش خیابان پدر", "eps": "200",
                                      "min_points": "3", "merge": "1500"})
        assert r.status == 303, r.body[:1500]
        zone = s.get(r.header("Location"))
        assert "لکه کفش خیابان پدر" in zone.body and "۸ واحد" in zone.body
        assert "شناسایی" in zone.body  # the first conversion stage
        after = s.get("/planning?eps=200&min_points=3&merge=1500")
        assert after.body.count("لکه ثبت‌نشده") == 2 and "لکه کفش خیابان پدر" in after.body
        # the same cluster again: stale (now registered → no longer offered), name clash
        r = s.post("/planning/save", {"_csrf": csrf, "cluster": "99", "name": "x"})
        assert r.status == 409
        # map data: units, the zone's outline, clusters
        m = s.get("/map")
        assert m.status == 200 and 'id="map"' in m.body and "leaflet" in m.body
        data = json.loads(s.get("/map/data.geojson").body)
        kinds = [f["properties"]["kind"] for f in data["features"]]
        assert kinds.count("unit") == 20 and kinds.count("zone") == 1 and kinds.count("cluster") >= 1
        zone_f = [f for f in data["features"] if f["properties"]["kind"] == "zone"][0]
        assert zone_f["geometry"]["type"] == "Polygon"
        s.cookies.clear()
        s.login("tolid")
        assert s.get("/planning").status == 403 and s.get("/map/data.geojson").status == 403
        s.cookies.clear()
        s.login("ozv")
        assert s.get("/planning").status == 200
        assert s.post("/planning/save", {"_csrf": s.csrf_from(s.get("/").body), "cluster": "0",
                                         "name": "y"}).status == 403


if __name__ == "__main__":
    main([test_planning_clusters_flags_and_save])
