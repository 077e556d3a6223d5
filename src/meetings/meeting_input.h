/* meeting_input — turns outside text (a form or a JSON body, through a field_getter)
 * into a session's fields, an attendee, a resolution, an objection or an execution
 * outcome, or a list of field errors (Persian for people, English for the API).
 * Every problem is reported, not only the first. References (body, agency, item,
 * cases) are checked by the store. Pure: no I/O; `today` comes from the caller.
 * Dates are Jalali (any digits) when `jalali` is set (pages), else ISO (the API). */
#ifndef TASHIL_MEETING_INPUT_H
#define TASHIL_MEETING_INPUT_H

#include <stdbool.h>
#include <stdint.h>

#include "meetings/resolution.h"
#include "registry/registry.h"

enum {
    MEETING_NAME_MAX = 200,    /* place, chair, secretary, attendee name and position */
    MEETING_TEXT_MAX = 8000,   /* notes, resolution text, reasons, evidence */
    RESOLUTION_CASES_MAX = 16, /* cases one resolution may decide */
};

struct meeting_input {
    int64_t body_id;
    char held_on[11];  /* ISO */
    char starts_at[6]; /* HH:MM or "" */
    char place[MEETING_NAME_MAX * 2 + 1];
    char chair[MEETING_NAME_MAX * 2 + 1];
    char secretary[MEETING_NAME_MAX * 2 + 1];
};

struct attendee_input {
    char name[MEETING_NAME_MAX * 2 + 1];
    char position[MEETING_NAME_MAX * 2 + 1];
    int64_t agency_id; /* 0 = not an agency's representative */
    bool full_authority;
};

/* A resolution as issued, or as amended after an objection (item_id unused then). */
struct resolution_input {
    int64_t item_id;
    char text[MEETING_TEXT_MAX + 1];
    int64_t agency_id;
    char deadline[11]; /* ISO */
    int64_t case_ids[RESOLUTION_CASES_MAX];
    int ncases;
};

struct outcome_input {
    enum resolution_state outcome; /* carried out, partly or not carried out */
    enum resolution_fault fault;
    char evidence[MEETING_TEXT_MAX + 1];
};

bool meeting_input_from_fields(field_getter get, void *ctx, bool jalali,
                               struct meeting_input *in, struct field_errors *errs);
bool attendee_input_from_fields(field_getter get, void *ctx, struct attendee_input *in,
                                struct field_errors *errs);
/* Fields: item_id (unless amending), text, agency_id, deadline (not before today),
 * case_ids ("12، 15" — any digits, separated by commas, Persian commas or spaces). */
bool resolution_input_from_fields(field_getter get, void *ctx, bool jalali, bool amending,
                                  const char *today, struct resolution_input *in,
                                  struct field_errors *errs);
/* Fields: outcome (carried_out | partly | not_carried_out), fault (applicant | agency;
 * required unless carried out), evidence (required). */
bool outcome_input_from_fields(field_getter get, void *ctx, struct outcome_input *in,
                               struct field_errors *errs);
/* A required free text (objection reasons, ruling note, notes) into dst. */
bool meeting_text_from_field(field_getter get, void *ctx, const char *field, bool required,
                             char *dst, size_t cap, struct field_errors *errs);
/* "10:30", «۱۰:۳۰» → "10:30"; false when not a time of day. */
bool meeting_time_parse(const char *text, char out[6]);

#endif
