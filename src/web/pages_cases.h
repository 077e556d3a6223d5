/* pages_cases — handlers of the case pages (lists, inbox, search, export, one case,
 * filing, actions, comments, attachments, notifications, holidays) and of the case
 * API; routes.c lists them in its `cases` block. */
#ifndef TASHIL_PAGES_CASES_H
#define TASHIL_PAGES_CASES_H

#include "http/http.h"

/* pages_cases.c: lists */
void page_cases(struct http_req *req, struct http_resp *resp);
void page_cases_inbox(struct http_req *req, struct http_resp *resp);
void page_cases_search(struct http_req *req, struct http_resp *resp);
void page_cases_csv(struct http_req *req, struct http_resp *resp);
void action_cases_filter_save(struct http_req *req, struct http_resp *resp);
void action_cases_filter_delete(struct http_req *req, struct http_resp *resp);

/* pages_case.c: one case */
void page_case(struct http_req *req, struct http_resp *resp);
void page_case_new(struct http_req *req, struct http_resp *resp);
void action_case_create(struct http_req *req, struct http_resp *resp);
void action_case_act(struct http_req *req, struct http_resp *resp);
void action_case_comment(struct http_req *req, struct http_resp *resp);
void page_case_attachment(struct http_req *req, struct http_resp *resp);
void action_case_attach(struct http_req *req, struct http_resp *resp);

/* pages_case_misc.c: notifications and the holiday table */
void page_notifications(struct http_req *req, struct http_resp *resp);
void action_notifications_read(struct http_req *req, struct http_resp *resp);
void page_holidays(struct http_req *req, struct http_resp *resp);
void action_holiday_set(struct http_req *req, struct http_resp *resp);
void action_holiday_delete(struct http_req *req, struct http_resp *resp);

/* api_cases.c */
void api_cases_list(struct http_req *req, struct http_resp *resp);
void api_cases_inbox(struct http_req *req, struct http_resp *resp);
void api_case_create(struct http_req *req, struct http_resp *resp);
void api_case_get(struct http_req *req, struct http_resp *resp);
void api_case_update(struct http_req *req, struct http_resp *resp);
void api_case_act(struct http_req *req, struct http_resp *resp);
void api_case_events(struct http_req *req, struct http_resp *resp);
void api_case_comment(struct http_req *req, struct http_resp *resp);
void api_case_attachments(struct http_req *req, struct http_resp *resp);
void api_case_attach(struct http_req *req, struct http_resp *resp);
void api_case_attachment(struct http_req *req, struct http_resp *resp);
void api_notifications(struct http_req *req, struct http_resp *resp);

#endif
