/* fuzz_meeting_api_body — JSON request bodies of the sessions and resolutions API, read
 * as the handlers read them: the shape against the body's spec (api_meeting_json),
 * then the values through meetings/meeting_input with the JSON field getter. The
 * first byte picks the body (session, attendee, resolution, action: object, amend,
 * outcome); the rest is the body, parsed as the API parses it (json_loadb,
 * JSON_REJECT_DUPLICATES). "Today" is 2026-11-29.
 * Properties: never crash or leak; a refused shape names why; a refusal of values
 * names at least one field with an English message; an accepted input holds valid
 * UTF-8 text without control characters (but tabs; line breaks only in long texts)
 * within its cap, real ISO dates (a deadline not before today), positive ids, at
 * most RESOLUTION_CASES_MAX distinct cases, and an outcome whose fault fits. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"
#include "meetings/meeting_input.h"
#include "registry/registry_json.h"
#include "web/api_meeting_json.h"

#define TODAY "2026-11-29"

static void text_ok(const char *s, size_t cap, bool multiline) {
    size_t n = strlen(s);
    if (n >= cap || !utf8_valid(s, n)) abort();
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        bool allowed = c == '\t' || (multiline && (c == '\n' || c == '\r'));
        if ((c < 0x20 && !allowed) || c == 0x7f) abort();
    }
}

static void date_ok(const char *iso, bool required) {
    if (!iso[0] && !required) return;
    if (strlen(iso) != 10 || !registry_iso_date(iso)) abort();
}

static void errors_ok(const struct field_errors *errs) {
    if (errs->n <= 0) abort();
    for (int i = 0; i < errs->n; i++)
        if (!errs->e[i].field || !*errs->e[i].field || !errs->e[i].en || !*errs->e[i].en) abort();
}

static void resolution_ok(const struct resolution_input *in, bool amending) {
    if (!amending && in->item_id <= 0) abort();
    if (in->agency_id <= 0 || in->ncases < 0 || in->ncases > RESOLUTION_CASES_MAX) abort();
    text_ok(in->text, sizeof in->text, true);
    if (!in->text[0]) abort();
    date_ok(in->deadline, true);
    if (strcmp(in->deadline, TODAY) < 0) abort();
    for (int i = 0; i < in->ncases; i++) {
        if (in->case_ids[i] <= 0) abort();
        for (int k = 0; k < i; k++)
            if (in->case_ids[k] == in->case_ids[i]) abort();
    }
}

static void run(int which, json_t *doc, arena *a) {
    static const struct api_body_spec *const specs[] = {
        &api_body_meeting, &api_body_attendee, &api_body_resolution,
        &api_body_action,  &api_body_action,   &api_body_action,
    };
    struct json_shape_error shape;
    if (!api_body_shape_ok(doc, specs[which], &shape)) {
        if (!shape.message[0]) abort();
        /* the caller's member name is quoted whole: the error stays UTF-8 */
        if (!utf8_valid(shape.message, strlen(shape.message)) ||
            !utf8_valid(shape.field, strlen(shape.field)))
            abort();
        return;
    }
    struct api_body_fields fields = {doc, a};
    struct field_errors errs = {0};
    switch (which) {
    case 0: {
        struct meeting_input in;
        if (!meeting_input_from_fields(api_body_field, &fields, false, &in, &errs))
            return errors_ok(&errs);
        if (in.body_id <= 0) abort();
        date_ok(in.held_on, true);
        text_ok(in.place, sizeof in.place, false);
        text_ok(in.chair, sizeof in.chair, false);
        text_ok(in.secretary, sizeof in.secretary, false);
        if (in.starts_at[0] && (strlen(in.starts_at) != 5 || in.starts_at[2] != ':')) abort();
        return;
    }
    case 1: {
        struct attendee_input in;
        if (!attendee_input_from_fields(api_body_field, &fields, &in, &errs))
            return errors_ok(&errs);
        text_ok(in.name, sizeof in.name, false);
        text_ok(in.position, sizeof in.position, false);
        if (!in.name[0] || in.agency_id < 0) abort();
        return;
    }
    case 2:
    case 4: {
        struct resolution_input in;
        if (!resolution_input_from_fields(api_body_field, &fields, false, which == 4, TODAY, &in,
                                          &errs))
            return errors_ok(&errs);
        return resolution_ok(&in, which == 4);
    }
    case 3: {
        char reason[MEETING_TEXT_MAX + 1];
        if (!meeting_text_from_field(api_body_field, &fields, "reason", true, reason, sizeof reason,
                                     &errs))
            return errors_ok(&errs);
        text_ok(reason, sizeof reason, true);
        if (!reason[0]) abort();
        return;
    }
    default: {
        struct outcome_input in;
        if (!outcome_input_from_fields(api_body_field, &fields, &in, &errs))
            return errors_ok(&errs);
        if (resolution_check_outcome(in.outcome, in.fault) != RES_OK) abort();
        text_ok(in.evidence, sizeof in.evidence, true);
        if (!in.evidence[0]) abort();
        return;
    }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1 || size > 64 * 1024) return 0;
    json_t *doc = json_loadb((const char *)data + 1, size - 1, JSON_REJECT_DUPLICATES, NULL);
    if (!doc) return 0;
    arena a;
    arena_init(&a, 256 * 1024);
    run(data[0] % 6, doc, &a);
    arena_free(&a);
    json_decref(doc);
    return 0;
}
