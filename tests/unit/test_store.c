/* Unit tests for the store (migrations, refusals, users, sessions, audit chain) and
 * for config parsing. Each test works in its own temporary folder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>
#include <sqlite3.h>

#include "core/clock.h"
#include "core/config.h"
#include "store/migrations.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_users.h"

static char dir[256];

static int setup(void **state) {
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/tashil-test-store-XXXXXX");
    assert_non_null(mkdtemp(dir));
    return sodium_init() < 0;
}

static int teardown(void **state) {
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd);
}

static void path_in(char *out, size_t cap, const char *name) { snprintf(out, cap, "%s/%s", dir, name); }

static void write_file(const char *path, const void *data, size_t n) {
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    fclose(f);
}

/* FNV-1a of a file's bytes: proves "left untouched". */
static uint64_t file_digest(const char *path) {
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    uint64_t h = 1469598103934665603ull;
    int c;
    while ((c = fgetc(f)) != EOF) h = (h ^ (unsigned)c) * 1099511628211ull;
    fclose(f);
    return h;
}

static void migrations_create_and_record(void **state) {
    (void)state;
    char db[300];
    path_in(db, sizeof db, "new.db");
    store *s;
    struct store_error err;
    assert_int_equal(store_open(db, STORE_MIGRATE, &s, &err), STORE_ENOENT);
    assert_non_null(strstr(err.message, "tashil init"));
    assert_int_equal(store_open(db, STORE_CREATE | STORE_MIGRATE, &s, &err), STORE_OK);
    assert_int_equal(store_schema_version(s), store_latest_version());
    store_conn *c = store_thread_conn(s);
    /* every migration recorded once; numbers may skip between ranges */
    store_stmt *st = store_prepare(c, "SELECT count(*), max(version) FROM schema_migrations");
    assert_int_equal(store_step(st), STORE_ROW);
    assert_int_equal(store_col_int(st, 0), tashil_migration_count);
    assert_int_equal(store_col_int(st, 1), store_latest_version());
    store_done(st);
    store_close(s);
    /* Opening again applies nothing and succeeds. */
    assert_int_equal(store_open(db, STORE_MIGRATE, &s, &err), STORE_OK);
    store_close(s);
}

static void refuses_foreign_files_untouched(void **state) {
    (void)state;
    char text[300], other[300], newer[300];
    store *s;
    struct store_error err;
    path_in(text, sizeof text, "notes.txt");
    write_file(text, "this is not a database, it is a text file of some length\n", 58);
    uint64_t before = file_digest(text);
    assert_int_equal(store_open(text, STORE_CREATE | STORE_MIGRATE, &s, &err), STORE_ENOTDB);
    assert_non_null(strstr(err.message, "not a Tashil database"));
    assert_int_equal(file_digest(text), before);

    path_in(other, sizeof other, "other.db");
    sqlite3 *raw;
    assert_int_equal(sqlite3_open(other, &raw), SQLITE_OK);
    assert_int_equal(sqlite3_exec(raw, "CREATE TABLE t(x); INSERT INTO t VALUES (1);", 0, 0, 0),
                     SQLITE_OK);
    sqlite3_close(raw);
    before = file_digest(other);
    assert_int_equal(store_open(other, STORE_CREATE | STORE_MIGRATE, &s, &err), STORE_ENOTDB);
    assert_int_equal(file_digest(other), before);

    path_in(newer, sizeof newer, "newer.db");
    assert_int_equal(store_open(newer, STORE_CREATE | STORE_MIGRATE, &s, &err), STORE_OK);
    store_close(s);
    assert_int_equal(sqlite3_open(newer, &raw), SQLITE_OK);
    assert_int_equal(sqlite3_exec(raw, "PRAGMA journal_mode=DELETE; INSERT INTO schema_migrations "
                                       "VALUES (9999, '9999_future.sql', 'x')", 0, 0, 0),
                     SQLITE_OK);
    sqlite3_close(raw);
    before = file_digest(newer);
    assert_int_equal(store_open(newer, STORE_MIGRATE, &s, &err), STORE_ETOONEW);
    assert_non_null(strstr(err.message, "newer"));
    assert_int_equal(file_digest(newer), before);
}

static void users_sessions_and_audit_chain(void **state) {
    (void)state;
    char db[300];
    path_in(db, sizeof db, "audit.db");
    store *s;
    struct store_error err;
    assert_int_equal(store_open(db, STORE_CREATE | STORE_MIGRATE, &s, &err), STORE_OK);
    store_conn *c = store_thread_conn(s);
    int64_t id;
    assert_int_equal(store_user_add(c, NULL, "dabir", "دبیرخانه", "secretariat", "h", &id), STORE_OK);
    assert_int_equal(store_user_add(c, NULL, "dabir", "x", "secretariat", "h", NULL),
                     STORE_ECONSTRAINT);
    assert_int_equal(store_user_add(c, NULL, "bad", "x", "emperor", "h", NULL), STORE_ECONSTRAINT);
    struct user u;
    char hash[64];
    assert_int_equal(store_user_by_name(c, "dabir", &u, hash, sizeof hash), STORE_OK);
    assert_string_equal(u.role, "secretariat");
    assert_string_equal(hash, "h");
    assert_int_equal(store_user_by_name(c, "nobody", &u, NULL, 0), STORE_ENOTFOUND);

    unsigned char th[32] = {1, 2, 3};
    char csrf[64];
    assert_int_equal(store_session_create(c, id, th, "csrf-x", 1000, 5000, "127.0.0.1", "ua"),
                     STORE_OK);
    assert_int_equal(store_session_lookup(c, th, 1100, 3600, &u, csrf, sizeof csrf), STORE_OK);
    assert_string_equal(csrf, "csrf-x");
    assert_int_equal(store_session_lookup(c, th, 6000, 1 << 30, &u, csrf, sizeof csrf),
                     STORE_ENOTFOUND); /* past absolute expiry */
    assert_int_equal(store_session_lookup(c, th, 4900, 60, &u, csrf, sizeof csrf),
                     STORE_ENOTFOUND); /* idle too long */

    for (int i = 0; i < 5; i++) {
        assert_int_equal(store_begin(c), STORE_OK);
        assert_int_equal(store_audit_append(c, &u, "test.event", "user", id, "{\"i\":1}", NULL),
                         STORE_OK);
        assert_int_equal(store_commit(c), STORE_OK);
    }
    int64_t n, bad;
    assert_int_equal(store_audit_verify(c, &n, &bad), STORE_OK);
    assert_int_equal(n, 6); /* user.create + 5 */

    /* Tamper behind the store's back: the chain names the event. */
    store_close(s);
    sqlite3 *raw;
    assert_int_equal(sqlite3_open(db, &raw), SQLITE_OK);
    assert_int_equal(sqlite3_exec(raw, "DROP TRIGGER audit_no_update; UPDATE audit_events SET "
                                       "detail='{\"i\":2}' WHERE id=4", 0, 0, 0),
                     SQLITE_OK);
    sqlite3_close(raw);
    assert_int_equal(store_open(db, STORE_MIGRATE, &s, &err), STORE_OK);
    c = store_thread_conn(s);
    assert_int_equal(store_audit_verify(c, &n, &bad), STORE_ERROR);
    assert_int_equal(bad, 4);
    store_close(s);
}

static void rollback_leaves_nothing(void **state) {
    (void)state;
    char db[300];
    path_in(db, sizeof db, "tx.db");
    store *s;
    struct store_error err;
    assert_int_equal(store_open(db, STORE_CREATE | STORE_MIGRATE, &s, &err), STORE_OK);
    store_conn *c = store_thread_conn(s);
    assert_int_equal(store_begin(c), STORE_OK);
    assert_int_equal(store_audit_append(c, NULL, "x", "y", 1, "{}", NULL), STORE_OK);
    /* nested begin/rollback dooms the outer transaction */
    assert_int_equal(store_begin(c), STORE_OK);
    store_rollback(c);
    assert_int_equal(store_commit(c), STORE_ERROR);
    int64_t n, bad;
    assert_int_equal(store_audit_verify(c, &n, &bad), STORE_OK);
    assert_int_equal(n, 0);
    store_close(s);
}

static const char *fake_env(const char *name) {
    if (!strcmp(name, "TASHIL_DB")) return "/srv/tashil.db";
    if (!strcmp(name, "TASHIL_LISTEN")) return "0.0.0.0:9000";
    return NULL;
}

static const char *bad_env(const char *name) {
    return !strcmp(name, "TASHIL_THREADS") ? "many" : NULL;
}

static void config_layers_and_errors(void **state) {
    (void)state;
    struct config c;
    char err[256];
    config_defaults(&c);
    assert_int_equal(c.port, 8080);
    assert_string_equal(c.host, "127.0.0.1");
    assert_int_equal(config_from_env(&c, fake_env, err, sizeof err), 0);
    assert_string_equal(c.db, "/srv/tashil.db");
    assert_int_equal(c.port, 9000);
    char *argv[] = {"serve", "--db=/tmp/x.db", "--listen", "127.0.0.1:0", "--threads", "2",
                    "--behind-tls"};
    assert_int_equal(config_from_args(&c, 7, argv, err, sizeof err), 0);
    assert_string_equal(c.db, "/tmp/x.db");
    assert_int_equal(c.port, 0);
    assert_int_equal(c.threads, 2);
    assert_true(c.behind_tls);
    char *help[] = {"serve", "--help"};
    assert_int_equal(config_from_args(&c, 2, help, err, sizeof err), 1);
    const char *bad[][2] = {{"--listen", "localhost"}, {"--listen", "1.2.3.4:70000"},
                            {"--listen", ":80"},       {"--threads", "0"},
                            {"--threads", "-1"},       {"--threads", "4x"},
                            {"--body-max", "12"},      {"--bogus", "1"},
                            {"--test-clock-shift-days", "3651"},
                            {"--test-clock-shift-days", "1.5"},
                            {"--test-clock-shift-days", "-"}};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char *av[] = {"serve", (char *)bad[i][0], (char *)bad[i][1]};
        assert_int_equal(config_from_args(&c, 3, av, err, sizeof err), -1);
        assert_true(strlen(err) > 0);
    }
    /* The test clock: a flag only, whole days either way. */
    assert_int_equal(c.test_clock_shift_days, 0);
    char *shift[] = {"serve", "--test-clock-shift-days", "-12"};
    assert_int_equal(config_from_args(&c, 3, shift, err, sizeof err), 0);
    assert_int_equal(c.test_clock_shift_days, -12);
    char *shift_eq[] = {"serve", "--test-clock-shift-days=30"};
    assert_int_equal(config_from_args(&c, 2, shift_eq, err, sizeof err), 0);
    assert_int_equal(c.test_clock_shift_days, 30);
    int64_t before = clock_now();
    clock_shift_days(30);
    assert_true(clock_now() - before >= 30 * 86400 && clock_now() - before <= 30 * 86400 + 5);
    clock_shift_days(0);
    assert_true(clock_now() - before <= 5);
    char *missing[] = {"serve", "--db"};
    assert_int_equal(config_from_args(&c, 2, missing, err, sizeof err), -1);
    assert_int_equal(config_from_env(&c, bad_env, err, sizeof err), -1);
    assert_non_null(strstr(err, "threads"));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(migrations_create_and_record, setup, teardown),
        cmocka_unit_test_setup_teardown(refuses_foreign_files_untouched, setup, teardown),
        cmocka_unit_test_setup_teardown(users_sessions_and_audit_chain, setup, teardown),
        cmocka_unit_test_setup_teardown(rollback_leaves_nothing, setup, teardown),
        cmocka_unit_test(config_layers_and_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
