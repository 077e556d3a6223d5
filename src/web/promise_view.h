/* promise_view — the pieces the promise pages share: Jalali dates and Persian
 * digits for people, rating badges, the bar chart of ratings (inline SVG whose bar
 * widths are attributes, since the CSP forbids style attributes), field errors, the
 * list of promises, and the <link> to promises.css.
 *
 * Everything writes through view/html.h; nothing here touches SQL except through
 * store_promises.h. */
#ifndef TASHIL_PROMISE_VIEW_H
#define TASHIL_PROMISE_VIEW_H

#include <stdint.h>

#include "core/buf.h"
#include "promise/promise.h"
#include "store/store_promises.h"
#include "web/app.h"

/* The page head for promise pages: layout_begin plus the promises stylesheet. */
void pv_begin(struct http_req *req, buf *b, const char *title, const char *active);

void pv_date(buf *b, const char *iso);         /* «۱۲ مرداد ۱۴۰۳», or «—» */
void pv_num(buf *b, int64_t n);                /* «۱٬۲۳۴» */
/* "۱۴۰۳/۰۵/۱۲" for a form's value (an arena string; "" for ""). */
const char *pv_jalali_short(arena *a, const char *iso);
void pv_rating(buf *b, const char *code);      /* <span class="rating r-kept">محقق شد</span> */
/* <p class="field-error" id="err-FIELD"> when the field has an error. */
void pv_field_error(buf *b, const struct promise_errors *errs, const char *field);
/* aria attributes for an input whose field has an error. */
void pv_invalid_attrs(buf *b, const struct promise_errors *errs, const char *field);

/* The chart of counts per rating; each bar links to base_query + "rating=CODE". */
void pv_chart(buf *b, const int64_t counts[PR_COUNT], const char *base_query);
/* The promises under f as a list; returns a STORE_* code. *shown (when not NULL)
 * gets how many were listed. */
int pv_list(buf *b, store_conn *db, const struct promise_filter *f, int *shown);

/* <option value="…" [selected]>label</option> */
void pv_option(buf *b, const char *value, const char *label, bool selected);
/* A labelled text input in a <div>, with the field's error beside it. */
void pv_input(buf *b, const char *name, const char *label, const char *value, const char *hint,
              const struct promise_errors *errs, const char *field);
/* 404 for STORE_ENOTFOUND, else 500. */
void pv_store_error(struct http_req *req, struct http_resp *resp, int rc);

/* The promise named by the path's {id}: returns the request's connection with *p
 * filled, or NULL after writing 404 / 500 / 503. */
store_conn *pv_promise_from_path(struct http_req *req, struct http_resp *resp,
                                 struct promise_rec *p);

/* A positive integer path parameter, or 0. */
int64_t pv_param_id(struct http_req *req, const char *name);
/* True for the roles that may create, rate and review promises. */
bool pv_can_edit(struct http_req *req);

#endif
