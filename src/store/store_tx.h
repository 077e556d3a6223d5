/* store_tx — the small steps every write in the store repeats: ending a transaction
 * by its outcome, telling a stale version from a missing row, and a versioned
 * delete with its audit event. Internal to src/store/. */
#ifndef TASHIL_STORE_TX_H
#define TASHIL_STORE_TX_H

#include <stdint.h>

#include "store/store.h"
#include "store/store_users.h"

/* Commits when rc is STORE_OK, else rolls back; returns the outcome. */
int store_tx_end(store_conn *c, int rc);
/* After an UPDATE/DELETE ... WHERE id AND version touched no row: STORE_ECONFLICT
 * when the row exists (someone changed it), STORE_ENOTFOUND when it does not. The
 * table name is one of our literals, never outside text. */
int store_version_miss(store_conn *c, const char *table, int64_t id);
/* Steps a bound UPDATE/DELETE ... WHERE id AND version of `table` and releases it:
 * STORE_OK when it touched the row, else store_version_miss's answer or the error. */
int store_step_versioned(store_conn *c, store_stmt *st, const char *table, int64_t id);
/* Deletes a row of `table` at `version`, writing "<entity>.delete". A row others
 * depend on gives STORE_ECONSTRAINT and stays. */
int store_delete_versioned(store_conn *c, const struct user *actor, const char *table,
                           const char *entity, int64_t id, int64_t version);

/* Binds a unit's columns as $1..$18 (national_id … contact_name, phone, now) and a
 * zone's as $1..$10 (kind … notes, now): the order of the INSERT and UPDATE
 * statements in store_registry.c, store_zones.c and store_import.c. */
struct unit;
struct zone;
void store_bind_unit_values(store_stmt *st, const struct unit *u, const char *now);
/* The 17 unit columns of that list (all but the instant) at parameters base+1..base+17,
 * for statements that insert several units. Both bind u's text by reference: u must
 * stay as it is until store_done. */
void store_bind_unit_fields(store_stmt *st, int base, const struct unit *u);
void store_bind_zone_values(store_stmt *st, const struct zone *z, const char *now);

#endif
