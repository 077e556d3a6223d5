/* import — see import.h.
 *
 * Header names and county names are compared by search key with the spaces taken
 * out (fa_key), computed once per header cell and once per distinct county text (a
 * small cache of the last texts seen, since a file repeats a handful of counties).
 * The "seen" set is an open-addressing table of 64-bit keys (the national ID's
 * digits with its length, or a hash of a zone's county and name key) with the line
 * of the first occurrence, so a duplicate says where the first one is. */
#include "registry/import.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "text/fa_key.h"
#include "text/fa_num.h"

/* --- field names ---------------------------------------------------------------- */

struct alias {
    const char *field;
    const char *names[5]; /* the first is the Persian column name of exports */
};

static const struct alias unit_aliases[] = {
    {"national_id", {"شناسه ملی", "کد ملی", "شناسه ملی یا کد ملی", "شناسه", NULL}},
    {"name", {"نام واحد", "نام", "نام واحد تولیدی", NULL}},
    {"business_id", {"شناسه کسب‌وکار", "کد کسب‌وکار", NULL}},
    {"licence_kind", {"نوع مجوز", "مجوز", NULL}},
    {"licence_no", {"شماره مجوز", "شماره پروانه", NULL}},
    {"isic", {"کد آیسیک", "آیسیک", "کد فعالیت", "ISIC", NULL}},
    {"employees", {"تعداد کارکنان", "کارکنان", "تعداد کارگران", "شاغلان", NULL}},
    {"state", {"وضعیت", "وضعیت فعالیت", NULL}},
    {"lat", {"عرض جغرافیایی", "عرض", "latitude", NULL}},
    {"lon", {"طول جغرافیایی", "طول", "longitude", "lng", NULL}},
    {"address", {"نشانی", "آدرس", NULL}},
    {"postal_code", {"کد پستی", NULL}},
    {"county", {"شهرستان", NULL}},
    {"zone_id", {"شناسه محدوده", "کد محدوده", NULL}},
    {"contact_name", {"نام رابط", "رابط", "نام مسئول", NULL}},
    {"phone", {"تلفن", "شماره تلفن", "تلفن تماس", NULL}},
};

static const struct alias zone_aliases[] = {
    {"kind", {"نوع محدوده", "نوع", NULL}},
    {"name", {"نام محدوده", "نام", NULL}},
    {"county", {"شهرستان", NULL}},
    {"lat", {"عرض جغرافیایی", "عرض", "latitude", NULL}},
    {"lon", {"طول جغرافیایی", "طول", "longitude", NULL}},
    {"area_ha", {"مساحت (هکتار)", "مساحت", "هکتار", NULL}},
    {"stage", {"مرحله تبدیل", "مرحله", NULL}},
    {"stage_date", {"تاریخ مرحله", NULL}},
    {"notes", {"توضیحات", NULL}},
    {"water", {"آب", NULL}},
    {"electricity", {"برق", NULL}},
    {"gas", {"گاز", NULL}},
    {"telecom", {"مخابرات", NULL}},
    {"road", {"راه دسترسی", "راه", NULL}},
    {"sewage", {"فاضلاب", NULL}},
};

/* Columns our exports add for people; an import reads past them silently. */
static const char *const informative[] = {"محدوده", "zone", "بخش", "sector", "عنوان فعالیت",
                                          "isic_title", "id", "ردیف", "نوع شناسه", "id_kind",
                                          "version", "created_at", "updated_at", "واحدها",
                                          "units", NULL};

const char *const *import_fields(enum import_kind kind) {
    return kind == IMPORT_UNITS ? unit_fields : zone_import_fields;
}

static const struct alias *aliases(enum import_kind kind, size_t *n) {
    if (kind == IMPORT_UNITS) {
        *n = sizeof unit_aliases / sizeof *unit_aliases;
        return unit_aliases;
    }
    *n = sizeof zone_aliases / sizeof *zone_aliases;
    return zone_aliases;
}

const char *import_field_label(enum import_kind kind, const char *field) {
    size_t n;
    const struct alias *a = aliases(kind, &n);
    for (size_t i = 0; i < n; i++)
        if (!strcmp(a[i].field, field)) return a[i].names[0];
    return field;
}

/* The search key with spaces removed, into out (cut at cap). */
static void name_key(const char *s, char *out, size_t cap) {
    buf b;
    buf_init(&b, 4096);
    fa_key(s, strlen(s), &b);
    size_t o = 0;
    for (size_t i = 0; i < b.len && o + 1 < cap; i++)
        if (b.data[i] != ' ' && b.data[i] != '_') out[o++] = b.data[i];
    out[o] = 0;
    buf_free(&b);
}

static int field_index(enum import_kind kind, const char *field) {
    const char *const *f = import_fields(kind);
    for (int i = 0; f[i]; i++)
        if (!strcmp(f[i], field)) return i;
    return -1;
}

/* A count in Persian digits, for the Persian messages. */
static const char *fa_n(long v, char out[32]) {
    if (fa_num_format_i64(v, out, 32) != 0) snprintf(out, 32, "%ld", v);
    return out;
}

/* --- the report ------------------------------------------------------------------- */

void import_report_init(struct import_report *r) { memset(r, 0, sizeof *r); }
void import_report_free(struct import_report *r) {
    free(r->items);
    memset(r, 0, sizeof *r);
}

void import_report_add(struct import_report *r, unsigned long line, const char *column,
                       const char *fa, const char *en) {
    r->total++;
    if (r->n >= IMPORT_MAX_PROBLEMS) return;
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 16;
        struct import_problem *p = realloc(r->items, cap * sizeof *p);
        if (!p) return;
        r->items = p;
        r->cap = cap;
    }
    struct import_problem *p = &r->items[r->n++];
    p->line = line;
    utf8_copy(p->column, sizeof p->column, column ? column : "");
    utf8_copy(p->fa, sizeof p->fa, fa ? fa : "");
    utf8_copy(p->en, sizeof p->en, en ? en : "");
}

static void note(struct import_report *r, const char *col) {
    size_t l = strlen(r->notes), lf = strlen(r->notes_fa);
    if (l + strlen(col) + 4 < sizeof r->notes)
        snprintf(r->notes + l, sizeof r->notes - l, "%s\"%s\"", l ? ", " : "", col);
    if (lf + strlen(col) + 8 < sizeof r->notes_fa)
        snprintf(r->notes_fa + lf, sizeof r->notes_fa - lf, "%s«%s»", lf ? "، " : "", col);
}

/* --- reference data ---------------------------------------------------------------- */

enum { MAX_COUNTIES = 512, COUNTY_CACHE = 16 };

struct import_refs {
    int ncounties;
    struct {
        int64_t id;
        char key[128];
    } counties[MAX_COUNTIES];
    unsigned char isic[10000];
    int64_t *zones;
    size_t nzones, zones_cap;
    struct {
        char text[128];
        int64_t id; /* 0 unknown */
    } cache[COUNTY_CACHE];
    int cache_next;
};

struct import_refs *import_refs_new(void) { return calloc(1, sizeof(struct import_refs)); }
void import_refs_free(struct import_refs *refs) {
    if (!refs) return;
    free(refs->zones);
    free(refs);
}

int import_refs_add_county(struct import_refs *refs, int64_t id, const char *name) {
    if (refs->ncounties >= MAX_COUNTIES) return -1;
    refs->counties[refs->ncounties].id = id;
    name_key(name, refs->counties[refs->ncounties].key, sizeof refs->counties[0].key);
    refs->ncounties++;
    return 0;
}

void import_refs_add_isic(struct import_refs *refs, const char *code) {
    if (strlen(code) != 4) return;
    int v = 0;
    for (int i = 0; i < 4; i++) {
        if (code[i] < '0' || code[i] > '9') return;
        v = v * 10 + code[i] - '0';
    }
    refs->isic[v] = 1;
}

int import_refs_add_zone(struct import_refs *refs, int64_t id) {
    if (refs->nzones == refs->zones_cap) {
        size_t cap = refs->zones_cap ? refs->zones_cap * 2 : 64;
        int64_t *z = realloc(refs->zones, cap * sizeof *z);
        if (!z) return -1;
        refs->zones = z;
        refs->zones_cap = cap;
    }
    refs->zones[refs->nzones++] = id;
    return 0;
}

static int cmp_i64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

void import_refs_ready(struct import_refs *refs) {
    if (refs->nzones) qsort(refs->zones, refs->nzones, sizeof *refs->zones, cmp_i64);
}

static bool zone_exists(const struct import_refs *refs, int64_t id) {
    return refs->nzones && bsearch(&id, refs->zones, refs->nzones, sizeof id, cmp_i64);
}

static int64_t county_lookup(struct import_refs *refs, const char *text) {
    if (strlen(text) < sizeof refs->cache[0].text)
        for (int i = 0; i < COUNTY_CACHE; i++)
            if (refs->cache[i].text[0] && !strcmp(refs->cache[i].text, text))
                return refs->cache[i].id;
    char key[128];
    name_key(text, key, sizeof key);
    int64_t id = 0;
    for (int i = 0; key[0] && i < refs->ncounties; i++)
        if (!strcmp(refs->counties[i].key, key)) {
            id = refs->counties[i].id;
            break;
        }
    if (strlen(text) < sizeof refs->cache[0].text) {
        int k = refs->cache_next++ % COUNTY_CACHE;
        snprintf(refs->cache[k].text, sizeof refs->cache[k].text, "%s", text);
        refs->cache[k].id = id;
    }
    return id;
}

/* --- the header ------------------------------------------------------------------- */

static void trim_copy(char *dst, size_t cap, const char *s) {
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        n--;
    n = utf8_prefix_len(s, n, cap - 1); /* never half a character */
    memcpy(dst, s, n);
    dst[n] = 0;
}

static int match_field(enum import_kind kind, const char *key) {
    size_t na;
    const struct alias *a = aliases(kind, &na);
    char k[128];
    for (size_t i = 0; i < na; i++) {
        name_key(a[i].field, k, sizeof k);
        if (!strcmp(k, key)) return field_index(kind, a[i].field);
        for (int j = 0; j < 5 && a[i].names[j]; j++) {
            name_key(a[i].names[j], k, sizeof k);
            if (!strcmp(k, key)) return field_index(kind, a[i].field);
        }
    }
    return -1;
}

static bool is_informative(const char *key) {
    char k[128];
    for (int i = 0; informative[i]; i++) {
        name_key(informative[i], k, sizeof k);
        if (!strcmp(k, key)) return true;
    }
    return false;
}

int import_map_header(struct import_map *m, enum import_kind kind, const char *const *cells,
                      size_t n, struct import_report *rep) {
    memset(m, 0, sizeof *m);
    m->kind = kind;
    for (int i = 0; i < IMPORT_FIELDS_MAX; i++) m->col_of_field[i] = -1;
    if (n > IMPORT_MAX_COLUMNS) {
        char en[96];
        snprintf(en, sizeof en, "the header has %zu columns; at most %d are read", n,
                 IMPORT_MAX_COLUMNS);
        import_report_add(rep, 1, NULL, "سطر عنوان بیش از ۶۴ ستون دارد.", en);
        return -1;
    }
    m->ncols = n;
    int bad = 0;
    for (size_t c = 0; c < n; c++) {
        trim_copy(m->header[c], sizeof m->header[c], cells[c]);
        char key[128];
        name_key(m->header[c], key, sizeof key);
        int f = key[0] ? match_field(kind, key) : -1;
        m->field_of_col[c] = f;
        if (f < 0) {
            if (key[0] && !is_informative(key)) note(rep, m->header[c]);
            continue;
        }
        if (m->col_of_field[f] >= 0) {
            char fa[320], en[240];
            char n1[32], n2[32];
            snprintf(fa, sizeof fa, "ستون «%s» دو بار آمده است (ستون‌های %s و %s).",
                     m->header[c], fa_n(m->col_of_field[f] + 1, n1), fa_n((long)c + 1, n2));
            snprintf(en, sizeof en, "column \"%s\" appears twice (columns %zu and %zu)",
                     import_fields(kind)[f], (size_t)m->col_of_field[f] + 1, c + 1);
            import_report_add(rep, 1, m->header[c], fa, en);
            bad = 1;
            continue;
        }
        m->col_of_field[f] = (int)c;
    }
    static const char *const unit_required[] = {"national_id", "name", NULL};
    static const char *const zone_required[] = {"kind", "name", "county", NULL};
    const char *const *req = kind == IMPORT_UNITS ? unit_required : zone_required;
    for (int i = 0; req[i]; i++) {
        int f = field_index(kind, req[i]);
        if (m->col_of_field[f] >= 0) continue;
        char fa[320], en[240];
        snprintf(fa, sizeof fa, "ستون «%s» در سطر عنوان نیست؛ این ستون لازم است.",
                 import_field_label(kind, req[i]));
        snprintf(en, sizeof en, "required column \"%s\" (%s) is missing from the header", req[i],
                 import_field_label(kind, req[i]));
        import_report_add(rep, 1, NULL, fa, en);
        bad = 1;
    }
    return bad ? -1 : 0;
}

/* --- the seen set ------------------------------------------------------------------- */

struct import_seen {
    uint64_t *keys; /* 0 = empty */
    uint32_t *lines;
    size_t cap, n;
};

struct import_seen *import_seen_new(void) { return calloc(1, sizeof(struct import_seen)); }
void import_seen_free(struct import_seen *s) {
    if (!s) return;
    free(s->keys);
    free(s->lines);
    free(s);
}

static uint64_t mix(uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return k;
}

static int seen_grow(struct import_seen *s) {
    size_t cap = s->cap ? s->cap * 2 : 4096;
    uint64_t *keys = calloc(cap, sizeof *keys);
    uint32_t *lines = calloc(cap, sizeof *lines);
    if (!keys || !lines) {
        free(keys);
        free(lines);
        return -1;
    }
    for (size_t i = 0; i < s->cap; i++) {
        if (!s->keys[i]) continue;
        size_t j = mix(s->keys[i]) & (cap - 1);
        while (keys[j]) j = (j + 1) & (cap - 1);
        keys[j] = s->keys[i];
        lines[j] = s->lines[i];
    }
    free(s->keys);
    free(s->lines);
    s->keys = keys;
    s->lines = lines;
    s->cap = cap;
    return 0;
}

/* Returns the line of an earlier occurrence of key, or 0 after recording it. */
static unsigned long seen_check(struct import_seen *s, uint64_t key, unsigned long line) {
    if (!key) key = 1;
    if ((s->n + 1) * 2 > s->cap && seen_grow(s) != 0) return 0;
    size_t j = mix(key) & (s->cap - 1);
    while (s->keys[j]) {
        if (s->keys[j] == key) return s->lines[j];
        j = (j + 1) & (s->cap - 1);
    }
    s->keys[j] = key;
    s->lines[j] = (uint32_t)(line > UINT32_MAX ? UINT32_MAX : line);
    s->n++;
    return 0;
}

/* --- rows ------------------------------------------------------------------------------ */

struct getter_ctx {
    const struct import_map *m;
    const struct import_row *row;
    char padded[12];
};

/* Spreadsheets store a national code as a number and drop its leading zeros
 * ("0040002221" → 40002221): 8 or 9 plain digits get them back (the checksum
 * still decides whether the result is a valid code). */
static const char *pad_national_code(struct getter_ctx *g, const char *v) {
    size_t n = strlen(v);
    if (n < 8 || n > 9) return v;
    for (size_t i = 0; i < n; i++)
        if (v[i] < '0' || v[i] > '9') return v;
    memset(g->padded, '0', 10 - n);
    memcpy(g->padded + 10 - n, v, n + 1);
    return g->padded;
}

static const char *get_cell(void *arg, const char *field) {
    struct getter_ctx *g = arg;
    int f = field_index(g->m->kind, field);
    if (f < 0) return NULL;
    int c = g->m->col_of_field[f];
    if (c < 0 || (size_t)c >= g->row->n) return NULL;
    const char *v = g->row->cells[c];
    /* Our CSV export marks text starting with = + - @ with an apostrophe (formula
     * injection guard, io/csv_write); take it off again. */
    if (v[0] == '\'' && (v[1] == '=' || v[1] == '+' || v[1] == '-' || v[1] == '@')) v++;
    if (g->m->kind == IMPORT_UNITS && !strcmp(field, "national_id")) v = pad_national_code(g, v);
    return v;
}

bool import_row_blank(const struct import_row *row) {
    for (size_t i = 0; i < row->n; i++)
        for (const char *p = row->cells[i]; *p; p++)
            if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n') return false;
    return true;
}

static const char *column_of(const struct import_map *m, const char *field) {
    int f = field_index(m->kind, field);
    if (f < 0 || m->col_of_field[f] < 0) return NULL;
    return m->header[m->col_of_field[f]];
}

static void report_fields(const struct import_map *m, const struct field_errors *errs,
                          unsigned long line, struct import_report *rep) {
    for (int i = 0; i < errs->n; i++) {
        const char *col = column_of(m, errs->e[i].field);
        char en[240];
        snprintf(en, sizeof en, "%s: %s", errs->e[i].field, errs->e[i].en);
        import_report_add(rep, line, col ? col : import_field_label(m->kind, errs->e[i].field),
                          errs->e[i].fa, en);
    }
}

static bool check_width(const struct import_map *m, const struct import_row *row,
                        struct import_report *rep) {
    if (!row->strict_width || row->n == m->ncols) return true;
    char fa[320], en[240];
    char n1[32], n2[32];
    snprintf(fa, sizeof fa, "این سطر %s ستون دارد ولی سطر عنوان %s ستون.", fa_n((long)row->n, n1),
             fa_n((long)m->ncols, n2));
    snprintf(en, sizeof en, "the row has %zu fields; the header has %zu", row->n, m->ncols);
    import_report_add(rep, row->line, NULL, fa, en);
    return false;
}

static uint64_t id_key(const char *digits) {
    uint64_t v = 0;
    size_t n = 0;
    for (; digits[n]; n++) v = v * 10 + (uint64_t)(digits[n] - '0');
    return v * 2 + (n == 11);
}

static void duplicate(const struct import_map *m, const char *field, unsigned long first,
                      const struct import_row *row, struct import_report *rep) {
    char fa[320], en[240], n1[32];
    if (m->kind == IMPORT_UNITS) {
        snprintf(fa, sizeof fa, "این شناسه ملی پیش‌تر در سطر %s آمده است.", fa_n((long)first, n1));
        snprintf(en, sizeof en, "national_id: duplicate of line %lu", first);
    } else {
        snprintf(fa, sizeof fa, "محدوده‌ای با همین نام و شهرستان پیش‌تر در سطر %s آمده است.",
                 fa_n((long)first, n1));
        snprintf(en, sizeof en, "name: the same zone (county and name) is on line %lu", first);
    }
    const char *col = column_of(m, field);
    import_report_add(rep, row->line, col, fa, en);
}

static void unknown_county(const struct import_map *m, const char *text, unsigned long line,
                           struct import_report *rep) {
    char fa[320], en[240];
    int shown = (int)utf8_prefix_len(text, strlen(text), 120); /* whole characters */
    snprintf(fa, sizeof fa, "شهرستان «%.*s» در فهرست شهرستان‌های استان نیست.", shown, text);
    snprintf(en, sizeof en, "county: unknown county \"%.*s\"", shown, text);
    import_report_add(rep, line, column_of(m, "county"), fa, en);
}

static int isic_index(const char *s) {
    return (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
}

/* The steps every row kind shares: the width check, then the kind's own
 * validation through the getter, its field errors reported; *ok says whether the
 * row is clean so far. Returns false when the row was rejected outright. */
typedef bool (*from_fields_fn)(field_getter get, void *ctx, void *record, const char **county,
                               struct field_errors *errs);

static bool row_fields(const struct import_map *m, const struct import_row *row,
                       from_fields_fn from, void *record, const char **county,
                       struct field_errors *errs, struct import_report *rep) {
    if (!check_width(m, row, rep)) {
        rep->bad_rows++;
        return false;
    }
    struct getter_ctx g = {m, row, {0}};
    from(get_cell, &g, record, county, errs);
    report_fields(m, errs, row->line, rep);
    return true;
}

static bool unit_from(field_getter get, void *ctx, void *record, const char **county,
                      struct field_errors *errs) {
    return unit_from_fields(get, ctx, record, county, errs);
}

static bool zone_from(field_getter get, void *ctx, void *record, const char **county,
                      struct field_errors *errs) {
    return zone_from_fields(get, ctx, record, county, errs);
}

bool import_unit_row(const struct import_map *m, struct import_refs *refs,
                     struct import_seen *seen, const struct import_row *row, struct unit *u,
                     struct import_report *rep) {
    memset(u, 0, sizeof *u);
    struct field_errors errs = {0};
    const char *county = NULL;
    if (!row_fields(m, row, unit_from, u, &county, &errs, rep)) return false;
    bool ok = errs.n == 0;
    if (county && *county) {
        int64_t id = county_lookup(refs, county);
        if (!id) {
            unknown_county(m, county, row->line, rep);
            ok = false;
        }
        u->county_id = id;
    }
    if (u->isic[0] && !field_error_for(&errs, "isic") && !refs->isic[isic_index(u->isic)]) {
        char fa[320], en[240];
        snprintf(fa, sizeof fa, "کد آیسیک %s در فهرست فعالیت‌ها نیست.", u->isic);
        snprintf(en, sizeof en, "isic: unknown ISIC class %s", u->isic);
        import_report_add(rep, row->line, column_of(m, "isic"), fa, en);
        ok = false;
    }
    if (u->zone_id && !zone_exists(refs, u->zone_id)) {
        char fa[320], en[240];
        snprintf(fa, sizeof fa, "محدوده‌ای با شناسه %lld ثبت نشده است.", (long long)u->zone_id);
        snprintf(en, sizeof en, "zone_id: no zone with id %lld", (long long)u->zone_id);
        import_report_add(rep, row->line, column_of(m, "zone_id"), fa, en);
        ok = false;
    }
    if (u->national_id[0] && !field_error_for(&errs, "national_id")) {
        unsigned long first = seen_check(seen, id_key(u->national_id), row->line);
        if (first) {
            duplicate(m, "national_id", first, row, rep);
            ok = false;
        }
    }
    if (!ok) rep->bad_rows++;
    return ok;
}

bool import_zone_row(const struct import_map *m, struct import_refs *refs,
                     struct import_seen *seen, const struct import_row *row,
                     struct zone_record *z, struct import_report *rep) {
    memset(z, 0, sizeof *z);
    struct field_errors errs = {0};
    const char *county = NULL;
    if (!row_fields(m, row, zone_from, z, &county, &errs, rep)) return false;
    bool ok = errs.n == 0;
    if (county && *county && !field_error_for(&errs, "county")) {
        z->county_id = county_lookup(refs, county);
        if (!z->county_id) {
            unknown_county(m, county, row->line, rep);
            ok = false;
        }
    }
    if (ok) {
        char key[256];
        name_key(z->name, key, sizeof key);
        uint64_t h = 1469598103934665603ULL ^ (uint64_t)z->county_id;
        for (const char *p = key; *p; p++) h = (h ^ (unsigned char)*p) * 1099511628211ULL;
        unsigned long first = seen_check(seen, h, row->line);
        if (first) {
            duplicate(m, "name", first, row, rep);
            ok = false;
        }
    }
    if (!ok) rep->bad_rows++;
    return ok;
}
