/* zone_fields — see zone_fields.h. Vocabulary cells accept the code or the Persian
 * label (vocab_parse); the stage date accepts a Jalali date in any digits
 * («۱۴۰۳/۰۵/۱۲») or an ISO Gregorian one. */
#include "registry/zone_fields.h"

#include <stdio.h>
#include <string.h>

#include "text/fa_date.h"
#include "text/fa_num.h"

const char *const zone_import_fields[] = {
    "kind",  "name",        "county", "lat",   "lon",      "area_ha", "stage",    "stage_date",
    "notes", "water",       "electricity", "gas", "telecom", "road",  "sewage",   NULL};

static bool blank(const char *s) {
    if (!s) return true;
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n') return false;
    return true;
}

static const char *text(field_getter get, void *ctx, const char *f) {
    const char *v = get(ctx, f);
    return v ? v : "";
}

bool zone_from_fields(field_getter get, void *ctx, struct zone_record *z,
                      const char **county_text, struct field_errors *errs) {
    int before = errs->n;
    memset(z, 0, sizeof *z);
    const char *kind = vocab_parse(zone_kinds, text(get, ctx, "kind"));
    if (!kind)
        field_error_add(errs, "kind",
                        "نوع محدوده یکی از این‌هاست: لکه صنعتی، شهرک صنعتی، شهرک صنعتی غیردولتی، "
                        "شهرک صنعتی تخصصی.",
                        "kind must be spot, gov_park, nongov_park or specialised_park");
    else snprintf(z->kind, sizeof z->kind, "%s", kind);
    if (!registry_copy_text(z->name, sizeof z->name, text(get, ctx, "name")) || !z->name[0])
        field_error_add(errs, "name", "نام محدوده را وارد کنید (حداکثر ۲۵۰ نویسه).",
                        "name is required (at most 250 characters)");
    *county_text = text(get, ctx, "county");
    if (blank(*county_text))
        field_error_add(errs, "county", "شهرستان محدوده را وارد کنید.", "county is required");

    const char *lat = text(get, ctx, "lat"), *lon = text(get, ctx, "lon");
    if (!blank(lat) || !blank(lon)) {
        bool ok_lat = registry_parse_coordinate(lat, -90, 90, &z->lat);
        bool ok_lon = registry_parse_coordinate(lon, -180, 180, &z->lon);
        if (!ok_lat || !ok_lon || !registry_in_iran(z->lat, z->lon))
            field_error_add(errs, ok_lat ? "lon" : "lat",
                            "مختصات مرکز محدوده باید عدد و درون ایران باشد.",
                            "the centre must be numeric coordinates inside Iran");
        else z->has_center = true;
    }
    z->area_ha = -1;
    const char *area = text(get, ctx, "area_ha");
    if (!blank(area)) {
        int64_t fixed;
        if (fa_num_parse_fixed(area, strlen(area), 2, &fixed, NULL) != 0 || fixed < 0 ||
            fixed > 10000000)
            field_error_add(errs, "area_ha", "مساحت (هکتار) عددی نامنفی است.",
                            "area_ha must be a non-negative number of hectares");
        else z->area_ha = (double)fixed / 100.0;
    }
    const char *stage = text(get, ctx, "stage");
    if (!blank(stage)) {
        const char *code = vocab_parse(zone_stages, stage);
        if (!code)
            field_error_add(errs, "stage", "مرحله تبدیل از فهرست مراحل نیست.",
                            "stage is not one of the conversion stages");
        else if (kind && strcmp(kind, "spot") != 0)
            field_error_add(errs, "stage", "مرحله تبدیل فقط برای لکه‌های صنعتی است.",
                            "only industrial spots have a conversion stage");
        else snprintf(z->stage, sizeof z->stage, "%s", code);
    }
    const char *sd = text(get, ctx, "stage_date");
    if (!blank(sd)) {
        int y, m, d;
        size_t n = strlen(sd);
        if (fa_jalali_parse_to_gregorian(sd, n, &y, &m, &d, NULL) != 0 &&
            fa_gregorian_parse(sd, n, &y, &m, &d, NULL) != 0)
            field_error_add(errs, "stage_date", "تاریخ مرحله را به شکل ۱۴۰۳/۰۵/۱۲ وارد کنید.",
                            "stage_date must be a date such as 1403/05/12");
        else {
            char tmp[32];
            snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
            memcpy(z->stage_date, tmp, 10);
            z->stage_date[10] = 0;
        }
    }
    if (!registry_copy_text(z->notes, sizeof z->notes, text(get, ctx, "notes")))
        field_error_add(errs, "notes", "توضیحات بیش از حد بلند است.", "notes are too long");
    for (int u = 0; utilities[u].code; u++) {
        const char *v = text(get, ctx, utilities[u].code);
        if (blank(v)) continue;
        const char *st = vocab_parse(infra_states, v);
        if (!st) {
            field_error_add(errs, utilities[u].code,
                            "وضعیت زیرساخت یکی از این‌هاست: ندارد، ناقص، کامل.",
                            "infrastructure state must be none, partial or full");
            continue;
        }
        snprintf(z->infra[z->ninfra].utility, sizeof z->infra[0].utility, "%s", utilities[u].code);
        snprintf(z->infra[z->ninfra].state, sizeof z->infra[0].state, "%s", st);
        z->ninfra++;
    }
    return errs->n == before;
}
