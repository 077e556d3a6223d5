/* table — see table.h. */
#include "io/table.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/csv.h"
#include "core/utf8.h"
#include "io/win1256.h"
#include "io/xlsx_read.h"

enum { SNIFF = 64 * 1024 };

struct table {
    enum table_format format;
    const char *encoding;
    FILE *f;           /* CSV from a file (or the converted temporary file) */
    long size;         /* of f, for progress */
    buf converted;     /* CSV from memory in Windows-1256, as UTF-8 */
    csv_reader csv;
    const char **cells;
    size_t cells_cap;
    xlsx_reader *x;
};

static int fail(struct table_error *err, unsigned long line, const char *fa, const char *fmt,
                ...) __attribute__((format(printf, 4, 5)));
static int fail(struct table_error *err, unsigned long line, const char *fa, const char *fmt,
                ...) {
    err->line = line;
    snprintf(err->fa, sizeof err->fa, "%s", fa);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->en, sizeof err->en, fmt, ap);
    va_end(ap);
    return -1;
}

/* UTF-8 validity of a prefix: a sequence cut by the end of the sniff is allowed. */
static bool utf8_prefix_valid(const unsigned char *p, size_t n, bool cut) {
    if (utf8_valid((const char *)p, n)) return true;
    if (!cut) return false;
    for (size_t k = 1; k <= 3 && k < n; k++)
        if (utf8_valid((const char *)p, n - k)) {
            unsigned char lead = p[n - k];
            return lead >= 0xC2 && lead <= 0xF4;
        }
    return false;
}

enum sniffed { SNIFF_BAD = -1, SNIFF_UTF8, SNIFF_1256, SNIFF_XLSX };

static enum sniffed sniff(const unsigned char *p, size_t n, bool cut, struct table_error *err) {
    if (n == 0) {
        fail(err, 0, "فایل خالی است.", "the file is empty");
        return SNIFF_BAD;
    }
    if (n >= 4 && !memcmp(p, "PK\x03\x04", 4)) return SNIFF_XLSX;
    if (n >= 4 && !memcmp(p, "PK\x05\x06", 4)) return SNIFF_XLSX; /* an empty ZIP */
    if (n >= 8 && !memcmp(p, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) {
        fail(err, 0,
             "این فایل اکسل قدیمی (.xls) است. آن را در اکسل با قالب «Excel Workbook (.xlsx)» یا "
             "«CSV UTF-8» ذخیره کنید و دوباره بفرستید.",
             "this is an old Excel 97-2003 (.xls) file; save it as .xlsx or CSV UTF-8");
        return SNIFF_BAD;
    }
    if (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))) {
        fail(err, 0, "این فایل با کدگذاری UTF-16 است؛ آن را با قالب «CSV UTF-8» ذخیره کنید.",
             "the file is UTF-16; save it as CSV UTF-8");
        return SNIFF_BAD;
    }
    size_t skip = n >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3) ? 3 : 0;
    if (utf8_prefix_valid(p + skip, n - skip, cut)) {
        if (utf8_has_controls((const char *)p + skip, n - skip)) {
            fail(err, 0, "این فایل نه CSV است و نه اکسل (.xlsx)؛ محتوای دودویی دارد.",
                 "the file is neither CSV nor XLSX (it holds binary data)");
            return SNIFF_BAD;
        }
        return SNIFF_UTF8;
    }
    for (size_t i = 0; i < n; i++)
        if (p[i] == 0 || (p[i] < 0x20 && p[i] != '\t' && p[i] != '\r' && p[i] != '\n')) {
            fail(err, 0, "این فایل نه CSV است و نه اکسل (.xlsx)؛ محتوای دودویی دارد.",
                 "the file is neither CSV nor XLSX (it holds binary data)");
            return SNIFF_BAD;
        }
    if (win1256_plausible(p, n)) return SNIFF_1256;
    fail(err, 0,
         "کدگذاری نویسه‌های این فایل شناخته نشد (نه UTF-8 است و نه Windows-1256). فایل را با "
         "قالب «CSV UTF-8» ذخیره کنید.",
         "unknown text encoding (neither UTF-8 nor Windows-1256); save the file as CSV UTF-8");
    return SNIFF_BAD;
}

static table *table_new(void) {
    table *t = calloc(1, sizeof *t);
    if (t) buf_init(&t->converted, (size_t)1 << 31);
    return t;
}

static int xlsx_fail(struct table_error *err, const struct xlsx_error *xe) {
    err->line = 0;
    snprintf(err->fa, sizeof err->fa, "%s", xe->fa);
    snprintf(err->en, sizeof err->en, "%s", xe->en);
    return -1;
}

/* The end of opening a workbook: the table, or the reader's error. */
static int xlsx_opened(table *t, int rc, const struct xlsx_error *xe, table **out,
                       struct table_error *err) {
    if (rc != 0) {
        table_close(t);
        return xlsx_fail(err, xe);
    }
    t->format = TABLE_XLSX;
    t->encoding = "";
    *out = t;
    return 0;
}

int table_open_file(const char *path, table **out, struct table_error *err) {
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) return fail(err, 0, "فایل باز نشد.", "cannot open %s", path);
    unsigned char *head = malloc(SNIFF);
    size_t n = head ? fread(head, 1, SNIFF, f) : 0;
    bool cut = head && n == SNIFF;
    enum sniffed kind = head ? sniff(head, n, cut, err) : SNIFF_BAD;
    free(head);
    if (!head) fail(err, 0, "حافظه کافی نیست.", "out of memory");
    table *t = kind == SNIFF_BAD ? NULL : table_new();
    if (!t) {
        fclose(f);
        return -1;
    }
    if (kind == SNIFF_XLSX) {
        fclose(f);
        struct xlsx_error xe;
        return xlsx_opened(t, xlsx_open_file(path, &t->x, &xe), &xe, out, err);
    }
    t->format = TABLE_CSV;
    if (fseek(f, 0, SEEK_SET) != 0) {
        fclose(f);
        table_close(t);
        return fail(err, 0, "فایل خوانده نشد.", "cannot read %s", path);
    }
    if (kind == SNIFF_1256) {
        FILE *conv = win1256_convert_file(f);
        fclose(f);
        if (!conv) {
            table_close(t);
            return fail(err, 0, "تبدیل فایل از Windows-1256 به UTF-8 ممکن نشد.",
                        "the Windows-1256 file could not be converted to UTF-8");
        }
        f = conv;
        t->encoding = "windows-1256";
    } else {
        t->encoding = "UTF-8";
    }
    struct stat st;
    t->size = fstat(fileno(f), &st) == 0 ? (long)st.st_size : 0;
    t->f = f;
    csv_init_file(&t->csv, f, NULL);
    *out = t;
    return 0;
}

int table_open_mem(const void *data, size_t len, table **out, struct table_error *err) {
    *out = NULL;
    size_t n = len < SNIFF ? len : SNIFF;
    enum sniffed kind = sniff(data, n, len > SNIFF, err);
    if (kind == SNIFF_BAD) return -1;
    table *t = table_new();
    if (!t) return fail(err, 0, "حافظه کافی نیست.", "out of memory");
    if (kind == SNIFF_XLSX) {
        struct xlsx_error xe;
        return xlsx_opened(t, xlsx_open_mem(data, len, &t->x, &xe), &xe, out, err);
    }
    t->format = TABLE_CSV;
    t->encoding = "UTF-8";
    if (kind == SNIFF_1256) {
        if (win1256_to_utf8(data, len, &t->converted) != 0) {
            table_close(t);
            return fail(err, 0, "تبدیل فایل از Windows-1256 به UTF-8 ممکن نشد.",
                        "the Windows-1256 file could not be converted to UTF-8");
        }
        data = t->converted.data;
        len = t->converted.len;
        t->encoding = "windows-1256";
    }
    csv_init_mem(&t->csv, data, len, NULL);
    *out = t;
    return 0;
}

int table_next(table *t, const char *const **cells, size_t *n, unsigned long *line,
               struct table_error *err) {
    if (t->format == TABLE_XLSX) {
        struct xlsx_error xe;
        int rc = xlsx_next_row(t->x, cells, n, line, &xe);
        if (rc < 0) return xlsx_fail(err, &xe);
        return rc;
    }
    const csv_field *fields;
    size_t nf;
    int rc = csv_next(&t->csv, &fields, &nf);
    if (rc < 0) {
        char fa[320];
        snprintf(fa, sizeof fa, "ساختار CSV در سطر %lu درست نیست (%s).", csv_error_line(&t->csv),
                 csv_error(&t->csv));
        return fail(err, csv_error_line(&t->csv), fa, "line %lu: %s", csv_error_line(&t->csv),
                    csv_error(&t->csv));
    }
    if (rc == 0) return 0;
    if (nf > t->cells_cap) {
        size_t cap = nf < 64 ? 64 : nf;
        const char **c = realloc(t->cells, cap * sizeof *c);
        if (!c) return fail(err, 0, "حافظه کافی نیست.", "out of memory");
        t->cells = c;
        t->cells_cap = cap;
    }
    unsigned long ln = csv_record_line(&t->csv);
    for (size_t i = 0; i < nf; i++) {
        if (!utf8_valid(fields[i].s, fields[i].len)) {
            char fa[320];
            snprintf(fa, sizeof fa,
                     "سطر %lu با کدگذاری UTF-8 خوانا نیست؛ فایل را با قالب «CSV UTF-8» ذخیره کنید.",
                     ln);
            return fail(err, ln, fa, "line %lu is not valid UTF-8 (mixed encodings?)", ln);
        }
        t->cells[i] = fields[i].s;
    }
    *cells = t->cells;
    *n = nf;
    *line = ln;
    return 1;
}

enum table_format table_format_of(const table *t) { return t->format; }
const char *table_encoding(const table *t) { return t->encoding ? t->encoding : ""; }
bool table_strict_width(const table *t) { return t->format == TABLE_CSV; }

double table_progress(const table *t) {
    if (!t->f || t->size <= 0) return 0;
    long pos = ftell(t->f);
    return pos <= 0 ? 0 : (double)pos / (double)t->size;
}

void table_close(table *t) {
    if (!t) return;
    if (t->format == TABLE_CSV) csv_free(&t->csv);
    if (t->f) fclose(t->f);
    if (t->x) xlsx_close(t->x);
    buf_free(&t->converted);
    free(t->cells);
    free(t);
}
