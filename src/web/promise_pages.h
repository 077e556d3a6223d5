/* promise_pages — the handlers of the promise tracker (issue 7), listed in
 * web/routes.c:
 *   pages_promises.c        public index, promise, person, occasion, article pages;
 *                           the rating form on a promise's page
 *   pages_promise_edit.c    the secretariat's form for a new promise
 *   pages_promise_intake.c  article intake: paste or upload, review the candidates
 *   pages_promise_suggest.c the public's suggestion form and the secretariat's review
 *   feed_promises.c         the Atom feed of rating changes
 *   api_promises.c          /api/v1/promises... */
#ifndef TASHIL_PROMISE_PAGES_H
#define TASHIL_PROMISE_PAGES_H

#include "promise/promise.h"
#include "web/app.h"

void page_promises(struct http_req *req, struct http_resp *resp);
void page_promise(struct http_req *req, struct http_resp *resp);
void action_promise_link(struct http_req *req, struct http_resp *resp);
void page_promise_person(struct http_req *req, struct http_resp *resp);
void page_promise_occasion(struct http_req *req, struct http_resp *resp);
void page_promise_article(struct http_req *req, struct http_resp *resp);
void action_promise_rate(struct http_req *req, struct http_resp *resp);

void page_promise_new(struct http_req *req, struct http_resp *resp);
void action_promise_create(struct http_req *req, struct http_resp *resp);

void page_promise_intake(struct http_req *req, struct http_resp *resp);
void action_promise_intake(struct http_req *req, struct http_resp *resp);
void action_promise_intake_accept(struct http_req *req, struct http_resp *resp);

void page_promise_suggest(struct http_req *req, struct http_resp *resp);
void action_promise_suggest(struct http_req *req, struct http_resp *resp);
void page_promise_suggestions(struct http_req *req, struct http_resp *resp);
void page_promise_suggestion(struct http_req *req, struct http_resp *resp);
void action_promise_suggestion_reject(struct http_req *req, struct http_resp *resp);

void feed_promises(struct http_req *req, struct http_resp *resp);

void api_promises(struct http_req *req, struct http_resp *resp);
void api_promise(struct http_req *req, struct http_resp *resp);
void api_promise_people(struct http_req *req, struct http_resp *resp);
void api_promise_create(struct http_req *req, struct http_resp *resp);
void api_promise_rate(struct http_req *req, struct http_resp *resp);
void api_promise_extract(struct http_req *req, struct http_resp *resp);

/* The form for a new promise, pre-filled from `in` with errors beside the fields
 * (shared by the new-promise page and the suggestion review). */
void promise_form_render(struct http_req *req, struct http_resp *resp,
                         const struct promise_input *in, const struct promise_errors *errs,
                         long long suggestion_id);

#endif
