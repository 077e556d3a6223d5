/* promise — see promise.h. */
#include "promise/promise.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/utf8.h"
#include "text/fa_date.h"

static const struct {
    const char *code, *fa;
} ratings[PR_COUNT] = {
    {"not_rated", "بررسی نشده"},  {"in_the_works", "در دست اقدام"},
    {"stalled", "متوقف"},         {"kept", "محقق شد"},
    {"compromise", "تا حدی محقق شد"}, {"broken", "محقق نشد"},
};

static const struct {
    const char *code, *fa;
} kinds[OCC_COUNT] = {
    {"visit", "بازدید"}, {"session", "جلسه"}, {"interview", "گفت‌وگو"}, {"other", "دیگر"},
};

const char *promise_rating_code(int r) { return r >= 0 && r < PR_COUNT ? ratings[r].code : NULL; }
const char *promise_rating_label_fa(int r) {
    return r >= 0 && r < PR_COUNT ? ratings[r].fa : NULL;
}
int promise_rating_from_code(const char *code) {
    for (int i = 0; code && i < PR_COUNT; i++)
        if (!strcmp(code, ratings[i].code)) return i;
    return -1;
}

const char *occasion_kind_code(int k) { return k >= 0 && k < OCC_COUNT ? kinds[k].code : NULL; }
const char *occasion_kind_label_fa(int k) {
    return k >= 0 && k < OCC_COUNT ? kinds[k].fa : NULL;
}
int occasion_kind_from_code(const char *code) {
    for (int i = 0; code && i < OCC_COUNT; i++)
        if (!strcmp(code, kinds[i].code)) return i;
    return -1;
}

const char *promise_error_for(const struct promise_errors *errs, const char *field) {
    for (int i = 0; errs && i < errs->n; i++)
        if (!strcmp(errs->e[i].field, field)) return errs->e[i].fa;
    return NULL;
}

static void add_error(struct promise_errors *errs, const char *field, const char *fa,
                      const char *en) {
    if (errs->n < PROMISE_MAX_ERRORS) errs->e[errs->n++] = (struct promise_field_error){field, fa, en};
}

/* Bytes of white space at p: ASCII space/tab/CR/LF, NBSP (C2 A0), ZWNJ (E2 80 8C). */
static size_t space_at(const char *p, size_t left) {
    unsigned char c = (unsigned char)p[0];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return 1;
    if (left >= 2 && c == 0xC2 && (unsigned char)p[1] == 0xA0) return 2;
    if (left >= 3 && c == 0xE2 && (unsigned char)p[1] == 0x80 && (unsigned char)p[2] == 0x8C)
        return 3;
    return 0;
}

static size_t space_before(const char *s, size_t end) {
    if (end >= 1 && space_at(s + end - 1, 1) == 1) return 1;
    if (end >= 2 && space_at(s + end - 2, 2) == 2) return 2;
    if (end >= 3 && space_at(s + end - 3, 3) == 3) return 3;
    return 0;
}

char *promise_trim(arena *a, const char *s) {
    if (!s) return arena_strdup(a, "");
    size_t n = strlen(s), start = 0, k;
    while (start < n && (k = space_at(s + start, n - start))) start += k;
    while (n > start && (k = space_before(s, n))) n -= k;
    return arena_strndup(a, s + start, n - start);
}

bool promise_url_ok(const char *s) {
    if (!s) return false;
    const char *rest;
    if (!strncasecmp(s, "https://", 8)) rest = s + 8;
    else if (!strncasecmp(s, "http://", 7)) rest = s + 7;
    else return false;
    if (!*rest || *rest == '/') return false;
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p <= 0x20 || *p == '"' || *p == '<' || *p == '>') return false;
    return true;
}

void promise_iso_date(long long t, char out[11]) {
    int jy, jm, jd, h, m, gy, gm, gd;
    if (fa_unix_to_tehran((int64_t)t, &jy, &jm, &jd, &h, &m) == 0 &&
        fa_jalali_to_gregorian(jy, jm, jd, &gy, &gm, &gd) == 0) {
        snprintf(out, 11, "%04d-%02d-%02d", gy, gm, gd);
        return;
    }
    snprintf(out, 11, "1970-01-01");
}

/* A trimmed, required or optional text field with a byte limit. */
static const char *text_field(arena *a, struct promise_errors *errs, const char *field,
                              const char *raw, bool required, size_t max, const char *label_fa) {
    char *v = promise_trim(a, raw);
    if (!v) {
        add_error(errs, field, "حافظه کافی نیست.", "out of memory");
        return "";
    }
    if (required && !*v) {
        add_error(errs, field, arena_printf(a, "%s را وارد کنید.", label_fa),
                  arena_printf(a, "%s is required", field));
    } else if (strlen(v) > max) {
        add_error(errs, field, arena_printf(a, "%s بیش از اندازه بلند است.", label_fa),
                  arena_printf(a, "%s is too long", field));
    } else if (!utf8_valid(v, strlen(v)) || utf8_has_controls(v, strlen(v))) {
        add_error(errs, field, arena_printf(a, "%s نویسه‌های نامعتبر دارد.", label_fa),
                  arena_printf(a, "%s has invalid characters", field));
    }
    return v;
}

/* A Jalali date field into ISO Gregorian; "" allowed when optional. */
static void date_field(arena *a, struct promise_errors *errs, const char *field, const char *raw,
                       bool required, const char *label_fa, char out[11]) {
    out[0] = 0;
    char *v = promise_trim(a, raw);
    if (!v || !*v) {
        if (required)
            add_error(errs, field, arena_printf(a, "%s را وارد کنید.", label_fa),
                      arena_printf(a, "%s is required", field));
        return;
    }
    int gy, gm, gd;
    fa_err err = {0};
    if (fa_jalali_parse_to_gregorian(v, strlen(v), &gy, &gm, &gd, &err) != 0) {
        add_error(errs, field,
                  arena_printf(a, "%s را به شکل تاریخ شمسی بنویسید (مانند ۱۴۰۳/۰۵/۱۲): %s", label_fa,
                               err.fa ? err.fa : ""),
                  arena_printf(a, "%s is not a valid Jalali date", field));
        return;
    }
    snprintf(out, 11, "%04d-%02d-%02d", gy, gm, gd);
}

static void url_field(arena *a, struct promise_errors *errs, const char *field, const char *raw,
                      const char **out) {
    *out = text_field(a, errs, field, raw, false, PROMISE_URL_MAX, "نشانی منبع");
    if (**out && !promise_url_ok(*out))
        add_error(errs, field, "نشانی منبع باید با http:// یا https:// آغاز شود.",
                  "source_url must be an http(s) URL");
}

int promise_validate(const struct promise_input *in, const char *today_iso, arena *a,
                     struct promise_clean *out, struct promise_errors *errs) {
    memset(out, 0, sizeof *out);
    errs->n = 0;
    out->person = text_field(a, errs, "person", in->person, true, PROMISE_NAME_MAX, "نام گوینده");
    out->office = text_field(a, errs, "office", in->office, false, PROMISE_LINE_MAX, "سمت");
    date_field(a, errs, "said_on", in->said_on, true, "تاریخ وعده", out->said_on);
    if (out->said_on[0] && strcmp(out->said_on, today_iso) > 0)
        add_error(errs, "said_on", "تاریخ وعده نمی‌تواند در آینده باشد.", "said_on is in the future");
    out->county = text_field(a, errs, "county", in->county, false, PROMISE_LINE_MAX, "شهرستان");
    out->topic = text_field(a, errs, "topic", in->topic, false, PROMISE_LINE_MAX, "موضوع");
    out->summary = text_field(a, errs, "summary", in->summary, true, PROMISE_LINE_MAX, "خلاصه وعده");
    out->quote = text_field(a, errs, "quote", in->quote, true, PROMISE_QUOTE_MAX, "متن وعده");
    out->agency = text_field(a, errs, "agency", in->agency, false, PROMISE_LINE_MAX, "دستگاه مسئول");
    date_field(a, errs, "target_on", in->target_on, false, "موعد تحقق", out->target_on);
    if (out->target_on[0] && out->said_on[0] && strcmp(out->target_on, out->said_on) < 0)
        add_error(errs, "target_on", "موعد تحقق نمی‌تواند پیش از تاریخ وعده باشد.",
                  "target_on is before said_on");
    url_field(a, errs, "source_url", in->source_url, &out->source_url);
    out->occasion_title = text_field(a, errs, "occasion_title", in->occasion_title, false,
                                     PROMISE_LINE_MAX, "عنوان مناسبت");
    out->occasion_kind = -1;
    if (*out->occasion_title) {
        out->occasion_kind = occasion_kind_from_code(in->occasion_kind ? in->occasion_kind : "");
        if (out->occasion_kind < 0)
            add_error(errs, "occasion_kind", "نوع مناسبت را از فهرست برگزینید.",
                      "occasion_kind is not one of visit, session, interview, other");
    }
    return errs->n ? -1 : 0;
}

int promise_rating_validate(const struct rating_input *in, const char *said_on_iso,
                            const char *last_change_iso, const char *today_iso, arena *a,
                            struct rating_clean *out, struct promise_errors *errs) {
    memset(out, 0, sizeof *out);
    errs->n = 0;
    out->rating = promise_rating_from_code(in->rating);
    if (out->rating < 0)
        add_error(errs, "rating", "ارزیابی را از فهرست برگزینید.",
                  "rating must be one of in_the_works, stalled, kept, compromise, broken");
    else if (out->rating == PR_NOT_RATED)
        add_error(errs, "rating", "ارزیابی را نمی‌توان به «بررسی نشده» بازگرداند.",
                  "a rating cannot go back to not_rated");
    date_field(a, errs, "changed_on", in->changed_on, true, "تاریخ ارزیابی", out->changed_on);
    if (out->changed_on[0]) {
        if (strcmp(out->changed_on, today_iso) > 0)
            add_error(errs, "changed_on", "تاریخ ارزیابی نمی‌تواند در آینده باشد.",
                      "changed_on is in the future");
        else if (said_on_iso && strcmp(out->changed_on, said_on_iso) < 0)
            add_error(errs, "changed_on", "تاریخ ارزیابی نمی‌تواند پیش از تاریخ وعده باشد.",
                      "changed_on is before the promise");
        else if (last_change_iso && strcmp(out->changed_on, last_change_iso) < 0)
            add_error(errs, "changed_on", "تاریخ ارزیابی نمی‌تواند پیش از آخرین ارزیابی باشد.",
                      "changed_on is before the latest change");
    }
    out->source = text_field(a, errs, "source", in->source, true, PROMISE_URL_MAX, "منبع");
    out->note = text_field(a, errs, "note", in->note, true, PROMISE_NOTE_MAX, "توضیح");
    return errs->n ? -1 : 0;
}

int promise_suggestion_validate(const struct suggestion_input *in, arena *a,
                                struct suggestion_input *out, struct promise_errors *errs) {
    errs->n = 0;
    out->person = text_field(a, errs, "person", in->person, true, PROMISE_NAME_MAX, "نام گوینده");
    out->office = text_field(a, errs, "office", in->office, false, PROMISE_LINE_MAX, "سمت");
    out->said_on = text_field(a, errs, "said_on", in->said_on, false, 40, "تاریخ");
    out->county = text_field(a, errs, "county", in->county, false, PROMISE_LINE_MAX, "شهرستان");
    out->quote = text_field(a, errs, "quote", in->quote, true, PROMISE_QUOTE_MAX, "متن وعده");
    url_field(a, errs, "source_url", in->source_url, &out->source_url);
    out->contact = text_field(a, errs, "contact", in->contact, false, PROMISE_LINE_MAX,
                              "راه تماس");
    return errs->n ? -1 : 0;
}
