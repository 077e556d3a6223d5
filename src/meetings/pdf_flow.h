/* pdf_flow — Persian text flowed down A4 pages for the PDF renderers: styles,
 * cleaned rich text, paragraphs that split between lines at page ends, rows that
 * never split, rules, and the page footer «صفحه ۲ از ۵».
 *
 * Design: two passes. Placing (pdf_flow_paragraph, pdf_flow_row_*, …) lays the text
 * out with pango and records drawing operations, each with its page, and builds no
 * PDF; pdf_flow_finish then knows the page count and draws the operations page by
 * page onto cairo's PDF surface, adding the footers. Coordinates are PDF points, y
 * downwards. Everything is drawn inside the frame (the page less 18 mm margins): the
 * body area above, the footer band at its foot.
 *
 * Text goes in through pdf_text_add, which cleans it: NULL is "", invalid UTF-8 and
 * noncharacters become U+FFFD, control characters become spaces (line feeds too
 * unless kept), and a field may be clamped to a number of bytes (ending in «…»).
 * Layouts are right to left (left to right when they hold no RTL letter at all),
 * wrapped between words or, for unbroken runs, between characters; a value placed
 * after a Persian label is isolated (PDF_ISOLATE) so that «دستگاه مسئول: Bank <Melli>»
 * keeps its brackets where they were typed.
 *
 * A flow owns its layouts and operations; one flow serves one render on one thread.
 * Errors latch (f->failed with f->err); placing after an error does nothing. */
#ifndef TASHIL_PDF_FLOW_H
#define TASHIL_PDF_FLOW_H

#include <stdbool.h>
#include <stddef.h>

#include <pango/pango.h>

#include "core/buf.h"

#define PDF_MM (72.0 / 25.4)
#define PDF_PAGE_W (210.0 * PDF_MM)
#define PDF_PAGE_H (297.0 * PDF_MM)
#define PDF_MARGIN (18.0 * PDF_MM)
#define PDF_FRAME_L PDF_MARGIN
#define PDF_FRAME_R (PDF_PAGE_W - PDF_MARGIN)
#define PDF_FRAME_W (PDF_FRAME_R - PDF_FRAME_L)
#define PDF_FRAME_T PDF_MARGIN
#define PDF_FRAME_B (PDF_PAGE_H - PDF_MARGIN)
#define PDF_FOOTER_H 22.0
#define PDF_BODY_B (PDF_FRAME_B - PDF_FOOTER_H) /* text stops here */

enum pdf_style {
    PDF_ST_BODY,      /* 10.5 pt, right */
    PDF_ST_PROSE,     /* 10.5 pt, justified: notes and resolutions */
    PDF_ST_CELL,      /* 9 pt, right: table cells */
    PDF_ST_CELL_HEAD, /* 9 pt bold */
    PDF_ST_CENTER,    /* 10.5 pt, centred */
    PDF_ST_SIGN,      /* 9.5 pt, centred: signature boxes */
    PDF_ST_TITLE,     /* 20 pt bold, centred */
    PDF_ST_SUBTITLE,  /* 13 pt bold, centred */
    PDF_ST_H1,        /* 13 pt bold: sections */
    PDF_ST_H2,        /* 11.5 pt bold: agenda items */
    PDF_ST_H3,        /* 10.5 pt bold */
    PDF_ST_FOOTER,    /* 8.5 pt, centred */
    PDF_ST_COUNT
};

struct pdf_op;

struct pdf_flow {
    PangoFontMap *fontmap;
    PangoContext *pc, *pc_ltr; /* right-to-left and left-to-right paragraphs */
    PangoFontDescription *fonts[PDF_ST_COUNT];
    struct pdf_op *ops;
    size_t nops, capops;
    PangoLayout **layouts;
    size_t nlayouts, caplayouts;
    int page;        /* current page, 0-based */
    double y;        /* top of the free space on the current page */
    bool page_fresh; /* nothing placed yet on the current page */
    buf text;        /* the rich text being built */
    PangoAttrList *attrs;
    bool failed;
    char err[256];
};

/* Returns 0, or -1 with err (the flow must still be freed). */
int pdf_flow_init(struct pdf_flow *f, char *err, size_t errlen);
void pdf_flow_free(struct pdf_flow *f);

/* Rich text: begin, add spans, then make a layout of it. */
enum {
    PDF_BOLD = 1,
    PDF_KEEP_LINES = 2,
    PDF_ISOLATE = 4, /* a value after a label: its own direction (FSI … PDI), as HTML's <bdi> */
};
void pdf_text_begin(struct pdf_flow *f);
/* Adds s cleaned; flags PDF_BOLD / PDF_KEEP_LINES; max_bytes 0 for no clamp. */
void pdf_text_add(struct pdf_flow *f, const char *s, int flags, size_t max_bytes);
/* The same for the n bytes at s (which need no NUL). */
void pdf_text_addn(struct pdf_flow *f, const char *s, size_t n, int flags, size_t max_bytes);
/* A layout of the text so far, `width` points wide; max_lines > 0 ellipsizes past
 * that many lines. The flow owns it. NULL after an error. */
PangoLayout *pdf_text_layout(struct pdf_flow *f, enum pdf_style st, double width, int max_lines);
double pdf_layout_height(PangoLayout *l);

/* Vertical space (dropped at the top of a page). */
void pdf_flow_space(struct pdf_flow *f, double pts);
/* Starts a new page unless `pts` more fit on this one (or it is still empty). Use
 * before a heading with the room its first lines of content need. */
void pdf_flow_need(struct pdf_flow *f, double pts);
void pdf_flow_new_page(struct pdf_flow *f);
/* Places a layout whose box starts at x, splitting between lines at page ends.
 * *page and *y (may be NULL) get where its first line went. */
void pdf_flow_paragraph(struct pdf_flow *f, PangoLayout *l, double x, int *page, double *y);
/* Places a layout whole at (x, y) on page (for labels beside paragraphs and cells). */
void pdf_flow_put(struct pdf_flow *f, PangoLayout *l, int page, double x, double y);
/* A line from (x0, y0) to (x1, y1) on page, `width` points thick, grey level. */
void pdf_flow_rule(struct pdf_flow *f, int page, double x0, double y0, double x1, double y1,
                   double width, double gray);
/* A filled rectangle. */
void pdf_flow_fill(struct pdf_flow *f, int page, double x, double y, double w, double h,
                   double gray);

/* Draws everything into a PDF appended to out, with `title` (cleaned) as its
 * metadata title. Returns 0 or -1 with err; on error out is back to its length at
 * the call. */
int pdf_flow_finish(struct pdf_flow *f, const char *title, buf *out, char *err, size_t errlen);

#endif
