/* xlsx_read — see xlsx_read.h. */
#include "io/xlsx_read.h"

#include <libxml/xmlreader.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "core/buf.h"

enum { MAX_COLS = 1024, MAX_SHARED_BYTES = 256 << 20, MAX_SHARED = 16 << 20 };

struct xlsx_reader {
    zip_t *za;
    /* shared strings: offsets into one buffer */
    buf strings;
    size_t *soff;
    size_t nstrings, soff_cap;
    /* the sheet being streamed */
    zip_file_t *sheet;
    xmlTextReaderPtr xr;
    bool done;
    /* the current row */
    buf row;
    long off[MAX_COLS];
    size_t ncols;
    const char *cells[MAX_COLS];
    unsigned long rownum;
};

static int fail(struct xlsx_error *err, const char *fa, const char *en) {
    snprintf(err->fa, sizeof err->fa, "%s", fa);
    snprintf(err->en, sizeof err->en, "%s", en);
    return -1;
}

static int damaged(struct xlsx_error *err) {
    return fail(err, "فایل اکسل (.xlsx) آسیب‌دیده یا ناقص است و خوانده نشد.",
                "the .xlsx file is damaged or truncated");
}

static int read_cb(void *ctx, char *buffer, int len) {
    zip_int64_t n = zip_fread(ctx, buffer, (zip_uint64_t)len);
    return n < 0 ? -1 : (int)n;
}

static void quiet_errors(void *arg, const char *msg, xmlParserSeverities sev,
                         xmlTextReaderLocatorPtr loc) {
    (void)arg, (void)msg, (void)sev, (void)loc;
}

static xmlTextReaderPtr open_xml(zip_file_t *zf) {
    xmlTextReaderPtr r = xmlReaderForIO(read_cb, NULL, zf, NULL, "UTF-8",
                                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (r) xmlTextReaderSetErrorHandler(r, quiet_errors, NULL);
    return r;
}

static bool is(xmlTextReaderPtr r, const char *local) {
    const xmlChar *n = xmlTextReaderConstLocalName(r);
    return n && !strcmp((const char *)n, local);
}

static char *attr(xmlTextReaderPtr r, const char *name) {
    return (char *)xmlTextReaderGetAttribute(r, (const xmlChar *)name);
}

/* Reads a small XML member and returns the value of `want_attr` on the first
 * element `elem` whose `key_attr` equals key (or the first one when key is NULL). */
static char *find_attr(zip_t *za, const char *member, const char *elem, const char *key_attr,
                       const char *key, const char *want_attr) {
    zip_file_t *zf = zip_fopen(za, member, 0);
    if (!zf) return NULL;
    xmlTextReaderPtr r = open_xml(zf);
    char *found = NULL;
    while (r && !found && xmlTextReaderRead(r) == 1) {
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT || !is(r, elem)) continue;
        if (key) {
            char *k = attr(r, key_attr);
            bool match = k && !strcmp(k, key);
            xmlFree(k);
            if (!match) continue;
        }
        found = attr(r, want_attr);
    }
    if (r) xmlFreeTextReader(r);
    zip_fclose(zf);
    return found;
}

static int push_string(xlsx_reader *x, size_t start) {
    if (x->nstrings == x->soff_cap) {
        size_t cap = x->soff_cap ? x->soff_cap * 2 : 1024;
        size_t *o = cap <= MAX_SHARED ? realloc(x->soff, cap * sizeof *o) : NULL;
        if (!o) return -1;
        x->soff = o;
        x->soff_cap = cap;
    }
    x->soff[x->nstrings++] = start;
    return buf_putc(&x->strings, 0) == 0 ? 0 : -1;
}

static int load_shared_strings(xlsx_reader *x, struct xlsx_error *err) {
    zip_file_t *zf = zip_fopen(x->za, "xl/sharedStrings.xml", 0);
    if (!zf) return 0; /* a workbook without strings */
    xmlTextReaderPtr r = open_xml(zf);
    int rc = r ? 0 : -1, in_t = 0, in_rph = 0;
    size_t start = 0;
    while (rc == 0) {
        int s = xmlTextReaderRead(r);
        if (s == 0) break;
        if (s < 0) {
            rc = -1;
            break;
        }
        int type = xmlTextReaderNodeType(r);
        bool empty = type == XML_READER_TYPE_ELEMENT && xmlTextReaderIsEmptyElement(r);
        if (type == XML_READER_TYPE_ELEMENT && is(r, "si")) {
            start = x->strings.len;
            if (empty) rc = push_string(x, start);
        } else if (type == XML_READER_TYPE_ELEMENT && is(r, "rPh")) {
            in_rph = !empty; /* phonetic runs are not the text */
        } else if (type == XML_READER_TYPE_ELEMENT && is(r, "t")) {
            in_t = !empty;
        } else if ((type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
                    type == XML_READER_TYPE_CDATA) && in_t && !in_rph) {
            const char *v = (const char *)xmlTextReaderConstValue(r);
            if (v) buf_puts(&x->strings, v);
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            if (is(r, "t")) in_t = 0;
            else if (is(r, "rPh")) in_rph = 0;
            else if (is(r, "si")) rc = push_string(x, start);
        }
        if (x->strings.failed) rc = -1;
    }
    if (r) xmlFreeTextReader(r);
    zip_fclose(zf);
    if (rc != 0) {
        if (x->strings.failed)
            return fail(err, "رشته‌های این فایل اکسل بیش از اندازه مجاز است.",
                        "the workbook's shared strings are too large");
        return damaged(err);
    }
    return 0;
}

/* The path of the first worksheet inside the archive. */
static char *first_sheet_path(zip_t *za) {
    char *rid = find_attr(za, "xl/workbook.xml", "sheet", NULL, NULL, "r:id");
    char *target = rid ? find_attr(za, "xl/_rels/workbook.xml.rels", "Relationship", "Id", rid,
                                   "Target")
                       : NULL;
    xmlFree(rid);
    char *path;
    if (target && *target == '/') path = strdup(target + 1);
    else if (target) {
        size_t n = strlen(target) + 4;
        path = malloc(n);
        if (path) snprintf(path, n, "xl/%s", target);
    } else path = strdup("xl/worksheets/sheet1.xml");
    xmlFree(target);
    return path;
}

static int open_common(xlsx_reader *x, struct xlsx_error *err) {
    if (zip_name_locate(x->za, "xl/workbook.xml", 0) < 0)
        return fail(err, "این فایل ZIP یک کارپوشه اکسل (.xlsx) نیست.",
                    "the ZIP archive is not an Excel workbook");
    if (load_shared_strings(x, err) != 0) return -1;
    char *path = first_sheet_path(x->za);
    x->sheet = path ? zip_fopen(x->za, path, 0) : NULL;
    free(path);
    if (!x->sheet) return fail(err, "در این فایل اکسل برگه‌ای پیدا نشد.", "the workbook has no sheet");
    x->xr = open_xml(x->sheet);
    if (!x->xr) return damaged(err);
    return 0;
}

static xlsx_reader *reader_new(void) {
    xlsx_reader *x = calloc(1, sizeof *x);
    if (!x) return NULL;
    buf_init(&x->strings, MAX_SHARED_BYTES);
    buf_init(&x->row, 16 << 20);
    return x;
}

/* After the archive is (or failed to be) opened: check it is a workbook. */
static int finish_open(xlsx_reader *x, xlsx_reader **out, struct xlsx_error *err) {
    if (!x->za) {
        xlsx_close(x);
        return damaged(err);
    }
    if (open_common(x, err) != 0) {
        xlsx_close(x);
        return -1;
    }
    *out = x;
    return 0;
}

int xlsx_open_file(const char *path, xlsx_reader **out, struct xlsx_error *err) {
    *out = NULL;
    xlsx_reader *x = reader_new();
    if (!x) return fail(err, "حافظه کافی نیست.", "out of memory");
    int zerr = 0;
    x->za = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
    return finish_open(x, out, err);
}

int xlsx_open_mem(const void *data, size_t len, xlsx_reader **out, struct xlsx_error *err) {
    *out = NULL;
    xlsx_reader *x = reader_new();
    if (!x) return fail(err, "حافظه کافی نیست.", "out of memory");
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    if (src) {
        x->za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
        if (!x->za) zip_source_free(src);
    }
    zip_error_fini(&ze);
    return finish_open(x, out, err);
}

/* "BC12" → column 54 (0-based); -1 when not a reference. */
static long column_of_ref(const char *ref) {
    long c = 0;
    int letters = 0;
    for (; *ref >= 'A' && *ref <= 'Z'; ref++, letters++) {
        c = c * 26 + (*ref - 'A' + 1);
        if (c > MAX_COLS) return MAX_COLS;
    }
    return letters ? c - 1 : -1;
}

/* A number cell written back as the shortest text that reads back the same. */
static void put_number(buf *b, const char *v) {
    char *end;
    double d = strtod(v, &end);
    if (*v && !*end && isfinite(d)) {
        char tmp[40];
        snprintf(tmp, sizeof tmp, "%.15g", d);
        if (strtod(tmp, NULL) != d) snprintf(tmp, sizeof tmp, "%.17g", d);
        buf_puts(b, tmp);
    } else {
        buf_puts(b, v);
    }
}

int xlsx_next_row(xlsx_reader *x, const char *const **cells, size_t *n, unsigned long *row,
                  struct xlsx_error *err) {
    if (x->done) return 0;
    xmlTextReaderPtr r = x->xr;
    long col = -1, next_col = 0;
    char type[16] = "";
    int in_v = 0, in_row = 0;
    buf value;
    buf_init(&value, 1 << 20);
    for (;;) {
        int s = xmlTextReaderRead(r);
        if (s == 0) {
            x->done = true;
            buf_free(&value);
            if (in_row) return damaged(err);
            return 0;
        }
        if (s < 0) {
            buf_free(&value);
            return damaged(err);
        }
        int nt = xmlTextReaderNodeType(r);
        if (nt == XML_READER_TYPE_ELEMENT) {
            if (is(r, "row")) {
                buf_clear(&x->row);
                x->ncols = 0;
                next_col = 0;
                char *rn = attr(r, "r");
                x->rownum = rn ? strtoul(rn, NULL, 10) : x->rownum + 1;
                xmlFree(rn);
                if (xmlTextReaderIsEmptyElement(r)) continue;
                in_row = 1;
            } else if (is(r, "c") && in_row) {
                char *ref = attr(r, "r"), *t = attr(r, "t");
                col = ref ? column_of_ref(ref) : next_col;
                if (col < 0) col = next_col;
                snprintf(type, sizeof type, "%s", t ? t : "n");
                xmlFree(ref);
                xmlFree(t);
                buf_clear(&value);
                if (col >= MAX_COLS) {
                    buf_free(&value);
                    return fail(err, "این برگه اکسل بیش از اندازه ستون دارد.",
                                "the sheet has too many columns");
                }
                next_col = col + 1;
                if (xmlTextReaderIsEmptyElement(r)) col = -1;
            } else if ((is(r, "v") || is(r, "t")) && col >= 0) {
                in_v = !xmlTextReaderIsEmptyElement(r);
            }
        } else if ((nt == XML_READER_TYPE_TEXT || nt == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
                    nt == XML_READER_TYPE_CDATA) && in_v) {
            const char *v = (const char *)xmlTextReaderConstValue(r);
            if (v) buf_puts(&value, v);
        } else if (nt == XML_READER_TYPE_END_ELEMENT) {
            if (is(r, "v") || is(r, "t")) in_v = 0;
            else if (is(r, "c") && col >= 0) {
                while (x->ncols <= (size_t)col) x->off[x->ncols++] = -1;
                x->off[col] = (long)x->row.len;
                if (!strcmp(type, "s")) {
                    char *end;
                    unsigned long i = strtoul(value.data ? value.data : "", &end, 10);
                    if (!value.len || *end || i >= x->nstrings) {
                        buf_free(&value);
                        return damaged(err);
                    }
                    buf_puts(&x->row, x->strings.data + x->soff[i]);
                } else if (!strcmp(type, "n")) {
                    put_number(&x->row, value.data ? value.data : "");
                } else {
                    buf_append(&x->row, value.data ? value.data : "", value.len);
                }
                buf_putc(&x->row, 0);
                col = -1;
            } else if (is(r, "row") && in_row) {
                in_row = 0;
                if (x->row.failed) {
                    buf_free(&value);
                    return fail(err, "یک سطر این برگه اکسل بیش از اندازه بزرگ است.",
                                "a row of the sheet is too large");
                }
                bool any = false;
                for (size_t i = 0; i < x->ncols; i++) {
                    x->cells[i] = x->off[i] >= 0 ? x->row.data + x->off[i] : "";
                    if (*x->cells[i]) any = true;
                }
                if (!any) continue;
                buf_free(&value);
                *cells = x->cells;
                *n = x->ncols;
                *row = x->rownum;
                return 1;
            }
        }
    }
}

void xlsx_close(xlsx_reader *x) {
    if (!x) return;
    if (x->xr) xmlFreeTextReader(x->xr);
    if (x->sheet) zip_fclose(x->sheet);
    if (x->za) zip_discard(x->za);
    buf_free(&x->strings);
    buf_free(&x->row);
    free(x->soff);
    free(x);
}
