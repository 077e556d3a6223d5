/* fuzz_fa_normalize — the search-key normaliser and tokenizer on arbitrary bytes:
 * keys and tokens are valid UTF-8 without any character the rules delete or map
 * away, and token offsets lie inside the input and never go backwards. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "text/fa_key.h"

struct check {
    size_t len, last_start;
};

static void check_clean(const char *s, size_t n) {
    if (!fa_utf8_valid(s, n)) abort();
    for (size_t i = 0; i < n;) {
        unsigned cp;
        int l = fa_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (l <= 0 || fa_key_forbidden(cp)) abort();
        i += (size_t)l;
    }
}

static int on_token(void *ctx, const char *tok, size_t len, size_t start, size_t end, int flags) {
    struct check *c = ctx;
    (void)flags;
    if (len == 0 || start > end || end > c->len || start < c->last_start) abort();
    if (memchr(tok, ' ', len)) abort();
    check_clean(tok, len);
    c->last_start = start;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    struct check c = {size, 0};
    if (fa_tokenize((const char *)data, size, FA_TOKENIZE_STEMS, on_token, &c) != 0) abort();
    buf b;
    buf_init(&b, 64u << 20);
    if (fa_key((const char *)data, size, &b) != 0) abort();
    check_clean(b.data ? b.data : "", b.len);
    buf_free(&b);
    return 0;
}
