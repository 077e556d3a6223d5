/* store_meeting_sql — what the session store files share. Internal to src/store/. */
#ifndef TASHIL_STORE_MEETING_SQL_H
#define TASHIL_STORE_MEETING_SQL_H

#include "store/store_meetings.h"

/* An audit event for a session or resolution change; note (may be NULL) is recorded
 * as detail. */
int meeting_audit(store_conn *c, const struct user *actor, const char *action,
                  const char *entity, int64_t id, int64_t meeting_id, const char *note);

/* Bumps a session's version and updated_at (something on it changed). */
int meeting_touch(store_conn *c, int64_t id);

#endif
