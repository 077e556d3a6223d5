/* case_attach — what a case attachment may be: PDF, JPEG or PNG, recognised from the
 * file's first bytes (magic numbers), never from its name; a name whose extension
 * claims another type than the content is refused (a PDF renamed .png). Also the
 * size cap and a safe display name. Pure: no I/O. */
#ifndef TASHIL_CASE_ATTACH_H
#define TASHIL_CASE_ATTACH_H

#include <stddef.h>

enum { CASE_ATTACH_MAX = 5 * 1024 * 1024, CASE_ATTACH_NAME_MAX = 200 };

enum case_attach_check {
    CASE_ATTACH_OK = 0,
    CASE_ATTACH_EMPTY = -1,
    CASE_ATTACH_TOO_LARGE = -2,
    CASE_ATTACH_BAD_TYPE = -3,  /* content is not PDF / JPEG / PNG */
    CASE_ATTACH_MISMATCH = -4,  /* the name's extension names another type */
    CASE_ATTACH_BAD_NAME = -5,
};

/* "application/pdf", "image/jpeg", "image/png", or NULL. */
const char *case_attach_sniff(const void *data, size_t n);
/* Checks size, content and name together; *mime gets the sniffed type. */
enum case_attach_check case_attach_check(const char *name, const void *data, size_t n,
                                         const char **mime);
/* Persian and English messages for a refusal. */
const char *case_attach_error_fa(enum case_attach_check e);
const char *case_attach_error_en(enum case_attach_check e);

#endif
