/* fuzz_promise_extract — article intake and promise extraction on any bytes.
 * Properties: never crash; the cleaned text is valid UTF-8 without NUL; every
 * candidate's text and cue and every person are valid UTF-8, the candidate text
 * is cut from the cleaned article, and the counts stay within their limits. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "promise/article.h"
#include "promise/extract.h"

static void valid(const char *s) {
    if (s && !utf8_valid(s, strlen(s))) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    arena a;
    arena_init(&a, 256u << 20);
    const char *text;
    size_t len;
    bool converted;
    fa_err err;
    int html = size && (data[0] & 1);
    if (promise_article_text((const char *)data, size, html, &a, &text, &len, &converted, &err) ==
        ARTICLE_OK) {
        if (strlen(text) != len || !utf8_valid(text, len)) abort();
        struct extract_result *r = arena_alloc(&a, sizeof *r);
        if (r && promise_extract(text, len, &a, r) == 0) {
            if (r->n > EXTRACT_MAX_CANDIDATES || r->npeople > EXTRACT_MAX_PEOPLE) abort();
            valid(r->title);
            for (int i = 0; i < r->n; i++) {
                valid(r->c[i].speaker);
                valid(r->c[i].office);
                valid(r->c[i].text);
                valid(r->c[i].cue);
                if (!r->c[i].text || !*r->c[i].text || !strstr(text, r->c[i].text)) abort();
            }
            for (int i = 0; i < r->npeople; i++) {
                valid(r->people[i].name);
                valid(r->people[i].office);
            }
        }
    }
    arena_free(&a);
    return 0;
}
