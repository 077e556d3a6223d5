/* multipart — a small, strict parser of multipart/form-data bodies (RFC 7578), for
 * file uploads.
 *
 * The body is in memory (the server has read it, within --body-max); parts are
 * not copied: a part's data points into the body. Strict where browsers are
 * regular: the body starts with the first delimiter (no preamble), every part has a
 * Content-Disposition of form-data with a name, header lines end in CRLF and are
 * bounded, at most MULTIPART_MAX_PARTS parts, the close delimiter ends the body
 * (an optional final CRLF only). Names and file names are quoted strings without
 * escapes (browsers percent-encode quotes and line breaks in them) and must be
 * UTF-8 without control characters; the values of non-file fields must be UTF-8
 * (tab, CR and LF allowed), as for URL-encoded forms. Anything else is an error
 * and nothing is returned. */
#ifndef TASHIL_MULTIPART_H
#define TASHIL_MULTIPART_H

#include <stddef.h>

#include "core/arena.h"

enum { MULTIPART_MAX_PARTS = 64, MULTIPART_MAX_HEADER_LINE = 1024, MULTIPART_MAX_HEADERS = 8 };

enum multipart_error {
    MULTIPART_OK = 0,
    MULTIPART_EBOUNDARY = -1, /* Content-Type is not multipart/form-data with a valid boundary */
    MULTIPART_ESYNTAX = -2,   /* delimiters, header lines or the end are malformed */
    MULTIPART_EHEADER = -3,   /* a part without a form-data disposition and a name */
    MULTIPART_ETEXT = -4,     /* a name or a text value that is not clean UTF-8 */
    MULTIPART_ETOO_MANY = -5,
    MULTIPART_ENOMEM = -6,
};

struct multipart_part {
    const char *name;         /* arena copy, NUL-terminated */
    const char *filename;     /* NULL when the part is not a file */
    const char *content_type; /* NULL when absent */
    const char *data;         /* into the body; not NUL-terminated */
    size_t len;
};

struct multipart {
    int n;
    struct multipart_part *parts;
};

/* Finds the boundary in a Content-Type header value; an arena copy in *boundary. */
int multipart_boundary(const char *content_type, arena *a, const char **boundary);

int multipart_parse(const char *body, size_t len, const char *boundary, arena *a,
                    struct multipart *out);

/* The first part with this name, or NULL. */
const struct multipart_part *multipart_get(const struct multipart *m, const char *name);

const char *multipart_error_message(int err);

#endif
