/* multipart — see multipart.h. */
#include "http/multipart.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "core/utf8.h"

int multipart_is_form_data(const char *ct) {
    if (!ct) return 0;
    while (*ct == ' ') ct++;
    return !strncasecmp(ct, "multipart/form-data", 19) && (ct[19] == ';' || ct[19] == ' ' || !ct[19]);
}

/* RFC 2046 bchars without the space (a trailing space is not allowed anyway). */
static bool bchar(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           strchr("'()+_,-./:=?", c) != NULL;
}

int multipart_boundary(const char *ct, char *out, size_t cap) {
    if (!multipart_is_form_data(ct) || cap <= MULTIPART_MAX_BOUNDARY) return FORM_BAD_SYNTAX;
    const char *p = ct + 19;
    while (*p) {
        while (*p == ';' || *p == ' ' || *p == '\t') p++;
        const char *name = p;
        while (*p && *p != '=' && *p != ';') p++;
        size_t nl = (size_t)(p - name);
        if (*p != '=') continue;
        p++;
        bool quoted = *p == '"';
        if (quoted) p++;
        const char *v = p;
        while (*p && (quoted ? *p != '"' : (*p != ';' && *p != ' '))) p++;
        size_t vl = (size_t)(p - v);
        if (quoted) {
            if (*p != '"') return FORM_BAD_SYNTAX;
            p++;
        }
        if (nl == 8 && !strncasecmp(name, "boundary", 8)) {
            if (vl < 1 || vl > MULTIPART_MAX_BOUNDARY) return FORM_BAD_SYNTAX;
            for (size_t i = 0; i < vl; i++)
                if (!bchar(v[i]) && !(quoted && v[i] == ' ' && i + 1 < vl)) return FORM_BAD_SYNTAX;
            memcpy(out, v, vl);
            out[vl] = 0;
            return FORM_OK;
        }
    }
    return FORM_BAD_SYNTAX;
}

static const char *find(const char *hay, size_t n, const char *needle, size_t m) {
    if (m == 0 || n < m) return NULL;
    for (const char *p = hay, *end = hay + n - m; p <= end; p++) {
        p = memchr(p, needle[0], (size_t)(end - p) + 1);
        if (!p) return NULL;
        if (!memcmp(p, needle, m)) return p;
    }
    return NULL;
}

static int check_text(const char *s, size_t len, bool allow_newlines) {
    if (!utf8_valid(s, len)) return FORM_BAD_UTF8;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0x7F || (c < 0x20 && !(allow_newlines && (c == '\t' || c == '\n' || c == '\r'))))
            return FORM_CONTROL;
    }
    return FORM_OK;
}

/* Reads param="value" from a Content-Disposition header line. Returns 1 found,
 * 0 absent, or a negative error. */
static int disposition_param(const char *h, size_t n, const char *param, arena *a, char **out) {
    size_t pl = strlen(param);
    for (size_t i = 0; i + pl + 2 <= n; i++) {
        bool at_word = i == 0 || h[i - 1] == ' ' || h[i - 1] == ';' || h[i - 1] == '\t';
        if (!at_word || strncasecmp(h + i, param, pl) || h[i + pl] != '=') continue;
        size_t v = i + pl + 1;
        if (v >= n || h[v] != '"') return FORM_BAD_SYNTAX;
        const char *close = memchr(h + v + 1, '"', n - v - 1);
        if (!close) return FORM_BAD_SYNTAX;
        size_t vl = (size_t)(close - (h + v + 1));
        int rc = check_text(h + v + 1, vl, false);
        if (rc != FORM_OK) return rc;
        *out = arena_strndup(a, h + v + 1, vl);
        return *out ? 1 : FORM_NO_MEMORY;
    }
    return 0;
}

struct part_head {
    char *name, *filename, *content_type;
};

static int parse_headers(const char *h, size_t n, arena *a, struct part_head *ph) {
    memset(ph, 0, sizeof *ph);
    bool disposition = false;
    size_t i = 0;
    while (i < n) {
        const char *crlf = find(h + i, n - i, "\r\n", 2);
        size_t e = crlf ? (size_t)(crlf - h) : n;
        const char *line = h + i;
        size_t ll = e - i;
        const char *colon = memchr(line, ':', ll);
        if (!colon || colon == line) return FORM_BAD_SYNTAX;
        size_t nl = (size_t)(colon - line);
        const char *v = colon + 1;
        size_t vl = ll - nl - 1;
        while (vl && (*v == ' ' || *v == '\t')) v++, vl--;
        if (check_text(line, ll, false) != FORM_OK) return FORM_CONTROL;
        if (nl == 19 && !strncasecmp(line, "Content-Disposition", 19)) {
            if (disposition || vl < 9 || strncasecmp(v, "form-data", 9) ||
                (vl > 9 && v[9] != ';'))
                return FORM_BAD_SYNTAX;
            disposition = true;
            int rc = disposition_param(v + 9, vl - 9, "name", a, &ph->name);
            if (rc <= 0) return rc < 0 ? rc : FORM_BAD_SYNTAX;
            rc = disposition_param(v + 9, vl - 9, "filename", a, &ph->filename);
            if (rc < 0) return rc;
        } else if (nl == 12 && !strncasecmp(line, "Content-Type", 12)) {
            ph->content_type = arena_strndup(a, v, vl);
            if (!ph->content_type) return FORM_NO_MEMORY;
        }
        i = e + 2;
    }
    return disposition && *ph->name ? FORM_OK : FORM_BAD_SYNTAX;
}

int multipart_parse(const char *body, size_t len, const char *boundary, arena *a,
                    struct form *fields, struct http_file *files, int *nfiles) {
    fields->n = 0;
    fields->fields = NULL;
    *nfiles = 0;
    size_t bl = strlen(boundary);
    if (bl < 1 || bl > MULTIPART_MAX_BOUNDARY) return FORM_BAD_SYNTAX;
    /* "\r\n--" + boundary: the delimiter before every part but the first. */
    char delim[MULTIPART_MAX_BOUNDARY + 5];
    memcpy(delim, "\r\n--", 4);
    memcpy(delim + 4, boundary, bl + 1);
    size_t dl = bl + 4;
    if (len < dl - 2 || memcmp(body, delim + 2, dl - 2)) return FORM_BAD_SYNTAX;
    struct form_field *ff = arena_alloc(a, sizeof *ff * FORM_MAX_FIELDS);
    if (!ff) return FORM_NO_MEMORY;
    size_t pos = dl - 2;
    for (;;) {
        /* After a delimiter: "--" closes, CRLF opens a part. */
        if (len - pos >= 2 && !memcmp(body + pos, "--", 2)) break;
        if (len - pos < 2 || memcmp(body + pos, "\r\n", 2)) return FORM_BAD_SYNTAX;
        pos += 2;
        const char *hend = find(body + pos, len - pos, "\r\n\r\n", 4);
        size_t hlen = hend ? (size_t)(hend - (body + pos)) : 0;
        if (!hend || hlen > MULTIPART_MAX_HEADER) return FORM_BAD_SYNTAX;
        struct part_head ph;
        int rc = parse_headers(body + pos, hlen, a, &ph);
        if (rc != FORM_OK) return rc;
        pos += hlen + 4;
        const char *next = find(body + pos, len - pos, delim, dl);
        if (!next) return FORM_BAD_SYNTAX;
        size_t dlen = (size_t)(next - (body + pos));
        if (ph.filename) {
            if (*nfiles == MULTIPART_MAX_FILES) return FORM_TOO_MANY;
            files[(*nfiles)++] = (struct http_file){ph.name, ph.filename,
                                                    ph.content_type ? ph.content_type : "",
                                                    body + pos, dlen};
        } else {
            if (fields->n == FORM_MAX_FIELDS) return FORM_TOO_MANY;
            rc = check_text(body + pos, dlen, true);
            if (rc != FORM_OK) return rc;
            char *v = arena_strndup(a, body + pos, dlen);
            if (!v) return FORM_NO_MEMORY;
            ff[fields->n++] = (struct form_field){ph.name, v, dlen};
        }
        pos = (size_t)(next - body) + dl;
    }
    fields->fields = ff;
    return FORM_OK;
}
