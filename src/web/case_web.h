/* case_web — what the case pages and the case API share: the caller as a store
 * viewer, list filters read from a query string, the default due date of a referral
 * (the category's answer time in Iranian working days), storing and serving
 * attachments, and turning a store refusal into the designed HTTP answer (404 where
 * existence must not leak, 403, 409 naming the allowed actions). */
#ifndef TASHIL_CASE_WEB_H
#define TASHIL_CASE_WEB_H

#include <stdbool.h>

#include "store/store_cases.h"
#include "web/app.h"

struct case_viewer web_case_viewer(struct http_req *req);

/* Fills f from the query string: state, category_id, agency_id, zone_id, county
 * (name) or county_id, overdue, from/to (Jalali for pages when jalali is set, else
 * ISO), q (into match, which the caller owns), page/limit. */
void case_filter_from_query(struct http_req *req, store_conn *db, struct case_filter *f,
                            buf *match, bool jalali);

/* today + the category's answer days, in working days (Fridays, holidays off). */
int case_default_due(store_conn *db, int64_t category_id, char out[11]);

/* The inbox of the caller's role: its sections (key for the API, Persian title,
 * the full list's query string or NULL, the filter). Returns how many. */
enum { CASE_INBOX_MAX = 4 };
struct case_inbox_section {
    const char *key, *title, *more;
    struct case_filter f;
};
int case_inbox_sections(struct http_req *req, store_conn *db,
                        struct case_inbox_section out[CASE_INBOX_MAX]);

/* Checks, stores the file and adds the row. Returns an HTTP status: 201, or 404
 * (case not visible), 403, 409 (closed case), 413 (over the cap), 415 / 422 (type
 * or name refused), 500; *why gets the refusal for the error response. */
int case_web_attach(struct http_req *req, store_conn *db, int64_t case_id, const char *name,
                    const void *data, size_t n, bool internal, struct case_attachment *att,
                    const char **why_en, const char **why_fa);
/* Writes the download (Content-Disposition: attachment) or the error. */
void case_web_download(struct http_req *req, struct http_resp *resp, store_conn *db,
                       int64_t case_id, int64_t att_id);

/* Sends a stored file as a download (Content-Disposition: attachment, no caching). */
void web_send_attachment(struct http_req *req, struct http_resp *resp,
                         const struct case_attachment *att);
/* Checks a file (type sniffed, name agreeing, cap) and stores it under its hash,
 * filling att's name, mime, size and hash. 0, or the HTTP status of the refusal
 * (413, 415, 422, 500) with its reasons. */
int web_store_upload(struct http_req *req, const char *name, const void *data, size_t n,
                     struct case_attachment *att, const char **why_en, const char **why_fa);

/* Appends an attachment's JSON ({id, name, mime, size, sha, internal}) to the jansson
 * array arg (a store callback). */
int api_attachment_item(void *arg, const struct case_attachment *a);

/* The API's answer to an upload: 201 with the stored file's JSON, or the refusal. */
void api_attach_reply(struct http_req *req, struct http_resp *resp, int status,
                      const struct case_attachment *att, const char *why_en, const char *why_fa);

/* The response for a refused store call. `allowed` is from store_case_act. */
void case_web_refusal(struct http_req *req, struct http_resp *resp, int rc, unsigned allowed);

/* A positive id from outside text (any digits); 0 when it is not one. */
int64_t case_id_text(const char *s);

#endif
