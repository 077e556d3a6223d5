/* case_input — see case_input.h. */
#include "cases/case_input.h"

#include <string.h>

#include "text/fa_num.h"

static int64_t parse_id(const char *s) {
    int64_t v;
    if (!s || !*s || fa_num_parse_i64(s, strlen(s), &v, NULL) != 0 || v <= 0) return 0;
    return v;
}

/* Counts UTF-8 code points. */
static size_t chars(const char *s) {
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}

bool case_copy_multiline(char *dst, size_t cap, const char *src) {
    while (*src == ' ' || *src == '\n' || *src == '\r' || *src == '\t') src++;
    size_t n = strlen(src);
    while (n && (src[n - 1] == ' ' || src[n - 1] == '\n' || src[n - 1] == '\r' ||
                 src[n - 1] == '\t'))
        n--;
    if (n >= cap) return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)src[i];
        if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f) return false;
    }
    memcpy(dst, src, n);
    dst[n] = 0;
    return true;
}

bool case_input_from_fields(field_getter get, void *ctx, struct case_input *in,
                            struct field_errors *errs) {
    memset(in, 0, sizeof *in);
    in->amount = -1;
    in->unit_id = parse_id(get(ctx, "unit_id"));
    if (!in->unit_id) field_error_add(errs, "unit_id", "واحد تولیدی را انتخاب کنید.", "unit_id is required");
    in->category_id = parse_id(get(ctx, "category_id"));
    if (!in->category_id)
        field_error_add(errs, "category_id", "موضوع پرونده را انتخاب کنید.", "category_id is required");
    const char *title = get(ctx, "title");
    if (!title || !registry_copy_text(in->title, sizeof in->title, title) || !in->title[0])
        field_error_add(errs, "title", "عنوان پرونده را بنویسید (حداکثر ۲۵۰ نویسه).",
                        "title is required (at most 250 characters)");
    else if (chars(in->title) < 3 || chars(in->title) > CASE_TITLE_MAX)
        field_error_add(errs, "title", "عنوان باید بین ۳ تا ۲۵۰ نویسه باشد.",
                        "title must be 3 to 250 characters");
    const char *desc = get(ctx, "description");
    if (desc && !case_copy_multiline(in->description, sizeof in->description, desc))
        field_error_add(errs, "description", "شرح پرونده بیش از اندازه بلند است یا نویسه نامعتبر دارد.",
                        "description too long or has control characters");
    const char *amount = get(ctx, "amount");
    if (amount && *amount) {
        int64_t v;
        if (fa_num_parse_i64(amount, strlen(amount), &v, NULL) != 0 || v < 0)
            field_error_add(errs, "amount", "مبلغ را به ریال و با رقم بنویسید.",
                            "amount must be a non-negative integer (rials)");
        else in->amount = v;
    }
    return errs->n == 0;
}

bool case_text_valid(const char *field, const char *text, struct field_errors *errs) {
    char tmp[CASE_TEXT_MAX + 1];
    if (!text || !case_copy_multiline(tmp, sizeof tmp, text) || !tmp[0]) {
        field_error_add(errs, field, "متن را بنویسید (حداکثر ۸۰۰۰ نویسه).",
                        "text is required (at most 8000 bytes)");
        return false;
    }
    return true;
}
