/* store_case_list — case lists and search (see store_cases.h).
 *
 * A list's SQL is composed from fixed fragments, one per filter that is set, with
 * fixed parameter numbers ($2 $3 viewer, $4… filters, $16 $17 limit/offset, $18
 * MATCH), so each filter can use its index instead of the `$n IS NULL OR …` pattern
 * that makes a planner scan. The composed text is interned per combination, so the
 * connection's statement cache (keyed by the SQL pointer) prepares each combination
 * once. No outside text ever reaches the SQL: only our literals and parameters. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "auth/roles.h"
#include "core/buf.h"
#include "store/store_case_sql.h"
#include "store/store_registry.h"

enum {
    F_CATEGORY = 1 << 0,
    F_AGENCY = 1 << 1,
    F_ZONE = 1 << 2,
    F_COUNTY = 1 << 3,
    F_OVERDUE = 1 << 4,
    F_DUE_SOON = 1 << 5,
    F_FROM = 1 << 6,
    F_TO = 1 << 7,
    F_UNIT = 1 << 8,
    F_MATCH = 1 << 9,
    F_MINE = 1 << 10,
    F_BY_DUE = 1 << 11,
    F_COUNT = 1 << 12,
    F_VIEWER_SHIFT = 13, /* 2 bits: 0 all, 1 agency, 2 producer, 3 nobody */
    F_STATES_SHIFT = 16, /* CASE_STATE_COUNT bits */
    F_NCAT_SHIFT = 32,   /* how many category ids ($5, then $19 …) */
    MAX_CATS = 8,
};

static const char *const viewer_clauses[4] = {
    "",
    " AND c.id IN (SELECT case_id FROM case_agencies WHERE agency_id = $2)",
    " AND c.unit_id IN (SELECT unit_id FROM unit_members WHERE user_id = $3)",
    " AND 0",
};

static int viewer_kind(const struct case_viewer *v) {
    const char *clause = case_viewer_clause(v);
    for (int i = 0; i < 4; i++)
        if (!strcmp(clause, viewer_clauses[i])) return i;
    return 3;
}

static void compose(buf *b, uint64_t key) {
    unsigned flags = (unsigned)(key & 0x1FFF);
    bool count = flags & F_COUNT;
    bool need_units = flags & (F_ZONE | F_COUNTY);
    if (count) {
        buf_puts(b, "SELECT count(*) FROM cases c");
        if (need_units) buf_puts(b, " JOIN units u ON u.id = c.unit_id");
        buf_puts(b, " WHERE 1 = 1");
    } else {
        buf_puts(b, CASE_SELECT_LIST "WHERE 1 = 1");
    }
    buf_puts(b, viewer_clauses[(key >> F_VIEWER_SHIFT) & 3]);
    unsigned states = (unsigned)(key >> F_STATES_SHIFT) & ((1u << CASE_STATE_COUNT) - 1);
    if (states) {
        buf_puts(b, " AND c.state IN (");
        bool first = true;
        for (int s = 0; s < CASE_STATE_COUNT; s++) {
            if (!(states & (1u << s))) continue;
            buf_printf(b, "%s'%s'", first ? "" : ",", case_state_code((enum case_state)s));
            first = false;
        }
        buf_putc(b, ')');
    }
    /* One id: an equality, so (state, category_id, id) gives the order; a parent
     * category: its id and its children's, bound as parameters. */
    unsigned ncat = (unsigned)(key >> F_NCAT_SHIFT) & 15;
    if ((flags & F_CATEGORY) && ncat <= 1) buf_puts(b, " AND c.category_id = $5");
    if ((flags & F_CATEGORY) && ncat > 1) {
        buf_puts(b, " AND c.category_id IN ($5");
        for (unsigned i = 1; i < ncat; i++) buf_printf(b, ",$%u", 18 + i);
        buf_putc(b, ')');
    }
    if (flags & F_AGENCY) buf_puts(b, " AND c.agency_id = $6");
    if (flags & F_ZONE) buf_puts(b, " AND u.zone_id = $7");
    if (flags & F_COUNTY) buf_puts(b, " AND u.county_id = $8");
    if (flags & F_OVERDUE) buf_puts(b, " AND c.state = 'referred' AND c.due_on < $10");
    if (flags & F_DUE_SOON)
        buf_puts(b, " AND c.state = 'referred' AND c.due_on >= $10 AND c.due_on <= $15");
    if (flags & F_FROM) buf_puts(b, " AND c.created_at >= $11");
    if (flags & F_TO) buf_puts(b, " AND c.created_at < $12");
    if (flags & F_UNIT) buf_puts(b, " AND c.unit_id = $13");
    if (flags & F_MATCH)
        buf_puts(b, " AND c.id IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH $18)");
    if (flags & F_MINE) buf_puts(b, " AND c.agency_id = $2");
    if (!count) {
        buf_puts(b, flags & F_BY_DUE ? " ORDER BY c.due_on, c.id" : " ORDER BY c.id DESC");
        buf_puts(b, " LIMIT $16 OFFSET $17");
    }
}

/* Interned SQL per key: a small open-addressing table, filled under a mutex; the
 * strings live as long as the process. */
enum { INTERN_SLOTS = 1024 };
static struct {
    uint64_t key;
    char *sql;
} interned[INTERN_SLOTS];
static pthread_mutex_t intern_lock = PTHREAD_MUTEX_INITIALIZER;

static const char *sql_for(uint64_t key) {
    pthread_mutex_lock(&intern_lock);
    size_t slot = (size_t)((key * 0x9E3779B97F4A7C15ull) >> 54) % INTERN_SLOTS;
    const char *out = NULL;
    for (size_t i = 0; i < INTERN_SLOTS; i++) {
        size_t k = (slot + i) % INTERN_SLOTS;
        if (interned[k].sql && interned[k].key == key) {
            out = interned[k].sql;
            break;
        }
        if (!interned[k].sql) {
            buf b;
            buf_init(&b, 16 * 1024);
            compose(&b, key);
            if (!b.failed) {
                interned[k].key = key;
                interned[k].sql = buf_detach(&b, NULL);
                out = interned[k].sql;
            }
            buf_free(&b);
            break;
        }
    }
    pthread_mutex_unlock(&intern_lock);
    return out;
}

static void next_day(const char *iso, char out[11]) {
    int32_t d = case_day_from_iso(iso);
    case_iso_from_day(d + 1, out);
}

struct cats {
    int64_t id[MAX_CATS];
    int n;
};

static int add_child(void *arg, const struct category *cat) {
    struct cats *c = arg;
    if (cat->parent_id == c->id[0] && c->n < MAX_CATS) c->id[c->n++] = cat->id;
    return 0;
}

/* The category and its children (two levels). */
static int category_ids(store_conn *c, int64_t id, struct cats *out) {
    out->id[0] = id;
    out->n = 1;
    return id ? store_category_each(c, add_child, out) : STORE_OK;
}

static uint64_t filter_key(const struct case_viewer *v, const struct case_filter *f,
                           const struct cats *cats) {
    unsigned flags = 0;
    if (f->category_id) flags |= F_CATEGORY;
    if (f->agency_id) flags |= F_AGENCY;
    if (f->zone_id) flags |= F_ZONE;
    if (f->county_id) flags |= F_COUNTY;
    if (f->overdue) flags |= F_OVERDUE;
    if (f->due_soon) flags |= F_DUE_SOON;
    if (f->from[0] && case_day_from_iso(f->from) >= 0) flags |= F_FROM;
    if (f->to[0] && case_day_from_iso(f->to) >= 0) flags |= F_TO;
    if (f->unit_id) flags |= F_UNIT;
    if (f->match && *f->match) flags |= F_MATCH;
    if (f->mine_agency) flags |= F_MINE;
    if (f->by_due) flags |= F_BY_DUE;
    unsigned states = f->states & ((1u << CASE_STATE_COUNT) - 1);
    return (uint64_t)flags | (uint64_t)viewer_kind(v) << F_VIEWER_SHIFT |
           (uint64_t)states << F_STATES_SHIFT | (uint64_t)cats->n << F_NCAT_SHIFT;
}

static void bind_filter(store_stmt *st, const struct case_viewer *v, const struct case_filter *f,
                        const struct cats *cats) {
    case_bind_viewer(st, v);
    store_bind_int(st, 5, f->category_id);
    for (int i = 1; i < cats->n; i++) store_bind_int(st, 18 + i, cats->id[i]);
    store_bind_int(st, 6, f->agency_id);
    store_bind_int(st, 7, f->zone_id);
    store_bind_int(st, 8, f->county_id);
    store_bind_text(st, 10, f->today);
    store_bind_text(st, 11, f->from);
    char to[11] = "";
    if (f->to[0] && case_day_from_iso(f->to) >= 0) next_day(f->to, to);
    store_bind_text(st, 12, to);
    store_bind_int(st, 13, f->unit_id);
    store_bind_text(st, 15, f->due_cutoff);
    store_bind_int(st, 16, f->limit > 0 ? f->limit : 50);
    store_bind_int(st, 17, f->offset > 0 ? f->offset : 0);
    store_bind_text(st, 18, f->match ? f->match : "");
}

typedef int (*row_cb)(void *arg, const struct case_row *row);

/* Steps a statement over case rows, calling fn (lists) or fn_snippet with the text
 * of column `snippet_col` (search); finishes the statement. */
static int each_row(store_stmt *st, const char *today, int snippet_col, row_cb fn,
                    int (*fn_snippet)(void *arg, const struct case_row *row, const char *snippet),
                    void *arg) {
    struct case_row *row = calloc_row();
    if (!row) {
        store_done(st);
        return STORE_ERROR;
    }
    int rc;
    while ((rc = store_step(st)) == STORE_ROW) {
        case_read_row(st, row, today);
        if (snippet_col >= 0 ? fn_snippet(arg, row, store_col_text(st, snippet_col)) : fn(arg, row))
            break;
    }
    store_done(st);
    free_row(row);
    return store_all_status(rc);
}

int store_case_list(store_conn *c, const struct case_viewer *v, const struct case_filter *f,
                    case_row_fn fn, void *arg, int64_t *total) {
    struct cats cats;
    int crc = category_ids(c, f->category_id, &cats);
    if (crc != STORE_OK) return crc;
    uint64_t key = filter_key(v, f, &cats);
    char today[11];
    if (f->today[0]) memcpy(today, f->today, sizeof today);
    else case_today(today);
    struct case_filter fc = *f;
    memcpy(fc.today, today, sizeof today);
    if (total) *total = 0;
    if (f->count && total) {
        const char *sql = sql_for(key | F_COUNT);
        store_stmt *st = sql ? store_prepare(c, sql) : NULL;
        if (!st) return STORE_ERROR;
        bind_filter(st, v, &fc, &cats);
        int rc = store_step(st);
        if (rc == STORE_ROW) *total = store_col_int(st, 0);
        store_done(st);
        if (rc != STORE_ROW) return rc;
    }
    const char *sql = sql_for(key);
    store_stmt *st = sql ? store_prepare(c, sql) : NULL;
    if (!st) return STORE_ERROR;
    bind_filter(st, v, &fc, &cats);
    return each_row(st, today, -1, fn, NULL, arg);
}

#define SEARCH_SELECT                                                                       \
    CASE_SELECT_COLS("''") ", snippet(cases_fts, -1, char(1), char(2), '…', 14) "               \
                           "FROM cases_fts f JOIN cases c ON c.id = f.rowid JOIN units u ON "   \
                           "u.id = c.unit_id JOIN categories cat ON cat.id = c.category_id "   \
                           "LEFT JOIN agencies a ON a.id = c.agency_id LEFT JOIN counties co " \
                           "ON co.id = u.county_id LEFT JOIN zones z ON z.id = u.zone_id "     \
                           "WHERE cases_fts MATCH $18"
#define SEARCH_ORDER " ORDER BY f.rowid DESC LIMIT $16 OFFSET $17"

int store_case_search(store_conn *c, const struct case_viewer *v, const char *match,
                      const char *today, int limit, int offset,
                      int (*fn)(void *arg, const struct case_row *row, const char *snippet),
                      void *arg) {
    static const char *const sql[4] = {
        SEARCH_SELECT SEARCH_ORDER,
        SEARCH_SELECT " AND c.id IN (SELECT case_id FROM case_agencies WHERE agency_id = $2)"
            SEARCH_ORDER,
        SEARCH_SELECT " AND c.unit_id IN (SELECT unit_id FROM unit_members WHERE user_id = $3)"
            SEARCH_ORDER,
        NULL,
    };
    int k = viewer_kind(v);
    if (!sql[k]) return STORE_OK;
    store_stmt *st = store_prepare(c, sql[k]);
    if (!st) return STORE_ERROR;
    case_bind_viewer(st, v);
    store_bind_int(st, 16, limit);
    store_bind_int(st, 17, offset);
    store_bind_text(st, 18, match);
    return each_row(st, today, 18, NULL, fn, arg);
}
