/* Unit tests for sessions and resolutions: the pure rules (objection window across
 * Nowruz, who may do what when, outcome and fault), input parsing with hostile text,
 * and the store — a session built, attended and held; a resolution issued, objected
 * to, upheld, carried out; another voided on objection; every refusal (future
 * session held, resolution without agency, outcome inside the window, objection by
 * another agency or too late) leaving the database unchanged; who sees what. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "auth/roles.h"
#include "meetings/meeting_input.h"
#include "meetings/resolution.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_cases.h"
#include "store/store_import.h"
#include "store/store_meetings.h"
#include "store/store_registry.h"
#include "test_world.h"
#include "test_db.h"

static struct test_db t;
static store_conn *c;
static struct user sec, member, prod, other_prod, liaison, other_liaison;
static int64_t unit_a, unit_b, bank, tax;

/* --- pure rules --- */

static void window_skips_fridays_and_holidays(void **state) {
    (void)state;
    /* Nowruz 1405: 1–4 Farvardin = 2026-03-21..24; 12–13 Farvardin = 04-01, 04-02;
     * 29 Esfand 1404 = 2026-03-20 (a Friday too). */
    int32_t hol[] = {case_day_from_iso("2026-03-20"), case_day_from_iso("2026-03-21"),
                     case_day_from_iso("2026-03-22"), case_day_from_iso("2026-03-23"),
                     case_day_from_iso("2026-03-24"), case_day_from_iso("2026-04-01"),
                     case_day_from_iso("2026-04-02")};
    struct case_calendar cal = {hol, 7};
    char out[11];
    /* Notice on Sunday 1404-12-24 (2026-03-15). Working days after it: 03-16 Mon,
     * 17, 18, 19 (Thu), [20 Fri+holiday], [21–24 Nowruz], 25 Wed (5), 26 Thu (6),
     * [27 Fri], 28 Sat (7), 29 (8), 30 (9), 31 (10), [04-01, 04-02 holidays],
     * [04-03 Fri], 04-04 Sat (11), 05 (12), 06 (13), 07 (14), 08 Wed (15). */
    case_iso_from_day(resolution_window_end(&cal, case_day_from_iso("2026-03-15")), out);
    assert_string_equal(out, "2026-04-08");
    /* Without the holidays the same notice would close on 2026-04-01. */
    struct case_calendar none = {NULL, 0};
    case_iso_from_day(resolution_window_end(&none, case_day_from_iso("2026-03-15")), out);
    assert_string_equal(out, "2026-04-01");
}

static void rules(void **state) {
    (void)state;
    int32_t end = 100;
    assert_int_equal(resolution_check(RES_ISSUED, RES_ACT_OBJECT, ROLE_AGENCY, true, end, 100), RES_OK);
    assert_int_equal(resolution_check(RES_ISSUED, RES_ACT_OBJECT, ROLE_AGENCY, true, end, 101),
                     RES_EWINDOW_SHUT);
    assert_int_equal(resolution_check(RES_ISSUED, RES_ACT_OBJECT, ROLE_AGENCY, false, end, 90), RES_EROLE);
    assert_int_equal(resolution_check(RES_ISSUED, RES_ACT_OBJECT, ROLE_SECRETARIAT, false, end, 90),
                     RES_EROLE);
    assert_int_equal(resolution_check(RES_ISSUED, RES_ACT_OUTCOME, ROLE_SECRETARIAT, false, end, 100),
                     RES_EWINDOW_OPEN);
    assert_int_equal(resolution_check(RES_ISSUED, RES_ACT_OUTCOME, ROLE_SECRETARIAT, false, end, 101), RES_OK);
    assert_int_equal(resolution_check(RES_OBJECTION_PENDING, RES_ACT_OUTCOME, ROLE_SECRETARIAT, false,
                                      end, 200), RES_ESTATE);
    assert_int_equal(resolution_check(RES_OBJECTION_PENDING, RES_ACT_UPHOLD, ROLE_AGENCY, true, end, 90),
                     RES_EROLE);
    assert_int_equal(resolution_check(RES_OBJECTION_PENDING, RES_ACT_ACCEPT, ROLE_ADMIN, false, end, 90), RES_OK);
    assert_int_equal(resolution_check(RES_CARRIED_OUT, RES_ACT_OUTCOME, ROLE_SECRETARIAT, false, end, 200),
                     RES_ESTATE);
    assert_int_equal(resolution_check(RES_PARTLY, RES_ACT_OUTCOME, ROLE_SECRETARIAT, false, end, 200), RES_OK);
    assert_int_equal(resolution_check(RES_IN_EXECUTION, RES_ACT_OUTCOME, ROLE_MEMBER, false, end, 200),
                     RES_EROLE);
    assert_int_equal(resolution_check_outcome(RES_CARRIED_OUT, RES_FAULT_NONE), RES_OK);
    assert_int_equal(resolution_check_outcome(RES_CARRIED_OUT, RES_FAULT_AGENCY), RES_EFAULT);
    assert_int_equal(resolution_check_outcome(RES_PARTLY, RES_FAULT_NONE), RES_EFAULT);
    assert_int_equal(resolution_check_outcome(RES_NOT_CARRIED_OUT, RES_FAULT_APPLICANT), RES_OK);
    assert_int_equal(resolution_check_outcome(RES_IN_EXECUTION, RES_FAULT_NONE), RES_EOUTCOME);
    assert_true(resolution_overdue(RES_IN_EXECUTION, 10, 11));
    assert_false(resolution_overdue(RES_IN_EXECUTION, 11, 11));
    assert_false(resolution_overdue(RES_CARRIED_OUT, 10, 11));
    for (int s = 0; s < RES_STATE_COUNT; s++)
        assert_int_equal(resolution_state_parse(resolution_state_code((enum resolution_state)s)), s);
    assert_int_equal(resolution_state_parse("ISSUED"), -1);
    assert_int_equal(resolution_state_parse(NULL), -1);
}

/* --- input --- */

struct kv {
    const char *k[12], *v[12];
};
static const char *kv_get(void *ctx, const char *field) {
    struct kv *m = ctx;
    for (int i = 0; i < 12 && m->k[i]; i++)
        if (!strcmp(m->k[i], field)) return m->v[i];
    return NULL;
}

static void inputs(void **state) {
    (void)state;
    struct field_errors errs = {0};
    struct meeting_input mi;
    struct kv ok = {{"body_id", "held_on", "starts_at", "place", "chair"},
                    {"۱", "۱۴۰۵/۰۸/۲۱", "۱۰:۳۰", "فرمانداری اسلامشهر", "معاون اقتصادی"}};
    assert_true(meeting_input_from_fields(kv_get, &ok, true, &mi, &errs));
    assert_string_equal(mi.held_on, "2026-11-12");
    assert_string_equal(mi.starts_at, "10:30");
    struct kv bad = {{"body_id", "held_on", "starts_at", "place"},
                     {"x", "1405/13/40", "25:00", "a\x01b"}};
    memset(&errs, 0, sizeof errs);
    assert_false(meeting_input_from_fields(kv_get, &bad, true, &mi, &errs));
    assert_int_equal(errs.n, 4);
    assert_non_null(field_error_for(&errs, "held_on"));
    assert_non_null(field_error_for(&errs, "starts_at"));

    /* A resolution with no agency and no deadline: both named, in Persian. */
    struct resolution_input ri;
    struct kv noagency = {{"item_id", "text"}, {"3", "استمهال وام سه ماهه"}};
    memset(&errs, 0, sizeof errs);
    assert_false(resolution_input_from_fields(kv_get, &noagency, true, false, "2026-11-12", &ri, &errs));
    assert_non_null(field_error_for(&errs, "agency_id"));
    assert_non_null(field_error_for(&errs, "deadline"));
    assert_non_null(strstr(field_error_for(&errs, "agency_id")->fa, "دستگاه مسئول"));
    struct kv full = {{"item_id", "text", "agency_id", "deadline", "case_ids"},
                      {"3", "  استمهال  ", "۷", "1405/09/30", "۱۲، 15 ,12"}};
    memset(&errs, 0, sizeof errs);
    assert_true(resolution_input_from_fields(kv_get, &full, true, false, "2026-11-12", &ri, &errs));
    assert_string_equal(ri.text, "استمهال");
    assert_int_equal(ri.agency_id, 7);
    assert_int_equal(ri.ncases, 2);
    assert_int_equal(ri.case_ids[0], 12);
    assert_int_equal(ri.case_ids[1], 15);
    struct kv past = {{"item_id", "text", "agency_id", "deadline", "case_ids"},
                      {"3", "x", "7", "1400/01/01", "1;2"}};
    memset(&errs, 0, sizeof errs);
    assert_false(resolution_input_from_fields(kv_get, &past, true, false, "2026-11-12", &ri, &errs));
    assert_non_null(field_error_for(&errs, "deadline"));
    assert_non_null(field_error_for(&errs, "case_ids"));

    struct outcome_input oi;
    struct kv o1 = {{"outcome", "evidence"}, {"partly", "نامه ۱۲۳"}};
    memset(&errs, 0, sizeof errs);
    assert_false(outcome_input_from_fields(kv_get, &o1, &oi, &errs));
    assert_non_null(field_error_for(&errs, "fault"));
    struct kv o2 = {{"outcome", "fault", "evidence"}, {"not_carried_out", "agency", "نامه ۱۲۳"}};
    memset(&errs, 0, sizeof errs);
    assert_true(outcome_input_from_fields(kv_get, &o2, &oi, &errs));
    assert_int_equal(oi.fault, RES_FAULT_AGENCY);
    struct kv o3 = {{"outcome", "fault", "evidence"}, {"decided", "nobody", ""}};
    memset(&errs, 0, sizeof errs);
    assert_false(outcome_input_from_fields(kv_get, &o3, &oi, &errs));
    assert_int_equal(errs.n, 3);

    /* One line: a carriage return breaks it as much as a newline. */
    struct attendee_input ai;
    struct kv cr = {{"name", "position"}, {"مدیر\rشعب", "a\nb"}};
    memset(&errs, 0, sizeof errs);
    assert_false(attendee_input_from_fields(kv_get, &cr, &ai, &errs));
    assert_int_equal(errs.n, 2);
    struct kv tab = {{"name"}, {"مدیر\tشعب"}};
    memset(&errs, 0, sizeof errs);
    assert_true(attendee_input_from_fields(kv_get, &tab, &ai, &errs));

    char hm[6];
    assert_true(meeting_time_parse("٠٩:٠٥", hm));
    assert_string_equal(hm, "09:05");
    assert_false(meeting_time_parse("9", hm));
    assert_false(meeting_time_parse(":", hm));
    assert_false(meeting_time_parse("12:60", hm));
    assert_false(meeting_time_parse("-1:10", hm));
}

/* --- the store --- */

static int setup(void **state) {
    (void)state;
    if (test_db_open(&t, "meetings")) return 1;
    c = store_thread_conn(t.db);
    world_user(c, "dabir", "secretariat", &sec);
    world_user(c, "ozv", "member", &member);
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

static int teardown(void **state) {
    (void)state;
    return test_db_close(&t);
}

static int64_t count(const char *sql) {
    sqlite3 *raw;
    assert_int_equal(sqlite3_open(t.path, &raw), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(raw, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(raw);
    return n;
}

/* Everything that may change, as one number per table: refusals must leave it be. */
static void snapshot(int64_t out[6]) {
    out[0] = count("SELECT count(*) FROM audit_events");
    out[1] = count("SELECT count(*) FROM resolution_events");
    out[2] = count("SELECT count(*) FROM resolutions");
    out[3] = count("SELECT count(*) FROM case_events");
    out[4] = count("SELECT coalesce(sum(version),0) FROM resolutions");
    out[5] = count("SELECT coalesce(sum(version),0) FROM meetings");
}
static void assert_unchanged(const int64_t before[6]) {
    int64_t now[6];
    snapshot(now);
    for (int i = 0; i < 6; i++) assert_int_equal(now[i], before[i]);
}

static int64_t ready_case(int64_t unit, const struct user *owner, const char *title) {
    struct case_input in;
    memset(&in, 0, sizeof in);
    in.unit_id = unit;
    in.category_id = 14;
    snprintf(in.title, sizeof in.title, "%s", title);
    in.amount = -1;
    struct case_viewer v = case_viewer_of(owner), vs = case_viewer_of(&sec);
    int64_t id = 0;
    assert_int_equal(store_case_create(c, owner, &v, &in, true, &id), STORE_OK);
    struct case_act review = {.action = CASE_ACT_REVIEW}, agenda = {.action = CASE_ACT_AGENDA};
    assert_int_equal(store_case_act(c, &sec, &vs, id, -1, &review, NULL, NULL), STORE_OK);
    assert_int_equal(store_case_act(c, &sec, &vs, id, -1, &agenda, NULL, NULL), STORE_OK);
    return id;
}

static enum case_state case_state_now(int64_t id) {
    struct case_viewer vs = case_viewer_of(&sec);
    struct case_row *r = calloc(1, sizeof *r);
    assert_int_equal(store_case_get(c, &vs, id, r), STORE_OK);
    enum case_state s = r->state;
    free(r);
    return s;
}

static int64_t held_meeting(const char *held_on) {
    struct case_viewer vs = case_viewer_of(&sec);
    struct meeting_input mi = {.body_id = 1};
    snprintf(mi.held_on, sizeof mi.held_on, "%s", held_on);
    snprintf(mi.chair, sizeof mi.chair, "معاون اقتصادی استاندار");
    int64_t id;
    assert_int_equal(store_meeting_create(c, &sec, &vs, &mi, &id), STORE_OK);
    assert_int_equal(store_meeting_set_status(c, &sec, &vs, id, -1, MEETING_HELD, "2026-11-29"), STORE_OK);
    return id;
}

static int act(const struct user *who, int64_t id, enum resolution_action a, const char *reason,
               const struct outcome_input *o, const char *today, int *rule) {
    struct case_viewer v = case_viewer_of(who);
    struct resolution_act x = {.action = a, .reason = reason, .outcome = o};
    return store_resolution_act(c, who, &v, id, -1, &x, today, rule, NULL);
}

static void session_lifecycle(void **state) {
    (void)state;
    struct case_viewer vs = case_viewer_of(&sec), vm = case_viewer_of(&member);
    int64_t before[6];

    /* A session in the future cannot be marked held. */
    struct meeting_input mi = {.body_id = 1};
    snprintf(mi.held_on, sizeof mi.held_on, "2026-12-20");
    snprintf(mi.place, sizeof mi.place, "سالن جلسات فرمانداری");
    int64_t future;
    assert_int_equal(store_meeting_create(c, &sec, &vs, &mi, &future), STORE_OK);
    snapshot(before);
    assert_int_equal(store_meeting_set_status(c, &sec, &vs, future, -1, MEETING_HELD, "2026-11-29"),
                     STORE_EFUTURE);
    assert_unchanged(before);
    /* Members read sessions but do not build them. */
    assert_int_equal(store_meeting_create(c, &member, &vm, &mi, &future), STORE_EROLE);

    int64_t case1 = ready_case(unit_a, &prod, "استمهال وام کفش نوری");
    int64_t case2 = ready_case(unit_b, &other_prod, "انشعاب برق مبل آرا");
    struct meeting_input m2 = {.body_id = 1};
    snprintf(m2.held_on, sizeof m2.held_on, "2026-11-21");
    int64_t m;
    assert_int_equal(store_meeting_create(c, &sec, &vs, &m2, &m), STORE_OK);
    struct meeting row;
    assert_int_equal(store_meeting_get(c, &vs, m, &row), STORE_OK);
    assert_int_equal(row.year, 1405);
    assert_int_equal(row.seq, 2); /* the planned one of 1405/09/29 was first */

    struct attendee_input a = {.agency_id = bank, .full_authority = true};
    snprintf(a.name, sizeof a.name, "مدیر شعب بانک ملی");
    int64_t att;
    assert_int_equal(store_meeting_attendee_add(c, &sec, &vs, m, &a, &att), STORE_OK);
    int64_t item1, item2, topic;
    assert_int_equal(store_meeting_item_add_case(c, &sec, &vs, m, case1, &item1), STORE_OK);
    assert_int_equal(store_meeting_item_add_case(c, &sec, &vs, m, case2, &item2), STORE_OK);
    assert_int_equal(store_meeting_item_add_case(c, &sec, &vs, m, case2, &topic), STORE_EREF);
    assert_int_equal(store_meeting_item_add_topic(c, &sec, &vs, m, "گزارش دبیرخانه", &topic), STORE_OK);
    assert_int_equal(store_meeting_item_move(c, &sec, &vs, m, topic, 1), STORE_OK);
    assert_int_equal(count("SELECT id FROM meeting_items WHERE position = 1"), topic);
    assert_int_equal(count("SELECT position FROM meeting_items WHERE id = (SELECT max(id) - 2 FROM meeting_items)"), 2);

    /* Not held yet: no resolution. Held: without agency refused. */
    struct resolution_input ri = {.item_id = item1, .agency_id = bank};
    snprintf(ri.text, sizeof ri.text, "بانک ملی وام کفش نوری را شش ماه استمهال کند.");
    snprintf(ri.deadline, sizeof ri.deadline, "2026-12-30");
    int64_t r1;
    snapshot(before);
    assert_int_equal(store_resolution_issue(c, &sec, &vs, m, &ri, "2026-11-22", &r1), STORE_ENOTHELD);
    assert_unchanged(before);
    assert_int_equal(store_meeting_set_status(c, &sec, &vs, m, -1, MEETING_HELD, "2026-11-29"), STORE_OK);
    struct resolution_input noag = ri;
    noag.agency_id = 0;
    snapshot(before);
    assert_int_equal(store_resolution_issue(c, &sec, &vs, m, &noag, "2026-11-22", &r1), STORE_ECONSTRAINT);
    noag = ri;
    noag.deadline[0] = 0;
    assert_int_equal(store_resolution_issue(c, &sec, &vs, m, &noag, "2026-11-22", &r1), STORE_ECONSTRAINT);
    noag = ri;
    noag.agency_id = 99999;
    assert_int_equal(store_resolution_issue(c, &sec, &vs, m, &noag, "2026-11-22", &r1), STORE_EREF);
    assert_unchanged(before);

    /* Issue: notice 2026-11-22 (Sunday), window 15 working days. */
    assert_int_equal(store_resolution_issue(c, &sec, &vs, m, &ri, "2026-11-22", &r1), STORE_OK);
    assert_int_equal(case_state_now(case1), CASE_DECIDED);
    /* Its number is in the resolution's: the session keeps its body and Jalali year. */
    struct meeting_input moved_year = m2;
    snprintf(moved_year.held_on, sizeof moved_year.held_on, "2026-03-15"); /* 1404/12/24 */
    snapshot(before);
    assert_int_equal(store_meeting_update(c, &sec, &vs, m, -1, &moved_year), STORE_ESTATE);
    assert_unchanged(before);
    snprintf(moved_year.held_on, sizeof moved_year.held_on, "2026-11-23"); /* same year */
    assert_int_equal(store_meeting_update(c, &sec, &vs, m, -1, &moved_year), STORE_OK);
    /* Decided, it stays with its resolution: not onto another session's agenda. */
    struct meeting_input later = {.body_id = 2};
    snprintf(later.held_on, sizeof later.held_on, "2026-12-27");
    int64_t next, moved;
    assert_int_equal(store_meeting_create(c, &sec, &vs, &later, &next), STORE_OK);
    snapshot(before);
    assert_int_equal(store_meeting_item_add_case(c, &sec, &vs, next, case1, &moved), STORE_EREF);
    assert_unchanged(before);
    assert_int_equal(case_state_now(case1), CASE_DECIDED);
    buf text;
    buf_init(&text, 1 << 20);
    struct resolution_row r;
    assert_int_equal(store_resolution_get(c, &vs, r1, &r, &text), STORE_OK);
    assert_string_equal(r.number, "1405/2/1");
    assert_string_equal(r.notice_on, "2026-11-22");
    assert_string_equal(r.window_ends_on, "2026-12-09"); /* 15 working days, 3 Fridays off */
    assert_int_equal(r.ncases, 1);
    assert_int_equal(r.case_ids[0], case1);

    /* Outcome inside the window: refused, nothing written. */
    int rule;
    struct outcome_input done = {.outcome = RES_CARRIED_OUT};
    snprintf(done.evidence, sizeof done.evidence, "نامه شماره ۴۵۶ بانک");
    snapshot(before);
    assert_int_equal(act(&sec, r1, RES_ACT_OUTCOME, NULL, &done, "2026-11-29", &rule), STORE_ERULE);
    assert_int_equal(rule, RES_EWINDOW_OPEN);
    /* Objection by another agency: refused (it cannot even see it). */
    assert_int_equal(act(&other_liaison, r1, RES_ACT_OBJECT, "ما مسئول نیستیم", NULL, "2026-11-29", &rule),
                     STORE_ENOTFOUND);
    /* Objection after the window: refused. */
    assert_int_equal(act(&liaison, r1, RES_ACT_OBJECT, "دیر", NULL, "2027-01-30", &rule), STORE_ERULE);
    assert_int_equal(rule, RES_EWINDOW_SHUT);
    assert_unchanged(before);

    /* The bank objects in time; the outcome waits; the secretariat upholds. */
    assert_int_equal(act(&liaison, r1, RES_ACT_OBJECT, "مصوبات هیئت مدیره بانک اجازه نمی‌دهد",
                         NULL, "2026-11-29", &rule), STORE_OK);
    assert_int_equal(act(&sec, r1, RES_ACT_OUTCOME, NULL, &done, "2027-01-30", &rule), STORE_ERULE);
    assert_int_equal(rule, RES_ESTATE);
    assert_int_equal(act(&liaison, r1, RES_ACT_UPHOLD, "x", NULL, "2026-11-29", &rule), STORE_ERULE);
    assert_int_equal(act(&sec, r1, RES_ACT_UPHOLD, "مطابق بند ۳ ماده ۱۲ الزامی است", NULL,
                         "2026-11-30", &rule), STORE_OK);
    assert_int_equal(case_state_now(case1), CASE_IN_EXECUTION);
    /* Carried out: with a fault refused, without accepted; the case closes resolved. */
    struct outcome_input wrong = done;
    wrong.fault = RES_FAULT_AGENCY;
    assert_int_equal(act(&sec, r1, RES_ACT_OUTCOME, NULL, &wrong, "2027-01-30", &rule), STORE_ERULE);
    assert_int_equal(act(&sec, r1, RES_ACT_OUTCOME, NULL, &done, "2027-01-30", &rule), STORE_OK);
    assert_int_equal(case_state_now(case1), CASE_CLOSED);
    assert_int_equal(count("SELECT count(*) FROM cases WHERE outcome = 'resolved'"), 1);
    assert_int_equal(count("SELECT count(*) FROM resolution_events"), 4); /* issue object uphold outcome */

    /* Second resolution on case 2 (tax): objection accepted, the case returns to the agenda. */
    struct resolution_input r2in = {.item_id = item2, .agency_id = tax};
    snprintf(r2in.text, sizeof r2in.text, "اداره مالیات جریمه دیرکرد را بخشوده کند.");
    snprintf(r2in.deadline, sizeof r2in.deadline, "2027-01-15");
    int64_t r2;
    assert_int_equal(store_resolution_issue(c, &sec, &vs, m, &r2in, "2026-11-22", &r2), STORE_OK);
    assert_int_equal(act(&other_liaison, r2, RES_ACT_OBJECT, "خارج از اختیار استان", NULL, "2026-11-23",
                         &rule), STORE_OK);
    assert_int_equal(act(&sec, r2, RES_ACT_ACCEPT, "اعتراض وارد است", NULL, "2026-11-24", &rule), STORE_OK);
    assert_int_equal(case_state_now(case2), CASE_ON_AGENDA);

    /* Access: the producer sees resolutions on its cases, not others'; the public none. */
    struct case_viewer vp = case_viewer_of(&prod), vo = case_viewer_of(&other_prod),
                       vl = case_viewer_of(&liaison), vpub = {ROLE_PUBLIC, 0, 0};
    assert_int_equal(store_resolution_get(c, &vp, r1, &r, &text), STORE_OK);
    assert_int_equal(store_resolution_get(c, &vo, r1, &r, &text), STORE_ENOTFOUND);
    assert_int_equal(store_resolution_get(c, &vo, r2, &r, &text), STORE_OK);
    assert_int_equal(store_resolution_get(c, &vl, r2, &r, &text), STORE_ENOTFOUND);
    assert_int_equal(store_resolution_get(c, &vpub, r1, &r, &text), STORE_ENOTFOUND);
    assert_int_equal(store_meeting_get(c, &vl, m, &row), STORE_ENOTFOUND);
    assert_int_equal(store_meeting_get(c, &vm, m, &row), STORE_OK);
    struct resolution_filter f = {.count = true};
    int64_t total = 0;
    int noop(void *arg, const struct resolution_row *x);
    assert_int_equal(store_resolution_list(c, &vl, &f, noop, NULL, &total), STORE_OK);
    assert_int_equal(total, 1);
    assert_int_equal(store_resolution_list(c, &vpub, &f, noop, NULL, &total), STORE_OK);
    assert_int_equal(total, 0);

    /* Reports and totals. */
    struct resolution_tally tot;
    assert_int_equal(store_resolution_totals(c, "2027-01-30", &tot), STORE_OK);
    assert_int_equal(tot.issued, 2);
    assert_int_equal(tot.carried_out, 1);
    assert_int_equal(tot.objected, 1);

    /* A resolution on a free topic decides no case: issued and objected to all the same. */
    struct resolution_input r3in = {.item_id = topic, .agency_id = bank};
    snprintf(r3in.text, sizeof r3in.text, "بانک‌ها گزارش استمهال‌ها را ماهانه بفرستند.");
    snprintf(r3in.deadline, sizeof r3in.deadline, "2027-01-15");
    int64_t r3;
    assert_int_equal(store_resolution_issue(c, &sec, &vs, m, &r3in, "2026-11-22", &r3), STORE_OK);
    assert_int_equal(act(&liaison, r3, RES_ACT_OBJECT, "نیاز به دستور بانک مرکزی", NULL, "2026-11-23",
                         &rule), STORE_OK);

    /* An item with resolutions stays; the audit chain holds. */
    assert_int_equal(store_meeting_item_remove(c, &sec, &vs, m, item1), STORE_EHASRES);
    int64_t n = 0, bad = 0;
    assert_int_equal(store_audit_verify(c, &n, &bad), STORE_OK);
    buf_free(&text);
}

int noop(void *arg, const struct resolution_row *x) {
    (void)arg;
    (void)x;
    return 0;
}

static void sweep_starts_execution(void **state) {
    (void)state;
    struct case_viewer vs = case_viewer_of(&sec);
    int64_t case3 = ready_case(unit_a, &prod, "مجوز محیط زیست");
    int64_t m = held_meeting("2026-11-25");
    int64_t item;
    assert_int_equal(store_meeting_item_add_case(c, &sec, &vs, m, case3, &item), STORE_OK);
    struct resolution_input ri = {.item_id = item, .agency_id = bank};
    snprintf(ri.text, sizeof ri.text, "اقدام شود");
    snprintf(ri.deadline, sizeof ri.deadline, "2027-02-01");
    int64_t r;
    assert_int_equal(store_resolution_issue(c, &sec, &vs, m, &ri, "2026-11-25", &r), STORE_OK);
    int started = 0;
    assert_int_equal(store_resolution_sweep(c, "2026-11-30", &started), STORE_OK);
    assert_int_equal(started, 0);
    assert_int_equal(store_resolution_sweep(c, "2027-01-10", &started), STORE_OK);
    assert_int_equal(started, 1);
    assert_int_equal(case_state_now(case3), CASE_IN_EXECUTION);
    /* Past the deadline: the agency is told once. */
    int noted = 0;
    assert_int_equal(store_resolution_note_overdue(c, "2027-02-01", &noted), STORE_OK);
    assert_int_equal(noted, 1); /* the first test's topic resolution (due 2027-01-15); this one's
                                   deadline day itself is not overdue */
    assert_int_equal(store_resolution_note_overdue(c, "2027-02-02", &noted), STORE_OK);
    assert_int_equal(noted, 1);
    assert_int_equal(store_resolution_note_overdue(c, "2027-02-03", &noted), STORE_OK);
    assert_int_equal(noted, 0);
    assert_int_equal(count("SELECT count(*) FROM notifications WHERE kind = 'resolution_overdue'"), 2); /* the topic one too */
    /* Not carried out, the agency's fault: the case closes not executed. */
    int rule;
    struct outcome_input o = {.outcome = RES_NOT_CARRIED_OUT, .fault = RES_FAULT_AGENCY};
    snprintf(o.evidence, sizeof o.evidence, "گزارش بازدید");
    assert_int_equal(act(&sec, r, RES_ACT_OUTCOME, NULL, &o, "2027-02-10", &rule), STORE_OK);
    assert_int_equal(case_state_now(case3), CASE_CLOSED);
}

/* A resolution decides at most RESOLUTION_CASES_MAX cases, the item's own included:
 * one more would be stored but never read back, started or settled. */
static void at_most_sixteen_cases(void **state) {
    (void)state;
    struct case_viewer vs = case_viewer_of(&sec);
    int64_t m = held_meeting("2026-11-26");
    int64_t cases[RESOLUTION_CASES_MAX + 1], item = 0, first = 0;
    for (int i = 0; i <= RESOLUTION_CASES_MAX; i++) {
        char title[64];
        snprintf(title, sizeof title, "پرونده شماره %d", i);
        cases[i] = ready_case(unit_a, &prod, title);
        assert_int_equal(store_meeting_item_add_case(c, &sec, &vs, m, cases[i], &item), STORE_OK);
        if (!i) first = item;
    }
    struct resolution_input ri = {.item_id = first, .agency_id = bank};
    snprintf(ri.text, sizeof ri.text, "همه پرونده‌ها");
    snprintf(ri.deadline, sizeof ri.deadline, "2027-02-01");
    for (int i = 1; i <= RESOLUTION_CASES_MAX; i++) ri.case_ids[ri.ncases++] = cases[i];
    int64_t before[6], r;
    snapshot(before);
    assert_int_equal(store_resolution_issue(c, &sec, &vs, m, &ri, "2026-11-26", &r), STORE_ECONSTRAINT);
    assert_unchanged(before);
    ri.ncases--; /* sixteen in all */
    assert_int_equal(store_resolution_issue(c, &sec, &vs, m, &ri, "2026-11-26", &r), STORE_OK);
    buf text;
    buf_init(&text, 1 << 20);
    struct resolution_row row;
    assert_int_equal(store_resolution_get(c, &vs, r, &row, &text), STORE_OK);
    assert_int_equal(row.ncases, RESOLUTION_CASES_MAX);
    assert_int_equal(case_state_now(cases[RESOLUTION_CASES_MAX - 1]), CASE_DECIDED);
    assert_int_equal(case_state_now(cases[RESOLUTION_CASES_MAX]), CASE_ON_AGENDA);
    buf_free(&text);
}

/* A resolution on a free topic (no case): issued, notified to the agency and
 * objected to, with notifications that point at no case. */
static void topic_resolution(void **state) {
    (void)state;
    struct case_viewer vs = case_viewer_of(&sec);
    int64_t m = held_meeting("2026-11-26");
    int64_t item;
    assert_int_equal(store_meeting_item_add_topic(c, &sec, &vs, m, "شهر کفش اسلامشهر", &item), STORE_OK);
    struct resolution_input ri = {.item_id = item, .agency_id = bank};
    snprintf(ri.text, sizeof ri.text, "گزارش پیشرفت شهر کفش ارائه شود.");
    snprintf(ri.deadline, sizeof ri.deadline, "2027-01-20");
    int64_t r;
    int64_t before = count("SELECT count(*) FROM notifications WHERE case_id IS NULL");
    assert_int_equal(store_resolution_issue(c, &sec, &vs, m, &ri, "2026-11-26", &r), STORE_OK);
    int rule;
    assert_int_equal(act(&liaison, r, RES_ACT_OBJECT, "در حیطه بانک نیست", NULL, "2026-11-28", &rule),
                     STORE_OK);
    /* one to the bank's liaison, one to the secretariat */
    assert_int_equal(count("SELECT count(*) FROM notifications WHERE case_id IS NULL"), before + 2);
    buf text;
    buf_init(&text, 1 << 16);
    struct resolution_row row;
    assert_int_equal(store_resolution_get(c, &vs, r, &row, &text), STORE_OK);
    assert_int_equal(row.ncases, 0);
    assert_int_equal(row.state, RES_OBJECTION_PENDING);
    buf_free(&text);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(window_skips_fridays_and_holidays),
        cmocka_unit_test(rules),
        cmocka_unit_test(inputs),
        cmocka_unit_test(session_lifecycle),
        cmocka_unit_test(sweep_starts_execution),
        cmocka_unit_test(at_most_sixteen_cases),
        cmocka_unit_test(topic_resolution),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
