/* meeting_view — what the session and resolution pages share: the session's title
 * («جلسه ۱۲ کارگروه … — ۱۴۰۵»), state badges, the table of resolutions used by
 * lists, the refusal of a store call as the designed Persian page, and the minutes'
 * content assembled from the store (minutes_doc) for the print view and the PDF. */
#ifndef TASHIL_MEETING_VIEW_H
#define TASHIL_MEETING_VIEW_H

#include "core/arena.h"
#include "core/buf.h"
#include "meetings/minutes.h"
#include "store/store_meetings.h"
#include "web/app.h"

/* «جلسه ۱۲ (۱۴۰۵)» */
void meeting_title(buf *b, int year, int seq);
void meeting_status_badge(buf *b, enum meeting_status s);
/* The state badge with overdue and window flags. */
void resolution_badge(buf *b, const struct resolution_row *r);
void resolution_table_begin(buf *b, bool with_meeting);
int resolution_tr(void *b, const struct resolution_row *r);     /* with the session column */
int resolution_tr_short(void *b, const struct resolution_row *r); /* without it */
void resolution_table_end(buf *b);
/* The carried-out share of the settled resolutions, «۷۰٪» (— when none is settled). */
void resolution_share(buf *b, const struct resolution_tally *t, int decimals);
/* Cases as links: «پرونده ۱۲، ۱۵». */
void resolution_case_links(buf *b, const struct resolution_row *r);

/* The page for a refused store call: 404 (not found or out of reach), 403 (role),
 * 409 (stale version, state), 422 (future session held, lifecycle rule with its
 * Persian reason, bad reference). */
void meeting_web_refusal(struct http_req *req, struct http_resp *resp, int rc, int rule);

/* Adds an evidence file to resolution id for the caller: refused before anything is
 * stored when the caller may not see the resolution (404) or add files to it (403);
 * then the upload checks (413, 415, 422). Returns 201 or that status, with reasons. */
int resolution_web_attach(struct http_req *req, store_conn *db, int64_t id, const char *name,
                          const void *data, size_t n, struct case_attachment *att,
                          const char **why_en, const char **why_fa);

/* The minutes of session `id` as display text, allocated from `a`. STORE_OK or the
 * store's error. */
int meeting_minutes_doc(store_conn *db, const struct case_viewer *v, int64_t id, arena *a,
                        struct minutes_doc *doc, struct meeting *m);

/* The minutes as printable HTML (pages_minutes.c). */
void minutes_html(buf *b, const struct minutes_doc *d);

#endif
