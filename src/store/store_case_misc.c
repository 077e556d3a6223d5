/* store_case_misc — around the cases (see store_cases.h): the holiday table and the
 * working-day calendar, due-date reminders, in-app notifications, saved filters. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/json_out.h"
#include "store/store_audit.h"
#include "store/store_case_sql.h"
#include "store/store_tx.h"

int store_holiday_each(store_conn *c, int (*fn)(void *arg, const struct holiday *h), void *arg) {
    store_stmt *st = store_prepare(c, "SELECT day, name, fixed, to_check FROM holidays ORDER BY day");
    if (!st) return STORE_ERROR;
    int rc;
    struct holiday h;
    while ((rc = store_step(st)) == STORE_ROW) {
        memset(&h, 0, sizeof h);
        store_col_copy(st, 0, h.day, sizeof h.day);
        store_col_copy(st, 1, h.name, sizeof h.name);
        h.fixed = store_col_int(st, 2) != 0;
        h.to_check = store_col_int(st, 3) != 0;
        if (fn(arg, &h)) break;
    }
    store_done(st);
    return store_all_status(rc);
}

static int holiday_audit(store_conn *c, const struct user *actor, const char *action,
                         const char *day, const char *name) {
    buf d;
    buf_init(&d, 1024);
    buf_puts(&d, "{\"day\":");
    json_out_string(&d, day);
    if (name) {
        buf_puts(&d, ",\"name\":");
        json_out_string(&d, name);
    }
    buf_putc(&d, '}');
    int rc = d.failed ? STORE_ERROR : store_audit_append(c, actor, action, "holiday", 0, d.data, NULL);
    buf_free(&d);
    return rc;
}

int store_holiday_set(store_conn *c, const struct user *actor, const struct holiday *h) {
    if (case_day_from_iso(h->day) < 0 || !h->name[0]) return STORE_ECONSTRAINT;
    int rc = store_begin(c);
    if (rc != STORE_OK) return rc;
    store_stmt *st = store_prepare(c, "INSERT INTO holidays(day, name, fixed, to_check) VALUES "
                                      "($1,$2,$3,$4) ON CONFLICT(day) DO UPDATE SET name = "
                                      "excluded.name, fixed = excluded.fixed, to_check = "
                                      "excluded.to_check");
    if (!st) return store_tx_end(c, STORE_ERROR);
    store_bind_text(st, 1, h->day);
    store_bind_text(st, 2, h->name);
    store_bind_int(st, 3, h->fixed);
    store_bind_int(st, 4, h->to_check);
    rc = store_step(st);
    store_done(st);
    if (rc != STORE_DONE) return store_tx_end(c, rc);
    return store_tx_end(c, holiday_audit(c, actor, "holiday.set", h->day, h->name));
}

int store_holiday_delete(store_conn *c, const struct user *actor, const char *day) {
    int rc = store_begin(c);
    if (rc != STORE_OK) return rc;
    store_stmt *st = store_prepare(c, "DELETE FROM holidays WHERE day = $1");
    if (!st) return store_tx_end(c, STORE_ERROR);
    store_bind_text(st, 1, day);
    rc = store_step(st);
    store_done(st);
    if (rc != STORE_DONE) return store_tx_end(c, rc);
    if (store_changes(c) == 0) return store_tx_end(c, STORE_ENOTFOUND);
    return store_tx_end(c, holiday_audit(c, actor, "holiday.delete", day, NULL));
}

struct cal_acc {
    int32_t *days;
    int n, cap;
    bool failed;
};

static int cal_add(void *arg, const struct holiday *h) {
    struct cal_acc *acc = arg;
    if (acc->n == acc->cap) {
        int cap = acc->cap ? acc->cap * 2 : 128;
        int32_t *p = realloc(acc->days, (size_t)cap * sizeof *p);
        if (!p) {
            acc->failed = true;
            return 1;
        }
        acc->days = p;
        acc->cap = cap;
    }
    int32_t d = case_day_from_iso(h->day);
    if (d >= 0) acc->days[acc->n++] = d;
    return 0;
}

int store_holiday_calendar(store_conn *c, int32_t **days, int *n) {
    struct cal_acc acc = {0};
    int rc = store_holiday_each(c, cal_add, &acc);
    if (rc == STORE_OK && acc.failed) rc = STORE_ERROR;
    if (rc != STORE_OK) {
        free(acc.days);
        return rc;
    }
    *days = acc.days; /* ISO text order is day order */
    *n = acc.n;
    return STORE_OK;
}

struct remind_item {
    int64_t id, agency_id, unit_id;
    char title[512];
    int kind; /* 1 due soon, 2 overdue */
};

static int remind_one(store_conn *c, const struct remind_item *it, const char *now) {
    int rc = store_begin(c);
    if (rc != STORE_OK) return rc;
    store_stmt *st = store_prepare(c, "UPDATE cases SET reminded = $1 WHERE id = $2 AND "
                                      "state = 'referred' AND reminded < $1");
    if (!st) return store_tx_end(c, STORE_ERROR);
    store_bind_int(st, 1, it->kind);
    store_bind_int(st, 2, it->id);
    rc = store_step(st);
    store_done(st);
    if (rc != STORE_DONE) return store_tx_end(c, rc);
    if (store_changes(c) == 0) return store_tx_end(c, STORE_ENOTFOUND); /* someone acted */
    const char *kind = it->kind == 2 ? "overdue" : "due_soon";
    int64_t ev = 0;
    rc = case_event_add(c, NULL, it->id, now, kind, NULL, NULL, it->agency_id, NULL, NULL, false, &ev);
    if (rc == STORE_OK)
        rc = case_audit(c, NULL, it->kind == 2 ? "case.overdue" : "case.due_soon", it->id, ev,
                        NULL, NULL, 0);
    if (rc == STORE_OK) rc = case_notify_agency(c, it->agency_id, it->id, kind, it->title, now);
    if (rc == STORE_OK) rc = case_notify_secretariat(c, it->id, kind, it->title, now);
    return store_tx_end(c, rc);
}

int store_case_remind(store_conn *c, const char *today, const char *cutoff, int *soon,
                      int *overdue) {
    *soon = *overdue = 0;
    store_stmt *st = store_prepare(c, "SELECT id, agency_id, unit_id, title, due_on, reminded "
                                      "FROM cases WHERE state = 'referred' AND due_on <= $1 "
                                      "AND reminded < 2 ORDER BY due_on, id");
    if (!st) return STORE_ERROR;
    store_bind_text(st, 1, cutoff);
    struct remind_item *items = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = store_step(st)) == STORE_ROW) {
        int kind = strcmp(store_col_text(st, 4), today) < 0 ? 2 : 1;
        if (store_col_int(st, 5) >= kind) continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            struct remind_item *p = realloc(items, cap * sizeof *p);
            if (!p) {
                rc = STORE_ERROR;
                break;
            }
            items = p;
        }
        struct remind_item *it = &items[n++];
        it->id = store_col_int(st, 0);
        it->agency_id = store_col_int(st, 1);
        it->unit_id = store_col_int(st, 2);
        store_col_copy(st, 3, it->title, sizeof it->title);
        it->kind = kind;
    }
    store_done(st);
    if (rc != STORE_DONE) {
        free(items);
        return rc == STORE_ROW ? STORE_ERROR : rc;
    }
    char now[21];
    clock_iso_utc(clock_now(), now);
    rc = STORE_OK;
    for (size_t i = 0; i < n && rc == STORE_OK; i++) {
        int r = remind_one(c, &items[i], now);
        if (r == STORE_OK) {
            if (items[i].kind == 2) (*overdue)++;
            else (*soon)++;
        } else if (r != STORE_ENOTFOUND) {
            rc = r;
        }
    }
    free(items);
    return rc;
}

int store_notification_count(store_conn *c, int64_t user_id, int64_t *unread) {
    store_stmt *st = store_prepare(c, "SELECT count(*) FROM notifications WHERE user_id = $1 AND "
                                      "read_at IS NULL");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, user_id);
    int rc = store_step(st);
    if (rc == STORE_ROW) *unread = store_col_int(st, 0);
    store_done(st);
    return rc == STORE_ROW ? STORE_OK : rc;
}

int store_notification_list(store_conn *c, int64_t user_id, int limit,
                            int (*fn)(void *arg, const struct notification *n), void *arg) {
    store_stmt *st = store_prepare(c, "SELECT id, coalesce(case_id,0), kind, body, created_at, "
                                      "read_at IS NOT NULL FROM notifications WHERE user_id = $1 "
                                      "ORDER BY id DESC LIMIT $2");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, user_id);
    store_bind_int(st, 2, limit);
    int rc;
    struct notification n;
    while ((rc = store_step(st)) == STORE_ROW) {
        memset(&n, 0, sizeof n);
        n.id = store_col_int(st, 0);
        n.case_id = store_col_int(st, 1);
        store_col_copy(st, 2, n.kind, sizeof n.kind);
        store_col_copy(st, 3, n.body, sizeof n.body);
        store_col_copy(st, 4, n.created_at, sizeof n.created_at);
        n.read = store_col_int(st, 5) != 0;
        if (fn(arg, &n)) break;
    }
    store_done(st);
    return store_all_status(rc);
}

int store_notification_read_all(store_conn *c, int64_t user_id) {
    char now[21];
    clock_iso_utc(clock_now(), now);
    store_stmt *st = store_prepare(c, "UPDATE notifications SET read_at = $1 WHERE user_id = $2 "
                                      "AND read_at IS NULL");
    if (!st) return STORE_ERROR;
    store_bind_text(st, 1, now);
    store_bind_int(st, 2, user_id);
    int rc = store_step(st);
    store_done(st);
    return rc == STORE_DONE ? STORE_OK : rc;
}

static int filter_audit(store_conn *c, int64_t user_id, const char *action, int64_t id) {
    struct user u;
    memset(&u, 0, sizeof u);
    int rc = store_user_by_id(c, user_id, &u);
    if (rc != STORE_OK) return rc;
    return store_audit_append(c, &u, action, "saved_filter", id, "{}", NULL);
}

int store_saved_filter_add(store_conn *c, int64_t user_id, const char *name, const char *query) {
    char now[21];
    clock_iso_utc(clock_now(), now);
    int rc = store_begin(c);
    if (rc != STORE_OK) return rc;
    store_stmt *st = store_prepare(c, "INSERT INTO saved_filters(user_id, name, query, created_at) "
                                      "VALUES ($1,$2,$3,$4) ON CONFLICT(user_id, name) DO UPDATE "
                                      "SET query = excluded.query RETURNING id");
    if (!st) return store_tx_end(c, STORE_ERROR);
    store_bind_int(st, 1, user_id);
    store_bind_text(st, 2, name);
    store_bind_text(st, 3, query);
    store_bind_text(st, 4, now);
    rc = store_step(st);
    int64_t id = rc == STORE_ROW ? store_col_int(st, 0) : 0;
    store_done(st);
    if (rc != STORE_ROW) return store_tx_end(c, rc);
    return store_tx_end(c, filter_audit(c, user_id, "saved_filter.save", id));
}

int store_saved_filter_delete(store_conn *c, int64_t user_id, int64_t id) {
    int rc = store_begin(c);
    if (rc != STORE_OK) return rc;
    store_stmt *st = store_prepare(c, "DELETE FROM saved_filters WHERE id = $1 AND user_id = $2");
    if (!st) return store_tx_end(c, STORE_ERROR);
    store_bind_int(st, 1, id);
    store_bind_int(st, 2, user_id);
    rc = store_step(st);
    store_done(st);
    if (rc != STORE_DONE) return store_tx_end(c, rc);
    if (store_changes(c) == 0) return store_tx_end(c, STORE_ENOTFOUND);
    return store_tx_end(c, filter_audit(c, user_id, "saved_filter.delete", id));
}

int store_saved_filter_each(store_conn *c, int64_t user_id,
                            int (*fn)(void *arg, int64_t id, const char *name, const char *query),
                            void *arg) {
    store_stmt *st = store_prepare(c, "SELECT id, name, query FROM saved_filters WHERE user_id = $1 "
                                      "ORDER BY name");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, user_id);
    int rc;
    while ((rc = store_step(st)) == STORE_ROW)
        if (fn(arg, store_col_int(st, 0), store_col_text(st, 1), store_col_text(st, 2))) break;
    store_done(st);
    return store_all_status(rc);
}
