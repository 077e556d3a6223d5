/* utf8 — strict UTF-8 validation (RFC 3629: no overlongs, no surrogates, nothing
 * above U+10FFFF). Every piece of outside text is checked before it is used. */
#ifndef TASHIL_UTF8_H
#define TASHIL_UTF8_H

#include <stdbool.h>
#include <stddef.h>

bool utf8_valid(const char *s, size_t len);
/* True when s holds a C0 control other than tab, LF or CR, or DEL. */
bool utf8_has_controls(const char *s, size_t len);
/* The length of the longest prefix of s[0..len) of at most max bytes that does not
 * end inside a character (for valid UTF-8: what may be cut off and shown). */
size_t utf8_prefix_len(const char *s, size_t len, size_t max);
/* Copies src into dst[cap] (cap > 0) as snprintf("%s") would, but when it must be
 * cut, cuts it between characters, never inside one. */
void utf8_copy(char *dst, size_t cap, const char *src);

#endif
