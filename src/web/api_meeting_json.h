/* api_meeting_json — what the session and resolution API handlers (api_meetings.c,
 * api_resolutions.c) share: a strict JSON body read as the text fields that
 * meetings/meeting_input.h parses (so the API and the pages validate alike), list
 * paging as the cases API pages (limit + offset), query filters, a resolution as
 * JSON, and a refused store call as its HTTP answer.
 *
 * Like api_json.h, every helper that can fail writes the error response itself and
 * returns false / NULL. Errors are {"error":{"code","message"[,"fields"]}}, English;
 * records carry ASCII digits, ISO dates and, beside each state code, its Persian
 * label (state_label, status_label). */
#ifndef TASHIL_API_MEETING_JSON_H
#define TASHIL_API_MEETING_JSON_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "core/arena.h"
#include "http/http.h"
#include "registry/registry_json.h"
#include "store/store_meetings.h"

/* The JSON type a body member must have; null always counts as absent. */
enum api_member_type { API_STRING, API_INTEGER, API_BOOLEAN, API_ID_ARRAY };
struct api_member {
    const char *name;
    enum api_member_type type;
};

/* What a body may hold: its members with their types. */
struct api_body_spec {
    const struct api_member *members;
    int n;
};
/* The bodies of the sessions and resolutions API, as openapi.json names them. */
extern const struct api_body_spec api_body_meeting, /* MeetingInput */
    api_body_status,                                /* MeetingStatusInput */
    api_body_attendee,                              /* AttendeeInput */
    api_body_item,                                  /* AgendaItemInput */
    api_body_item_patch,                            /* AgendaItemPatch */
    api_body_resolution,                            /* ResolutionInput */
    api_body_action;                                /* ResolutionActionInput */

/* The largest body these endpoints read (the longest text is 8000 bytes). */
enum { API_MEETING_BODY_MAX = 64 * 1024 };

/* The body: sent as application/json (else 415), at most API_MEETING_BODY_MAX bytes
 * (else 413), valid UTF-8 JSON (else 400), of the shape api_body_shape_ok checks
 * (else 400 naming the member). The caller json_decref()s it. */
json_t *api_meeting_body(struct http_req *req, struct http_resp *resp,
                         const struct api_body_spec *spec);
/* The shape alone (pure): doc is an object whose members are all in the spec with
 * their types; else false and *shape names the member. */
bool api_body_shape_ok(const json_t *doc, const struct api_body_spec *spec,
                       struct json_shape_error *shape);

/* A field_getter over such a body (ctx: struct api_body_fields): strings as they
 * are, integers in decimal, booleans "true" / "false", id arrays "1, 2, 3"; NULL
 * for a member absent or null. Texts it makes live in the arena (the request's). */
struct api_body_fields {
    json_t *doc;
    arena *a;
};
const char *api_body_field(void *ctx, const char *field);

/* ?limit= (1-500, default 50) and ?offset= (default 0), as the cases API reads them;
 * 400 when malformed. */
bool api_meeting_page(struct http_req *req, struct http_resp *resp, int *limit, int *offset);
/* An optional ISO date from the query into out ("" when absent); 400 when malformed. */
bool api_query_date(struct http_req *req, struct http_resp *resp, const char *name, char out[11]);
/* An optional flag from the query: 1 / true, 0 / false, absent = false; 400 otherwise. */
bool api_query_flag(struct http_req *req, struct http_resp *resp, const char *name, bool *on);
/* {"items": items, "total", "limit", "offset"}; items is stolen. */
json_t *api_list_doc(json_t *items, int64_t total, int limit, int offset);

/* Tehran's date today, ISO (the day every rule about windows and deadlines uses). */
void api_today(char out[11]);

/* A resolution as the API shows it to viewer v: with state and state_label, the
 * window, the cases it decides and the actions v may take on it now. */
json_t *api_resolution_json(const struct resolution_row *r, const struct case_viewer *v,
                            const char *today);

/* Answers one resolution as viewer v reaches it, with its ETag (201 adds Location). */
void api_send_resolution(struct http_req *req, struct http_resp *resp, store_conn *db,
                         const struct case_viewer *v, int64_t id, int status);
/* Answers a page of the resolutions viewer v reaches under f (limit and offset set). */
void api_send_resolution_page(struct http_req *req, struct http_resp *resp, store_conn *db,
                              const struct case_viewer *v, const struct resolution_filter *f);

/* The answer to a refused store call that means the same everywhere: 404 (missing or
 * out of reach), 403 (role), 409 (stale version: `what` names the record), 503
 * (database busy), else 500. */
void api_meeting_refusal(struct http_req *req, struct http_resp *resp, int rc, const char *what);

#endif
