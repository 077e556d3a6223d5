/* store_cases — see store_cases.h. Reads and single-case writes; lists and search
 * are in store_case_list.c, notifications, holidays and saved filters in
 * store_case_misc.c. */
#include "store/store_cases.h"

#include <stdio.h>
#include <string.h>

#include "auth/roles.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/json_out.h"
#include "store/store_audit.h"
#include "store/store_registry.h"
#include "store/store_case_sql.h"
#include "store/store_tx.h"

struct case_viewer case_viewer_of(const struct user *u) {
    struct case_viewer v = {role_from_name(u->role), u->id, u->agency_id};
    if (!v.role) v.role = ROLE_PUBLIC;
    return v;
}

bool case_viewer_sees_all(const struct case_viewer *v) {
    return v->role & (ROLE_ADMIN | ROLE_SECRETARIAT | ROLE_MEMBER);
}

const char *case_viewer_clause(const struct case_viewer *v) {
    if (case_viewer_sees_all(v)) return "";
    if (v->role == ROLE_AGENCY && v->agency_id > 0)
        return " AND c.id IN (SELECT case_id FROM case_agencies WHERE agency_id = $2)";
    if (v->role == ROLE_PRODUCER && v->user_id > 0)
        return " AND c.unit_id IN (SELECT unit_id FROM unit_members WHERE user_id = $3)";
    return " AND 0";
}

void case_bind_viewer(store_stmt *st, const struct case_viewer *v) {
    store_bind_int(st, 2, v->agency_id);
    store_bind_int(st, 3, v->user_id);
}

void case_today(char out[11]) { case_iso_from_day(case_today_tehran(clock_now()), out); }

void case_read_row(store_stmt *st, struct case_row *r, const char *today) {
    memset(r, 0, sizeof *r);
    r->id = store_col_int(st, 0);
    r->unit_id = store_col_int(st, 1);
    store_col_copy(st, 2, r->unit, sizeof r->unit);
    r->category_id = store_col_int(st, 3);
    store_col_copy(st, 4, r->category, sizeof r->category);
    store_col_copy(st, 5, r->title, sizeof r->title);
    store_col_copy(st, 6, r->description, sizeof r->description);
    r->amount = store_col_int(st, 7);
    int s = case_state_parse(store_col_text(st, 8));
    r->state = s < 0 ? CASE_DRAFT : (enum case_state)s;
    int o = case_outcome_parse(store_col_text(st, 9));
    r->outcome = o < 0 ? CASE_OUTCOME_NONE : (enum case_outcome)o;
    r->agency_id = store_col_int(st, 10);
    store_col_copy(st, 11, r->agency, sizeof r->agency);
    store_col_copy(st, 12, r->due_on, sizeof r->due_on);
    store_col_copy(st, 13, r->county, sizeof r->county);
    store_col_copy(st, 14, r->zone, sizeof r->zone);
    store_col_copy(st, 15, r->created_at, sizeof r->created_at);
    store_col_copy(st, 16, r->updated_at, sizeof r->updated_at);
    r->version = store_col_int(st, 17);
    r->overdue = r->state == CASE_REFERRED && r->due_on[0] && strcmp(r->due_on, today) < 0;
}

int store_case_get(store_conn *c, const struct case_viewer *v, int64_t id, struct case_row *row) {
    static const char *const sql[3] = {
        CASE_SELECT_FULL "WHERE c.id = $1",
        CASE_SELECT_FULL "WHERE c.id = $1 AND c.id IN (SELECT case_id FROM case_agencies "
                         "WHERE agency_id = $2)",
        CASE_SELECT_FULL "WHERE c.id = $1 AND c.unit_id IN (SELECT unit_id FROM unit_members "
                         "WHERE user_id = $3)",
    };
    const char *clause = case_viewer_clause(v);
    int k = !*clause ? 0 : strstr(clause, "case_agencies") ? 1 : strstr(clause, "unit_members") ? 2 : -1;
    if (k < 0) return STORE_ENOTFOUND;
    store_stmt *st = store_prepare(c, sql[k]);
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, id);
    case_bind_viewer(st, v);
    int rc = store_step(st);
    if (rc == STORE_ROW) {
        char today[11];
        case_today(today);
        case_read_row(st, row, today);
    }
    store_done(st);
    return store_one_status(rc);
}

/* STORE_OK when the viewer may see the case, else STORE_ENOTFOUND. */
static int case_visible(store_conn *c, const struct case_viewer *v, int64_t id) {
    struct case_row *row = calloc_row();
    if (!row) return STORE_ERROR;
    int rc = store_case_get(c, v, id, row);
    free_row(row);
    return rc;
}

/* Records that the case was referred to the agency (the liaisons' reach). */
static int add_case_agency(store_conn *c, int64_t agency_id, int64_t case_id) {
    store_stmt *st = store_prepare(c, "INSERT INTO case_agencies(agency_id, case_id) VALUES ($1,$2) "
                                      "ON CONFLICT DO NOTHING");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, agency_id);
    store_bind_int(st, 2, case_id);
    int rc = store_step(st);
    store_done(st);
    return rc == STORE_DONE ? STORE_OK : rc;
}

int case_event_add(store_conn *c, const struct user *actor, int64_t case_id, const char *now,
                   const char *kind, const char *from, const char *to, int64_t agency_id,
                   const char *due_on, const char *body, bool internal, int64_t *event_id) {
    store_stmt *st = store_prepare(
        c, "INSERT INTO case_events(case_id, at, actor_id, actor_name, kind, from_state, "
           "to_state, agency_id, due_on, body, internal) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) "
           "RETURNING id");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, case_id);
    store_bind_text(st, 2, now);
    if (actor && actor->id) store_bind_int(st, 3, actor->id);
    else store_bind_null(st, 3);
    store_bind_text(st, 4, actor ? actor->display_name : "سامانه");
    store_bind_text(st, 5, kind);
    store_bind_text(st, 6, from && *from ? from : NULL);
    store_bind_text(st, 7, to && *to ? to : NULL);
    if (agency_id) store_bind_int(st, 8, agency_id);
    else store_bind_null(st, 8);
    store_bind_text(st, 9, due_on && *due_on ? due_on : NULL);
    store_bind_text(st, 10, body ? body : "");
    store_bind_int(st, 11, internal);
    int rc = store_step(st);
    if (rc == STORE_ROW && event_id) *event_id = store_col_int(st, 0);
    store_done(st);
    return rc == STORE_ROW ? STORE_OK : rc;
}

/* The audit event of a case change; detail names the event and the states. */
int case_audit(store_conn *c, const struct user *actor, const char *action, int64_t case_id,
               int64_t event_id, const char *from, const char *to, int64_t version) {
    buf d;
    buf_init(&d, 1024);
    buf_printf(&d, "{\"event_id\":%lld,\"version\":%lld", (long long)event_id, (long long)version);
    if (from && *from) {
        buf_puts(&d, ",\"from\":");
        json_out_string(&d, from);
    }
    if (to && *to) {
        buf_puts(&d, ",\"to\":");
        json_out_string(&d, to);
    }
    buf_putc(&d, '}');
    int rc = d.failed ? STORE_ERROR : store_audit_append(c, actor, action, "case", case_id, d.data, NULL);
    buf_free(&d);
    return rc;
}

/* Notifications to the people a case concerns; case_id 0 (a resolution on a free
 * agenda topic) is stored as no case. */
static int notify_sql(store_conn *c, const char *sql, int64_t who, int64_t case_id,
                      const char *kind, const char *body, const char *now) {
    store_stmt *st = store_prepare(c, sql);
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, who);
    store_bind_int(st, 2, case_id);
    store_bind_text(st, 3, kind);
    store_bind_text(st, 4, body);
    store_bind_text(st, 5, now);
    int rc = store_step(st);
    store_done(st);
    return rc == STORE_DONE ? STORE_OK : rc;
}

int case_notify_agency(store_conn *c, int64_t agency_id, int64_t case_id, const char *kind,
                       const char *body, const char *now) {
    return notify_sql(c, "INSERT INTO notifications(user_id, case_id, kind, body, created_at) "
                         "SELECT id, nullif($2, 0), $3, $4, $5 FROM users WHERE agency_id = $1 "
                         "AND role = 'agency' AND disabled = 0",
                      agency_id, case_id, kind, body, now);
}

int case_notify_secretariat(store_conn *c, int64_t case_id, const char *kind, const char *body,
                            const char *now) {
    return notify_sql(c, "INSERT INTO notifications(user_id, case_id, kind, body, created_at) "
                         "SELECT id, nullif($2, 0), $3, $4, $5 FROM users WHERE role = "
                         "'secretariat' AND disabled = 0 AND $1 = $1",
                      0, case_id, kind, body, now);
}

int case_notify_unit(store_conn *c, int64_t unit_id, int64_t case_id, const char *kind,
                     const char *body, const char *now) {
    return notify_sql(c, "INSERT INTO notifications(user_id, case_id, kind, body, created_at) "
                         "SELECT m.user_id, nullif($2, 0), $3, $4, $5 FROM unit_members m JOIN "
                         "users u ON u.id = m.user_id WHERE m.unit_id = $1 AND u.disabled = 0",
                      unit_id, case_id, kind, body, now);
}

static int insert_case(store_conn *c, const struct case_input *in, const char *state,
                       int64_t filed_by, const char *created, const char *updated,
                       int64_t *id) {
    store_stmt *st = store_prepare(
        c, "INSERT INTO cases(unit_id, category_id, title, description, amount, state, filed_by, "
           "created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING id");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, in->unit_id);
    store_bind_int(st, 2, in->category_id);
    store_bind_text(st, 3, in->title);
    store_bind_text(st, 4, in->description);
    if (in->amount >= 0) store_bind_int(st, 5, in->amount);
    else store_bind_null(st, 5);
    store_bind_text(st, 6, state);
    if (filed_by) store_bind_int(st, 7, filed_by);
    else store_bind_null(st, 7);
    store_bind_text(st, 8, created);
    store_bind_text(st, 9, updated);
    int rc = store_step(st);
    if (rc == STORE_ROW) *id = store_col_int(st, 0);
    store_done(st);
    return rc == STORE_ROW ? STORE_OK : rc;
}

static int may_file_for(store_conn *c, const struct case_viewer *v, int64_t unit_id) {
    if (v->role == ROLE_SECRETARIAT) return STORE_OK;
    if (v->role != ROLE_PRODUCER) return STORE_EROLE;
    return store_unit_is_member(c, unit_id, v->user_id) == STORE_OK ? STORE_OK : STORE_EROLE;
}

int store_case_create(store_conn *c, const struct user *actor, const struct case_viewer *v,
                      const struct case_input *in, bool submit, int64_t *id) {
    char now[21];
    clock_iso_utc(clock_now(), now);
    int rc = store_begin(c);
    if (rc != STORE_OK) return rc;
    rc = may_file_for(c, v, in->unit_id);
    const char *state = submit ? "submitted" : "draft";
    if (rc == STORE_OK) rc = insert_case(c, in, state, actor ? actor->id : 0, now, now, id);
    int64_t ev = 0;
    if (rc == STORE_OK)
        rc = case_event_add(c, actor, *id, now, "file", NULL, "draft", 0, NULL, NULL, false, &ev);
    if (rc == STORE_OK) rc = case_audit(c, actor, "case.file", *id, ev, NULL, "draft", 1);
    if (rc == STORE_OK && submit) {
        rc = case_event_add(c, actor, *id, now, "submit", "draft", "submitted", 0, NULL, NULL,
                            false, &ev);
        if (rc == STORE_OK) rc = case_audit(c, actor, "case.submit", *id, ev, "draft", "submitted", 1);
        if (rc == STORE_OK) rc = case_notify_secretariat(c, *id, "submitted", in->title, now);
    }
    return store_tx_end(c, rc);
}

/* The start of every single-case write: the time, a transaction, and the case as
 * the viewer may see it at the version the caller read (-1: any). *row is NULL or
 * heap memory the caller frees; the caller ends with store_tx_end(c, rc) whatever
 * rc is (a failed begin leaves no transaction, and ending one then is harmless). */
static int begin_on_case(store_conn *c, const struct case_viewer *v, int64_t id,
                         int64_t version, struct case_row **row, char now[21]) {
    clock_iso_utc(clock_now(), now);
    *row = NULL;
    int rc = store_begin(c);
    if (rc != STORE_OK) return rc;
    *row = calloc_row();
    if (!*row) return STORE_ERROR;
    rc = store_case_get(c, v, id, *row);
    if (rc == STORE_OK && version >= 0 && (*row)->version != version) rc = STORE_ECONFLICT;
    return rc;
}

int store_case_update(store_conn *c, const struct user *actor, const struct case_viewer *v,
                      int64_t id, int64_t version, const struct case_input *in) {
    char now[21];
    struct case_row *row;
    int rc = begin_on_case(c, v, id, version, &row, now);
    if (!row) return store_tx_end(c, rc == STORE_OK ? STORE_ERROR : rc);
    if (rc == STORE_OK && row->state != CASE_DRAFT && row->state != CASE_RETURNED) rc = STORE_ESTATE;
    if (rc == STORE_OK) rc = may_file_for(c, v, row->unit_id);
    if (rc == STORE_OK && in->unit_id != row->unit_id) rc = may_file_for(c, v, in->unit_id);
    if (rc == STORE_OK) {
        store_stmt *st = store_prepare(c, "UPDATE cases SET unit_id=$1, category_id=$2, title=$3, "
                                          "description=$4, amount=$5, updated_at=$6, "
                                          "version=version+1 WHERE id=$7 AND version=$8");
        if (!st) rc = STORE_ERROR;
        else {
            store_bind_int(st, 1, in->unit_id);
            store_bind_int(st, 2, in->category_id);
            store_bind_text(st, 3, in->title);
            store_bind_text(st, 4, in->description);
            if (in->amount >= 0) store_bind_int(st, 5, in->amount);
            else store_bind_null(st, 5);
            store_bind_text(st, 6, now);
            store_bind_int(st, 7, id);
            store_bind_int(st, 8, row->version);
            rc = store_step(st);
            store_done(st);
            rc = rc == STORE_DONE ? (store_changes(c) ? STORE_OK : STORE_ECONFLICT) : rc;
        }
    }
    int64_t ev = 0;
    if (rc == STORE_OK)
        rc = case_event_add(c, actor, id, now, "edit", NULL, NULL, 0, NULL, NULL, false, &ev);
    if (rc == STORE_OK) rc = case_audit(c, actor, "case.edit", id, ev, NULL, NULL, row->version + 1);
    free_row(row);
    return store_tx_end(c, rc);
}

int store_case_act(store_conn *c, const struct user *actor, const struct case_viewer *v,
                   int64_t id, int64_t version, const struct case_act *act, unsigned *allowed,
                   int64_t *new_version) {
    char now[21];
    struct case_row *row;
    int rc = begin_on_case(c, v, id, version, &row, now);
    if (!row) return store_tx_end(c, rc == STORE_OK ? STORE_ERROR : rc);
    enum case_state to = row->state;
    enum case_outcome outcome = CASE_OUTCOME_NONE;
    if (rc == STORE_OK) {
        enum case_verdict verdict = case_apply(row->state, act->action, v->role, &to, &outcome);
        if (verdict == CASE_ESTATE) rc = STORE_ESTATE;
        else if (verdict == CASE_EROLE) rc = STORE_EROLE;
        /* A liaison acts only on what is referred to their agency now; a producer
         * only on their own units' cases (the viewer already limits what they see). */
        else if (v->role == ROLE_AGENCY && row->agency_id != v->agency_id) rc = STORE_EROLE;
        if (rc == STORE_ESTATE || rc == STORE_EROLE) {
            if (allowed) *allowed = case_allowed_actions(row->state, v->role);
        }
    }
    if (rc == STORE_OK && act->action == CASE_ACT_REFER &&
        (act->agency_id <= 0 || case_day_from_iso(act->due_on) < 0))
        rc = STORE_ECONSTRAINT;
    const char *from_code = case_state_code(row->state), *to_code = case_state_code(to);
    if (rc == STORE_OK) {
        bool refer = act->action == CASE_ACT_REFER;
        store_stmt *st = store_prepare(
            c, "UPDATE cases SET state=$1, outcome=$2, agency_id=CASE WHEN $3 = 1 THEN $4 ELSE "
               "agency_id END, due_on=CASE WHEN $3 = 1 THEN $5 ELSE due_on END, reminded=CASE "
               "WHEN $3 = 1 THEN 0 ELSE reminded END, updated_at=$6, version=version+1 "
               "WHERE id=$7 AND version=$8");
        if (!st) rc = STORE_ERROR;
        else {
            store_bind_text(st, 1, to_code);
            store_bind_text(st, 2, outcome ? case_outcome_code(outcome) : NULL);
            store_bind_int(st, 3, refer);
            store_bind_int(st, 4, act->agency_id);
            store_bind_text(st, 5, act->due_on);
            store_bind_text(st, 6, now);
            store_bind_int(st, 7, id);
            store_bind_int(st, 8, row->version);
            rc = store_step(st);
            store_done(st);
            rc = rc == STORE_DONE ? (store_changes(c) ? STORE_OK : STORE_ECONFLICT) : rc;
        }
        if (rc == STORE_OK && refer) rc = add_case_agency(c, act->agency_id, id);
    }
    int64_t ev = 0;
    if (rc == STORE_OK) {
        bool refer = act->action == CASE_ACT_REFER;
        rc = case_event_add(c, actor, id, now, case_action_code(act->action), from_code, to_code,
                            refer ? act->agency_id : (act->action == CASE_ACT_ANSWER ? row->agency_id : 0),
                            refer ? act->due_on : NULL, act->body, false, &ev);
    }
    if (rc == STORE_OK) {
        char action[48];
        snprintf(action, sizeof action, "case.%s", case_action_code(act->action));
        rc = case_audit(c, actor, action, id, ev, from_code, to_code, row->version + 1);
    }
    if (rc == STORE_OK) {
        switch (act->action) {
        case CASE_ACT_REFER:
            rc = case_notify_agency(c, act->agency_id, id, "referred", row->title, now);
            break;
        case CASE_ACT_ANSWER:
            rc = case_notify_secretariat(c, id, "answered", row->title, now);
            if (rc == STORE_OK) rc = case_notify_unit(c, row->unit_id, id, "answered", row->title, now);
            break;
        case CASE_ACT_ASK_RETURN:
            rc = case_notify_secretariat(c, id, "ask_return", row->title, now);
            break;
        case CASE_ACT_SUBMIT:
        case CASE_ACT_RESUBMIT:
            rc = case_notify_secretariat(c, id, "submitted", row->title, now);
            break;
        case CASE_ACT_RETURN:
        case CASE_ACT_REJECT:
        case CASE_ACT_RESOLVE:
        case CASE_ACT_DECIDE:
        case CASE_ACT_NOT_EXECUTED:
            rc = case_notify_unit(c, row->unit_id, id, case_action_code(act->action), row->title, now);
            break;
        default: break;
        }
    }
    if (rc == STORE_OK && new_version) *new_version = row->version + 1;
    free_row(row);
    return store_tx_end(c, rc);
}

int store_case_comment(store_conn *c, const struct user *actor, const struct case_viewer *v,
                       int64_t id, const char *body, bool internal) {
    if (internal && v->role != ROLE_SECRETARIAT) return STORE_EROLE;
    if (v->role == ROLE_ADMIN || v->role == ROLE_PUBLIC) return STORE_EROLE;
    char now[21];
    struct case_row *row;
    int rc = begin_on_case(c, v, id, -1, &row, now);
    if (!row) return store_tx_end(c, rc == STORE_OK ? STORE_ERROR : rc);
    int64_t ev = 0;
    if (rc == STORE_OK)
        rc = case_event_add(c, actor, id, now, internal ? "note" : "comment", NULL, NULL, 0, NULL,
                            body, internal, &ev);
    if (rc == STORE_OK)
        rc = case_audit(c, actor, internal ? "case.note" : "case.comment", id, ev, NULL, NULL,
                        row->version);
    if (rc == STORE_OK && !internal && v->role != ROLE_PRODUCER)
        rc = case_notify_unit(c, row->unit_id, id, "comment", row->title, now);
    if (rc == STORE_OK && !internal && v->role == ROLE_PRODUCER)
        rc = case_notify_secretariat(c, id, "comment", row->title, now);
    free_row(row);
    return store_tx_end(c, rc);
}

int store_case_events(store_conn *c, const struct case_viewer *v, int64_t id,
                      int (*fn)(void *arg, const struct case_event *e), void *arg) {
    int rc = case_visible(c, v, id);
    if (rc != STORE_OK) return rc;
    store_stmt *st = store_prepare(
        c, "SELECT e.id, e.at, e.actor_name, e.kind, coalesce(e.from_state,''), "
           "coalesce(e.to_state,''), coalesce(e.agency_id,0), coalesce(a.name,''), "
           "coalesce(e.due_on,''), e.body, e.internal FROM case_events e LEFT JOIN agencies a "
           "ON a.id = e.agency_id WHERE e.case_id = $1 AND (e.internal = 0 OR $2 = 1) "
           "ORDER BY e.id");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, id);
    store_bind_int(st, 2, v->role == ROLE_SECRETARIAT);
    struct case_event e;
    while ((rc = store_step(st)) == STORE_ROW) {
        memset(&e, 0, sizeof e);
        e.id = store_col_int(st, 0);
        store_col_copy(st, 1, e.at, sizeof e.at);
        store_col_copy(st, 2, e.actor, sizeof e.actor);
        store_col_copy(st, 3, e.kind, sizeof e.kind);
        store_col_copy(st, 4, e.from_state, sizeof e.from_state);
        store_col_copy(st, 5, e.to_state, sizeof e.to_state);
        e.agency_id = store_col_int(st, 6);
        store_col_copy(st, 7, e.agency, sizeof e.agency);
        store_col_copy(st, 8, e.due_on, sizeof e.due_on);
        e.body = store_col_text(st, 9);
        e.internal = store_col_int(st, 10) != 0;
        if (fn(arg, &e)) break;
    }
    store_done(st);
    return store_all_status(rc);
}

int store_case_attach(store_conn *c, const struct user *actor, const struct case_viewer *v,
                      int64_t case_id, struct case_attachment *att) {
    if (!(v->role & (ROLE_SECRETARIAT | ROLE_PRODUCER | ROLE_AGENCY))) return STORE_EROLE;
    if (att->internal && v->role != ROLE_SECRETARIAT) return STORE_EROLE;
    char now[21];
    struct case_row *row;
    int rc = begin_on_case(c, v, case_id, -1, &row, now);
    if (!row) return store_tx_end(c, rc == STORE_OK ? STORE_ERROR : rc);
    if (rc == STORE_OK && row->state == CASE_CLOSED) rc = STORE_ESTATE;
    int64_t ev = 0;
    if (rc == STORE_OK)
        rc = case_event_add(c, actor, case_id, now, "attach", NULL, NULL, 0, NULL, att->name,
                            att->internal, &ev);
    if (rc == STORE_OK) {
        store_stmt *st = store_prepare(c, "INSERT INTO case_attachments(case_id, event_id, name, "
                                          "mime, size, hash, internal) VALUES ($1,$2,$3,$4,$5,$6,$7) "
                                          "RETURNING id");
        if (!st) rc = STORE_ERROR;
        else {
            store_bind_int(st, 1, case_id);
            store_bind_int(st, 2, ev);
            store_bind_text(st, 3, att->name);
            store_bind_text(st, 4, att->mime);
            store_bind_int(st, 5, att->size);
            store_bind_text(st, 6, att->hash);
            store_bind_int(st, 7, att->internal);
            rc = store_step(st);
            if (rc == STORE_ROW) att->id = store_col_int(st, 0);
            store_done(st);
            rc = rc == STORE_ROW ? STORE_OK : rc;
        }
    }
    att->case_id = case_id;
    if (rc == STORE_OK) rc = case_audit(c, actor, "case.attach", case_id, ev, NULL, NULL, row->version);
    free_row(row);
    return store_tx_end(c, rc);
}

int case_each_attachment(store_stmt *st, int (*fn)(void *arg, const struct case_attachment *a),
                         void *arg) {
    struct case_attachment a;
    int rc;
    while ((rc = store_step(st)) == STORE_ROW) {
        case_read_attachment(st, &a);
        if (fn(arg, &a)) break;
    }
    store_done(st);
    return store_all_status(rc);
}

void case_read_attachment(store_stmt *st, struct case_attachment *a) {
    memset(a, 0, sizeof *a);
    a->id = store_col_int(st, 0);
    a->case_id = store_col_int(st, 1);
    store_col_copy(st, 2, a->name, sizeof a->name);
    store_col_copy(st, 3, a->mime, sizeof a->mime);
    a->size = store_col_int(st, 4);
    store_col_copy(st, 5, a->hash, sizeof a->hash);
    a->internal = store_col_int(st, 6) != 0;
}

int store_case_attachments(store_conn *c, const struct case_viewer *v, int64_t case_id,
                           int (*fn)(void *arg, const struct case_attachment *a), void *arg) {
    int rc = case_visible(c, v, case_id);
    if (rc != STORE_OK) return rc;
    store_stmt *st = store_prepare(c, "SELECT id, case_id, name, mime, size, hash, internal FROM "
                                      "case_attachments WHERE case_id = $1 AND (internal = 0 OR "
                                      "$2 = 1) ORDER BY id");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, case_id);
    store_bind_int(st, 2, v->role == ROLE_SECRETARIAT);
    return case_each_attachment(st, fn, arg);
}

int store_case_attachment_get(store_conn *c, const struct case_viewer *v, int64_t case_id,
                              int64_t att_id, struct case_attachment *att) {
    int rc = case_visible(c, v, case_id);
    if (rc != STORE_OK) return rc;
    store_stmt *st = store_prepare(c, "SELECT id, case_id, name, mime, size, hash, internal FROM "
                                      "case_attachments WHERE id = $1 AND case_id = $2 AND "
                                      "(internal = 0 OR $3 = 1)");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, att_id);
    store_bind_int(st, 2, case_id);
    store_bind_int(st, 3, v->role == ROLE_SECRETARIAT);
    rc = store_step(st);
    if (rc == STORE_ROW) case_read_attachment(st, att);
    store_done(st);
    return store_one_status(rc);
}

int store_case_seed(store_conn *c, const struct case_seed *s, int64_t *id) {
    struct case_input in;
    memset(&in, 0, sizeof in);
    in.unit_id = s->unit_id;
    in.category_id = s->category_id;
    snprintf(in.title, sizeof in.title, "%s", s->title);
    snprintf(in.description, sizeof in.description, "%s", s->description ? s->description : "");
    in.amount = s->amount;
    int rc = insert_case(c, &in, case_state_code(s->state), s->filed_by, s->created_at,
                         s->updated_at, id);
    if (rc != STORE_OK) return rc;
    store_stmt *st = store_prepare(c, "UPDATE cases SET outcome=$1, agency_id=$2, due_on=$3, "
                                      "version=$4 WHERE id=$5");
    if (!st) return STORE_ERROR;
    store_bind_text(st, 1, s->outcome ? case_outcome_code(s->outcome) : NULL);
    if (s->agency_id) store_bind_int(st, 2, s->agency_id);
    else store_bind_null(st, 2);
    store_bind_text(st, 3, s->due_on && *s->due_on ? s->due_on : NULL);
    store_bind_int(st, 4, s->nevents > 0 ? s->nevents : 1);
    store_bind_int(st, 5, *id);
    rc = store_step(st);
    store_done(st);
    if (rc != STORE_DONE) return rc;
    for (int i = 0; i < s->nevents; i++) {
        const struct case_seed_event *e = &s->events[i];
        struct user u;
        memset(&u, 0, sizeof u);
        u.id = e->actor_id;
        snprintf(u.display_name, sizeof u.display_name, "%s", e->actor_name ? e->actor_name : "");
        rc = case_event_add(c, &u, *id, e->at, e->kind, e->from_state, e->to_state, e->agency_id,
                            e->due_on, e->body, e->internal, NULL);
        if (rc != STORE_OK) return rc;
        if (e->agency_id && !strcmp(e->kind, "refer")) rc = add_case_agency(c, e->agency_id, *id);
        if (rc != STORE_OK) return rc;
    }
    return STORE_OK;
}
