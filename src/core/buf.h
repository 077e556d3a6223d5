/* buf — a growable byte buffer with a size cap (curl's dynbuf).
 *
 * Used for response bodies, HTML output and anything built piecewise. Appends past
 * `max` fail and latch `failed`, so a writer can append freely and check once at
 * the end. The data is always NUL-terminated. The buffer owns its memory; hand it
 * off with buf_detach or release it with buf_free. */
#ifndef TASHIL_BUF_H
#define TASHIL_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct buf {
    char *data;
    size_t len, cap, max;
    bool failed; /* an append was refused (cap or out of memory) */
} buf;

void buf_init(buf *b, size_t max);
int buf_append(buf *b, const void *p, size_t n);
int buf_puts(buf *b, const char *s);
int buf_putc(buf *b, char c);
int buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_clear(buf *b);            /* len = 0, keeps memory, clears failed */
char *buf_detach(buf *b, size_t *len); /* caller frees; buffer is reset */
void buf_free(buf *b);

#endif
