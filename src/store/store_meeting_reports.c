/* store_meeting_reports — how resolutions fare (see store_meetings.h): issued,
 * carried out, partly, not carried out, open, overdue, voided, and whose fault, by
 * agency, category (top level), session and Jalali month; and the public totals.
 * One aggregate SELECT per grouping; months are folded from days in C because the
 * Jalali month is not an SQL function. Portable SQL (no sum over booleans). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_meetings.h"
#include "text/fa_date.h"

#define OPEN "r.state IN ('issued','objection_pending','in_execution')"
#define COUNTS                                                                                \
    "count(*), sum(CASE WHEN r.state = 'carried_out' THEN 1 ELSE 0 END), "                   \
    "sum(CASE WHEN r.state = 'partly' THEN 1 ELSE 0 END), "                                   \
    "sum(CASE WHEN r.state = 'not_carried_out' THEN 1 ELSE 0 END), "                          \
    "sum(CASE WHEN " OPEN " THEN 1 ELSE 0 END), "                                             \
    "sum(CASE WHEN " OPEN " AND r.deadline < $1 THEN 1 ELSE 0 END), "                         \
    "sum(CASE WHEN r.state = 'objected' THEN 1 ELSE 0 END), "                                 \
    "sum(CASE WHEN r.fault = 'applicant' THEN 1 ELSE 0 END), "                                \
    "sum(CASE WHEN r.fault = 'agency' THEN 1 ELSE 0 END)"

static void read_counts(store_stmt *st, int col, struct resolution_tally *t) {
    int *f[9] = {&t->issued, &t->carried_out, &t->partly, &t->not_carried_out, &t->open,
                 &t->overdue, &t->objected, &t->fault_applicant, &t->fault_agency};
    for (int i = 0; i < 9; i++) *f[i] = (int)store_col_int(st, col + i);
}

static const char *const group_sql[] = {
    [RES_BY_AGENCY] = "SELECT r.agency_id, a.name, '', 0, " COUNTS " FROM resolutions r JOIN "
                      "agencies a ON a.id = r.agency_id GROUP BY r.agency_id, a.name "
                      "ORDER BY count(*) DESC, a.name",
    /* A resolution counts once per top-level category among its cases. */
    [RES_BY_CATEGORY] = "SELECT k.cat, k.name, '', 0, " COUNTS " FROM resolutions r JOIN (SELECT "
                        "DISTINCT rc.resolution_id AS rid, coalesce(p.id, cat.id) AS cat, "
                        "coalesce(p.name, cat.name) AS name FROM resolution_cases rc JOIN cases cs "
                        "ON cs.id = rc.case_id JOIN categories cat ON cat.id = cs.category_id "
                        "LEFT JOIN categories p ON p.id = cat.parent_id) k ON k.rid = r.id "
                        "GROUP BY k.cat, k.name ORDER BY count(*) DESC, k.name",
    [RES_BY_MEETING] = "SELECT m.id, b.name, m.held_on, m.year * 1000 + m.seq, " COUNTS
                       " FROM resolutions r JOIN meetings m ON m.id = r.meeting_id JOIN "
                       "meeting_bodies b ON b.id = m.body_id GROUP BY m.id, b.name, m.held_on, "
                       "m.year, m.seq ORDER BY m.held_on DESC, m.id DESC",
    [RES_BY_MONTH] = "SELECT 0, '', r.notice_on, 0, " COUNTS " FROM resolutions r "
                     "GROUP BY r.notice_on ORDER BY r.notice_on",
};

static void add_counts(struct resolution_tally *to, const struct resolution_tally *t) {
    to->issued += t->issued;
    to->carried_out += t->carried_out;
    to->partly += t->partly;
    to->not_carried_out += t->not_carried_out;
    to->open += t->open;
    to->overdue += t->overdue;
    to->objected += t->objected;
    to->fault_applicant += t->fault_applicant;
    to->fault_agency += t->fault_agency;
}

int store_resolution_report(store_conn *c, enum resolution_group group, const char *today,
                            int (*fn)(void *arg, const struct resolution_tally *t), void *arg) {
    if ((unsigned)group > RES_BY_MONTH) return STORE_ERROR;
    store_stmt *st = store_prepare(c, group_sql[group]);
    if (!st) return STORE_ERROR;
    store_bind_text(st, 1, today);
    int rc;
    struct resolution_tally month = {0};
    bool stop = false;
    while (!stop && (rc = store_step(st)) == STORE_ROW) {
        struct resolution_tally t = {.key = store_col_int(st, 0)};
        store_col_copy(st, 1, t.label, sizeof t.label);
        read_counts(st, 4, &t);
        if (group == RES_BY_MEETING) {
            int64_t ys = store_col_int(st, 3);
            char num[48];
            snprintf(num, sizeof num, " — جلسه %lld/%lld", (long long)(ys % 1000),
                     (long long)(ys / 1000));
            size_t used = strlen(t.label);
            if (used + strlen(num) < sizeof t.label) memcpy(t.label + used, num, strlen(num) + 1);
        }
        if (group != RES_BY_MONTH) {
            stop = fn(arg, &t) != 0;
            continue;
        }
        const char *day = store_col_text(st, 2);
        int gy, gm, gd, jy = 0, jm = 0, jd;
        if (fa_gregorian_parse(day, strlen(day), &gy, &gm, &gd, NULL) != 0 ||
            fa_gregorian_to_jalali(gy, gm, gd, &jy, &jm, &jd) != 0)
            continue;
        int64_t key = (int64_t)jy * 100 + jm;
        if (month.key && month.key != key) {
            stop = fn(arg, &month) != 0;
            memset(&month, 0, sizeof month);
        }
        if (!month.key) {
            month.key = key;
            snprintf(month.label, sizeof month.label, "%s %d", fa_jalali_month_name(jm), jy);
        }
        add_counts(&month, &t);
    }
    store_done(st);
    if (!stop && month.key) fn(arg, &month);
    return store_all_status(rc);
}

int store_resolution_totals(store_conn *c, const char *today, struct resolution_tally *t) {
    memset(t, 0, sizeof *t);
    store_stmt *st = store_prepare(c, "SELECT 0, '', '', 0, " COUNTS " FROM resolutions r");
    if (!st) return STORE_ERROR;
    store_bind_text(st, 1, today);
    int rc = store_step(st);
    if (rc == STORE_ROW) read_counts(st, 4, t);
    store_done(st);
    return store_all_status(rc);
}
