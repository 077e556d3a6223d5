/* fuzz_meeting_input — outside input to the sessions: a session's fields, an
 * attendee, a resolution (with its list of case numbers) and an outcome, each field
 * split from the input at NUL bytes.
 * Properties: never crash; an accepted session has an ISO date and an HH:MM time or
 * none; accepted texts hold no control characters but newlines and tabs and fit
 * their caps; an accepted resolution has an agency, a deadline not before "today"
 * and at most RESOLUTION_CASES_MAX positive, distinct case ids; an accepted outcome
 * agrees with its fault; every error message is a non-empty string. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cases/case_workdays.h"
#include "meetings/meeting_input.h"

enum { NPARTS = 8 };
static const char *const names[NPARTS] = {"body_id", "held_on", "starts_at", "place",
                                          "text",    "agency_id", "deadline", "case_ids"};
/* Other forms read the same parts under their own names. */
static const char *const aliases[][2] = {{"name", "place"}, {"position", "text"},
                                         {"item_id", "body_id"}, {"full_authority", "starts_at"},
                                         {"outcome", "held_on"}, {"fault", "starts_at"},
                                         {"evidence", "text"}, {"chair", "place"},
                                         {"secretary", "text"}};

struct parts {
    const char *v[NPARTS];
};

static const char *get(void *ctx, const char *field) {
    struct parts *p = ctx;
    for (size_t a = 0; a < sizeof aliases / sizeof *aliases; a++)
        if (!strcmp(field, aliases[a][0])) field = aliases[a][1];
    for (int i = 0; i < NPARTS; i++)
        if (!strcmp(field, names[i])) return p->v[i];
    return NULL;
}

static void text_ok(const char *s, size_t cap) {
    size_t n = strlen(s);
    if (n >= cap) abort();
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f) abort();
    }
}

static void errors_ok(const struct field_errors *e) {
    for (int i = 0; i < e->n; i++)
        if (!e->e[i].fa || !*e->e[i].fa || !e->e[i].en || !*e->e[i].en) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *copy = malloc(size + 1);
    if (!copy) return 0;
    memcpy(copy, data, size);
    copy[size] = 0;
    struct parts p;
    for (int i = 0; i < NPARTS; i++) p.v[i] = "";
    char *at = copy;
    for (int i = 0; i < NPARTS && at <= copy + size; i++) {
        p.v[i] = at;
        at += strlen(at) + 1;
    }
    struct field_errors errs = {0};
    struct meeting_input mi;
    if (meeting_input_from_fields(get, &p, size & 1, &mi, &errs)) {
        if (case_day_from_iso(mi.held_on) < 0) abort();
        if (mi.starts_at[0] && (strlen(mi.starts_at) != 5 || mi.starts_at[2] != ':')) abort();
        text_ok(mi.place, sizeof mi.place);
    }
    errors_ok(&errs);
    memset(&errs, 0, sizeof errs);
    struct attendee_input ai;
    if (attendee_input_from_fields(get, &p, &ai, &errs)) {
        text_ok(ai.name, sizeof ai.name);
        if (!ai.name[0] || strchr(ai.name, '\n')) abort();
    }
    errors_ok(&errs);
    memset(&errs, 0, sizeof errs);
    struct resolution_input *ri = malloc(sizeof *ri);
    if (ri && resolution_input_from_fields(get, &p, size & 2, size & 4, "2026-01-01", ri, &errs)) {
        text_ok(ri->text, sizeof ri->text);
        if (!ri->agency_id || strcmp(ri->deadline, "2026-01-01") < 0) abort();
        if (ri->ncases < 0 || ri->ncases > RESOLUTION_CASES_MAX) abort();
        for (int i = 0; i < ri->ncases; i++) {
            if (ri->case_ids[i] <= 0) abort();
            for (int k = 0; k < i; k++)
                if (ri->case_ids[k] == ri->case_ids[i]) abort();
        }
    }
    errors_ok(&errs);
    free(ri);
    memset(&errs, 0, sizeof errs);
    struct outcome_input *oi = malloc(sizeof *oi);
    if (oi && outcome_input_from_fields(get, &p, oi, &errs)) {
        if (resolution_check_outcome(oi->outcome, oi->fault) != RES_OK) abort();
        text_ok(oi->evidence, sizeof oi->evidence);
    }
    errors_ok(&errs);
    free(oi);
    char hm[6];
    if (meeting_time_parse(copy, hm) && (strlen(hm) != 5 || hm[2] != ':')) abort();
    free(copy);
    return 0;
}
