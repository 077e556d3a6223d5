/* store_meetings — sessions, attendance and agenda (see store_meetings.h);
 * resolutions are in store_resolutions.c, reports in store_meeting_reports.c. */
#include "store/store_meetings.h"

#include <stdio.h>
#include <string.h>

#include "auth/roles.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/json_out.h"
#include "store/store_audit.h"
#include "store/store_case_sql.h"
#include "store/store_meeting_sql.h"
#include "store/store_tx.h"
#include "text/fa_date.h"

static const struct { const char *code, *label; } statuses[] = {
    [MEETING_PLANNED] = {"planned", "برنامه‌ریزی شده"},
    [MEETING_HELD] = {"held", "برگزار شده"},
    [MEETING_CANCELLED] = {"cancelled", "لغو شده"},
};

const char *meeting_status_code(enum meeting_status s) {
    return (unsigned)s <= MEETING_CANCELLED ? statuses[s].code : "";
}
const char *meeting_status_label(enum meeting_status s) {
    return (unsigned)s <= MEETING_CANCELLED ? statuses[s].label : "";
}
int meeting_status_parse(const char *code) {
    for (int i = 0; code && i <= MEETING_CANCELLED; i++)
        if (!strcmp(code, statuses[i].code)) return i;
    return -1;
}

bool meeting_viewer_sees_sessions(const struct case_viewer *v) {
    return v->role & (ROLE_ADMIN | ROLE_SECRETARIAT | ROLE_MEMBER);
}
bool meeting_viewer_is_staff(const struct case_viewer *v) {
    return v->role & (ROLE_ADMIN | ROLE_SECRETARIAT);
}

int meeting_audit(store_conn *c, const struct user *actor, const char *action,
                  const char *entity, int64_t id, int64_t meeting_id, const char *note) {
    buf d;
    buf_init(&d, 4096);
    buf_printf(&d, "{\"meeting_id\":%lld", (long long)meeting_id);
    if (note && *note) {
        buf_puts(&d, ",\"note\":");
        json_out_string(&d, note);
    }
    buf_putc(&d, '}');
    int rc = d.failed ? STORE_ERROR : store_audit_append(c, actor, action, entity, id, d.data, NULL);
    buf_free(&d);
    return rc;
}

int meeting_touch(store_conn *c, int64_t id) {
    char now[21];
    clock_iso_utc(clock_now(), now);
    return store_run(c, NULL, "UPDATE meetings SET version = version + 1, updated_at = $1 WHERE id = $2",
                     "ti", now, id);
}

int store_meeting_bodies(store_conn *c, int (*fn)(void *arg, const struct meeting_body *b),
                         void *arg) {
    store_stmt *st = store_prepare(c, "SELECT id, code, name, main FROM meeting_bodies ORDER BY id");
    if (!st) return STORE_ERROR;
    int rc;
    while ((rc = store_step(st)) == STORE_ROW) {
        struct meeting_body b = {.id = store_col_int(st, 0), .main = store_col_int(st, 3) != 0};
        store_col_copy(st, 1, b.code, sizeof b.code);
        store_col_copy(st, 2, b.name, sizeof b.name);
        if (fn(arg, &b)) break;
    }
    store_done(st);
    return store_all_status(rc);
}

#define MEETING_COLS                                                                         \
    "SELECT m.id, m.body_id, b.name, m.year, m.seq, m.held_on, m.starts_at, m.place, "      \
    "m.chair, m.secretary, m.status, (SELECT count(*) FROM meeting_attendees a WHERE "       \
    "a.meeting_id = m.id), (SELECT count(*) FROM meeting_items i WHERE i.meeting_id = m.id), " \
    "(SELECT count(*) FROM resolutions r WHERE r.meeting_id = m.id), m.created_at, "         \
    "m.updated_at, m.version FROM meetings m JOIN meeting_bodies b ON b.id = m.body_id "

static void read_meeting(store_stmt *st, struct meeting *m) {
    memset(m, 0, sizeof *m);
    m->id = store_col_int(st, 0);
    m->body_id = store_col_int(st, 1);
    store_col_copy(st, 2, m->body, sizeof m->body);
    m->year = (int)store_col_int(st, 3);
    m->seq = (int)store_col_int(st, 4);
    store_col_copy(st, 5, m->held_on, sizeof m->held_on);
    store_col_copy(st, 6, m->starts_at, sizeof m->starts_at);
    store_col_copy(st, 7, m->place, sizeof m->place);
    store_col_copy(st, 8, m->chair, sizeof m->chair);
    store_col_copy(st, 9, m->secretary, sizeof m->secretary);
    int s = meeting_status_parse(store_col_text(st, 10));
    m->status = s < 0 ? MEETING_PLANNED : (enum meeting_status)s;
    m->nattendees = (int)store_col_int(st, 11);
    m->nitems = (int)store_col_int(st, 12);
    m->nresolutions = (int)store_col_int(st, 13);
    store_col_copy(st, 14, m->created_at, sizeof m->created_at);
    store_col_copy(st, 15, m->updated_at, sizeof m->updated_at);
    m->version = store_col_int(st, 16);
}

int store_meeting_get(store_conn *c, const struct case_viewer *v, int64_t id, struct meeting *m) {
    if (!meeting_viewer_sees_sessions(v)) return STORE_ENOTFOUND;
    store_stmt *st = store_prepare(c, MEETING_COLS "WHERE m.id = $1");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, id);
    int rc = store_step(st);
    if (rc == STORE_ROW) read_meeting(st, m);
    store_done(st);
    return store_one_status(rc);
}

static int jalali_year_of(const char *iso) {
    int gy, gm, gd, jy, jm, jd;
    if (fa_gregorian_parse(iso, strlen(iso), &gy, &gm, &gd, NULL) != 0) return 0;
    if (fa_gregorian_to_jalali(gy, gm, gd, &jy, &jm, &jd) != 0) return 0;
    return jy;
}

int store_meeting_create(store_conn *c, const struct user *actor, const struct case_viewer *v,
                         const struct meeting_input *in, int64_t *id) {
    if (!meeting_viewer_is_staff(v)) return STORE_EROLE;
    int year = jalali_year_of(in->held_on);
    if (!year) return STORE_ECONSTRAINT;
    char now[21];
    clock_iso_utc(clock_now(), now);
    int rc = store_begin(c);
    if (rc != STORE_OK) return rc;
    int64_t exists = 0, seq = 0;
    rc = store_int(c, &exists, "SELECT count(*) FROM meeting_bodies WHERE id = $1", "i", in->body_id);
    if (rc == STORE_OK && !exists) rc = STORE_EREF;
    if (rc == STORE_OK)
        rc = store_int(c, &seq, "SELECT coalesce(max(seq),0) + 1 FROM meetings WHERE body_id = $1 "
                                "AND year = $2", "ii", in->body_id, (int64_t)year);
    if (rc == STORE_OK)
        rc = store_int(c, id,
                       "INSERT INTO meetings(body_id, year, seq, held_on, starts_at, place, chair, "
                       "secretary, created_by, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,"
                       "$7,$8,$9,$10,$10) RETURNING id",
                       "iiitttttit", in->body_id, (int64_t)year, seq, in->held_on, in->starts_at,
                       in->place, in->chair, in->secretary, actor ? actor->id : (int64_t)0, now);
    if (rc == STORE_OK) rc = meeting_audit(c, actor, "meeting.create", "meeting", *id, *id, NULL);
    return store_tx_end(c, rc);
}

/* Begins a transaction on a session the viewer may change, at `version` (-1: any). */
static int begin_on_meeting(store_conn *c, const struct case_viewer *v, int64_t id,
                            int64_t version, struct meeting *m) {
    if (!meeting_viewer_is_staff(v)) return meeting_viewer_sees_sessions(v) ? STORE_EROLE : STORE_ENOTFOUND;
    int rc = store_begin(c);
    if (rc != STORE_OK) return rc;
    rc = store_meeting_get(c, v, id, m);
    if (rc == STORE_OK && version >= 0 && m->version != version) rc = STORE_ECONFLICT;
    if (rc != STORE_OK) store_rollback(c);
    return rc;
}

int store_meeting_update(store_conn *c, const struct user *actor, const struct case_viewer *v,
                         int64_t id, int64_t version, const struct meeting_input *in) {
    struct meeting m;
    int rc = begin_on_meeting(c, v, id, version, &m);
    if (rc != STORE_OK) return rc;
    int year = jalali_year_of(in->held_on);
    if (!year) rc = STORE_ECONSTRAINT;
    if (rc == STORE_OK && m.status == MEETING_HELD && strcmp(in->held_on, m.held_on) != 0) {
        char today[11];
        case_today(today);
        if (strcmp(in->held_on, today) > 0) rc = STORE_EFUTURE;
    }
    /* A new body or year gives the session the next number there. */
    int64_t seq = m.seq;
    if (rc == STORE_OK && (in->body_id != m.body_id || year != m.year))
        rc = store_int(c, &seq, "SELECT coalesce(max(seq),0) + 1 FROM meetings WHERE body_id = $1 "
                                "AND year = $2", "ii", in->body_id, (int64_t)year);
    /* Its resolutions are numbered year/session/n: a session with resolutions keeps
     * its body and Jalali year, so its number. */
    if (rc == STORE_OK && (in->body_id != m.body_id || year != m.year) && m.nresolutions > 0)
        rc = STORE_ESTATE;
    char now[21];
    clock_iso_utc(clock_now(), now);
    int changed = 0;
    if (rc == STORE_OK)
        rc = store_run(c, &changed,
                       "UPDATE meetings SET body_id=$1, year=$2, seq=$3, held_on=$4, starts_at=$5, "
                       "place=$6, chair=$7, secretary=$8, updated_at=$9, version=version+1 WHERE "
                       "id=$10 AND version=$11",
                       "iiittttttii", in->body_id, (int64_t)year,
                       seq, in->held_on, in->starts_at, in->place, in->chair, in->secretary, now,
                       id, m.version);
    if (rc == STORE_OK && !changed) rc = STORE_ECONFLICT;
    if (rc == STORE_OK) rc = meeting_audit(c, actor, "meeting.update", "meeting", id, id, NULL);
    return store_tx_end(c, rc);
}

int store_meeting_set_status(store_conn *c, const struct user *actor, const struct case_viewer *v,
                             int64_t id, int64_t version, enum meeting_status status,
                             const char *today) {
    struct meeting m;
    int rc = begin_on_meeting(c, v, id, version, &m);
    if (rc != STORE_OK) return rc;
    if (status == MEETING_HELD && strcmp(m.held_on, today) > 0) rc = STORE_EFUTURE;
    if (status != MEETING_HELD && m.nresolutions > 0) rc = STORE_ESTATE;
    int changed = 0;
    char now[21];
    clock_iso_utc(clock_now(), now);
    if (rc == STORE_OK)
        rc = store_run(c, &changed, "UPDATE meetings SET status=$1, updated_at=$2, version=version+1 "
                                    "WHERE id=$3 AND version=$4",
                       "ttii", meeting_status_code(status), now, id, m.version);
    if (rc == STORE_OK && !changed) rc = STORE_ECONFLICT;
    if (rc == STORE_OK) {
        char action[40];
        snprintf(action, sizeof action, "meeting.%s", meeting_status_code(status));
        rc = meeting_audit(c, actor, action, "meeting", id, id, NULL);
    }
    return store_tx_end(c, rc);
}

int store_meeting_list(store_conn *c, const struct case_viewer *v, const struct meeting_filter *f,
                       int (*fn)(void *arg, const struct meeting *m), void *arg, int64_t *total) {
    if (total) *total = 0;
    if (!meeting_viewer_sees_sessions(v)) return STORE_OK;
    /* One statement for every filter: unset ones compare against themselves. */
    static const char *where =
        "WHERE ($1 = 0 OR m.body_id = $1) AND ($2 < 0 OR m.status = (CASE $2 WHEN 0 THEN "
        "'planned' WHEN 1 THEN 'held' ELSE 'cancelled' END)) AND ($3 = '' OR m.held_on >= $3) "
        "AND ($4 = '' OR m.held_on <= $4) ";
    char sql[1024];
    int rc = STORE_OK;
    if (f->count && total) {
        snprintf(sql, sizeof sql, "SELECT count(*) FROM meetings m %s", where);
        rc = store_int(c, total, sql, "iitt", f->body_id, (int64_t)f->status, f->from, f->to);
        if (rc != STORE_OK) return rc;
    }
    snprintf(sql, sizeof sql, "%s%sORDER BY m.held_on DESC, m.id DESC LIMIT $5 OFFSET $6",
             MEETING_COLS, where);
    store_stmt *st = store_prepare(c, sql);
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, f->body_id);
    store_bind_int(st, 2, f->status);
    store_bind_text(st, 3, f->from);
    store_bind_text(st, 4, f->to);
    store_bind_int(st, 5, f->limit > 0 ? f->limit : 50);
    store_bind_int(st, 6, f->offset);
    struct meeting m;
    while ((rc = store_step(st)) == STORE_ROW) {
        read_meeting(st, &m);
        if (fn(arg, &m)) break;
    }
    store_done(st);
    return store_all_status(rc);
}

/* Attendance. */

int store_meeting_attendee_add(store_conn *c, const struct user *actor, const struct case_viewer *v,
                               int64_t meeting_id, const struct attendee_input *in, int64_t *id) {
    struct meeting m;
    int rc = begin_on_meeting(c, v, meeting_id, -1, &m);
    if (rc != STORE_OK) return rc;
    if (m.status == MEETING_CANCELLED) rc = STORE_ESTATE;
    int64_t n = 1;
    if (rc == STORE_OK && in->agency_id)
        rc = store_int(c, &n, "SELECT count(*) FROM agencies WHERE id = $1", "i", in->agency_id);
    if (rc == STORE_OK && !n) rc = STORE_EREF;
    if (rc == STORE_OK)
        rc = store_int(c, id,
                       "INSERT INTO meeting_attendees(meeting_id, name, position, agency_id, "
                       "full_authority) VALUES ($1, $2, $3, nullif($4, 0), $5) RETURNING id",
                       "ittii", meeting_id, in->name, in->position, in->agency_id,
                       (int64_t)in->full_authority);
    if (rc == STORE_OK) rc = meeting_touch(c, meeting_id);
    if (rc == STORE_OK)
        rc = meeting_audit(c, actor, "meeting.attendee_add", "meeting", meeting_id, meeting_id, in->name);
    return store_tx_end(c, rc);
}

int store_meeting_attendee_remove(store_conn *c, const struct user *actor,
                                  const struct case_viewer *v, int64_t meeting_id, int64_t id) {
    struct meeting m;
    int rc = begin_on_meeting(c, v, meeting_id, -1, &m);
    if (rc != STORE_OK) return rc;
    int changed = 0;
    rc = store_run(c, &changed, "DELETE FROM meeting_attendees WHERE id = $1 AND meeting_id = $2",
                   "ii", id, meeting_id);
    if (rc == STORE_OK && !changed) rc = STORE_ENOTFOUND;
    if (rc == STORE_OK) rc = meeting_touch(c, meeting_id);
    if (rc == STORE_OK)
        rc = meeting_audit(c, actor, "meeting.attendee_remove", "meeting", meeting_id, meeting_id, NULL);
    return store_tx_end(c, rc);
}

int store_meeting_attendees(store_conn *c, const struct case_viewer *v, int64_t meeting_id,
                            int (*fn)(void *arg, const struct meeting_attendee *a), void *arg) {
    if (!meeting_viewer_sees_sessions(v)) return STORE_ENOTFOUND;
    store_stmt *st = store_prepare(
        c, "SELECT t.id, t.meeting_id, t.name, t.position, coalesce(t.agency_id,0), "
           "coalesce(a.name,''), t.full_authority FROM meeting_attendees t LEFT JOIN agencies a "
           "ON a.id = t.agency_id WHERE t.meeting_id = $1 ORDER BY t.id");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, meeting_id);
    int rc;
    while ((rc = store_step(st)) == STORE_ROW) {
        struct meeting_attendee a = {.id = store_col_int(st, 0), .meeting_id = store_col_int(st, 1),
                                     .agency_id = store_col_int(st, 4),
                                     .full_authority = store_col_int(st, 6) != 0};
        store_col_copy(st, 2, a.name, sizeof a.name);
        store_col_copy(st, 3, a.position, sizeof a.position);
        store_col_copy(st, 5, a.agency, sizeof a.agency);
        if (fn(arg, &a)) break;
    }
    store_done(st);
    return store_all_status(rc);
}
