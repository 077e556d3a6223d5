/* fa_num — numbers for people: Persian digits with Persian separators on output
 * (۱٬۲۳۴٬۵۶۷٫۸۹: U+066C groups, U+066B decimal), any digit script on input.
 *
 * Design: formatting works on an ASCII decimal string, so integers, fixed-point
 * amounts and doubles share one grouping routine; parsing reads Persian (U+06F0–9),
 * Arabic-Indic (U+0660–9) and ASCII digits, Persian or ASCII separators, and checks
 * overflow before every multiply. Negative numbers show as LRM + U+2212 (CLDR fa).
 * No state, no allocation except into the caller's buf. */
#ifndef TASHIL_FA_NUM_H
#define TASHIL_FA_NUM_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "text/fa_err.h"

/* If s[*i..n) starts with a digit of any accepted script, advances *i past it and
 * returns its value 0–9; otherwise returns -1 and leaves *i. */
int fa_digit_next(const char *s, size_t n, size_t *i);

/* Parses a whole integer: optional sign (+ - − with optional LRM/RLM), digits in any
 * script, optional thousands separators (, ٬) between groups of three; surrounding
 * spaces ignored. Returns 0, or -1 with a reason (empty, bad character, bad
 * grouping, overflow). */
int fa_num_parse_i64(const char *s, size_t n, int64_t *out, fa_err *err);

/* As fa_num_parse_i64 with an optional decimal part (. or ٫) of at most `scale`
 * digits; *out is the value times 10^scale (e.g. "۱۲٫۵", scale 2 → 1250).
 * scale is 0–18. */
int fa_num_parse_fixed(const char *s, size_t n, int scale, int64_t *out, fa_err *err);

/* Formats for people into out[0..cap) (NUL-terminated). Return 0, or -1 when cap
 * is too small (out then holds an empty string) or the input is malformed. */
int fa_num_format_ascii(const char *dec, char *out, size_t cap); /* "-1234.5" */
int fa_num_format_i64(int64_t v, char *out, size_t cap);
int fa_num_format_fixed(int64_t v, int scale, char *out, size_t cap); /* v / 10^scale */
int fa_num_format_double(double v, int decimals, char *out, size_t cap);

/* Appends s[0..n) to out with every ASCII digit replaced by its Persian digit.
 * Returns 0 or -1 (buffer refused). */
int fa_digits_to_persian(const char *s, size_t n, buf *out);

#endif
