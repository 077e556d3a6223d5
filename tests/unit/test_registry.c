/* Unit tests for registry validation and the registry store (units, zones,
 * agencies, categories): typed records from hostile text, optimistic concurrency,
 * deletes refused while something depends on a record, search with the Persian
 * tokenizer however a name was typed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_db.h"
#include <sodium.h>

#include "registry/registry.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_registry.h"
#include "text/fa_fts5.h"

struct kv {
    const char *k[24], *v[24];
    int n;
};
static const char *kv_get(void *ctx, const char *field) {
    struct kv *kv = ctx;
    for (int i = 0; i < kv->n; i++)
        if (!strcmp(kv->k[i], field)) return kv->v[i];
    return NULL;
}
static void kv_set(struct kv *kv, const char *k, const char *v) {
    for (int i = 0; i < kv->n; i++)
        if (!strcmp(kv->k[i], k)) {
            kv->v[i] = v;
            return;
        }
    kv->k[kv->n] = k;
    kv->v[kv->n++] = v;
}

/* 10100000007 is not a valid legal id; build a valid one with the checksum rule. */
static void valid_legal_id(char out[12], int seed) {
    static const int w[5] = {29, 27, 23, 19, 17};
    int d[11];
    d[0] = 1;
    d[1] = 0;
    d[2] = 1;
    d[3] = 0;
    for (int i = 4; i < 10; i++) d[i] = (seed >> (i - 4) * 3) % 10;
    if (d[4] + d[5] + d[6] + d[7] + d[8] + d[9] == 0) d[9] = 1;
    int k = d[9] + 2, s = 0;
    for (int i = 0; i < 10; i++) s += (d[i] + k) * w[i % 5];
    int c = s % 11;
    d[10] = c == 10 ? 0 : c;
    for (int i = 0; i < 11; i++) out[i] = (char)('0' + d[i]);
    out[11] = 0;
}

static void unit_validation_reports_every_field(void **state) {
    (void)state;
    struct kv kv = {0};
    kv_set(&kv, "national_id", "10100000008"); /* wrong checksum */
    kv_set(&kv, "name", "   ");
    kv_set(&kv, "licence_kind", "driving");
    kv_set(&kv, "employees", "-3");
    kv_set(&kv, "state", "sleepy");
    kv_set(&kv, "lat", "48.85");
    kv_set(&kv, "lon", "2.35"); /* Paris */
    kv_set(&kv, "postal_code", "12345");
    kv_set(&kv, "isic", "15a0");
    kv_set(&kv, "phone", "021-abc");
    struct unit u;
    const char *county;
    struct field_errors errs = {0};
    assert_false(unit_from_fields(kv_get, &kv, &u, &county, &errs));
    const char *expect[] = {"national_id", "name", "licence_kind", "employees", "state",
                            "lat", "postal_code", "isic", "phone"};
    for (size_t i = 0; i < sizeof expect / sizeof *expect; i++) {
        const struct field_error *e = field_error_for(&errs, expect[i]);
        assert_non_null(e);
        assert_true(strlen(e->fa) > 0 && strlen(e->en) > 0);
    }
    assert_non_null(strstr(field_error_for(&errs, "lat")->fa, "ایران"));
}

static void unit_validation_accepts_any_script(void **state) {
    (void)state;
    char id[12];
    valid_legal_id(id, 12345);
    char persian_id[64] = {0};
    /* the same id in Persian digits with a dash */
    size_t o = 0;
    for (int i = 0; i < 11; i++) {
        if (i == 5) persian_id[o++] = '-';
        persian_id[o++] = (char)0xDB;
        persian_id[o++] = (char)(0xB0 + (id[i] - '0'));
    }
    struct kv kv = {0};
    kv_set(&kv, "national_id", persian_id);
    kv_set(&kv, "name", " کفش ملی ");
    kv_set(&kv, "licence_kind", "پروانه بهره برداری");
    kv_set(&kv, "licence_no", "۱۲۳۴");
    kv_set(&kv, "employees", "۱۲");
    kv_set(&kv, "state", "نيمه فعال");
    kv_set(&kv, "lat", "۳۵٫۵۵");
    kv_set(&kv, "lon", "51.23");
    kv_set(&kv, "isic", "۱۵۲۰");
    struct unit u;
    const char *county;
    struct field_errors errs = {0};
    bool ok = unit_from_fields(kv_get, &kv, &u, &county, &errs);
    for (int i = 0; i < errs.n; i++) printf("# %s: %s\n", errs.e[i].field, errs.e[i].en);
    assert_true(ok);
    assert_string_equal(u.national_id, id);
    assert_string_equal(u.id_kind, "legal-id");
    assert_string_equal(u.name, "کفش ملی");
    assert_string_equal(u.licence_kind, "operating");
    assert_string_equal(u.state, "semi_active");
    assert_string_equal(u.isic, "1520");
    assert_int_equal(u.employees, 12);
    assert_true(u.has_location);
    assert_true(u.lat > 35.549 && u.lat < 35.551);
}

static struct test_db tdb;

static int open_db(void **state) {
    (void)state;
    return test_db_open(&tdb, "registry");
}

static int close_db(void **state) {
    (void)state;
    return test_db_close(&tdb);
}

static struct unit sample_unit(int seed, const char *name) {
    struct unit u;
    memset(&u, 0, sizeof u);
    valid_legal_id(u.national_id, seed);
    snprintf(u.id_kind, sizeof u.id_kind, "legal-id");
    snprintf(u.licence_kind, sizeof u.licence_kind, "none");
    snprintf(u.name, sizeof u.name, "%s", name);
    snprintf(u.isic, sizeof u.isic, "1520");
    snprintf(u.state, sizeof u.state, "active");
    u.employees = 10;
    u.county_id = 2;
    return u;
}

static int count_row(void *arg, const struct unit_row *r) {
    (void)r;
    (*(int *)arg)++;
    return 0;
}

static int search_count(store_conn *c, const char *q) {
    buf m;
    buf_init(&m, 4096);
    fa_fts5_query(q, strlen(q), &m);
    struct unit_filter f = {0};
    f.match = m.data;
    int n = 0;
    int64_t total = 0;
    assert_int_equal(store_unit_list(c, &f, count_row, &n, &total), STORE_OK);
    buf_free(&m);
    assert_int_equal(n, (int)total);
    return n;
}

static void units_crud_versions_and_search(void **state) {
    (void)state;
    store_conn *c = store_thread_conn(tdb.db);
    struct user actor = {.id = 0};
    snprintf(actor.name, sizeof actor.name, "tester");
    struct unit a = sample_unit(1, "تولیدی کفش‌های ورزشی پدر");
    struct unit b = sample_unit(2, "مبلمان چوبي كرج");
    snprintf(b.isic, sizeof b.isic, "3100");
    assert_int_equal(store_unit_create(c, &actor, &a), STORE_OK);
    assert_int_equal(store_unit_create(c, &actor, &b), STORE_OK);
    struct unit dup = sample_unit(1, "duplicate");
    assert_int_equal(store_unit_create(c, &actor, &dup), STORE_ECONSTRAINT);

    /* search however the words are typed */
    assert_int_equal(search_count(c, "کفشهای"), 1);
    assert_int_equal(search_count(c, "كفش هاي"), 1);
    assert_int_equal(search_count(c, "چوبی کرج"), 1);
    assert_int_equal(search_count(c, "مبلمان"), 1); /* ISIC title is indexed as activity */
    assert_int_equal(search_count(c, "تولید کفش"), 1);
    assert_int_equal(search_count(c, "\"NEAR( *"), 0);

    /* optimistic concurrency */
    struct unit_row r;
    assert_int_equal(store_unit_get(c, a.id, &r), STORE_OK);
    struct unit first = r.u, second = r.u;
    snprintf(first.name, sizeof first.name, "نام تازه");
    assert_int_equal(store_unit_update(c, &actor, &first), STORE_OK);
    assert_int_equal(first.version, 2);
    snprintf(second.name, sizeof second.name, "نام دیگر");
    assert_int_equal(store_unit_update(c, &actor, &second), STORE_ECONFLICT);
    assert_int_equal(store_unit_get(c, a.id, &r), STORE_OK);
    assert_string_equal(r.u.name, "نام تازه");
    assert_int_equal(search_count(c, "تازه"), 1);
    assert_int_equal(search_count(c, "ورزشی"), 0);

    /* a zone with a unit in it cannot be deleted; stale deletes are refused */
    struct zone z;
    memset(&z, 0, sizeof z);
    snprintf(z.kind, sizeof z.kind, "spot");
    snprintf(z.name, sizeof z.name, "لکه صنعتی خیابان پدر");
    z.county_id = 2;
    z.area_ha = 12.5;
    snprintf(z.stage, sizeof z.stage, "identified");
    assert_int_equal(store_zone_create(c, &actor, &z), STORE_OK);
    r.u.zone_id = z.id;
    assert_int_equal(store_unit_update(c, &actor, &r.u), STORE_OK);
    assert_int_equal(store_zone_delete(c, &actor, z.id, z.version), STORE_ECONSTRAINT);
    assert_int_equal(store_zone_reach_stage(c, &actor, z.id, "studies", "2025-05-01"), STORE_OK);
    assert_int_equal(store_zone_reach_stage(c, &actor, z.id, "bogus", "2025-05-01"),
                     STORE_ECONSTRAINT);
    assert_int_equal(store_zone_reach_stage(c, &actor, z.id, "studies", "2025\"}"),
                     STORE_ECONSTRAINT);
    struct zone got;
    assert_int_equal(store_zone_get(c, z.id, &got), STORE_OK);
    assert_string_equal(got.stage, "studies");
    assert_int_equal(got.units, 1);
    free(got.outline);
    assert_int_equal(store_unit_delete(c, &actor, b.id, 99), STORE_ECONFLICT);
    assert_int_equal(store_unit_delete(c, &actor, b.id, b.version), STORE_OK);
    assert_int_equal(store_unit_get(c, b.id, &r), STORE_ENOTFOUND);
    assert_int_equal(search_count(c, "مبلمان"), 0);

    /* categories: two levels only */
    struct category top = {0}, child = {0}, grandchild = {0};
    snprintf(top.name, sizeof top.name, "آزمایشی");
    top.answer_days = 5;
    assert_int_equal(store_category_create(c, &actor, &top), STORE_OK);
    child = top;
    child.parent_id = top.id;
    snprintf(child.name, sizeof child.name, "زیرشاخه");
    assert_int_equal(store_category_create(c, &actor, &child), STORE_OK);
    grandchild = child;
    grandchild.parent_id = child.id;
    snprintf(grandchild.name, sizeof grandchild.name, "نوه");
    assert_int_equal(store_category_create(c, &actor, &grandchild), STORE_ECONSTRAINT);
    assert_int_equal(store_category_delete(c, &actor, top.id, top.version), STORE_ECONSTRAINT);
    /* names are unique among siblings, top-level ones too */
    struct category twin = {0};
    snprintf(twin.name, sizeof twin.name, "آزمایشی");
    twin.answer_days = 5;
    assert_int_equal(store_category_create(c, &actor, &twin), STORE_ECONSTRAINT);
    snprintf(twin.name, sizeof twin.name, "آزمایشی دوم");
    assert_int_equal(store_category_create(c, &actor, &twin), STORE_OK);
    snprintf(twin.name, sizeof twin.name, "آزمایشی");
    assert_int_equal(store_category_update(c, &actor, &twin), STORE_ECONSTRAINT);

    int64_t n, bad;
    assert_int_equal(store_audit_verify(c, &n, &bad), STORE_OK);
    assert_true(n >= 8);
}

/* A producer's own unit: created and linked in one step; lists filtered by member. */
static void units_owned_by_a_producer(void **state) {
    (void)state;
    store_conn *c = store_thread_conn(tdb.db);
    struct user actor = {.id = 0};
    snprintf(actor.name, sizeof actor.name, "tester");
    int64_t uid;
    assert_int_equal(store_user_add(c, NULL, "producer1", "P", "producer", NULL, &uid), STORE_OK);
    struct unit mine = sample_unit(7, "واحد من");
    struct unit other = sample_unit(8, "واحد دیگری");
    assert_int_equal(store_unit_create_owned(c, &actor, &mine, uid), STORE_OK);
    assert_int_equal(store_unit_create(c, &actor, &other), STORE_OK);
    assert_int_equal(store_unit_is_member(c, mine.id, uid), STORE_OK);
    assert_int_equal(store_unit_is_member(c, other.id, uid), STORE_ENOTFOUND);
    struct unit_filter f = {0};
    f.member_user_id = uid;
    f.sort = UNIT_SORT_ID;
    int n = 0;
    int64_t total = 0;
    assert_int_equal(store_unit_list(c, &f, count_row, &n, &total), STORE_OK);
    assert_int_equal(n, 1);
    assert_int_equal(total, 1);
    /* a duplicate national ID leaves neither the unit nor a link behind */
    struct unit dup = sample_unit(7, "تکراری");
    assert_int_equal(store_unit_create_owned(c, &actor, &dup, uid), STORE_ECONSTRAINT);
    n = 0;
    assert_int_equal(store_unit_list(c, &f, count_row, &n, &total), STORE_OK);
    assert_int_equal(n, 1);
    /* cursor and limit: ids after the cursor only; total ignores the cursor */
    struct unit_filter all = {0};
    all.sort = UNIT_SORT_ID;
    all.after_id = mine.id;
    n = 0;
    assert_int_equal(store_unit_list(c, &all, count_row, &n, &total), STORE_OK);
    assert_int_equal(n, 1);
    assert_int_equal(total, 2);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(unit_validation_reports_every_field),
        cmocka_unit_test(unit_validation_accepts_any_script),
        cmocka_unit_test_setup_teardown(units_crud_versions_and_search, open_db, close_db),
        cmocka_unit_test_setup_teardown(units_owned_by_a_producer, open_db, close_db),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
