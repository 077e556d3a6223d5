/* store_zones — industrial zones, their infrastructure and conversion stages; see
 * store_registry.h. The unit counts shown with a zone are correlated subqueries on
 * the units_zone index, so a zone costs only its own units, whether it is one zone
 * being read or a page of them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/json_out.h"
#include "registry/registry.h"
#include "store/store_audit.h"
#include "store/store_registry.h"
#include "store/store_tx.h"

#define ZONE_SELECT                                                                           \
    "SELECT z.id, z.kind, z.name, z.county_id, co.name, z.center_lat, z.center_lon, "         \
    "coalesce(z.area_ha,-1), coalesce(z.stage,''), z.notes, z.version, "                      \
    "(SELECT count(*) FROM units WHERE zone_id = z.id), "                                     \
    "(SELECT coalesce(sum(employees),0) FROM units WHERE zone_id = z.id), "                   \
    "z.created_at, z.updated_at, z.outline "                                                  \
    "FROM zones z JOIN counties co ON co.id = z.county_id "

static void read_zone(store_stmt *st, struct zone *z) {
    memset(z, 0, sizeof *z);
    z->id = store_col_int(st, 0);
    store_col_copy(st, 1, z->kind, sizeof z->kind);
    store_col_copy(st, 2, z->name, sizeof z->name);
    z->county_id = store_col_int(st, 3);
    store_col_copy(st, 4, z->county, sizeof z->county);
    z->has_center = !store_col_null(st, 5) && !store_col_null(st, 6);
    z->center_lat = store_col_double(st, 5);
    z->center_lon = store_col_double(st, 6);
    z->area_ha = store_col_double(st, 7);
    store_col_copy(st, 8, z->stage, sizeof z->stage);
    store_col_copy(st, 9, z->notes, sizeof z->notes);
    z->version = store_col_int(st, 10);
    z->units = store_col_int(st, 11);
    z->employees = store_col_int(st, 12);
    store_col_copy(st, 13, z->created_at, sizeof z->created_at);
    store_col_copy(st, 14, z->updated_at, sizeof z->updated_at);
    z->outline = NULL; /* fetched separately by store_zone_get (may be large) */
}

int store_zone_names_each(store_conn *c, int (*fn)(void *arg, int64_t id, const char *name),
                          void *arg) {
    store_stmt *st = store_prepare(c, "SELECT id, name FROM zones ORDER BY name, id");
    if (!st) return STORE_ERROR;
    int rc;
    while ((rc = store_step(st)) == STORE_ROW)
        if (fn(arg, store_col_int(st, 0), store_col_text(st, 1))) break;
    store_done(st);
    return store_all_status(rc);
}

int store_zone_get(store_conn *c, int64_t id, struct zone *z) {
    store_stmt *st = store_prepare(c, ZONE_SELECT "WHERE z.id = $1");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, id);
    int rc = store_step(st);
    if (rc == STORE_ROW) {
        read_zone(st, z);
        if (!store_col_null(st, 15)) z->outline = strdup(store_col_text(st, 15));
    }
    store_done(st);
    return store_one_status(rc);
}

#define ZONE_WHERE                                                                           \
    "WHERE ($1 IS NULL OR z.id IN (SELECT rowid FROM zones_fts WHERE zones_fts MATCH $1)) "  \
    "AND ($2 IS NULL OR z.kind = $2) AND ($3 IS NULL OR z.county_id = $3) AND z.id > $4 "

static void bind_zone_filter(store_stmt *st, const struct zone_filter *f, int64_t after) {
    store_bind_text(st, 1, f->match);
    store_bind_text(st, 2, f->kind);
    if (f->county_id) store_bind_int(st, 3, f->county_id);
    else store_bind_null(st, 3);
    store_bind_int(st, 4, after);
}

int store_zone_list(store_conn *c, const struct zone_filter *f, zone_fn fn, void *arg,
                    int64_t *total) {
    store_stmt *st = store_prepare(c, ZONE_SELECT ZONE_WHERE "ORDER BY z.id LIMIT $5 OFFSET $6");
    if (!st) return STORE_ERROR;
    bind_zone_filter(st, f, f->after_id);
    store_bind_int(st, 5, f->limit > 0 ? f->limit : 50);
    store_bind_int(st, 6, f->offset > 0 ? f->offset : 0);
    int rc;
    struct zone z;
    while ((rc = store_step(st)) == STORE_ROW) {
        read_zone(st, &z);
        if (fn(arg, &z)) {
            rc = STORE_DONE;
            break;
        }
    }
    store_done(st);
    if (rc != STORE_DONE || !total) return rc == STORE_DONE ? STORE_OK : rc;
    st = store_prepare(c, "SELECT count(*) FROM zones z " ZONE_WHERE);
    if (!st) return STORE_ERROR;
    bind_zone_filter(st, f, 0);
    rc = store_step(st);
    *total = rc == STORE_ROW ? store_col_int(st, 0) : 0;
    store_done(st);
    return rc == STORE_ROW ? STORE_OK : rc;
}

void store_bind_zone_values(store_stmt *st, const struct zone *z, const char *now) {
    store_bind_text(st, 1, z->kind);
    store_bind_text(st, 2, z->name);
    store_bind_int(st, 3, z->county_id);
    store_bind_text(st, 4, z->outline && *z->outline ? z->outline : NULL);
    if (z->has_center) {
        store_bind_double(st, 5, z->center_lat);
        store_bind_double(st, 6, z->center_lon);
    } else {
        store_bind_null(st, 5);
        store_bind_null(st, 6);
    }
    if (z->area_ha >= 0) store_bind_double(st, 7, z->area_ha);
    else store_bind_null(st, 7);
    store_bind_text(st, 8, z->stage[0] ? z->stage : NULL);
    store_bind_text(st, 9, z->notes);
    store_bind_text(st, 10, now);
}

static int zone_audit(store_conn *c, const struct user *actor, const char *action,
                      const struct zone *z) {
    buf d;
    buf_init(&d, 4096);
    buf_puts(&d, "{\"name\":");
    json_out_string(&d, z->name);
    buf_puts(&d, ",\"kind\":");
    json_out_string(&d, z->kind);
    buf_printf(&d, ",\"version\":%lld}", (long long)z->version);
    int rc = store_audit_append(c, actor, action, "zone", z->id, d.data, NULL);
    buf_free(&d);
    return rc;
}

int store_zone_create(store_conn *c, const struct user *actor, struct zone *z) {
    char now[21];
    clock_iso_utc(clock_now(), now);
    int rc = store_begin(c);
    if (rc != STORE_OK) return rc;
    store_stmt *st = store_prepare(
        c, "INSERT INTO zones(kind, name, county_id, outline, center_lat, center_lon, area_ha, "
           "stage, notes, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$10) "
           "RETURNING id");
    if (!st) return store_tx_end(c, STORE_ERROR);
    store_bind_zone_values(st, z, now);
    rc = store_step(st);
    if (rc == STORE_ROW) z->id = store_col_int(st, 0);
    store_done(st);
    if (rc != STORE_ROW) return store_tx_end(c, rc);
    z->version = 1;
    rc = zone_audit(c, actor, "zone.create", z);
    if (rc == STORE_OK && z->stage[0]) {
        /* A spot created at a stage has reached it today. */
        st = store_prepare(c, "INSERT INTO zone_stages(zone_id, stage, reached) "
                              "VALUES ($1, $2, substr($3, 1, 10))");
        if (!st) return store_tx_end(c, STORE_ERROR);
        store_bind_int(st, 1, z->id);
        store_bind_text(st, 2, z->stage);
        store_bind_text(st, 3, now);
        rc = store_step(st) == STORE_DONE ? STORE_OK : STORE_ERROR;
        store_done(st);
    }
    return store_tx_end(c, rc);
}

int store_zone_update(store_conn *c, const struct user *actor, struct zone *z) {
    char now[21];
    clock_iso_utc(clock_now(), now);
    int rc = store_begin(c);
    if (rc != STORE_OK) return rc;
    store_stmt *st = store_prepare(
        c, "UPDATE zones SET kind=$1, name=$2, county_id=$3, outline=$4, center_lat=$5, "
           "center_lon=$6, area_ha=$7, stage=$8, notes=$9, updated_at=$10, version=version+1 "
           "WHERE id = $11 AND version = $12");
    if (!st) return store_tx_end(c, STORE_ERROR);
    store_bind_zone_values(st, z, now);
    store_bind_int(st, 11, z->id);
    store_bind_int(st, 12, z->version);
    rc = store_step_versioned(c, st, "zones", z->id);
    if (rc != STORE_OK) return store_tx_end(c, rc);
    z->version++;
    return store_tx_end(c, zone_audit(c, actor, "zone.update", z));
}

int store_zone_delete(store_conn *c, const struct user *actor, int64_t id, int64_t version) {
    return store_delete_versioned(c, actor, "zones", "zone", id, version);
}

int store_zone_infra(store_conn *c, int64_t zone_id, struct zone_infra out[6], int *n) {
    *n = 0;
    store_stmt *st = store_prepare(c, "SELECT utility, state, note, coalesce(as_of,'') FROM "
                                      "zone_infrastructure WHERE zone_id = $1");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, zone_id);
    int rc;
    while ((rc = store_step(st)) == STORE_ROW && *n < 6) {
        struct zone_infra *z = &out[(*n)++];
        store_col_copy(st, 0, z->utility, sizeof z->utility);
        store_col_copy(st, 1, z->state, sizeof z->state);
        store_col_copy(st, 2, z->note, sizeof z->note);
        store_col_copy(st, 3, z->as_of, sizeof z->as_of);
    }
    store_done(st);
    return store_all_status(rc);
}

int store_zone_set_infra(store_conn *c, const struct user *actor, int64_t zone_id,
                         const struct zone_infra *inf) {
    int rc = store_begin(c);
    if (rc != STORE_OK) return rc;
    store_stmt *st = store_prepare(
        c, "INSERT INTO zone_infrastructure(zone_id, utility, state, note, as_of) "
           "VALUES ($1,$2,$3,$4,$5) ON CONFLICT(zone_id, utility) DO UPDATE SET "
           "state = excluded.state, note = excluded.note, as_of = excluded.as_of");
    if (!st) return store_tx_end(c, STORE_ERROR);
    store_bind_int(st, 1, zone_id);
    store_bind_text(st, 2, inf->utility);
    store_bind_text(st, 3, inf->state);
    store_bind_text(st, 4, inf->note);
    store_bind_text(st, 5, inf->as_of[0] ? inf->as_of : NULL);
    rc = store_step(st);
    store_done(st);
    if (rc != STORE_DONE) return store_tx_end(c, rc);
    buf d;
    buf_init(&d, 1024);
    buf_puts(&d, "{\"utility\":");
    json_out_string(&d, inf->utility);
    buf_puts(&d, ",\"state\":");
    json_out_string(&d, inf->state);
    buf_putc(&d, '}');
    rc = store_audit_append(c, actor, "zone.infrastructure", "zone", zone_id, d.data, NULL);
    buf_free(&d);
    return store_tx_end(c, rc);
}

int store_zone_stages(store_conn *c, int64_t zone_id,
                      int (*fn)(void *arg, const char *stage, const char *reached), void *arg) {
    store_stmt *st = store_prepare(c, "SELECT stage, reached FROM zone_stages WHERE zone_id = $1 "
                                      "ORDER BY reached, stage");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, zone_id);
    int rc;
    while ((rc = store_step(st)) == STORE_ROW)
        if (fn(arg, store_col_text(st, 0), store_col_text(st, 1))) break;
    store_done(st);
    return store_all_status(rc);
}

int store_zone_reach_stage(store_conn *c, const struct user *actor, int64_t zone_id,
                           const char *stage, const char *reached) {
    if (!vocab_has(zone_stages, stage) || !reached || strlen(reached) != 10)
        return STORE_ECONSTRAINT;
    for (int i = 0; i < 10; i++) /* an ISO date: it goes into the audit detail verbatim */
        if (i == 4 || i == 7 ? reached[i] != '-' : (reached[i] < '0' || reached[i] > '9'))
            return STORE_ECONSTRAINT;
    int rc = store_begin(c);
    if (rc != STORE_OK) return rc;
    store_stmt *st = store_prepare(c, "INSERT INTO zone_stages(zone_id, stage, reached) VALUES "
                                      "($1,$2,$3) ON CONFLICT(zone_id, stage) DO UPDATE SET "
                                      "reached = excluded.reached");
    if (!st) return store_tx_end(c, STORE_ERROR);
    store_bind_int(st, 1, zone_id);
    store_bind_text(st, 2, stage);
    store_bind_text(st, 3, reached);
    rc = store_step(st);
    store_done(st);
    if (rc != STORE_DONE) return store_tx_end(c, rc);
    /* The current stage is the furthest one reached, in the vocabulary's order. */
    const char *furthest = stage;
    st = store_prepare(c, "SELECT stage FROM zone_stages WHERE zone_id = $1");
    if (!st) return store_tx_end(c, STORE_ERROR);
    store_bind_int(st, 1, zone_id);
    int best = vocab_index(zone_stages, stage);
    while ((rc = store_step(st)) == STORE_ROW) {
        int i = vocab_index(zone_stages, store_col_text(st, 0));
        if (i > best) best = i;
    }
    store_done(st);
    furthest = zone_stages[best].code;
    st = store_prepare(c, "UPDATE zones SET stage = $1, version = version + 1 WHERE id = $2");
    if (!st) return store_tx_end(c, STORE_ERROR);
    store_bind_text(st, 1, furthest);
    store_bind_int(st, 2, zone_id);
    rc = store_step(st);
    store_done(st);
    if (rc != STORE_DONE) return store_tx_end(c, rc);
    if (store_changes(c) == 0) return store_tx_end(c, STORE_ENOTFOUND);
    char detail[160];
    snprintf(detail, sizeof detail, "{\"stage\":\"%s\",\"reached\":\"%.10s\"}", stage, reached);
    return store_tx_end(c, store_audit_append(c, actor, "zone.stage", "zone", zone_id, detail, NULL));
}
