/* win1256 — see win1256.h. One converter per call (opening one is cheap next to a
 * file's worth of conversion), so the functions are thread-safe. */
#include "io/win1256.h"

#include <stdlib.h>
#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include "core/utf8.h"

enum { CHUNK = 64 * 1024 };

static UConverter *open_1256(void) {
    UErrorCode e = U_ZERO_ERROR;
    UConverter *c = ucnv_open("windows-1256", &e);
    if (U_FAILURE(e)) return NULL;
    ucnv_setToUCallBack(c, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &e);
    if (U_FAILURE(e)) {
        ucnv_close(c);
        return NULL;
    }
    return c;
}

/* Converts up to CHUNK bytes (one UChar per byte, at most 3 UTF-8 bytes each). */
static int convert_chunk(UConverter *c, const char *in, size_t n, UChar *u, char *utf8,
                         size_t *out_len) {
    UErrorCode e = U_ZERO_ERROR;
    int32_t ul = ucnv_toUChars(c, u, CHUNK + 1, in, (int32_t)n, &e);
    if (U_FAILURE(e)) return -1;
    int32_t bl = 0;
    u_strToUTF8(utf8, CHUNK * 3 + 1, &bl, u, ul, &e);
    if (U_FAILURE(e)) return -1;
    *out_len = (size_t)bl;
    return 0;
}

int win1256_to_utf8(const void *in, size_t n, buf *out) {
    UConverter *c = open_1256();
    UChar *u = malloc((CHUNK + 1) * sizeof *u);
    char *utf8 = malloc(CHUNK * 3 + 1);
    int rc = c && u && utf8 ? 0 : -1;
    for (size_t off = 0; rc == 0 && off < n; off += CHUNK) {
        size_t len = n - off < CHUNK ? n - off : CHUNK, got;
        rc = convert_chunk(c, (const char *)in + off, len, u, utf8, &got);
        if (rc == 0 && buf_append(out, utf8, got) != 0) rc = -1;
    }
    free(u);
    free(utf8);
    if (c) ucnv_close(c);
    return rc;
}

bool win1256_plausible(const void *in, size_t n) {
    buf b;
    buf_init(&b, n * 3 + 16);
    bool ok = win1256_to_utf8(in, n, &b) == 0 && !utf8_has_controls(b.data, b.len);
    int arabic = 0;
    for (size_t i = 0; ok && i + 1 < b.len; i++) {
        unsigned char c0 = (unsigned char)b.data[i], c1 = (unsigned char)b.data[i + 1];
        if ((c0 == 0xD8 || c0 == 0xD9 || c0 == 0xDA || c0 == 0xDB) && (c1 & 0xC0) == 0x80)
            arabic++; /* U+0600–U+06FF */
    }
    buf_free(&b);
    return ok && arabic > 0;
}

FILE *win1256_convert_file(FILE *in) {
    FILE *out = tmpfile();
    UConverter *c = open_1256();
    char *raw = malloc(CHUNK);
    UChar *u = malloc((CHUNK + 1) * sizeof *u);
    char *utf8 = malloc(CHUNK * 3 + 1);
    int rc = out && c && raw && u && utf8 ? 0 : -1;
    while (rc == 0) {
        size_t n = fread(raw, 1, CHUNK, in), got;
        if (n == 0) {
            if (ferror(in)) rc = -1;
            break;
        }
        rc = convert_chunk(c, raw, n, u, utf8, &got);
        if (rc == 0 && fwrite(utf8, 1, got, out) != got) rc = -1;
    }
    free(raw);
    free(u);
    free(utf8);
    if (c) ucnv_close(c);
    if (rc == 0 && (fflush(out) != 0 || fseek(out, 0, SEEK_SET) != 0)) rc = -1;
    if (rc != 0 && out) {
        fclose(out);
        out = NULL;
    }
    return out;
}
