/* import_run — importing a file of units or zones into the store: read the table
 * (io/table), map its header and validate every row (registry/import), write the
 * good rows (store_import), and record one audit event for the file.
 *
 * One pass, one transaction. Rows are written as they are validated, inside a
 * single transaction; in all-or-nothing mode the first bad row stops the writing
 * (validation goes on to the end so the report lists every bad row) and the
 * transaction is rolled back, so nothing is written unless every row passes. With
 * skip_invalid the good rows are committed and the bad ones reported. A file that
 * cannot be read (not CSV/XLSX, truncated, unknown encoding, a CSV syntax error, a
 * missing required column) is refused and nothing is written. Why one pass rather
 * than validate-then-write: each row is parsed and checked once (two passes would
 * double the parsing and could not stream an upload or a pipe); SQLite keeps the
 * uncommitted rows in its page cache and WAL, so a rollback is cheap and memory
 * stays bounded (the per-row state kept is the 12-byte entry of the duplicate-ID
 * set).
 *
 * Units go through two threads: a reader thread parses and validates rows into
 * batches of units (a few batches in flight, reused: no allocation per row), and
 * the calling thread, which owns the store connection, writes each batch in the
 * store's bulk mode (store_import.h: 32 rows per statement, the search index built
 * at the end, secondary indexes rebuilt when the import outgrows the table). The
 * references rows are checked against (counties, ISIC classes, zones) are read
 * inside the write transaction, so they hold until the commit; the bulk mode
 * relies on that to leave foreign-key enforcement to the import. Zones, a few
 * hundred rows at most, are written row by row on the calling thread. */
#ifndef TASHIL_IMPORT_RUN_H
#define TASHIL_IMPORT_RUN_H

#include <stdbool.h>
#include <stddef.h>

#include "registry/import.h"
#include "store/store.h"
#include "store/store_users.h"

struct import_options {
    enum import_kind kind;
    bool skip_invalid;
    const struct user *actor;   /* NULL for the system (CLI) */
    const char *source_name;    /* the file's name, for the audit event */
    /* Called every few thousand rows (files only): fraction read and rows so far. */
    void (*progress)(void *arg, double fraction, long rows);
    void *progress_arg;
    /* A first load into an empty table builds the search index of its rows on a
     * thread of its own while they are written (store_fts_build.h); with this set
     * the writing thread indexes them after the last row instead (the tests compare
     * the two). */
    bool index_after_rows;
};

enum import_status {
    IMPORT_DONE = 0,      /* committed (with skip_invalid, bad rows may have been skipped) */
    IMPORT_REJECTED = 1,  /* some rows are invalid: nothing written */
    IMPORT_REFUSED = 2,   /* the file cannot be read as a table of units/zones */
    IMPORT_ESTORE = -1,   /* the database failed: nothing written */
};

struct import_result {
    enum import_status status;
    const char *format;          /* "csv" or "xlsx" */
    const char *encoding;        /* "UTF-8", "windows-1256", "" */
    long rows, created, updated, unchanged, invalid;
    char blake2b[65];            /* of the file's bytes, hex */
    struct import_report report; /* every problem (file-level ones at line 0 or 1) */
};

/* Runs an import; r->report must be freed with import_result_free. */
int import_run_file(store_conn *c, const char *path, const struct import_options *o,
                    struct import_result *r);
int import_run_mem(store_conn *c, const void *data, size_t len, const struct import_options *o,
                   struct import_result *r);
void import_result_free(struct import_result *r);

#endif
