/* store_meeting_items — a session's agenda (see store_meetings.h): cases put on it
 * (taking the case's 'agenda' action when needed), free topics, order, notes. */
#include <stdlib.h>
#include <string.h>

#include "auth/roles.h"
#include "core/clock.h"
#include "store/store_case_sql.h"
#include "store/store_meeting_sql.h"
#include "store/store_meetings.h"
#include "store/store_tx.h"

/* The staff viewer's transaction on a planned or held session. */
static int begin_agenda(store_conn *c, const struct case_viewer *v, int64_t meeting_id) {
    if (!meeting_viewer_is_staff(v))
        return meeting_viewer_sees_sessions(v) ? STORE_EROLE : STORE_ENOTFOUND;
    int rc = store_begin(c);
    if (rc != STORE_OK) return rc;
    struct meeting m;
    rc = store_meeting_get(c, v, meeting_id, &m);
    if (rc == STORE_OK && m.status == MEETING_CANCELLED) rc = STORE_ESTATE;
    if (rc != STORE_OK) store_rollback(c);
    return rc;
}


static int add_item(store_conn *c, int64_t meeting_id, int64_t case_id, const char *title,
                    int64_t *item_id) {
    int64_t pos = 1;
    int rc = store_int(c, &pos, "SELECT coalesce(max(position),0) + 1 FROM meeting_items WHERE "
                                "meeting_id = $1", "i", meeting_id);
    if (rc != STORE_OK) return rc;
    if (case_id)
        return store_int(c, item_id, "INSERT INTO meeting_items(meeting_id, position, case_id, title) "
                                     "VALUES ($1, $2, $3, $4) RETURNING id",
                         "iiit", meeting_id, pos, case_id, title);
    return store_int(c, item_id, "INSERT INTO meeting_items(meeting_id, position, title) VALUES "
                                 "($1, $2, $3) RETURNING id", "iit", meeting_id, pos, title);
}

int store_meeting_item_add_case(store_conn *c, const struct user *actor,
                                const struct case_viewer *v, int64_t meeting_id, int64_t case_id,
                                int64_t *item_id) {
    int rc = begin_agenda(c, v, meeting_id);
    if (rc != STORE_OK) return rc;
    struct case_row *row = calloc_row();
    if (!row) return store_tx_end(c, STORE_ERROR);
    rc = store_case_get(c, v, case_id, row);
    if (rc == STORE_ENOTFOUND) rc = STORE_EREF;
    int64_t busy = 0;
    if (rc == STORE_OK)
        rc = store_int(c, &busy, "SELECT count(*) FROM meeting_items i JOIN meetings m ON m.id = "
                                 "i.meeting_id WHERE i.case_id = $1 AND (m.id = $2 OR m.status = "
                                 "'planned')", "ii", case_id, meeting_id);
    if (rc == STORE_OK && busy) rc = STORE_EREF;
    /* Ready (on_agenda), or brought there now from answered / in review. A decided or
     * executing case belongs to its live resolution: taking it back to the agenda
     * would leave that resolution's start and outcome unable to move it. */
    if (rc == STORE_OK && row->state != CASE_ON_AGENDA && row->state != CASE_ANSWERED &&
        row->state != CASE_IN_REVIEW)
        rc = STORE_EREF;
    if (rc == STORE_OK && row->state != CASE_ON_AGENDA) {
        /* The session's staff (admin included) put it on the agenda as the secretariat. */
        static const struct case_viewer secretariat = {ROLE_SECRETARIAT, 0, 0};
        struct case_act act = {.action = CASE_ACT_AGENDA};
        unsigned allowed = 0;
        rc = store_case_act(c, actor, &secretariat, case_id, -1, &act, &allowed, NULL);
    }
    if (rc == STORE_OK) rc = add_item(c, meeting_id, case_id, row->title, item_id);
    if (rc == STORE_OK) rc = meeting_touch(c, meeting_id);
    if (rc == STORE_OK)
        rc = meeting_audit(c, actor, "meeting.agenda_add", "meeting", meeting_id, meeting_id, row->title);
    free_row(row);
    return store_tx_end(c, rc);
}

int store_meeting_item_add_topic(store_conn *c, const struct user *actor,
                                 const struct case_viewer *v, int64_t meeting_id,
                                 const char *title, int64_t *item_id) {
    int rc = begin_agenda(c, v, meeting_id);
    if (rc != STORE_OK) return rc;
    rc = add_item(c, meeting_id, 0, title, item_id);
    if (rc == STORE_OK) rc = meeting_touch(c, meeting_id);
    if (rc == STORE_OK)
        rc = meeting_audit(c, actor, "meeting.agenda_add", "meeting", meeting_id, meeting_id, title);
    return store_tx_end(c, rc);
}

int store_meeting_item_move(store_conn *c, const struct user *actor, const struct case_viewer *v,
                            int64_t meeting_id, int64_t item_id, int position) {
    int rc = begin_agenda(c, v, meeting_id);
    if (rc != STORE_OK) return rc;
    int64_t ids[512];
    int n = 0, at = -1;
    store_stmt *st = store_prepare(c, "SELECT id FROM meeting_items WHERE meeting_id = $1 "
                                      "ORDER BY position, id");
    if (!st) return store_tx_end(c, STORE_ERROR);
    store_bind_int(st, 1, meeting_id);
    while ((rc = store_step(st)) == STORE_ROW && n < 512) {
        ids[n] = store_col_int(st, 0);
        if (ids[n] == item_id) at = n;
        n++;
    }
    store_done(st);
    rc = store_all_status(rc);
    if (rc == STORE_OK && at < 0) rc = STORE_ENOTFOUND;
    if (rc == STORE_OK) {
        int to = position < 1 ? 0 : position > n ? n - 1 : position - 1;
        int64_t moving = ids[at];
        if (to > at) memmove(ids + at, ids + at + 1, (size_t)(to - at) * sizeof *ids);
        else if (to < at) memmove(ids + to + 1, ids + to, (size_t)(at - to) * sizeof *ids);
        ids[to] = moving;
        for (int i = 0; rc == STORE_OK && i < n; i++)
            rc = store_run(c, NULL, "UPDATE meeting_items SET position = $1 WHERE id = $2", "ii",
                           (int64_t)(i + 1), ids[i]);
    }
    if (rc == STORE_OK) rc = meeting_touch(c, meeting_id);
    if (rc == STORE_OK)
        rc = meeting_audit(c, actor, "meeting.agenda_move", "meeting", meeting_id, meeting_id, NULL);
    return store_tx_end(c, rc);
}

int store_meeting_item_remove(store_conn *c, const struct user *actor,
                              const struct case_viewer *v, int64_t meeting_id, int64_t item_id) {
    int rc = begin_agenda(c, v, meeting_id);
    if (rc != STORE_OK) return rc;
    int64_t nres = 0;
    rc = store_int(c, &nres, "SELECT count(*) FROM resolutions WHERE item_id = $1", "i", item_id);
    if (rc == STORE_OK && nres) rc = STORE_EHASRES;
    int changed = 0;
    if (rc == STORE_OK)
        rc = store_run(c, &changed, "DELETE FROM meeting_items WHERE id = $1 AND meeting_id = $2",
                       "ii", item_id, meeting_id);
    if (rc == STORE_OK && !changed) rc = STORE_ENOTFOUND;
    /* Close the gap in the order. */
    if (rc == STORE_OK)
        rc = store_run(c, NULL, "UPDATE meeting_items SET position = (SELECT count(*) FROM "
                                "meeting_items j WHERE j.meeting_id = meeting_items.meeting_id AND "
                                "(j.position < meeting_items.position OR (j.position = "
                                "meeting_items.position AND j.id <= meeting_items.id))) WHERE "
                                "meeting_id = $1", "i", meeting_id);
    if (rc == STORE_OK) rc = meeting_touch(c, meeting_id);
    if (rc == STORE_OK)
        rc = meeting_audit(c, actor, "meeting.agenda_remove", "meeting", meeting_id, meeting_id, NULL);
    return store_tx_end(c, rc);
}

int store_meeting_item_notes(store_conn *c, const struct user *actor, const struct case_viewer *v,
                             int64_t meeting_id, int64_t item_id, const char *notes) {
    int rc = begin_agenda(c, v, meeting_id);
    if (rc != STORE_OK) return rc;
    int changed = 0;
    rc = store_run(c, &changed, "UPDATE meeting_items SET notes = $1 WHERE id = $2 AND meeting_id = $3",
                   "tii", notes, item_id, meeting_id);
    if (rc == STORE_OK && !changed) rc = STORE_ENOTFOUND;
    if (rc == STORE_OK) rc = meeting_touch(c, meeting_id);
    if (rc == STORE_OK)
        rc = meeting_audit(c, actor, "meeting.notes", "meeting", meeting_id, meeting_id, NULL);
    return store_tx_end(c, rc);
}

int store_meeting_items(store_conn *c, const struct case_viewer *v, int64_t meeting_id,
                        int (*fn)(void *arg, const struct meeting_item *it), void *arg) {
    if (!meeting_viewer_sees_sessions(v)) return STORE_ENOTFOUND;
    store_stmt *st = store_prepare(
        c, "SELECT i.id, i.meeting_id, i.position, coalesce(i.case_id,0), i.title, "
           "coalesce(u.name,''), coalesce(cat.name,''), coalesce(cs.state,''), i.notes, "
           "(SELECT count(*) FROM resolutions r WHERE r.item_id = i.id) FROM meeting_items i "
           "LEFT JOIN cases cs ON cs.id = i.case_id LEFT JOIN units u ON u.id = cs.unit_id "
           "LEFT JOIN categories cat ON cat.id = cs.category_id WHERE i.meeting_id = $1 "
           "ORDER BY i.position, i.id");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, meeting_id);
    int rc;
    while ((rc = store_step(st)) == STORE_ROW) {
        struct meeting_item it = {.id = store_col_int(st, 0), .meeting_id = store_col_int(st, 1),
                                  .position = (int)store_col_int(st, 2),
                                  .case_id = store_col_int(st, 3),
                                  .nresolutions = (int)store_col_int(st, 9)};
        store_col_copy(st, 4, it.title, sizeof it.title);
        store_col_copy(st, 5, it.unit, sizeof it.unit);
        store_col_copy(st, 6, it.category, sizeof it.category);
        store_col_copy(st, 7, it.case_state, sizeof it.case_state);
        it.notes = store_col_text(st, 8);
        if (fn(arg, &it)) break;
    }
    store_done(st);
    return store_all_status(rc);
}

int store_meeting_ready_cases(store_conn *c, const struct case_viewer *v, case_row_fn fn,
                              void *arg, int limit) {
    if (!meeting_viewer_sees_sessions(v)) return STORE_OK;
    char today[11];
    case_today(today);
    store_stmt *st = store_prepare(
        c, CASE_SELECT_LIST "WHERE c.state = 'on_agenda' AND NOT EXISTS (SELECT 1 FROM "
                            "meeting_items i JOIN meetings m ON m.id = i.meeting_id WHERE "
                            "i.case_id = c.id AND m.status = 'planned') ORDER BY c.updated_at, "
                            "c.id LIMIT $1");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, limit > 0 ? limit : 100);
    struct case_row *row = calloc_row();
    if (!row) {
        store_done(st);
        return STORE_ERROR;
    }
    int rc;
    while ((rc = store_step(st)) == STORE_ROW) {
        case_read_row(st, row, today);
        if (fn(arg, row)) break;
    }
    store_done(st);
    free_row(row);
    return store_all_status(rc);
}
