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
/* The promises under f as a list; returns a STORE_* code. */
int pv_list(buf *b, store_conn *db, const struct promise_filter *f);

/* A positive integer path parameter, or 0. */
int64_t pv_param_id(struct http_req *req, const char *name);
/* The caller as a layout user. */
struct layout_user pv_who(struct http_req *req);
/* True for the roles that may create, rate and review promises. */
bool pv_can_edit(struct http_req *req);

#endif
