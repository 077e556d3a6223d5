/* promise — the rules of the promise tracker: the ratings and their Persian words,
 * the kinds of occasion, and the validation of a new promise, of a rating change
 * and of a suggestion from the public.
 *
 * Design: pure functions over plain structs, no I/O and no database. Validators take
 * the raw form strings, trim them, check them, and either fill a clean struct (dates
 * converted from Jalali to ISO Gregorian, strings copied into the caller's arena) or
 * list every problem as (field, Persian message, English message) so a page can
 * show each message beside its field and an API can answer with the first. A rating
 * may move in either direction; what every change needs is a valid Jalali date (not
 * in the future, not before the promise or the previous change), a source and a note. */
#ifndef TASHIL_PROMISE_H
#define TASHIL_PROMISE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"

enum promise_rating {
    PR_NOT_RATED = 0,
    PR_IN_THE_WORKS,
    PR_STALLED,
    PR_KEPT,
    PR_COMPROMISE,
    PR_BROKEN,
    PR_COUNT
};

const char *promise_rating_code(int r);     /* "kept"; NULL when out of range */
const char *promise_rating_label_fa(int r); /* "محقق شد" */
int promise_rating_from_code(const char *code); /* -1 when not a rating */

enum occasion_kind { OCC_VISIT = 0, OCC_SESSION, OCC_INTERVIEW, OCC_OTHER, OCC_COUNT };
const char *occasion_kind_code(int k);     /* "visit" */
const char *occasion_kind_label_fa(int k); /* "بازدید" */
int occasion_kind_from_code(const char *code);

/* Limits on what a person may type (bytes of UTF-8). */
enum {
    PROMISE_NAME_MAX = 200,
    PROMISE_LINE_MAX = 400,    /* office, county, topic, agency, summary, titles */
    PROMISE_QUOTE_MAX = 4000,
    PROMISE_URL_MAX = 2000,
    PROMISE_NOTE_MAX = 4000,
    PROMISE_MAX_ERRORS = 16,
};

struct promise_field_error {
    const char *field; /* form field name */
    const char *fa;
    const char *en;
};

struct promise_errors {
    int n;
    struct promise_field_error e[PROMISE_MAX_ERRORS];
};

/* The Persian message for a field, or NULL when it has none. */
const char *promise_error_for(const struct promise_errors *errs, const char *field);

/* A new promise as typed. Dates are Jalali ("۱۴۰۳/۰۵/۱۲"); target_on and the
 * occasion may be empty. */
struct promise_input {
    const char *person, *office, *said_on, *county, *topic, *summary, *quote, *agency,
        *target_on, *source_url, *occasion_title, *occasion_kind;
};

struct promise_clean {
    const char *person, *office, *county, *topic, *summary, *quote, *agency, *source_url,
        *occasion_title;
    char said_on[11];   /* ISO Gregorian */
    char target_on[11]; /* "" when none */
    int occasion_kind;  /* -1 when no occasion */
};

/* today_iso is "YYYY-MM-DD" (the caller's clock). Returns 0 or -1 with errs filled. */
int promise_validate(const struct promise_input *in, const char *today_iso, arena *a,
                     struct promise_clean *out, struct promise_errors *errs);

struct rating_input {
    const char *rating, *changed_on, *source, *note;
};

struct rating_clean {
    int rating;
    char changed_on[11];
    const char *source, *note;
};

/* said_on_iso: the promise's date; last_change_iso: the latest change's date (or
 * NULL). Returns 0 or -1 with errs filled. */
int promise_rating_validate(const struct rating_input *in, const char *said_on_iso,
                            const char *last_change_iso, const char *today_iso, arena *a,
                            struct rating_clean *out, struct promise_errors *errs);

/* A suggestion from the public: a person and the words are required, the rest is
 * optional (the date as typed is kept and checked on review). */
struct suggestion_input {
    const char *person, *office, *said_on, *county, *quote, *source_url, *contact;
};
int promise_suggestion_validate(const struct suggestion_input *in, arena *a,
                                struct suggestion_input *out, struct promise_errors *errs);

/* A copy of s without surrounding white space (ASCII and U+200C/U+00A0 at the
 * ends), in the arena; "" for NULL. */
char *promise_trim(arena *a, const char *s);

/* True when s looks like an http(s) URL with a host. */
bool promise_url_ok(const char *s);

/* "YYYY-MM-DD" for a unix time, in UTC. */
void promise_iso_date(long long unix_seconds, char out[11]);

#endif
