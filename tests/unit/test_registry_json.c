/* Unit tests for registry_json: the GeoJSON Polygon check (closed rings, at least
 * four positions, lon/lat ranges, nothing but type and coordinates), ISO dates, and
 * the strict JSON readers (shape errors name the member; value errors are collected
 * per field) with their writers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "registry/registry_json.h"

static json_t *parse(const char *text) {
    json_error_t err;
    json_t *v = json_loads(text, JSON_REJECT_DUPLICATES, &err);
    if (!v) fail_msg("bad test JSON: %s", err.text);
    return v;
}

static bool polygon_ok(const char *text, const char **why) {
    json_t *v = parse(text);
    bool ok = geojson_polygon_check(v, why);
    json_decref(v);
    return ok;
}

static void geojson_accepts_closed_polygons(void **state) {
    (void)state;
    const char *why = NULL;
    assert_true(polygon_ok("{\"type\":\"Polygon\",\"coordinates\":[[[51.2,35.5],[51.3,35.5],"
                           "[51.3,35.6],[51.2,35.5]]]}", &why));
    /* with a hole, with altitudes, at the edges of the ranges */
    assert_true(polygon_ok("{\"coordinates\":[[[0,0],[10,0],[10,10],[0,10],[0,0]],"
                           "[[2,2],[3,2],[3,3],[2,2]]],\"type\":\"Polygon\"}", &why));
    assert_true(polygon_ok("{\"type\":\"Polygon\",\"coordinates\":[[[51,35,1200],[52,35,1100],"
                           "[52,36,900],[51,35,1200]]]}", &why));
    assert_true(polygon_ok("{\"type\":\"Polygon\",\"coordinates\":[[[-180,-90],[180,-90],"
                           "[180,90],[-180,-90]]]}", &why));
}

static void geojson_refuses_what_is_not_a_polygon(void **state) {
    (void)state;
    static const struct {
        const char *json, *why_part;
    } bad[] = {
        {"[]", "object"},
        {"{\"type\":\"Point\",\"coordinates\":[51,35]}", "Polygon"},
        {"{\"type\":\"polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}", "Polygon"},
        {"{\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}", "Polygon"},
        {"{\"type\":\"Polygon\"}", "coordinates"},
        {"{\"type\":\"Polygon\",\"coordinates\":[]}", "coordinates"},
        {"{\"type\":\"Polygon\",\"coordinates\":{}}", "coordinates"},
        {"{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[0,0]]]}", "at least 4"},
        {"{\"type\":\"Polygon\",\"coordinates\":[[0,0,1,0]]}", "[lon, lat]"},
        {"{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,1]]]}", "closed"},
        {"{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]],[[2,2],[3,2],[3,3],"
         "[2,3]]]}", "closed"},
        {"{\"type\":\"Polygon\",\"coordinates\":[[[180.5,0],[1,0],[1,1],[180.5,0]]]}", "lon"},
        {"{\"type\":\"Polygon\",\"coordinates\":[[[0,-90.1],[1,0],[1,1],[0,-90.1]]]}", "lat"},
        {"{\"type\":\"Polygon\",\"coordinates\":[[[0],[1,0],[1,1],[0]]]}", "[lon, lat]"},
        {"{\"type\":\"Polygon\",\"coordinates\":[[[0,0,0,0],[1,0],[1,1],[0,0,0,0]]]}", "[lon, lat]"},
        {"{\"type\":\"Polygon\",\"coordinates\":[[[\"0\",\"0\"],[1,0],[1,1],[\"0\",\"0\"]]]}",
         "[lon, lat]"},
        {"{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]],\"bbox\":[0,0,1,1]}",
         "only type and coordinates"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        const char *why = NULL;
        if (polygon_ok(bad[i].json, &why)) fail_msg("accepted: %s", bad[i].json);
        assert_non_null(why);
        if (!strstr(why, bad[i].why_part)) fail_msg("%s: '%s' lacks '%s'", bad[i].json, why, bad[i].why_part);
    }
    assert_false(geojson_polygon_check(NULL, NULL));
}

static void iso_dates(void **state) {
    (void)state;
    assert_true(registry_iso_date("2026-11-29"));
    assert_true(registry_iso_date("2024-02-29"));
    assert_false(registry_iso_date("2026-02-29"));
    assert_false(registry_iso_date("2026-13-01"));
    assert_false(registry_iso_date("2026-1-01"));
    assert_false(registry_iso_date("2026/11/29"));
    assert_false(registry_iso_date("۲۰۲۶-۱۱-۲۹"));
    assert_false(registry_iso_date(NULL));
}

static void unit_reader_shape_then_values(void **state) {
    (void)state;
    struct unit u;
    struct json_shape_error shape;
    struct field_errors errs = {0};
    json_t *v = parse("{\"national_id\":\"10101210009\",\"name\":\"x\",\"colour\":1}");
    assert_int_equal(unit_from_json(v, &u, &shape, &errs), JSON_READ_SHAPE);
    assert_string_equal(shape.field, "colour");
    json_decref(v);
    v = parse("{\"national_id\":\"10101210009\",\"name\":\"x\",\"employees\":\"3\"}");
    assert_int_equal(unit_from_json(v, &u, &shape, &errs), JSON_READ_SHAPE);
    assert_string_equal(shape.field, "employees");
    assert_non_null(strstr(shape.message, "integer"));
    json_decref(v);
    v = parse("[1]");
    assert_int_equal(unit_from_json(v, &u, &shape, &errs), JSON_READ_SHAPE);
    assert_string_equal(shape.field, "");
    json_decref(v);

    v = parse("{\"national_id\":\"10101210008\",\"name\":\"x\",\"lat\":48.85,\"lon\":2.35,"
              "\"county_id\":0}");
    assert_int_equal(unit_from_json(v, &u, &shape, &errs), JSON_READ_INVALID);
    assert_non_null(field_error_for(&errs, "national_id"));
    assert_non_null(field_error_for(&errs, "lat"));
    assert_non_null(field_error_for(&errs, "county_id"));
    json_decref(v);

    memset(&errs, 0, sizeof errs);
    v = parse("{\"national_id\":\"10101210009\",\"name\":\"کفش\",\"lat\":35.5,\"lon\":51.2,"
              "\"county_id\":2,\"zone_id\":7,\"employees\":12,\"isic\":\"1520\"}");
    assert_int_equal(unit_from_json(v, &u, &shape, &errs), JSON_READ_OK);
    assert_int_equal(u.county_id, 2);
    assert_int_equal(u.zone_id, 7);
    assert_int_equal(u.employees, 12);
    assert_true(u.has_location);
    assert_string_equal(u.state, "active");
    json_decref(v);
    struct unit_row row;
    memset(&row, 0, sizeof row);
    row.u = u;
    json_t *out = unit_to_json(&row);
    assert_string_equal(json_string_value(json_object_get(out, "national_id")), "10101210009");
    assert_true(json_is_null(json_object_get(out, "postal_code")) == false);
    json_decref(out);
}

static void zone_reader_and_writer(void **state) {
    (void)state;
    struct zone z;
    struct json_shape_error shape;
    struct field_errors errs = {0};
    json_t *v = parse("{\"kind\":\"spot\",\"name\":\"لکه\",\"county_id\":2,\"outline\":{\"type\":"
                      "\"Polygon\",\"coordinates\":[[[51.1,35.1],[51.2,35.1],[51.2,35.2],"
                      "[51.1,35.1]]]},\"area_ha\":3.5,\"stage\":\"studies\"}");
    assert_int_equal(zone_from_json(v, &z, &shape, &errs), JSON_READ_OK);
    assert_non_null(z.outline);
    assert_non_null(strstr(z.outline, "51.1"));
    assert_null(strstr(z.outline, "51.100000")); /* compact numbers */
    json_t *out = zone_to_json(&z, true);
    assert_true(json_equal(json_object_get(out, "outline"), json_object_get(v, "outline")));
    json_decref(out);
    out = zone_to_json(&z, false);
    assert_null(json_object_get(out, "outline"));
    json_decref(out);
    free(z.outline);
    json_decref(v);

    v = parse("{\"kind\":\"lake\",\"name\":\"\",\"outline\":{\"type\":\"Polygon\",\"coordinates\":"
              "[[[0,0],[1,0],[1,1],[0,1]]]},\"center_lat\":35,\"area_ha\":-1,\"stage\":\"x\"}");
    assert_int_equal(zone_from_json(v, &z, &shape, &errs), JSON_READ_INVALID);
    const char *fields[] = {"kind", "name", "county_id", "outline", "center_lat", "area_ha", "stage"};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        if (!field_error_for(&errs, fields[i])) fail_msg("no error for %s", fields[i]);
    assert_null(z.outline);
    json_decref(v);
}

static void stage_and_infra_readers(void **state) {
    (void)state;
    char stage[32], reached[11];
    struct json_shape_error shape;
    struct field_errors errs = {0};
    json_t *v = parse("{\"stage\":\"board_approval\",\"reached\":\"2026-01-31\"}");
    assert_int_equal(stage_from_json(v, stage, reached, &shape, &errs), JSON_READ_OK);
    assert_string_equal(stage, "board_approval");
    assert_string_equal(reached, "2026-01-31");
    json_decref(v);
    struct zone_infra inf;
    memset(&inf, 0, sizeof inf);
    v = parse("{\"state\":\"کامل\"}");
    assert_int_equal(infra_from_json(v, &inf, &shape, &errs), JSON_READ_OK);
    assert_string_equal(inf.state, "full");
    json_decref(v);
    v = parse("{\"state\":\"full\",\"as_of\":3}");
    assert_int_equal(infra_from_json(v, &inf, &shape, &errs), JSON_READ_SHAPE);
    assert_string_equal(shape.field, "as_of");
    json_decref(v);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(geojson_accepts_closed_polygons),
        cmocka_unit_test(geojson_refuses_what_is_not_a_polygon),
        cmocka_unit_test(iso_dates),
        cmocka_unit_test(unit_reader_shape_then_values),
        cmocka_unit_test(zone_reader_and_writer),
        cmocka_unit_test(stage_and_infra_readers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
