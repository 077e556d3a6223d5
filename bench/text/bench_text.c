/* bench_text — the Persian search-key normaliser against ICU NFKC, and search recall
 * of the `tashil` FTS5 tokenizer against SQLite's unicode61, in one run.
 *
 * Throughput: news-like text (paragraphs of the seed article, shuffled, several MB)
 * is normalised paragraph by paragraph with fa_key (the whole search key: NFKC,
 * folds, ZWNJ and joins, tokens), and with ICU's NFKC alone over the same
 * paragraphs, twice: on UTF-16 copies made beforehand (ICU's best case, conversion
 * not charged) and UTF-8 in and out (u_strFromUTF8 + unorm2_normalize +
 * u_strToUTF8: what NFKC costs a program holding UTF-8, as Tashil does). All rates
 * are MB of UTF-8 input per second, best of 3.
 * Recall: documents carry one spelling of a word (ZWNJ, space, stripped, Arabic
 * letters, other digits, diacritics, presentation forms); every spelling is queried,
 * and a query should find every document with any spelling of the same word.
 *
 * usage: bench_text [seed-article.txt] [megabytes] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "core/buf.h"
#include "text/fa_fts5.h"
#include "text/fa_key.h"

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static unsigned rng_state = 12345;
static unsigned rng(void) {
    rng_state = rng_state * 1103515245u + 12345u;
    return rng_state >> 8;
}

struct para {
    const char *s;
    size_t n;
};

/* ---- throughput ------------------------------------------------------------------ */
static int throughput(const char *seed_path, size_t megabytes) {
    FILE *f = fopen(seed_path, "rb");
    if (!f) { perror(seed_path); return 1; }
    char *seed = malloc(1 << 20);
    size_t sn = fread(seed, 1, (1 << 20) - 1, f);
    fclose(f);
    seed[sn] = 0;
    struct para ps[256];
    int np = 0;
    for (char *p = seed; *p && np < 256;) {
        char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n > 1) ps[np++] = (struct para){p, n};
        p += n + (e != NULL);
    }
    /* The corpus: shuffled paragraphs, one per line. */
    size_t target = megabytes << 20;
    buf text;
    buf_init(&text, target + (1 << 20));
    while (text.len < target) {
        struct para *p = &ps[rng() % (unsigned)np];
        buf_append(&text, p->s, p->n);
        buf_putc(&text, '\n');
    }
    /* Paragraph spans and their UTF-16 copies for ICU. */
    size_t nl = 0;
    for (size_t i = 0; i < text.len; i++) nl += text.data[i] == '\n';
    struct para *lines = malloc(nl * sizeof *lines);
    UChar **u16 = malloc(nl * sizeof *u16);
    int32_t *u16n = malloc(nl * sizeof *u16n);
    size_t k = 0, start = 0, maxu = 0;
    for (size_t i = 0; i < text.len; i++) {
        if (text.data[i] != '\n') continue;
        lines[k] = (struct para){text.data + start, i - start};
        UErrorCode e = U_ZERO_ERROR;
        u16[k] = malloc((lines[k].n + 1) * sizeof(UChar));
        u_strFromUTF8(u16[k], (int32_t)lines[k].n + 1, &u16n[k], lines[k].s, (int32_t)lines[k].n, &e);
        if (U_FAILURE(e)) { fprintf(stderr, "utf-16 conversion failed\n"); return 1; }
        if ((size_t)u16n[k] > maxu) maxu = (size_t)u16n[k];
        k++;
        start = i + 1;
    }
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&e);
    UChar *out16 = malloc((maxu * 4 + 16) * sizeof(UChar));
    buf key;
    buf_init(&key, 1 << 24);
    char *out8 = malloc(maxu * 12 + 16);
    UChar *in16 = malloc((maxu + 16) * sizeof(UChar));
    double best_key = 1e9, best_nfkc = 1e9, best_nfkc8 = 1e9;
    size_t key_bytes = 0;
    for (int round = 0; round < 3; round++) {
        double t0 = now();
        key_bytes = 0;
        for (size_t i = 0; i < nl; i++) {
            buf_clear(&key);
            if (fa_key(lines[i].s, lines[i].n, &key)) { fprintf(stderr, "fa_key failed\n"); return 1; }
            key_bytes += key.len;
        }
        double t1 = now();
        for (size_t i = 0; i < nl; i++) {
            e = U_ZERO_ERROR;
            unorm2_normalize(nfkc, u16[i], u16n[i], out16, (int32_t)(maxu * 4 + 16), &e);
            if (U_FAILURE(e)) { fprintf(stderr, "NFKC failed\n"); return 1; }
        }
        double t2 = now();
        for (size_t i = 0; i < nl; i++) { /* UTF-8 in, NFKC, UTF-8 out */
            int32_t n16, nout, n8;
            e = U_ZERO_ERROR;
            u_strFromUTF8(in16, (int32_t)maxu + 16, &n16, lines[i].s, (int32_t)lines[i].n, &e);
            nout = unorm2_normalize(nfkc, in16, n16, out16, (int32_t)(maxu * 4 + 16), &e);
            u_strToUTF8(out8, (int32_t)(maxu * 12 + 16), &n8, out16, nout, &e);
            if (U_FAILURE(e)) { fprintf(stderr, "NFKC failed\n"); return 1; }
        }
        double t3 = now();
        if (t1 - t0 < best_key) best_key = t1 - t0;
        if (t2 - t1 < best_nfkc) best_nfkc = t2 - t1;
        if (t3 - t2 < best_nfkc8) best_nfkc8 = t3 - t2;
    }
    double mb = (double)text.len / 1e6;
    printf("corpus: %.1f MB of news-like Persian text, %zu paragraphs\n", mb, nl);
    printf("normaliser (fa_key, full search key): %8.1f MB/s\n", mb / best_key);
    printf("ICU NFKC alone, UTF-16 in and out:   %8.1f MB/s  (conversion not charged)\n",
           mb / best_nfkc);
    printf("ICU NFKC alone, UTF-8 in and out:    %8.1f MB/s  (u_strFromUTF8 + NFKC + u_strToUTF8)\n",
           mb / best_nfkc8);
    printf("ratio normaliser / NFKC UTF-16:      %8.2f\n", best_nfkc / best_key);
    printf("ratio normaliser / NFKC UTF-8:       %8.2f  (goal >= 1.00, and >= 100 MB/s)\n",
           best_nfkc8 / best_key);
    for (size_t i = 0; i < nl; i++) free(u16[i]);
    free(u16);
    free(u16n);
    free(lines);
    free(out16);
    free(out8);
    free(in16);
    buf_free(&key);
    buf_free(&text);
    free(seed);
    (void)key_bytes;
    return 0;
}

/* ---- recall ---------------------------------------------------------------------- */
static const char *const k_sets[][7] = {
    {"وعده‌های", "وعده های", "وعدههای", NULL},
    {"رئیس‌جمهور", "رئیس جمهور", "رییس‌جمهور", "رئيس جمهور", "رییسجمهور", NULL},
    {"می‌شود", "می شود", "میشود", "مي شود", "مي‌شود", NULL},
    {"کتاب‌ها", "کتاب ها", "کتابها", "كتاب‌ها", "كتابها", NULL},
    {"لکه‌ای", "لکه ای", "لکهای", NULL},
    {"۳۸", "٣٨", "38", NULL},
    {"۱۲٬۳۴۵", "12,345", "١٢٬٣٤٥", "12345", NULL},
    {"سه‌شنبه", "سه شنبه", "سهشنبه", NULL},
    {"بزرگ‌ترین", "بزرگ ترین", "بزرگترین", "بزرگ‌ترين", NULL},
    {"پائیز", "پاییز", NULL},
    {"تأمین", "تامین", NULL},
    {"انرژی‌های", "انرژي هاي", "انرژیهای", NULL},
    {"کیک", "كيك", "ﻛﻴﻚ", NULL},
    {"فاطمه", "فاطمة", NULL},
    {"دستگاه‌هایی", "دستگاه هایی", "دستگاههایی", NULL},
    {"نمی‌دانم", "نمی دانم", "نميدانم", NULL},
    {"لازم", "ﻻزم", "لازِم", NULL},
    {"خانهٔ", "خانه‌ی", "خانه ی", "خانۀ", NULL},
    {"حوزه‌ها", "حوزه ها", "حوزهها", NULL},
    {"ساعت ۱۸", "ساعت 18", "ساعت ١٨", NULL},
};
#define NSETS (sizeof k_sets / sizeof k_sets[0])
#define DOCS_PER_VARIANT 5
static const char *const k_filler[] = {"گزارش", "جلسه", "استان", "صنعت", "تولید",
                                       "سفر", "بازدید", "مدیر", "شهرستان", "پیگیری"};

static void filler(buf *b, int words) {
    for (int i = 0; i < words; i++) {
        buf_puts(b, k_filler[rng() % 10]);
        buf_putc(b, ' ');
    }
}

/* Rows are numbered set*1000 + variant*10 + copy. */
static int load(sqlite3 *db, const char *table) {
    char sql[128];
    snprintf(sql, sizeof sql, "INSERT INTO %s(rowid, body) VALUES (?, ?)", table);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return -1;
    buf b;
    buf_init(&b, 1 << 16);
    rng_state = 777;
    for (size_t s = 0; s < NSETS; s++)
        for (int v = 0; k_sets[s][v]; v++)
            for (int c = 0; c < DOCS_PER_VARIANT; c++) {
                buf_clear(&b);
                filler(&b, 6);
                buf_puts(&b, k_sets[s][v]);
                buf_putc(&b, ' ');
                filler(&b, 6);
                sqlite3_bind_int(st, 1, (int)(s * 1000 + (size_t)v * 10 + (size_t)c));
                sqlite3_bind_text(st, 2, b.data, (int)b.len, SQLITE_STATIC);
                if (sqlite3_step(st) != SQLITE_DONE) return -1;
                sqlite3_reset(st);
            }
    sqlite3_finalize(st);
    buf_free(&b);
    return 0;
}

/* Share of relevant documents found, summed over queries; extra = hits outside. */
static void run_queries(sqlite3 *db, const char *table, int tashil, long *found, long *relevant,
                        long *extra, long *errors) {
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT rowid FROM %s WHERE %s MATCH ?", table, table);
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    buf m;
    buf_init(&m, 1 << 16);
    for (size_t s = 0; s < NSETS; s++) {
        int nv = 0;
        while (k_sets[s][nv]) nv++;
        for (int v = 0; v < nv; v++) {
            buf_clear(&m);
            const char *q = k_sets[s][v];
            if (tashil) {
                if (fa_fts5_query(q, strlen(q), &m)) continue;
            } else { /* the user's words as a phrase, quotes doubled */
                buf_putc(&m, '"');
                for (const char *p = q; *p; p++) {
                    if (*p == '"') buf_putc(&m, '"');
                    buf_putc(&m, *p);
                }
                buf_putc(&m, '"');
            }
            *relevant += (long)nv * DOCS_PER_VARIANT;
            sqlite3_bind_text(st, 1, m.data, (int)m.len, SQLITE_STATIC);
            int rc;
            while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
                if ((size_t)(sqlite3_column_int(st, 0) / 1000) == s) (*found)++;
                else (*extra)++;
            }
            if (rc != SQLITE_DONE) (*errors)++;
            sqlite3_reset(st);
        }
    }
    sqlite3_finalize(st);
    buf_free(&m);
}

static int recall(void) {
    sqlite3 *db;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK || fa_fts5_register(db)) return 1;
    if (sqlite3_exec(db, "CREATE VIRTUAL TABLE u61 USING fts5(body, tokenize='unicode61');"
                         "CREATE VIRTUAL TABLE fa USING fts5(body, tokenize='tashil');",
                     NULL, NULL, NULL) != SQLITE_OK)
        return 1;
    if (load(db, "u61") || load(db, "fa")) return 1;
    long f1 = 0, r1 = 0, x1 = 0, e1 = 0, f2 = 0, r2 = 0, x2 = 0, e2 = 0;
    run_queries(db, "u61", 0, &f1, &r1, &x1, &e1);
    run_queries(db, "fa", 1, &f2, &r2, &x2, &e2);
    int nq = 0;
    for (size_t i = 0; i < NSETS; i++)
        for (int v = 0; k_sets[i][v]; v++) nq++;
    printf("recall: %zu words, %d spellings, %d documents each; every spelling queried:\n",
           NSETS, nq, DOCS_PER_VARIANT);
    printf("  unicode61: %5.1f%% of relevant documents found (%ld/%ld), %ld other hits, %ld errors\n",
           100.0 * (double)f1 / (double)r1, f1, r1, x1, e1);
    printf("  tashil:    %5.1f%% of relevant documents found (%ld/%ld), %ld other hits, %ld errors\n",
           100.0 * (double)f2 / (double)r2, f2, r2, x2, e2);
    sqlite3_close(db);
    return 0;
}

int main(int argc, char **argv) {
    const char *seed = argc > 1 ? argv[1] : "data/seed-article-islamshahr.txt";
    long mb = argc > 2 ? strtol(argv[2], NULL, 10) : 8;
    if (mb < 1 || mb > 1024) mb = 8;
    if (throughput(seed, (size_t)mb)) return 1;
    return recall();
}
