/* multipart — a strict parser for multipart/form-data bodies (RFC 7578), the way
 * browsers send a form with a file input.
 *
 * Design: one pass over the body already held in memory (the server reads it up to
 * its body cap). The boundary comes from the Content-Type parameter (1–70
 * characters of RFC 2046's bchars, quoted or not). The body must begin with the
 * first delimiter (no preamble) and end with the closing one (a trailing CRLF or
 * epilogue after it is ignored). Each part needs `Content-Disposition: form-data;
 * name="…"` and may carry `filename="…"` and `Content-Type`; other headers are
 * ignored, header blocks are bounded (MULTIPART_MAX_HEADER bytes). Parts without a
 * filename are form fields and get the same checks as URL-encoded ones (UTF-8, no
 * NUL or other controls but tab, CR, LF); parts with a filename are files, kept as
 * raw bytes (their encoding is the caller's business). Anything else is refused
 * with a form_error code and nothing half-parsed.
 *
 * Memory: names and field values are copied into the arena; file data points into
 * the body, which must outlive the result (it does: both live for the request). */
#ifndef TASHIL_MULTIPART_H
#define TASHIL_MULTIPART_H

#include <stddef.h>

#include "core/arena.h"
#include "http/form.h"

enum { MULTIPART_MAX_FILES = 4, MULTIPART_MAX_HEADER = 2048, MULTIPART_MAX_BOUNDARY = 70 };

struct http_file {
    const char *name;         /* the form field */
    const char *filename;     /* as the browser sent it (UTF-8 checked) */
    const char *content_type; /* "" when not given */
    const char *data;         /* raw bytes, not NUL-terminated */
    size_t len;
};

/* True when a Content-Type header is multipart/form-data. */
int multipart_is_form_data(const char *content_type);

/* Copies the boundary parameter of a Content-Type into out (cap > 70). */
int multipart_boundary(const char *content_type, char *out, size_t cap);

/* Parses body[0..len). Fields go to *fields (at most FORM_MAX_FIELDS), files to
 * files[0..*nfiles) (at most MULTIPART_MAX_FILES). Returns FORM_OK or a negative
 * form_error code. */
int multipart_parse(const char *body, size_t len, const char *boundary, arena *a,
                    struct form *fields, struct http_file *files, int *nfiles);

#endif
