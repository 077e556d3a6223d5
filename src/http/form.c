/* form — see form.h. Two passes over the input: count separators to size the field
 * array, then split and decode each pair. */
#include "http/form.h"

#include <string.h>

#include "core/utf8.h"

static int hexval(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

char *form_url_decode(const char *s, size_t len, int plus_is_space, arena *a, size_t *out_len,
                      int *err) {
    char *out = arena_alloc(a, len + 1);
    if (!out) { *err = FORM_NO_MEMORY; return NULL; }
    size_t j = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '%') {
            if (i + 2 >= len) { *err = FORM_BAD_ESCAPE; return NULL; }
            int hi = hexval((unsigned char)s[i + 1]), lo = hexval((unsigned char)s[i + 2]);
            if (hi < 0 || lo < 0) { *err = FORM_BAD_ESCAPE; return NULL; }
            out[j++] = (char)(hi * 16 + lo);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out[j++] = ' ';
        } else {
            out[j++] = c;
        }
    }
    out[j] = 0;
    *out_len = j;
    *err = FORM_OK;
    return out;
}

static int check_text(const char *s, size_t len, int allow_newlines) {
    if (!utf8_valid(s, len)) return FORM_BAD_UTF8;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0 || c == 0x7F) return FORM_CONTROL;
        if (c < 0x20 && !(allow_newlines && (c == '\t' || c == '\n' || c == '\r')))
            return FORM_CONTROL;
    }
    return FORM_OK;
}

static size_t count_pairs(const char *s, size_t len, char sep) {
    size_t n = 1;
    for (size_t i = 0; i < len; i++) n += s[i] == sep;
    return n;
}

int form_parse_urlencoded(const char *s, size_t len, arena *a, struct form *out) {
    out->n = 0;
    out->fields = NULL;
    if (len == 0) return FORM_OK;
    size_t cap = count_pairs(s, len, '&');
    if (cap > FORM_MAX_FIELDS * 4) return FORM_TOO_MANY; /* even counting empty pairs */
    struct form_field *fields = arena_calloc(a, cap, sizeof *fields);
    if (!fields) return FORM_NO_MEMORY;
    int n = 0;
    size_t i = 0;
    while (i <= len) {
        size_t end = i;
        while (end < len && s[end] != '&') end++;
        if (end > i) {
            if (n == FORM_MAX_FIELDS) return FORM_TOO_MANY;
            const char *eq = memchr(s + i, '=', end - i);
            size_t nlen = eq ? (size_t)(eq - (s + i)) : end - i;
            const char *vstart = eq ? eq + 1 : s + end;
            size_t vlen = (size_t)(s + end - vstart);
            size_t dn, dv;
            int err;
            char *name = form_url_decode(s + i, nlen, 1, a, &dn, &err);
            if (!name) return err;
            char *value = form_url_decode(vstart, vlen, 1, a, &dv, &err);
            if (!value) return err;
            if ((err = check_text(name, dn, 0)) != FORM_OK) return err;
            if ((err = check_text(value, dv, 1)) != FORM_OK) return err;
            fields[n].name = name;
            fields[n].value = value;
            fields[n].value_len = dv;
            n++;
        }
        i = end + 1;
    }
    out->n = n;
    out->fields = fields;
    return FORM_OK;
}

static void trim(const char **s, size_t *len) {
    while (*len && (**s == ' ' || **s == '\t')) { (*s)++; (*len)--; }
    while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t')) (*len)--;
}

int form_parse_cookies(const char *s, size_t len, arena *a, struct form *out) {
    out->n = 0;
    out->fields = NULL;
    if (len == 0) return FORM_OK;
    size_t cap = count_pairs(s, len, ';');
    if (cap > FORM_MAX_FIELDS) return FORM_TOO_MANY;
    struct form_field *fields = arena_calloc(a, cap, sizeof *fields);
    if (!fields) return FORM_NO_MEMORY;
    int n = 0;
    size_t i = 0;
    while (i <= len) {
        size_t end = i;
        while (end < len && s[end] != ';') end++;
        const char *pair = s + i;
        size_t plen = end - i;
        trim(&pair, &plen);
        if (plen) {
            const char *eq = memchr(pair, '=', plen);
            if (!eq || eq == pair) return FORM_BAD_SYNTAX;
            const char *name = pair, *value = eq + 1;
            size_t nlen = (size_t)(eq - pair), vlen = plen - nlen - 1;
            trim(&name, &nlen);
            trim(&value, &vlen);
            if (nlen == 0) return FORM_BAD_SYNTAX;
            if (vlen >= 2 && value[0] == '"' && value[vlen - 1] == '"') { value++; vlen -= 2; }
            int err;
            if ((err = check_text(name, nlen, 0)) != FORM_OK) return err;
            if ((err = check_text(value, vlen, 0)) != FORM_OK) return err;
            fields[n].name = arena_strndup(a, name, nlen);
            fields[n].value = arena_strndup(a, value, vlen);
            fields[n].value_len = vlen;
            if (!fields[n].name || !fields[n].value) return FORM_NO_MEMORY;
            n++;
        }
        i = end + 1;
    }
    out->n = n;
    out->fields = fields;
    return FORM_OK;
}

const char *form_get(const struct form *f, const char *name) {
    for (int i = 0; i < f->n; i++)
        if (!strcmp(f->fields[i].name, name)) return f->fields[i].value;
    return NULL;
}

const char *form_error_message(int err) {
    switch (err) {
    case FORM_OK: return "ok";
    case FORM_BAD_ESCAPE: return "malformed percent-escape";
    case FORM_BAD_UTF8: return "text is not valid UTF-8";
    case FORM_CONTROL: return "control characters are not allowed";
    case FORM_TOO_MANY: return "too many fields";
    case FORM_NO_MEMORY: return "request too large";
    case FORM_BAD_SYNTAX: return "malformed field";
    default: return "malformed input";
    }
}
