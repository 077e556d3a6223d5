/* utf8 — strict UTF-8 validation (RFC 3629: no overlongs, no surrogates, nothing
 * above U+10FFFF). Every piece of outside text is checked before it is used. */
#ifndef TASHIL_UTF8_H
#define TASHIL_UTF8_H

#include <stdbool.h>
#include <stddef.h>

bool utf8_valid(const char *s, size_t len);
/* True when s holds a C0 control other than tab, LF or CR, or DEL. */
bool utf8_has_controls(const char *s, size_t len);

#endif
