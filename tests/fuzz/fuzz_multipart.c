/* fuzz_multipart — multipart/form-data bodies and Content-Type boundaries.
 * The first line of the input is the Content-Type, the rest the body.
 * Properties: never crash; whatever parses has valid UTF-8 field names and values
 * without NUL (values may hold tab, CR, LF), files inside the body, and at most
 * FORM_MAX_FIELDS fields and MULTIPART_MAX_FILES files. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "http/multipart.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *s = (const char *)data;
    const char *nl = memchr(s, '\n', size);
    if (!nl) return 0;
    arena a;
    arena_init(&a, 64u << 20);
    char *ct = arena_strndup(&a, s, (size_t)(nl - s));
    const char *body = nl + 1;
    size_t blen = size - (size_t)(nl - s) - 1;
    char boundary[MULTIPART_MAX_BOUNDARY + 1];
    if (ct && multipart_boundary(ct, boundary, sizeof boundary) == FORM_OK) {
        if (strlen(boundary) < 1 || strlen(boundary) > MULTIPART_MAX_BOUNDARY) abort();
        struct form f;
        struct http_file files[MULTIPART_MAX_FILES];
        int nf;
        if (multipart_parse(body, blen, boundary, &a, &f, files, &nf) == FORM_OK) {
            if (f.n > FORM_MAX_FIELDS || nf > MULTIPART_MAX_FILES) abort();
            for (int i = 0; i < f.n; i++) {
                const char *n = f.fields[i].name, *v = f.fields[i].value;
                if (!utf8_valid(n, strlen(n)) || utf8_has_controls(n, strlen(n))) abort();
                if (strlen(v) != f.fields[i].value_len || !utf8_valid(v, strlen(v))) abort();
            }
            for (int i = 0; i < nf; i++)
                if (files[i].data < body || files[i].data + files[i].len > body + blen) abort();
        }
    }
    arena_free(&a);
    return 0;
}
