/* arena — one region of memory per request (h2o's mem_pool, in miniature).
 *
 * Everything a request handler allocates comes from its arena and is released at
 * once when the request ends: no per-object free, no leaks on error paths. Memory
 * is taken from malloc in chunks (4 KiB first, doubling up to 64 KiB; a larger
 * request gets a chunk of its own). An optional cap bounds the total, so a hostile
 * input cannot make one request take the machine: past it allocation returns NULL.
 *
 * Ownership: the arena owns every block it returns; arena_free releases them all. */
#ifndef TASHIL_ARENA_H
#define TASHIL_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_chunk;

typedef struct arena {
    struct arena_chunk *head; /* newest chunk first */
    size_t used_total;        /* bytes handed out + chunk overhead */
    size_t cap;               /* 0 = unlimited */
} arena;

void arena_init(arena *a, size_t cap);
void *arena_alloc(arena *a, size_t n);         /* 16-byte aligned, uninitialised */
void *arena_calloc(arena *a, size_t count, size_t size);
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(arena *a, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
void arena_reset(arena *a);                     /* free all but keep the struct usable */
void arena_free(arena *a);

#endif
