/* api_meetings — the working group's sessions and resolutions in the JSON API
 * (issue 6), documented in openapi.json:
 *
 *   sessions (api_meetings.c): the bodies that meet; sessions with their attendance,
 *   agenda and the resolutions issued at them. Admin, secretariat and members read;
 *   admin and the secretariat write (members 403); for everyone else sessions do not
 *   exist (404, like a missing record).
 *   resolutions (api_resolutions.c): lists, one resolution with its history, the
 *   lifecycle actions (objection, ruling, outcome), the report by agency / category /
 *   session / month for the working group, and totals for the public. Which
 *   resolutions a caller reaches is the store's rule: a liaison its agency's, a
 *   producer those deciding its cases (404 beyond).
 *
 * Routes are signed-in only (the store's viewer decides the rest) except the public
 * totals and the report (working group). Every write goes through the store, which
 * checks the lifecycle and writes the audit event in the same transaction; a refused
 * call writes nothing. Sessions and resolutions carry ETag "v<version>": PUT needs
 * If-Match (428 when missing, 409 when stale); status changes and actions take it
 * optionally. */
#ifndef TASHIL_API_MEETINGS_H
#define TASHIL_API_MEETINGS_H

#include "auth/roles.h"
#include "http/http.h"

/* The resolution report is for the working group (route flag). */
#define API_RESOLUTION_REPORT_READERS ((unsigned)(ROLE_ADMIN | ROLE_SECRETARIAT | ROLE_MEMBER))

void api_meeting_bodies(struct http_req *req, struct http_resp *resp);
void api_meetings_list(struct http_req *req, struct http_resp *resp);
void api_meeting_create(struct http_req *req, struct http_resp *resp);
void api_meeting_get(struct http_req *req, struct http_resp *resp);
void api_meeting_update(struct http_req *req, struct http_resp *resp);
void api_meeting_status(struct http_req *req, struct http_resp *resp);
void api_meeting_attendees(struct http_req *req, struct http_resp *resp);
void api_meeting_attendee_add(struct http_req *req, struct http_resp *resp);
void api_meeting_attendee_remove(struct http_req *req, struct http_resp *resp);
void api_meeting_items(struct http_req *req, struct http_resp *resp);
void api_meeting_item_add(struct http_req *req, struct http_resp *resp);
void api_meeting_item_update(struct http_req *req, struct http_resp *resp);
void api_meeting_item_remove(struct http_req *req, struct http_resp *resp);
void api_meeting_resolutions(struct http_req *req, struct http_resp *resp);
void api_meeting_resolution_issue(struct http_req *req, struct http_resp *resp);

void api_resolutions_list(struct http_req *req, struct http_resp *resp);
void api_resolution_get(struct http_req *req, struct http_resp *resp);
void api_resolution_act(struct http_req *req, struct http_resp *resp);
void api_resolution_events(struct http_req *req, struct http_resp *resp);
void api_resolutions_report(struct http_req *req, struct http_resp *resp);
void api_resolutions_stats(struct http_req *req, struct http_resp *resp);

void api_resolution_attachments(struct http_req *req, struct http_resp *resp);
void api_resolution_attach(struct http_req *req, struct http_resp *resp);
void api_resolution_attachment(struct http_req *req, struct http_resp *resp);

#endif
