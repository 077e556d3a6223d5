/* token — see token.h. */
#include "auth/token.h"

#include <sodium.h>
#include <string.h>

void token_new(char out[TOKEN_TEXT_SIZE]) {
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(out, TOKEN_TEXT_SIZE, raw, sizeof raw,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

bool token_hash(const char *text, unsigned char out[32]) {
    if (!text || strlen(text) != TOKEN_TEXT_LEN) return false;
    for (const char *p = text; *p; p++) {
        char ch = *p;
        bool ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
                  (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
        if (!ok) return false;
    }
    crypto_generichash(out, 32, (const unsigned char *)text, TOKEN_TEXT_LEN, NULL, 0);
    return true;
}

bool token_equal(const char *a, const char *b) {
    if (!a || !b) return false;
    size_t la = strlen(a), lb = strlen(b);
    if (la != lb || la == 0) return false;
    return sodium_memcmp(a, b, la) == 0;
}
