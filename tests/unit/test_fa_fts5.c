/* Unit tests for text/fa_fts5: the seed article in an in-memory FTS5 table found by
 * every spelling, snippets and highlights in the original text, hostile queries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "core/buf.h"
#include "text/fa_fts5.h"

static char *read_seed(void) {
    const char *dir = getenv("TASHIL_SOURCE_DIR");
    char path[4096];
    assert_true(snprintf(path, sizeof path, "%s/data/seed-article-islamshahr.txt", dir ? dir : ".") <
                (int)sizeof path);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *s = calloc(1, 1 << 20);
    size_t n = fread(s, 1, (1 << 20) - 1, f);
    fclose(f);
    assert_true(n > 1000);
    return s;
}

static int setup(void **state) {
    sqlite3 *db;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    assert_int_equal(fa_fts5_register(db), 0);
    assert_int_equal(sqlite3_exec(db, "CREATE VIRTUAL TABLE doc USING fts5(body, tokenize='tashil');",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    char *seed = read_seed();
    const char *rows[] = {
        seed,
        "دیدار با رئیس‌جمهور و سه‌شنبه",
        "English TEXT, \"quoted\" NEAR(a b) and * - : ()",
        "سخنان رئیس جمهور در سه شنبه. کتاب، ها",
    };
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO doc(rowid, body) VALUES (?, ?)", -1, &st, NULL), SQLITE_OK);
    for (int i = 0; i < 4; i++) {
        sqlite3_bind_int(st, 1, i + 1);
        sqlite3_bind_text(st, 2, rows[i], -1, SQLITE_TRANSIENT);
        assert_int_equal(sqlite3_step(st), SQLITE_DONE);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    free(seed);
    *state = db;
    return 0;
}

static int teardown(void **state) {
    sqlite3_close(*state);
    return 0;
}

/* Runs the user's search; returns the first matching rowid (0 if none) and copies
 * highlight() of the match, or -1 on an SQL error. */
static int search(sqlite3 *db, const char *user, char *hl, size_t cap) {
    buf m;
    buf_init(&m, 1 << 16);
    int rc = fa_fts5_query(user, strlen(user), &m);
    if (rc == FA_FTS5_EMPTY) {
        buf_free(&m);
        return 0;
    }
    assert_int_equal(rc, 0);
    sqlite3_stmt *st;
    int r = sqlite3_prepare_v2(db,
                               "SELECT rowid, highlight(doc, 0, '[', ']') FROM doc WHERE doc MATCH ?"
                               " ORDER BY rowid",
                               -1, &st, NULL);
    assert_int_equal(r, SQLITE_OK);
    sqlite3_bind_text(st, 1, m.data, (int)m.len, SQLITE_TRANSIENT);
    int id = 0;
    r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        id = sqlite3_column_int(st, 0);
        if (hl) snprintf(hl, cap, "%s", (const char *)sqlite3_column_text(st, 1));
    } else if (r != SQLITE_DONE) {
        printf("query [%s] -> [%s]: %s\n", user, m.data, sqlite3_errmsg(db));
        id = -1;
    }
    sqlite3_finalize(st);
    buf_free(&m);
    return id;
}

static int count(sqlite3 *db, const char *user) {
    buf m;
    buf_init(&m, 1 << 16);
    assert_int_equal(fa_fts5_query(user, strlen(user), &m), 0);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM doc WHERE doc MATCH ?", -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_text(st, 1, m.data, (int)m.len, SQLITE_TRANSIENT);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    buf_free(&m);
    return n;
}

static void joined_and_spaced_meet(void **state) {
    sqlite3 *db = *state;
    assert_int_equal(count(db, "رییس‌جمهور"), 2);
    assert_int_equal(count(db, "رئیس جمهور"), 2);
    assert_int_equal(count(db, "رییسجمهور"), 2);
    assert_int_equal(count(db, "سه‌شنبه"), 2);
    assert_int_equal(count(db, "سهشنبه"), 2);
    assert_int_equal(count(db, "کتابها"), 0); /* punctuation between: not one word */
}

static char hl[1 << 16];

static void finds_every_spelling(void **state) {
    sqlite3 *db = *state;
    static const char *const in_seed[] = {
        "وعده‌های", "وعده های", "وعدههای", "لکه‌ای", "لکه ای", "38", "۳۸", "٣٨",
        "كفش اسلامشهر", "صنايع", "ساماندهي", "وعده", "حوزه", "دستگاه‌هایی", "برنامه‌ریزی",
        "دقیق‌تر", "دقیق", "می‌شود", "می شود", "تأمین", "تامین", "انرژی‌های تجدیدپذیر",
    };
    for (size_t i = 0; i < sizeof in_seed / sizeof in_seed[0]; i++)
        if (search(db, in_seed[i], NULL, 0) != 1) fail_msg("not found: %s", in_seed[i]);
    assert_int_equal(search(db, "رئیس جمهور", NULL, 0), 2);
    assert_int_equal(search(db, "رییس‌جمهور", NULL, 0), 2);
    assert_int_equal(search(db, "رئيس جمهور", NULL, 0), 2);
    assert_int_equal(search(db, "سه شنبه", NULL, 0), 2);
    assert_int_equal(search(db, "text", NULL, 0), 3);
    assert_int_equal(search(db, "وعده‌هایی ناموجود", NULL, 0), 0);
}

static void highlights_original_text(void **state) {
    sqlite3 *db = *state;
    assert_int_equal(search(db, "وعده‌های", hl, sizeof hl), 1);
    assert_non_null(strstr(hl, "[وعدههای]"));
    assert_int_equal(search(db, "لکه‌ای", hl, sizeof hl), 1);
    assert_non_null(strstr(hl, "[لکهای]"));
    assert_int_equal(search(db, "38", hl, sizeof hl), 1);
    assert_non_null(strstr(hl, "[۳۸]"));
    assert_int_equal(search(db, "رييس جمهور", hl, sizeof hl), 2);
    assert_string_equal(hl, "دیدار با [رئیس‌جمهور] و سه‌شنبه");
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT snippet(doc, 0, '<', '>', '…', 6) FROM doc WHERE doc MATCH ?",
                                        -1, &st, NULL),
                     SQLITE_OK);
    buf m;
    buf_init(&m, 4096);
    assert_int_equal(fa_fts5_query("لکه", strlen("لکه"), &m), 0);
    sqlite3_bind_text(st, 1, m.data, (int)m.len, SQLITE_TRANSIENT);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    const char *snip = (const char *)sqlite3_column_text(st, 0);
    if (!strstr(snip, "<لکههای>") && !strstr(snip, "<لکه های>")) fail_msg("snippet: %s", snip);
    sqlite3_finalize(st);
    buf_free(&m);
}

static void hostile_queries(void **state) {
    sqlite3 *db = *state;
    static const char *const q[] = {
        "\"", "\"\"", "\"وعده", "NEAR(", "NEAR(a b", "*", "وعده*", "-", "-وعده", ":", "body:وعده",
        "(", ")", "((()))", "a OR", "AND", "NOT وعده", "^وعده", "{body}: x", "+", "a\"b\"c",
        "\xff\xfe", "'", ";DROP TABLE doc;", "\\", "", "   ", "‌", "a AND (b OR", "1.2.3,4",
    };
    for (size_t i = 0; i < sizeof q / sizeof q[0]; i++)
        if (search(db, q[i], NULL, 0) < 0) fail_msg("syntax error for [%s]", q[i]);
    buf m;
    buf_init(&m, 1 << 16);
    assert_int_equal(fa_fts5_query("  ...  ", 7, &m), FA_FTS5_EMPTY);
    assert_int_equal(fa_fts5_query("رئیس جمهور", strlen("رئیس جمهور"), &m), 0);
    assert_string_equal(m.data, "(\"رییس\" OR \"رییسجمهور\") AND (\"جمهور\" OR \"رییسجمهور\")");
    buf_free(&m);
    /* A query with many words stays bounded. */
    char many[4000];
    size_t w = strlen("کلمه ");
    for (int i = 0; i < 300; i++) memcpy(many + (size_t)i * w, "کلمه ", w);
    many[300 * w] = 0;
    assert_true(search(db, many, NULL, 0) >= 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(finds_every_spelling),
        cmocka_unit_test(highlights_original_text),
        cmocka_unit_test(joined_and_spaced_meet),
        cmocka_unit_test(hostile_queries),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
