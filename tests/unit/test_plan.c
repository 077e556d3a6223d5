/* Unit tests for geo_hull (hull and area) and plan (cluster descriptions, flags). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "geo/geo_hull.h"
#include "plan/plan.h"

static void hull_of_square_with_inner_points(void **state) {
    (void)state;
    /* ~100 m square around Islamshahr with two inner points and a duplicate corner */
    double lat[] = {35.55, 35.55, 35.5509, 35.5509, 35.55045, 35.5503, 35.55};
    double lon[] = {51.23, 51.2311, 51.2311, 51.23, 51.23055, 51.2304, 51.23};
    size_t idx[8], scratch[7];
    int k = geo_hull(lat, lon, 7, idx, scratch);
    assert_int_equal(k, 4);
    double area = geo_hull_area_m2(lat, lon, idx, (size_t)k);
    /* 0.0009° lat ≈ 100.1 m; 0.0011° lon at 35.55° ≈ 99.6 m */
    assert_true(area > 9800 && area < 10150);
    size_t one[2], s1[1];
    assert_int_equal(geo_hull(lat, lon, 1, one, s1), 1);
    assert_int_equal(geo_hull(NULL, lon, 1, one, s1), -1);
}

static void plan_flags(void **state) {
    (void)state;
    struct plan_point pts[16];
    memset(pts, 0, sizeof pts);
    for (int i = 0; i < 10; i++) { /* a shoe cluster, 6 of 10 shoes, 5 in zone 7 */
        pts[i].id = i + 1;
        pts[i].lat = 35.55 + 0.0002 * (i % 4);
        pts[i].lon = 51.23 + 0.0002 * (i / 4);
        snprintf(pts[i].isic, sizeof pts[i].isic, "%s", i < 6 ? "1520" : "3100");
        snprintf(pts[i].sector, sizeof pts[i].sector, "%s", i < 6 ? "کفش" : "مبلمان");
        pts[i].employees = 10;
        pts[i].operating_licence = i == 0;
        pts[i].zone_id = i < 5 ? 7 : 0;
    }
    for (int i = 10; i < 14; i++) { /* a second cluster 600 m east, unregistered */
        pts[i].id = i + 1;
        pts[i].lat = 35.55 + 0.0002 * (i % 2);
        pts[i].lon = 51.2366 + 0.0002 * (i / 12);
        snprintf(pts[i].isic, sizeof pts[i].isic, "2220");
        snprintf(pts[i].sector, sizeof pts[i].sector, "پلاستیک");
    }
    pts[14].lat = 36.0, pts[14].lon = 52.0; /* noise */
    pts[15].lat = 36.1, pts[15].lon = 52.1;
    struct plan_result r;
    char err[128];
    assert_int_equal(plan_run(pts, 16, 100, 3, 1000, &r, err, sizeof err), 0);
    assert_int_equal(r.nclusters, 2);
    assert_int_equal(r.noise, 2);
    const struct plan_cluster *a = &r.clusters[0], *b = &r.clusters[1];
    assert_int_equal(a->n, 10);
    assert_int_equal(a->employees, 100);
    assert_int_equal(a->operating, 1);
    assert_string_equal(a->top_isic, "1520");
    assert_true(a->specialised);   /* 60% exactly */
    assert_false(a->unregistered); /* 5 of 10 in zone 7: half counts as registered */
    assert_int_equal(a->zone_id, 7);
    assert_string_equal(a->sectors[0].sector, "کفش");
    assert_int_equal(b->n, 4);
    assert_true(b->unregistered);
    assert_true(b->specialised);
    assert_int_equal(a->nmerge, 1);
    assert_int_equal(a->merge_with[0], b->number);
    assert_ptr_equal(plan_find(&r, b->number), b);
    assert_null(plan_find(&r, 99));
    plan_free(&r);
    assert_int_equal(plan_run(pts, 16, 100, 3, 100, &r, err, sizeof err), 0);
    assert_int_equal(r.clusters[0].nmerge, 0); /* 600 m apart > 100 m */
    plan_free(&r);
    assert_true(plan_run(pts, 16, -1, 3, 100, &r, err, sizeof err) < 0);
    assert_true(strlen(err) > 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hull_of_square_with_inner_points),
        cmocka_unit_test(plan_flags),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
