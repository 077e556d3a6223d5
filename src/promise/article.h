/* article — turns what a person pasted or uploaded into the plain UTF-8 text the
 * extractor reads: one paragraph per line.
 *
 * Design: checks come first and refuse clearly (empty; longer than ARTICLE_MAX;
 * bytes that are neither UTF-8 nor text). Text that is not valid UTF-8 is read as
 * Windows-1256 (the Arabic-script code page older Persian sites and Word exports
 * still use) through ICU's converter, and the caller is told so. HTML (flagged, or
 * starting with '<') is reduced to its text: script, style and comments dropped,
 * block tags become line breaks, character references decoded. Then CRLF becomes
 * LF, control characters go, runs of spaces shrink to one and blank lines vanish.
 * Pure: no I/O; the result lives in the caller's arena. */
#ifndef TASHIL_ARTICLE_H
#define TASHIL_ARTICLE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "text/fa_err.h"

enum { ARTICLE_MAX = 512 * 1024 };

enum article_status {
    ARTICLE_OK = 0,
    ARTICLE_EMPTY = -1,
    ARTICLE_TOO_LARGE = -2,
    ARTICLE_BAD_ENCODING = -3,
    ARTICLE_NO_MEMORY = -4,
};

/* *converted is set when the input was read as Windows-1256. */
int promise_article_text(const char *in, size_t n, bool is_html, arena *a, const char **out,
                         size_t *out_len, bool *converted, fa_err *err);

#endif
