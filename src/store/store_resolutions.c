/* store_resolutions — resolutions (مصوبه) in the database (see store_meetings.h):
 * issuing at a held session, the objection and the ruling, the outcome, the sweep
 * that starts execution when a window closes, and how each step moves the cases the
 * resolution decides. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/roles.h"
#include "core/buf.h"
#include "core/clock.h"
#include "store/store_audit.h"
#include "store/store_case_sql.h"
#include "store/store_meeting_sql.h"
#include "store/store_meetings.h"
#include "store/store_tx.h"

/* Who sees which resolutions; $1 = the liaison's agency, $2 = the producer. */
static const char *viewer_clause(const struct case_viewer *v) {
    if (case_viewer_sees_all(v)) return "";
    if (v->role == ROLE_AGENCY && v->agency_id > 0) return " AND r.agency_id = $1";
    if (v->role == ROLE_PRODUCER && v->user_id > 0)
        return " AND r.id IN (SELECT rc.resolution_id FROM resolution_cases rc JOIN cases cs ON "
               "cs.id = rc.case_id JOIN unit_members um ON um.unit_id = cs.unit_id WHERE "
               "um.user_id = $2)";
    return " AND 0";
}

#define RES_COLS                                                                              \
    "SELECT r.id, r.meeting_id, r.item_id, r.number, b.name, m.year, m.seq, m.held_on, r.text, " \
    "r.agency_id, a.name, r.deadline, r.notice_on, r.window_ends_on, r.state, r.objection, "      \
    "coalesce(r.objected_on,''), coalesce(r.ruling,''), r.ruling_note, coalesce(r.fault,''), "    \
    "r.evidence, coalesce(r.outcome_on,''), r.created_at, r.updated_at, r.version "               \
    "FROM resolutions r JOIN meetings m ON m.id = r.meeting_id JOIN meeting_bodies b ON "        \
    "b.id = m.body_id JOIN agencies a ON a.id = r.agency_id WHERE 1 = 1"

/* Reads a row; the long texts point into the statement (valid until the next step). */
static void read_row(store_stmt *st, struct resolution_row *r, const char *today) {
    memset(r, 0, sizeof *r);
    r->id = store_col_int(st, 0);
    r->meeting_id = store_col_int(st, 1);
    r->item_id = store_col_int(st, 2);
    store_col_copy(st, 3, r->number, sizeof r->number);
    store_col_copy(st, 4, r->meeting_body, sizeof r->meeting_body);
    r->meeting_year = (int)store_col_int(st, 5);
    r->meeting_seq = (int)store_col_int(st, 6);
    store_col_copy(st, 7, r->meeting_on, sizeof r->meeting_on);
    r->text = store_col_text(st, 8);
    r->agency_id = store_col_int(st, 9);
    store_col_copy(st, 10, r->agency, sizeof r->agency);
    store_col_copy(st, 11, r->deadline, sizeof r->deadline);
    store_col_copy(st, 12, r->notice_on, sizeof r->notice_on);
    store_col_copy(st, 13, r->window_ends_on, sizeof r->window_ends_on);
    int s = resolution_state_parse(store_col_text(st, 14));
    r->state = r->stored_state = s < 0 ? RES_ISSUED : (enum resolution_state)s;
    r->objection = store_col_text(st, 15);
    store_col_copy(st, 16, r->objected_on, sizeof r->objected_on);
    store_col_copy(st, 17, r->ruling, sizeof r->ruling);
    r->ruling_note = store_col_text(st, 18);
    int f = resolution_fault_parse(store_col_text(st, 19));
    r->fault = f < 0 ? RES_FAULT_NONE : (enum resolution_fault)f;
    r->evidence = store_col_text(st, 20);
    store_col_copy(st, 21, r->outcome_on, sizeof r->outcome_on);
    store_col_copy(st, 22, r->created_at, sizeof r->created_at);
    store_col_copy(st, 23, r->updated_at, sizeof r->updated_at);
    r->version = store_col_int(st, 24);
    /* An issued resolution whose window has closed is in execution, swept or not. */
    r->window_open = r->state == RES_ISSUED && strcmp(today, r->window_ends_on) <= 0;
    if (r->state == RES_ISSUED && !r->window_open) r->state = RES_IN_EXECUTION;
    r->overdue = resolution_overdue(r->state, case_day_from_iso(r->deadline), case_day_from_iso(today));
}

static int load_cases(store_conn *c, struct resolution_row *r) {
    store_stmt *st = store_prepare(c, "SELECT case_id FROM resolution_cases WHERE resolution_id = $1 "
                                      "ORDER BY case_id");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, r->id);
    int rc;
    r->ncases = 0;
    while ((rc = store_step(st)) == STORE_ROW && r->ncases < RESOLUTION_CASES_MAX)
        r->case_ids[r->ncases++] = store_col_int(st, 0);
    store_done(st);
    return store_all_status(rc);
}

/* Copies the row's long texts into `text` and points the row at them. */
static void keep_texts(struct resolution_row *r, buf *text) {
    const char *src[4] = {r->text, r->objection, r->ruling_note, r->evidence};
    size_t off[4];
    buf_clear(text);
    for (int i = 0; i < 4; i++) {
        off[i] = text->len;
        buf_append(text, src[i], strlen(src[i]) + 1);
    }
    static const char empty[] = "";
    const char **dst[4] = {&r->text, &r->objection, &r->ruling_note, &r->evidence};
    for (int i = 0; i < 4; i++) *dst[i] = text->failed ? empty : text->data + off[i];
}

int store_resolution_get(store_conn *c, const struct case_viewer *v, int64_t id,
                         struct resolution_row *r, buf *text) {
    char today[11], sql[2048];
    case_today(today);
    snprintf(sql, sizeof sql, "%s AND r.id = $3%s", RES_COLS, viewer_clause(v));
    store_stmt *st = store_prepare(c, sql);
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, v->agency_id);
    store_bind_int(st, 2, v->user_id);
    store_bind_int(st, 3, id);
    int rc = store_step(st);
    if (rc == STORE_ROW) {
        read_row(st, r, today);
        keep_texts(r, text);
    }
    store_done(st);
    rc = store_one_status(rc);
    if (rc == STORE_OK) rc = load_cases(c, r);
    return rc;
}

static int res_event(store_conn *c, const struct user *actor, int64_t id, const char *now,
                     const char *kind, const char *from, const char *to, const char *body) {
    return store_run(c, NULL,
                     "INSERT INTO resolution_events(resolution_id, at, actor_id, actor_name, kind, "
                     "from_state, to_state, body) VALUES ($1, $2, nullif($3, 0), $4, $5, $6, $7, $8)",
                     "itittttt", id, now, actor ? actor->id : (int64_t)0,
                     actor ? actor->display_name : "سامانه", kind, from, to, body ? body : "");
}

/* The system acting on cases for a resolution (the sweep has no signed-in actor). */
static const struct case_viewer staff_viewer = {ROLE_SECRETARIAT, 0, 0};

static int case_step(store_conn *c, const struct user *actor, int64_t case_id,
                     enum case_action action, const char *body) {
    struct case_act act = {.action = action, .body = body};
    unsigned allowed = 0;
    return store_case_act(c, actor, &staff_viewer, case_id, -1, &act, &allowed, NULL);
}

static int case_state_of(store_conn *c, int64_t case_id, enum case_state *s) {
    store_stmt *st = store_prepare(c, "SELECT state FROM cases WHERE id = $1");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, case_id);
    int rc = store_step(st);
    if (rc == STORE_ROW) {
        int v = case_state_parse(store_col_text(st, 0));
        *s = v < 0 ? CASE_DRAFT : (enum case_state)v;
    }
    store_done(st);
    return store_one_status(rc);
}

static void number_of(const struct meeting *m, const char *code, int n, char out[32]) {
    if (!strcmp(code, "main")) snprintf(out, 32, "%d/%d/%d", m->year % 10000, m->seq % 1000, n % 1000);
    else snprintf(out, 32, "%d/%s-%d/%d", m->year % 10000, code, m->seq % 1000, n % 1000);
}

int store_resolution_issue(store_conn *c, const struct user *actor, const struct case_viewer *v,
                           int64_t meeting_id, const struct resolution_input *in,
                           const char *today, int64_t *id) {
    if (!meeting_viewer_is_staff(v))
        return meeting_viewer_sees_sessions(v) ? STORE_EROLE : STORE_ENOTFOUND;
    if (!in->text[0] || !in->agency_id || case_day_from_iso(in->deadline) < 0)
        return STORE_ECONSTRAINT;
    int32_t *days = NULL;
    int ndays = 0;
    int rc = store_holiday_calendar(c, &days, &ndays);
    if (rc != STORE_OK) return rc;
    struct case_calendar cal = {days, ndays};
    int32_t notice = case_day_from_iso(today);
    char window_end[11];
    case_iso_from_day(resolution_window_end(&cal, notice), window_end);
    free(days);

    rc = store_begin(c);
    if (rc != STORE_OK) return rc;
    struct meeting m;
    rc = store_meeting_get(c, v, meeting_id, &m);
    if (rc == STORE_OK && m.status != MEETING_HELD) rc = STORE_ENOTHELD;
    int64_t item_case = 0, n = 0;
    if (rc == STORE_OK) {
        rc = store_int(c, &item_case, "SELECT coalesce(case_id,0) FROM meeting_items WHERE id = $1 "
                                      "AND meeting_id = $2", "ii", in->item_id, meeting_id);
        if (rc == STORE_ENOTFOUND) rc = STORE_EREF;
    }
    if (rc == STORE_OK) {
        rc = store_int(c, &n, "SELECT count(*) FROM agencies WHERE id = $1", "i", in->agency_id);
        if (rc == STORE_OK && !n) rc = STORE_EREF;
    }
    /* The cases: the item's own and any other case on this session's agenda. */
    int64_t cases[RESOLUTION_CASES_MAX + 1];
    int ncases = 0;
    if (item_case) cases[ncases++] = item_case;
    for (int i = 0; rc == STORE_OK && i < in->ncases; i++) {
        if (in->case_ids[i] == item_case) continue;
        rc = store_int(c, &n, "SELECT count(*) FROM meeting_items WHERE meeting_id = $1 AND "
                              "case_id = $2", "ii", meeting_id, in->case_ids[i]);
        if (rc == STORE_OK && !n) rc = STORE_EREF;
        if (rc == STORE_OK) cases[ncases++] = in->case_ids[i];
    }
    /* At most RESOLUTION_CASES_MAX cases in all, the item's own included: more could
     * not be read back (resolution_row), started or settled. */
    if (rc == STORE_OK && ncases > RESOLUTION_CASES_MAX) rc = STORE_ECONSTRAINT;
    char code[24] = "main", number[32], now[21];
    clock_iso_utc(clock_now(), now);
    if (rc == STORE_OK) {
        store_stmt *st = store_prepare(c, "SELECT code FROM meeting_bodies WHERE id = $1");
        if (!st) rc = STORE_ERROR;
        else {
            store_bind_int(st, 1, m.body_id);
            if (store_step(st) == STORE_ROW) store_col_copy(st, 0, code, sizeof code);
            store_done(st);
        }
        rc = rc == STORE_OK ? store_int(c, &n, "SELECT count(*) + 1 FROM resolutions WHERE "
                                               "meeting_id = $1", "i", meeting_id)
                            : rc;
        number_of(&m, code, (int)n, number);
    }
    if (rc == STORE_OK)
        rc = store_int(c, id,
                       "INSERT INTO resolutions(meeting_id, item_id, number, text, agency_id, "
                       "deadline, notice_on, window_ends_on, created_by, created_at, updated_at) "
                       "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,nullif($9,0),$10,$10) RETURNING id",
                       "iittitttit", meeting_id, in->item_id, number, in->text, in->agency_id,
                       in->deadline, today, window_end, actor ? actor->id : (int64_t)0, now);
    for (int i = 0; rc == STORE_OK && i < ncases; i++)
        rc = store_run(c, NULL, "INSERT INTO resolution_cases(resolution_id, case_id) VALUES ($1, $2)",
                       "ii", *id, cases[i]);
    char note[160];
    snprintf(note, sizeof note, "مصوبه شماره %s", number);
    if (rc == STORE_OK) rc = res_event(c, actor, *id, now, "issue", NULL, "issued", in->text);
    if (rc == STORE_OK) rc = meeting_audit(c, actor, "resolution.issue", "resolution", *id, meeting_id, number);
    /* Each case is decided (a case already decided by another resolution stays). */
    for (int i = 0; rc == STORE_OK && i < ncases; i++) {
        enum case_state s = CASE_DRAFT;
        rc = case_state_of(c, cases[i], &s);
        if (rc != STORE_OK) break;
        if (s == CASE_ON_AGENDA) rc = case_step(c, actor, cases[i], CASE_ACT_DECIDE, note);
        else if (s != CASE_DECIDED && s != CASE_IN_EXECUTION) rc = STORE_EREF;
    }
    /* A resolution on a free topic is notified too, pointing at no case. */
    if (rc == STORE_OK)
        rc = case_notify_agency(c, in->agency_id, ncases ? cases[0] : 0, "resolution", note, now);
    return store_tx_end(c, rc);
}

/* The cases a resolution decides (at most RESOLUTION_CASES_MAX). */
static int case_ids_of(store_conn *c, int64_t id, int64_t cases[RESOLUTION_CASES_MAX], int *n) {
    *n = 0;
    store_stmt *st = store_prepare(c, "SELECT case_id FROM resolution_cases WHERE resolution_id = $1");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, id);
    int rc;
    while ((rc = store_step(st)) == STORE_ROW && *n < RESOLUTION_CASES_MAX)
        cases[(*n)++] = store_col_int(st, 0);
    store_done(st);
    return store_all_status(rc);
}

/* After an outcome (or an accepted objection): each case whose resolutions are all
 * settled is closed — resolved when every one was carried out, else not executed;
 * a case left with no live resolution after an accepted objection goes back on the
 * agenda. */
static int settle_cases(store_conn *c, const struct user *actor, int64_t id, const char *note) {
    int64_t cases[RESOLUTION_CASES_MAX];
    int n = 0;
    int rc = case_ids_of(c, id, cases, &n);
    for (int i = 0; rc == STORE_OK && i < n; i++) {
        int64_t live = 0, carried = 0, failed = 0;
        rc = store_int(c, &live, "SELECT count(*) FROM resolution_cases rc JOIN resolutions r ON "
                                 "r.id = rc.resolution_id WHERE rc.case_id = $1 AND r.state IN "
                                 "('issued','objection_pending','in_execution')", "i", cases[i]);
        if (rc == STORE_OK)
            rc = store_int(c, &carried, "SELECT count(*) FROM resolution_cases rc JOIN resolutions r "
                                        "ON r.id = rc.resolution_id WHERE rc.case_id = $1 AND "
                                        "r.state = 'carried_out'", "i", cases[i]);
        if (rc == STORE_OK)
            rc = store_int(c, &failed, "SELECT count(*) FROM resolution_cases rc JOIN resolutions r "
                                       "ON r.id = rc.resolution_id WHERE rc.case_id = $1 AND "
                                       "r.state IN ('partly','not_carried_out')", "i", cases[i]);
        if (rc != STORE_OK || live) continue;
        enum case_state s = CASE_DRAFT;
        rc = case_state_of(c, cases[i], &s);
        if (rc != STORE_OK) break;
        if (!carried && !failed) { /* every resolution on it was voided */
            if (s == CASE_DECIDED) rc = case_step(c, actor, cases[i], CASE_ACT_AGENDA, note);
            continue;
        }
        if (s == CASE_DECIDED) {
            rc = case_step(c, actor, cases[i], CASE_ACT_EXECUTE, note);
            s = CASE_IN_EXECUTION;
        }
        if (rc == STORE_OK && s == CASE_IN_EXECUTION)
            rc = case_step(c, actor, cases[i], failed ? CASE_ACT_NOT_EXECUTED : CASE_ACT_RESOLVE, note);
    }
    return rc;
}

/* Execution begins: every decided case of the resolution moves to in_execution. */
static int start_cases(store_conn *c, const struct user *actor, int64_t id, const char *note) {
    int64_t cases[RESOLUTION_CASES_MAX];
    int n = 0;
    int rc = case_ids_of(c, id, cases, &n);
    for (int i = 0; rc == STORE_OK && i < n; i++) {
        enum case_state s = CASE_DRAFT;
        rc = case_state_of(c, cases[i], &s);
        if (rc == STORE_OK && s == CASE_DECIDED) rc = case_step(c, actor, cases[i], CASE_ACT_EXECUTE, note);
    }
    return rc;
}

int store_resolution_act(store_conn *c, const struct user *actor, const struct case_viewer *v,
                         int64_t id, int64_t version, const struct resolution_act *act,
                         const char *today, int *rule, int64_t *new_version) {
    *rule = RES_OK;
    int rc = store_begin(c);
    if (rc != STORE_OK) return rc;
    struct resolution_row *r = calloc(1, sizeof *r);
    buf text;
    buf_init(&text, 64 * 1024);
    if (!r) rc = STORE_ERROR;
    if (rc == STORE_OK) rc = store_resolution_get(c, v, id, r, &text);
    if (rc == STORE_OK && version >= 0 && r->version != version) rc = STORE_ECONFLICT;
    enum resolution_state stored = r ? r->stored_state : RES_ISSUED;
    if (rc == STORE_OK) {
        bool own = v->role == ROLE_AGENCY && v->agency_id == r->agency_id;
        *rule = resolution_check(stored, act->action, v->role, own,
                                 case_day_from_iso(r->window_ends_on), case_day_from_iso(today));
        if (*rule != RES_OK) rc = STORE_ERULE;
    }
    if (rc == STORE_OK && act->action == RES_ACT_OUTCOME) {
        if (!act->outcome) rc = STORE_ECONSTRAINT;
        else if ((*rule = resolution_check_outcome(act->outcome->outcome, act->outcome->fault)) != RES_OK)
            rc = STORE_ERULE;
    }
    if (rc == STORE_OK && act->action == RES_ACT_OBJECT && (!act->reason || !*act->reason))
        rc = STORE_ECONSTRAINT;
    if (rc == STORE_OK && act->action == RES_ACT_AMEND) {
        int64_t n = 0;
        if (!act->amended || !act->amended->text[0]) rc = STORE_ECONSTRAINT;
        else rc = store_int(c, &n, "SELECT count(*) FROM agencies WHERE id = $1", "i", act->amended->agency_id);
        if (rc == STORE_OK && !n) rc = STORE_EREF;
    }
    enum resolution_state to =
        resolution_next(stored, act->action, act->outcome ? act->outcome->outcome : stored);
    char now[21];
    clock_iso_utc(clock_now(), now);
    const char *from_code = resolution_state_code(stored), *to_code = resolution_state_code(to);
    const char *reason = act->reason ? act->reason : "";
    int changed = 0;
    if (rc == STORE_OK) {
        switch (act->action) {
        case RES_ACT_OBJECT:
            rc = store_run(c, &changed, "UPDATE resolutions SET state=$1, objection=$2, objected_on=$3, "
                                        "updated_at=$4, version=version+1 WHERE id=$5 AND version=$6",
                           "ttttii", to_code, reason, today, now, id, r->version);
            break;
        case RES_ACT_UPHOLD:
        case RES_ACT_ACCEPT:
            rc = store_run(c, &changed, "UPDATE resolutions SET state=$1, ruling=$2, ruling_note=$3, "
                                        "updated_at=$4, version=version+1 WHERE id=$5 AND version=$6",
                           "ttttii", to_code, act->action == RES_ACT_UPHOLD ? "upheld" : "accepted",
                           reason, now, id, r->version);
            break;
        case RES_ACT_AMEND:
            rc = store_run(c, &changed, "UPDATE resolutions SET state=$1, ruling='amended', "
                                        "ruling_note=$2, text=$3, agency_id=$4, deadline=$5, "
                                        "updated_at=$6, version=version+1 WHERE id=$7 AND version=$8",
                           "tttittii", to_code, reason, act->amended->text, act->amended->agency_id,
                           act->amended->deadline, now, id, r->version);
            break;
        case RES_ACT_START:
            rc = store_run(c, &changed, "UPDATE resolutions SET state=$1, updated_at=$2, "
                                        "version=version+1 WHERE id=$3 AND version=$4",
                           "ttii", to_code, now, id, r->version);
            break;
        case RES_ACT_OUTCOME:
            rc = store_run(c, &changed, "UPDATE resolutions SET state=$1, fault=nullif($2,''), "
                                        "evidence=$3, outcome_on=$4, updated_at=$5, "
                                        "version=version+1 WHERE id=$6 AND version=$7",
                           "tttttii", to_code, resolution_fault_code(act->outcome->fault),
                           act->outcome->evidence, today, now, id, r->version);
            break;
        case RES_ACTION_COUNT:
            rc = STORE_ERROR;
            break;
        }
        if (rc == STORE_OK && !changed) rc = STORE_ECONFLICT;
    }
    const char *body = act->action == RES_ACT_OUTCOME ? act->outcome->evidence
                       : act->action == RES_ACT_AMEND ? act->amended->text
                                                      : reason;
    if (rc == STORE_OK)
        rc = res_event(c, actor, id, now, resolution_action_code(act->action), from_code, to_code, body);
    if (rc == STORE_OK) {
        char action[48];
        snprintf(action, sizeof action, "resolution.%s", resolution_action_code(act->action));
        rc = meeting_audit(c, actor, action, "resolution", id, r->meeting_id, to_code);
    }
    char note[160];
    snprintf(note, sizeof note, "مصوبه شماره %s: %s", r ? r->number : "",
             resolution_state_label(to));
    if (rc == STORE_OK) {
        if (act->action == RES_ACT_OBJECT) {
            rc = case_notify_secretariat(c, r->ncases ? r->case_ids[0] : 0, "objection", note, now);
        }
        else if (act->action == RES_ACT_UPHOLD || act->action == RES_ACT_AMEND ||
                 act->action == RES_ACT_START)
            rc = start_cases(c, actor, id, note);
        else if (act->action == RES_ACT_OUTCOME || act->action == RES_ACT_ACCEPT)
            rc = settle_cases(c, actor, id, note);
    }
    if (rc == STORE_OK && new_version) *new_version = r->version + 1;
    buf_free(&text);
    free(r);
    return store_tx_end(c, rc);
}

/* Calls one(c, id, today, count) for every resolution id the query finds ($1 is
 * today; ORDER BY id LIMIT 256), a batch of 256 at a time, until a batch comes back
 * short. one returns a store status; any other than OK ends the walk. */
typedef int (*due_fn)(store_conn *c, int64_t id, const char *today, int *count);
static int each_due(store_conn *c, const char *sql, const char *today, due_fn one, int *count) {
    *count = 0;
    int64_t ids[256];
    int n;
    do {
        n = 0;
        store_stmt *st = store_prepare(c, sql);
        if (!st) return STORE_ERROR;
        store_bind_text(st, 1, today);
        int rc;
        while ((rc = store_step(st)) == STORE_ROW) ids[n++] = store_col_int(st, 0);
        store_done(st);
        if ((rc = store_all_status(rc)) != STORE_OK) return rc;
        for (int i = 0; i < n; i++)
            if ((rc = one(c, ids[i], today, count)) != STORE_OK) return rc;
    } while (n == 256);
    return STORE_OK;
}

static int start_one(store_conn *c, int64_t id, const char *today, int *started) {
    int rule;
    struct resolution_act act = {.action = RES_ACT_START};
    int rc = store_resolution_act(c, NULL, &staff_viewer, id, -1, &act, today, &rule, NULL);
    if (rc == STORE_OK) (*started)++;
    return rc == STORE_ECONFLICT || rc == STORE_ERULE ? STORE_OK : rc;
}

int store_resolution_sweep(store_conn *c, const char *today, int *started) {
    return each_due(c, "SELECT id FROM resolutions WHERE state = 'issued' AND "
                       "window_ends_on < $1 ORDER BY id LIMIT 256",
                    today, start_one, started);
}

int store_resolution_list(store_conn *c, const struct case_viewer *v,
                          const struct resolution_filter *f,
                          int (*fn)(void *arg, const struct resolution_row *r), void *arg,
                          int64_t *total) {
    char today[11];
    if (f->today[0]) snprintf(today, sizeof today, "%s", f->today);
    else case_today(today);
    buf where;
    buf_init(&where, 2048);
    buf_puts(&where, viewer_clause(v));
    buf_puts(&where, " AND ($3 = 0 OR r.meeting_id = $3) AND ($4 = 0 OR r.agency_id = $4) AND ($5 = 0 "
                     "OR r.id IN (SELECT resolution_id FROM resolution_cases WHERE case_id = $5))");
    if (f->states) {
        buf_puts(&where, " AND r.state IN ('-'");
        for (int s = 0; s < RES_STATE_COUNT; s++)
            if (f->states & (1u << s)) buf_printf(&where, ",'%s'", resolution_state_code((enum resolution_state)s));
        buf_putc(&where, ')');
    }
    if (f->open || f->overdue)
        buf_puts(&where, " AND r.state IN ('issued','objection_pending','in_execution')");
    if (f->overdue) buf_puts(&where, " AND r.deadline < $6");
    else buf_puts(&where, " AND $6 = $6");
    int rc = where.failed ? STORE_ERROR : STORE_OK;
    buf sql;
    buf_init(&sql, 4096);
    if (rc == STORE_OK && f->count && total) {
        buf_printf(&sql, "SELECT count(*) FROM resolutions r WHERE 1 = 1%s", where.data);
        rc = sql.failed ? STORE_ERROR
                        : store_int(c, total, sql.data, "iiiiit", v->agency_id, v->user_id,
                                    f->meeting_id, f->agency_id, f->case_id, today);
    }
    if (!fn) { /* a count alone */
        buf_free(&where);
        buf_free(&sql);
        return rc;
    }
    buf_clear(&sql);
    buf_printf(&sql, "%s%s ORDER BY %s LIMIT $7 OFFSET $8", RES_COLS, where.data,
               f->overdue || f->open ? "r.deadline, r.id" : "r.notice_on DESC, r.id DESC");
    store_stmt *st = rc == STORE_OK && !sql.failed ? store_prepare(c, sql.data) : NULL;
    if (rc == STORE_OK && !st) rc = STORE_ERROR;
    if (st) {
        store_bind_int(st, 1, v->agency_id);
        store_bind_int(st, 2, v->user_id);
        store_bind_int(st, 3, f->meeting_id);
        store_bind_int(st, 4, f->agency_id);
        store_bind_int(st, 5, f->case_id);
        store_bind_text(st, 6, today);
        store_bind_int(st, 7, f->limit > 0 ? f->limit : 50);
        store_bind_int(st, 8, f->offset);
        /* Rows are gathered first: a row's cases need their own query. */
        struct resolution_row *rows = NULL;
        buf texts;
        buf_init(&texts, 16 * 1024 * 1024);
        size_t n = 0, cap = 0;
        size_t *offs = NULL;
        while ((rc = store_step(st)) == STORE_ROW) {
            if (n == cap) {
                cap = cap ? cap * 2 : 16;
                void *p1 = realloc(rows, cap * sizeof *rows), *p2 = p1 ? realloc(offs, cap * 4 * sizeof *offs) : NULL;
                if (p1) rows = p1;
                if (p2) offs = p2;
                if (!p1 || !p2) {
                    rc = STORE_ERROR;
                    break;
                }
            }
            read_row(st, &rows[n], today);
            const char *src[4] = {rows[n].text, rows[n].objection, rows[n].ruling_note, rows[n].evidence};
            for (int i = 0; i < 4; i++) {
                offs[n * 4 + i] = texts.len;
                buf_append(&texts, src[i], strlen(src[i]) + 1);
            }
            n++;
        }
        store_done(st);
        rc = store_all_status(rc);
        if (texts.failed) rc = STORE_ERROR;
        for (size_t i = 0; rc == STORE_OK && i < n; i++) {
            rows[i].text = texts.data + offs[i * 4];
            rows[i].objection = texts.data + offs[i * 4 + 1];
            rows[i].ruling_note = texts.data + offs[i * 4 + 2];
            rows[i].evidence = texts.data + offs[i * 4 + 3];
            rc = load_cases(c, &rows[i]);
            if (rc == STORE_OK && fn(arg, &rows[i])) break;
        }
        free(rows);
        free(offs);
        buf_free(&texts);
    }
    buf_free(&where);
    buf_free(&sql);
    return rc;
}

int store_resolution_events(store_conn *c, const struct case_viewer *v, int64_t id,
                            int (*fn)(void *arg, const struct resolution_event *e), void *arg) {
    struct resolution_row *r = calloc(1, sizeof *r);
    buf text;
    buf_init(&text, 64 * 1024);
    int rc = r ? store_resolution_get(c, v, id, r, &text) : STORE_ERROR;
    free(r);
    buf_free(&text);
    if (rc != STORE_OK) return rc;
    store_stmt *st = store_prepare(c, "SELECT id, at, actor_name, kind, coalesce(from_state,''), "
                                      "coalesce(to_state,''), body FROM resolution_events WHERE "
                                      "resolution_id = $1 ORDER BY id");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, id);
    while ((rc = store_step(st)) == STORE_ROW) {
        struct resolution_event e = {.id = store_col_int(st, 0)};
        store_col_copy(st, 1, e.at, sizeof e.at);
        store_col_copy(st, 2, e.actor, sizeof e.actor);
        store_col_copy(st, 3, e.kind, sizeof e.kind);
        store_col_copy(st, 4, e.from_state, sizeof e.from_state);
        store_col_copy(st, 5, e.to_state, sizeof e.to_state);
        e.body = store_col_text(st, 6);
        if (fn(arg, &e)) break;
    }
    store_done(st);
    return store_all_status(rc);
}

/* One 'overdue' event and a notification to the agency's liaisons, once, for each
 * resolution still to be carried out whose deadline passed before today. */
static int note_one_overdue(store_conn *c, int64_t id, const char *today, int *noted) {
    (void)today;
    char now[21];
    clock_iso_utc(clock_now(), now);
    int rc = store_begin(c);
    if (rc != STORE_OK) return rc;
    int changed = 0;
    rc = store_run(c, &changed, "UPDATE resolutions SET overdue_noted = 1 WHERE id = $1 AND "
                                "overdue_noted = 0", "i", id);
    if (rc != STORE_OK || !changed) return store_tx_end(c, rc);
    int64_t agency = 0, case_id = 0;
    char number[32] = "";
    store_stmt *q = store_prepare(c, "SELECT r.agency_id, r.number, coalesce((SELECT "
                                     "min(case_id) FROM resolution_cases WHERE "
                                     "resolution_id = r.id), 0) FROM resolutions r "
                                     "WHERE r.id = $1");
    if (!q) return store_tx_end(c, STORE_ERROR);
    store_bind_int(q, 1, id);
    if (store_step(q) == STORE_ROW) {
        agency = store_col_int(q, 0);
        store_col_copy(q, 1, number, sizeof number);
        case_id = store_col_int(q, 2);
    }
    store_done(q);
    char note[96];
    snprintf(note, sizeof note, "مهلت اجرای مصوبه شماره %s گذشت", number);
    rc = res_event(c, NULL, id, now, "overdue", NULL, NULL, note);
    if (rc == STORE_OK) rc = meeting_audit(c, NULL, "resolution.overdue", "resolution", id, 0, number);
    if (rc == STORE_OK) rc = case_notify_agency(c, agency, case_id, "resolution_overdue", note, now);
    if (rc == STORE_OK) (*noted)++;
    return store_tx_end(c, rc);
}

int store_resolution_note_overdue(store_conn *c, const char *today, int *noted) {
    return each_due(c, "SELECT id FROM resolutions WHERE state IN ('issued',"
                       "'objection_pending','in_execution') AND deadline < $1 "
                       "AND overdue_noted = 0 ORDER BY id LIMIT 256",
                    today, note_one_overdue, noted);
}
