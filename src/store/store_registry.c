/* store_registry — units and reference data; see store_registry.h. Zones, agencies
 * and categories are in store_zones.c and store_agencies.c. */
#include "store/store_registry.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/json_out.h"
#include "store/store_audit.h"
#include "store/store_tx.h"

#define UNIT_SELECT                                                                             \
    "SELECT u.id, u.national_id, u.id_kind, coalesce(u.business_id,''), u.licence_kind, "       \
    "coalesce(u.licence_no,''), u.name, coalesce(u.isic,''), u.employees, u.state, u.lat, "     \
    "u.lon, u.address, coalesce(u.postal_code,''), coalesce(u.county_id,0), "                   \
    "coalesce(u.zone_id,0), u.contact_name, u.phone, u.version, u.created_at, u.updated_at, "   \
    "coalesce(co.name,''), coalesce(z.name,''), coalesce(ic.title_fa,''), coalesce(ic.sector,'') " \
    "FROM units u LEFT JOIN counties co ON co.id = u.county_id "                                \
    "LEFT JOIN zones z ON z.id = u.zone_id LEFT JOIN isic_classes ic ON ic.code = u.isic "

static void read_unit_row(store_stmt *st, struct unit_row *r) {
    memset(r, 0, sizeof *r);
    struct unit *u = &r->u;
    u->id = store_col_int(st, 0);
    store_col_copy(st, 1, u->national_id, sizeof u->national_id);
    store_col_copy(st, 2, u->id_kind, sizeof u->id_kind);
    store_col_copy(st, 3, u->business_id, sizeof u->business_id);
    store_col_copy(st, 4, u->licence_kind, sizeof u->licence_kind);
    store_col_copy(st, 5, u->licence_no, sizeof u->licence_no);
    store_col_copy(st, 6, u->name, sizeof u->name);
    store_col_copy(st, 7, u->isic, sizeof u->isic);
    u->employees = store_col_int(st, 8);
    store_col_copy(st, 9, u->state, sizeof u->state);
    u->has_location = !store_col_null(st, 10) && !store_col_null(st, 11);
    u->lat = store_col_double(st, 10);
    u->lon = store_col_double(st, 11);
    store_col_copy(st, 12, u->address, sizeof u->address);
    store_col_copy(st, 13, u->postal_code, sizeof u->postal_code);
    u->county_id = store_col_int(st, 14);
    u->zone_id = store_col_int(st, 15);
    store_col_copy(st, 16, u->contact_name, sizeof u->contact_name);
    store_col_copy(st, 17, u->phone, sizeof u->phone);
    u->version = store_col_int(st, 18);
    store_col_copy(st, 19, u->created_at, sizeof u->created_at);
    store_col_copy(st, 20, u->updated_at, sizeof u->updated_at);
    store_col_copy(st, 21, r->county, sizeof r->county);
    store_col_copy(st, 22, r->zone, sizeof r->zone);
    store_col_copy(st, 23, r->isic_title, sizeof r->isic_title);
    store_col_copy(st, 24, r->sector, sizeof r->sector);
}

static int get_one(store_stmt *st, struct unit_row *row) {
    int rc = store_step(st);
    if (rc == STORE_ROW) read_unit_row(st, row);
    store_done(st);
    return store_one_status(rc);
}

int store_unit_get(store_conn *c, int64_t id, struct unit_row *row) {
    store_stmt *st = store_prepare(c, UNIT_SELECT "WHERE u.id = $1");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, id);
    return get_one(st, row);
}

int store_unit_by_national_id(store_conn *c, const char *national_id, struct unit_row *row) {
    store_stmt *st = store_prepare(c, UNIT_SELECT "WHERE u.national_id = $1");
    if (!st) return STORE_ERROR;
    store_bind_text(st, 1, national_id);
    return get_one(st, row);
}

/* One WHERE clause for every list; a NULL parameter switches its filter off. */
#define UNIT_WHERE                                                                             \
    "WHERE ($1 IS NULL OR u.id IN (SELECT rowid FROM units_fts WHERE units_fts MATCH $1)) "    \
    "AND ($2 IS NULL OR u.county_id = $2) "                                                    \
    "AND ($3 IS NULL OR ($3 = -1 AND u.zone_id IS NULL) OR u.zone_id = $3) "                   \
    "AND ($4 IS NULL OR ic.sector = $4) AND ($5 IS NULL OR u.isic = $5) "                      \
    "AND ($6 IS NULL OR u.state = $6) AND u.id > $7 "                                        \
    "AND ($10 IS NULL OR u.id IN (SELECT unit_id FROM unit_members WHERE user_id = $10)) "

static const char *const unit_list_sql[UNIT_SORT_COUNT] = {
    [UNIT_SORT_NAME] = UNIT_SELECT UNIT_WHERE "ORDER BY u.name, u.id LIMIT $8 OFFSET $9",
    [UNIT_SORT_EMPLOYEES_DESC] =
        UNIT_SELECT UNIT_WHERE "ORDER BY u.employees DESC, u.id LIMIT $8 OFFSET $9",
    [UNIT_SORT_NEWEST] = UNIT_SELECT UNIT_WHERE "ORDER BY u.id DESC LIMIT $8 OFFSET $9",
    [UNIT_SORT_ID] = UNIT_SELECT UNIT_WHERE "ORDER BY u.id LIMIT $8 OFFSET $9",
};

static void bind_unit_filter(store_stmt *st, const struct unit_filter *f) {
    store_bind_text(st, 1, f->match);
    if (f->county_id) store_bind_int(st, 2, f->county_id);
    else store_bind_null(st, 2);
    if (f->zone_id) store_bind_int(st, 3, f->zone_id);
    else store_bind_null(st, 3);
    store_bind_text(st, 4, f->sector);
    store_bind_text(st, 5, f->isic);
    store_bind_text(st, 6, f->state);
    store_bind_int(st, 7, f->after_id);
    if (f->member_user_id) store_bind_int(st, 10, f->member_user_id);
    else store_bind_null(st, 10);
}

int store_unit_list(store_conn *c, const struct unit_filter *f, unit_row_fn fn, void *arg,
                    int64_t *total) {
    int sort = f->sort >= 0 && f->sort < UNIT_SORT_COUNT ? (int)f->sort : UNIT_SORT_NAME;
    store_stmt *st = store_prepare(c, unit_list_sql[sort]);
    if (!st) return STORE_ERROR;
    bind_unit_filter(st, f);
    store_bind_int(st, 8, f->limit > 0 ? f->limit : 50);
    store_bind_int(st, 9, f->offset > 0 ? f->offset : 0);
    int rc;
    struct unit_row row;
    while ((rc = store_step(st)) == STORE_ROW) {
        read_unit_row(st, &row);
        if (fn(arg, &row)) {
            rc = STORE_DONE;
            break;
        }
    }
    store_done(st);
    if (rc != STORE_DONE) return rc;
    if (!total) return STORE_OK;
    st = store_prepare(c, "SELECT count(*) FROM units u LEFT JOIN isic_classes ic ON "
                          "ic.code = u.isic " UNIT_WHERE);
    if (!st) return STORE_ERROR;
    struct unit_filter all = *f;
    all.after_id = 0;
    bind_unit_filter(st, &all);
    rc = store_step(st);
    *total = rc == STORE_ROW ? store_col_int(st, 0) : 0;
    store_done(st);
    return rc == STORE_ROW ? STORE_OK : rc;
}

void store_bind_unit_fields(store_stmt *st, int base, const struct unit *u) {
    store_bind_text_ref(st, base + 1, u->national_id);
    store_bind_text_ref(st, base + 2, u->id_kind);
    store_bind_text_ref(st, base + 3, u->business_id[0] ? u->business_id : NULL);
    store_bind_text_ref(st, base + 4, u->licence_kind);
    store_bind_text_ref(st, base + 5, u->licence_no[0] ? u->licence_no : NULL);
    store_bind_text_ref(st, base + 6, u->name);
    store_bind_text_ref(st, base + 7, u->isic[0] ? u->isic : NULL);
    store_bind_int(st, base + 8, u->employees);
    store_bind_text_ref(st, base + 9, u->state);
    if (u->has_location) {
        store_bind_double(st, base + 10, u->lat);
        store_bind_double(st, base + 11, u->lon);
    } else {
        store_bind_null(st, base + 10);
        store_bind_null(st, base + 11);
    }
    store_bind_text_ref(st, base + 12, u->address);
    store_bind_text_ref(st, base + 13, u->postal_code[0] ? u->postal_code : NULL);
    if (u->county_id) store_bind_int(st, base + 14, u->county_id);
    else store_bind_null(st, base + 14);
    if (u->zone_id) store_bind_int(st, base + 15, u->zone_id);
    else store_bind_null(st, base + 15);
    store_bind_text_ref(st, base + 16, u->contact_name);
    store_bind_text_ref(st, base + 17, u->phone);
}

void store_bind_unit_values(store_stmt *st, const struct unit *u, const char *now) {
    store_bind_unit_fields(st, 0, u);
    store_bind_text(st, 18, now);
}

static void unit_detail(buf *b, const struct unit *u) {
    buf_puts(b, "{\"national_id\":");
    json_out_string(b, u->national_id);
    buf_puts(b, ",\"name\":");
    json_out_string(b, u->name);
    buf_printf(b, ",\"version\":%lld}", (long long)u->version);
}

/* The INSERT and its audit event, inside the caller's transaction. */
static int unit_insert(store_conn *c, const struct user *actor, struct unit *u, const char *now) {
    store_stmt *st = store_prepare(
        c, "INSERT INTO units(national_id, id_kind, business_id, licence_kind, licence_no, name, "
           "isic, employees, state, lat, lon, address, postal_code, county_id, zone_id, "
           "contact_name, phone, created_at, updated_at) "
           "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$18) "
           "RETURNING id");
    if (!st) return STORE_ERROR;
    store_bind_unit_values(st, u, now);
    int rc = store_step(st);
    if (rc == STORE_ROW) u->id = store_col_int(st, 0);
    store_done(st);
    if (rc != STORE_ROW) return rc;
    u->version = 1;
    snprintf(u->created_at, sizeof u->created_at, "%s", now);
    snprintf(u->updated_at, sizeof u->updated_at, "%s", now);
    buf d;
    buf_init(&d, 4096);
    unit_detail(&d, u);
    rc = store_audit_append(c, actor, "unit.create", "unit", u->id, d.data, NULL);
    buf_free(&d);
    return rc;
}

int store_unit_create(store_conn *c, const struct user *actor, struct unit *u) {
    char now[21];
    clock_iso_utc(clock_now(), now);
    int rc = store_begin(c);
    if (rc != STORE_OK) return rc;
    return store_tx_end(c, unit_insert(c, actor, u, now));
}

int store_unit_create_owned(store_conn *c, const struct user *actor, struct unit *u,
                            int64_t owner_id) {
    char now[21];
    clock_iso_utc(clock_now(), now);
    int rc = store_begin(c);
    if (rc != STORE_OK) return rc;
    rc = unit_insert(c, actor, u, now);
    if (rc != STORE_OK) return store_tx_end(c, rc);
    rc = store_unit_add_member(c, u->id, owner_id);
    if (rc != STORE_OK) return store_tx_end(c, rc);
    char detail[64];
    snprintf(detail, sizeof detail, "{\"user_id\":%lld}", (long long)owner_id);
    return store_tx_end(c, store_audit_append(c, actor, "unit.member_add", "unit", u->id, detail,
                                              NULL));
}

int store_unit_update(store_conn *c, const struct user *actor, struct unit *u) {
    char now[21];
    clock_iso_utc(clock_now(), now);
    int rc = store_begin(c);
    if (rc != STORE_OK) return rc;
    store_stmt *st = store_prepare(
        c, "UPDATE units SET national_id=$1, id_kind=$2, business_id=$3, licence_kind=$4, "
           "licence_no=$5, name=$6, isic=$7, employees=$8, state=$9, lat=$10, lon=$11, "
           "address=$12, postal_code=$13, county_id=$14, zone_id=$15, contact_name=$16, "
           "phone=$17, updated_at=$18, version = version + 1 WHERE id = $19 AND version = $20");
    if (!st) return store_tx_end(c, STORE_ERROR);
    store_bind_unit_values(st, u, now);
    store_bind_int(st, 19, u->id);
    store_bind_int(st, 20, u->version);
    rc = store_step_versioned(c, st, "units", u->id);
    if (rc != STORE_OK) return store_tx_end(c, rc);
    u->version++;
    snprintf(u->updated_at, sizeof u->updated_at, "%s", now);
    buf d;
    buf_init(&d, 4096);
    unit_detail(&d, u);
    rc = store_audit_append(c, actor, "unit.update", "unit", u->id, d.data, NULL);
    buf_free(&d);
    return store_tx_end(c, rc);
}

int store_unit_delete(store_conn *c, const struct user *actor, int64_t id, int64_t version) {
    return store_delete_versioned(c, actor, "units", "unit", id, version);
}

int store_unit_add_member(store_conn *c, int64_t unit_id, int64_t user_id) {
    store_stmt *st = store_prepare(c, "INSERT INTO unit_members(unit_id, user_id) VALUES ($1,$2) "
                                      "ON CONFLICT DO NOTHING");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, unit_id);
    store_bind_int(st, 2, user_id);
    int rc = store_step(st);
    store_done(st);
    return rc == STORE_DONE ? STORE_OK : rc;
}

int store_unit_is_member(store_conn *c, int64_t unit_id, int64_t user_id) {
    store_stmt *st =
        store_prepare(c, "SELECT 1 FROM unit_members WHERE unit_id = $1 AND user_id = $2");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, unit_id);
    store_bind_int(st, 2, user_id);
    int rc = store_step(st);
    store_done(st);
    return store_one_status(rc);
}

int store_unit_points(store_conn *c, const char *sector, const char *state,
                      int (*fn)(void *arg, const struct unit_point *p), void *arg) {
    store_stmt *st = store_prepare(
        c, "SELECT u.id, u.lat, u.lon, u.name, coalesce(u.isic,''), coalesce(ic.sector,''), "
           "u.licence_kind, u.state, u.employees, coalesce(u.zone_id,0), coalesce(u.county_id,0) "
           "FROM units u "
           "LEFT JOIN isic_classes ic ON ic.code = u.isic "
           "WHERE u.lat IS NOT NULL AND u.lon IS NOT NULL AND ($1 IS NULL OR ic.sector = $1) "
           "AND ($2 IS NULL OR u.state = $2) ORDER BY u.id");
    if (!st) return STORE_ERROR;
    store_bind_text(st, 1, sector);
    store_bind_text(st, 2, state);
    int rc;
    while ((rc = store_step(st)) == STORE_ROW) {
        struct unit_point p = {
            store_col_int(st, 0),    store_col_double(st, 1), store_col_double(st, 2),
            store_col_text(st, 3),   store_col_text(st, 4),   store_col_text(st, 5),
            store_col_text(st, 6),   store_col_text(st, 7),   store_col_int(st, 8),
            store_col_int(st, 9),    store_col_int(st, 10),
        };
        if (fn(arg, &p)) {
            rc = STORE_DONE;
            break;
        }
    }
    store_done(st);
    return rc == STORE_DONE ? STORE_OK : rc;
}

/* Assigns the given units, when outside any zone, to zone_id (one statement each,
 * inside the caller's transaction). Returns the number assigned through *n. */
int store_units_assign_zone(store_conn *c, const struct user *actor, int64_t zone_id,
                            const int64_t *ids, size_t n, size_t *assigned) {
    *assigned = 0;
    store_stmt *st = store_prepare(c, "UPDATE units SET zone_id = $1, version = version + 1, "
                                      "updated_at = $3 WHERE id = $2 AND zone_id IS NULL");
    if (!st) return STORE_ERROR;
    char now[21];
    clock_iso_utc(clock_now(), now);
    for (size_t i = 0; i < n; i++) {
        store_bind_int(st, 1, zone_id);
        store_bind_int(st, 2, ids[i]);
        store_bind_text(st, 3, now);
        int rc = store_step(st);
        store_done(st);
        if (rc != STORE_DONE) return rc;
        *assigned += (size_t)store_changes(c);
    }
    char detail[96];
    snprintf(detail, sizeof detail, "{\"units_assigned\":%zu}", *assigned);
    return store_audit_append(c, actor, "zone.assign_units", "zone", zone_id, detail, NULL);
}

int store_registry_counts(store_conn *c, struct registry_counts *out) {
    memset(out, 0, sizeof *out);
    store_stmt *st = store_prepare(
        c, "SELECT count(*), coalesce(sum(employees),0), coalesce(sum(state = 'idle'),0), "
           "coalesce(sum(licence_kind = 'none'),0), coalesce(sum(zone_id IS NULL),0), "
           "(SELECT count(*) FROM zones), (SELECT count(*) FROM zones WHERE kind = 'spot'), "
           "(SELECT count(*) FROM zones WHERE kind <> 'spot') FROM units");
    if (!st) return STORE_ERROR;
    int rc = store_step(st);
    if (rc == STORE_ROW) {
        out->units = store_col_int(st, 0);
        out->employees = store_col_int(st, 1);
        out->idle = store_col_int(st, 2);
        out->unlicensed = store_col_int(st, 3);
        out->outside_zones = store_col_int(st, 4);
        out->zones = store_col_int(st, 5);
        out->spots = store_col_int(st, 6);
        out->parks = store_col_int(st, 7);
    }
    store_done(st);
    return rc == STORE_ROW ? STORE_OK : rc;
}

/* --- reference data --------------------------------------------------------------- */

int store_county_by_name(store_conn *c, const char *name, int64_t *id) {
    store_stmt *st = store_prepare(c, "SELECT id FROM counties WHERE name = $1");
    if (!st) return STORE_ERROR;
    store_bind_text(st, 1, name);
    int rc = store_step(st);
    if (rc == STORE_ROW) *id = store_col_int(st, 0);
    store_done(st);
    return store_one_status(rc);
}

int store_county_each(store_conn *c, int (*fn)(void *arg, int64_t id, const char *name),
                      void *arg) {
    store_stmt *st = store_prepare(c, "SELECT id, name FROM counties ORDER BY id");
    if (!st) return STORE_ERROR;
    int rc;
    while ((rc = store_step(st)) == STORE_ROW)
        if (fn(arg, store_col_int(st, 0), store_col_text(st, 1))) break;
    store_done(st);
    return store_all_status(rc);
}

int store_isic_exists(store_conn *c, const char *code) {
    store_stmt *st = store_prepare(c, "SELECT 1 FROM isic_classes WHERE code = $1");
    if (!st) return STORE_ERROR;
    store_bind_text(st, 1, code);
    int rc = store_step(st);
    store_done(st);
    return store_one_status(rc);
}

int store_isic_each(store_conn *c,
                    int (*fn)(void *arg, const char *code, const char *title, const char *sector),
                    void *arg) {
    store_stmt *st = store_prepare(c, "SELECT code, title_fa, sector FROM isic_classes ORDER BY code");
    if (!st) return STORE_ERROR;
    int rc;
    while ((rc = store_step(st)) == STORE_ROW)
        if (fn(arg, store_col_text(st, 0), store_col_text(st, 1), store_col_text(st, 2))) break;
    store_done(st);
    return store_all_status(rc);
}

int store_sector_each(store_conn *c, int (*fn)(void *arg, const char *sector, int64_t units),
                      void *arg) {
    store_stmt *st = store_prepare(
        c, "SELECT ic.sector, count(u.id) FROM isic_classes ic LEFT JOIN units u ON "
           "u.isic = ic.code GROUP BY ic.sector ORDER BY count(u.id) DESC, ic.sector");
    if (!st) return STORE_ERROR;
    int rc;
    while ((rc = store_step(st)) == STORE_ROW)
        if (fn(arg, store_col_text(st, 0), store_col_int(st, 1))) break;
    store_done(st);
    return store_all_status(rc);
}
