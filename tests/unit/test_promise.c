/* Unit tests for the promise tracker: the extractor on the seed article (and on
 * its ZWNJ-restored and Arabic-letter variants, and on a second article written
 * with other phrasing), the article intake's refusals and conversions, the
 * validation rules, and the store's rating timeline with its audit events. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>
#include <sqlite3.h>
#include <unicode/ucnv.h>

#include "core/arena.h"
#include "promise/article.h"
#include "promise/extract.h"
#include "promise/promise.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_promises.h"

static char *read_source_file(const char *rel, size_t *len) {
    const char *dir = getenv("TASHIL_SOURCE_DIR");
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir ? dir : ".", rel);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    assert_non_null(s);
    assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = 0;
    fclose(f);
    *len = (size_t)n;
    return s;
}

/* Replaces every occurrence of `from` by `to` (a new heap string). */
static char *replace_all(const char *s, const char *from, const char *to) {
    size_t fl = strlen(from), tl = strlen(to), n = 0;
    for (const char *p = s; (p = strstr(p, from)); p += fl) n++;
    char *out = malloc(strlen(s) + n * (tl > fl ? tl - fl : 0) + 1);
    assert_non_null(out);
    char *o = out;
    const char *p = s, *q;
    while ((q = strstr(p, from))) {
        memcpy(o, p, (size_t)(q - p));
        o += q - p;
        memcpy(o, to, tl);
        o += tl;
        p = q + fl;
    }
    size_t rest = strlen(p);
    memcpy(o, p, rest + 1);
    return out;
}

/* Extracts from a file of the source tree; *text must be freed, a freed. */
static struct extract_result *extract_file(const char *rel, arena *a, char **text) {
    size_t len;
    *text = read_source_file(rel, &len);
    arena_init(a, 0);
    struct extract_result *r = arena_alloc(a, sizeof *r);
    assert_non_null(r);
    assert_int_equal(promise_extract(*text, len, a, r), 0);
    return r;
}

static int candidates_with(const struct extract_result *r, const char *needle) {
    int n = 0;
    for (int i = 0; i < r->n; i++) n += strstr(r->c[i].text, needle) != NULL;
    return n;
}

static const struct extract_candidate *find(const struct extract_result *r, const char *needle) {
    for (int i = 0; i < r->n; i++)
        if (strstr(r->c[i].text, needle)) return &r->c[i];
    return NULL;
}

static void expect_speaker(const struct extract_result *r, const char *needle, const char *speaker,
                           const char *office) {
    const struct extract_candidate *c = find(r, needle);
    if (!c) fail_msg("no candidate holds «%s»", needle);
    assert_non_null(c->speaker);
    assert_string_equal(c->speaker, speaker);
    if (office) {
        assert_non_null(c->office);
        assert_string_equal(c->office, office);
    }
}

static const char ASKARI[] = "حشمت الله عسگری", SIJANI[] = "محمود سیجانی", DEHGHAN[] = "علی دهقان";

/* The seed's promises, however the text spells the words. */
static void check_seed(const char *text, size_t len, bool arabic_letters) {
    arena a;
    arena_init(&a, 0);
    struct extract_result *r = arena_alloc(&a, sizeof *r);
    assert_int_equal(promise_extract(text, len, &a, r), 0);
    /* Each commitment once, none without one. */
    const char *once[] = {"۳۸ محدوده صنعتی", "تجدیدپذیر", "شهرک های صنعتی تخصصی", "احداث شهر کفش",
                          "چهاردانگه", "بانک", "نوسازی صنایع"};
    for (size_t i = 0; i < sizeof once / sizeof *once; i++) {
        char *y = replace_all(once[i], "ی", "ي");
        char *needle = arabic_letters ? replace_all(y, "ک", "ك") : strdup(once[i]);
        free(y);
        if (candidates_with(r, needle) != 1) fail_msg("«%s» proposed %d times", needle, candidates_with(r, needle));
        free(needle);
    }
    assert_int_equal(r->n, 7);
    assert_int_equal(candidates_with(r, "به گزارش"), 0);
    assert_int_equal(candidates_with(r, "بررسی میدانی"), 0);
    assert_int_equal(candidates_with(r, "به نظر"), 0);
    assert_int_equal(candidates_with(r, "محقق میشود"), 0);
    if (!arabic_letters) {
        expect_speaker(r, "۳۸ محدوده صنعتی", ASKARI, "معاون اقتصادی استاندار تهران");
        expect_speaker(r, "شهرک های صنعتی تخصصی", SIJANI, "مدیرکل صمت استان تهران");
        expect_speaker(r, "احداث شهر کفش", DEHGHAN, "یکی از پیشکسوتان کفش اسلامشهر");
        expect_speaker(r, "خیابان پدر", DEHGHAN, NULL);
        expect_speaker(r, "بانک", ASKARI, NULL);
        expect_speaker(r, "آب، برق و گاز", ASKARI, NULL);
        assert_non_null(find(r, "توسعه انرژیهای تجدیدپذیر")->speaker);
        assert_string_equal(find(r, "۳۸ محدوده")->attribution, "pronoun");
        assert_string_equal(find(r, "مخابرات منطقه")->attribution, "pronoun");
        assert_non_null(strstr(find(r, "احداث شهر کفش")->cue, "قول"));
        assert_int_equal(r->npeople, 3);
        assert_string_equal(r->people[0].name, ASKARI);
        assert_non_null(strstr(r->title, "شهرک کفش اسلامشهر"));
    }
    arena_free(&a);
}

static void seed_article(void **state) {
    (void)state;
    size_t len;
    char *seed = read_source_file("data/seed-article-islamshahr.txt", &len);
    check_seed(seed, len, false);
    /* The same article with its ZWNJs restored and spaces where writers put them. */
    char *z1 = replace_all(seed, "وعدههای", "وعده‌های");
    char *z2 = replace_all(z1, "لکهای", "لکه‌ای");
    char *z3 = replace_all(z2, "میشود", "می‌شود");
    char *z4 = replace_all(z3, "قول های", "قول‌های");
    char *z5 = replace_all(z4, "دستگاههایی", "دستگاه‌هایی");
    check_seed(z5, strlen(z5), false);
    /* Arabic keyboard letters. */
    char *y = replace_all(seed, "ی", "ي");
    char *k = replace_all(y, "ک", "ك");
    check_seed(k, strlen(k), true);
    free(seed), free(z1), free(z2), free(z3), free(z4), free(z5), free(y), free(k);
}

static void second_article(void **state) {
    (void)state;
    char *text;
    arena a;
    struct extract_result *r = extract_file("tests/data/article-pakdasht.txt", &a, &text);
    assert_int_equal(r->n, 4);
    expect_speaker(r, "خط انتقال گاز", "رضا کاظمی", "فرماندار پاکدشت");
    expect_speaker(r, "۲۰ هکتار", "رضا کاظمی", NULL);                   /* ايشان */
    expect_speaker(r, "پرونده‌های بانکی", "سمیرا نادری",                  /* surname */
                   "رئیس سازمان صنعت، معدن و تجارت استان تهران");
    expect_speaker(r, "قطعی برق", "محمد جواد رحیمی", NULL);
    assert_int_equal(candidates_with(r, "بازگشتند"), 0);  /* a past fact */
    assert_int_equal(candidates_with(r, "نقدینگی"), 0);   /* hedged */
    assert_int_equal(candidates_with(r, "تقدیر"), 0);
    assert_int_equal(candidates_with(r, "به گزارش"), 0);
    assert_string_equal(find(r, "۲۰ هکتار")->cue, "قرار است");
    arena_free(&a);
    free(text);
}

/* A third phrasing: an office without a name, «سید» names, «متعهدیم», and a present
 * verb that promises because the sentence names a time ahead. */
static void third_article(void **state) {
    (void)state;
    char *text;
    arena a;
    struct extract_result *r = extract_file("tests/data/article-qarchak.txt", &a, &text);
    assert_int_equal(r->n, 3);
    const struct extract_candidate *c = find(r, "هفته آینده");
    assert_non_null(c);
    assert_null(c->speaker);
    assert_string_equal(c->office, "معاون وزیر صمت");
    assert_string_equal(find(r, "سرمایه در گردش")->office, "معاون وزیر صمت"); /* وی */
    expect_speaker(r, "متعهدیم", "سید محمدرضا موسوی", "مدیرکل تأمین اجتماعی استان تهران");
    assert_int_equal(candidates_with(r, "بخشودگی"), 0); /* last year: a fact */
    assert_int_equal(candidates_with(r, "تقسیط می‌شود."), 0); /* no time ahead named */
    arena_free(&a);
    free(text);
}

/* Attributions after the words and «به گفته …». */
static void attribution_after_the_words(void **state) {
    (void)state;
    char *text;
    arena a;
    struct extract_result *r = extract_file("tests/data/article-qods.txt", &a, &text);
    assert_int_equal(r->n, 3);
    expect_speaker(r, "گاز همه واحدها", "حسن رضایی", "فرماندار قدس");
    assert_string_equal(find(r, "گاز همه واحدها")->text,
                        "«تا پایان سال گاز همه واحدهای شهرک صنعتی قدس وصل خواهد شد.»");
    expect_speaker(r, "تابستان آینده", "مینا کریمی", "مدیرعامل شرکت برق غرب استان تهران");
    assert_string_equal(find(r, "تابستان آینده")->text, "برق شهرک تا تابستان آینده پایدار خواهد شد");
    expect_speaker(r, "پروانه ۱۰ واحد", "سعید بهرامی", "رئیس اداره صمت قدس");
    assert_string_equal(find(r, "پروانه ۱۰ واحد")->attribution, "explicit");
    arena_free(&a);
    free(text);
}

static void article_intake(void **state) {
    (void)state;
    arena a;
    arena_init(&a, 0);
    const char *out;
    size_t n;
    bool conv;
    fa_err err = {0};
    assert_int_equal(promise_article_text("", 0, false, &a, &out, &n, &conv, &err), ARTICLE_EMPTY);
    assert_non_null(strstr(err.fa, "خالی"));
    assert_int_equal(promise_article_text(" \n\t\r\n ", 6, false, &a, &out, &n, &conv, &err),
                     ARTICLE_EMPTY);
    assert_int_equal(promise_article_text("<html><script>x</script></html>", 31, false, &a, &out,
                                          &n, &conv, &err),
                     ARTICLE_EMPTY);
    char *big = malloc(ARTICLE_MAX + 10);
    memset(big, 'a', ARTICLE_MAX + 10);
    assert_int_equal(promise_article_text(big, ARTICLE_MAX + 10, false, &a, &out, &n, &conv, &err),
                     ARTICLE_TOO_LARGE);
    assert_non_null(strstr(err.fa, "کیلوبایت"));
    free(big);

    const char *html = "<!doctype html><html><head><title>عنوان</title><style>p{}</style>"
                       "<script>var x = '<p>';</script></head><body><!-- c --><p>سلام &amp; "
                       "خدا&#1581;افظ</p><p>دوم&nbsp;&nbsp; سطر</p></body></html>";
    assert_int_equal(promise_article_text(html, strlen(html), true, &a, &out, &n, &conv, &err), 0);
    assert_string_equal(out, "عنوان\nسلام & خداحافظ\nدوم سطر\n");

    /* Windows-1256 bytes are read as such. */
    size_t len;
    char *seed = read_source_file("tests/data/article-pakdasht.txt", &len);
    char *cp = malloc(len * 2 + 1);
    UErrorCode st = U_ZERO_ERROR;
    int32_t m = ucnv_convert("windows-1256", "UTF-8", cp, (int32_t)(len * 2 + 1), seed, (int32_t)len, &st);
    assert_false(U_FAILURE(st));
    assert_int_equal(promise_article_text(cp, (size_t)m, false, &a, &out, &n, &conv, &err), 0);
    assert_true(conv);
    assert_non_null(strstr(out, "فرماندار پاکدشت"));
    assert_int_equal(promise_article_text(seed, len, false, &a, &out, &n, &conv, &err), 0);
    assert_false(conv);
    free(cp);
    free(seed);
    arena_free(&a);
}

static void ratings_and_validation(void **state) {
    (void)state;
    assert_string_equal(promise_rating_label_fa(PR_KEPT), "محقق شد");
    assert_string_equal(promise_rating_label_fa(PR_COMPROMISE), "تا حدی محقق شد");
    assert_string_equal(promise_rating_label_fa(PR_BROKEN), "محقق نشد");
    assert_string_equal(promise_rating_label_fa(PR_IN_THE_WORKS), "در دست اقدام");
    assert_string_equal(promise_rating_label_fa(PR_STALLED), "متوقف");
    assert_string_equal(promise_rating_label_fa(PR_NOT_RATED), "بررسی نشده");
    assert_int_equal(promise_rating_from_code("kept"), PR_KEPT);
    assert_int_equal(promise_rating_from_code("done"), -1);

    arena a;
    arena_init(&a, 0);
    struct promise_clean c;
    struct promise_errors e;
    struct promise_input in = {.person = "  حشمت‌الله عسگری ", .said_on = "۱۴۰۳/۰۴/۱۰",
                               .summary = "تبدیل لکه‌ها", .quote = "…", .target_on = "1404/12/30",
                               .source_url = "javascript:alert(1)"};
    assert_int_equal(promise_validate(&in, "2026-11-29", &a, &c, &e), -1);
    assert_non_null(promise_error_for(&e, "target_on")); /* 1404 is not a leap year */
    assert_non_null(promise_error_for(&e, "source_url"));
    assert_null(promise_error_for(&e, "person"));
    in.target_on = "1403/12/30"; /* 1403 is */
    in.source_url = "https://example.org/x";
    assert_int_equal(promise_validate(&in, "2026-11-29", &a, &c, &e), 0);
    assert_string_equal(c.person, "حشمت‌الله عسگری");
    assert_string_equal(c.said_on, "2024-06-30");
    assert_string_equal(c.target_on, "2025-03-20");
    in.said_on = "1410/01/01";
    assert_int_equal(promise_validate(&in, "2026-11-29", &a, &c, &e), -1);
    assert_non_null(strstr(promise_error_for(&e, "said_on"), "آینده"));
    struct promise_input empty = {0};
    assert_int_equal(promise_validate(&empty, "2026-11-29", &a, &c, &e), -1);
    assert_non_null(promise_error_for(&e, "person"));
    assert_non_null(promise_error_for(&e, "said_on"));
    assert_non_null(promise_error_for(&e, "quote"));

    struct rating_clean rc;
    struct rating_input ri = {"kept", "۱۴۰۴/۰۱/۱۵", "https://example.org/y", "افتتاح شد"};
    assert_int_equal(promise_rating_validate(&ri, "2024-06-30", "2024-06-30", "2026-11-29", &a,
                                             &rc, &e), 0);
    assert_int_equal(rc.rating, PR_KEPT);
    assert_string_equal(rc.changed_on, "2025-04-04");
    ri.rating = "not_rated";
    assert_int_equal(promise_rating_validate(&ri, "2024-06-30", NULL, "2026-11-29", &a, &rc, &e), -1);
    ri.rating = "excellent";
    assert_int_equal(promise_rating_validate(&ri, "2024-06-30", NULL, "2026-11-29", &a, &rc, &e), -1);
    assert_non_null(promise_error_for(&e, "rating"));
    struct rating_input missing = {"broken", "", " ", ""};
    assert_int_equal(promise_rating_validate(&missing, "2024-06-30", NULL, "2026-11-29", &a, &rc,
                                             &e), -1);
    assert_non_null(promise_error_for(&e, "changed_on"));
    assert_non_null(promise_error_for(&e, "source"));
    assert_non_null(promise_error_for(&e, "note"));
    struct rating_input early = {"broken", "1403/01/01", "s", "n"};
    assert_int_equal(promise_rating_validate(&early, "2024-06-30", NULL, "2026-11-29", &a, &rc, &e), -1);
    assert_non_null(strstr(promise_error_for(&e, "changed_on"), "پیش از تاریخ وعده"));
    struct rating_input before_last = {"broken", "1403/05/01", "s", "n"};
    assert_int_equal(promise_rating_validate(&before_last, "2024-06-30", "2024-09-01", "2026-11-29",
                                             &a, &rc, &e), -1);
    assert_non_null(strstr(promise_error_for(&e, "changed_on"), "آخرین"));
    arena_free(&a);
}

struct timeline {
    int n;
    char rating[8][16], prev[8][16], on[8][11], source[8][64];
};

static int collect(void *arg, const struct rating_rec *r) {
    struct timeline *t = arg;
    snprintf(t->rating[t->n], 16, "%s", r->rating);
    snprintf(t->prev[t->n], 16, "%s", r->prev_rating);
    snprintf(t->on[t->n], 11, "%s", r->changed_on);
    snprintf(t->source[t->n], 64, "%s", r->source);
    t->n++;
    return 0;
}

static void rating_history_in_store(void **state) {
    (void)state;
    assert_true(sodium_init() >= 0);
    char dir[] = "/tmp/tashil-test-promise-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/p.db", dir);
    store *s;
    struct store_error err;
    assert_int_equal(store_open(path, STORE_CREATE | STORE_MIGRATE, &s, &err), STORE_OK);
    store_conn *c = store_thread_conn(s);
    struct user dabir = {.id = 0, .name = "dabir"};
    arena a;
    arena_init(&a, 0);
    struct promise_input in = {.person = "حشمت‌الله عسگری", .office = "معاون اقتصادی استاندار تهران",
                               .said_on = "1403/04/10", .summary = "۳۸ لکه", .quote = "…",
                               .occasion_title = "کارگروه اسلامشهر", .occasion_kind = "session"};
    struct promise_clean pc;
    struct promise_errors e;
    assert_int_equal(promise_validate(&in, "2026-11-29", &a, &pc, &e), 0);
    int64_t id = 0, id2 = 0;
    assert_int_equal(store_promise_create(c, &dabir, &pc, 0, "", "127.0.0.1", &id), STORE_OK);
    in.person = "حشمت الله عسگري"; /* the same person typed otherwise */
    assert_int_equal(promise_validate(&in, "2026-11-29", &a, &pc, &e), 0);
    assert_int_equal(store_promise_create(c, &dabir, &pc, 0, "", NULL, &id2), STORE_OK);
    struct promise_rec p1, p2;
    assert_int_equal(store_promise_get(c, id, &a, &p1), STORE_OK);
    assert_int_equal(store_promise_get(c, id2, &a, &p2), STORE_OK);
    assert_int_equal(p1.person_id, p2.person_id);
    assert_int_equal(p1.occasion_id, p2.occasion_id);

    const char *steps[][4] = {{"in_the_works", "2024-08-01", "https://a.example/1", "در دولت"},
                              {"kept", "2025-01-10", "صورتجلسه کارگروه", "مصوب شد"},
                              {"compromise", "2025-03-01", "https://a.example/2", "۲۰ لکه"},
                              {"broken", "2025-06-01", "https://a.example/3", "لغو شد"}};
    for (int i = 0; i < 4; i++) {
        struct rating_clean r = {promise_rating_from_code(steps[i][0]), "", steps[i][2], steps[i][3]};
        snprintf(r.changed_on, sizeof r.changed_on, "%s", steps[i][1]);
        assert_int_equal(store_promise_rate(c, &dabir, id, &r, "127.0.0.1"), STORE_OK);
    }
    assert_int_equal(store_promise_get(c, id, &a, &p1), STORE_OK);
    assert_string_equal(p1.rating, "broken");
    assert_string_equal(p1.rated_on, "2025-06-01");
    struct timeline t = {0};
    assert_int_equal(store_promise_ratings_each(c, id, collect, &t), STORE_OK);
    assert_int_equal(t.n, 5);
    assert_string_equal(t.rating[0], "not_rated");
    assert_string_equal(t.on[0], "2024-06-30");
    assert_string_equal(t.prev[2], "in_the_works");
    assert_string_equal(t.rating[2], "kept");
    assert_string_equal(t.prev[3], "kept"); /* down again */
    assert_string_equal(t.source[2], "صورتجلسه کارگروه");
    int64_t counts[PR_COUNT];
    struct promise_filter f = {0};
    assert_int_equal(store_promise_count_by_rating(c, &f, counts), STORE_OK);
    assert_int_equal(counts[PR_BROKEN], 1);
    assert_int_equal(counts[PR_NOT_RATED], 1);

    /* Audit events: two creations and four rating changes, chain intact. */
    store_stmt *st = store_prepare(c, "SELECT count(*) FROM audit_events WHERE action = 'promise.rate'");
    assert_int_equal(store_step(st), STORE_ROW);
    assert_int_equal(store_col_int(st, 0), 4);
    store_done(st);
    st = store_prepare(c, "SELECT count(*) FROM audit_events WHERE action = 'promise.create'");
    assert_int_equal(store_step(st), STORE_ROW);
    assert_int_equal(store_col_int(st, 0), 2);
    store_done(st);
    int64_t n, bad;
    assert_int_equal(store_audit_verify(c, &n, &bad), STORE_OK);
    /* The timeline is append-only. */
    assert_int_not_equal(store_exec(c, "DELETE FROM promise_ratings"), STORE_OK);
    arena_free(&a);
    store_close(s);
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(seed_article),   cmocka_unit_test(second_article),
        cmocka_unit_test(third_article),  cmocka_unit_test(attribution_after_the_words),
        cmocka_unit_test(article_intake), cmocka_unit_test(ratings_and_validation),
        cmocka_unit_test(rating_history_in_store),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
