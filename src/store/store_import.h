/* store_import — the bulk write path shared by imports and the demo.
 *
 * The caller holds one transaction (store_begin) around a whole file and writes one
 * audit event for it (store_import_audit): a million-row import is one commit and
 * one event, not a million. Units are keyed on the national ID and zones on
 * (county, name), so running the same file twice updates rows and never duplicates
 * them; a row whose values are all unchanged is left alone (its version stays). */
#ifndef TASHIL_STORE_IMPORT_H
#define TASHIL_STORE_IMPORT_H

#include <stdint.h>

#include "store/store.h"
#include "store/store_registry.h"
#include "store/store_users.h"

enum store_upsert_outcome { STORE_UPSERT_CREATED, STORE_UPSERT_UPDATED, STORE_UPSERT_UNCHANGED };

/* INSERT … ON CONFLICT(national_id) DO UPDATE. `now` is an ISO UTC instant. Sets
 * u->id and *outcome. Must run inside a transaction. */
int store_unit_upsert(store_conn *c, struct unit *u, const char *now,
                      enum store_upsert_outcome *outcome);
/* INSERT … ON CONFLICT(county_id, name) DO UPDATE (kind, centre, area, notes; the
 * stage is left to store_zone_reach_stage). Sets z->id and *outcome. */
int store_zone_upsert(store_conn *c, struct zone *z, const char *now,
                      enum store_upsert_outcome *outcome);

/* One event for a whole import: action ("unit.import", "zone.import") and a JSON
 * object detail with the counts and the file's hash. */
int store_import_audit(store_conn *c, const struct user *actor, const char *action,
                       const char *detail_json);

/* Every zone id (for checking zone references before writing). */
int store_zone_id_each(store_conn *c, int (*fn)(void *arg, int64_t id), void *arg);
/* Zones by county and name (for zone references by name); STORE_ENOTFOUND. */
int store_zone_by_name(store_conn *c, int64_t county_id, const char *name, int64_t *id);

/* Makes a user the liaison of an agency (users.agency_id), audited. */
int store_user_set_agency(store_conn *c, const struct user *actor, int64_t user_id,
                          int64_t agency_id);

#endif
