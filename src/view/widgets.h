/* widgets — the pieces pages are built from, all through html_fmt (escaped):
 * Persian numbers and Jalali dates for people, form fields with their error beside
 * them, select boxes from vocabularies, pagination and the filter bar's hidden
 * state. Each widget writes complete, balanced markup. */
#ifndef TASHIL_WIDGETS_H
#define TASHIL_WIDGETS_H

#include <stdint.h>

#include "core/buf.h"
#include "registry/registry.h"

/* ۱٬۲۳۴ */
void w_int(buf *b, int64_t v);
/* ۱۲٫۵ with the given number of decimals */
void w_decimal(buf *b, double v, int decimals);
/* An ISO date or timestamp ("2025-03-21", "2025-03-21T10:00:00Z") as ۱۴۰۴/۰۱/۰۱;
 * long style "۱ فروردین ۱۴۰۴" when long_style. Empty input writes "—". */
void w_date(buf *b, const char *iso, int long_style);
/* Text with ASCII digits shown as Persian digits (escaped). */
void w_text_fa_digits(buf *b, const char *s);

/* A labelled input. `error` (Persian, may be NULL) is shown beside the field and
 * marks it aria-invalid. type is "text", "number", "date", ... */
void w_input(buf *b, const char *name, const char *label, const char *value, const char *type,
             const char *error, int required, const char *hint);
void w_textarea(buf *b, const char *name, const char *label, const char *value,
                const char *error);
/* A select over a vocabulary; empty_label adds a first "no choice" option. */
void w_select_vocab(buf *b, const char *name, const char *label, const struct vocab *v,
                    const char *selected, const char *empty_label, const char *error);
/* Start and end of a select whose options the caller writes with w_option. */
void w_select_begin(buf *b, const char *name, const char *label, const char *error);
void w_option(buf *b, const char *value, const char *label, int selected);
void w_select_end(buf *b, const char *error);

/* "نمایش ۱ تا ۵۰ از ۳٬۰۰۰" and previous/next links keeping the query string
 * (without its page parameter). */
void w_pagination(buf *b, const char *path, const char *query_without_page, int page,
                  int per_page, int64_t total);

/* A summary of field errors at the top of a form. */
void w_error_summary(buf *b, const struct field_errors *errs);

#endif
