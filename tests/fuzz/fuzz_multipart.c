/* fuzz_multipart — multipart/form-data bodies and Content-Type boundaries.
 * Input: the first line is the Content-Type value, the rest the body.
 * Properties: never crash; a parsed body has at most MULTIPART_MAX_PARTS parts,
 * each part's data lies inside the body, names are clean UTF-8 without controls,
 * text (non-file) values are UTF-8 without NUL or control characters other than
 * tab, CR and LF, and a part's data is never followed in the body by anything but
 * the delimiter. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "http/multipart.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *s = (const char *)data;
    const char *nl = memchr(s, '\n', size);
    if (!nl) return 0;
    size_t ctlen = (size_t)(nl - s);
    char *ct = malloc(ctlen + 1);
    if (!ct) return 0;
    memcpy(ct, s, ctlen);
    ct[ctlen] = 0;
    const char *body = nl + 1;
    size_t blen = size - ctlen - 1;
    arena a;
    arena_init(&a, 64u << 20);
    const char *boundary;
    struct multipart m;
    if (strlen(ct) == ctlen && multipart_boundary(ct, &a, &boundary) == MULTIPART_OK &&
        multipart_parse(body, blen, boundary, &a, &m) == MULTIPART_OK) {
        if (m.n < 0 || m.n > MULTIPART_MAX_PARTS) abort();
        size_t bl = strlen(boundary);
        for (int i = 0; i < m.n; i++) {
            const struct multipart_part *p = &m.parts[i];
            if (p->data < body || p->data + p->len > body + blen) abort();
            size_t nl2 = strlen(p->name);
            if (!nl2 || !utf8_valid(p->name, nl2) || utf8_has_controls(p->name, nl2)) abort();
            if (p->data + p->len + 4 + bl > body + blen) abort();
            if (memcmp(p->data + p->len, "\r\n--", 4) || memcmp(p->data + p->len + 4, boundary, bl))
                abort();
            if (!p->filename) {
                if (!utf8_valid(p->data, p->len) || memchr(p->data, 0, p->len)) abort();
                for (size_t k = 0; k < p->len; k++) {
                    unsigned char c = (unsigned char)p->data[k];
                    if (c < 0x20 && c != '\t' && c != '\r' && c != '\n') abort();
                }
            }
        }
    }
    arena_free(&a);
    free(ct);
    return 0;
}
