/* registry_json — the registry's records as JSON (the API's bodies), both ways.
 *
 * Reading is strict and in two steps. First the shape: the body is an object whose
 * members are all known and of the right JSON type (a wrong shape is the client's
 * programming error: HTTP 400, naming the member). Then the values, through the same
 * validation as forms and imports (unit_from_fields and friends), collecting every
 * problem as a field error (HTTP 422). References to other records (county, zone,
 * ISIC class, parent agency or category) are checked by the caller against the store.
 *
 * Writing gives ASCII digits and ISO-8601 dates; absent optional values are null.
 * Pure: no I/O. Returned json_t values belong to the caller (json_decref). */
#ifndef TASHIL_REGISTRY_JSON_H
#define TASHIL_REGISTRY_JSON_H

#include <stdbool.h>

#include <jansson.h>

#include "registry/registry.h"
#include "store/store_registry.h"

/* A body of the wrong shape: which member, and what is wrong with it (English). */
struct json_shape_error {
    char field[64]; /* "" for the body as a whole */
    char message[160];
};

/* The results of reading a body. */
enum { JSON_READ_OK = 0, JSON_READ_SHAPE = 400, JSON_READ_INVALID = 422 };

/* Checks a GeoJSON Polygon (RFC 7946): {"type":"Polygon","coordinates":[ring…]},
 * each ring closed and of at least four [lon, lat] (or [lon, lat, alt]) positions
 * with lon in −180…180 and lat in −90…90. No other members. On failure *why says
 * what is wrong (English). */
bool geojson_polygon_check(const json_t *v, const char **why);

/* "YYYY-MM-DD", a real Gregorian date. */
bool registry_iso_date(const char *s);

/* Each reader fills the record from a body (zeroing it first). For zones the
 * outline is serialised compactly into z->outline, allocated with malloc (free it
 * with free(), also on failure). */
int unit_from_json(const json_t *body, struct unit *u, struct json_shape_error *shape,
                   struct field_errors *errs);
int zone_from_json(const json_t *body, struct zone *z, struct json_shape_error *shape,
                   struct field_errors *errs);
int agency_from_json(const json_t *body, struct agency *a, struct json_shape_error *shape,
                     struct field_errors *errs);
int category_from_json(const json_t *body, struct category *cat, struct json_shape_error *shape,
                       struct field_errors *errs);
/* PUT …/infrastructure/{utility}: {state, note?, as_of?}; inf->utility is the caller's. */
int infra_from_json(const json_t *body, struct zone_infra *inf, struct json_shape_error *shape,
                    struct field_errors *errs);
/* POST …/stages: {stage, reached}. */
int stage_from_json(const json_t *body, char stage[32], char reached[11],
                    struct json_shape_error *shape, struct field_errors *errs);

json_t *unit_to_json(const struct unit_row *r);
/* with_outline: the single-record form carries the outline; list items do not. */
json_t *zone_to_json(const struct zone *z, bool with_outline);
json_t *agency_to_json(const struct agency *a);
json_t *category_to_json(const struct category *cat);
json_t *infra_to_json(const struct zone_infra *inf);

#endif
