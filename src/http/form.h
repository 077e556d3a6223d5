/* form — parsers for the outside text an HTTP request carries: URL-encoded forms
 * and query strings (application/x-www-form-urlencoded) and Cookie headers.
 *
 * Every parser copies what it keeps into the request arena, bounds the number of
 * fields, and rejects what it cannot read faithfully: bad percent escapes, invalid
 * UTF-8, NUL bytes and other control characters (tab, CR and LF are allowed in
 * form values, since textareas send them). A rejected input yields an error code
 * and nothing half-parsed. */
#ifndef TASHIL_FORM_H
#define TASHIL_FORM_H

#include <stddef.h>

#include "core/arena.h"

enum { FORM_MAX_FIELDS = 256 };

enum form_error {
    FORM_OK = 0,
    FORM_BAD_ESCAPE = -1,  /* "%zz" or a truncated escape */
    FORM_BAD_UTF8 = -2,    /* the decoded text is not UTF-8 */
    FORM_CONTROL = -3,     /* NUL or another control character */
    FORM_TOO_MANY = -4,    /* more than FORM_MAX_FIELDS fields */
    FORM_NO_MEMORY = -5,
    FORM_BAD_SYNTAX = -6,  /* cookies: a pair without '=' or an empty name */
};

struct form_field {
    const char *name;
    const char *value;
    size_t value_len;
};

struct form {
    int n;
    struct form_field *fields;
};

/* Parses "a=1&b=%D8%A7+x". Empty pairs ("a=1&&b") are skipped; a name without '='
 * gets the value "". */
int form_parse_urlencoded(const char *s, size_t len, arena *a, struct form *out);

/* Parses a Cookie header: "a=1; b=2". Values are not percent-decoded (RFC 6265);
 * surrounding double quotes are removed. */
int form_parse_cookies(const char *s, size_t len, arena *a, struct form *out);

/* The first value of a field, or NULL. */
const char *form_get(const struct form *f, const char *name);

/* Percent-decodes s[0..len) ('+' becomes a space when plus_is_space) into the
 * arena. Returns NULL on a bad escape or no memory; *err says which. */
char *form_url_decode(const char *s, size_t len, int plus_is_space, arena *a, size_t *out_len,
                      int *err);

/* English message for an error code, for logs and the API. */
const char *form_error_message(int err);

#endif
