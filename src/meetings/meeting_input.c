/* meeting_input — see meeting_input.h. */
#include "meetings/meeting_input.h"

#include <stdio.h>
#include <string.h>

#include "cases/case_input.h"
#include "cases/case_workdays.h"
#include "text/fa_num.h"

static int64_t parse_id(const char *s) {
    int64_t v;
    if (!s || !*s || fa_num_parse_i64(s, strlen(s), &v, NULL) != 0 || v <= 0) return 0;
    return v;
}

static bool blank(const char *s) {
    if (!s) return true;
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n') return false;
    return true;
}

static size_t chars(const char *s) {
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}

/* A one-line name (place, chair, …): trimmed, at most MEETING_NAME_MAX characters.
 * The messages are static strings: field_errors keeps the pointers. */
static void name_field(field_getter get, void *ctx, const char *field, const char *missing_fa,
                       char *dst, size_t cap, struct field_errors *errs) {
    const char *v = get(ctx, field);
    dst[0] = 0;
    if (blank(v)) {
        if (missing_fa) field_error_add(errs, field, missing_fa, "required");
        return;
    }
    if (!registry_copy_text(dst, cap, v) || strpbrk(dst, "\r\n") || chars(dst) > MEETING_NAME_MAX) {
        dst[0] = 0;
        field_error_add(errs, field, "باید یک سطر و حداکثر ۲۰۰ نویسه باشد.",
                        "must be one line of at most 200 characters");
    }
}

bool meeting_text_from_field(field_getter get, void *ctx, const char *field, bool required,
                             char *dst, size_t cap, struct field_errors *errs) {
    const char *v = get(ctx, field);
    dst[0] = 0;
    if (blank(v)) {
        if (required) field_error_add(errs, field, "متن را بنویسید.", "text is required");
        return !required;
    }
    if (!case_copy_multiline(dst, cap, v)) {
        dst[0] = 0;
        field_error_add(errs, field, "متن بیش از اندازه بلند است (حداکثر ۸۰۰۰ بایت) یا نویسه نامعتبر دارد.",
                        "text too long (at most 8000 bytes) or has control characters");
        return false;
    }
    return true;
}

bool meeting_time_parse(const char *text, char out[6]) {
    if (!text) return false;
    /* Fold any digit script to ASCII through the number parser, part by part. */
    const char *colon = strchr(text, ':');
    if (!colon) return false;
    int64_t h, m;
    if (fa_num_parse_i64(text, (size_t)(colon - text), &h, NULL) != 0 ||
        fa_num_parse_i64(colon + 1, strlen(colon + 1), &m, NULL) != 0)
        return false;
    if (h < 0 || h > 23 || m < 0 || m > 59 || strlen(colon + 1) > 12) return false;
    snprintf(out, 6, "%02d:%02d", (int)h, (int)m);
    return true;
}

static void date_field(field_getter get, void *ctx, const char *field, bool jalali,
                       const char *missing_fa, char out[11], struct field_errors *errs) {
    const char *v = get(ctx, field);
    out[0] = 0;
    if (blank(v)) {
        field_error_add(errs, field, missing_fa, "a date is required");
        return;
    }
    /* A year outside 1970–2199 is a typing slip (a Jalali date typed where an ISO
     * one was expected reads as the year 1405). */
    if (strlen(v) > 64 || !case_date_parse(v, jalali, out) || strcmp(out, "1970-01-01") < 0 ||
        strcmp(out, "2200-01-01") >= 0) {
        out[0] = 0;
        field_error_add(errs, field,
                        jalali ? "تاریخ را به شکل ۱۴۰۵/۰۸/۲۱ بنویسید."
                               : "تاریخ را به شکل 2026-11-12 بنویسید.",
                        "not a valid date (YYYY-MM-DD)");
    }
}

bool meeting_input_from_fields(field_getter get, void *ctx, bool jalali,
                               struct meeting_input *in, struct field_errors *errs) {
    memset(in, 0, sizeof *in);
    in->body_id = parse_id(get(ctx, "body_id"));
    if (!in->body_id)
        field_error_add(errs, "body_id", "کارگروه یا کمیته را انتخاب کنید.", "body_id is required");
    date_field(get, ctx, "held_on", jalali, "تاریخ جلسه را بنویسید.", in->held_on, errs);
    const char *t = get(ctx, "starts_at");
    if (!blank(t) && !meeting_time_parse(t, in->starts_at))
        field_error_add(errs, "starts_at", "ساعت جلسه را به شکل ۱۰:۳۰ بنویسید.",
                        "starts_at must be a time such as 10:30");
    name_field(get, ctx, "place", NULL, in->place, sizeof in->place, errs);
    name_field(get, ctx, "chair", NULL, in->chair, sizeof in->chair, errs);
    name_field(get, ctx, "secretary", NULL, in->secretary, sizeof in->secretary,
               errs);
    return errs->n == 0;
}

bool attendee_input_from_fields(field_getter get, void *ctx, struct attendee_input *in,
                                struct field_errors *errs) {
    memset(in, 0, sizeof *in);
    name_field(get, ctx, "name", "نام حاضر را بنویسید.", in->name, sizeof in->name, errs);
    name_field(get, ctx, "position", NULL, in->position, sizeof in->position, errs);
    const char *a = get(ctx, "agency_id");
    if (!blank(a) && !(in->agency_id = parse_id(a)))
        field_error_add(errs, "agency_id", "دستگاه را از فهرست انتخاب کنید.",
                        "agency_id must be an agency's id");
    const char *fa = get(ctx, "full_authority");
    in->full_authority = fa && (!strcmp(fa, "1") || !strcmp(fa, "on") || !strcmp(fa, "true"));
    if (fa && *fa && !in->full_authority && strcmp(fa, "0") && strcmp(fa, "false"))
        field_error_add(errs, "full_authority", "مقدار «با اختیار تام» نامعتبر است.",
                        "full_authority must be true or false");
    return errs->n == 0;
}

/* "12، 15 ۱۷" → ids; false on anything else. */
static bool parse_case_ids(const char *s, struct resolution_input *in) {
    size_t n = strlen(s);
    size_t i = 0;
    while (i < n) {
        /* separators: space, comma, Persian comma (U+060C, D8 8C), tab, newline */
        if (s[i] == ' ' || s[i] == ',' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
            i++;
            continue;
        }
        if ((unsigned char)s[i] == 0xD8 && i + 1 < n && (unsigned char)s[i + 1] == 0x8C) {
            i += 2;
            continue;
        }
        size_t j = i;
        while (j < n && s[j] != ' ' && s[j] != ',' && s[j] != '\t' && s[j] != '\n' &&
               s[j] != '\r' && !((unsigned char)s[j] == 0xD8 && j + 1 < n &&
                                 (unsigned char)s[j + 1] == 0x8C))
            j++;
        int64_t v;
        if (fa_num_parse_i64(s + i, j - i, &v, NULL) != 0 || v <= 0) return false;
        bool seen = false;
        for (int k = 0; k < in->ncases; k++) seen |= in->case_ids[k] == v;
        if (!seen) {
            if (in->ncases == RESOLUTION_CASES_MAX) return false;
            in->case_ids[in->ncases++] = v;
        }
        i = j;
    }
    return true;
}

bool resolution_input_from_fields(field_getter get, void *ctx, bool jalali, bool amending,
                                  const char *today, struct resolution_input *in,
                                  struct field_errors *errs) {
    memset(in, 0, sizeof *in);
    if (!amending) {
        in->item_id = parse_id(get(ctx, "item_id"));
        if (!in->item_id)
            field_error_add(errs, "item_id", "بند دستور جلسه را انتخاب کنید.", "item_id is required");
    }
    meeting_text_from_field(get, ctx, "text", true, in->text, sizeof in->text, errs);
    in->agency_id = parse_id(get(ctx, "agency_id"));
    if (!in->agency_id)
        field_error_add(errs, "agency_id", "دستگاه مسئول اجرای مصوبه را انتخاب کنید.",
                        "agency_id (the responsible agency) is required");
    date_field(get, ctx, "deadline", jalali, "مهلت اجرای مصوبه را بنویسید.", in->deadline, errs);
    if (in->deadline[0] && today && strcmp(in->deadline, today) < 0) {
        in->deadline[0] = 0;
        field_error_add(errs, "deadline", "مهلت اجرا نمی‌تواند پیش از امروز باشد.",
                        "deadline is in the past");
    }
    const char *ids = get(ctx, "case_ids");
    if (!blank(ids) && (strlen(ids) > 1024 || !parse_case_ids(ids, in)))
        field_error_add(errs, "case_ids", "شماره پرونده‌ها را با رقم و جدا با «،» بنویسید (حداکثر ۱۶).",
                        "case_ids must be up to 16 case numbers separated by commas");
    return errs->n == 0;
}

bool outcome_input_from_fields(field_getter get, void *ctx, struct outcome_input *in,
                               struct field_errors *errs) {
    memset(in, 0, sizeof *in);
    int o = resolution_state_parse(get(ctx, "outcome"));
    if (o < 0 || !resolution_state_is_outcome((enum resolution_state)o)) {
        field_error_add(errs, "outcome", resolution_error_fa(RES_EOUTCOME),
                        "outcome must be carried_out, partly or not_carried_out");
        o = -1;
    } else {
        in->outcome = (enum resolution_state)o;
    }
    const char *f = get(ctx, "fault");
    int fault = resolution_fault_parse(f ? f : "");
    if (fault < 0) {
        field_error_add(errs, "fault", "مقصر باید «متقاضی» یا «دستگاه» باشد.",
                        "fault must be applicant or agency");
    } else {
        in->fault = (enum resolution_fault)fault;
        if (o >= 0 && resolution_check_outcome(in->outcome, in->fault) != RES_OK)
            field_error_add(errs, "fault", resolution_error_fa(RES_EFAULT),
                            in->outcome == RES_CARRIED_OUT
                                ? "a carried-out resolution has no fault"
                                : "partly / not carried out needs fault: applicant or agency");
    }
    meeting_text_from_field(get, ctx, "evidence", true, in->evidence, sizeof in->evidence, errs);
    return errs->n == 0;
}
