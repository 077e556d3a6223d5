/* fuzz_api_json — JSON request bodies of the registry API into typed records
 * (registry_json: units, zones with their GeoJSON outline, agencies, categories,
 * infrastructure, stages). The first byte picks the reader; the rest is the body,
 * parsed as the API parses it (json_loadb, JSON_REJECT_DUPLICATES).
 * Properties: never crash or leak; an accepted record holds valid UTF-8 text, a
 * location inside Iran, an outline that passes the GeoJSON check again; and an
 * accepted unit or zone, written out and read back, is accepted again. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "registry/registry_json.h"

static void text_ok(const char *s) {
    if (!utf8_valid(s, strlen(s)) || utf8_has_controls(s, strlen(s))) abort();
}

/* The writable members of a record as the API writes it. */
static json_t *writable(json_t *doc, const char *const *read_only) {
    for (; *read_only; read_only++) json_object_del(doc, *read_only);
    return doc;
}

static void shape_ok(const struct json_shape_error *shape) {
    if (!utf8_valid(shape->field, strlen(shape->field)) ||
        !utf8_valid(shape->message, strlen(shape->message)))
        abort();
}

static void unit_case(const json_t *body) {
    struct unit u;
    struct json_shape_error shape;
    struct field_errors errs = {0};
    if (unit_from_json(body, &u, &shape, &errs) != JSON_READ_OK) {
        shape_ok(&shape); /* what the API answers names the caller's member whole */
        return;
    }
    text_ok(u.name);
    text_ok(u.address);
    if (strspn(u.national_id, "0123456789") != strlen(u.national_id)) abort();
    if (u.has_location && !registry_in_iran(u.lat, u.lon)) abort();
    static const char *const ro[] = {"id", "id_kind", "isic_title", "sector", "county", "zone",
                                     "version", "created_at", "updated_at", NULL};
    struct unit_row row;
    memset(&row, 0, sizeof row);
    row.u = u;
    json_t *again = writable(unit_to_json(&row), ro);
    struct unit u2;
    struct field_errors errs2 = {0};
    if (unit_from_json(again, &u2, &shape, &errs2) != JSON_READ_OK) abort();
    if (strcmp(u.national_id, u2.national_id) || strcmp(u.name, u2.name)) abort();
    json_decref(again);
}

static void zone_case(const json_t *body) {
    struct zone z;
    struct json_shape_error shape;
    struct field_errors errs = {0};
    int rc = zone_from_json(body, &z, &shape, &errs);
    if (rc == JSON_READ_OK) {
        text_ok(z.name);
        if (z.has_center && !registry_in_iran(z.center_lat, z.center_lon)) abort();
        if (z.outline) {
            json_t *o = json_loads(z.outline, 0, NULL);
            if (!o || !geojson_polygon_check(o, NULL)) abort();
            json_decref(o);
        }
        static const char *const ro[] = {"id", "county", "units", "employees", "version",
                                         "created_at", "updated_at", NULL};
        json_t *again = writable(zone_to_json(&z, true), ro);
        struct zone z2;
        struct field_errors errs2 = {0};
        if (zone_from_json(again, &z2, &shape, &errs2) != JSON_READ_OK) abort();
        free(z2.outline);
        json_decref(again);
    }
    free(z.outline);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    json_error_t err;
    json_t *body = json_loadb((const char *)data + 1, size - 1, JSON_REJECT_DUPLICATES, &err);
    if (!body) return 0;
    struct json_shape_error shape;
    memset(&shape, 0, sizeof shape);
    struct field_errors errs = {0};
    switch (data[0] % 6) {
    case 0: unit_case(body); break;
    case 1: zone_case(body); break;
    case 2: {
        struct agency a;
        if (agency_from_json(body, &a, &shape, &errs) == JSON_READ_OK) json_decref(agency_to_json(&a));
        break;
    }
    case 3: {
        struct category c;
        if (category_from_json(body, &c, &shape, &errs) == JSON_READ_OK)
            json_decref(category_to_json(&c));
        break;
    }
    case 4: {
        struct zone_infra inf;
        memset(&inf, 0, sizeof inf);
        memcpy(inf.utility, "gas", 4);
        if (infra_from_json(body, &inf, &shape, &errs) == JSON_READ_OK)
            json_decref(infra_to_json(&inf));
        break;
    }
    default: {
        char stage[32], reached[11];
        if (stage_from_json(body, stage, reached, &shape, &errs) == JSON_READ_OK &&
            !registry_iso_date(reached))
            abort();
        break;
    }
    }
    /* whatever the outcome, the shape error is printable text */
    if (!utf8_valid(shape.field, strlen(shape.field))) abort();
    json_decref(body);
    return 0;
}
