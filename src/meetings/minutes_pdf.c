/* minutes_pdf — see minutes_pdf.h. The document's parts in reading order, each placed
 * through pdf_flow (which splits paragraphs at page ends and draws the footers).
 * Table cells and signature boxes are clamped (bytes and lines) so that a row always
 * fits on a page; paragraphs — titles, notes, resolutions — are never clamped. */
#include "meetings/minutes_pdf.h"

#include <stdio.h>
#include <string.h>

#include "meetings/pdf_flow.h"
#include "text/fa_num.h"

#define CELL_MAX_BYTES 600 /* table cells and signature boxes */
#define CELL_MAX_LINES 4
#define PAD 4.0           /* inside table cells */
#define LABEL_W 26.0      /* the number column of numbered paragraphs */
#define SIGN_COLS 3
#define SIGN_ROOM 44.0    /* blank height to sign in */

static const char *or_dash(const char *s) { return s && *s ? s : "—"; }
static bool has(const char *s) { return s && *s; }

/* n in Persian digits; "" if it cannot be formatted. */
static void fa_int(long n, char out[32]) {
    if (fa_num_format_i64(n, out, 32)) out[0] = 0;
}

static void heading(struct pdf_flow *f, const char *text, enum pdf_style st, double before,
                    double keep) {
    pdf_flow_space(f, before);
    pdf_text_begin(f);
    pdf_text_add(f, text, 0, 0);
    PangoLayout *l = pdf_text_layout(f, st, PDF_FRAME_W, 0);
    double h = pdf_layout_height(l);
    /* Keep a heading with the first lines after it, when the two can fit a page. */
    if (h + keep < PDF_BODY_B - PDF_FRAME_T) pdf_flow_need(f, h + keep);
    pdf_flow_paragraph(f, l, PDF_FRAME_L, NULL, NULL);
    pdf_flow_space(f, 3);
}

/* The rich text built so far, as a paragraph the frame's width. */
static void paragraph(struct pdf_flow *f, enum pdf_style st) {
    pdf_flow_paragraph(f, pdf_text_layout(f, st, PDF_FRAME_W, 0), PDF_FRAME_L, NULL, NULL);
}

/* Text of several paragraphs (split at line ends; blank lines dropped), justified,
 * `indent` points narrower on the right, with a little space between paragraphs. */
static void prose(struct pdf_flow *f, const char *text, double indent) {
    if (!has(text)) text = "—";
    bool any = false;
    for (const char *p = text; *p;) {
        size_t n = strcspn(p, "\r\n");
        size_t blank = strspn(p, " \t");
        if (blank < n) {
            if (any) pdf_flow_space(f, 3);
            pdf_text_begin(f);
            pdf_text_addn(f, p, n, 0, 0);
            pdf_flow_paragraph(f, pdf_text_layout(f, PDF_ST_PROSE, PDF_FRAME_W - indent, 0),
                               PDF_FRAME_L, NULL, NULL);
            any = true;
        }
        p += n;
        p += strspn(p, "\r\n");
    }
    if (!any) {
        pdf_text_begin(f);
        pdf_text_add(f, "—", 0, 0);
        paragraph(f, PDF_ST_PROSE);
    }
}

/* «label» in the right-hand number column beside the rich text built so far. */
static void numbered(struct pdf_flow *f, const char *label, enum pdf_style st) {
    PangoLayout *body = pdf_text_layout(f, st, PDF_FRAME_W - LABEL_W, 0);
    pdf_text_begin(f);
    pdf_text_add(f, label, 0, 40);
    PangoLayout *num = pdf_text_layout(f, PDF_ST_BODY, LABEL_W - 4, 1);
    int page;
    double y;
    pdf_flow_paragraph(f, body, PDF_FRAME_L, &page, &y);
    pdf_flow_put(f, num, page, PDF_FRAME_R - LABEL_W + 4, y);
}

/* ---- header ------------------------------------------------------------------------ */

static void header(struct pdf_flow *f, const struct minutes_doc *doc) {
    if (has(doc->body)) {
        pdf_text_begin(f);
        pdf_text_add(f, doc->body, 0, 0);
        paragraph(f, PDF_ST_SUBTITLE);
        pdf_flow_space(f, 4);
    }
    pdf_text_begin(f);
    pdf_text_add(f, "صورتجلسه", 0, 0);
    paragraph(f, PDF_ST_TITLE);
    pdf_flow_space(f, 6);

    pdf_text_begin(f);
    pdf_text_add(f, "شماره جلسه: ", PDF_BOLD, 0);
    pdf_text_add(f, or_dash(doc->number), PDF_ISOLATE, 0);
    pdf_text_add(f, "     تاریخ: ", PDF_BOLD, 0);
    pdf_text_add(f, or_dash(doc->date), PDF_ISOLATE, 0);
    pdf_text_add(f, "     ساعت: ", PDF_BOLD, 0);
    pdf_text_add(f, or_dash(doc->time), PDF_ISOLATE, 0);
    paragraph(f, PDF_ST_CENTER);
    pdf_text_begin(f);
    pdf_text_add(f, "محل جلسه: ", PDF_BOLD, 0);
    pdf_text_add(f, or_dash(doc->place), PDF_ISOLATE, 0);
    paragraph(f, PDF_ST_CENTER);

    pdf_flow_space(f, 8);
    pdf_flow_rule(f, f->page, PDF_FRAME_L, f->y, PDF_FRAME_R, f->y, 0.8, 0.3);
    pdf_flow_space(f, 6);
}

/* ---- attendees --------------------------------------------------------------------- */

enum { ATT_COLS = 5 };
/* Right to left: row, name, position, agency, full authority. */
static const double att_widths[ATT_COLS] = {30, 125, 145, 128.2, 65};

/* One table row of cells (already laid out), kept whole; the header row is repeated
 * at the top of every page the table continues on. */
static void table_row(struct pdf_flow *f, PangoLayout *const *cells, const double *widths, int ncols,
                      bool is_head, PangoLayout *const *head) {
    double h = 0;
    for (int c = 0; c < ncols; c++) {
        double ch = pdf_layout_height(cells[c]);
        if (ch > h) h = ch;
    }
    h += 2 * PAD;
    if (!f->page_fresh && f->y + h > PDF_BODY_B) {
        pdf_flow_new_page(f);
        if (head) table_row(f, head, widths, ncols, true, NULL);
    }
    double top = f->y, right = PDF_FRAME_R;
    if (is_head) pdf_flow_fill(f, f->page, PDF_FRAME_L, top, PDF_FRAME_W, h, 0.9);
    pdf_flow_rule(f, f->page, PDF_FRAME_L, top, PDF_FRAME_R, top, 0.5, 0.4);
    pdf_flow_rule(f, f->page, PDF_FRAME_L, top + h, PDF_FRAME_R, top + h, 0.5, 0.4);
    pdf_flow_rule(f, f->page, right, top, right, top + h, 0.5, 0.4);
    for (int c = 0; c < ncols; c++) {
        double left = right - widths[c];
        pdf_flow_put(f, cells[c], f->page, left + PAD, top + PAD);
        pdf_flow_rule(f, f->page, left, top, left, top + h, 0.5, 0.4);
        right = left;
    }
    f->y = top + h;
    f->page_fresh = false;
}

static PangoLayout *cell(struct pdf_flow *f, const char *text, enum pdf_style st, double width) {
    pdf_text_begin(f);
    pdf_text_add(f, text, 0, CELL_MAX_BYTES);
    return pdf_text_layout(f, st, width - 2 * PAD, CELL_MAX_LINES);
}

static void attendees(struct pdf_flow *f, const struct minutes_doc *doc) {
    heading(f, "حاضران", PDF_ST_H1, 10, 60);
    if (!doc->nattendees || !doc->attendees) {
        pdf_text_begin(f);
        pdf_text_add(f, "حاضری ثبت نشده است.", 0, 0);
        paragraph(f, PDF_ST_BODY);
        return;
    }
    static const char *const titles[ATT_COLS] = {"ردیف", "نام و نام خانوادگی", "سمت", "دستگاه",
                                                 "اختیار"};
    PangoLayout *head[ATT_COLS];
    for (int c = 0; c < ATT_COLS; c++) head[c] = cell(f, titles[c], PDF_ST_CELL_HEAD, att_widths[c]);
    if (f->failed) return;
    table_row(f, head, att_widths, ATT_COLS, true, NULL);
    for (size_t i = 0; i < doc->nattendees && !f->failed; i++) {
        const struct minutes_attendee *a = &doc->attendees[i];
        char n[32];
        fa_int((long)i + 1, n);
        PangoLayout *row[ATT_COLS] = {
            cell(f, n, PDF_ST_CELL, att_widths[0]),
            cell(f, or_dash(a->name), PDF_ST_CELL, att_widths[1]),
            cell(f, or_dash(a->position), PDF_ST_CELL, att_widths[2]),
            cell(f, or_dash(a->agency), PDF_ST_CELL, att_widths[3]),
            cell(f, a->full_authority ? "با اختیار تام" : "", PDF_ST_CELL, att_widths[4]),
        };
        if (f->failed) return;
        table_row(f, row, att_widths, ATT_COLS, false, head);
    }
}

/* ---- agenda and items -------------------------------------------------------------- */

static long item_number(const struct minutes_item *it, size_t i) {
    return it->position > 0 ? it->position : (long)i + 1;
}

static void agenda(struct pdf_flow *f, const struct minutes_doc *doc) {
    heading(f, "دستور جلسه", PDF_ST_H1, 14, 40);
    if (!doc->nitems || !doc->items) {
        pdf_text_begin(f);
        pdf_text_add(f, "دستوری ثبت نشده است.", 0, 0);
        paragraph(f, PDF_ST_BODY);
        return;
    }
    for (size_t i = 0; i < doc->nitems && !f->failed; i++) {
        const struct minutes_item *it = &doc->items[i];
        char n[32], label[40];
        fa_int(item_number(it, i), n);
        int len = snprintf(label, sizeof label, "%s.", n);
        if (len < 0 || (size_t)len >= sizeof label) label[0] = 0;
        pdf_text_begin(f);
        pdf_text_add(f, or_dash(it->title), PDF_ISOLATE, 0);
        if (has(it->applicant)) {
            pdf_text_add(f, " — متقاضی: ", PDF_BOLD, 0);
            pdf_text_add(f, it->applicant, PDF_ISOLATE, 0);
        }
        numbered(f, label, PDF_ST_BODY);
        pdf_flow_space(f, 3);
    }
}

static void resolution(struct pdf_flow *f, const struct minutes_resolution *r, size_t k) {
    char n[32];
    fa_int((long)k + 1, n);
    pdf_text_begin(f);
    pdf_text_add(f, "مصوبه ", PDF_BOLD, 0);
    pdf_text_add(f, n, PDF_BOLD, 0);
    if (has(r->number)) {
        pdf_text_add(f, " (شماره ", 0, 0);
        pdf_text_add(f, r->number, PDF_ISOLATE, 0);
        pdf_text_add(f, ")", 0, 0);
    }
    PangoLayout *title = pdf_text_layout(f, PDF_ST_BODY, PDF_FRAME_W, 0);
    pdf_flow_need(f, pdf_layout_height(title) + 30);
    pdf_flow_paragraph(f, title, PDF_FRAME_L, NULL, NULL);

    prose(f, r->text, LABEL_W);

    pdf_text_begin(f);
    pdf_text_add(f, "دستگاه مسئول: ", PDF_BOLD, 0);
    pdf_text_add(f, or_dash(r->agency), PDF_ISOLATE, 0);
    pdf_text_add(f, "\n", PDF_KEEP_LINES, 0);
    pdf_text_add(f, "مهلت اجرا: ", PDF_BOLD, 0);
    pdf_text_add(f, or_dash(r->deadline), PDF_ISOLATE, 0);
    if (has(r->cases)) {
        pdf_text_add(f, "\n", PDF_KEEP_LINES, 0);
        pdf_text_add(f, "پرونده‌ها: ", PDF_BOLD, 0);
        pdf_text_add(f, r->cases, PDF_ISOLATE, 0);
    }
    pdf_flow_paragraph(f, pdf_text_layout(f, PDF_ST_BODY, PDF_FRAME_W - LABEL_W, 0), PDF_FRAME_L,
                       NULL, NULL);
    pdf_flow_space(f, 6);
}

static void item(struct pdf_flow *f, const struct minutes_item *it, size_t i) {
    char n[32];
    fa_int(item_number(it, i), n);
    pdf_flow_space(f, 12);
    pdf_text_begin(f);
    pdf_text_add(f, "بند ", PDF_BOLD, 0);
    pdf_text_add(f, n, PDF_BOLD, 0);
    pdf_text_add(f, ": ", PDF_BOLD, 0);
    pdf_text_add(f, or_dash(it->title), PDF_BOLD | PDF_ISOLATE, 0);
    PangoLayout *title = pdf_text_layout(f, PDF_ST_H2, PDF_FRAME_W, 0);
    double h = pdf_layout_height(title);
    if (h + 70 < PDF_BODY_B - PDF_FRAME_T) pdf_flow_need(f, h + 70);
    pdf_flow_paragraph(f, title, PDF_FRAME_L, NULL, NULL);
    if (has(it->applicant)) {
        pdf_text_begin(f);
        pdf_text_add(f, "متقاضی: ", PDF_BOLD, 0);
        pdf_text_add(f, it->applicant, PDF_ISOLATE, 0);
        paragraph(f, PDF_ST_BODY);
    }

    heading(f, "خلاصه مذاکرات", PDF_ST_H3, 6, 30);
    prose(f, it->notes, 0);

    heading(f, "مصوبات", PDF_ST_H3, 8, 50);
    if (!it->nresolutions || !it->resolutions) {
        pdf_text_begin(f);
        pdf_text_add(f, "مصوبه‌ای ندارد.", 0, 0);
        paragraph(f, PDF_ST_BODY);
        return;
    }
    for (size_t k = 0; k < it->nresolutions && !f->failed; k++) resolution(f, &it->resolutions[k], k);
}

/* ---- signatures -------------------------------------------------------------------- */

struct signer {
    const char *role, *name, *position, *agency;
};

static void signature_row(struct pdf_flow *f, const struct signer *s, int n) {
    const double w = PDF_FRAME_W / SIGN_COLS;
    PangoLayout *boxes[SIGN_COLS];
    double h = 0;
    for (int c = 0; c < n; c++) {
        pdf_text_begin(f);
        if (has(s[c].role)) {
            pdf_text_add(f, s[c].role, PDF_BOLD, CELL_MAX_BYTES);
            pdf_text_add(f, "\n", PDF_KEEP_LINES, 0);
        }
        pdf_text_add(f, or_dash(s[c].name), PDF_ISOLATE | (has(s[c].role) ? 0 : PDF_BOLD), CELL_MAX_BYTES);
        if (has(s[c].position) || has(s[c].agency)) {
            pdf_text_add(f, "\n", PDF_KEEP_LINES, 0);
            if (has(s[c].position)) pdf_text_add(f, s[c].position, PDF_ISOLATE, CELL_MAX_BYTES);
            if (has(s[c].position) && has(s[c].agency)) pdf_text_add(f, "، ", 0, 0);
            if (has(s[c].agency)) pdf_text_add(f, s[c].agency, PDF_ISOLATE, CELL_MAX_BYTES);
        }
        boxes[c] = pdf_text_layout(f, PDF_ST_SIGN, w - 2 * PAD - 8, CELL_MAX_LINES + 1);
        double bh = pdf_layout_height(boxes[c]);
        if (bh > h) h = bh;
    }
    if (f->failed) return;
    h += SIGN_ROOM + 2 * PAD;
    pdf_flow_need(f, h);
    double top = f->y, right = PDF_FRAME_R;
    for (int c = 0; c < n; c++) {
        double left = right - w;
        pdf_flow_put(f, boxes[c], f->page, left + PAD + 4, top + PAD);
        double line_y = top + h - PAD - 8;
        pdf_flow_rule(f, f->page, left + 18, line_y, right - 18, line_y, 0.5, 0.35);
        right = left;
    }
    f->y = top + h;
    f->page_fresh = false;
}

static void signatures(struct pdf_flow *f, const struct minutes_doc *doc) {
    heading(f, "امضای حاضران", PDF_ST_H1, 18, 110);
    struct signer row[SIGN_COLS];
    int n = 0;
    row[n++] = (struct signer){"رئیس کارگروه", doc->chair, NULL, NULL};
    row[n++] = (struct signer){"دبیر کارگروه", doc->secretary, NULL, NULL};
    for (size_t i = 0; doc->attendees && i < doc->nattendees && !f->failed; i++) {
        const struct minutes_attendee *a = &doc->attendees[i];
        /* The chair and the secretary sign once, in their own boxes. */
        if (has(a->name) && ((has(doc->chair) && !strcmp(a->name, doc->chair)) ||
                             (has(doc->secretary) && !strcmp(a->name, doc->secretary))))
            continue;
        row[n++] = (struct signer){NULL, a->name, a->position, a->agency};
        if (n == SIGN_COLS) {
            signature_row(f, row, n);
            n = 0;
        }
    }
    if (n) signature_row(f, row, n);
}

/* ---- the document ------------------------------------------------------------------ */

int minutes_pdf_render(const struct minutes_doc *doc, buf *out, char *err, size_t errlen) {
    if (!doc || !out) {
        snprintf(err, errlen, "no document or no output");
        return -1;
    }
    if (out->failed) {
        snprintf(err, errlen, "the output buffer has already refused an append");
        return -1;
    }
    struct pdf_flow f;
    if (pdf_flow_init(&f, err, errlen)) {
        pdf_flow_free(&f);
        return -1;
    }
    header(&f, doc);
    attendees(&f, doc);
    agenda(&f, doc);
    for (size_t i = 0; doc->items && i < doc->nitems && !f.failed; i++) item(&f, &doc->items[i], i);
    signatures(&f, doc);

    buf title;
    buf_init(&title, 4096);
    buf_puts(&title, "صورتجلسه");
    if (has(doc->number)) {
        buf_puts(&title, " شماره ");
        buf_puts(&title, doc->number);
    }
    if (has(doc->body)) {
        buf_puts(&title, " — ");
        buf_puts(&title, doc->body);
    }
    /* A title past the cap is left out rather than cut inside a character. */
    int rc = pdf_flow_finish(&f, title.failed ? "صورتجلسه" : title.data, out, err, errlen);
    buf_free(&title);
    pdf_flow_free(&f);
    return rc;
}
