/* registry — see registry.h. */
#include "registry/registry.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "text/fa_id.h"
#include "text/fa_key.h"
#include "text/fa_num.h"

const struct vocab unit_states[] = {
    {"active", "فعال"}, {"semi_active", "نیمه‌فعال"}, {"idle", "راکد"}, {0, 0}};
const struct vocab licence_kinds[] = {{"establishment", "جواز تأسیس"},
                                      {"operating", "پروانه بهره‌برداری"},
                                      {"guild", "پروانه کسب"},
                                      {"none", "بدون مجوز"},
                                      {0, 0}};
const struct vocab zone_kinds[] = {{"spot", "لکه صنعتی"},
                                   {"gov_park", "شهرک صنعتی"},
                                   {"nongov_park", "شهرک صنعتی غیردولتی"},
                                   {"specialised_park", "شهرک صنعتی تخصصی"},
                                   {0, 0}};
const struct vocab zone_stages[] = {{"identified", "شناسایی"},
                                    {"studies", "مطالعات"},
                                    {"application", "درخواست"},
                                    {"qualified", "احراز شرایط"},
                                    {"board_approval", "تصویب هیئت"},
                                    {"inquiries", "استعلام‌ها"},
                                    {"establishment_licence", "جواز تأسیس"},
                                    {"infrastructure", "زیرساخت"},
                                    {"operating_licence", "پروانه بهره‌برداری"},
                                    {0, 0}};
const struct vocab utilities[] = {{"water", "آب"},        {"electricity", "برق"},
                                  {"gas", "گاز"},         {"telecom", "مخابرات"},
                                  {"road", "راه دسترسی"}, {"sewage", "فاضلاب"},
                                  {0, 0}};
const struct vocab infra_states[] = {
    {"none", "ندارد"}, {"partial", "ناقص"}, {"full", "کامل"}, {0, 0}};
const struct vocab agency_kinds[] = {{"bank", "بانک"},
                                     {"tax", "امور مالیاتی"},
                                     {"social_security", "تأمین اجتماعی"},
                                     {"customs", "گمرک"},
                                     {"electricity", "برق"},
                                     {"water", "آب و فاضلاب"},
                                     {"gas", "گاز"},
                                     {"telecom", "مخابرات"},
                                     {"municipality", "شهرداری"},
                                     {"parks_company", "شرکت شهرک‌های صنعتی"},
                                     {"environment", "محیط زیست"},
                                     {"secretariat", "دبیرخانه"},
                                     {"other", "سایر"},
                                     {0, 0}};

const char *vocab_label(const struct vocab *v, const char *code) {
    for (; v->code; v++)
        if (code && !strcmp(v->code, code)) return v->label_fa;
    return code ? code : "";
}

bool vocab_has(const struct vocab *v, const char *code) { return vocab_index(v, code) >= 0; }

int vocab_index(const struct vocab *v, const char *code) {
    for (int i = 0; v[i].code; i++)
        if (code && !strcmp(v[i].code, code)) return i;
    return -1;
}

static void drop_spaces(buf *b) {
    size_t o = 0;
    for (size_t i = 0; i < b->len; i++)
        if (b->data[i] != ' ') b->data[o++] = b->data[i];
    b->len = o;
}

/* Vocabulary labels are short phrases: compare their search keys with the spaces
 * taken out, so «بهره برداری», «بهره‌برداری» and «بهرهبرداری» are one word. */
static bool same_key(const char *a, const char *b) {
    buf ka, kb;
    buf_init(&ka, 4096);
    buf_init(&kb, 4096);
    fa_key(a, strlen(a), &ka);
    fa_key(b, strlen(b), &kb);
    drop_spaces(&ka);
    drop_spaces(&kb);
    bool same = !ka.failed && !kb.failed && ka.len == kb.len &&
                (ka.len == 0 || !memcmp(ka.data, kb.data, ka.len));
    buf_free(&ka);
    buf_free(&kb);
    return same;
}

const char *vocab_parse(const struct vocab *v, const char *text) {
    if (!text || !*text) return NULL;
    for (; v->code; v++)
        if (!strcmp(v->code, text) || same_key(v->label_fa, text)) return v->code;
    return NULL;
}

void field_error_add(struct field_errors *errs, const char *field, const char *fa, const char *en) {
    if (errs->n >= FIELD_ERRORS_MAX) return;
    errs->e[errs->n].field = field;
    errs->e[errs->n].fa = fa;
    errs->e[errs->n].en = en;
    errs->n++;
}

const struct field_error *field_error_for(const struct field_errors *errs, const char *field) {
    if (!errs) return NULL;
    for (int i = 0; i < errs->n; i++)
        if (!strcmp(errs->e[i].field, field)) return &errs->e[i];
    return NULL;
}

const char *const unit_fields[] = {
    "national_id", "name",    "business_id",  "licence_kind", "licence_no", "isic",
    "employees",   "state",   "lat",          "lon",          "address",    "postal_code",
    "county",      "zone_id", "contact_name", "phone",        NULL};

bool registry_in_iran(double lat, double lon) {
    return lat >= 24.8 && lat <= 40.0 && lon >= 43.8 && lon <= 63.5;
}

bool registry_copy_text(char *dst, size_t cap, const char *src) {
    if (!src) src = "";
    while (*src == ' ' || *src == '\t' || *src == '\n' || *src == '\r') src++;
    size_t n = strlen(src);
    while (n && (src[n - 1] == ' ' || src[n - 1] == '\t' || src[n - 1] == '\n' || src[n - 1] == '\r'))
        n--;
    if (n >= cap || !utf8_valid(src, n) || utf8_has_controls(src, n)) {
        if (cap) dst[0] = 0;
        return false;
    }
    memcpy(dst, src, n);
    dst[n] = 0;
    return true;
}

bool registry_parse_coordinate(const char *s, double min, double max, double *out) {
    if (!s) return false;
    int64_t fixed;
    if (fa_num_parse_fixed(s, strlen(s), 7, &fixed, NULL) != 0) return false;
    double v = (double)fixed / 1e7;
    if (!isfinite(v) || v < min || v > max) return false;
    *out = v;
    return true;
}

static const char *get_text(field_getter get, void *ctx, const char *field) {
    const char *v = get(ctx, field);
    return v ? v : "";
}

static bool blank(const char *s) {
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n') return false;
    return true;
}

/* Text fields: trimmed, bounded, no control characters. */
static void text_field(field_getter get, void *ctx, const char *field, char *dst, size_t cap,
                       bool required, const char *label_fa, struct field_errors *errs) {
    const char *v = get_text(get, ctx, field);
    if (!registry_copy_text(dst, cap, v)) {
        field_error_add(errs, field, label_fa, "too long or holds control characters");
        return;
    }
    if (required && !*dst) field_error_add(errs, field, label_fa, "required");
}

/* Digits-only identifiers in any script (business ID, phone): stored in ASCII. */
static void digits_field(field_getter get, void *ctx, const char *field, char *dst, size_t cap,
                         const char *fa, struct field_errors *errs) {
    const char *v = get_text(get, ctx, field);
    size_t n = strlen(v), i = 0, o = 0;
    dst[0] = 0;
    while (i < n) {
        int d = fa_digit_next(v, n, &i);
        if (d >= 0) {
            if (o + 1 >= cap) {
                field_error_add(errs, field, fa, "too many digits");
                dst[0] = 0;
                return;
            }
            dst[o++] = (char)('0' + d);
            continue;
        }
        char c = v[i];
        if (c == ' ' || c == '-' || c == '+' || c == '(' || c == ')') {
            i++;
            continue;
        }
        field_error_add(errs, field, fa, "only digits are allowed");
        dst[0] = 0;
        return;
    }
    dst[o] = 0;
}

bool unit_from_fields(field_getter get, void *ctx, struct unit *u, const char **county_text,
                      struct field_errors *errs) {
    int before = errs->n;
    /* National ID: 11 digits (legal ID) or 10 (owner's national code), checksums. */
    const char *nid = get_text(get, ctx, "national_id");
    if (blank(nid)) {
        field_error_add(errs, "national_id", "شناسه ملی یا کد ملی مالک را وارد کنید.",
                        "national_id is required");
    } else {
        enum fa_id_kind found = FA_ID_AUTO;
        fa_err err = {0};
        if (fa_id_check(nid, strlen(nid), FA_ID_AUTO, &found, u->national_id, &err) != 0) {
            field_error_add(errs, "national_id", err.fa, err.en);
        } else if (found == FA_ID_LEGAL_ID || found == FA_ID_NATIONAL_CODE) {
            snprintf(u->id_kind, sizeof u->id_kind, "%s", fa_id_kind_name(found));
        } else {
            field_error_add(errs, "national_id", "شناسه ملی باید ۱۱ رقم و کد ملی ۱۰ رقم باشد.",
                            "national_id must be an 11-digit legal ID or a 10-digit national code");
        }
    }
    text_field(get, ctx, "name", u->name, sizeof u->name, true,
               "نام واحد را وارد کنید (حداکثر ۲۵۰ نویسه).", errs);
    digits_field(get, ctx, "business_id", u->business_id, sizeof u->business_id,
                 "شناسه کسب‌وکار فقط از رقم تشکیل می‌شود.", errs);

    const char *lk = get_text(get, ctx, "licence_kind");
    const char *lk_code = blank(lk) ? "none" : vocab_parse(licence_kinds, lk);
    if (!lk_code)
        field_error_add(errs, "licence_kind",
                        "نوع مجوز یکی از این‌هاست: جواز تأسیس، پروانه بهره‌برداری، پروانه کسب، "
                        "بدون مجوز.",
                        "licence_kind must be establishment, operating, guild or none");
    else snprintf(u->licence_kind, sizeof u->licence_kind, "%s", lk_code);
    text_field(get, ctx, "licence_no", u->licence_no, sizeof u->licence_no, false,
               "شماره مجوز بیش از حد بلند است.", errs);
    if (lk_code && strcmp(lk_code, "none") && !u->licence_no[0] &&
        !field_error_for(errs, "licence_no"))
        field_error_add(errs, "licence_no", "شماره مجوز را وارد کنید.",
                        "licence_no is required when the unit has a licence");

    const char *isic = get_text(get, ctx, "isic");
    u->isic[0] = 0;
    if (!blank(isic)) {
        char digits[8];
        struct field_errors tmp = {0};
        digits_field(get, ctx, "isic", digits, sizeof digits, "", &tmp);
        if (tmp.n || strlen(digits) != 4)
            field_error_add(errs, "isic", "کد فعالیت (ISIC) چهار رقم است، مانند ۱۵۲۰.",
                            "isic must be a 4-digit ISIC Rev.4 class");
        else memcpy(u->isic, digits, 5);
    }

    const char *emp = get_text(get, ctx, "employees");
    u->employees = 0;
    if (!blank(emp)) {
        int64_t n;
        if (fa_num_parse_i64(emp, strlen(emp), &n, NULL) != 0 || n < 0 || n > 100000)
            field_error_add(errs, "employees", "تعداد کارکنان عددی بین ۰ و ۱۰۰٬۰۰۰ است.",
                            "employees must be a whole number from 0 to 100000");
        else u->employees = n;
    }

    const char *st = get_text(get, ctx, "state");
    const char *st_code = blank(st) ? "active" : vocab_parse(unit_states, st);
    if (!st_code)
        field_error_add(errs, "state", "وضعیت یکی از این‌هاست: فعال، نیمه‌فعال، راکد.",
                        "state must be active, semi_active or idle");
    else snprintf(u->state, sizeof u->state, "%s", st_code);

    const char *lat = get_text(get, ctx, "lat"), *lon = get_text(get, ctx, "lon");
    u->has_location = false;
    if (!blank(lat) || !blank(lon)) {
        bool ok_lat = registry_parse_coordinate(lat, -90, 90, &u->lat);
        bool ok_lon = registry_parse_coordinate(lon, -180, 180, &u->lon);
        if (!ok_lat) field_error_add(errs, "lat", "عرض جغرافیایی عددی بین ‎-۹۰ و ۹۰ است.",
                                     "lat must be a number from -90 to 90");
        if (!ok_lon) field_error_add(errs, "lon", "طول جغرافیایی عددی بین ‎-۱۸۰ و ۱۸۰ است.",
                                     "lon must be a number from -180 to 180");
        if (ok_lat && ok_lon) {
            if (!registry_in_iran(u->lat, u->lon))
                field_error_add(errs, "lat", "این مختصات بیرون از ایران است.",
                                "the coordinates are outside Iran");
            else u->has_location = true;
        }
    }
    text_field(get, ctx, "address", u->address, sizeof u->address, false,
               "نشانی بیش از حد بلند است.", errs);

    const char *pc = get_text(get, ctx, "postal_code");
    u->postal_code[0] = 0;
    if (!blank(pc)) {
        fa_err err = {0};
        char digits[12];
        if (fa_id_check(pc, strlen(pc), FA_ID_POSTAL_CODE, NULL, digits, &err) != 0)
            field_error_add(errs, "postal_code", err.fa, err.en);
        else snprintf(u->postal_code, sizeof u->postal_code, "%s", digits);
    }

    *county_text = get_text(get, ctx, "county");
    const char *zone = get_text(get, ctx, "zone_id");
    u->zone_id = 0;
    if (!blank(zone)) {
        int64_t z;
        if (fa_num_parse_i64(zone, strlen(zone), &z, NULL) != 0 || z <= 0)
            field_error_add(errs, "zone_id", "محدوده انتخاب‌شده معتبر نیست.",
                            "zone_id must be the id of a zone");
        else u->zone_id = z;
    }
    text_field(get, ctx, "contact_name", u->contact_name, sizeof u->contact_name, false,
               "نام رابط بیش از حد بلند است.", errs);
    digits_field(get, ctx, "phone", u->phone, sizeof u->phone,
                 "شماره تلفن فقط از رقم تشکیل می‌شود.", errs);
    return errs->n == before;
}

bool zone_from_fields(field_getter get, void *ctx, struct zone_input *z, const char **county_text,
                      struct field_errors *errs) {
    int before = errs->n;
    const char *kind = vocab_parse(zone_kinds, get_text(get, ctx, "kind"));
    if (!kind)
        field_error_add(errs, "kind", "نوع محدوده را انتخاب کنید.",
                        "kind must be spot, gov_park, nongov_park or specialised_park");
    else snprintf(z->kind, sizeof z->kind, "%s", kind);
    text_field(get, ctx, "name", z->name, sizeof z->name, true,
               "نام محدوده را وارد کنید (حداکثر ۲۵۰ نویسه).", errs);
    *county_text = get_text(get, ctx, "county");
    if (blank(*county_text))
        field_error_add(errs, "county", "شهرستان را انتخاب کنید.", "county is required");
    const char *lat = get_text(get, ctx, "center_lat"), *lon = get_text(get, ctx, "center_lon");
    z->has_center = false;
    if (!blank(lat) || !blank(lon)) {
        bool ok = registry_parse_coordinate(lat, -90, 90, &z->center_lat) &&
                  registry_parse_coordinate(lon, -180, 180, &z->center_lon);
        if (!ok || !registry_in_iran(z->center_lat, z->center_lon))
            field_error_add(errs, "center_lat", "مختصات مرکز باید عدد و درون ایران باشد.",
                            "center must be numeric coordinates inside Iran");
        else z->has_center = true;
    }
    const char *area = get_text(get, ctx, "area_ha");
    z->area_ha = -1;
    if (!blank(area)) {
        int64_t fixed;
        if (fa_num_parse_fixed(area, strlen(area), 2, &fixed, NULL) != 0 || fixed < 0 ||
            fixed > 100000000)
            field_error_add(errs, "area_ha", "مساحت به هکتار عددی نامنفی است، مانند ۱۲٫۵.",
                            "area_ha must be a non-negative number of hectares");
        else z->area_ha = (double)fixed / 100.0;
    }
    const char *stage = get_text(get, ctx, "stage");
    z->stage[0] = 0;
    if (!blank(stage)) {
        const char *code = vocab_parse(zone_stages, stage);
        if (!code)
            field_error_add(errs, "stage", "مرحله تبدیل معتبر نیست.", "unknown conversion stage");
        else if (kind && strcmp(kind, "spot") != 0)
            field_error_add(errs, "stage", "مرحله تبدیل فقط برای لکه‌های صنعتی است.",
                            "only industrial spots have a conversion stage");
        else snprintf(z->stage, sizeof z->stage, "%s", code);
    }
    text_field(get, ctx, "notes", z->notes, sizeof z->notes, false, "یادداشت بیش از حد بلند است.",
               errs);
    return errs->n == before;
}
