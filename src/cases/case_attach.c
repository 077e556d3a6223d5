/* case_attach — see case_attach.h. */
#include "cases/case_attach.h"

#include <string.h>
#include <strings.h>

const char *case_attach_sniff(const void *data, size_t n) {
    const unsigned char *p = data;
    if (n >= 5 && !memcmp(p, "%PDF-", 5)) return "application/pdf";
    if (n >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF) return "image/jpeg";
    if (n >= 8 && !memcmp(p, "\x89PNG\r\n\x1a\n", 8)) return "image/png";
    return NULL;
}

static const char *mime_of_name(const char *name) {
    const char *dot = strrchr(name, '.');
    if (!dot) return NULL;
    if (!strcasecmp(dot, ".pdf")) return "application/pdf";
    if (!strcasecmp(dot, ".jpg") || !strcasecmp(dot, ".jpeg")) return "image/jpeg";
    if (!strcasecmp(dot, ".png")) return "image/png";
    return NULL;
}

enum case_attach_check case_attach_check(const char *name, const void *data, size_t n,
                                         const char **mime) {
    if (!name || !*name || strlen(name) > CASE_ATTACH_NAME_MAX) return CASE_ATTACH_BAD_NAME;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if (*p < 0x20 || *p == 0x7f || *p == '/' || *p == '\\' || *p == '"')
            return CASE_ATTACH_BAD_NAME;
    if (n == 0) return CASE_ATTACH_EMPTY;
    if (n > CASE_ATTACH_MAX) return CASE_ATTACH_TOO_LARGE;
    const char *sniffed = case_attach_sniff(data, n);
    if (!sniffed) return CASE_ATTACH_BAD_TYPE;
    const char *claimed = mime_of_name(name);
    if (!claimed || strcmp(claimed, sniffed) != 0) return CASE_ATTACH_MISMATCH;
    if (mime) *mime = sniffed;
    return CASE_ATTACH_OK;
}

const char *case_attach_error_fa(enum case_attach_check e) {
    switch (e) {
    case CASE_ATTACH_OK: return "";
    case CASE_ATTACH_EMPTY: return "پرونده پیوست خالی است.";
    case CASE_ATTACH_TOO_LARGE: return "حجم پیوست بیش از ۵ مگابایت است.";
    case CASE_ATTACH_BAD_TYPE: return "فقط پرونده‌های PDF، JPEG و PNG پذیرفته می‌شوند.";
    case CASE_ATTACH_MISMATCH: return "پسوند نام پرونده با محتوای آن نمی‌خواند.";
    case CASE_ATTACH_BAD_NAME: return "نام پرونده پیوست نامعتبر است.";
    }
    return "";
}

const char *case_attach_error_en(enum case_attach_check e) {
    switch (e) {
    case CASE_ATTACH_OK: return "";
    case CASE_ATTACH_EMPTY: return "the attachment is empty";
    case CASE_ATTACH_TOO_LARGE: return "the attachment exceeds 5 MiB";
    case CASE_ATTACH_BAD_TYPE: return "only PDF, JPEG and PNG files are accepted";
    case CASE_ATTACH_MISMATCH: return "the file name's extension does not match its content";
    case CASE_ATTACH_BAD_NAME: return "invalid file name";
    }
    return "";
}
