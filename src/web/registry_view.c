/* registry_view — see registry_view.h. */
#include "web/registry_view.h"

#include <stdio.h>
#include <string.h>

#include "text/fa_num.h"
#include "view/html.h"
#include "view/layout.h"
#include "view/widgets.h"

bool registry_can_read(int role) {
    return role & (ROLE_ADMIN | ROLE_SECRETARIAT | ROLE_MEMBER | ROLE_PRODUCER);
}

bool registry_can_delete(int role) { return role & (ROLE_ADMIN | ROLE_SECRETARIAT); }
bool registry_can_edit_zones(int role) { return role & (ROLE_ADMIN | ROLE_SECRETARIAT); }

bool registry_can_edit_unit(struct http_req *req, int64_t unit_id) {
    struct web_ctx *ctx = web_ctx(req);
    if (ctx->role & (ROLE_ADMIN | ROLE_SECRETARIAT)) return true;
    if (ctx->role != ROLE_PRODUCER) return false;
    if (unit_id == 0) return true; /* a producer registers their own unit */
    store_conn *db = web_db(req, NULL);
    return db && store_unit_is_member(db, unit_id, ctx->user.id) == STORE_OK;
}

static const struct {
    const char *field, *label;
} labels[] = {
    {"national_id", "شناسه ملی / کد ملی مالک"}, {"name", "نام واحد"},
    {"business_id", "شناسه کسب‌وکار"},          {"licence_kind", "نوع مجوز"},
    {"licence_no", "شماره مجوز"},               {"isic", "فعالیت (ISIC)"},
    {"employees", "تعداد کارکنان"},             {"state", "وضعیت"},
    {"lat", "عرض جغرافیایی"},                   {"lon", "طول جغرافیایی"},
    {"address", "نشانی"},                        {"postal_code", "کد پستی"},
    {"county", "شهرستان"},                       {"zone_id", "محدوده صنعتی"},
    {"contact_name", "نام رابط"},                {"phone", "تلفن"},
};

const char *unit_field_label(const char *field) {
    for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
        if (!strcmp(labels[i].field, field)) return labels[i].label;
    return field;
}

struct select_ctx {
    buf *b;
    const char *selected;
    int64_t selected_id;
};

static int county_option(void *arg, int64_t id, const char *name) {
    (void)id;
    struct select_ctx *s = arg;
    w_option(s->b, name, name, s->selected && !strcmp(s->selected, name));
    return 0;
}

void registry_select_county(buf *b, store_conn *c, const char *name, const char *selected,
                            const char *empty_label, const char *error) {
    w_select_begin(b, name, "شهرستان", error);
    if (empty_label) w_option(b, "", empty_label, !selected || !*selected);
    struct select_ctx s = {b, selected, 0};
    store_county_each(c, county_option, &s);
    w_select_end(b, error);
}

static int sector_option(void *arg, const char *sector, int64_t units) {
    (void)units;
    struct select_ctx *s = arg;
    w_option(s->b, sector, sector, s->selected && !strcmp(s->selected, sector));
    return 0;
}

void registry_select_sector(buf *b, store_conn *c, const char *selected) {
    w_select_begin(b, "sector", "بخش", NULL);
    w_option(b, "", "همه بخش‌ها", !selected || !*selected);
    struct select_ctx s = {b, selected, 0};
    store_sector_each(c, sector_option, &s);
    w_select_end(b, NULL);
}

static int isic_option(void *arg, const char *code, const char *title, const char *sector) {
    (void)sector;
    struct select_ctx *s = arg;
    buf label;
    buf_init(&label, 1024);
    fa_digits_to_persian(code, strlen(code), &label);
    buf_puts(&label, " — ");
    buf_puts(&label, title);
    w_option(s->b, code, label.data ? label.data : code, s->selected && !strcmp(s->selected, code));
    buf_free(&label);
    return 0;
}

void registry_select_isic(buf *b, store_conn *c, const char *selected, const char *error) {
    w_select_begin(b, "isic", unit_field_label("isic"), error);
    w_option(b, "", "انتخاب نشده", !selected || !*selected);
    struct select_ctx s = {b, selected, 0};
    store_isic_each(c, isic_option, &s);
    w_select_end(b, error);
}

static int zone_option(void *arg, const struct zone *z) {
    struct select_ctx *s = arg;
    char id[32];
    snprintf(id, sizeof id, "%lld", (long long)z->id);
    buf label;
    buf_init(&label, 1024);
    buf_printf(&label, "%s (%s)", z->name, vocab_label(zone_kinds, z->kind));
    w_option(s->b, id, label.data ? label.data : z->name, z->id == s->selected_id);
    buf_free(&label);
    return 0;
}

void registry_select_zone(buf *b, store_conn *c, const char *name, int64_t selected,
                          const char *empty_label, const char *error) {
    w_select_begin(b, name, unit_field_label("zone_id"), error);
    if (empty_label) w_option(b, "", empty_label, selected == 0);
    struct select_ctx s = {b, NULL, selected};
    struct zone_filter f = {0};
    f.limit = 1000;
    store_zone_list(c, &f, zone_option, &s, NULL);
    w_select_end(b, error);
}

int64_t registry_id_param(struct http_req *req, const char *name) {
    const char *s = http_param(req, name);
    int64_t v;
    if (!s || fa_num_parse_i64(s, strlen(s), &v, NULL) != 0 || v <= 0) return 0;
    return v;
}
