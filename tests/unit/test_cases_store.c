/* Unit tests for the case store: filing and transitions with their events and audit
 * entries, refusals that leave the database unchanged (stale version, a state or a
 * role that does not allow the action), the viewer's reach (producer: own units;
 * liaison: cases ever referred to the agency), the audit chain broken at exactly the
 * altered row, search across spellings, reminders and notifications. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>
#include <sqlite3.h>

#include "auth/roles.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_cases.h"
#include "store/store_import.h"
#include "store/store_registry.h"
#include "test_world.h"
#include "text/fa_fts5.h"

static char dir[128], path[200];
static store *db;
static store_conn *c;
static struct user sec, prod, other_prod, liaison, other_liaison;
static int64_t unit_a, unit_b, bank, tax;

static int open_db(void **state) {
    (void)state;
    if (sodium_init() < 0) return 1;
    snprintf(dir, sizeof dir, "/tmp/tashil-test-cases-XXXXXX");
    if (!mkdtemp(dir)) return 1;
    snprintf(path, sizeof path, "%s/c.db", dir);
    struct store_error err;
    if (store_open(path, STORE_CREATE | STORE_MIGRATE, &db, &err) != STORE_OK) return 1;
    c = store_thread_conn(db);
    world_user(c, "dabir", "secretariat", &sec);
    world_user(c, "owner", "producer", &prod);
    world_user(c, "stranger", "producer", &other_prod);
    world_user(c, "banker", "agency", &liaison);
    world_user(c, "taxman", "agency", &other_liaison);
    unit_a = world_unit(c, "0013542419", "کفش نوری");
    unit_b = world_unit(c, "0067749828", "مبل آرا");
    assert_int_equal(store_unit_add_member(c, unit_a, prod.id), STORE_OK);
    assert_int_equal(store_unit_add_member(c, unit_b, other_prod.id), STORE_OK);
    bank = world_agency(c, "بانک ملی", "bank");
    tax = world_agency(c, "اداره کل مالیات", "tax");
    assert_int_equal(store_user_set_agency(c, NULL, liaison.id, bank), STORE_OK);
    assert_int_equal(store_user_set_agency(c, NULL, other_liaison.id, tax), STORE_OK);
    liaison.agency_id = bank;
    other_liaison.agency_id = tax;
    return 0;
}

static int close_db(void **state) {
    (void)state;
    store_close(db);
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd);
}

static int64_t file_case(const struct user *who, int64_t unit, const char *title,
                         const char *desc, bool submit) {
    struct case_input in;
    memset(&in, 0, sizeof in);
    in.unit_id = unit;
    in.category_id = 14;
    snprintf(in.title, sizeof in.title, "%s", title);
    snprintf(in.description, sizeof in.description, "%s", desc);
    in.amount = 5000000000;
    struct case_viewer v = case_viewer_of(who);
    int64_t id = 0;
    assert_int_equal(store_case_create(c, who, &v, &in, submit, &id), STORE_OK);
    return id;
}

static int act(const struct user *who, int64_t id, int64_t version, enum case_action a,
               int64_t agency, const char *body, unsigned *allowed) {
    struct case_viewer v = case_viewer_of(who);
    struct case_act x = {a, agency, "2030-01-01", body};
    return store_case_act(c, who, &v, id, version, &x, allowed, NULL);
}

static int64_t count(const char *sql) {
    sqlite3 *raw;
    assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(raw, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(raw);
    return n;
}

static void lifecycle_events_and_refusals(void **state) {
    (void)state;
    int64_t id = file_case(&prod, unit_a, "استمهال وام", "بانک وام را استمهال نمی‌کند", true);
    struct case_viewer vs = case_viewer_of(&sec);
    struct case_row row;
    assert_int_equal(store_case_get(c, &vs, id, &row), STORE_OK);
    assert_int_equal(row.state, CASE_SUBMITTED);
    assert_int_equal(row.amount, 5000000000);
    /* A producer may not file for someone else's unit. */
    struct case_input in = {.unit_id = unit_b, .category_id = 2, .amount = -1};
    snprintf(in.title, sizeof in.title, "مالیات");
    struct case_viewer vp = case_viewer_of(&prod);
    int64_t nid;
    assert_int_equal(store_case_create(c, &prod, &vp, &in, false, &nid), STORE_EROLE);

    int64_t events = count("SELECT count(*) FROM case_events");
    int64_t audits = count("SELECT count(*) FROM audit_events");
    unsigned allowed = 0;
    /* Refused: wrong state, wrong role, stale version — nothing changes. */
    assert_int_equal(act(&sec, id, -1, CASE_ACT_ANSWER, 0, "x", &allowed), STORE_ESTATE);
    assert_true(allowed & (1u << CASE_ACT_REVIEW));
    assert_int_equal(act(&prod, id, -1, CASE_ACT_REVIEW, 0, NULL, &allowed), STORE_EROLE);
    assert_int_equal(act(&sec, id, row.version + 5, CASE_ACT_REVIEW, 0, NULL, NULL),
                     STORE_ECONFLICT);
    assert_int_equal(act(&other_prod, id, -1, CASE_ACT_WITHDRAW, 0, NULL, NULL), STORE_ENOTFOUND);
    assert_int_equal(count("SELECT count(*) FROM case_events"), events);
    assert_int_equal(count("SELECT count(*) FROM audit_events"), audits);

    assert_int_equal(act(&sec, id, row.version, CASE_ACT_REVIEW, 0, NULL, NULL), STORE_OK);
    /* The liaison sees nothing before the referral. */
    struct case_viewer vl = case_viewer_of(&liaison);
    assert_int_equal(store_case_get(c, &vl, id, &row), STORE_ENOTFOUND);
    assert_int_equal(act(&sec, id, -1, CASE_ACT_REFER, bank, NULL, NULL), STORE_OK);
    assert_int_equal(store_case_get(c, &vl, id, &row), STORE_OK);
    assert_string_equal(row.due_on, "2030-01-01");
    struct case_viewer vt = case_viewer_of(&other_liaison);
    assert_int_equal(store_case_get(c, &vt, id, &row), STORE_ENOTFOUND);
    assert_int_equal(act(&other_liaison, id, -1, CASE_ACT_ANSWER, 0, "x", NULL), STORE_ENOTFOUND);
    assert_int_equal(act(&liaison, id, -1, CASE_ACT_ANSWER, 0, "استمهال شد", NULL), STORE_OK);
    /* Re-refer to tax: the bank's liaison still sees it, but may not act. */
    assert_int_equal(act(&sec, id, -1, CASE_ACT_REFER, tax, NULL, NULL), STORE_OK);
    assert_int_equal(store_case_get(c, &vl, id, &row), STORE_OK);
    assert_int_equal(act(&liaison, id, -1, CASE_ACT_ANSWER, 0, "x", NULL), STORE_EROLE);
    assert_int_equal(act(&other_liaison, id, -1, CASE_ACT_ASK_RETURN, 0, "مربوط به ما نیست",
                         NULL), STORE_OK);
    assert_int_equal(act(&sec, id, -1, CASE_ACT_RETURN, 0, "مدارک کامل نیست", NULL), STORE_OK);
    assert_int_equal(act(&prod, id, -1, CASE_ACT_RESUBMIT, 0, NULL, NULL), STORE_OK);
    assert_int_equal(act(&prod, id, -1, CASE_ACT_WITHDRAW, 0, NULL, NULL), STORE_OK);
    assert_int_equal(store_case_get(c, &vs, id, &row), STORE_OK);
    assert_int_equal(row.state, CASE_CLOSED);
    assert_int_equal(row.outcome, CASE_OUTCOME_WITHDRAWN);
    /* Comments and notes: notes are the secretariat's only. */
    assert_int_equal(store_case_comment(c, &prod, &vp, id, "ممنون", false), STORE_OK);
    assert_int_equal(store_case_comment(c, &prod, &vp, id, "یادداشت", true), STORE_EROLE);
    assert_int_equal(store_case_comment(c, &sec, &vs, id, "یادداشت داخلی", true), STORE_OK);
    int64_t history = count("SELECT count(*) FROM case_events WHERE case_id = 1");
    assert_int_equal(history, 12); /* file submit review refer answer refer ask_return return resubmit withdraw comment note */
    int64_t n, bad;
    assert_int_equal(store_audit_verify(c, &n, &bad), STORE_OK);
    /* The notes never reach the producer. */
    assert_int_equal(count("SELECT count(*) FROM case_events WHERE internal = 1"), 1);
    int64_t unread = 0;
    assert_int_equal(store_notification_count(c, prod.id, &unread), STORE_OK);
    assert_true(unread >= 2); /* answered, returned */

    /* Alter one audit row: verify names exactly that row. */
    int64_t victim = count("SELECT id FROM audit_events WHERE action = 'case.answer'");
    store_close(db);
    sqlite3 *raw;
    assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
    char sql[200];
    snprintf(sql, sizeof sql, "DROP TRIGGER audit_no_update; UPDATE audit_events SET detail = "
                              "'{}' WHERE id = %lld", (long long)victim);
    assert_int_equal(sqlite3_exec(raw, sql, 0, 0, 0), SQLITE_OK);
    sqlite3_close(raw);
    struct store_error err;
    assert_int_equal(store_open(path, STORE_MIGRATE, &db, &err), STORE_OK);
    c = store_thread_conn(db);
    assert_int_equal(store_audit_verify(c, &n, &bad), STORE_ERROR);
    assert_int_equal(bad, victim);
}

struct ids {
    int64_t id[16];
    int n;
};
static int collect(void *arg, const struct case_row *r) {
    struct ids *ids = arg;
    if (ids->n < 16) ids->id[ids->n++] = r->id;
    return 0;
}
static int collect_search(void *arg, const struct case_row *r, const char *snippet) {
    assert_non_null(strchr(snippet, '\x01'));
    return collect(arg, r);
}

static int search(const struct user *who, const char *q) {
    buf m;
    buf_init(&m, 4096);
    assert_int_equal(fa_fts5_query(q, strlen(q), &m), 0);
    struct case_viewer v = case_viewer_of(who);
    struct ids ids = {0};
    assert_int_equal(store_case_search(c, &v, m.data, "2026-01-01", 20, 0, collect_search, &ids),
                     STORE_OK);
    buf_free(&m);
    return ids.n;
}

static void viewer_lists_and_search(void **state) {
    (void)state;
    int64_t a = file_case(&prod, unit_a, "قطع برق کارگاه",
                          "دستگاههای تولید به دلیل قطعی برق متوقف شدهاند", true);
    int64_t b = file_case(&other_prod, unit_b, "آنتن دهی مخابرات خیابان پدر",
                          "پوشش آنتن تلفن همراه ضعیف است", true);
    struct case_viewer vs = case_viewer_of(&sec), vp = case_viewer_of(&prod),
                       vl = case_viewer_of(&liaison), vpub = {ROLE_PUBLIC, 0, 0};
    struct case_filter f = {.count = true, .limit = 10};
    struct ids ids = {0};
    int64_t total = 0;
    assert_int_equal(store_case_list(c, &vs, &f, collect, &ids, &total), STORE_OK);
    assert_int_equal(total, 2);
    ids.n = 0;
    assert_int_equal(store_case_list(c, &vp, &f, collect, &ids, &total), STORE_OK);
    assert_int_equal(total, 1);
    assert_int_equal(ids.id[0], a);
    assert_int_equal(store_case_list(c, &vl, &f, collect, &ids, &total), STORE_OK);
    assert_int_equal(total, 0);
    assert_int_equal(store_case_list(c, &vpub, &f, collect, &ids, &total), STORE_OK);
    assert_int_equal(total, 0);
    /* Filters: state, overdue. */
    assert_int_equal(act(&sec, b, -1, CASE_ACT_REVIEW, 0, NULL, NULL), STORE_OK);
    struct case_viewer vsec = vs;
    struct case_act x = {CASE_ACT_REFER, bank, "2020-01-01", NULL};
    assert_int_equal(store_case_act(c, &sec, &vsec, b, -1, &x, NULL, NULL), STORE_OK);
    struct case_filter over = {.overdue = true, .count = true, .limit = 10};
    ids.n = 0;
    assert_int_equal(store_case_list(c, &vs, &over, collect, &ids, &total), STORE_OK);
    assert_int_equal(total, 1);
    assert_int_equal(ids.id[0], b);
    struct case_filter st = {.states = 1u << CASE_SUBMITTED, .count = true, .limit = 10};
    assert_int_equal(store_case_list(c, &vs, &st, collect, &ids, &total), STORE_OK);
    assert_int_equal(total, 1);
    struct case_filter mine = {.mine_agency = true, .count = true, .limit = 10};
    assert_int_equal(store_case_list(c, &vl, &mine, collect, &ids, &total), STORE_OK);
    assert_int_equal(total, 1);
    /* Search across spellings: stripped ZWNJ in the text, found with ZWNJ, space,
     * Arabic yeh/kaf; and the reverse. */
    assert_int_equal(search(&sec, "دستگاه‌های"), 1);
    assert_int_equal(search(&sec, "دستگاه های"), 1);
    assert_int_equal(search(&sec, "دستگاههاي"), 1);
    assert_int_equal(search(&sec, "متوقف شده‌اند"), 1);
    assert_int_equal(search(&sec, "آنتن پدر"), 1);
    assert_int_equal(search(&sec, "آنتن دهي"), 1);
    assert_int_equal(search(&sec, "آنتن‌دهی"), 1);
    assert_int_equal(search(&prod, "آنتن"), 0); /* not theirs */
    assert_int_equal(search(&liaison, "آنتن"), 1); /* referred to the bank */
    /* Comments are searched too. */
    struct case_viewer vo = case_viewer_of(&other_prod);
    assert_int_equal(store_case_comment(c, &other_prod, &vo, b, "دكل مخابراتي نصب نشده", false),
                     STORE_OK);
    assert_int_equal(search(&sec, "دکل مخابراتی"), 1);
    /* Reminders: b is overdue; once only. */
    int soon = 0, overdue = 0;
    assert_int_equal(store_case_remind(c, "2026-01-01", "2026-01-04", &soon, &overdue), STORE_OK);
    assert_int_equal(overdue, 1);
    assert_int_equal(store_case_remind(c, "2026-01-01", "2026-01-04", &soon, &overdue), STORE_OK);
    assert_int_equal(overdue, 0);
    int64_t unread = 0;
    assert_int_equal(store_notification_count(c, liaison.id, &unread), STORE_OK);
    assert_int_equal(unread, 2); /* referred, overdue */
    int64_t n, bad;
    assert_int_equal(store_audit_verify(c, &n, &bad), STORE_OK);
}

static void holidays_make_the_calendar(void **state) {
    (void)state;
    int32_t *days = NULL;
    int n = 0;
    assert_int_equal(store_holiday_calendar(c, &days, &n), STORE_OK);
    assert_true(n > 60);
    struct case_calendar cal = {days, n};
    /* 1404-01-01 … 04 (2025-03-21 … 24) and 12–13 Farvardin are off. */
    for (const char *const *d = (const char *const[]){"2025-03-21", "2025-03-22", "2025-03-23",
                                                      "2025-03-24", "2025-04-01", "2025-04-02",
                                                      "2025-06-04", "2025-06-05", "2026-02-11",
                                                      NULL};
         *d; d++)
        assert_false(case_is_working_day(&cal, case_day_from_iso(*d)));
    free(days);
    struct holiday h = {"2025-12-01", "آزمایشی", false, true};
    assert_int_equal(store_holiday_set(c, &sec, &h), STORE_OK);
    assert_int_equal(store_holiday_delete(c, &sec, "2025-12-01"), STORE_OK);
    assert_int_equal(store_holiday_delete(c, &sec, "2025-12-01"), STORE_ENOTFOUND);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(lifecycle_events_and_refusals, open_db, close_db),
        cmocka_unit_test_setup_teardown(viewer_lists_and_search, open_db, close_db),
        cmocka_unit_test_setup_teardown(holidays_make_the_calendar, open_db, close_db),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
