/* case_input — turns outside text (a form or a JSON body) into a case's filing
 * fields or a list of field errors (Persian for people, English for the API): title,
 * description, category, unit and the amount in rials (any digit script, optional
 * grouping). References (unit, category) are checked by the caller against the
 * store. Pure: no I/O. */
#ifndef TASHIL_CASE_INPUT_H
#define TASHIL_CASE_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "registry/registry.h"

enum { CASE_TITLE_MAX = 250, CASE_TEXT_MAX = 8000, CASE_AMOUNT_MAX_DIGITS = 18 };

struct case_input {
    int64_t unit_id;
    int64_t category_id;
    char title[CASE_TITLE_MAX * 2 + 1];
    char description[CASE_TEXT_MAX + 1];
    int64_t amount; /* rials; -1 when money is not involved */
};

bool case_input_from_fields(field_getter get, void *ctx, struct case_input *in,
                            struct field_errors *errs);
/* A free text (comment, answer, reason): trimmed, 1..CASE_TEXT_MAX bytes, no control
 * characters but newlines and tabs. Returns false with a reason in errs. */
bool case_text_valid(const char *field, const char *text, struct field_errors *errs);

/* Copies text trimmed at both ends into dst; false when it does not fit or holds
 * control characters other than newlines and tabs. */
bool case_copy_multiline(char *dst, size_t cap, const char *src);

#endif
