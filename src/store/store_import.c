/* store_import — see store_import.h. The upserts skip the write entirely when every
 * column already holds the incoming value (the DO UPDATE … WHERE clause), so a
 * re-import of an unchanged file bumps no versions and fires no FTS triggers. */
#include "store/store_import.h"

#include <stdio.h>
#include <string.h>

#include "store/store_audit.h"
#include "store/store_tx.h"

int store_unit_upsert(store_conn *c, struct unit *u, const char *now,
                      enum store_upsert_outcome *outcome) {
    store_stmt *st = store_prepare(
        c,
        "INSERT INTO units(national_id, id_kind, business_id, licence_kind, licence_no, name, "
        "isic, employees, state, lat, lon, address, postal_code, county_id, zone_id, "
        "contact_name, phone, created_at, updated_at) "
        "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$18) "
        "ON CONFLICT(national_id) DO UPDATE SET id_kind=excluded.id_kind, "
        "business_id=excluded.business_id, licence_kind=excluded.licence_kind, "
        "licence_no=excluded.licence_no, name=excluded.name, isic=excluded.isic, "
        "employees=excluded.employees, state=excluded.state, lat=excluded.lat, "
        "lon=excluded.lon, address=excluded.address, postal_code=excluded.postal_code, "
        "county_id=excluded.county_id, zone_id=excluded.zone_id, "
        "contact_name=excluded.contact_name, phone=excluded.phone, "
        "updated_at=excluded.updated_at, version=units.version+1 "
        "WHERE (units.id_kind, units.business_id, units.licence_kind, units.licence_no, "
        "units.name, units.isic, units.employees, units.state, units.lat, units.lon, "
        "units.address, units.postal_code, units.county_id, units.zone_id, "
        "units.contact_name, units.phone) IS NOT (excluded.id_kind, excluded.business_id, "
        "excluded.licence_kind, excluded.licence_no, excluded.name, excluded.isic, "
        "excluded.employees, excluded.state, excluded.lat, excluded.lon, excluded.address, "
        "excluded.postal_code, excluded.county_id, excluded.zone_id, excluded.contact_name, "
        "excluded.phone) "
        "RETURNING id, version");
    if (!st) return STORE_ERROR;
    store_bind_unit_values(st, u, now);
    int rc = store_step(st);
    if (rc == STORE_ROW) {
        u->id = store_col_int(st, 0);
        u->version = store_col_int(st, 1);
        *outcome = u->version == 1 ? STORE_UPSERT_CREATED : STORE_UPSERT_UPDATED;
        rc = STORE_OK;
    } else if (rc == STORE_DONE) {
        *outcome = STORE_UPSERT_UNCHANGED;
        rc = STORE_OK;
    }
    store_done(st);
    return rc;
}

int store_zone_upsert(store_conn *c, struct zone *z, const char *now,
                      enum store_upsert_outcome *outcome) {
    store_stmt *st = store_prepare(
        c,
        "INSERT INTO zones(kind, name, county_id, outline, center_lat, center_lon, area_ha, "
        "stage, notes, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$10) "
        "ON CONFLICT(county_id, name) DO UPDATE SET kind=excluded.kind, "
        "outline=coalesce(excluded.outline, zones.outline), center_lat=excluded.center_lat, "
        "center_lon=excluded.center_lon, area_ha=excluded.area_ha, notes=excluded.notes, "
        "updated_at=excluded.updated_at, version=zones.version+1 "
        "WHERE (zones.kind, zones.center_lat, zones.center_lon, zones.area_ha, zones.notes) "
        "IS NOT (excluded.kind, excluded.center_lat, excluded.center_lon, excluded.area_ha, "
        "excluded.notes) OR (excluded.outline IS NOT NULL AND excluded.outline IS NOT "
        "zones.outline) "
        "RETURNING id, version");
    if (!st) return STORE_ERROR;
    /* The stage is recorded through store_zone_reach_stage, with its date. */
    char stage[sizeof z->stage];
    memcpy(stage, z->stage, sizeof stage);
    z->stage[0] = 0;
    store_bind_zone_values(st, z, now);
    memcpy(z->stage, stage, sizeof stage);
    int rc = store_step(st);
    if (rc == STORE_ROW) {
        z->id = store_col_int(st, 0);
        z->version = store_col_int(st, 1);
        *outcome = z->version == 1 ? STORE_UPSERT_CREATED : STORE_UPSERT_UPDATED;
        rc = STORE_OK;
    } else if (rc == STORE_DONE) {
        *outcome = STORE_UPSERT_UNCHANGED;
        rc = STORE_OK;
    }
    store_done(st);
    if (rc == STORE_OK && *outcome == STORE_UPSERT_UNCHANGED)
        rc = store_zone_by_name(c, z->county_id, z->name, &z->id);
    return rc;
}

int store_import_audit(store_conn *c, const struct user *actor, const char *action,
                       const char *detail_json) {
    return store_audit_append(c, actor, action, "import", 0, detail_json, NULL);
}

int store_zone_id_each(store_conn *c, int (*fn)(void *arg, int64_t id), void *arg) {
    store_stmt *st = store_prepare(c, "SELECT id FROM zones ORDER BY id");
    if (!st) return STORE_ERROR;
    int rc;
    while ((rc = store_step(st)) == STORE_ROW)
        if (fn(arg, store_col_int(st, 0))) break;
    store_done(st);
    return rc == STORE_ROW || rc == STORE_DONE ? STORE_OK : rc;
}

int store_zone_by_name(store_conn *c, int64_t county_id, const char *name, int64_t *id) {
    store_stmt *st = store_prepare(c, "SELECT id FROM zones WHERE county_id = $1 AND name = $2");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, county_id);
    store_bind_text(st, 2, name);
    int rc = store_step(st);
    if (rc == STORE_ROW) *id = store_col_int(st, 0);
    store_done(st);
    return rc == STORE_ROW ? STORE_OK : rc == STORE_DONE ? STORE_ENOTFOUND : rc;
}

int store_user_set_agency(store_conn *c, const struct user *actor, int64_t user_id,
                          int64_t agency_id) {
    int rc = store_begin(c);
    if (rc != STORE_OK) return rc;
    store_stmt *st = store_prepare(c, "UPDATE users SET agency_id = $1 WHERE id = $2");
    if (!st) return store_tx_end(c, STORE_ERROR);
    store_bind_int(st, 1, agency_id);
    store_bind_int(st, 2, user_id);
    rc = store_step(st);
    store_done(st);
    if (rc != STORE_DONE) return store_tx_end(c, rc);
    if (store_changes(c) == 0) return store_tx_end(c, STORE_ENOTFOUND);
    char detail[64];
    snprintf(detail, sizeof detail, "{\"agency_id\":%lld}", (long long)agency_id);
    rc = store_audit_append(c, actor, "user.agency", "user", user_id, detail, NULL);
    return store_tx_end(c, rc);
}
