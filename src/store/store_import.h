/* store_import — the bulk write path shared by imports and the demo.
 *
 * The caller holds one transaction (store_begin) around a whole file and writes one
 * audit event for it (store_import_audit): a million-row import is one commit and
 * one event, not a million. Units are keyed on the national ID and zones on
 * (county, name), so running the same file twice updates rows and never duplicates
 * them; a row whose values are all unchanged is left alone (its version stays). */
#ifndef TASHIL_STORE_IMPORT_H
#define TASHIL_STORE_IMPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"
#include "store/store_fts_build.h"
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

/* Bulk mode, for a large import inside the caller's transaction (SQLite engine):
 *   - rows go in STORE_BULK_ROWS at a time, one multi-row upsert statement each
 *     (store_units_bulk_write): per-statement work (the CHECK constraints' IN lists
 *     are built once per statement, the statement journal, the step) is shared by
 *     the rows; the counts come from the changes and the new ids at the end;
 *   - no statement journals (INSERT OR ROLLBACK: a failed statement ends the whole
 *     import anyway); a larger page cache for large imports;
 *   - the units' FTS triggers are dropped for the transaction and the rows it
 *     created or changed are indexed by INSERT … SELECT at the end (a trigger
 *     makes every statement flush FTS5's pending terms into a new segment); the
 *     search index is contentless, so a temporary trigger keeps the old text of the
 *     rows whose indexed text changes, for FTS5's 'delete'; or, for a first load
 *     into an empty table, the caller builds that index on a thread of its own
 *     while the rows are written and it is installed instead (fts_built below);
 *   - when the import is expected to be larger than the table, the secondary
 *     indexes of units are dropped too and rebuilt at the end (one sort instead of
 *     a million random inserts), each sorted in small runs by helper threads.
 * Dropped objects are recreated from their own SQL read from sqlite_master, so
 * bulk mode follows later migrations. A rollback undoes all of it (SQLite DDL is
 * transactional); while the transaction holds the write lock no other writer can
 * add a unit without its triggers. */
enum { STORE_BULK_ROWS = 32 };
struct store_bulk {
    bool active, fts_deferred;
    bool plain_insert;   /* empty table: INSERTs without the national-ID index */
    bool indexes_dropped; /* the secondary indexes are rebuilt at the end */
    int64_t max_id_before;
    int nsaved;
    char *saved[16];     /* SQL of the dropped triggers and indexes */
    bool cache_saved;    /* cache_pages holds the connection's cache_size before, */
    int64_t cache_pages; /* put back at the end */
    bool threads_raised; /* PRAGMA threads was raised for the index rebuild, */
    int64_t threads_before; /* from this */
    int64_t foreign_keys; /* and foreign_keys, when turned off (else -1) */
    bool rollback_journal; /* a first load switched the database out of WAL */
    int64_t mmap_size;   /* and then turned off its memory map (else -1) */
    int64_t expected_rows;
    int64_t written;     /* rows sent */
    int64_t changes;     /* of those, rows created or updated */
    int64_t created, updated; /* set by store_units_bulk_end */
    /* Set by the caller before store_units_bulk_end when it built the search index
     * of the new rows on the side (store_fts_build.h), giving row k of the load the
     * rowid max_id_before + k: installed instead of indexing the rows again, once
     * the table's ids are checked to be exactly those. */
    struct store_fts_build *fts_built;
    int64_t fts_built_rows;
};
/* Before the caller's transaction: the connection's settings for a bulk load.
 * refs_checked: the caller validates every row's references (ISIC class, county,
 * zone) against the tables as read inside its transaction, so SQLite's foreign-key
 * enforcement is switched off for it (see store_import.c). */
int store_units_bulk_setup(store_conn *c, int64_t expected_rows, bool refs_checked,
                           struct store_bulk *b);
/* Inside it, before the first row. */
int store_units_bulk_begin(store_conn *c, struct store_bulk *b);
/* Upserts n units (validated, in file order) as store_unit_upsert does, without
 * per-row outcomes: the counts are in b after store_units_bulk_end. */
int store_units_bulk_write(store_conn *c, struct store_bulk *b, const struct unit *rows,
                           size_t n, const char *now);
/* store_unit_upsert, with its outcome (the demo's path). */
int store_unit_upsert_bulk(store_conn *c, struct store_bulk *b, struct unit *u, const char *now,
                           enum store_upsert_outcome *outcome);
/* Indexes the touched rows, recreates what was dropped and sets b->created and
 * b->updated (unchanged = written - created - updated); call before commit. */
int store_units_bulk_end(store_conn *c, struct store_bulk *b);
/* Frees the saved SQL and restores the connection's settings (after commit or
 * rollback; also after a failed setup). */
void store_units_bulk_free(store_conn *c, struct store_bulk *b);

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
