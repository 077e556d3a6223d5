/* pdf_flow — see pdf_flow.h. Placing records operations in a growable array; the
 * drawing pass sorts them by page (stably) and replays them per page. */
#include "meetings/pdf_flow.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "core/utf8.h"
#include "meetings/pdf_fonts.h"
#include "text/fa_num.h"

#define TEXT_MAX (512u * 1024u) /* one rich text (a field is rarely 1/100 of this) */

enum op_kind { OP_TEXT, OP_RULE, OP_FILL };

struct pdf_op {
    int page;
    size_t seq;             /* placing order, for a stable sort */
    enum op_kind kind;
    PangoLayout *layout;    /* OP_TEXT: lines [line0, line0 + nlines) */
    int line0, nlines;
    double top;             /* OP_TEXT: layout y of line0's top */
    double x, y, x1, y1;    /* OP_TEXT: box left, page y of line0's top; RULE: ends; FILL: x, y, w, h */
    double width, gray;
};

static const struct {
    double size;
    bool bold;
    PangoAlignment align;
    bool justify;
} styles[PDF_ST_COUNT] = {
    [PDF_ST_BODY] = {10.5, false, PANGO_ALIGN_RIGHT, false},
    [PDF_ST_PROSE] = {10.5, false, PANGO_ALIGN_RIGHT, true},
    [PDF_ST_CELL] = {9, false, PANGO_ALIGN_RIGHT, false},
    [PDF_ST_CELL_HEAD] = {9, true, PANGO_ALIGN_RIGHT, false},
    [PDF_ST_CENTER] = {10.5, false, PANGO_ALIGN_CENTER, false},
    [PDF_ST_SIGN] = {9.5, false, PANGO_ALIGN_CENTER, false},
    [PDF_ST_TITLE] = {20, true, PANGO_ALIGN_CENTER, false},
    [PDF_ST_SUBTITLE] = {13, true, PANGO_ALIGN_CENTER, false},
    [PDF_ST_H1] = {13, true, PANGO_ALIGN_RIGHT, false},
    [PDF_ST_H2] = {11.5, true, PANGO_ALIGN_RIGHT, false},
    [PDF_ST_H3] = {10.5, true, PANGO_ALIGN_RIGHT, false},
    [PDF_ST_FOOTER] = {8.5, false, PANGO_ALIGN_CENTER, false},
};

static void fail(struct pdf_flow *f, const char *msg) {
    if (f->failed) return;
    f->failed = true;
    snprintf(f->err, sizeof f->err, "%s", msg);
}

/* Layout in PDF points, unhinted, so positions do not depend on any device. */
static PangoContext *new_context(PangoFontMap *map, PangoDirection dir) {
    PangoContext *pc = pango_font_map_create_context(map);
    pango_cairo_context_set_resolution(pc, 72.0);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(pc, fo);
    cairo_font_options_destroy(fo);
    pango_context_set_round_glyph_positions(pc, FALSE);
    pango_context_set_base_dir(pc, dir);
    pango_context_set_language(pc, pango_language_from_string("fa"));
    return pc;
}

int pdf_flow_init(struct pdf_flow *f, char *err, size_t errlen) {
    memset(f, 0, sizeof *f);
    buf_init(&f->text, TEXT_MAX);
    f->y = PDF_FRAME_T;
    f->page_fresh = true;
    f->fontmap = pdf_font_map_new(err, errlen);
    if (!f->fontmap) return -1;
    f->pc = new_context(f->fontmap, PANGO_DIRECTION_RTL);
    f->pc_ltr = new_context(f->fontmap, PANGO_DIRECTION_LTR);
    for (int i = 0; i < PDF_ST_COUNT; i++) {
        PangoFontDescription *d = pango_font_description_new();
        pango_font_description_set_family_static(d, PDF_FONT_FAMILY);
        pango_font_description_set_size(d, (gint)(styles[i].size * PANGO_SCALE));
        pango_font_description_set_weight(d, styles[i].bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
        f->fonts[i] = d;
    }
    return 0;
}

void pdf_flow_free(struct pdf_flow *f) {
    for (size_t i = 0; i < f->nlayouts; i++) g_object_unref(f->layouts[i]);
    free(f->layouts);
    free(f->ops);
    for (int i = 0; i < PDF_ST_COUNT; i++)
        if (f->fonts[i]) pango_font_description_free(f->fonts[i]);
    if (f->attrs) pango_attr_list_unref(f->attrs);
    if (f->pc) g_object_unref(f->pc);
    if (f->pc_ltr) g_object_unref(f->pc_ltr);
    if (f->fontmap) g_object_unref(f->fontmap);
    buf_free(&f->text);
    memset(f, 0, sizeof *f);
}

/* ---- text -------------------------------------------------------------------------- */

void pdf_text_begin(struct pdf_flow *f) {
    buf_clear(&f->text);
    if (f->attrs) pango_attr_list_unref(f->attrs);
    f->attrs = pango_attr_list_new();
}

/* Decodes the valid UTF-8 sequence at s (with `avail` bytes left): returns its
 * length and sets *cp, or returns 0 for an invalid byte. */
static size_t decode(const unsigned char *s, size_t avail, unsigned *cp) {
    unsigned c = s[0];
    size_t n = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
             : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (!n || n > avail || !utf8_valid((const char *)s, n)) return 0;
    static const unsigned lead_mask[5] = {0, 0x7F, 0x1F, 0x0F, 0x07};
    unsigned v = c & lead_mask[n];
    for (size_t i = 1; i < n; i++) v = (v << 6) | (s[i] & 0x3Fu);
    *cp = v;
    return n;
}

static bool is_noncharacter(unsigned cp) {
    return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFEu) == 0xFFFEu;
}

/* A right-to-left letter (Hebrew, Arabic and their presentation forms) or mark. */
static bool is_rtl(unsigned cp) {
    return (cp >= 0x0590 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFDFF) ||
           (cp >= 0xFE70 && cp <= 0xFEFF) || cp == 0x200F || cp == 0x202B || cp == 0x202E ||
           cp == 0x2067;
}

#define FSI "\xE2\x81\xA8" /* U+2068 FIRST STRONG ISOLATE */
#define PDI "\xE2\x81\xA9" /* U+2069 POP DIRECTIONAL ISOLATE */

/* Appends str cleaned (see pdf_flow.h). Noncharacters become U+FFFD too (cairo
 * refuses them); inside an isolate, PDI is dropped so the value cannot close it. */
static void clean_append(buf *b, const char *str, size_t len, int flags, size_t max_bytes) {
    static const char ellipsis[] = "\xE2\x80\xA6", replacement[] = "\xEF\xBF\xBD";
    const unsigned char *s = (const unsigned char *)str;
    const char *nl = (flags & PDF_KEEP_LINES) ? "\n" : " ";
    size_t start = b->len;
    if (flags & PDF_ISOLATE) buf_puts(b, FSI);
    for (size_t i = 0; i < len;) {
        if (max_bytes && b->len - start + 4 > max_bytes) {
            buf_puts(b, ellipsis);
            break;
        }
        unsigned cp;
        size_t n = decode(s + i, len - i, &cp);
        if (n == 0) { /* an invalid byte */
            buf_puts(b, replacement);
            i++;
            continue;
        }
        if (cp == '\r' || cp == '\n') {
            if (cp == '\r' && i + 1 < len && s[i + 1] == '\n') i++;
            buf_puts(b, nl);
        } else if (cp == 0x2028 || cp == 0x2029) {
            buf_puts(b, nl);
        } else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
            buf_putc(b, ' '); /* C0, DEL, C1 */
        } else if (is_noncharacter(cp)) {
            buf_puts(b, replacement);
        } else if (cp == 0x2069 && (flags & PDF_ISOLATE)) {
            /* dropped */
        } else {
            buf_append(b, s + i, n);
        }
        i += n;
    }
    if (flags & PDF_ISOLATE) buf_puts(b, PDI);
}

static bool text_has_rtl(const char *s, size_t len) {
    for (size_t i = 0; i < len;) {
        unsigned cp;
        size_t n = decode((const unsigned char *)s + i, len - i, &cp);
        if (n == 0) return false; /* cleaned text is valid; not reached */
        if (is_rtl(cp)) return true;
        i += n;
    }
    return false;
}

void pdf_text_add(struct pdf_flow *f, const char *s, int flags, size_t max_bytes) {
    if (s) pdf_text_addn(f, s, strlen(s), flags, max_bytes);
}

void pdf_text_addn(struct pdf_flow *f, const char *s, size_t n, int flags, size_t max_bytes) {
    if (f->failed || !s) return;
    size_t start = f->text.len;
    clean_append(&f->text, s, n, flags, max_bytes);
    if (f->text.failed) {
        fail(f, "a text of the document is too long");
        return;
    }
    if ((flags & PDF_BOLD) && f->text.len > start) {
        PangoAttribute *a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
        a->start_index = (guint)start;
        a->end_index = (guint)f->text.len;
        pango_attr_list_insert(f->attrs, a);
    }
}

static bool grow(void **p, size_t *cap, size_t n, size_t size) {
    if (n < *cap) return true;
    size_t ncap = *cap ? *cap * 2 : 64;
    if (ncap > SIZE_MAX / size) return false;
    void *np = realloc(*p, ncap * size);
    if (!np) return false;
    *p = np;
    *cap = ncap;
    return true;
}

PangoLayout *pdf_text_layout(struct pdf_flow *f, enum pdf_style st, double width, int max_lines) {
    if (f->failed) return NULL;
    if (!grow((void **)&f->layouts, &f->caplayouts, f->nlayouts, sizeof *f->layouts)) {
        fail(f, "out of memory");
        return NULL;
    }
    const char *text = f->text.data ? f->text.data : "";
    /* Right to left unless the text has no right-to-left letter at all (a name or a
     * sentence wholly in Latin script reads left to right, even in a Persian page). */
    PangoLayout *l = pango_layout_new(text_has_rtl(text, f->text.len) ? f->pc : f->pc_ltr);
    f->layouts[f->nlayouts++] = l;
    pango_layout_set_font_description(l, f->fonts[st]);
    pango_layout_set_width(l, pango_units_from_double(width));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_auto_dir(l, FALSE); /* the context's direction, for every paragraph */
    pango_layout_set_alignment(l, styles[st].align);
    pango_layout_set_justify(l, styles[st].justify);
    if (max_lines > 0) {
        pango_layout_set_height(l, -max_lines);
        pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
    }
    pango_layout_set_text(l, text, (int)f->text.len);
    pango_layout_set_attributes(l, f->attrs);
    return l;
}

double pdf_layout_height(PangoLayout *l) {
    if (!l) return 0;
    PangoRectangle r;
    pango_layout_get_extents(l, NULL, &r);
    return pango_units_to_double(r.height);
}

/* ---- placing ----------------------------------------------------------------------- */

static struct pdf_op *push_op(struct pdf_flow *f, enum op_kind kind, int page) {
    if (f->failed) return NULL;
    if (!grow((void **)&f->ops, &f->capops, f->nops, sizeof *f->ops)) {
        fail(f, "out of memory");
        return NULL;
    }
    struct pdf_op *op = &f->ops[f->nops];
    memset(op, 0, sizeof *op);
    op->kind = kind;
    op->page = page;
    op->seq = f->nops++;
    return op;
}

void pdf_flow_new_page(struct pdf_flow *f) {
    f->page++;
    f->y = PDF_FRAME_T;
    f->page_fresh = true;
}

void pdf_flow_space(struct pdf_flow *f, double pts) {
    if (f->page_fresh) return;
    f->y += pts;
    if (f->y >= PDF_BODY_B) pdf_flow_new_page(f);
}

void pdf_flow_need(struct pdf_flow *f, double pts) {
    if (!f->page_fresh && f->y + pts > PDF_BODY_B) pdf_flow_new_page(f);
}

static void text_op(struct pdf_flow *f, PangoLayout *l, int line0, int nlines, double top,
                    double x, double y) {
    if (nlines <= 0) return;
    struct pdf_op *op = push_op(f, OP_TEXT, f->page);
    if (!op) return;
    op->layout = l;
    op->line0 = line0;
    op->nlines = nlines;
    op->top = top;
    op->x = x;
    op->y = y;
}

void pdf_flow_paragraph(struct pdf_flow *f, PangoLayout *l, double x, int *page, double *y) {
    if (page) *page = f->page;
    if (y) *y = f->y;
    if (f->failed || !l) return;
    PangoLayoutIter *it = pango_layout_get_iter(l);
    int line = 0, seg_first = 0;
    double seg_top = 0, bottom = 0;
    do {
        PangoRectangle r;
        pango_layout_iter_get_line_extents(it, NULL, &r);
        double top = pango_units_to_double(r.y);
        bottom = pango_units_to_double(r.y + r.height);
        if (line == seg_first) seg_top = top;
        /* Break before this line when it would cross the body's foot, unless it is
         * the first line on a fresh page (a line never exceeds a page). */
        if (f->y + (bottom - seg_top) > PDF_BODY_B && !(f->page_fresh && line == seg_first)) {
            text_op(f, l, seg_first, line - seg_first, seg_top, x, f->y);
            pdf_flow_new_page(f);
            seg_first = line;
            seg_top = top;
        }
        if (line == 0) {
            if (page) *page = f->page;
            if (y) *y = f->y + (top - seg_top);
        }
        line++;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    text_op(f, l, seg_first, line - seg_first, seg_top, x, f->y);
    f->y += bottom - seg_top;
    f->page_fresh = false;
}

void pdf_flow_put(struct pdf_flow *f, PangoLayout *l, int page, double x, double y) {
    if (f->failed || !l) return;
    struct pdf_op *op = push_op(f, OP_TEXT, page);
    if (!op) return;
    op->layout = l;
    op->line0 = 0;
    op->nlines = pango_layout_get_line_count(l);
    op->top = 0;
    op->x = x;
    op->y = y;
}

void pdf_flow_rule(struct pdf_flow *f, int page, double x0, double y0, double x1, double y1,
                   double width, double gray) {
    struct pdf_op *op = push_op(f, OP_RULE, page);
    if (!op) return;
    op->x = x0;
    op->y = y0;
    op->x1 = x1;
    op->y1 = y1;
    op->width = width;
    op->gray = gray;
}

void pdf_flow_fill(struct pdf_flow *f, int page, double x, double y, double w, double h,
                   double gray) {
    struct pdf_op *op = push_op(f, OP_FILL, page);
    if (!op) return;
    op->x = x;
    op->y = y;
    op->x1 = w;
    op->y1 = h;
    op->gray = gray;
}

/* ---- drawing ----------------------------------------------------------------------- */

static int by_page(const void *a, const void *b) {
    const struct pdf_op *x = a, *y = b;
    if (x->page != y->page) return x->page < y->page ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void draw_text(cairo_t *cr, const struct pdf_op *op) {
    PangoLayoutIter *it = pango_layout_get_iter(op->layout);
    int line = 0;
    do {
        if (line >= op->line0 + op->nlines) break;
        if (line >= op->line0) {
            PangoRectangle r;
            pango_layout_iter_get_line_extents(it, NULL, &r);
            double baseline = pango_units_to_double(pango_layout_iter_get_baseline(it));
            cairo_move_to(cr, op->x + pango_units_to_double(r.x), op->y + baseline - op->top);
            pango_cairo_show_layout_line(cr, pango_layout_iter_get_line_readonly(it));
        }
        line++;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
}

static void draw_op(cairo_t *cr, const struct pdf_op *op) {
    switch (op->kind) {
    case OP_TEXT:
        cairo_set_source_rgb(cr, 0, 0, 0);
        draw_text(cr, op);
        break;
    case OP_RULE:
        cairo_set_source_rgb(cr, op->gray, op->gray, op->gray);
        cairo_set_line_width(cr, op->width);
        cairo_move_to(cr, op->x, op->y);
        cairo_line_to(cr, op->x1, op->y1);
        cairo_stroke(cr);
        break;
    case OP_FILL:
        cairo_set_source_rgb(cr, op->gray, op->gray, op->gray);
        cairo_rectangle(cr, op->x, op->y, op->x1, op->y1);
        cairo_fill(cr);
        break;
    }
}

/* «صفحه ۲ از ۵» centred in the footer band, under a hairline. */
static void draw_footer(struct pdf_flow *f, cairo_t *cr, int page, int npages) {
    char cur[32], total[32];
    if (fa_num_format_i64(page + 1, cur, sizeof cur) || fa_num_format_i64(npages, total, sizeof total))
        return;
    pdf_text_begin(f);
    pdf_text_add(f, "صفحه ", 0, 0);
    pdf_text_add(f, cur, 0, 0);
    pdf_text_add(f, " از ", 0, 0);
    pdf_text_add(f, total, 0, 0);
    PangoLayout *l = pdf_text_layout(f, PDF_ST_FOOTER, PDF_FRAME_W, 1);
    if (!l) return;
    double h = pdf_layout_height(l);
    double top = PDF_FRAME_B - h;
    cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
    cairo_set_line_width(cr, 0.4);
    cairo_move_to(cr, PDF_FRAME_L, PDF_BODY_B + 4);
    cairo_line_to(cr, PDF_FRAME_R, PDF_BODY_B + 4);
    cairo_stroke(cr);
    struct pdf_op op = {.kind = OP_TEXT, .layout = l, .nlines = 1, .x = PDF_FRAME_L, .y = top};
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    draw_text(cr, &op);
}

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int len) {
    return buf_append(closure, data, len) ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

int pdf_flow_finish(struct pdf_flow *f, const char *title, buf *out, char *err, size_t errlen) {
    size_t start = out->len;
    if (f->failed) {
        snprintf(err, errlen, "%s", f->err);
        return -1;
    }
    int npages = f->page + 1;
    qsort(f->ops, f->nops, sizeof *f->ops, by_page);

    cairo_surface_t *surface = cairo_pdf_surface_create_for_stream(write_out, out, PDF_PAGE_W, PDF_PAGE_H);
#if CAIRO_VERSION >= CAIRO_VERSION_ENCODE(1, 15, 4)
    if (title) {
        pdf_text_begin(f);
        pdf_text_add(f, title, 0, 1024);
        if (!f->failed) cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, f->text.data ? f->text.data : "");
    }
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Tashil");
#endif
    cairo_t *cr = cairo_create(surface);
    size_t i = 0;
    for (int page = 0; page < npages && !f->failed; page++) {
        for (; i < f->nops && f->ops[i].page == page; i++) draw_op(cr, &f->ops[i]);
        draw_footer(f, cr, page, npages);
        cairo_show_page(cr);
    }
    cairo_status_t cst = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    cairo_status_t sst = cairo_surface_status(surface);
    cairo_surface_destroy(surface);

    int rc = 0;
    if (f->failed) {
        snprintf(err, errlen, "%s", f->err);
        rc = -1;
    } else if (out->failed) {
        snprintf(err, errlen, "the PDF is larger than the output allows (%zu bytes)", out->max);
        rc = -1;
    } else if (cst != CAIRO_STATUS_SUCCESS || sst != CAIRO_STATUS_SUCCESS) {
        snprintf(err, errlen, "cairo: %s",
                 cairo_status_to_string(cst != CAIRO_STATUS_SUCCESS ? cst : sst));
        rc = -1;
    }
    if (rc) {
        out->len = start;
        if (out->data) out->data[start] = 0;
    }
    return rc;
}
