/* fa_id — Iranian identifiers: national code (کد ملی, 10 digits), legal national ID
 * (شناسه ملی, 11 digits) and postal code (10 digits).
 *
 * Input may use Persian, Arabic-Indic or ASCII digits with spaces, dashes, ZWNJ
 * and bidi marks in between; they are stripped and the canonical ASCII digits are
 * returned. Check-digit algorithms are those of docs/persian-text.md. Every failure
 * carries a Persian reason for people and an English one for the API. Pure
 * functions, no state. */
#ifndef TASHIL_FA_ID_H
#define TASHIL_FA_ID_H

#include <stddef.h>

#include "text/fa_err.h"

enum fa_id_kind {
    FA_ID_AUTO = 0,          /* 10 digits → national code, 11 → legal ID */
    FA_ID_NATIONAL_CODE = 1, /* کد ملی */
    FA_ID_LEGAL_ID = 2,      /* شناسه ملی */
    FA_ID_POSTAL_CODE = 3,   /* کد پستی */
};

/* "national-code", "legal-id", "postal-code" (NULL for AUTO or unknown). */
const char *fa_id_kind_name(enum fa_id_kind k);
/* The kind for one of those names, or -1. */
int fa_id_kind_parse(const char *name);

/* Checks s[0..n) as `kind`. On success returns 0, sets *found (the kind checked,
 * resolved when kind is AUTO) and writes the ASCII digits, NUL-terminated, into
 * digits (12 bytes). On failure returns -1 with a reason; *found still names the
 * kind that was tried (AUTO when the length fits none). Either out-pointer may be
 * NULL. */
int fa_id_check(const char *s, size_t n, enum fa_id_kind kind, enum fa_id_kind *found,
                char digits[12], fa_err *err);

#endif
