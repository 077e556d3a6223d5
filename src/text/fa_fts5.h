/* fa_fts5 — the `tashil` FTS5 tokenizer and a safe MATCH builder for user searches.
 *
 * The tokenizer indexes Persian search keys (fa_key) while reporting offsets into
 * the original text, so snippet() and highlight() show what the writer wrote. At
 * document time it adds, as FTS5_TOKEN_COLOCATED, light stems (وعده for وعده‌ها) and
 * each pair of adjacent Persian words joined (رییسجمهور for رئیس جمهور, at the
 * second word); queries get the plain keys. The pairs roughly double the tokens
 * indexed for Persian text — the price of finding a compound however it is typed. Use it as `CREATE VIRTUAL TABLE t USING fts5(body, tokenize='tashil')`.
 *
 * The store calls fa_fts5_register on every connection it opens. The tokenizer
 * object holds no state, so one registration serves all threads using that
 * connection. */
#ifndef TASHIL_FA_FTS5_H
#define TASHIL_FA_FTS5_H

#include <stddef.h>

#include <sqlite3.h>

#include "core/buf.h"

#define FA_FTS5_EMPTY (-2) /* the search string has no searchable word */
#define FA_FTS5_MAX_QUERY_TOKENS 32 /* words past this are ignored */

/* Registers the `tashil` tokenizer on db (fts5_api obtained with SELECT fts5(?1)).
 * Returns 0, or -1 when FTS5 is unavailable or registration fails. */
int fa_fts5_register(sqlite3 *db);

/* Appends to out an FTS5 MATCH expression for a user's search string: every word is
 * normalised and quoted (user input can never inject FTS5 syntax), words are ANDed,
 * and each word may also match joined with its neighbour (`رئیس جمهور` finds
 * `رییس‌جمهور`). Returns 0, FA_FTS5_EMPTY when there is nothing to search (out is
 * unchanged then), or -1 when the buffer refused. */
int fa_fts5_query(const char *q, size_t n, buf *out);

#endif
