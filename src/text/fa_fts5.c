/* fa_fts5 — SQLite FTS5 tokenizer over fa_key, and the MATCH builder (see fa_fts5.h).
 *
 * MATCH expression for words w1..wn (keys k1..kn):
 *   ("k1" OR "k1k2") AND ("k2" OR "k1k2" OR "k2k3") AND … AND ("kn" OR "kn-1kn")
 * i.e. each word must appear alone or inside the joined form with a neighbour. This
 * stays linear in n (trying every way of joining pairs would be exponential), and
 * finds the spaced, ZWNJ and stripped spellings of compounds alike. Quoted strings
 * hold only key tokens (letters, digits, dots), and any '"' would be doubled. */
#include "text/fa_fts5.h"

#include <string.h>

#include "text/fa_key.h"

/* ---- tokenizer ------------------------------------------------------------------- */
struct tok_ctx {
    void *fts_ctx;
    int (*xToken)(void *, int, const char *, int, int, int);
};

static int on_token(void *ctx, const char *tok, size_t len, size_t start, size_t end, int flags) {
    struct tok_ctx *t = ctx;
    if (len > 0x7fffffff || end > 0x7fffffff) return SQLITE_TOOBIG;
    return t->xToken(t->fts_ctx, (flags & FA_TOK_COLOCATED) ? FTS5_TOKEN_COLOCATED : 0, tok,
                     (int)len, (int)start, (int)end);
}

static int tashil_tokenize(Fts5Tokenizer *tokenizer, void *ctx, int flags, const char *text,
                           int n, int (*xToken)(void *, int, const char *, int, int, int)) {
    (void)tokenizer;
    struct tok_ctx t = {ctx, xToken};
    if (n <= 0) return SQLITE_OK;
    int opts = (flags & FTS5_TOKENIZE_QUERY) ? 0 : FA_TOKENIZE_STEMS | FA_TOKENIZE_JOINS;
    int rc = fa_tokenize(text, (size_t)n, opts, on_token, &t);
    return rc == -1 ? SQLITE_NOMEM : rc;
}

/* The tokenizer has no state; FTS5 still wants a distinct non-NULL handle. */
static int tashil_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out) {
    (void)ctx;
    (void)argv;
    if (argc > 0) return SQLITE_ERROR; /* no options */
    *out = sqlite3_malloc(8);
    return *out ? SQLITE_OK : SQLITE_NOMEM;
}

static void tashil_delete(Fts5Tokenizer *t) { sqlite3_free(t); }

int fa_fts5_register(sqlite3 *db) {
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK) return -1;
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    if (sqlite3_finalize(st) != SQLITE_OK || !api || api->iVersion < 2) return -1;
    fts5_tokenizer tok = {tashil_create, tashil_delete, tashil_tokenize};
    return api->xCreateTokenizer(api, "tashil", NULL, &tok, NULL) == SQLITE_OK ? 0 : -1;
}

/* ---- MATCH builder -------------------------------------------------------------- */
struct qtoks {
    buf text;                              /* the keys, back to back */
    size_t off[FA_FTS5_MAX_QUERY_TOKENS + 1]; /* token i is text[off[i]..off[i+1]) */
    int n;
};

static int collect(void *ctx, const char *tok, size_t len, size_t start, size_t end, int flags) {
    (void)start;
    (void)end;
    (void)flags;
    struct qtoks *q = ctx;
    if (q->n == FA_FTS5_MAX_QUERY_TOKENS) return 1; /* enough */
    if (buf_append(&q->text, tok, len)) return -1;
    q->n++;
    q->off[q->n] = q->text.len;
    return 0;
}

static void put_quoted(buf *out, const char *a, size_t an, const char *b, size_t bn) {
    buf_putc(out, '"');
    for (int part = 0; part < 2; part++) {
        const char *s = part ? b : a;
        size_t n = part ? bn : an;
        for (size_t i = 0; i < n; i++) {
            if (s[i] == '"') buf_putc(out, '"');
            buf_putc(out, s[i]);
        }
    }
    buf_putc(out, '"');
}

int fa_fts5_query(const char *q, size_t n, buf *out) {
    struct qtoks t;
    buf_init(&t.text, 1u << 20);
    t.n = 0;
    t.off[0] = 0;
    int rc = fa_tokenize(q, n, 0, collect, &t);
    if (rc == -1 || t.text.failed) {
        buf_free(&t.text);
        return -1;
    }
    if (t.n == 0) {
        buf_free(&t.text);
        return FA_FTS5_EMPTY;
    }
    size_t base = out->len;
    const char *k = t.text.data;
#define TOK(i) k + t.off[i], t.off[(i) + 1] - t.off[i]
    for (int i = 0; i < t.n; i++) {
        if (i) buf_puts(out, " AND ");
        if (t.n > 1) buf_putc(out, '(');
        put_quoted(out, TOK(i), "", 0);
        if (i > 0) {
            buf_puts(out, " OR ");
            put_quoted(out, TOK(i - 1), TOK(i));
        }
        if (i + 1 < t.n) {
            buf_puts(out, " OR ");
            put_quoted(out, TOK(i), TOK(i + 1));
        }
        if (t.n > 1) buf_putc(out, ')');
    }
#undef TOK
    buf_free(&t.text);
    if (out->failed) {
        out->len = base; /* drop the partial expression; the buf stays latched */
        if (out->data) out->data[base] = 0;
        return -1;
    }
    return 0;
}
