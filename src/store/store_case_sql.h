/* store_case_sql — what the case store files share: the row SELECT, the viewer's
 * access clause, the event / audit / notification writers. Internal to src/store/. */
#ifndef TASHIL_STORE_CASE_SQL_H
#define TASHIL_STORE_CASE_SQL_H

#include <stdlib.h>

#include "store/store_cases.h"

#define CASE_SELECT_COLS(desc)                                                              \
    "SELECT c.id, c.unit_id, u.name, c.category_id, cat.name, c.title, " desc ", "            \
    "coalesce(c.amount,-1), c.state, coalesce(c.outcome,''), coalesce(c.agency_id,0), "        \
    "coalesce(a.name,''), coalesce(c.due_on,''), coalesce(co.name,''), coalesce(z.name,''), " \
    "c.created_at, c.updated_at, c.version "
#define CASE_FROM                                                                            \
    "FROM cases c JOIN units u ON u.id = c.unit_id JOIN categories cat ON cat.id = "          \
    "c.category_id LEFT JOIN agencies a ON a.id = c.agency_id LEFT JOIN counties co ON "      \
    "co.id = u.county_id LEFT JOIN zones z ON z.id = u.zone_id "
#define CASE_SELECT_FULL CASE_SELECT_COLS("c.description") CASE_FROM
#define CASE_SELECT_LIST CASE_SELECT_COLS("''") CASE_FROM

/* " AND …" restricting `c` to what the viewer may see ($2 agency, $3 user); "" for
 * those who see all; " AND 0" for nobody. */
const char *case_viewer_clause(const struct case_viewer *v);
void case_bind_viewer(store_stmt *st, const struct case_viewer *v);
void case_read_row(store_stmt *st, struct case_row *r, const char *today);
/* An attachment row selected as: id, owner id (case or resolution), name, mime,
 * size, hash, internal. */
void case_read_attachment(store_stmt *st, struct case_attachment *a);
/* Steps st (bound, selecting those columns) calling fn on each row until it returns
 * non-zero; finishes st. */
int case_each_attachment(store_stmt *st, int (*fn)(void *arg, const struct case_attachment *a),
                         void *arg);

int case_event_add(store_conn *c, const struct user *actor, int64_t case_id, const char *now,
                   const char *kind, const char *from, const char *to, int64_t agency_id,
                   const char *due_on, const char *body, bool internal, int64_t *event_id);
int case_audit(store_conn *c, const struct user *actor, const char *action, int64_t case_id,
               int64_t event_id, const char *from, const char *to, int64_t version);
int case_notify_agency(store_conn *c, int64_t agency_id, int64_t case_id, const char *kind,
                       const char *body, const char *now);
int case_notify_secretariat(store_conn *c, int64_t case_id, const char *kind, const char *body,
                            const char *now);
int case_notify_unit(store_conn *c, int64_t unit_id, int64_t case_id, const char *kind,
                     const char *body, const char *now);

/* A case row is ~9 KiB: taken from the heap, not a server thread's stack. */
static inline struct case_row *calloc_row(void) { return calloc(1, sizeof(struct case_row)); }
static inline void free_row(struct case_row *r) { free(r); }

#endif
