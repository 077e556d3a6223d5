/* fa_key — the Persian search-key normaliser and tokenizer (see fa_key.h).
 *
 * Pipeline, one pass over the input:
 *   1. decode UTF-8 strictly; a bad byte is a separator;
 *   2. NFKC: a code point that ICU's quick check says is NFKC on its own and whose
 *      successor starts a new normalisation segment passes straight through (the
 *      common case); otherwise its segment (up to SEG_MAX code points) goes through
 *      unorm2_normalize;
 *   3. the class/map table (deletions, letter and digit folds, case fold) — built
 *      once per process under pthread_once and read-only afterwards;
 *   4. words are assembled as characters stream in; a ZWNJ, dot or comma after a
 *      word waits for the next character (three digits for a comma) to decide
 *      whether it joins, stays as a decimal point, vanishes or separates;
 *   5. the join stage holds one pending token and applies rule 8 (می/نمی, plural and
 *      comparative suffixes, ای/اش… after ه, written ezafe), then rule 9 (alef
 *      variants) and optional light stems.
 *
 * Refinements of the spec (documented in the report):
 *   - every Default_Ignorable_Code_Point except ZWNJ is deleted, not only the listed
 *     ones (variation selectors, word joiner, CGJ… otherwise split or pollute words);
 *   - U+0674 HIGH HAMZA is deleted like U+0621 (NFKC produces it from ٵ ٶ ٷ ٸ), and
 *     U+FE73 ARABIC TAIL FRAGMENT (a presentation form NFKC leaves as it is);
 *   - any Unicode decimal digit folds to ASCII, not only Persian and Arabic-Indic;
 *   - joins of rule 8 do not cross punctuation (`برگ، ها` stays two tokens), only
 *     whitespace, ZWNJ-as-separator and deleted characters. */
#include "text/fa_key.h"

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf16.h>

/* ---- code point classes -------------------------------------------------------- */
enum {
    C_SEP = 0, /* punctuation, symbols, controls, invalid: ends a word, blocks joins */
    C_WS,      /* whitespace: ends a word */
    C_DEL,     /* deleted: as if absent */
    C_LET,     /* letter or mark: part of a word */
    C_DIG,     /* decimal digit (mapped to ASCII) */
    C_DOT,     /* . or ٫ */
    C_COMMA,   /* , or ٬ */
    C_ZWNJ     /* U+200C */
};
#define I_CLASS 0x07
#define I_NFKC_YES 0x08 /* NFKC of this code point alone is itself */
#define I_BOUNDARY 0x10 /* a normalisation segment starts before it */
#define I_ARABIC 0x20   /* the mapped code point is Arabic script */

#define SEG_MAX 32      /* code points per NFKC segment (zalgo guard) */
#define PEND_CAP 4096   /* bytes of a word or a joined token (>= FA_KEY_MAX_WORD * 4 + 4) */
#define PREV_CAP 48     /* longest word that forms a joined pair (FA_TOKENIZE_JOINS) */

static uint32_t g_map[0x10000];
static uint8_t g_info[0x10000];
static uint8_t g_plain2[0x10000]; /* by UTF-8 byte pair: a two-byte letter that
                                     passes through unchanged (see build_table) */
static pthread_once_t g_once = PTHREAD_ONCE_INIT;
static const UNormalizer2 *g_nfkc; /* ICU singleton, immutable */

static int is_arabic(uint32_t c) {
    return (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) ||
           (c >= 0x0870 && c <= 0x08FF) || (c >= 0xFB50 && c <= 0xFDFF) ||
           (c >= 0xFE70 && c <= 0xFEFF);
}

static int spec_deleted(uint32_t c) {
    return (c >= 0x064B && c <= 0x065F) || c == 0x0670 || (c >= 0x0610 && c <= 0x061A) ||
           (c >= 0x06D6 && c <= 0x06ED) || c == 0x0640 || c == 0x0621 || c == 0x0674 ||
           c == 0xFE73 || c == 0x200B || c == 0x200D || c == 0x00AD || c == 0xFEFF || c == 0x200E ||
           c == 0x200F || c == 0x061C || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069);
}

/* Rule 3 (letters); returns c unchanged when it is not a variant. */
static uint32_t letter_fold(uint32_t c) {
    switch (c) {
    case 0x064A: case 0x0649: case 0x06D2: case 0x06D3: case 0x06CD: case 0x06D0:
    case 0x06CE: case 0x0626: case 0x0678:
        return 0x06CC; /* ی */
    case 0x0643: case 0x06AA:
        return 0x06A9; /* ک */
    case 0x0629: case 0x06C0: case 0x06C1: case 0x06C2: case 0x06C3: case 0x06D5:
    case 0x06BE:
        return 0x0647; /* ه */
    case 0x0624:
        return 0x0648; /* و */
    default:
        return c;
    }
}

/* Rule 9: alef variants (applied after the joins). */
static int alef_variant(uint32_t c) {
    return c == 0x0622 || c == 0x0623 || c == 0x0625 || c == 0x0671 || c == 0x0672 ||
           c == 0x0673;
}

/* Class and mapping of one code point as it comes out of NFKC. */
static int classify_slow(uint32_t c, uint32_t *out) {
    *out = c;
    if (c == 0x200C) return C_ZWNJ;
    if (spec_deleted(c) || u_hasBinaryProperty((UChar32)c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
        return C_DEL;
    if (c == '.' || c == 0x066B) { *out = '.'; return C_DOT; }
    if (c == ',' || c == 0x066C) { *out = ','; return C_COMMA; }
    if (c == 0x066A) { *out = '%'; return C_SEP; }
    uint32_t f = letter_fold(c);
    if (f != c) { *out = f; return C_LET; }
    int8_t t = u_charType((UChar32)c);
    if (t == U_DECIMAL_DIGIT_NUMBER) {
        int32_t v = u_charDigitValue((UChar32)c);
        if (v >= 0 && v <= 9) { *out = (uint32_t)('0' + v); return C_DIG; }
    }
    if (u_isUWhiteSpace((UChar32)c) || c == '\t' || c == '\n' || c == '\r') return C_WS;
    if ((t >= U_UPPERCASE_LETTER && t <= U_OTHER_LETTER) || t == U_NON_SPACING_MARK ||
        t == U_ENCLOSING_MARK || t == U_COMBINING_SPACING_MARK) {
        UChar32 lc = u_foldCase((UChar32)c, U_FOLD_CASE_DEFAULT);
        if (lc >= 0) *out = (uint32_t)lc;
        return C_LET;
    }
    return C_SEP;
}

static uint8_t info_slow(uint32_t c, uint32_t *mapped) {
    uint8_t inf = (uint8_t)classify_slow(c, mapped);
    if (is_arabic(*mapped)) inf |= I_ARABIC;
    UChar u[2];
    int32_t n = 0;
    UBool bad = 0;
    U16_APPEND((UChar *)u, n, 2, (UChar32)c, bad);
    UErrorCode err = U_ZERO_ERROR;
    if (!bad && g_nfkc && unorm2_quickCheck(g_nfkc, u, n, &err) == UNORM_YES && U_SUCCESS(err))
        inf |= I_NFKC_YES;
    if (!g_nfkc || unorm2_hasBoundaryBefore(g_nfkc, (UChar32)c)) inf |= I_BOUNDARY;
    return inf;
}

static void build_table(void) {
    UErrorCode err = U_ZERO_ERROR;
    g_nfkc = unorm2_getNFKCInstance(&err);
    if (U_FAILURE(err)) g_nfkc = NULL;
    for (uint32_t c = 0; c < 0x10000; c++) {
        if (c >= 0xD800 && c <= 0xDFFF) { g_map[c] = 0xFFFD; g_info[c] = C_SEP | I_BOUNDARY; continue; }
        g_info[c] = info_slow(c, &g_map[c]);
        if (c >= 0x80 && c < 0x800)
            g_plain2[((0xC0u | (c >> 6)) << 8) | 0x80u | (c & 0x3Fu)] =
                (g_info[c] & I_CLASS) == C_LET && (g_info[c] & I_NFKC_YES) &&
                (g_info[c] & I_BOUNDARY) && (g_info[c] & I_ARABIC) && g_map[c] == c &&
                !alef_variant(c); /* those set st->alef (rule 9) */
    }
}

static uint8_t info_of(uint32_t c, uint32_t *mapped) {
    if (c < 0x10000) { *mapped = g_map[c]; return g_info[c]; }
    return info_slow(c, mapped);
}

/* ---- UTF-8 ------------------------------------------------------------------------ */
int fa_utf8_decode(const unsigned char *s, size_t n, unsigned *cp) {
    if (n == 0) return 0;
    unsigned c = s[0];
    if (c < 0x80) { *cp = c; return 1; }
    if (c < 0xC2) return 0;
    if (c < 0xE0) {
        if (n < 2 || (s[1] & 0xC0) != 0x80) return 0;
        *cp = ((c & 0x1F) << 6) | (s[1] & 0x3Fu);
        return 2;
    }
    if (c < 0xF0) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80) return 0;
        unsigned u = ((c & 0x0F) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
        if (u < 0x800 || (u >= 0xD800 && u <= 0xDFFF)) return 0;
        *cp = u;
        return 3;
    }
    if (c < 0xF5) {
        if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
            return 0;
        unsigned u = ((c & 0x07) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) |
                     (s[3] & 0x3Fu);
        if (u < 0x10000 || u > 0x10FFFF) return 0;
        *cp = u;
        return 4;
    }
    return 0;
}

int fa_utf8_valid(const char *s, size_t n) {
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        unsigned cp;
        if (p[i] < 0x80) { i++; continue; }
        int l = fa_utf8_decode(p + i, n - i, &cp);
        if (!l) return 0;
        i += (size_t)l;
    }
    return 1;
}

static size_t utf8_put(char *d, uint32_t c) {
    if (c < 0x80) { d[0] = (char)c; return 1; }
    if (c < 0x800) {
        d[0] = (char)(0xC0 | (c >> 6));
        d[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        d[0] = (char)(0xE0 | (c >> 12));
        d[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        d[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    d[0] = (char)(0xF0 | (c >> 18));
    d[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    d[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    d[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

/* The last code point of a valid UTF-8 string ending at s+n, its start in *at. */
static uint32_t utf8_last(const char *s, size_t n, size_t *at) {
    size_t i = n;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80) i--;
    if (i > 0) i--;
    unsigned cp = 0;
    if (!fa_utf8_decode((const unsigned char *)s + i, n - i, &cp)) cp = 0;
    *at = i;
    return cp;
}

/* ---- tokenizer state --------------------------------------------------------------- */
enum { LA_NONE = 0, LA_ZWNJ, LA_DOT, LA_COMMA }; /* what a word waits to resolve */

typedef struct fa_state { /* scalars first: fa_tokenize zeroes them up to `buf_a` */
    fa_token_fn fn;
    void *ctx;
    int opts, rc;
    int blocked; /* punctuation since the last token reached the join stage */
    /* the word under assembly (rules 4, 6, 7) */
    int kind;               /* 0, C_LET or C_DIG */
    int alef;               /* it holds an alef variant (rule 9 to do) */
    int last_arabic;        /* its last character is an Arabic-script letter */
    size_t wl, wcps, ws, we; /* bytes, code points, source start and end */
    int zset;               /* a ZWNJ was joined inside it: */
    size_t zpos, zstart, zafter; /* its byte position, source offset, next letter's */
    int la;                 /* LA_*: a ZWNJ, dot or comma waiting for the next character */
    size_t la_start;
    int ncd;                /* digits seen after a comma (up to 3) */
    char cd[3];
    size_t cd_start, cd_end;
    /* the join stage (rule 8) */
    size_t plen, pstart, pend_end;
    int have_pend, pblocked; /* pblocked: punctuation came before the pending token */
    int palef;               /* the pending token holds an alef variant */
    size_t prevlen;          /* last token emitted for FA_TOKENIZE_JOINS; 0: none or
                                not a joinable Arabic-script word */
    char *word, *pend;       /* point into buf_a and buf_b; swapped, not copied */
    char buf_a[PEND_CAP], buf_b[PEND_CAP];
    char prev[PREV_CAP];
} fa_state;

#define S_HEH "\xD9\x87"          /* ه */
#define S_YEH "\xDB\x8C"          /* ی */
#define S_ASTs "\xD8\xA7\xD8\xB3\xD8\xAA" /* است */

typedef struct lit {
    const char *s;
    size_t n;
} lit;
#define LIT(x) {x, sizeof(x) - 1}

static int in_list(const char *t, size_t n, const lit *list, size_t count) {
    for (size_t i = 0; i < count; i++)
        if (n == list[i].n && !memcmp(t, list[i].s, n)) return 1;
    return 0;
}

static int ends_with_heh(const char *p, size_t n) {
    return n >= 2 && (unsigned char)p[n - 2] == 0xD9 && (unsigned char)p[n - 1] == 0x87;
}

/* Rule 8 suffix lists (the first starts with ه or ت, the second with ا). */
static const lit k_plural_cmp[] = {
    LIT("ها"), LIT("های"), LIT("هایی"), LIT("هایم"), LIT("هایت"), LIT("هایش"),
    LIT("هایمان"), LIT("هایتان"), LIT("هایشان"), LIT("تر"), LIT("تری"), LIT("ترین")};
static const lit k_after_heh[] = {LIT("ای"), LIT("ام"), LIT("ات"), LIT("اش"),
                                  LIT("ایم"), LIT("اید"), LIT("اند")};
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Light stems: longest first; min = code points the stem must keep. */
static const struct { lit suf; size_t min; } k_stems[] = {
    {LIT("هایشان"), 2}, {LIT("هایتان"), 2}, {LIT("هایمان"), 2}, {LIT("هایی"), 2},
    {LIT("هایم"), 2},   {LIT("هایت"), 2},   {LIT("هایش"), 2},   {LIT("های"), 2},
    {LIT("ها"), 2},     {LIT("ترین"), 3},   {LIT("تری"), 3},    {LIT("تر"), 3},
};

static size_t count_cps(const char *s, size_t n) {
    size_t k = 0;
    for (size_t i = 0; i < n; i++) k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

static size_t stem_len(const char *t, size_t n) {
    for (size_t i = 0; i < COUNT(k_stems); i++) {
        size_t l = k_stems[i].suf.n;
        if (n < l || memcmp(t + n - l, k_stems[i].suf.s, l)) continue;
        size_t sl = n - l, at;
        if (count_cps(t, sl) < k_stems[i].min) return 0;
        if (!is_arabic(utf8_last(t, sl, &at))) return 0;
        return sl;
    }
    return 0;
}

static int ends_two_arabic(const char *t, size_t n) {
    size_t at, at2;
    uint32_t a = utf8_last(t, n, &at);
    if (!is_arabic(a) || at == 0) return 0;
    return is_arabic(utf8_last(t, at, &at2));
}

static void emit_pending(fa_state *st) {
    if (!st->have_pend) return;
    st->have_pend = 0;
    if (st->rc) return;
    /* Rule 9: alef variants (D8 A2/A3/A5, D9 B1–B3) fold in place to ا (D8 A7).
     * D8 and D9 are lead bytes only, so no multi-byte character is cut. */
    unsigned char *p = (unsigned char *)st->pend;
    for (size_t i = 0; st->palef && i + 1 < st->plen; i++) {
        if (p[i] == 0xD8 && (p[i + 1] == 0xA2 || p[i + 1] == 0xA3 || p[i + 1] == 0xA5)) {
            p[i + 1] = 0xA7;
        } else if (p[i] == 0xD9 && p[i + 1] >= 0xB1 && p[i + 1] <= 0xB3) {
            p[i] = 0xD8;
            p[i + 1] = 0xA7;
        }
    }
    int opts = st->opts; /* (read before the call: no store-forwarding stall after) */
    int rc = st->fn(st->ctx, st->pend, st->plen, st->pstart, st->pend_end, 0);
    st->rc = rc;
    if (rc || !opts) return;
    if (opts & FA_TOKENIZE_STEMS) {
        size_t sl = stem_len(st->pend, st->plen);
        if (sl) st->rc = st->fn(st->ctx, st->pend, sl, st->pstart, st->pend_end, FA_TOK_COLOCATED);
    }
    if (st->rc || !(st->opts & FA_TOKENIZE_JOINS)) return;
    /* The pair (previous word + this one) written as one word, at this position. */
    size_t at;
    unsigned first = 0;
    int arabic = st->plen <= PREV_CAP && fa_utf8_decode(p, st->plen, &first) &&
                 is_arabic(first) && is_arabic(utf8_last(st->pend, st->plen, &at));
    if (arabic && st->prevlen && !st->pblocked) {
        char pair[2 * PREV_CAP];
        memcpy(pair, st->prev, st->prevlen);
        memcpy(pair + st->prevlen, st->pend, st->plen);
        st->rc = st->fn(st->ctx, pair, st->prevlen + st->plen, st->pstart, st->pend_end,
                        FA_TOK_COLOCATED);
    }
    st->prevlen = arabic ? st->plen : 0;
    if (arabic) memcpy(st->prev, st->pend, st->plen);
}

/* Rule 8: how token t joins the pending one: 0 not, 1 appended, 2 dropped. */
static int join_kind(const char *p, size_t pl, const char *t, size_t n) {
    unsigned char t0 = (unsigned char)t[0], t1 = n > 1 ? (unsigned char)t[1] : 0;
    if ((pl == 4 && !memcmp(p, "می", 4)) || (pl == 6 && !memcmp(p, "نمی", 6))) {
        unsigned first = 0;
        if (fa_utf8_decode((const unsigned char *)t, n, &first) && is_arabic(first)) return 1;
    }
    if (n > 12) return 0;
    if ((t0 == 0xD9 && t1 == 0x87) || (t0 == 0xD8 && t1 == 0xAA)) /* ه ت */
        return in_list(t, n, k_plural_cmp, COUNT(k_plural_cmp)) && ends_two_arabic(p, pl);
    if (t0 == 0xD8 && t1 == 0xA7) /* ا */
        return in_list(t, n, k_after_heh, COUNT(k_after_heh)) && ends_with_heh(p, pl);
    if (n == 2 && t0 == 0xDB && t1 == 0x8C && ends_with_heh(p, pl)) return 2; /* ی */
    return 0;
}

/* A word-level token reaches the join stage. */
static void deliver(fa_state *st, const char *t, size_t n, size_t start, size_t end, int alef) {
    int blocked = st->blocked;
    st->blocked = 0;
    if (n == 0 || st->rc) return;
    if (st->have_pend && !blocked) {
        int join = join_kind(st->pend, st->plen, t, n);
        if (join == 2) { st->pend_end = end; return; }
        if (join && st->plen + n <= PEND_CAP) {
            memcpy(st->pend + st->plen, t, n);
            st->plen += n;
            st->palef |= alef;
            st->pend_end = end;
            return;
        }
    }
    emit_pending(st);
    if (t == st->word) { /* the word buffer becomes the pending token's */
        st->word = st->pend;
        st->pend = (char *)t;
    } else {             /* (t may lie inside pend: the ‌است split) */
        if (n > PEND_CAP) n = PEND_CAP; /* cannot happen: words are shorter */
        memmove(st->pend, t, n);
    }
    st->plen = n;
    st->palef = alef;
    st->pblocked = blocked;
    st->pstart = start;
    st->pend_end = end;
    st->have_pend = 1;
}

/* Rule 6 at a word's end (ه‌ی → ه, ‌است → a word of its own), then on to rule 8. */
static void end_word(fa_state *st) {
    if (!st->kind) return;
    const char *w = st->word;
    size_t z = st->zpos, wl = st->wl;
    if (st->kind == C_LET && st->zset && wl - z == 2 && !memcmp(w + z, S_YEH, 2) && z >= 2 &&
        !memcmp(w + z - 2, S_HEH, 2)) {
        deliver(st, w, z, st->ws, st->we, st->alef);
    } else if (st->kind == C_LET && st->zset && wl - z == 6 && !memcmp(w + z, S_ASTs, 6)) {
        deliver(st, w, z, st->ws, st->zstart, st->alef);
        deliver(st, w + z, 6, st->zafter, st->we, 0);
    } else {
        deliver(st, w, wl, st->ws, st->we, st->alef);
    }
    st->kind = 0;
    st->wl = st->wcps = 0;
    st->zset = 0;
    st->alef = 0;
    st->last_arabic = 0;
}

static void append_cp(fa_state *st, int cls, uint32_t cp, int arabic, size_t start, size_t end) {
    if (st->kind && (st->kind != cls || st->wcps >= FA_KEY_MAX_WORD)) end_word(st);
    if (!st->kind) {
        st->kind = cls;
        st->ws = start;
    }
    st->wl += utf8_put(st->word + st->wl, cp);
    st->wcps++;
    st->we = end;
    st->alef |= alef_variant(cp);
    st->last_arabic = cls == C_LET && arabic;
}

/* Digits held after a comma start a word of their own. */
static void comma_digits_as_word(fa_state *st) {
    for (int k = 0; k < st->ncd; k++)
        append_cp(st, C_DIG, (uint32_t)st->cd[k], 0, st->cd_start, st->cd_end);
    st->ncd = 0;
}

/* One code point after NFKC and the table: rules 4, 6 (ZWNJ) and 7, streaming.
 * A ZWNJ, a dot or a comma after a word waits (st->la) for what follows. */
static void feed(fa_state *st, uint32_t cp, uint8_t inf, size_t start, size_t end) {
    int cls = inf & I_CLASS;
    if (cls == C_DEL) return;
    switch (st->la) {
    case LA_ZWNJ:
        if (cls == C_ZWNJ) return; /* a run of ZWNJ counts as one */
        st->la = LA_NONE;
        if (cls == C_LET && (inf & I_ARABIC) && st->kind == C_LET && st->last_arabic &&
            st->wcps < FA_KEY_MAX_WORD) {
            st->zset = 1; /* between two Arabic-script letters: joined */
            st->zpos = st->wl;
            st->zstart = st->la_start;
            st->zafter = start;
            append_cp(st, cls, cp, 1, start, end);
            return;
        }
        end_word(st); /* any other ZWNJ separates */
        break;
    case LA_DOT:
        st->la = LA_NONE;
        if (cls == C_DIG && st->kind == C_DIG && st->wcps + 1 < FA_KEY_MAX_WORD) {
            st->word[st->wl++] = '.';
            st->wcps++;
            append_cp(st, cls, cp, 0, start, end);
            return;
        }
        end_word(st);
        st->blocked = 1;
        break;
    case LA_COMMA:
        if (cls == C_DIG && st->ncd < 3) {
            if (st->ncd == 0) st->cd_start = start;
            st->cd[st->ncd++] = (char)cp;
            st->cd_end = end;
            return;
        }
        st->la = LA_NONE;
        if (st->ncd == 3 && cls != C_DIG && st->wcps + 3 <= FA_KEY_MAX_WORD) {
            for (int k = 0; k < 3; k++) st->word[st->wl++] = st->cd[k]; /* a thousands */
            st->wcps += 3;                                            /* separator: gone */
            st->we = st->cd_end;
            st->ncd = 0;
            break;
        }
        end_word(st);
        st->blocked = 1;
        comma_digits_as_word(st);
        break;
    default:
        break;
    }
    switch (cls) {
    case C_LET:
    case C_DIG:
        append_cp(st, cls, cp, (inf & I_ARABIC) != 0, start, end);
        return;
    case C_ZWNJ:
        if (st->kind == C_LET) {
            st->la = LA_ZWNJ;
            st->la_start = start;
        } else {
            end_word(st);
        }
        return;
    case C_DOT:
    case C_COMMA:
        if (st->kind == C_DIG) {
            st->la = cls == C_DOT ? LA_DOT : LA_COMMA;
            st->ncd = 0;
            return;
        }
        end_word(st);
        st->blocked = 1;
        return;
    case C_WS:
        end_word(st);
        return;
    default: /* C_SEP */
        end_word(st);
        st->blocked = 1;
        return;
    }
}

/* A segment that is not NFKC on its own: normalise it with ICU. */
static size_t nfkc_segment(fa_state *st, const unsigned char *s, size_t len, size_t i) {
    UChar in[SEG_MAX * 2], out[SEG_MAX * 18 + 64];
    int32_t nin = 0;
    size_t start = i;
    for (int k = 0; i < len && k < SEG_MAX; k++) {
        unsigned cp;
        int l = fa_utf8_decode(s + i, len - i, &cp);
        if (!l) break;
        uint32_t m;
        if (k > 0 && (info_of(cp, &m) & I_BOUNDARY)) break;
        UBool bad = 0;
        U16_APPEND(in, nin, (int32_t)(sizeof in / sizeof in[0]), (UChar32)cp, bad);
        if (bad) break;
        i += (size_t)l;
    }
    UErrorCode err = U_ZERO_ERROR;
    int32_t nout = g_nfkc ? unorm2_normalize(g_nfkc, in, nin, out, (int32_t)(sizeof out / sizeof out[0]), &err) : -1;
    if (!g_nfkc || U_FAILURE(err)) {
        feed(st, 0xFFFD, C_SEP, start, i);
        return i;
    }
    for (int32_t k = 0; k < nout;) {
        UChar32 c;
        U16_NEXT(out, k, nout, c);
        uint32_t m;
        uint8_t inf = info_of((uint32_t)c, &m);
        feed(st, m, inf, start, i);
    }
    return i;
}

static inline int decode_at(const unsigned char *s, size_t len, size_t i, unsigned *cp) {
    if (s[i] < 0x80) { *cp = s[i]; return 1; }
    if (s[i] >= 0xC2 && s[i] < 0xE0 && i + 1 < len && (s[i + 1] & 0xC0) == 0x80) {
        *cp = ((s[i] & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu);
        return 2;
    }
    return fa_utf8_decode(s + i, len - i, cp);
}

int fa_tokenize(const char *text, size_t len, int opts, fa_token_fn fn, void *ctx) {
    pthread_once(&g_once, build_table);
    fa_state state, *st = &state; /* ~8.5 KiB of stack; nothing on the heap */
    memset(st, 0, offsetof(fa_state, buf_a));
    st->word = st->buf_a;
    st->pend = st->buf_b;
    st->fn = fn;
    st->ctx = ctx;
    st->opts = opts;
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    unsigned cp = 0;
    int l = len ? decode_at(s, len, 0, &cp) : 0;
    while (i < len && !st->rc) {
        /* Fast path: a run of two-byte Arabic-script letters that NFKC and the
         * tables leave alone is copied into the word as is (what feed would do). */
        if (l == 2 && st->la == LA_NONE && st->kind != C_DIG && st->wcps < FA_KEY_MAX_WORD) {
            size_t j = i, room = FA_KEY_MAX_WORD - st->wcps;
            while (j + 1 < len && room && g_plain2[((unsigned)s[j] << 8) | s[j + 1]]) {
                j += 2;
                room--;
            }
            unsigned nx = 0;
            uint32_t m3;
            int nl = j < len ? decode_at(s, len, j, &nx) : 0;
            if (j > i && nl && !(info_of(nx, &m3) & I_BOUNDARY)) {
                j -= 2; /* the last letter combines with what follows: slow path */
                nl = 2;
                nx = ((s[j] & 0x1Fu) << 6) | (s[j + 1] & 0x3Fu);
            }
            if (j > i) {
                if (!st->kind) {
                    st->kind = C_LET;
                    st->ws = i;
                }
                memcpy(st->word + st->wl, s + i, j - i);
                st->wl += j - i;
                st->wcps += (j - i) / 2;
                st->we = j;
                st->last_arabic = 1;
                i = j;
                cp = nx;
                l = nl;
                continue;
            }
        }
        /* Fast path: an ASCII space before an ASCII character or a plain letter. */
        if (cp == ' ' && l == 1 && st->la == LA_NONE &&
            (i + 1 >= len || s[i + 1] < 0x80 ||
             (i + 2 < len && g_plain2[((unsigned)s[i + 1] << 8) | s[i + 2]]))) {
            end_word(st);
            i++;
            l = i < len ? decode_at(s, len, i, &cp) : 0;
            continue;
        }
        if (!l) { /* invalid byte: a separator */
            feed(st, 0xFFFD, C_SEP, i, i + 1);
            i++;
            l = i < len ? decode_at(s, len, i, &cp) : 0;
            continue;
        }
        uint32_t m, m2;
        uint8_t inf = info_of(cp, &m);
        size_t j = i + (size_t)l;
        unsigned nx = 0;
        int nl = j < len ? decode_at(s, len, j, &nx) : 0;
        if ((inf & I_NFKC_YES) && (!nl || (info_of(nx, &m2) & I_BOUNDARY))) {
            feed(st, m, inf, i, j); /* already NFKC: the common case */
            i = j;
            cp = nx;
            l = nl;
            continue;
        }
        i = nfkc_segment(st, s, len, i);
        l = i < len ? decode_at(s, len, i, &cp) : 0;
    }
    if (!st->rc) feed(st, ' ', C_WS, len, len); /* resolves any waiting ZWNJ, dot, comma */
    if (!st->rc) emit_pending(st);
    return st->rc;
}

/* ---- keys -------------------------------------------------------------------------- */
struct key_ctx {
    buf *b;
    int first;
};

static int key_token(void *ctx, const char *tok, size_t len, size_t start, size_t end,
                     int flags) {
    (void)start;
    (void)end;
    (void)flags;
    struct key_ctx *k = ctx;
    buf *b = k->b;
    size_t sp = !k->first;
    k->first = 0;
    if (!b->failed && b->data && b->len + sp + len < b->cap) { /* room: write in place */
        b->data[b->len] = ' ';
        memcpy(b->data + b->len + sp, tok, len);
        b->len += sp + len;
        b->data[b->len] = 0;
        return 0;
    }
    if (sp && buf_putc(b, ' ')) return -1;
    return buf_append(b, tok, len) ? -1 : 0;
}

int fa_key(const char *text, size_t len, buf *out) {
    struct key_ctx k = {out, 1};
    return fa_tokenize(text, len, 0, key_token, &k) ? -1 : 0;
}

int fa_key_forbidden(unsigned c) {
    if (c == 0x200C || spec_deleted(c)) return 1;
    if (letter_fold(c) != c || alef_variant(c)) return 1;
    if ((c >= 0x0660 && c <= 0x066C) || (c >= 0x06F0 && c <= 0x06F9)) return 1;
    if ((c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFE)) return 1;
    if (c >= 'A' && c <= 'Z') return 1;
    return 0;
}
