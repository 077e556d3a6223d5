/* fuzz_form — URL-encoded forms, query strings and Cookie headers.
 * Properties: never crash; whatever parses is valid UTF-8 without NUL (and, for
 * names and cookies, without any control character); at most FORM_MAX_FIELDS. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "http/form.h"

static void check(const struct form *f, int allow_newlines_in_values) {
    if (f->n > FORM_MAX_FIELDS) abort();
    for (int i = 0; i < f->n; i++) {
        const char *n = f->fields[i].name, *v = f->fields[i].value;
        size_t vl = f->fields[i].value_len;
        if (!utf8_valid(n, strlen(n)) || utf8_has_controls(n, strlen(n))) abort();
        if (strlen(v) != vl || !utf8_valid(v, vl)) abort();
        if (!allow_newlines_in_values && utf8_has_controls(v, vl)) abort();
        for (size_t k = 0; k < vl; k++) {
            unsigned char c = (unsigned char)v[k];
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') abort();
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    arena a;
    arena_init(&a, 64u << 20);
    struct form f;
    if (form_parse_urlencoded((const char *)data, size, &a, &f) == FORM_OK) check(&f, 1);
    if (form_parse_cookies((const char *)data, size, &a, &f) == FORM_OK) check(&f, 0);
    size_t out_len;
    int err;
    char *d = form_url_decode((const char *)data, size, 1, &a, &out_len, &err);
    if (d && out_len > size) abort();
    arena_free(&a);
    return 0;
}
