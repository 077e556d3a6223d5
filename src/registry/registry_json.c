/* registry_json — see registry_json.h. Each record has a table of its members and
 * their JSON types; check_shape walks the body against it once, and the values are
 * then read by name. Units reuse unit_from_fields through a getter that renders
 * JSON scalars as text, so forms, imports and the API share one set of rules. */
#include "registry/registry_json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "text/fa_date.h"

enum {
    JT_STRING = 1,
    JT_INTEGER = 2,
    JT_NUMBER = 4, /* integer or real */
    JT_OBJECT = 8,
    JT_NULL = 16,
};

struct member {
    const char *name;
    unsigned types;
};

static const char *type_words(unsigned t) {
    if (t == JT_STRING) return "a string";
    if (t == (JT_STRING | JT_NULL)) return "a string or null";
    if (t == JT_INTEGER) return "an integer";
    if (t == (JT_INTEGER | JT_NULL)) return "an integer or null";
    if (t == (JT_NUMBER | JT_NULL)) return "a number or null";
    if (t == (JT_OBJECT | JT_NULL)) return "an object or null";
    return "of another type";
}

static bool has_type(const json_t *v, unsigned t) {
    switch (json_typeof(v)) {
    case JSON_STRING: return t & JT_STRING;
    case JSON_INTEGER: return t & (JT_INTEGER | JT_NUMBER);
    case JSON_REAL: return t & JT_NUMBER;
    case JSON_OBJECT: return t & JT_OBJECT;
    case JSON_NULL: return t & JT_NULL;
    default: return false;
    }
}

/* Copies a member name for an error message, cut at a UTF-8 character boundary. */
static bool check_shape(const json_t *body, const struct member *m,
                        struct json_shape_error *e) {
    memset(e, 0, sizeof *e);
    if (!json_is_object(body)) {
        snprintf(e->message, sizeof e->message, "the body must be a JSON object");
        return false;
    }
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)body, key, v) {
        const struct member *k = m;
        while (k->name && strcmp(k->name, key) != 0) k++;
        utf8_copy(e->field, sizeof e->field, key);
        if (!k->name) {
            snprintf(e->message, sizeof e->message, "unknown field '%s'", e->field);
            return false;
        }
        if (!has_type(v, k->types)) {
            snprintf(e->message, sizeof e->message, "field '%s' must be %s", k->name,
                     type_words(k->types));
            return false;
        }
    }
    e->field[0] = 0;
    return true;
}

/* A member's string value, or NULL when absent or null. */
static const char *str_of(const json_t *body, const char *name) {
    const json_t *v = json_object_get(body, name);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static bool present(const json_t *body, const char *name) {
    const json_t *v = json_object_get(body, name);
    return v && !json_is_null(v);
}

/* --- GeoJSON ----------------------------------------------------------------------- */

enum { GEOJSON_MAX_POSITIONS = 100000 };

static bool position_ok(const json_t *p, double *lon, double *lat) {
    size_t n = json_array_size(p);
    if (!json_is_array(p) || n < 2 || n > 3) return false;
    for (size_t i = 0; i < n; i++)
        if (!json_is_number(json_array_get(p, i))) return false;
    *lon = json_number_value(json_array_get(p, 0));
    *lat = json_number_value(json_array_get(p, 1));
    return isfinite(*lon) && isfinite(*lat);
}

bool geojson_polygon_check(const json_t *v, const char **why) {
    const char *dummy;
    if (!why) why = &dummy;
    if (!json_is_object(v)) return *why = "outline must be a GeoJSON object", false;
    const char *key;
    const json_t *member;
    json_object_foreach((json_t *)v, key, member) {
        if (strcmp(key, "type") != 0 && strcmp(key, "coordinates") != 0)
            return *why = "outline may hold only type and coordinates", false;
    }
    const json_t *type = json_object_get(v, "type");
    if (!json_is_string(type) || strcmp(json_string_value(type), "Polygon") != 0)
        return *why = "outline type must be Polygon", false;
    const json_t *rings = json_object_get(v, "coordinates");
    if (!json_is_array(rings) || json_array_size(rings) == 0)
        return *why = "outline coordinates must be a non-empty array of rings", false;
    size_t total = 0;
    for (size_t r = 0; r < json_array_size(rings); r++) {
        const json_t *ring = json_array_get(rings, r);
        size_t n = json_array_size(ring);
        if (!json_is_array(ring) || n < 4)
            return *why = "each outline ring must have at least 4 positions", false;
        total += n;
        if (total > GEOJSON_MAX_POSITIONS) return *why = "outline has too many positions", false;
        double first_lon = 0, first_lat = 0, lon = 0, lat = 0;
        for (size_t i = 0; i < n; i++) {
            if (!position_ok(json_array_get(ring, i), &lon, &lat))
                return *why = "each outline position must be [lon, lat] numbers", false;
            if (lon < -180 || lon > 180 || lat < -90 || lat > 90)
                return *why = "outline positions must have lon in -180..180 and lat in -90..90",
                       false;
            if (i == 0) {
                first_lon = lon;
                first_lat = lat;
            }
        }
        if (lon != first_lon || lat != first_lat)
            return *why = "each outline ring must be closed (last position = first)", false;
    }
    return true;
}

bool registry_iso_date(const char *s) {
    if (!s || strlen(s) != 10) return false;
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7) {
            if (s[i] != '-') return false;
        } else if (s[i] < '0' || s[i] > '9') {
            return false;
        }
    }
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    return fa_gregorian_valid(y, m, d) != 0;
}

/* --- units --------------------------------------------------------------------------- */

static const struct member unit_members[] = {
    {"national_id", JT_STRING},
    {"name", JT_STRING},
    {"business_id", JT_STRING | JT_NULL},
    {"licence_kind", JT_STRING | JT_NULL},
    {"licence_no", JT_STRING | JT_NULL},
    {"isic", JT_STRING | JT_NULL},
    {"employees", JT_INTEGER | JT_NULL},
    {"state", JT_STRING | JT_NULL},
    {"lat", JT_NUMBER | JT_NULL},
    {"lon", JT_NUMBER | JT_NULL},
    {"address", JT_STRING | JT_NULL},
    {"postal_code", JT_STRING | JT_NULL},
    {"county_id", JT_INTEGER | JT_NULL},
    {"zone_id", JT_INTEGER | JT_NULL},
    {"contact_name", JT_STRING | JT_NULL},
    {"phone", JT_STRING | JT_NULL},
    {NULL, 0},
};

/* The getter unit_from_fields reads through: numbers become text in a slot of
 * their own, so two values fetched together (lat, lon) do not overwrite each other. */
struct json_fields {
    const json_t *body;
    char text[20][48];
};

static const char *json_field_text(void *arg, const char *field) {
    struct json_fields *jf = arg;
    const json_t *v = json_object_get(jf->body, field);
    if (!v || json_is_null(v)) return NULL;
    if (json_is_string(v)) return json_string_value(v);
    int slot = 0;
    while (unit_fields[slot] && strcmp(unit_fields[slot], field) != 0) slot++;
    if (slot >= 20) return "";
    char *out = jf->text[slot];
    if (json_is_integer(v)) {
        snprintf(out, sizeof jf->text[0], "%lld", (long long)json_integer_value(v));
    } else {
        double d = json_real_value(v);
        /* Out-of-range values only need to fail validation, not to print exactly. */
        if (!isfinite(d) || fabs(d) > 1e9) snprintf(out, sizeof jf->text[0], "invalid");
        else snprintf(out, sizeof jf->text[0], "%.7f", d);
    }
    return out;
}

int unit_from_json(const json_t *body, struct unit *u, struct json_shape_error *shape,
                   struct field_errors *errs) {
    memset(u, 0, sizeof *u);
    if (!check_shape(body, unit_members, shape)) return JSON_READ_SHAPE;
    struct json_fields jf;
    memset(&jf, 0, sizeof jf);
    jf.body = body;
    const char *county_text;
    bool ok = unit_from_fields(json_field_text, &jf, u, &county_text, errs);
    const json_t *county = json_object_get(body, "county_id");
    if (json_is_integer(county)) {
        if (json_integer_value(county) <= 0)
            field_error_add(errs, "county_id", "شهرستان انتخاب‌شده معتبر نیست.",
                            "county_id must be the id of a county");
        else u->county_id = json_integer_value(county);
    }
    return ok && errs->n == 0 ? JSON_READ_OK : JSON_READ_INVALID;
}

json_t *unit_to_json(const struct unit_row *r) {
    const struct unit *u = &r->u;
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(u->id));
    json_object_set_new(o, "national_id", json_string(u->national_id));
    json_object_set_new(o, "id_kind", json_string(u->id_kind));
    json_object_set_new(o, "business_id", json_string(u->business_id));
    json_object_set_new(o, "licence_kind", json_string(u->licence_kind));
    json_object_set_new(o, "licence_no", json_string(u->licence_no));
    json_object_set_new(o, "name", json_string(u->name));
    json_object_set_new(o, "isic", u->isic[0] ? json_string(u->isic) : json_null());
    json_object_set_new(o, "isic_title", json_string(r->isic_title));
    json_object_set_new(o, "sector", json_string(r->sector));
    json_object_set_new(o, "employees", json_integer(u->employees));
    json_object_set_new(o, "state", json_string(u->state));
    json_object_set_new(o, "lat", u->has_location ? json_real(u->lat) : json_null());
    json_object_set_new(o, "lon", u->has_location ? json_real(u->lon) : json_null());
    json_object_set_new(o, "address", json_string(u->address));
    json_object_set_new(o, "postal_code", json_string(u->postal_code));
    json_object_set_new(o, "county_id", u->county_id ? json_integer(u->county_id) : json_null());
    json_object_set_new(o, "county", json_string(r->county));
    json_object_set_new(o, "zone_id", u->zone_id ? json_integer(u->zone_id) : json_null());
    json_object_set_new(o, "zone", json_string(r->zone));
    json_object_set_new(o, "contact_name", json_string(u->contact_name));
    json_object_set_new(o, "phone", json_string(u->phone));
    json_object_set_new(o, "version", json_integer(u->version));
    json_object_set_new(o, "created_at", json_string(u->created_at));
    json_object_set_new(o, "updated_at", json_string(u->updated_at));
    return o;
}

/* --- zones --------------------------------------------------------------------------- */

static const struct member zone_members[] = {
    {"kind", JT_STRING},
    {"name", JT_STRING},
    {"county_id", JT_INTEGER},
    {"outline", JT_OBJECT | JT_NULL},
    {"center_lat", JT_NUMBER | JT_NULL},
    {"center_lon", JT_NUMBER | JT_NULL},
    {"area_ha", JT_NUMBER | JT_NULL},
    {"stage", JT_STRING | JT_NULL},
    {"notes", JT_STRING | JT_NULL},
    {NULL, 0},
};

/* A vocabulary member: absent/null allowed when optional. Returns the code or NULL. */
static const char *vocab_member(const json_t *body, const char *name, const struct vocab *v,
                                bool required, const char *fa, const char *en,
                                struct field_errors *errs) {
    const char *s = str_of(body, name);
    if (!s) {
        if (required) field_error_add(errs, name, fa, en);
        return NULL;
    }
    const char *code = vocab_parse(v, s);
    if (!code) field_error_add(errs, name, fa, en);
    return code;
}

static void text_member(const json_t *body, const char *name, char *dst, size_t cap,
                        bool required, const char *fa, const char *en,
                        struct field_errors *errs) {
    if (!registry_copy_text(dst, cap, str_of(body, name))) {
        field_error_add(errs, name, fa, "too long or holds control characters");
        return;
    }
    if (required && !*dst) field_error_add(errs, name, fa, en);
}

int zone_from_json(const json_t *body, struct zone *z, struct json_shape_error *shape,
                   struct field_errors *errs) {
    memset(z, 0, sizeof *z);
    z->area_ha = -1;
    if (!check_shape(body, zone_members, shape)) return JSON_READ_SHAPE;
    const char *kind = vocab_member(body, "kind", zone_kinds, true,
                                    "نوع محدوده یکی از این‌هاست: لکه صنعتی، شهرک صنعتی، شهرک "
                                    "صنعتی غیردولتی، شهرک صنعتی تخصصی.",
                                    "kind must be spot, gov_park, nongov_park or specialised_park",
                                    errs);
    if (kind) snprintf(z->kind, sizeof z->kind, "%s", kind);
    text_member(body, "name", z->name, sizeof z->name, true,
                "نام محدوده را وارد کنید (حداکثر ۲۵۰ نویسه).", "name is required", errs);
    const json_t *county = json_object_get(body, "county_id");
    if (!json_is_integer(county) || json_integer_value(county) <= 0)
        field_error_add(errs, "county_id", "شهرستان محدوده را انتخاب کنید.",
                        "county_id is required and must be the id of a county");
    else z->county_id = json_integer_value(county);

    const json_t *outline = json_object_get(body, "outline");
    if (outline && !json_is_null(outline)) {
        const char *why;
        if (!geojson_polygon_check(outline, &why)) {
            field_error_add(errs, "outline", "محدوده روی نقشه یک چندضلعی بسته و معتبر نیست.",
                            why);
        } else {
            z->outline = json_dumps(outline, JSON_COMPACT | JSON_REAL_PRECISION(15));
            if (!z->outline)
                field_error_add(errs, "outline", "محدوده روی نقشه پذیرفته نشد.",
                                "outline could not be stored");
        }
    }
    bool has_lat = present(body, "center_lat"), has_lon = present(body, "center_lon");
    if (has_lat || has_lon) {
        if (!has_lat || !has_lon) {
            field_error_add(errs, "center_lat", "هر دو مختصات مرکز را وارد کنید.",
                            "center_lat and center_lon go together");
        } else {
            z->center_lat = json_number_value(json_object_get(body, "center_lat"));
            z->center_lon = json_number_value(json_object_get(body, "center_lon"));
            if (!registry_in_iran(z->center_lat, z->center_lon))
                field_error_add(errs, "center_lat", "این مختصات بیرون از ایران است.",
                                "the coordinates are outside Iran");
            else z->has_center = true;
        }
    }
    if (present(body, "area_ha")) {
        double a = json_number_value(json_object_get(body, "area_ha"));
        if (!isfinite(a) || a < 0 || a > 1e6)
            field_error_add(errs, "area_ha", "مساحت (هکتار) عددی بین ۰ و ۱٬۰۰۰٬۰۰۰ است.",
                            "area_ha must be a number from 0 to 1000000");
        else z->area_ha = a;
    }
    const char *stage = vocab_member(body, "stage", zone_stages, false,
                                     "مرحله تبدیل معتبر نیست.",
                                     "stage must be one of the conversion stages", errs);
    if (stage) snprintf(z->stage, sizeof z->stage, "%s", stage);
    text_member(body, "notes", z->notes, sizeof z->notes, false, "یادداشت بیش از حد بلند است.",
                "", errs);
    return errs->n == 0 ? JSON_READ_OK : JSON_READ_INVALID;
}

json_t *zone_to_json(const struct zone *z, bool with_outline) {
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(z->id));
    json_object_set_new(o, "kind", json_string(z->kind));
    json_object_set_new(o, "name", json_string(z->name));
    json_object_set_new(o, "county_id", json_integer(z->county_id));
    json_object_set_new(o, "county", json_string(z->county));
    if (with_outline) {
        json_t *outline = z->outline ? json_loads(z->outline, 0, NULL) : NULL;
        json_object_set_new(o, "outline", outline ? outline : json_null());
    }
    json_object_set_new(o, "center_lat", z->has_center ? json_real(z->center_lat) : json_null());
    json_object_set_new(o, "center_lon", z->has_center ? json_real(z->center_lon) : json_null());
    json_object_set_new(o, "area_ha", z->area_ha >= 0 ? json_real(z->area_ha) : json_null());
    json_object_set_new(o, "stage", z->stage[0] ? json_string(z->stage) : json_null());
    json_object_set_new(o, "notes", json_string(z->notes));
    json_object_set_new(o, "units", json_integer(z->units));
    json_object_set_new(o, "employees", json_integer(z->employees));
    json_object_set_new(o, "version", json_integer(z->version));
    json_object_set_new(o, "created_at", json_string(z->created_at));
    json_object_set_new(o, "updated_at", json_string(z->updated_at));
    return o;
}

static const struct member infra_members[] = {
    {"state", JT_STRING}, {"note", JT_STRING | JT_NULL}, {"as_of", JT_STRING | JT_NULL}, {0, 0}};

int infra_from_json(const json_t *body, struct zone_infra *inf, struct json_shape_error *shape,
                    struct field_errors *errs) {
    if (!check_shape(body, infra_members, shape)) return JSON_READ_SHAPE;
    const char *st = vocab_member(body, "state", infra_states, true,
                                  "وضعیت زیرساخت یکی از این‌هاست: ندارد، ناقص، کامل.",
                                  "state must be none, partial or full", errs);
    if (st) snprintf(inf->state, sizeof inf->state, "%s", st);
    text_member(body, "note", inf->note, sizeof inf->note, false, "توضیح بیش از حد بلند است.", "",
                errs);
    const char *as_of = str_of(body, "as_of");
    inf->as_of[0] = 0;
    if (as_of && !registry_iso_date(as_of))
        field_error_add(errs, "as_of", "تاریخ باید به شکل ISO (YYYY-MM-DD) باشد.",
                        "as_of must be an ISO date (YYYY-MM-DD)");
    else if (as_of) snprintf(inf->as_of, sizeof inf->as_of, "%s", as_of);
    return errs->n == 0 ? JSON_READ_OK : JSON_READ_INVALID;
}

json_t *infra_to_json(const struct zone_infra *inf) {
    return json_pack("{s:s, s:s, s:s, s:o}", "utility", inf->utility, "state", inf->state, "note",
                     inf->note, "as_of", inf->as_of[0] ? json_string(inf->as_of) : json_null());
}

static const struct member stage_members[] = {{"stage", JT_STRING}, {"reached", JT_STRING}, {0, 0}};

int stage_from_json(const json_t *body, char stage[32], char reached[11],
                    struct json_shape_error *shape, struct field_errors *errs) {
    stage[0] = reached[0] = 0;
    if (!check_shape(body, stage_members, shape)) return JSON_READ_SHAPE;
    const char *code = vocab_member(body, "stage", zone_stages, true, "مرحله تبدیل معتبر نیست.",
                                    "stage must be one of the conversion stages", errs);
    if (code) snprintf(stage, 32, "%s", code);
    const char *date = str_of(body, "reached");
    if (!registry_iso_date(date))
        field_error_add(errs, "reached", "تاریخ باید به شکل ISO (YYYY-MM-DD) باشد.",
                        "reached must be an ISO date (YYYY-MM-DD)");
    else snprintf(reached, 11, "%s", date);
    return errs->n == 0 ? JSON_READ_OK : JSON_READ_INVALID;
}

/* --- agencies and categories -------------------------------------------------------- */

static const struct member agency_members[] = {{"name", JT_STRING},
                                               {"kind", JT_STRING},
                                               {"parent_id", JT_INTEGER | JT_NULL},
                                               {"phone", JT_STRING | JT_NULL},
                                               {0, 0}};

/* An optional reference: null/absent is 0; otherwise a positive id. */
static int64_t ref_member(const json_t *body, const char *name, const char *fa, const char *en,
                          struct field_errors *errs) {
    const json_t *v = json_object_get(body, name);
    if (!json_is_integer(v)) return 0;
    if (json_integer_value(v) <= 0) {
        field_error_add(errs, name, fa, en);
        return 0;
    }
    return json_integer_value(v);
}

int agency_from_json(const json_t *body, struct agency *a, struct json_shape_error *shape,
                     struct field_errors *errs) {
    memset(a, 0, sizeof *a);
    if (!check_shape(body, agency_members, shape)) return JSON_READ_SHAPE;
    text_member(body, "name", a->name, sizeof a->name, true,
                "نام دستگاه را وارد کنید (حداکثر ۲۵۰ نویسه).", "name is required", errs);
    const char *kind = vocab_member(body, "kind", agency_kinds, true, "نوع دستگاه معتبر نیست.",
                                    "kind must be one of the agency kinds", errs);
    if (kind) snprintf(a->kind, sizeof a->kind, "%s", kind);
    a->parent_id = ref_member(body, "parent_id", "دستگاه بالادست معتبر نیست.",
                              "parent_id must be the id of an agency", errs);
    text_member(body, "phone", a->phone, sizeof a->phone, false, "شماره تلفن بیش از حد بلند است.",
                "", errs);
    return errs->n == 0 ? JSON_READ_OK : JSON_READ_INVALID;
}

json_t *agency_to_json(const struct agency *a) {
    return json_pack("{s:I, s:s, s:s, s:o, s:s, s:I, s:I}", "id", (json_int_t)a->id, "name",
                     a->name, "kind", a->kind, "parent_id",
                     a->parent_id ? json_integer(a->parent_id) : json_null(), "phone", a->phone,
                     "liaisons", (json_int_t)a->liaisons, "version", (json_int_t)a->version);
}

static const struct member category_members[] = {{"name", JT_STRING},
                                                 {"parent_id", JT_INTEGER | JT_NULL},
                                                 {"agency_kind", JT_STRING | JT_NULL},
                                                 {"answer_days", JT_INTEGER | JT_NULL},
                                                 {0, 0}};

int category_from_json(const json_t *body, struct category *cat, struct json_shape_error *shape,
                       struct field_errors *errs) {
    memset(cat, 0, sizeof *cat);
    if (!check_shape(body, category_members, shape)) return JSON_READ_SHAPE;
    text_member(body, "name", cat->name, sizeof cat->name, true,
                "نام دسته را وارد کنید (حداکثر ۲۵۰ نویسه).", "name is required", errs);
    cat->parent_id = ref_member(body, "parent_id", "دسته بالادست معتبر نیست.",
                                "parent_id must be the id of a top-level category", errs);
    const char *kind = vocab_member(body, "agency_kind", agency_kinds, false,
                                    "نوع دستگاه پیش‌فرض معتبر نیست.",
                                    "agency_kind must be one of the agency kinds", errs);
    if (kind) snprintf(cat->agency_kind, sizeof cat->agency_kind, "%s", kind);
    cat->answer_days = 10;
    const json_t *days = json_object_get(body, "answer_days");
    if (json_is_integer(days)) {
        json_int_t d = json_integer_value(days);
        if (d < 1 || d > 120)
            field_error_add(errs, "answer_days", "مهلت پاسخ بین ۱ و ۱۲۰ روز است.",
                            "answer_days must be from 1 to 120");
        else cat->answer_days = (int)d;
    }
    return errs->n == 0 ? JSON_READ_OK : JSON_READ_INVALID;
}

json_t *category_to_json(const struct category *cat) {
    return json_pack("{s:I, s:o, s:s, s:o, s:i, s:I}", "id", (json_int_t)cat->id, "parent_id",
                     cat->parent_id ? json_integer(cat->parent_id) : json_null(), "name",
                     cat->name, "agency_kind",
                     cat->agency_kind[0] ? json_string(cat->agency_kind) : json_null(),
                     "answer_days", cat->answer_days, "version", (json_int_t)cat->version);
}
