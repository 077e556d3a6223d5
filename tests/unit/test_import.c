/* Unit tests for registry import and export: header mapping, the exact report of a
 * file mixing good and bad rows and an unchanged database after it, duplicate IDs,
 * --skip-invalid, re-import, a file of thousands of rows (the reader thread's
 * batches, the multi-row statements), the format sniffing (Windows-1256, binary, truncated
 * XLSX), the CSV writer, and the multipart/form-data parser against hostile input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_db.h"
#include <sodium.h>

#include "core/arena.h"
#include "core/buf.h"
#include "demo/demo_ids.h"
#include "http/multipart.h"
#include "io/csv_write.h"
#include "io/import_run.h"
#include "io/table.h"
#include "io/win1256.h"
#include "registry/import.h"
#include "store/store.h"
#include <sqlite3.h>

/* --- fixtures ---------------------------------------------------------------------- */

static struct test_db tdb;

static int open_db(void **state) {
    (void)state;
    return test_db_open(&tdb, "import");
}

static int close_db(void **state) {
    (void)state;
    return test_db_close(&tdb);
}

static int64_t count(store_conn *c, const char *sql) {
    store_stmt *st = store_prepare(c, sql);
    assert_non_null(st);
    assert_int_equal(store_step(st), STORE_ROW);
    int64_t v = store_col_int(st, 0);
    store_done(st);
    return v;
}

/* The mixed file: lines 2-4 good (ZWNJ-stripped name, Arabic ي/ك, Persian digits),
 * 5 wrong checksum, 6 outside Iran, 7 duplicate of line 2, 8 no name. */
static char *mixed_csv(void) {
    char a[12], b[11], c[12], bad[12], e[12], f[12];
    demo_legal_id(1032, 111, a);
    demo_national_code(4, 222, b);
    demo_legal_id(1032, 333, c);
    demo_legal_id(1032, 444, bad);
    bad[10] = (char)('0' + (bad[10] - '0' + 1) % 10);
    demo_legal_id(1032, 555, e);
    demo_legal_id(1032, 666, f);
    /* Persian digits for c. */
    char cfa[64];
    size_t o = 0;
    for (int i = 0; c[i]; i++) {
        cfa[o++] = (char)0xDB;
        cfa[o++] = (char)(0xB0 + (c[i] - '0'));
    }
    cfa[o] = 0;
    size_t cap = 4096;
    char *s = malloc(cap);
    snprintf(s, cap,
             "شناسه ملی,نام واحد,کد آیسیک,تعداد کارکنان,وضعیت,عرض جغرافیایی,طول جغرافیایی,شهرستان\r\n"
             "%s,تولیدی کفشهای نوری,1520,12,فعال,35.5525,51.2270,اسلامشهر\r\n"
             "%s,مبلمان سپهر,3100,8,نيمه فعال,35.56,51.24,رباط كريم\r\n"
             "%s,چرم آريا,1511,۱۲,راکد,۳۵٫۵۴,۵۱٫۲۱,اسلامشهر\r\n"
             "%s,کفش البرز,1520,5,فعال,35.55,51.23,اسلامشهر\r\n"
             "%s,کفش پاریس,1520,5,فعال,48.85,2.35,اسلامشهر\r\n"
             "%s,کفش تکراری,1520,5,فعال,35.55,51.23,اسلامشهر\r\n"
             "%s,,1520,5,فعال,35.55,51.23,اسلامشهر\r\n",
             a, b, cfa, bad, e, a, f);
    return s;
}

static void expect_problem(const struct import_report *r, size_t i, unsigned long line,
                           const char *column, const char *en) {
    assert_true(i < r->n);
    assert_int_equal(r->items[i].line, line);
    assert_string_equal(r->items[i].column, column);
    assert_string_equal(r->items[i].en, en);
    assert_true(r->items[i].fa[0] != 0);
}

/* --- import ------------------------------------------------------------------------ */

static void mixed_file_exact_report_and_nothing_written(void **state) {
    (void)state;
    store_conn *c = store_thread_conn(tdb.db);
    int64_t events = count(c, "SELECT count(*) FROM audit_events");
    char *csv = mixed_csv();
    struct import_options o = {.kind = IMPORT_UNITS, .source_name = "mixed.csv"};
    struct import_result r;
    assert_int_equal(import_run_mem(c, csv, strlen(csv), &o, &r), IMPORT_REJECTED);
    assert_int_equal(r.rows, 7);
    assert_int_equal(r.invalid, 4);
    assert_int_equal(r.report.n, 4);
    expect_problem(&r.report, 0, 5, "شناسه ملی",
                   "national_id: legal national ID check digit is wrong");
    expect_problem(&r.report, 1, 6, "عرض جغرافیایی", "lat: the coordinates are outside Iran");
    expect_problem(&r.report, 2, 7, "شناسه ملی", "national_id: duplicate of line 2");
    assert_string_equal(r.report.items[2].fa, "این شناسه ملی پیش‌تر در سطر ۲ آمده است.");
    expect_problem(&r.report, 3, 8, "نام واحد", "name: required");
    import_result_free(&r);
    assert_int_equal(count(c, "SELECT count(*) FROM units"), 0);
    assert_int_equal(count(c, "SELECT count(*) FROM audit_events"), events);
    /* The bulk mode's dropped triggers and indexes came back with the rollback. */
    assert_int_equal(count(c, "SELECT count(*) FROM sqlite_master WHERE tbl_name='units'"), 9);

    o.skip_invalid = true;
    assert_int_equal(import_run_mem(c, csv, strlen(csv), &o, &r), IMPORT_DONE);
    assert_int_equal(r.created, 3);
    assert_int_equal(r.invalid, 4);
    assert_int_equal(strlen(r.blake2b), 64);
    import_result_free(&r);
    assert_int_equal(count(c, "SELECT count(*) FROM units"), 3);
    assert_int_equal(count(c, "SELECT count(*) FROM units WHERE county_id = 6 AND "
                              "state = 'semi_active'"),
                     1);
    assert_int_equal(count(c, "SELECT count(*) FROM units_fts WHERE units_fts MATCH 'سپهر'"), 1);
    assert_int_equal(count(c, "SELECT count(*) FROM audit_events WHERE action='unit.import'"), 1);

    /* Again: nothing new, nothing duplicated. */
    assert_int_equal(import_run_mem(c, csv, strlen(csv), &o, &r), IMPORT_DONE);
    assert_int_equal(r.created, 0);
    assert_int_equal(r.unchanged, 3);
    import_result_free(&r);
    assert_int_equal(count(c, "SELECT count(*) FROM units"), 3);

    /* A renamed unit: updated (its version bumped), and the search index (without
     * its own copy of the text) forgets the old name and finds the new one. */
    char *sepehr = strstr(csv, "سپهر");
    assert_non_null(sepehr);
    memcpy(sepehr, "کوثر", strlen("کوثر"));
    assert_int_equal(import_run_mem(c, csv, strlen(csv), &o, &r), IMPORT_DONE);
    assert_int_equal(r.created, 0);
    assert_int_equal(r.updated, 1);
    assert_int_equal(r.unchanged, 2);
    import_result_free(&r);
    assert_int_equal(count(c, "SELECT version FROM units WHERE name = 'مبلمان کوثر'"), 2);
    assert_int_equal(count(c, "SELECT count(*) FROM units_fts WHERE units_fts MATCH 'سپهر'"), 0);
    assert_int_equal(count(c, "SELECT count(*) FROM units_fts WHERE units_fts MATCH 'کوثر'"), 1);
    assert_int_equal(count(c, "SELECT count(*) FROM units_fts WHERE units_fts MATCH 'مبلمان'"), 1);
    /* The bulk load's connection settings are back. */
    assert_int_equal(count(c, "PRAGMA foreign_keys"), 1);
    assert_int_equal(count(c, "SELECT count(*) FROM temp.sqlite_master WHERE type='trigger'"), 0);
    /* A new ISIC title re-indexes its units; a deleted unit leaves the index. */
    assert_int_equal(store_exec(c, "UPDATE isic_classes SET title_fa = 'ساخت مبل و صندلی' "
                                   "WHERE code = '3100'"),
                     STORE_OK);
    assert_int_equal(count(c, "SELECT count(*) FROM units_fts WHERE units_fts MATCH 'صندلی'"), 1);
    assert_int_equal(store_exec(c, "DELETE FROM units WHERE name = 'مبلمان کوثر'"), STORE_OK);
    assert_int_equal(count(c, "SELECT count(*) FROM units_fts WHERE units_fts MATCH 'صندلی'"), 0);
    assert_int_equal(count(c, "SELECT count(*) FROM units_fts WHERE units_fts MATCH 'کوثر'"), 0);
    assert_int_equal(store_exec(c, "UPDATE isic_classes SET title_fa = 'تولید مبلمان' "
                                   "WHERE code = '3100'"),
                     STORE_OK);
    free(csv);
}

/* A file larger than a batch of the reader thread and than a multi-row statement:
 * a bad row near the end still stops everything; then every row is created in
 * file order (ids follow the lines); a re-import with some names changed updates
 * exactly those, and the search index follows. */
static char *many_csv(int n, int bad_line, int renamed) {
    buf b;
    buf_init(&b, 1 << 24);
    buf_puts(&b, "شناسه ملی,نام واحد,کد آیسیک,تعداد کارکنان,شهرستان,نشانی\r\n");
    for (int i = 0; i < n; i++) {
        char id[12];
        demo_legal_id(1032, (uint32_t)(7000 + i), id);
        if (i + 2 == bad_line) id[10] = id[10] == '0' ? '1' : '0'; /* wrong check digit */
        buf_printf(&b, "%s,%s %d,1520,%d,اسلامشهر,خیابان %d\r\n", id,
                   i < renamed ? "کفش کوثر" : "کفش نوری", i, 1 + i % 50, i % 40);
    }
    char *s = strdup(b.data);
    buf_free(&b);
    return s;
}

static void many_rows_in_batches(void **state) {
    (void)state;
    store_conn *c = store_thread_conn(tdb.db);
    enum { N = 2600 };
    struct import_options o = {.kind = IMPORT_UNITS, .source_name = "many.csv"};
    struct import_result r;
    char *csv = many_csv(N, N - 3, 0);
    assert_int_equal(import_run_mem(c, csv, strlen(csv), &o, &r), IMPORT_REJECTED);
    assert_int_equal(r.rows, N);
    assert_int_equal(r.invalid, 1);
    assert_int_equal(r.report.n, 1);
    assert_int_equal(r.report.items[0].line, N - 3);
    assert_int_equal(r.created + r.updated + r.unchanged, 0);
    import_result_free(&r);
    free(csv);
    assert_int_equal(count(c, "SELECT count(*) FROM units"), 0);

    csv = many_csv(N, 0, 0);
    assert_int_equal(import_run_mem(c, csv, strlen(csv), &o, &r), IMPORT_DONE);
    assert_int_equal(r.created, N);
    import_result_free(&r);
    free(csv);
    assert_int_equal(count(c, "SELECT count(*) FROM units"), N);
    assert_int_equal(count(c, "SELECT count(*) FROM units WHERE name = 'کفش نوری ' || (id - 1)"),
                     N);
    assert_int_equal(count(c, "SELECT count(*) FROM units_fts WHERE units_fts MATCH 'نوری'"), N);

    csv = many_csv(N, 0, 40);
    assert_int_equal(import_run_mem(c, csv, strlen(csv), &o, &r), IMPORT_DONE);
    assert_int_equal(r.created, 0);
    assert_int_equal(r.updated, 40);
    assert_int_equal(r.unchanged, N - 40);
    import_result_free(&r);
    free(csv);
    assert_int_equal(count(c, "SELECT count(*) FROM units WHERE version = 2"), 40);
    assert_int_equal(count(c, "SELECT count(*) FROM units_fts WHERE units_fts MATCH 'کوثر'"), 40);
    assert_int_equal(count(c, "SELECT count(*) FROM units_fts WHERE units_fts MATCH 'نوری'"),
                     N - 40);
    assert_int_equal(count(c, "SELECT count(*) FROM audit_events WHERE action='unit.import'"), 2);
}

/* A first import large enough (over 20,000 rows by the file's size) into an empty
 * table goes in by plain INSERTs without the national-ID index, rebuilt at the
 * end: ids still follow the lines, the index is back and unique, the search index
 * finds every row, and a re-import goes through the upsert (nothing duplicated). */
static void large_first_import(void **state) {
    (void)state;
    store_conn *c = store_thread_conn(tdb.db);
    enum { N = 46000 };
    struct import_options o = {.kind = IMPORT_UNITS, .source_name = "large.csv"};
    struct import_result r;
    int64_t mmap_size = count(c, "PRAGMA mmap_size");
    assert_true(mmap_size > 0);
    char *csv = many_csv(N, 0, 0);
    assert_true(strlen(csv) / 150 > 20000);
    assert_int_equal(import_run_mem(c, csv, strlen(csv), &o, &r), IMPORT_DONE);
    assert_int_equal(r.created, N);
    import_result_free(&r);
    assert_int_equal(count(c, "SELECT count(*) FROM units WHERE name = 'کفش نوری ' || (id - 1)"),
                     N);
    assert_int_equal(count(c, "SELECT count(*) FROM sqlite_master WHERE tbl_name='units'"), 9);
    assert_int_equal(count(c, "SELECT count(*) FROM sqlite_master WHERE name='units_national_id' "
                              "AND sql LIKE 'CREATE UNIQUE INDEX%'"),
                     1);
    assert_int_equal(count(c, "SELECT count(*) FROM units_fts WHERE units_fts MATCH 'نوری'"), N);
    /* Loaded through a rollback journal without the memory map (when the database
     * was the connection's alone), then back to WAL and the map. */
    assert_int_equal(count(c, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"),
                     1);
    assert_int_equal(count(c, "PRAGMA mmap_size"), mmap_size);
    free(csv);

    csv = many_csv(N, 0, 40);
    assert_int_equal(import_run_mem(c, csv, strlen(csv), &o, &r), IMPORT_DONE);
    assert_int_equal(r.created, 0);
    assert_int_equal(r.updated, 40);
    assert_int_equal(r.unchanged, N - 40);
    import_result_free(&r);
    free(csv);
    assert_int_equal(count(c, "SELECT count(*) FROM units"), N);
    assert_int_equal(count(c, "SELECT count(*) FROM units_fts WHERE units_fts MATCH 'کوثر'"), 40);
    assert_int_equal(count(c, "PRAGMA foreign_keys"), 1);
}

/* Varied rows for the search index: ISIC classes of the database in turn, names
 * and addresses with compounds (ZWNJ, joined), plurals and digits, so that stems
 * and joined pairs are indexed too. */
static char *varied_csv(store_conn *c, int n) {
    char codes[8][8];
    int ncodes = 0;
    store_stmt *st = store_prepare(c, "SELECT code FROM isic_classes ORDER BY code");
    assert_non_null(st);
    while (ncodes < 8 && store_step(st) == STORE_ROW)
        snprintf(codes[ncodes++], sizeof codes[0], "%s", store_col_text(st, 0));
    store_done(st);
    assert_true(ncodes >= 3);
    static const char *const words[] = {"کفش", "چرم‌سازی", "مبلمان", "نجاری‌ها", "کارگاه",
                                        "تولیدی", "صنایع", "پلاستیک", "فلزکاری", "چوب"};
    buf b;
    buf_init(&b, 1 << 24);
    buf_puts(&b, "شناسه ملی,نام واحد,کد آیسیک,تعداد کارکنان,شهرستان,نشانی\r\n");
    for (int i = 0; i < n; i++) {
        char id[12];
        demo_legal_id(1032, (uint32_t)(90000 + i), id);
        buf_printf(&b, "%s,%s %s %d,%s,%d,اسلامشهر,خیابان %s کوچه %d\r\n", id, words[i % 10],
                   words[(i / 10) % 10], i, codes[i % ncodes], 1 + i % 50, words[(i / 7) % 10],
                   i % 97);
    }
    char *out = strdup(b.data);
    buf_free(&b);
    return out;
}

/* A hash of a query's rows (integers and blobs, in order). */
static void rows_hash(store_conn *c, const char *sql, unsigned char out[32]) {
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, 32);
    store_stmt *st = store_prepare(c, sql);
    assert_non_null(st);
    while (store_step(st) == STORE_ROW) {
        int64_t id = store_col_int(st, 0);
        size_t len;
        const void *blob = store_col_blob(st, 1, &len);
        crypto_generichash_update(&h, (const unsigned char *)&id, sizeof id);
        crypto_generichash_update(&h, (const unsigned char *)&len, sizeof len);
        if (len) crypto_generichash_update(&h, blob, len);
    }
    store_done(st);
    crypto_generichash_final(&h, out, 32);
}

/* A first load into an empty table builds the search index on a thread of its own,
 * in a side database, and installs it: the result is the very index the writer
 * would have built itself after the rows (same bytes), FTS5 finds it sound, the
 * importing connection sees it although it had searched the empty index before
 * (and the load went through the WAL: another connection had the database open),
 * and later changes (rows renamed, through 'delete' and insert) keep it sound. */
static void side_built_search_index(void **state) {
    (void)state;
    struct test_db other;
    assert_int_equal(test_db_open(&other, "import-side"), 0);
    store_conn *side = store_thread_conn(tdb.db), *plain = store_thread_conn(other.db);
    enum { N = 30000 };
    char *csv = varied_csv(side, N);
    assert_true(strlen(csv) / 150 > 20000);
    struct import_options o = {.kind = IMPORT_UNITS, .source_name = "varied.csv",
                               .index_after_rows = true};
    struct import_result r;
    assert_int_equal(import_run_mem(plain, csv, strlen(csv), &o, &r), IMPORT_DONE);
    assert_int_equal(r.created, N);
    import_result_free(&r);
    /* The connection has searched (FTS5 now holds the empty index's structure), and
     * another one has the database open, so the load stays in WAL mode. */
    assert_int_equal(count(side, "SELECT count(*) FROM units_fts WHERE units_fts MATCH 'نجاری'"), 0);
    sqlite3 *reader;
    assert_int_equal(sqlite3_open(tdb.path, &reader), SQLITE_OK);
    assert_int_equal(sqlite3_exec(reader, "SELECT count(*) FROM units", NULL, NULL, NULL), SQLITE_OK);
    o.index_after_rows = false;
    assert_int_equal(import_run_mem(side, csv, strlen(csv), &o, &r), IMPORT_DONE);
    assert_int_equal(r.created, N);
    import_result_free(&r);
    free(csv);
    sqlite3_close(reader);
    assert_true(count(side, "SELECT count(*) FROM units_fts WHERE units_fts MATCH 'نجاری'") > N / 10);

    /* (The structure record, id 10, starts with FTS5's configuration cookie, a
     * counter of configuration writes that tells a connection to reread the
     * settings: the writer's own indexing changed 'hashsize' twice in the
     * database, the side build once in the side database.) */
    unsigned char a[32], b[32];
    static const char data_sql[] = "SELECT id, CASE id WHEN 10 THEN substr(block, 5) ELSE block "
                                   "END FROM units_fts_data ORDER BY id";
    rows_hash(side, data_sql, a);
    rows_hash(plain, data_sql, b);
    assert_memory_equal(a, b, 32);
    rows_hash(side, "SELECT segid, term FROM units_fts_idx ORDER BY segid, term", a);
    rows_hash(plain, "SELECT segid, term FROM units_fts_idx ORDER BY segid, term", b);
    assert_memory_equal(a, b, 32);
    assert_true(count(side, "SELECT count(*) FROM units_fts_data") > 10);
    assert_int_equal(store_exec(side, "INSERT INTO units_fts(units_fts) VALUES ('integrity-check')"),
                     STORE_OK);
    assert_int_equal(count(side, "SELECT count(*) FROM units_fts WHERE units_fts MATCH 'چرمسازی'"),
                     count(plain, "SELECT count(*) FROM units_fts WHERE units_fts MATCH 'چرمسازی'"));
    assert_true(count(side, "SELECT count(*) FROM units_fts WHERE units_fts MATCH 'چرمسازی'") > 0);
    assert_int_equal(count(side, "SELECT count(*) FROM units_fts WHERE units_fts MATCH 'نجاری'"),
                     count(plain, "SELECT count(*) FROM units_fts WHERE units_fts MATCH 'نجاری'"));
    assert_true(count(side, "SELECT count(*) FROM units_fts WHERE units_fts MATCH 'نجاری'") > N / 10);

    /* A second import into the now full table takes the ordinary path. */
    csv = many_csv(100, 0, 100);
    o.index_after_rows = false;
    assert_int_equal(import_run_mem(side, csv, strlen(csv), &o, &r), IMPORT_DONE);
    assert_int_equal(r.created, 100);
    import_result_free(&r);
    free(csv);
    assert_int_equal(store_exec(side, "UPDATE units SET name = 'کارگاه کوثر' WHERE id <= 25"),
                     STORE_OK);
    assert_int_equal(store_exec(side, "INSERT INTO units_fts(units_fts) VALUES ('integrity-check')"),
                     STORE_OK);
    assert_int_equal(count(side, "SELECT count(*) FROM units_fts WHERE units_fts MATCH 'کوثر'"),
                     125);
    assert_int_equal(test_db_close(&other), 0);
}

static void header_mapping(void **state) {
    (void)state;
    struct import_report rep;
    import_report_init(&rep);
    struct import_map m;
    const char *h1[] = {" شناسه‌ملی ", "NAME", "كد پستي", "رنگ", "بخش"};
    assert_int_equal(import_map_header(&m, IMPORT_UNITS, h1, 5, &rep), 0);
    assert_int_equal(m.field_of_col[0], 0);
    assert_int_equal(m.field_of_col[1], 1);
    assert_string_equal(import_fields(IMPORT_UNITS)[m.field_of_col[2]], "postal_code");
    assert_int_equal(m.field_of_col[3], -1);
    assert_string_equal(rep.notes, "\"رنگ\""); /* "بخش" is ours: ignored silently */
    assert_int_equal(rep.n, 0);

    const char *h2[] = {"نام", "name", "isic"};
    assert_int_equal(import_map_header(&m, IMPORT_UNITS, h2, 3, &rep), -1);
    assert_int_equal(rep.n, 2); /* twice "name", and no national_id */
    assert_non_null(strstr(rep.items[0].en, "appears twice"));
    assert_non_null(strstr(rep.items[1].en, "national_id"));
    import_report_free(&rep);
}

static void row_width_and_blank_rows(void **state) {
    (void)state;
    struct import_report rep;
    import_report_init(&rep);
    struct import_map m;
    const char *h[] = {"national_id", "name"};
    assert_int_equal(import_map_header(&m, IMPORT_UNITS, h, 2, &rep), 0);
    struct import_refs *refs = import_refs_new();
    import_refs_ready(refs);
    struct import_seen *seen = import_seen_new();
    char id[12];
    demo_legal_id(1032, 7, id);
    const char *r1[] = {id, "x", "extra"};
    struct import_row row = {r1, 3, 2, true};
    struct unit u;
    assert_false(import_unit_row(&m, refs, seen, &row, &u, &rep));
    assert_string_equal(rep.items[0].en, "the row has 3 fields; the header has 2");
    row.strict_width = false; /* XLSX rows may be ragged */
    assert_true(import_unit_row(&m, refs, seen, &row, &u, &rep));
    const char *blank[] = {" ", ""};
    struct import_row b = {blank, 2, 3, true};
    assert_true(import_row_blank(&b));
    /* A national code that lost its leading zeros in a spreadsheet gets them back. */
    char code[11];
    demo_national_code(4, 9, code); /* "004…" */
    const char *r2[] = {code + 2, "y"};
    struct import_row row2 = {r2, 2, 4, true};
    assert_true(import_unit_row(&m, refs, seen, &row2, &u, &rep));
    assert_string_equal(u.national_id, code);
    import_seen_free(seen);
    import_refs_free(refs);
    import_report_free(&rep);
}

static void refused_inputs_write_nothing(void **state) {
    (void)state;
    store_conn *c = store_thread_conn(tdb.db);
    int64_t units = count(c, "SELECT count(*) FROM units");
    static const struct {
        const char *data;
        size_t len;
        const char *en;
    } cases[] = {
        {"", 0, "the file is empty"},
        {"\x89PNG\r\n\x1a\n\0\0\0", 11, "the file is neither CSV nor XLSX (it holds binary data)"},
        {"PK\x03\x04\x14\0\0\0\x08\0", 10, "the .xlsx file is damaged or truncated"},
        {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", 10,
         "this is an old Excel 97-2003 (.xls) file; save it as .xlsx or CSV UTF-8"},
        {"national_id,name\r\n1,caf\xe9\r\n", 26,
         "unknown text encoding (neither UTF-8 nor Windows-1256); save the file as CSV UTF-8"},
        {"national_id,name\r\n1,\"x\r\n", 24, "line 2: quoted field not closed before end of input"},
        {"name,address\r\nx,y\r\n", 19,
         "required column \"national_id\" (شناسه ملی) is missing from the header"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct import_options o = {.kind = IMPORT_UNITS};
        struct import_result r;
        assert_int_equal(import_run_mem(c, cases[i].data, cases[i].len, &o, &r), IMPORT_REFUSED);
        assert_true(r.report.n >= 1);
        assert_string_equal(r.report.items[0].en, cases[i].en);
        import_result_free(&r);
    }
    assert_int_equal(count(c, "SELECT count(*) FROM units"), units);
}

static void windows_1256(void **state) {
    (void)state;
    /* «کفش» in Windows-1256: ك (0xDF) ف (0xDD) ش (0xD4). */
    const char text[] = "name\r\n\xDF\xDD\xD4\r\n";
    assert_true(win1256_plausible(text, sizeof text - 1));
    assert_false(win1256_plausible("plain ascii", 11));
    buf b;
    buf_init(&b, 1024);
    assert_int_equal(win1256_to_utf8(text, sizeof text - 1, &b), 0);
    assert_string_equal(b.data, "name\r\nكفش\r\n");
    buf_free(&b);
    table *t;
    struct table_error err;
    assert_int_equal(table_open_mem(text, sizeof text - 1, &t, &err), 0);
    assert_string_equal(table_encoding(t), "windows-1256");
    const char *const *cells;
    size_t n;
    unsigned long line;
    assert_int_equal(table_next(t, &cells, &n, &line, &err), 1);
    assert_int_equal(table_next(t, &cells, &n, &line, &err), 1);
    assert_string_equal(cells[0], "كفش");
    assert_int_equal(line, 2);
    table_close(t);
}

static void csv_writer(void **state) {
    (void)state;
    buf b;
    buf_init(&b, 1024);
    csv_write_bom(&b);
    csv_write_field(&b, "a,b", true, true);
    csv_write_field(&b, "say \"hi\"", false, true);
    csv_write_field(&b, "=1+2", false, true);
    csv_write_field(&b, "-5", false, false);
    csv_write_field(&b, "line\nbreak", false, true);
    csv_write_eol(&b);
    assert_string_equal(b.data, "\xEF\xBB\xBF\"a,b\",\"say \"\"hi\"\"\",'=1+2,-5,\"line\nbreak\"\r\n");
    assert_string_equal(csv_unguard("'=1+2"), "=1+2");
    assert_string_equal(csv_unguard("'plain"), "'plain");
    buf_free(&b);
}

/* --- multipart ------------------------------------------------------------------------- */

static int parse(const char *body, const char *boundary, struct multipart *m, arena *a) {
    return multipart_parse(body, strlen(body), boundary, a, m);
}

static void multipart_valid(void **state) {
    (void)state;
    arena a;
    arena_init(&a, 1 << 20);
    const char *boundary;
    assert_int_equal(multipart_boundary("multipart/form-data; charset=utf-8; boundary=\"ab:c d\"",
                                        &a, &boundary),
                     MULTIPART_OK);
    assert_string_equal(boundary, "ab:c d");
    assert_int_equal(multipart_boundary("Multipart/Form-Data;boundary=XyZ", &a, &boundary),
                     MULTIPART_OK);
    struct multipart m;
    const char *body = "--XyZ\r\n"
                       "content-disposition: form-data; name=\"_csrf\"\r\n\r\n"
                       "tok\r\n"
                       "--XyZ\r\n"
                       "Content-Disposition: form-data; name=\"file\"; filename=\"واحدها.csv\"\r\n"
                       "Content-Type: text/csv\r\n\r\n"
                       "a,b--XyZ\r\n-XyZ\r\n\x01\xff\r\n"
                       "--XyZ\r\n"
                       "Content-Disposition: form-data; name=\"empty\"; filename=\"\"\r\n\r\n"
                       "\r\n--XyZ--\r\n";
    assert_int_equal(parse(body, "XyZ", &m, &a), MULTIPART_OK);
    assert_int_equal(m.n, 3);
    const struct multipart_part *f = multipart_get(&m, "file");
    assert_non_null(f);
    assert_string_equal(f->filename, "واحدها.csv");
    assert_string_equal(f->content_type, "text/csv");
    assert_int_equal(f->len, strlen("a,b--XyZ\r\n-XyZ\r\n\x01\xff"));
    assert_memory_equal(multipart_get(&m, "_csrf")->data, "tok", 3);
    assert_string_equal(multipart_get(&m, "empty")->filename, "");
    assert_int_equal(multipart_get(&m, "empty")->len, 0);
    arena_free(&a);
}

static void multipart_hostile(void **state) {
    (void)state;
    arena a;
    arena_init(&a, 1 << 20);
    const char *boundary;
    static const char *const bad_types[] = {
        NULL, "text/plain", "multipart/form-data", "multipart/form-data; boundary=",
        "multipart/form-data; boundary=a\x01", "multipart/form-data; boundary=\"abc",
        "multipart/form-data; boundary=a; boundary=b", "multipart/mixed; boundary=a",
        "multipart/form-data; boundary=01234567890123456789012345678901234567890123456789"
        "012345678901234567890",
    };
    for (size_t i = 0; i < sizeof bad_types / sizeof *bad_types; i++)
        assert_int_not_equal(multipart_boundary(bad_types[i], &a, &boundary), MULTIPART_OK);

    static const struct {
        const char *body;
        int err;
    } cases[] = {
        {"", MULTIPART_ESYNTAX},
        {"preamble\r\n--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nv\r\n--b--",
         MULTIPART_ESYNTAX},
        {"--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nv", MULTIPART_ESYNTAX},
        {"--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nv\r\n--b", MULTIPART_ESYNTAX},
        {"--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nv\r\n--b--junk",
         MULTIPART_ESYNTAX},
        {"--b\r\nContent-Disposition: form-data; name=\"x\"\n\nv\r\n--b--", MULTIPART_ESYNTAX},
        {"--b\r\nContent-Disposition: form-data\r\n\r\nv\r\n--b--", MULTIPART_EHEADER},
        {"--b\r\nContent-Disposition: attachment; name=\"x\"\r\n\r\nv\r\n--b--", MULTIPART_EHEADER},
        {"--b\r\nContent-Disposition: form-data; name=\"x\"; name=\"y\"\r\n\r\nv\r\n--b--",
         MULTIPART_EHEADER},
        {"--b\r\nContent-Disposition: form-data; name=x\r\n\r\nv\r\n--b--", MULTIPART_EHEADER},
        {"--b\r\nContent-Disposition: form-data; name=\"x\r\n\r\nv\r\n--b--", MULTIPART_EHEADER},
        /* the boundary inside a part (RFC 2046 forbids it): not silently split */
        {"--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nv\r\n--bogus\r\n--b--",
         MULTIPART_ESYNTAX},
        {"--b\r\nContent-Disposition: form-data; name=\"\"\r\n\r\nv\r\n--b--", MULTIPART_ETEXT},
        {"--b\r\nContent-Disposition: form-data; name=\"\xff\"\r\n\r\nv\r\n--b--", MULTIPART_ETEXT},
        {"--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n\xc3\x28\r\n--b--",
         MULTIPART_ETEXT},
        {"--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\na\x01\r\n--b--", MULTIPART_ETEXT},
        {"--b\r\nNo-Colon\r\n\r\nv\r\n--b--", MULTIPART_ESYNTAX},
        {"--b\r\nContent-Disposition: form-data; name=\"x\"\r\nX: a\x7f\x01\r\n\r\nv\r\n--b--",
         MULTIPART_ESYNTAX},
        {"--b\r\nContent-Disposition: form-data; name=\"x\"\r\nContent-Type: a\r\n"
         "Content-Type: b\r\n\r\nv\r\n--b--",
         MULTIPART_EHEADER},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct multipart m;
        int rc = parse(cases[i].body, "b", &m, &a);
        if (rc != cases[i].err) fprintf(stderr, "case %zu: %d\n", i, rc);
        assert_int_equal(rc, cases[i].err);
        assert_int_equal(m.n, 0);
    }
    /* NUL inside a text field (strlen cannot carry it). */
    static const char nul[] = "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\na\0b\r\n--b--";
    struct multipart m;
    assert_int_equal(multipart_parse(nul, sizeof nul - 1, "b", &a, &m), MULTIPART_ETEXT);
    /* Too many parts. */
    buf b;
    buf_init(&b, 1 << 20);
    for (int i = 0; i <= MULTIPART_MAX_PARTS; i++)
        buf_printf(&b, "--b\r\nContent-Disposition: form-data; name=\"f%d\"\r\n\r\nv\r\n", i);
    buf_puts(&b, "--b--");
    /* Each part's trailing CRLF belongs to the next delimiter. */
    assert_int_equal(multipart_parse(b.data, b.len, "b", &a, &m), MULTIPART_ETOO_MANY);
    /* Header lines past the cap. */
    buf_clear(&b);
    buf_puts(&b, "--b\r\nContent-Disposition: form-data; name=\"x\"\r\nX-Long: ");
    for (int i = 0; i < MULTIPART_MAX_HEADER_LINE; i++) buf_putc(&b, 'a');
    buf_puts(&b, "\r\n\r\nv\r\n--b--");
    assert_int_equal(multipart_parse(b.data, b.len, "b", &a, &m), MULTIPART_ESYNTAX);
    buf_free(&b);
    arena_free(&a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(mixed_file_exact_report_and_nothing_written, open_db,
                                        close_db),
        cmocka_unit_test_setup_teardown(many_rows_in_batches, open_db, close_db),
        cmocka_unit_test_setup_teardown(large_first_import, open_db, close_db),
        cmocka_unit_test_setup_teardown(side_built_search_index, open_db, close_db),
        cmocka_unit_test(header_mapping),
        cmocka_unit_test(row_width_and_blank_rows),
        cmocka_unit_test_setup_teardown(refused_inputs_write_nothing, open_db, close_db),
        cmocka_unit_test(windows_1256),
        cmocka_unit_test(csv_writer),
        cmocka_unit_test(multipart_valid),
        cmocka_unit_test(multipart_hostile),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
