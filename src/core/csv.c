/* csv — see csv.h. A small state machine over the input chunk: spans of ordinary
 * bytes are copied at once, so the per-byte work is one table lookup. */
#include "core/csv.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

enum { CHUNK = 64 * 1024, END = 256 }; /* peek: a byte, END, or a negative error */

static const csv_limits default_limits = {64 * 1024, 1024 * 1024, 1024};

static void init(csv_reader *r, const csv_limits *lim) {
    memset(r, 0, sizeof *r);
    r->lim = lim ? *lim : default_limits;
    if (!r->lim.max_field) r->lim.max_field = default_limits.max_field;
    if (!r->lim.max_record) r->lim.max_record = default_limits.max_record;
    if (!r->lim.max_fields) r->lim.max_fields = default_limits.max_fields;
    r->line = 1;
}

void csv_init_mem(csv_reader *r, const void *data, size_t len, const csv_limits *lim) {
    init(r, lim);
    r->in = data;
    r->in_len = data ? len : 0;
}

void csv_init_file(csv_reader *r, FILE *f, const csv_limits *lim) {
    init(r, lim);
    r->f = f;
}

void csv_free(csv_reader *r) {
    free(r->chunk);
    free(r->rec);
    free(r->offs);
    free(r->fields);
    r->chunk = NULL;
    r->rec = NULL;
    r->offs = NULL;
    r->fields = NULL;
}

static int fail(csv_reader *r, int code, unsigned long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int fail(csv_reader *r, int code, unsigned long line, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->msg, sizeof r->msg, fmt, ap);
    va_end(ap);
    r->err = code;
    r->err_line = line;
    return code;
}

/* Makes in[in_pos] readable: 1, or 0 at the end of input, or a negative error. */
static int fill(csv_reader *r) {
    if (r->in_pos < r->in_len) return 1;
    if (!r->f || r->eof) return 0;
    if (!r->chunk && !(r->chunk = malloc(CHUNK)))
        return fail(r, CSV_ENOMEM, r->line, "out of memory");
    size_t got = fread(r->chunk, 1, CHUNK, r->f);
    if (got == 0) {
        if (ferror(r->f)) return fail(r, CSV_EIO, r->line, "read error");
        r->eof = 1;
        return 0;
    }
    r->in = r->chunk;
    r->in_len = got;
    r->in_pos = 0;
    return 1;
}

static int peek(csv_reader *r) {
    int rc = fill(r);
    if (rc <= 0) return rc == 0 ? END : rc;
    return r->in[r->in_pos];
}

/* Skips a UTF-8 byte order mark at the very start. fread fills the whole first
 * chunk unless the input ends, so the three bytes are in it when they exist. */
static int skip_bom(csv_reader *r) {
    int rc = fill(r);
    if (rc < 0) return rc;
    if (r->in_len - r->in_pos >= 3 && !memcmp(r->in + r->in_pos, "\xEF\xBB\xBF", 3)) r->in_pos += 3;
    return 0;
}

static int grow(csv_reader *r, size_t n) {
    if (r->rec_len + n + 1 <= r->rec_cap) return 0;
    size_t cap = r->rec_cap ? r->rec_cap : 256;
    while (cap < r->rec_len + n + 1) cap *= 2;
    char *nr = realloc(r->rec, cap);
    if (!nr) return fail(r, CSV_ENOMEM, r->line, "out of memory");
    r->rec = nr;
    r->rec_cap = cap;
    return 0;
}

/* Adds n bytes to the current field, within the caps. */
static int append(csv_reader *r, const void *p, size_t n) {
    if (r->rec_len - r->offs[r->nfields - 1] + n > r->lim.max_field)
        return fail(r, CSV_ELIMIT, r->line, "field longer than %zu bytes", r->lim.max_field);
    if (r->rec_len - (r->nfields - 1) + n > r->lim.max_record) /* NULs not counted */
        return fail(r, CSV_ELIMIT, r->line, "record longer than %zu bytes", r->lim.max_record);
    if (grow(r, n) != 0) return r->err;
    memcpy(r->rec + r->rec_len, p, n);
    r->rec_len += n;
    return 0;
}

static int start_field(csv_reader *r) {
    if (r->nfields >= r->lim.max_fields)
        return fail(r, CSV_ELIMIT, r->line, "more than %zu fields", r->lim.max_fields);
    if (r->nfields == r->fields_cap) {
        size_t cap = r->fields_cap ? r->fields_cap * 2 : 16;
        size_t *no = realloc(r->offs, cap * sizeof *no);
        if (!no) return fail(r, CSV_ENOMEM, r->line, "out of memory");
        r->offs = no;
        csv_field *nf = realloc(r->fields, cap * sizeof *nf);
        if (!nf) return fail(r, CSV_ENOMEM, r->line, "out of memory");
        r->fields = nf;
        r->fields_cap = cap;
    }
    r->offs[r->nfields++] = r->rec_len;
    return 0;
}

static int end_field(csv_reader *r) {
    if (grow(r, 1) != 0) return r->err;
    r->rec[r->rec_len++] = 0;
    return 0;
}

/* Bytes that end a span of ordinary field content: bit 1 unquoted, bit 2 quoted. */
static const unsigned char special[256] = {
    [0] = 3, ['\n'] = 3, ['"'] = 3, [','] = 1, ['\r'] = 1,
};

/* Copies the longest run of ordinary bytes, across chunks. */
static int copy_span(csv_reader *r, int quoted) {
    for (;;) {
        int rc = fill(r);
        if (rc <= 0) return rc;
        const unsigned char *p = r->in + r->in_pos, *e = r->in + r->in_len, *q = p;
        unsigned char mask = quoted ? 2 : 1;
        while (q < e && !(special[*q] & mask)) q++;
        if (q > p) {
            if (append(r, p, (size_t)(q - p)) != 0) return r->err;
            r->in_pos += (size_t)(q - p);
        }
        if (q < e) return 1;
    }
}

/* After a line break or the end: the record is complete. */
static int finish(csv_reader *r, const csv_field **fields, size_t *nfields) {
    for (size_t i = 0; i < r->nfields; i++) {
        size_t end = i + 1 < r->nfields ? r->offs[i + 1] - 1 : r->rec_len - 1;
        r->fields[i].s = r->rec + r->offs[i];
        r->fields[i].len = end - r->offs[i];
    }
    if (fields) *fields = r->fields;
    if (nfields) *nfields = r->nfields;
    return 1;
}

/* Consumes CR LF or LF at in_pos (c is the byte there). */
static int line_break(csv_reader *r, int c) {
    r->in_pos++;
    if (c == '\r') {
        int d = peek(r);
        if (d < 0) return d;
        if (d != '\n') return fail(r, CSV_ESYNTAX, r->line, "carriage return without line feed");
        r->in_pos++;
    }
    r->line++;
    return 0;
}

int csv_next(csv_reader *r, const csv_field **fields, size_t *nfields) {
    if (r->err) return r->err;
    if (!r->started) {
        r->started = 1;
        if (skip_bom(r) < 0) return r->err;
    }
    r->rec_len = 0;
    r->nfields = 0;
    int c = peek(r);
    if (c < 0) return c;
    if (c == END) return 0;
    r->rec_line = r->line;
    for (;;) { /* one field per turn */
        if (start_field(r) != 0) return r->err;
        c = peek(r);
        if (c < 0) return c;
        if (c == '"') {
            unsigned long open_line = r->line;
            r->in_pos++;
            for (;;) {
                if (copy_span(r, 1) < 0) return r->err;
                c = peek(r);
                if (c < 0) return c;
                if (c == END)
                    return fail(r, CSV_ESYNTAX, open_line, "quoted field not closed before end of input");
                if (c == 0) return fail(r, CSV_ESYNTAX, r->line, "NUL byte in input");
                r->in_pos++;
                if (c == '\n') {
                    r->line++;
                    if (append(r, "\n", 1) != 0) return r->err;
                    continue;
                }
                /* a quote: doubled, or the end of the field */
                c = peek(r);
                if (c < 0) return c;
                if (c != '"') break;
                r->in_pos++;
                if (append(r, "\"", 1) != 0) return r->err;
            }
            if (end_field(r) != 0) return r->err;
            if (c == ',') {
                r->in_pos++;
                continue;
            }
            if (c == END) return finish(r, fields, nfields);
            if (c == '\n' || c == '\r') {
                if (line_break(r, c) != 0) return r->err;
                return finish(r, fields, nfields);
            }
            return fail(r, CSV_ESYNTAX, r->line, "unexpected character after a closing quote");
        }
        if (copy_span(r, 0) < 0) return r->err;
        c = peek(r);
        if (c < 0) return c;
        if (c == '"') return fail(r, CSV_ESYNTAX, r->line, "quote inside an unquoted field");
        if (c == 0) return fail(r, CSV_ESYNTAX, r->line, "NUL byte in input");
        if (end_field(r) != 0) return r->err;
        if (c == ',') {
            r->in_pos++;
            continue;
        }
        if (c == END) return finish(r, fields, nfields);
        if (line_break(r, c) != 0) return r->err;
        return finish(r, fields, nfields);
    }
}

unsigned long csv_record_line(const csv_reader *r) { return r->rec_line; }
unsigned long csv_error_line(const csv_reader *r) { return r->err_line; }
const char *csv_error(const csv_reader *r) { return r->err ? r->msg : ""; }
