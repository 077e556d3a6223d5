/* fuzz_case_input — outside input to the case domain: the filing fields (split from
 * the input at NUL bytes into unit, category, title, description, amount), free
 * texts, and attachments (name and content).
 * Properties: never crash; an accepted title and description hold no control
 * characters but newlines and tabs and fit their caps; an accepted amount is ≥ 0;
 * an accepted attachment is within the cap and its sniffed type is one of three. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cases/case_attach.h"
#include "cases/case_input.h"

struct parts {
    const char *v[5];
};

static const char *get(void *ctx, const char *field) {
    struct parts *p = ctx;
    static const char *const names[5] = {"unit_id", "category_id", "title", "description", "amount"};
    for (int i = 0; i < 5; i++)
        if (!strcmp(field, names[i])) return p->v[i];
    return NULL;
}

static void no_controls(const char *s, size_t cap) {
    size_t n = strlen(s);
    if (n >= cap) abort();
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f) abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *copy = malloc(size + 1);
    if (!copy) return 0;
    memcpy(copy, data, size);
    copy[size] = 0;
    struct parts p = {{"", "", "", "", ""}};
    char *at = copy;
    for (int i = 0; i < 5 && at <= copy + size; i++) {
        p.v[i] = at;
        at += strlen(at) + 1;
    }
    struct case_input in;
    struct field_errors errs = {0};
    if (case_input_from_fields(get, &p, &in, &errs)) {
        no_controls(in.title, sizeof in.title);
        no_controls(in.description, sizeof in.description);
        if (in.amount < -1 || in.unit_id <= 0 || in.category_id <= 0) abort();
    }
    errs.n = 0;
    case_text_valid("body", copy, &errs);
    const char *mime = NULL;
    if (case_attach_check(p.v[0], data, size, &mime) == CASE_ATTACH_OK) {
        if (size == 0 || size > CASE_ATTACH_MAX || !mime) abort();
        if (strcmp(mime, "application/pdf") && strcmp(mime, "image/jpeg") && strcmp(mime, "image/png"))
            abort();
    }
    free(copy);
    return 0;
}
