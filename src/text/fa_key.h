/* fa_key — Persian search keys: the normaliser and tokenizer of docs/persian-text.md.
 *
 * One function, applied to documents and to queries alike, turns text however it was
 * typed (ZWNJ stripped or spaced, Arabic ي/ك, any digits, presentation forms,
 * diacritics) into a key: tokens joined by one space. The tokenizer yields each key
 * token with the byte offsets of its source in the ORIGINAL text (so FTS5 snippets
 * show what the writer wrote), and optionally light-stem tokens (plural/comparative
 * suffix stripped) and joined pairs, flagged as colocated with the token before them.
 *
 * Design: a streaming pass over UTF-8 with no heap allocation at all. Code points
 * are classified and mapped through a 64K table built once (pthread_once) with ICU;
 * NFKC runs only on the rare segments that are not already NFKC (ICU quick check per
 * code point), so ordinary Persian text never enters ICU, and runs of plain Persian
 * letters are copied as they are. Words are assembled as characters arrive (a ZWNJ,
 * dot or comma waits for the next character or three); token joins hold one pending
 * token. Invalid UTF-8 acts as a separator; output is always valid UTF-8.
 * Thread-safe: the only shared state is the immutable table. */
#ifndef TASHIL_FA_KEY_H
#define TASHIL_FA_KEY_H

#include <stddef.h>

#include "core/buf.h"

/* Token flags passed to the callback. */
#define FA_TOK_COLOCATED 1 /* a stem at the same position as the previous token */

/* Options for fa_tokenize. */
#define FA_TOKENIZE_STEMS 1 /* also yield light-stem tokens (index side only) */
#define FA_TOKENIZE_JOINS 2 /* also yield each pair of adjacent Persian words written
                               as one word, colocated with the second (index side), so
                               a query typed joined (رییسجمهور) finds the spaced text */

/* The longest run of word characters handled as one word; longer runs are cut
 * (deterministically, so documents and queries agree). */
#define FA_KEY_MAX_WORD 256

/* Called for each token: tok/len is the key token (UTF-8, not NUL-terminated),
 * [start, end) its source bytes in the original text. A non-zero return stops the
 * tokenizer, which returns that value. */
typedef int (*fa_token_fn)(void *ctx, const char *tok, size_t len, size_t start,
                           size_t end, int flags);

/* Tokenizes text[0..len). Returns 0 or a callback's non-zero return. Allocates
 * nothing (the state, ~8.5 KiB, lives on the stack). */
int fa_tokenize(const char *text, size_t len, int opts, fa_token_fn fn, void *ctx);

/* Appends the search key of text[0..len) to out (tokens joined by one space).
 * Returns 0, or -1 if the buffer refused (cap) or out of memory. */
int fa_key(const char *text, size_t len, buf *out);

/* True if cp must never appear in a key (deleted or mapped away by the rules:
 * diacritics, tatweel, hamza, format marks, ZWNJ, Arabic/Persian letter variants,
 * non-ASCII digits, Arabic separators, alef variants, presentation forms, Latin
 * capitals). Used by tests and the fuzz target. */
int fa_key_forbidden(unsigned cp);

/* Decodes one UTF-8 scalar value strictly (no overlongs, surrogates or values past
 * U+10FFFF). Returns its length (1..4) and sets *cp, or 0 if s[0..n) does not start
 * with a valid sequence. */
int fa_utf8_decode(const unsigned char *s, size_t n, unsigned *cp);

/* True when s[0..n) is entirely valid UTF-8. */
int fa_utf8_valid(const char *s, size_t n);

#endif
