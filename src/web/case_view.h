/* case_view — how cases look on the pages: the state badge (with the overdue flag),
 * the table of cases used by lists, the inbox and search, Jalali date and time of an
 * ISO instant, and the select boxes of categories and agencies. All escaped. */
#ifndef TASHIL_CASE_VIEW_H
#define TASHIL_CASE_VIEW_H

#include "core/buf.h"
#include "store/store_cases.h"

void case_badge(buf *b, const struct case_row *r);
void case_table_begin(buf *b);
int case_tr(void *b, const struct case_row *r); /* a case_row_fn over a buf */
void case_table_end(buf *b);
/* "۸ آذر ۱۴۰۵ ساعت ۱۴:۳۰" (Tehran) from "2026-11-29T11:00:00Z". */
void case_datetime(buf *b, const char *iso);
/* An amount in rials, with تومان as a labelled second figure. */
void case_amount(buf *b, int64_t rials);
/* Snippet text with \x01…\x02 marks: escaped, marks turned into <mark>. */
void case_snippet(buf *b, const char *s);

void case_select_category(buf *b, store_conn *db, const char *name, int64_t selected,
                          const char *empty_label, const char *error);
void case_select_zone(buf *b, store_conn *db, const char *name, int64_t selected,
                      const char *empty_label);
void case_select_agency(buf *b, store_conn *db, const char *name, int64_t selected,
                        const char *empty_label, const char *error);

/* An attachment as a list item linking to /<base>/<owner>/attachments/<id>, with its
 * size (and «داخلی» when internal). `arg` is a struct attachment_list. */
struct attachment_list {
    buf *b;
    const char *base; /* "cases" or "resolutions" */
    int64_t owner_id;
};
int attachment_li(void *arg, const struct case_attachment *a);
/* Opens the upload form (multipart, CSRF, the file field); the caller adds any other
 * field, the button and </form>. */
void attachment_form_begin(buf *b, const char *base, int64_t owner_id, const char *csrf,
                           const char *label);

#endif
