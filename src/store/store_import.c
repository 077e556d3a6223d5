/* store_import — see store_import.h. The upserts skip the write entirely when every
 * column already holds the incoming value (the DO UPDATE … WHERE clause), so a
 * re-import of an unchanged file bumps no versions and fires no FTS triggers. */
#include "store/store_import.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "store/store_audit.h"
#include "store/store_tx.h"

/* Runs an upsert ending in RETURNING id, version: a row means created (version 1)
 * or updated; no row means the DO UPDATE … WHERE found nothing to change. */
static int upsert_step(store_stmt *st, int64_t *id, int64_t *version,
                       enum store_upsert_outcome *outcome) {
    int rc = store_step(st);
    if (rc == STORE_ROW) {
        *id = store_col_int(st, 0);
        *version = store_col_int(st, 1);
        *outcome = *version == 1 ? STORE_UPSERT_CREATED : STORE_UPSERT_UPDATED;
        rc = STORE_OK;
    } else if (rc == STORE_DONE) {
        *outcome = STORE_UPSERT_UNCHANGED;
        rc = STORE_OK;
    }
    store_done(st);
    return rc;
}

/* The units upsert, shared by the one-row form (with RETURNING) and the bulk form
 * (many rows per statement). */
#define UNIT_INSERT_COLUMNS "INSERT INTO " UNIT_COLUMNS
#define UNIT_COLUMNS                                                                           \
    "units(national_id, id_kind, business_id, licence_kind, licence_no, name, "    \
    "isic, employees, state, lat, lon, address, postal_code, county_id, zone_id, "             \
    "contact_name, phone, created_at, updated_at) VALUES "
#define UNIT_ON_CONFLICT                                                                       \
    " ON CONFLICT(national_id) DO UPDATE SET id_kind=excluded.id_kind, "                       \
    "business_id=excluded.business_id, licence_kind=excluded.licence_kind, "                   \
    "licence_no=excluded.licence_no, name=excluded.name, isic=excluded.isic, "                 \
    "employees=excluded.employees, state=excluded.state, lat=excluded.lat, "                   \
    "lon=excluded.lon, address=excluded.address, postal_code=excluded.postal_code, "           \
    "county_id=excluded.county_id, zone_id=excluded.zone_id, "                                 \
    "contact_name=excluded.contact_name, phone=excluded.phone, "                               \
    "updated_at=excluded.updated_at, version=units.version+1 "                                 \
    "WHERE (units.id_kind, units.business_id, units.licence_kind, units.licence_no, "          \
    "units.name, units.isic, units.employees, units.state, units.lat, units.lon, "             \
    "units.address, units.postal_code, units.county_id, units.zone_id, "                       \
    "units.contact_name, units.phone) IS NOT (excluded.id_kind, excluded.business_id, "        \
    "excluded.licence_kind, excluded.licence_no, excluded.name, excluded.isic, "               \
    "excluded.employees, excluded.state, excluded.lat, excluded.lon, excluded.address, "       \
    "excluded.postal_code, excluded.county_id, excluded.zone_id, excluded.contact_name, "      \
    "excluded.phone)"

int store_unit_upsert(store_conn *c, struct unit *u, const char *now,
                      enum store_upsert_outcome *outcome) {
    store_stmt *st = store_prepare(
        c, UNIT_INSERT_COLUMNS "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$18)"
               UNIT_ON_CONFLICT " RETURNING id, version");
    if (!st) return STORE_ERROR;
    store_bind_unit_values(st, u, now);
    return upsert_step(st, &u->id, &u->version, outcome);
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
    int rc = upsert_step(st, &z->id, &z->version, outcome);
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
    return store_all_status(rc);
}

int store_zone_by_name(store_conn *c, int64_t county_id, const char *name, int64_t *id) {
    store_stmt *st = store_prepare(c, "SELECT id FROM zones WHERE county_id = $1 AND name = $2");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, county_id);
    store_bind_text(st, 2, name);
    int rc = store_step(st);
    if (rc == STORE_ROW) *id = store_col_int(st, 0);
    store_done(st);
    return store_one_status(rc);
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

/* --- bulk mode ------------------------------------------------------------------------- */

static int64_t scalar(store_conn *c, const char *sql) {
    store_stmt *st = store_prepare(c, sql);
    if (!st) return -1;
    int64_t v = store_step(st) == STORE_ROW ? store_col_int(st, 0) : -1;
    store_done(st);
    return v;
}

/* Saves the SQL of the named objects on units (triggers, non-unique indexes), then
 * drops them. */
static int save_and_drop(store_conn *c, struct store_bulk *b, bool indexes, bool unique) {
    store_stmt *st = store_prepare(
        c, "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'units' AND sql IS NOT NULL "
           "AND ((type = 'trigger' AND name IN ('units_fts_insert', 'units_fts_update')) OR "
           "(type = 'index' AND $1 = 1 AND sql NOT LIKE 'CREATE UNIQUE%') OR "
           "(type = 'index' AND $2 = 1 AND name = 'units_national_id'))");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, indexes ? 1 : 0);
    store_bind_int(st, 2, unique ? 1 : 0);
    char drops[16][96];
    int n = 0, rc;
    while ((rc = store_step(st)) == STORE_ROW && n < 16) {
        const char *type = store_col_text(st, 0), *name = store_col_text(st, 1);
        b->saved[n] = strdup(store_col_text(st, 2));
        if (!b->saved[n]) break;
        snprintf(drops[n], sizeof drops[n], "DROP %s \"%s\"",
                 !strcmp(type, "trigger") ? "TRIGGER" : "INDEX", name);
        n++;
    }
    store_done(st);
    b->nsaved = n;
    if (rc != STORE_DONE && rc != STORE_ROW) return rc;
    for (int i = 0; i < n; i++) {
        rc = store_exec(c, drops[i]);
        if (rc != STORE_OK) return rc;
    }
    return STORE_OK;
}

/* A first load into an empty table writes every page of the new rows, indexes and
 * search index: through the WAL they are written twice (to the log, then copied into
 * the database by the checkpoint after the commit). With a rollback journal they are
 * written once, and the journal holds only the few pages the database had (new pages
 * past its old end need no copy). Still durable (synchronous = FULL: the journal is
 * synced before any page of the database is overwritten, the database before the
 * commit ends), and a crash mid-load leaves the database as it was (the hot journal
 * is rolled back by the next connection). Leaving WAL needs the database to itself:
 * with another connection open the pragma fails at once (no busy wait) and the load
 * goes through the WAL as before. Back to WAL in store_units_bulk_free. */
static bool journal_mode(store_conn *c, const char *mode) {
    int64_t timeout = scalar(c, "PRAGMA busy_timeout");
    if (store_exec(c, "PRAGMA busy_timeout = 0") != STORE_OK) return false;
    char sql[48];
    snprintf(sql, sizeof sql, "PRAGMA journal_mode = %s", mode);
    store_stmt *st = store_prepare(c, sql);
    bool ok = st && store_step(st) == STORE_ROW && !strcasecmp(store_col_text(st, 0), mode);
    if (st) store_done(st);
    snprintf(sql, sizeof sql, "PRAGMA busy_timeout = %lld", (long long)(timeout < 0 ? 0 : timeout));
    store_exec(c, sql);
    return ok;
}

int store_units_bulk_setup(store_conn *c, int64_t expected_rows, bool refs_checked,
                           struct store_bulk *b) {
    memset(b, 0, sizeof *b);
    b->expected_rows = expected_rows;
    b->foreign_keys = -1;
    /* The caller checks every reference of every row (ISIC class, county, zone)
     * against what it read inside the transaction, which holds the write lock, so
     * SQLite's own checks would find nothing; left on, they make each multi-row
     * statement keep a statement journal. Only possible outside a transaction. */
    if (refs_checked) {
        b->foreign_keys = scalar(c, "PRAGMA foreign_keys");
        if (b->foreign_keys == 1 && store_exec(c, "PRAGMA foreign_keys = OFF") != STORE_OK)
            b->foreign_keys = -1;
    }
    int rc = STORE_OK;
    /* A large import touches index pages all over the national-ID index: a 64 MiB
     * page cache (instead of 32 MiB) saves re-reading and re-spilling them. Put back
     * by store_units_bulk_free. */
    b->cache_saved = store_int(c, &b->cache_pages, "PRAGMA cache_size", "") == STORE_OK;
    if (expected_rows > 50000 && b->cache_saved) rc = store_exec(c, "PRAGMA cache_size = -65536");
    if (rc == STORE_OK && expected_rows > 20000 &&
        scalar(c, "SELECT NOT EXISTS (SELECT 1 FROM units)") == 1)
        b->rollback_journal = journal_mode(c, "DELETE");
    /* A large import reads pages all over the database (a re-import compares every
     * row and walks the national-ID index) and, without the WAL, every page it
     * writes is a page of the mapped file: through the memory map all of them
     * would count in the process's memory (~410 MiB for a re-import of 1M units,
     * the whole file). They go through the bounded page cache instead. */
    b->mmap_size = expected_rows > 20000 ? scalar(c, "PRAGMA mmap_size") : -1;
    if (b->mmap_size > 0) store_exec(c, "PRAGMA mmap_size = 0");
    return rc;
}

int store_units_bulk_begin(store_conn *c, struct store_bulk *b) {
    int64_t expected_rows = b->expected_rows;
    int rc;
    int64_t existing = scalar(c, "SELECT count(*) FROM units");
    b->max_id_before = scalar(c, "SELECT coalesce(max(id), 0) FROM units");
    if (existing < 0 || b->max_id_before < 0) return STORE_ERROR;
    /* The search index is contentless: a changed row leaves it through the 'delete'
     * command with the text it was indexed with, so the old values of the rows
     * whose indexed text changes are kept aside until the end. */
    rc = store_exec(c, "CREATE TEMP TABLE IF NOT EXISTS import_updated(id INTEGER PRIMARY KEY, "
                       "name TEXT, address TEXT, isic TEXT)");
    if (rc == STORE_OK) rc = store_exec(c, "DELETE FROM temp.import_updated");
    if (rc == STORE_OK)
        rc = store_exec(c, "CREATE TEMP TRIGGER IF NOT EXISTS import_updated_track AFTER UPDATE "
                           "OF name, address, isic ON main.units WHEN old.name IS NOT new.name OR "
                           "old.address IS NOT new.address OR old.isic IS NOT new.isic BEGIN "
                           "INSERT OR IGNORE INTO import_updated VALUES (old.id, old.name, "
                           "old.address, old.isic); END");
    /* Rebuilding the secondary indexes pays when the import adds much more than
     * the table holds (expected_rows is estimated from the file's size, so a
     * re-import of the same file must not count). */
    bool large = expected_rows > 2 * existing && expected_rows > 20000;
    /* Into an empty table nothing can conflict but the file's own rows, and the
     * caller rejects a national ID seen twice in the file: the rows go in by plain
     * INSERTs, without the national-ID index, which is rebuilt by sorting at the end
     * (its CREATE UNIQUE INDEX would still refuse a duplicate, failing the import). */
    b->plain_insert = large && existing == 0;
    if (rc == STORE_OK) rc = save_and_drop(c, b, large, b->plain_insert);
    b->indexes_dropped = large;
    if (rc == STORE_OK) b->active = b->fts_deferred = true;
    return rc;
}

int store_unit_upsert_bulk(store_conn *c, struct store_bulk *b, struct unit *u, const char *now,
                           enum store_upsert_outcome *outcome) {
    int rc = store_unit_upsert(c, u, now, outcome);
    if (rc == STORE_OK && b->active) {
        b->written++;
        if (*outcome != STORE_UPSERT_UNCHANGED) b->changes++;
    }
    return rc;
}

/* The bulk upsert of n rows in one statement: $1 is the instant, row k's columns are
 * $(17k+2)..$(17k+18). Built once per process (for 1 and STORE_BULK_ROWS rows) from
 * the same text as store_unit_upsert, and as plain INSERTs for a load into an empty
 * table (b->plain_insert); no outside text goes into it. OR ROLLBACK: a
 * statement that writes several rows and may stop half-way (ABORT, the default)
 * keeps a statement journal, a copy of every page it touches, so that it can undo
 * itself alone; here any failure ends the whole import anyway, so a failed
 * statement takes the transaction with it and no page is copied (with foreign keys
 * enforced by SQLite the statement would still need its journal: see setup). */
static char bulk_sql_one[2048], bulk_sql_many[8192];
static char plain_sql_one[2048], plain_sql_many[8192];
static pthread_once_t bulk_sql_once = PTHREAD_ONCE_INIT;

static void bulk_sql_build_into(char *out, size_t cap, int rows, bool upsert) {
    size_t o = (size_t)snprintf(out, cap, "INSERT OR ROLLBACK INTO %s", UNIT_COLUMNS);
    for (int k = 0; k < rows && o < cap; k++) {
        o += (size_t)snprintf(out + o, cap - o, "%s(", k ? "," : "");
        for (int j = 0; j < 17 && o < cap; j++)
            o += (size_t)snprintf(out + o, cap - o, "$%d,", 17 * k + 2 + j);
        if (o < cap) o += (size_t)snprintf(out + o, cap - o, "$1,$1)");
    }
    if (o < cap && upsert) snprintf(out + o, cap - o, "%s", UNIT_ON_CONFLICT);
}

static void bulk_sql_build(void) {
    bulk_sql_build_into(bulk_sql_one, sizeof bulk_sql_one, 1, true);
    bulk_sql_build_into(bulk_sql_many, sizeof bulk_sql_many, STORE_BULK_ROWS, true);
    bulk_sql_build_into(plain_sql_one, sizeof plain_sql_one, 1, false);
    bulk_sql_build_into(plain_sql_many, sizeof plain_sql_many, STORE_BULK_ROWS, false);
}

int store_units_bulk_write(store_conn *c, struct store_bulk *b, const struct unit *rows,
                           size_t n, const char *now) {
    pthread_once(&bulk_sql_once, bulk_sql_build);
    for (size_t i = 0; i < n;) {
        size_t k = n - i >= STORE_BULK_ROWS ? STORE_BULK_ROWS : 1;
        const char *sql = b->plain_insert ? (k > 1 ? plain_sql_many : plain_sql_one)
                                          : (k > 1 ? bulk_sql_many : bulk_sql_one);
        store_stmt *st = store_prepare(c, sql);
        if (!st) return STORE_ERROR;
        store_bind_text(st, 1, now);
        for (size_t j = 0; j < k; j++) store_bind_unit_fields(st, 1 + 17 * (int)j, &rows[i + j]);
        int rc = store_step(st);
        store_done(st);
        if (rc != STORE_DONE) return rc == STORE_ROW ? STORE_ERROR : rc;
        b->changes += store_changes(c);
        b->written += (int64_t)k;
        i += k;
    }
    return STORE_OK;
}

/* FTS5 writes its pending terms out as a new segment whenever they pass 'hashsize'
 * (1 MiB by default), and merges segments as they pile up; for the statement that
 * indexes a whole import, 8 MiB of pending terms makes eight times fewer segments
 * to merge (measured at 1M units: a fifth less CPU for the indexing; 32 MiB gained
 * nothing more and cost 30 MiB of peak memory). Put back right after. */
static int fts_index(store_conn *c, struct store_bulk *b) {
    int rc = store_exec(c, "INSERT INTO units_fts(units_fts, rank) VALUES ('hashsize', 8388608)");
    if (rc != STORE_OK) return rc;
    rc = store_run(c, NULL,
                   "INSERT INTO units_fts(units_fts, rowid, name, address, activity) "
                   "SELECT 'delete', t.id, t.name, t.address, coalesce(ic.title_fa, '') "
                   "FROM temp.import_updated t LEFT JOIN isic_classes ic ON ic.code = t.isic",
                   "");
    /* New rows, then changed ones (two statements: an OR of the two would collect
     * every rowid in memory to drop duplicates). */
    if (rc == STORE_OK)
        rc = store_run(c, NULL,
                       "INSERT INTO units_fts(rowid, name, address, activity) "
                       "SELECT u.id, u.name, u.address, coalesce(ic.title_fa, '') "
                       "FROM units u LEFT JOIN isic_classes ic ON ic.code = u.isic WHERE u.id > $1",
                       "i", b->max_id_before);
    if (rc == STORE_OK)
        rc = store_run(c, NULL,
                       "INSERT INTO units_fts(rowid, name, address, activity) "
                       "SELECT u.id, u.name, u.address, coalesce(ic.title_fa, '') "
                       "FROM temp.import_updated t JOIN units u ON u.id = t.id "
                       "LEFT JOIN isic_classes ic ON ic.code = u.isic",
                       "");
    if (rc == STORE_OK)
        rc = store_exec(c, "INSERT INTO units_fts(units_fts, rank) VALUES ('hashsize', 1048576)");
    return rc;
}

/* The index built on the side holds rowids max_id_before+1 … max_id_before+n for
 * the n rows sent, in order. It fits when this was a load into an empty table
 * (nothing else to index, nothing changed) and the new rows' ids are exactly those:
 * n distinct ids above max_id_before whose smallest is max_id_before+1 and largest
 * max_id_before+n. */
static bool side_index_fits(store_conn *c, struct store_bulk *b) {
    if (!b->fts_built || !b->plain_insert || b->fts_built_rows != b->written) return false;
    int64_t lo = -1, hi = -1;
    if (store_int(c, &lo, "SELECT coalesce(min(id), -1) FROM units WHERE id > $1", "i",
                  b->max_id_before) != STORE_OK ||
        store_int(c, &hi, "SELECT coalesce(max(id), -1) FROM units", "") != STORE_OK)
        return false;
    return lo == b->max_id_before + 1 && hi == b->max_id_before + b->written;
}

/* CREATE INDEX reads the table once and sorts its keys. SQLite's sorter keeps keys
 * in memory up to the page cache's size, then sorts that run and writes it to a
 * temporary file, and merges the runs at the end; with PRAGMA threads, helper
 * threads sort the runs while the table is still being read. A 2 MiB cache makes
 * runs that sort inside the CPU's caches and gives the helpers work; the one big
 * in-memory run that a 64 MiB cache allows sorts slower, on one core. Measured at
 * 1M units (five indexes): 3.9 s before, 1.8 s after. Temporary files must be
 * allowed (temp_store = MEMORY would keep the runs in memory and turn the helper
 * threads off). The cache is put back by store_units_bulk_free. */
static void sorted_in_runs(store_conn *c, struct store_bulk *b) {
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    char sql[32];
    snprintf(sql, sizeof sql, "PRAGMA threads = %ld", cpus < 2 ? 1 : cpus > 4 ? 4 : cpus);
    /* Settings only: if one cannot be read or set, the indexes sort as before. */
    if (!b->cache_saved || store_int(c, &b->threads_before, "PRAGMA threads", "") != STORE_OK)
        return;
    store_exec(c, "PRAGMA cache_size = -2048");
    b->threads_raised = store_exec(c, sql) == STORE_OK;
}

int store_units_bulk_end(store_conn *c, struct store_bulk *b) {
    if (!b->active) return STORE_OK;
    int rc = store_exec(c, "DROP TRIGGER IF EXISTS temp.import_updated_track");
    if (rc == STORE_OK && b->fts_deferred)
        rc = side_index_fits(c, b) ? store_fts_build_install(c, b->fts_built) : fts_index(c, b);
    if (rc == STORE_OK && b->indexes_dropped) sorted_in_runs(c, b);
    for (int i = 0; rc == STORE_OK && i < b->nsaved; i++) rc = store_exec(c, b->saved[i]);
    if (rc == STORE_OK) rc = store_exec(c, "DELETE FROM temp.import_updated");
    if (rc == STORE_OK) {
        store_stmt *st = store_prepare(c, "SELECT count(*) FROM units WHERE id > $1");
        if (!st) return STORE_ERROR;
        store_bind_int(st, 1, b->max_id_before);
        rc = store_step(st) == STORE_ROW ? STORE_OK : STORE_ERROR;
        b->created = store_col_int(st, 0);
        store_done(st);
        b->updated = b->changes - b->created;
    }
    b->active = false;
    return rc;
}

void store_units_bulk_free(store_conn *c, struct store_bulk *b) {
    for (int i = 0; i < b->nsaved; i++) free(b->saved[i]);
    b->nsaved = 0;
    /* After a rollback the temporary trigger went with the transaction; after an
     * error before the end it may still be there. */
    store_exec(c, "DROP TRIGGER IF EXISTS temp.import_updated_track");
    char sql[64];
    if (b->cache_saved) {
        snprintf(sql, sizeof sql, "PRAGMA cache_size = %lld", (long long)b->cache_pages);
        store_exec(c, sql);
        b->cache_saved = false;
    }
    if (b->rollback_journal) journal_mode(c, "WAL");
    if (b->mmap_size > 0) {
        snprintf(sql, sizeof sql, "PRAGMA mmap_size = %lld", (long long)b->mmap_size);
        store_exec(c, sql);
    }
    b->mmap_size = -1;
    b->rollback_journal = false;
    if (b->foreign_keys == 1) store_exec(c, "PRAGMA foreign_keys = ON");
    b->foreign_keys = -1;
    if (b->threads_raised) {
        snprintf(sql, sizeof sql, "PRAGMA threads = %lld", (long long)b->threads_before);
        store_exec(c, sql);
    }
    b->threads_raised = false;
}
