/* store_resolution_files — the evidence files of a resolution (see store_meetings.h):
 * who may add them, the row with its resolution event and audit event in one
 * transaction, and reading them back as far as the viewer may see the resolution. */
#include <stdlib.h>
#include <string.h>

#include "auth/roles.h"
#include "core/clock.h"
#include "store/store_case_sql.h"
#include "store/store_meeting_sql.h"
#include "store/store_meetings.h"
#include "store/store_tx.h"

/* The resolution must be visible to v: STORE_ENOTFOUND otherwise. */
static int visible(store_conn *c, const struct case_viewer *v, int64_t id, int64_t *agency_id) {
    struct resolution_row *r = calloc(1, sizeof *r);
    buf text;
    buf_init(&text, 64 * 1024);
    int rc = r ? store_resolution_get(c, v, id, r, &text) : STORE_ERROR;
    if (rc == STORE_OK && agency_id) *agency_id = r->agency_id;
    buf_free(&text);
    free(r);
    return rc;
}

int store_resolution_attach(store_conn *c, const struct user *actor, const struct case_viewer *v,
                            int64_t id, struct case_attachment *att) {
    int rc = store_begin(c);
    if (rc != STORE_OK) return rc;
    int64_t agency = 0;
    rc = visible(c, v, id, &agency);
    bool staff = meeting_viewer_is_staff(v);
    bool own = v->role == ROLE_AGENCY && v->agency_id == agency;
    if (rc == STORE_OK && !staff && !own) rc = STORE_EROLE;
    char now[21];
    clock_iso_utc(clock_now(), now);
    if (rc == STORE_OK)
        rc = store_int(c, &att->id,
                       "INSERT INTO resolution_attachments(resolution_id, name, mime, size, hash, "
                       "added_by, added_at) VALUES ($1, $2, $3, $4, $5, nullif($6, 0), $7) "
                       "RETURNING id",
                       "ittitit", id, att->name, att->mime, att->size, att->hash,
                       actor ? actor->id : (int64_t)0, now);
    if (rc == STORE_OK)
        rc = store_run(c, NULL,
                       "INSERT INTO resolution_events(resolution_id, at, actor_id, actor_name, kind, "
                       "body) VALUES ($1, $2, nullif($3, 0), $4, 'attach', $5)",
                       "itit" "t", id, now, actor ? actor->id : (int64_t)0,
                       actor ? actor->display_name : "سامانه", att->name);
    if (rc == STORE_OK)
        rc = meeting_audit(c, actor, "resolution.attach", "resolution", id, 0, att->hash);
    att->case_id = id; /* the owner's id: here the resolution's */
    return store_tx_end(c, rc);
}

int store_resolution_attachments(store_conn *c, const struct case_viewer *v, int64_t id,
                                 int (*fn)(void *arg, const struct case_attachment *a), void *arg) {
    int rc = visible(c, v, id, NULL);
    if (rc != STORE_OK) return rc;
    store_stmt *st = store_prepare(c, "SELECT id, resolution_id, name, mime, size, hash, 0 FROM "
                                      "resolution_attachments WHERE resolution_id = $1 ORDER BY id");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, id);
    return case_each_attachment(st, fn, arg);
}

int store_resolution_attachment_get(store_conn *c, const struct case_viewer *v, int64_t id,
                                    int64_t att_id, struct case_attachment *att) {
    int rc = visible(c, v, id, NULL);
    if (rc != STORE_OK) return rc;
    store_stmt *st = store_prepare(c, "SELECT id, resolution_id, name, mime, size, hash, 0 FROM "
                                      "resolution_attachments WHERE resolution_id = $1 AND id = $2");
    if (!st) return STORE_ERROR;
    store_bind_int(st, 1, id);
    store_bind_int(st, 2, att_id);
    rc = store_step(st);
    if (rc == STORE_ROW) case_read_attachment(st, att);
    store_done(st);
    return store_one_status(rc);
}
