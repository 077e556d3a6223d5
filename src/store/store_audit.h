/* store_audit — the append-only, hash-chained log of every change.
 *
 * Each event stores the hash of its predecessor and its own hash over
 * (prev_hash, at, actor, action, entity, entity_id, detail), so editing or deleting
 * any past event breaks the chain at that point (`store_audit_verify`). Events are
 * written by the same transaction as the change they record: callers hold a
 * transaction (store_begin) when they call store_audit_append. */
#ifndef TASHIL_STORE_AUDIT_H
#define TASHIL_STORE_AUDIT_H

#include <stdint.h>

#include "store/store.h"
#include "store/store_users.h"

/* actor may be NULL for the system (CLI bootstrap). detail_json must be a JSON
 * object text ("{}" when nothing to add). */
int store_audit_append(store_conn *c, const struct user *actor, const char *action,
                       const char *entity, int64_t entity_id, const char *detail_json,
                       const char *ip);

/* Walks the chain; returns STORE_OK, or STORE_ERROR with *bad_id set to the first
 * event whose link or hash does not hold. *count gets the number of events read. */
int store_audit_verify(store_conn *c, int64_t *count, int64_t *bad_id);

#endif
