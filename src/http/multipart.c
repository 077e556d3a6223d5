/* multipart — see multipart.h. The delimiter "\r\n--boundary" is searched with
 * memmem, so the cost is linear in the body; header lines are parsed in place. */
#define _GNU_SOURCE /* memmem */
#include "http/multipart.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "core/utf8.h"

static bool bchar(unsigned char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           strchr("'()+_,-./:=? ", c) != NULL;
}

int multipart_boundary(const char *ct, arena *a, const char **boundary) {
    *boundary = NULL;
    static const char type[] = "multipart/form-data";
    if (!ct || strncasecmp(ct, type, sizeof type - 1)) return MULTIPART_EBOUNDARY;
    const char *p = ct + sizeof type - 1;
    while (*p) {
        while (*p == ' ' || *p == '\t') p++;
        if (*p != ';') return MULTIPART_EBOUNDARY;
        p++;
        while (*p == ' ' || *p == '\t') p++;
        const char *eq = strchr(p, '=');
        if (!eq) return MULTIPART_EBOUNDARY;
        size_t klen = (size_t)(eq - p);
        const char *v = eq + 1, *vend;
        size_t vlen;
        if (*v == '"') {
            vend = strchr(v + 1, '"');
            if (!vend) return MULTIPART_EBOUNDARY;
            v++;
            vlen = (size_t)(vend - v);
            vend++;
        } else {
            vend = v;
            while (*vend && *vend != ';' && *vend != ' ' && *vend != '\t') vend++;
            vlen = (size_t)(vend - v);
        }
        if (klen == 8 && !strncasecmp(p, "boundary", 8)) {
            if (*boundary || vlen < 1 || vlen > 70 || v[vlen - 1] == ' ')
                return MULTIPART_EBOUNDARY;
            for (size_t i = 0; i < vlen; i++)
                if (!bchar((unsigned char)v[i])) return MULTIPART_EBOUNDARY;
            *boundary = arena_strndup(a, v, vlen);
            if (!*boundary) return MULTIPART_ENOMEM;
        }
        p = vend;
    }
    return *boundary ? MULTIPART_OK : MULTIPART_EBOUNDARY;
}

static bool clean_name(const char *s, size_t n) {
    return n > 0 && utf8_valid(s, n) && !utf8_has_controls(s, n) && !memchr(s, '\t', n) &&
           !memchr(s, '\r', n) && !memchr(s, '\n', n) && !memchr(s, 0, n);
}

/* Finds `key="value"` among the ;-separated parameters of a disposition. */
static int disposition_param(const char *p, const char *end, const char *key, arena *a,
                             const char **out) {
    size_t klen = strlen(key);
    *out = NULL;
    while (p < end) {
        while (p < end && (*p == ' ' || *p == '\t')) p++;
        if (p >= end) break;
        if (*p != ';') return MULTIPART_EHEADER;
        p++;
        while (p < end && (*p == ' ' || *p == '\t')) p++;
        const char *eq = memchr(p, '=', (size_t)(end - p));
        if (!eq || eq + 1 >= end || eq[1] != '"') return MULTIPART_EHEADER;
        const char *v = eq + 2, *q = memchr(v, '"', (size_t)(end - v));
        if (!q) return MULTIPART_EHEADER;
        if ((size_t)(eq - p) == klen && !strncasecmp(p, key, klen)) {
            if (*out) return MULTIPART_EHEADER; /* the same parameter twice */
            if (!clean_name(v, (size_t)(q - v)) && !(q == v && !strcmp(key, "filename")))
                return MULTIPART_ETEXT;
            *out = arena_strndup(a, v, (size_t)(q - v));
            if (!*out) return MULTIPART_ENOMEM;
        }
        p = q + 1;
    }
    return MULTIPART_OK;
}

/* Parses the header block [p, end) of one part. */
static int part_headers(const char *p, const char *end, arena *a, struct multipart_part *part) {
    int lines = 0;
    bool disposition = false;
    while (p < end) {
        const char *eol = NULL;
        for (const char *q = p; q + 1 < end; q++)
            if (q[0] == '\r' && q[1] == '\n') {
                eol = q;
                break;
            }
        if (!eol) eol = end; /* the last line: its CRLF is part of the blank-line pair */
        size_t n = (size_t)(eol - p);
        if (n == 0 || n > MULTIPART_MAX_HEADER_LINE || ++lines > MULTIPART_MAX_HEADERS)
            return MULTIPART_ESYNTAX;
        for (size_t i = 0; i < n; i++)
            if ((unsigned char)p[i] < 0x20 && p[i] != '\t') return MULTIPART_ESYNTAX;
        const char *colon = memchr(p, ':', n);
        if (!colon || colon == p) return MULTIPART_ESYNTAX;
        size_t klen = (size_t)(colon - p);
        const char *v = colon + 1;
        while (v < eol && (*v == ' ' || *v == '\t')) v++;
        if (klen == 19 && !strncasecmp(p, "Content-Disposition", 19)) {
            if (disposition || (size_t)(eol - v) < 9 || strncasecmp(v, "form-data", 9))
                return MULTIPART_EHEADER;
            disposition = true;
            const char *params = v + 9;
            int rc = disposition_param(params, eol, "name", a, &part->name);
            if (rc == MULTIPART_OK) rc = disposition_param(params, eol, "filename", a, &part->filename);
            if (rc != MULTIPART_OK) return rc;
        } else if (klen == 12 && !strncasecmp(p, "Content-Type", 12)) {
            if (part->content_type) return MULTIPART_EHEADER;
            part->content_type = arena_strndup(a, v, (size_t)(eol - v));
            if (!part->content_type) return MULTIPART_ENOMEM;
        }
        p = eol == end ? end : eol + 2;
    }
    if (!disposition || !part->name) return MULTIPART_EHEADER;
    return MULTIPART_OK;
}

int multipart_parse(const char *body, size_t len, const char *boundary, arena *a,
                    struct multipart *out) {
    out->n = 0;
    out->parts = NULL;
    size_t blen = boundary ? strlen(boundary) : 0;
    if (blen < 1 || blen > 70) return MULTIPART_EBOUNDARY;
    /* delim = "\r\n--" boundary; the body starts with it minus the CRLF. */
    char delim[80];
    memcpy(delim, "\r\n--", 4);
    memcpy(delim + 4, boundary, blen);
    size_t dlen = blen + 4;
    if (len < dlen - 2 || memcmp(body, delim + 2, dlen - 2)) return MULTIPART_ESYNTAX;
    struct multipart_part *parts = arena_calloc(a, MULTIPART_MAX_PARTS, sizeof *parts);
    if (!parts) return MULTIPART_ENOMEM;
    const char *p = body + dlen - 2, *end = body + len;
    int n = 0;
    for (;;) {
        /* After a delimiter: "--" closes, CRLF opens a part. */
        if (end - p >= 2 && p[0] == '-' && p[1] == '-') {
            p += 2;
            if (p == end || (end - p == 2 && p[0] == '\r' && p[1] == '\n')) break;
            return MULTIPART_ESYNTAX;
        }
        if (end - p < 2 || p[0] != '\r' || p[1] != '\n') return MULTIPART_ESYNTAX;
        p += 2;
        if (n == MULTIPART_MAX_PARTS) return MULTIPART_ETOO_MANY;
        /* Headers end at the first blank line. */
        const char *hend = NULL;
        size_t limit = (size_t)(end - p);
        size_t cap = (MULTIPART_MAX_HEADER_LINE + 2) * MULTIPART_MAX_HEADERS + 2;
        if (limit > cap) limit = cap;
        for (size_t i = 0; i + 3 < limit; i++)
            if (p[i] == '\r' && p[i + 1] == '\n' && p[i + 2] == '\r' && p[i + 3] == '\n') {
                hend = p + i;
                break;
            }
        if (!hend) return MULTIPART_ESYNTAX;
        struct multipart_part *part = &parts[n];
        int rc = part_headers(p, hend, a, part);
        if (rc != MULTIPART_OK) return rc;
        const char *data = hend + 4;
        const char *next = memmem(data, (size_t)(end - data), delim, dlen);
        if (!next) return MULTIPART_ESYNTAX;
        part->data = data;
        part->len = (size_t)(next - data);
        if (!part->filename && (!utf8_valid(data, part->len) || memchr(data, 0, part->len)))
            return MULTIPART_ETEXT;
        if (!part->filename)
            for (size_t i = 0; i < part->len; i++) {
                unsigned char c = (unsigned char)data[i];
                if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7F)
                    return MULTIPART_ETEXT;
            }
        n++;
        p = next + dlen;
    }
    out->n = n;
    out->parts = parts;
    return MULTIPART_OK;
}

const struct multipart_part *multipart_get(const struct multipart *m, const char *name) {
    for (int i = 0; i < m->n; i++)
        if (!strcmp(m->parts[i].name, name)) return &m->parts[i];
    return NULL;
}

const char *multipart_error_message(int err) {
    switch (err) {
    case MULTIPART_OK: return "ok";
    case MULTIPART_EBOUNDARY: return "not multipart/form-data with a valid boundary";
    case MULTIPART_ESYNTAX: return "malformed multipart body";
    case MULTIPART_EHEADER: return "a part lacks a form-data disposition with a name";
    case MULTIPART_ETEXT: return "a name or text field is not clean UTF-8";
    case MULTIPART_ETOO_MANY: return "too many parts";
    default: return "out of memory";
    }
}
