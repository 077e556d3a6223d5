/* pages_meetings — the working group's sessions and resolutions for people: the
 * list of sessions, a session's page (facts, attendance, agenda, notes and
 * resolutions, each with its form), the minutes' print view and PDF, the list of
 * resolutions (an agency's open ones), a resolution's page with its lifecycle
 * actions and the printable notice, and the reports. */
#ifndef TASHIL_PAGES_MEETINGS_H
#define TASHIL_PAGES_MEETINGS_H

#include "web/app.h"

void page_meetings(struct http_req *req, struct http_resp *resp);
void page_meeting_new(struct http_req *req, struct http_resp *resp);
void action_meeting_create(struct http_req *req, struct http_resp *resp);
void page_meeting(struct http_req *req, struct http_resp *resp);
void action_meeting_update(struct http_req *req, struct http_resp *resp);
void action_meeting_status(struct http_req *req, struct http_resp *resp);
void action_meeting_attendee_add(struct http_req *req, struct http_resp *resp);
void action_meeting_attendee_remove(struct http_req *req, struct http_resp *resp);
void action_meeting_item_add(struct http_req *req, struct http_resp *resp);
void action_meeting_item_move(struct http_req *req, struct http_resp *resp);
void action_meeting_item_remove(struct http_req *req, struct http_resp *resp);
void action_meeting_item_notes(struct http_req *req, struct http_resp *resp);
void action_resolution_issue(struct http_req *req, struct http_resp *resp);
void page_minutes(struct http_req *req, struct http_resp *resp);
void page_minutes_pdf(struct http_req *req, struct http_resp *resp);
void page_resolutions(struct http_req *req, struct http_resp *resp);
void page_resolution(struct http_req *req, struct http_resp *resp);
void action_resolution_act(struct http_req *req, struct http_resp *resp);
void action_resolution_attach(struct http_req *req, struct http_resp *resp);
void page_resolution_attachment(struct http_req *req, struct http_resp *resp);
void page_resolution_notice(struct http_req *req, struct http_resp *resp);
void page_resolution_report(struct http_req *req, struct http_resp *resp);
void page_resolution_report_csv(struct http_req *req, struct http_resp *resp);
void page_resolution_stats(struct http_req *req, struct http_resp *resp);

/* Internal to the session pages: the session page with one form's errors shown
 * beside its fields (form = "attendee", "item", "resolution", "edit"; NULL = none). */
void meeting_page_render(struct http_req *req, struct http_resp *resp, store_conn *db,
                         int64_t id, const char *form, const struct field_errors *errs);
const char *meeting_posted(void *ctx, const char *field);

#endif
