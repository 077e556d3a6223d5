/* fa_err — the error carried out of the Persian text core: a Persian sentence for
 * people and an English one for logs and the API. Both point to static strings, so
 * an fa_err needs no freeing and may be copied freely. Functions that fail return a
 * negative code and fill *err when err is not NULL. */
#ifndef TASHIL_FA_ERR_H
#define TASHIL_FA_ERR_H

typedef struct fa_err {
    const char *fa; /* for people (UI) */
    const char *en; /* for logs and the API */
} fa_err;

/* Fills *err (when not NULL) and returns -1, so callers can `return fa_fail(...)`. */
static inline int fa_fail(fa_err *err, const char *fa, const char *en) {
    if (err) {
        err->fa = fa;
        err->en = en;
    }
    return -1;
}

#endif
