/* extract — see extract.h for the rules. The code below follows them in order:
 * lexicons, tokens, speakers, cues, then the per-paragraph walk and the dedup. */
#include "promise/extract.h"

#include <pthread.h>
#include <stdbool.h>
#include <string.h>

#include "core/buf.h"
#include "text/fa_key.h"

/* --- tokens ----------------------------------------------------------------------- */

struct tok {
    const char *key;
    size_t start, end; /* bytes of the original text */
};

struct toks {
    struct tok *t;
    int n, cap;
    size_t base;
    arena *a;
    bool oom;
};

static int tok_cb(void *ctx, const char *tok, size_t len, size_t start, size_t end, int flags) {
    struct toks *ts = ctx;
    if (flags & FA_TOK_COLOCATED) return 0;
    if (ts->n == ts->cap) return 1; /* enough: the rest is not read */
    char *k = arena_strndup(ts->a, tok, len);
    if (!k) {
        ts->oom = true;
        return 1;
    }
    ts->t[ts->n++] = (struct tok){k, ts->base + start, ts->base + end};
    return 0;
}

/* Tokenizes text[from..to) with offsets into text. */
static int tokenize(arena *a, const char *text, size_t from, size_t to, int cap, struct toks *out) {
    out->t = arena_alloc(a, sizeof *out->t * (size_t)cap);
    out->n = 0;
    out->cap = cap;
    out->base = from;
    out->a = a;
    out->oom = !out->t;
    if (out->oom) return -1;
    fa_tokenize(text + from, to - from, 0, tok_cb, out);
    return out->oom ? -1 : 0;
}

/* --- lexicons --------------------------------------------------------------------- */

enum { PHRASE_MAX = 5 };

struct phrase {
    int n;
    const char *t[PHRASE_MAX];
};

struct lexicon {
    int n;
    struct phrase *p;
};

static int lex_build(arena *a, const char *const *words, int count, struct lexicon *lx) {
    lx->p = arena_calloc(a, (size_t)count, sizeof *lx->p);
    lx->n = 0;
    if (!lx->p) return -1;
    for (int i = 0; i < count; i++) {
        struct toks ts;
        if (tokenize(a, words[i], 0, strlen(words[i]), PHRASE_MAX, &ts) != 0) return -1;
        if (!ts.n) continue;
        struct phrase *p = &lx->p[lx->n++];
        p->n = ts.n;
        for (int k = 0; k < ts.n; k++) p->t[k] = ts.t[k].key;
    }
    return 0;
}

/* The length of the longest phrase of lx matching at t[i..n), or 0. */
static int lex_at(const struct lexicon *lx, const struct tok *t, int n, int i) {
    int best = 0;
    for (int k = 0; k < lx->n; k++) {
        const struct phrase *p = &lx->p[k];
        if (p->n <= best || i + p->n > n) continue;
        int m = 0;
        while (m < p->n && !strcmp(t[i + m].key, p->t[m])) m++;
        if (m == p->n) best = p->n;
    }
    return best;
}

/* The first index in [from, to) where a phrase of lx starts, or -1; *len its length. */
static int lex_find(const struct lexicon *lx, const struct tok *t, int from, int to, int *len) {
    for (int i = from; i < to; i++) {
        int m = lex_at(lx, t, to, i);
        if (m) {
            *len = m;
            return i;
        }
    }
    return -1;
}

#define COUNT(a) ((int)(sizeof(a) / sizeof *(a)))

static const char *const verbs_w[] = {
    "گفت", "افزود", "تصریح کرد", "اظهار داشت", "اظهار کرد", "خاطرنشان کرد", "خاطرنشان ساخت",
    "خاطر نشان کرد", "بیان کرد", "بیان داشت", "عنوان کرد", "تأکید کرد", "ادامه داد",
    "اعلام کرد", "اضافه کرد", "یادآور شد", "یادآوری کرد", "توضیح داد", "اذعان کرد", "گفته است",
};
static const char *const heads_w[] = {
    "معاون", "مدیرکل", "مدیر کل", "مدیرعامل", "مدیر عامل", "مدیر", "رئیس", "رئیس‌کل",
    "نایب رئیس", "قائم مقام", "استاندار", "فرماندار", "بخشدار", "شهردار", "وزیر", "نماینده",
    "دبیر", "سرپرست", "عضو", "دادستان", "امام جمعه", "مشاور", "یکی از پیشکسوتان",
    "پیشکسوت", "یکی از فعالان", "یکی از تولیدکنندگان", "یکی از مدیران", "تولیدکننده",
};
static const char *const pronouns_w[] = {
    "وی", "او", "ایشان", "این مقام", "این مسئول", "این مقام مسئول", "نامبرده",
};
static const char *const stops_w[] = {
    "در", "با", "نیز", "که", "از", "به", "برای", "را", "هم", "و", "این", "آن", "امروز",
    "دیروز", "طی", "ضمن", "سپس", "همچنین", "روز", "شب", "پس",
};
static const char *const office_stops_w[] = {
    "در", "با", "نیز", "که", "از", "به", "برای", "را", "هم", "امروز", "دیروز", "طی", "ضمن",
    "همچنین", "ظهر", "صبح", "عصر",
};
/* Names of three words: «حشمت الله عسگری», «سید …», «محمد جواد …». */
static const char *const compound_w[] = {"الله", "اله", "سید", "سیده", "میر", "محمد", "علی",
                                         "امیر", "ابو", "عبد"};
/* A comma inside an office that does not end it: «سازمان صنعت، معدن و تجارت». */
static const char *const office_comma_w[] = {"معدن"};
static const char *const honorific_w[] = {"دکتر", "مهندس", "حجت الاسلام", "آیت الله", "سردار"};
static const char *const cues_w[] = {
    "خواهد", "خواهند", "خواهیم", "خواهم", "نخواهد", "نخواهند", "نخواهیم",
    "در دستور کار", "در دستور کار قرار گرفت", "در دستور کار قرار دارد", "در دستور کار است",
    "در حال پیگیری", "در حال پیگیری است", "پیگیری شد", "پیگیری شده", "پیگیری می‌شود",
    "پیگیری می‌شوند", "پیگیری خواهد", "قول", "قول‌ها", "قول‌های", "قولی", "وعده", "وعده‌ها",
    "وعده‌های", "وعده‌ای", "امیدواریم", "امیدوارم", "در تلاشیم", "در تلاش هستیم",
    "در تلاش است", "تلاش می‌کنیم", "قرار است", "قرار شد", "تعهد", "تعهدات", "متعهد",
    "متعهدیم", "متعهد هستیم", "متعهد است", "متعهد شده",
    "عملیاتی می‌شود", "اجرایی می‌شود", "افتتاح می‌شود", "تکمیل می‌شود", "راه‌اندازی می‌شود",
    "احداث می‌شود",
};
/* Helpers after a future «خواهد» that belong to the cue as written. */
static const char *const aux_w[] = {"شد", "بود", "کرد", "داد", "گرفت", "رسید", "یافت", "گردید",
                                    "داشت", "رفت"};
/* A present verb promises too when a time ahead is named: «هفته آینده صادر می‌شود». */
static const char *const present_w[] = {"می‌شود", "می‌شوند", "می‌کنیم", "می‌دهیم", "می‌رسد",
                                        "می‌رسند", "می‌گیرد", "می‌کند"};
static const char *const ahead_w[] = {"آینده", "امسال", "به زودی", "بزودی", "تا پایان", "ظرف",
                                      "تا آخر", "پیش از پایان"};
static const char *const hedges_w[] = {"به نظر می‌رسد", "به نظر می‌آید", "شاید"};
static const char *const according_w[] = {"به گفته", "به اعتقاد", "از نگاه"};
static const char *const report_w[] = {"به گزارش", "بنا بر گزارش", "به نقل از"};
static const char *const context_w[] = {"گفتنی است", "لازم به ذکر است", "شایان ذکر است"};
static const char *const occasion_w[] = {"در این بازدید", "در این جلسه", "در این سفر",
                                         "در این نشست", "در این دیدار", "در این کارگروه"};

struct lexicons {
    struct lexicon verbs, heads, pronouns, stops, office_stops, compound, office_comma,
        honorific, cues, aux, present, ahead, hedges, according, report, context, occasion;
};

static int lexicons_build(arena *a, struct lexicons *L) {
    struct {
        struct lexicon *lx;
        const char *const *w;
        int n;
    } all[] = {
        {&L->verbs, verbs_w, COUNT(verbs_w)},
        {&L->heads, heads_w, COUNT(heads_w)},
        {&L->pronouns, pronouns_w, COUNT(pronouns_w)},
        {&L->stops, stops_w, COUNT(stops_w)},
        {&L->office_stops, office_stops_w, COUNT(office_stops_w)},
        {&L->compound, compound_w, COUNT(compound_w)},
        {&L->office_comma, office_comma_w, COUNT(office_comma_w)},
        {&L->honorific, honorific_w, COUNT(honorific_w)},
        {&L->cues, cues_w, COUNT(cues_w)},
        {&L->aux, aux_w, COUNT(aux_w)},
        {&L->present, present_w, COUNT(present_w)},
        {&L->ahead, ahead_w, COUNT(ahead_w)},
        {&L->hedges, hedges_w, COUNT(hedges_w)},
        {&L->according, according_w, COUNT(according_w)},
        {&L->report, report_w, COUNT(report_w)},
        {&L->context, context_w, COUNT(context_w)},
        {&L->occasion, occasion_w, COUNT(occasion_w)},
    };
    for (int i = 0; i < COUNT(all); i++)
        if (lex_build(a, all[i].w, all[i].n, all[i].lx) != 0) return -1;
    return 0;
}

/* The lexicons, keyed once per process (pthread_once) into an arena that lives as
 * long as the process; read-only afterwards, so threads share them. NULL when the
 * build ran out of memory. */
static arena lex_arena;
static struct lexicons lex_all;
static bool lex_ok;
static pthread_once_t lex_once = PTHREAD_ONCE_INIT;

static void lex_init(void) {
    arena_init(&lex_arena, 0);
    lex_ok = lexicons_build(&lex_arena, &lex_all) == 0;
}

static const struct lexicons *lexicons(void) {
    pthread_once(&lex_once, lex_init);
    return lex_ok ? &lex_all : NULL;
}

/* --- text helpers ----------------------------------------------------------------- */

/* True when text[from..to) holds a clause break: ، , : ؛ ; or a quote mark. */
static bool gap_breaks(const char *text, size_t from, size_t to) {
    for (size_t i = from; i < to; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == ',' || c == ':' || c == ';' || c == '"' || c == '(' || c == ')') return true;
        if (c == 0xD8 && i + 1 < to &&
            ((unsigned char)text[i + 1] == 0x8C || (unsigned char)text[i + 1] == 0x9B))
            return true; /* ، U+060C, ؛ U+061B */
        if (c == 0xC2 && i + 1 < to &&
            ((unsigned char)text[i + 1] == 0xAB || (unsigned char)text[i + 1] == 0xBB))
            return true; /* « » */
    }
    return false;
}

static const char *gap_find_colon(const char *text, size_t from, size_t to) {
    for (size_t i = from; i < to; i++)
        if (text[i] == ':') return text + i;
    return NULL;
}

static bool is_space_byte(const char *p, const char *end) {
    unsigned char c = (unsigned char)*p;
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return true;
    return end - p >= 3 && c == 0xE2 && (unsigned char)p[1] == 0x80 && (unsigned char)p[2] == 0x8C;
}

/* A trimmed arena copy of s[0..n). */
static char *cut(arena *a, const char *s, size_t n) {
    const char *end = s + n;
    while (s < end && is_space_byte(s, end)) s += (unsigned char)*s == 0xE2 ? 3 : 1;
    while (end > s && ((unsigned char)end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' ||
                       end[-1] == '\n'))
        end--;
    return arena_strndup(a, s, (size_t)(end - s));
}

/* The search key of s, in the arena ("" on failure). */
static const char *key_of(arena *a, const char *s) {
    buf b;
    buf_init(&b, 1 << 16);
    const char *k = fa_key(s, strlen(s), &b) == 0 && b.data ? arena_strdup(a, b.data) : "";
    buf_free(&b);
    return k ? k : "";
}

/* --- people ----------------------------------------------------------------------- */

struct person {
    const char *name, *office, *name_key, *office_key, *last_key;
};

struct walk {
    arena *a;
    const char *text;
    const struct lexicons *L;
    struct person people[EXTRACT_MAX_PEOPLE];
    int npeople;
    int lead, last; /* person indexes, -1 when none */
    int noffices;
    const char *offices[EXTRACT_MAX_PEOPLE], *office_keys[EXTRACT_MAX_PEOPLE];
};

/* The key of a name without spaces: «حشمت‌الله» and «حشمت الله» are one person. */
static const char *name_key(arena *a, const char *name) {
    const char *k = key_of(a, name);
    char *out = arena_strdup(a, k);
    if (!out) return "";
    char *o = out;
    for (const char *r = k; *r; r++)
        if (*r != ' ') *o++ = *r;
    *o = 0;
    return out;
}

static int person_add(struct walk *w, const char *name, const char *office, const char *last_key) {
    const char *nk = name_key(w->a, name);
    const char *ok = key_of(w->a, office);
    for (int i = 0; i < w->npeople; i++) {
        struct person *p = &w->people[i];
        bool same = *nk ? !strcmp(p->name_key, nk) : (!*p->name_key && !strcmp(p->office_key, ok));
        if (!same) continue;
        if (!*p->office && *office) {
            p->office = office;
            p->office_key = ok;
        }
        return i;
    }
    if (w->npeople == EXTRACT_MAX_PEOPLE) return -1;
    w->people[w->npeople] = (struct person){name, office, nk, ok, last_key};
    return w->npeople++;
}

/* The office starting at the head t[h..h+len): the head and the words after it up
 * to a break or a stop word (at most ten words), before t[to]. *end (when not
 * NULL) gets the index after its last word. */
static const char *office_at(struct walk *w, const struct tok *t, int h, int len, int to,
                             int *end) {
    const struct lexicons *L = w->L;
    int e = h + len;
    while (e < to && e - h < 10 && !lex_at(&L->office_stops, t, to, e) &&
           !lex_at(&L->verbs, t, to, e) &&
           (!gap_breaks(w->text, t[e - 1].end, t[e].start) || lex_at(&L->office_comma, t, to, e)))
        e++;
    if (end) *end = e;
    return cut(w->a, w->text + t[h].start, t[e - 1].end - t[h].start);
}

/* Notes every office the sentence t[0..n) names, speaker or not (deduplicated by
 * key; heads that are common words, like «عضو», need two words to count). */
static void note_offices(struct walk *w, const struct tok *t, int n) {
    int len;
    for (int i = 0; i < n && w->noffices < EXTRACT_MAX_PEOPLE;) {
        int h = lex_find(&w->L->heads, t, i, n, &len);
        if (h < 0) break;
        int e;
        const char *office = office_at(w, t, h, len, n, &e);
        const char *key = key_of(w->a, office);
        bool seen = !office || !strchr(office, ' ');
        for (int k = 0; k < w->noffices && !seen; k++) seen = !strcmp(w->office_keys[k], key);
        if (!seen) {
            w->office_keys[w->noffices] = key;
            w->offices[w->noffices++] = office;
        }
        i = e;
    }
}

/* Who speaks in the clause t[from..to) before a speech verb; *attr says how. */
static int resolve_speaker(struct walk *w, const struct tok *t, int from, int to,
                           const char **attr) {
    const struct lexicons *L = w->L;
    int len;
    if (from < to && lex_at(&L->pronouns, t, to, from)) {
        *attr = "pronoun";
        return w->last;
    }
    int h = lex_find(&L->heads, t, from, to, &len);
    if (h >= 0) {
        const char *office = office_at(w, t, h, len, to, NULL);
        /* The name: up to three words before the head, not across a break. */
        int j = h;
        while (j > from && h - j < 3 && !lex_at(&L->stops, t, to, j - 1) &&
               !gap_breaks(w->text, t[j - 1].end, t[j].start))
            j--;
        if (h - j == 3 && !lex_at(&L->compound, t, to, h - 2) && !lex_at(&L->compound, t, to, j))
            j++;
        if (j < h && lex_at(&L->honorific, t, to, j)) j += lex_at(&L->honorific, t, to, j);
        if (h - j >= 2 || (h - j == 1 && j == from)) {
            const char *name = cut(w->a, w->text + t[j].start, t[h - 1].end - t[j].start);
            *attr = "explicit";
            return person_add(w, name, office, t[h - 1].key);
        }
        /* An office without a name: the person already named with it, if any. */
        const char *ok = key_of(w->a, office);
        for (int i = 0; i < w->npeople; i++) {
            if (*w->people[i].name && !strcmp(w->people[i].office_key, ok)) {
                *attr = "explicit";
                return i;
            }
        }
        *attr = "explicit";
        return person_add(w, "", office, "");
    }
    for (int k = from; k < to && k < from + 2; k++) {
        for (int i = 0; i < w->npeople; i++) {
            if (*w->people[i].last_key && !strcmp(w->people[i].last_key, t[k].key)) {
                *attr = "surname";
                return i;
            }
        }
    }
    *attr = "none";
    return -1;
}

/* --- candidates ------------------------------------------------------------------- */

struct cand {
    int person;
    const char *text, *cue, *attribution;
    int paragraph;
    bool headline, dropped;
};

struct cands {
    struct cand c[EXTRACT_MAX_CANDIDATES];
    int n;
};

/* The cue in t[from..n) as written, or NULL. */
static const char *find_cue(struct walk *w, const struct tok *t, int from, int n) {
    int len;
    int i = lex_find(&w->L->cues, t, from, n, &len);
    if (i < 0 && lex_find(&w->L->ahead, t, from, n, &len) >= 0)
        i = lex_find(&w->L->present, t, from, n, &len);
    if (i < 0) return NULL;
    int e = i + len;
    if (len == 1 && e < n && lex_at(&w->L->aux, t, n, e)) e++; /* «خواهند شد» */
    return cut(w->a, w->text + t[i].start, t[e - 1].end - t[i].start);
}

static void cand_add(struct cands *cs, int person, const char *text, const char *cue,
                     const char *attribution, int paragraph, bool headline) {
    if (cs->n == EXTRACT_MAX_CANDIDATES || !text || !*text) return;
    cs->c[cs->n++] = (struct cand){person, text, cue, attribution, paragraph, headline, false};
}

/* The end of the sentence starting at from: after . ! ? ؟ (a '.' between digits is
 * a decimal point), or to. */
static size_t sentence_end(const char *text, size_t from, size_t to) {
    for (size_t i = from; i < to; i++) {
        unsigned char c = (unsigned char)text[i];
        bool stop = c == '!' || c == '?' ||
                    (c == 0xD8 && i + 1 < to && (unsigned char)text[i + 1] == 0x9F);
        if (c == '.') {
            bool digit_before = i > from && text[i - 1] >= '0' && text[i - 1] <= '9';
            bool digit_after = i + 1 < to && text[i + 1] >= '0' && text[i + 1] <= '9';
            stop = !(digit_before && digit_after);
        }
        if (stop) {
            size_t e = i + (c == 0xD8 ? 2 : 1);
            /* A closing quote after the stop belongs to the sentence: «… شد.» */
            if (e + 1 < to && (unsigned char)text[e] == 0xC2 && (unsigned char)text[e + 1] == 0xBB)
                e += 2;
            return e;
        }
    }
    return to;
}

static bool ends_sentence(const char *text, size_t from, size_t to) {
    while (to > from && (text[to - 1] == ' ' || text[to - 1] == '\r' || text[to - 1] == '\t')) to--;
    return to > from && text[to - 1] == '.';
}

/* The index of a speech verb followed by ':' (or «که») in t[from..min(n,from+40)),
 * or -1; *len its length and *speech where the words start. end: the byte where
 * the tokenized range ends. */
static int find_speech_verb(struct walk *w, const struct tok *t, int from, int n, size_t end,
                            int *len, size_t *speech) {
    int limit = n < from + 40 ? n : from + 40;
    for (int i = from; i < limit; i++) {
        int m = lex_at(&w->L->verbs, t, n, i);
        if (!m) continue;
        int e = i + m;
        size_t gap_to = e < n ? t[e].start : end;
        const char *colon = gap_find_colon(w->text, t[e - 1].end, gap_to);
        if (colon) {
            *len = m;
            *speech = (size_t)(colon + 1 - w->text);
            return i;
        }
        if (e < n && !strcmp(t[e].key, "که")) {
            *len = m;
            *speech = t[e].end;
            return i;
        }
    }
    return -1;
}

struct para_state {
    int speaker;
    const char *attr;
};

/* A speaker named in the paragraph: later sentences, «وی» and sub-headings above
 * may refer to them. */
static void note_speaker(struct walk *w, struct para_state *ps, int *first_speaker, int who) {
    ps->speaker = who;
    ps->attr = "continued";
    w->last = who;
    if (w->lead < 0 && *w->people[who].name) w->lead = who;
    if (*first_speaker < 0) *first_speaker = who;
}

/* The index of a speech verb that ends the sentence t[from..n) («… گفت.»), or -1. */
static int trailing_verb(struct walk *w, const struct tok *t, int from, int n) {
    for (int m = 1; m <= 3 && n - m > from; m++)
        if (lex_at(&w->L->verbs, t, n, n - m) == m) return n - m;
    return -1;
}

static void walk_sentence(struct walk *w, struct cands *cs, size_t from, size_t to, int pi,
                          struct para_state *ps, int *first_speaker) {
    struct toks ts;
    if (tokenize(w->a, w->text, from, to, EXTRACT_MAX_TOKENS, &ts) != 0 || !ts.n) return;
    const struct tok *t = ts.t;
    int n = ts.n, s0 = 0, len;
    size_t start = from;
    note_offices(w, t, n);
    if (lex_at(&w->L->report, t, n, 0)) {
        /* «به گزارش …،» reports who published: skip it to the first break. */
        s0 = 1;
        while (s0 < n && !gap_breaks(w->text, t[s0 - 1].end, t[s0].start)) s0++;
        if (s0 >= n) return;
        start = t[s0].start;
    }
    bool context = false;
    if ((len = lex_at(&w->L->context, t, n, s0))) {
        context = true;
        s0 += len;
        if (s0 >= n) return;
        start = t[s0].start;
    }
    if (lex_find(&w->L->occasion, t, s0, n < s0 + 8 ? n : s0 + 8, &len) >= 0) context = true;

    size_t speech;
    int v = find_speech_verb(w, t, s0, n, to, &len, &speech);
    int speaker = -1, ss = s0, e = n, k = -1;
    const char *attr = "none";
    int acc = v < 0 ? lex_at(&w->L->according, t, n, s0) : 0;
    if (acc) { /* «به گفته NAME OFFICE، …»: the words follow the first break */
        for (k = s0 + acc + 1; k < n && !gap_breaks(w->text, t[k - 1].end, t[k].start); k++) {}
        if (k >= n) acc = 0;
    }
    int tv = v < 0 && !acc ? trailing_verb(w, t, s0, n) : -1, b = tv;
    int trailing = -1;
    if (tv >= 0) { /* «… خواهد شد، NAME OFFICE گفت.» or «این را وی گفت.» */
        while (b > s0 && !gap_breaks(w->text, t[b - 1].end, t[b].start)) b--;
        trailing = resolve_speaker(w, t, b, tv, &attr);
    }
    if (acc) {
        speaker = resolve_speaker(w, t, s0 + acc, k, &attr);
        if (speaker >= 0) note_speaker(w, ps, first_speaker, speaker);
        start = t[k].start;
        ss = k;
    } else if (trailing >= 0) {
        note_speaker(w, ps, first_speaker, trailing);
        struct cand *prev = cs->n ? &cs->c[cs->n - 1] : NULL;
        if (b == s0) { /* the whole sentence attributes: the words were before it */
            if (prev && prev->paragraph == pi && prev->person < 0) {
                prev->person = trailing;
                prev->attribution = "trailing";
            }
            return;
        }
        speaker = trailing;
        attr = "trailing";
        e = b;
    } else if (v >= 0) {
        speaker = resolve_speaker(w, t, s0, v, &attr);
        if (speaker >= 0) note_speaker(w, ps, first_speaker, speaker);
        start = speech;
        ss = v + len;
        while (ss < n && t[ss].start < speech) ss++;
    } else if (context) {
        speaker = w->lead;
        attr = "context";
        ps->speaker = w->lead;
        ps->attr = "context";
    } else if (ps->speaker >= 0) {
        speaker = ps->speaker;
        attr = ps->attr;
    }
    if (lex_find(&w->L->hedges, t, ss, e, &len) >= 0) return;
    const char *cue = find_cue(w, t, ss, e);
    if (!cue) return;
    size_t end = e < n ? t[e - 1].end : to;
    cand_add(cs, speaker, cut(w->a, w->text + start, end - start), cue,
             speaker >= 0 ? attr : "none", pi, false);
}

/* --- dedup ------------------------------------------------------------------------ */

struct bag {
    int n;
    const char **k;
    const char *whole;
};

static void bag_of(struct walk *w, const char *text, struct bag *b) {
    struct toks ts;
    b->n = 0;
    b->k = NULL;
    b->whole = key_of(w->a, text);
    if (tokenize(w->a, text, 0, strlen(text), EXTRACT_MAX_TOKENS, &ts) != 0) return;
    b->k = arena_alloc(w->a, sizeof *b->k * (size_t)(ts.n ? ts.n : 1));
    if (!b->k) return;
    for (int i = 0; i < ts.n; i++) {
        if (lex_at(&w->L->stops, ts.t, ts.n, i) || lex_at(&w->L->cues, ts.t, ts.n, i)) continue;
        b->k[b->n++] = ts.t[i].key;
    }
}

static double contained(const struct bag *a, const struct bag *b) {
    if (!a->n) return 0;
    int hit = 0;
    for (int i = 0; i < a->n; i++)
        for (int j = 0; j < b->n; j++)
            if (!strcmp(a->k[i], b->k[j])) {
                hit++;
                break;
            }
    return (double)hit / a->n;
}

static void dedup(struct walk *w, struct cands *cs) {
    struct bag *bags = arena_calloc(w->a, (size_t)(cs->n ? cs->n : 1), sizeof *bags);
    if (!bags) return;
    for (int i = 0; i < cs->n; i++) bag_of(w, cs->c[i].text, &bags[i]);
    for (int i = 0; i < cs->n; i++) {
        for (int j = 0; j < cs->n && !cs->c[i].dropped; j++) {
            if (i == j || cs->c[j].dropped) continue;
            bool same = !strcmp(bags[i].whole, bags[j].whole);
            if (same && j < i) cs->c[i].dropped = true;
            if (!same && bags[i].n < bags[j].n && contained(&bags[i], &bags[j]) >= 0.75)
                cs->c[i].dropped = true;
        }
    }
}

/* --- the walk --------------------------------------------------------------------- */

int promise_extract(const char *text, size_t len, arena *a, struct extract_result *out) {
    memset(out, 0, sizeof *out);
    out->title = "";
    struct walk *w = arena_calloc(a, 1, sizeof *w);
    struct cands *cs = arena_calloc(a, 1, sizeof *cs);
    if (!w || !cs) return -1;
    w->a = a;
    w->text = arena_strndup(a, text, len); /* NUL-terminated copy: offsets index it */
    w->lead = w->last = -1;
    w->L = lexicons();
    if (!w->text || !w->L) return -1;

    int npara = 0;
    for (size_t i = 0; i < len; i++) npara += text[i] == '\n';
    int *first = arena_alloc(a, sizeof *first * (size_t)(npara + 2));
    if (!first) return -1;
    buf title;
    buf_init(&title, 4096);
    bool in_title = true;
    int pi = 0;
    for (size_t p = 0; p < len; pi++) {
        const char *nl = memchr(w->text + p, '\n', len - p);
        size_t pe = nl ? (size_t)(nl - w->text) : len;
        first[pi] = -1;
        struct toks ts;
        if (tokenize(a, w->text, p, pe, 64, &ts) != 0) {
            buf_free(&title);
            return -1;
        }
        if (ts.n) {
            int vl;
            size_t sp;
            bool has_verb = find_speech_verb(w, ts.t, 0, ts.n, pe, &vl, &sp) >= 0;
            bool is_short = ts.n <= 20 && !ends_sentence(w->text, p, pe) && !has_verb;
            if (is_short) note_offices(w, ts.t, ts.n);
            if (in_title && is_short) {
                if (title.len) buf_puts(&title, " — ");
                buf_append(&title, w->text + ts.t[0].start, ts.t[ts.n - 1].end - ts.t[0].start);
            } else if (is_short) {
                const char *cue = find_cue(w, ts.t, 0, ts.n);
                if (cue) cand_add(cs, -1, cut(a, w->text + p, pe - p), cue, "headline", pi, true);
            } else {
                in_title = false;
                struct para_state ps = {-1, NULL};
                for (size_t s = p; s < pe;) {
                    size_t e = sentence_end(w->text, s, pe);
                    walk_sentence(w, cs, s, e, pi, &ps, &first[pi]);
                    s = e;
                }
            }
        }
        p = pe + 1;
    }
    if (title.data) out->title = arena_strdup(a, title.data);
    buf_free(&title);

    /* A sub-heading goes with the speaker of the paragraphs under it. */
    for (int i = 0; i < cs->n; i++) {
        struct cand *c = &cs->c[i];
        if (!c->headline) continue;
        c->person = w->lead;
        for (int k = c->paragraph + 1; k < pi; k++)
            if (first[k] >= 0) {
                c->person = first[k];
                break;
            }
    }
    dedup(w, cs);

    for (int i = 0; i < cs->n; i++) {
        const struct cand *c = &cs->c[i];
        if (c->dropped) continue;
        struct extract_candidate *o = &out->c[out->n++];
        const struct person *p = c->person >= 0 ? &w->people[c->person] : NULL;
        o->speaker = p && *p->name ? p->name : NULL;
        o->office = p && *p->office ? p->office : NULL;
        o->text = c->text;
        o->cue = c->cue;
        o->attribution = p ? c->attribution : "none";
        o->paragraph = c->paragraph;
    }
    for (int i = 0; i < w->npeople; i++) {
        const struct person *p = &w->people[i];
        if (*p->name) out->people[out->npeople++] = (struct extract_person){p->name, p->office};
    }
    for (int i = 0; i < w->noffices; i++) out->offices[out->noffices++] = w->offices[i];
    return 0;
}
