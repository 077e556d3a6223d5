/* registry — the domain of production units, zones, agencies and obstacle
 * categories: the fixed vocabularies with their Persian labels (one word per idea,
 * from the glossary), and validation that turns outside text (a form, a JSON body,
 * a CSV row) into a typed record or a list of field errors. Pure: no I/O, no SQL;
 * references to other records (county, zone, ISIC class) are checked by the caller
 * against the store, which reports them through the same field-error list. */
#ifndef TASHIL_REGISTRY_H
#define TASHIL_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A fixed vocabulary: code (stored, API) and Persian label (interface). */
struct vocab {
    const char *code;
    const char *label_fa;
};

extern const struct vocab unit_states[];     /* active, semi_active, idle */
extern const struct vocab licence_kinds[];   /* establishment, operating, guild, none */
extern const struct vocab zone_kinds[];      /* spot, gov_park, nongov_park, specialised_park */
extern const struct vocab zone_stages[];     /* identified … operating_licence, in order */
extern const struct vocab utilities[];       /* water … sewage */
extern const struct vocab infra_states[];    /* none, partial, full */
extern const struct vocab agency_kinds[];    /* bank … other */

/* The label of a code in a vocabulary (NULL-terminated array), or the code itself. */
const char *vocab_label(const struct vocab *v, const char *code);
bool vocab_has(const struct vocab *v, const char *code);
/* Accepts a code or a Persian label (compared after search-key normalisation, so
 * «نیمه فعال», «نیمه‌فعال» and «نيمه فعال» all match); returns the code or NULL. */
const char *vocab_parse(const struct vocab *v, const char *text);
int vocab_index(const struct vocab *v, const char *code); /* -1 when absent */

/* Field errors collected while validating one record. */
enum { FIELD_ERRORS_MAX = 24 };
struct field_error {
    const char *field; /* canonical field name ("national_id") */
    const char *fa;    /* for people */
    const char *en;    /* for the API and import reports */
};
struct field_errors {
    int n;
    struct field_error e[FIELD_ERRORS_MAX];
};
void field_error_add(struct field_errors *errs, const char *field, const char *fa, const char *en);
const struct field_error *field_error_for(const struct field_errors *errs, const char *field);

/* A production unit as stored. Text fields are NUL-terminated and bounded. */
struct unit {
    int64_t id;
    char national_id[12];
    char id_kind[16];        /* "legal-id" or "national-code" */
    char business_id[32];
    char licence_kind[16];
    char licence_no[64];
    char name[256];
    char isic[5];            /* "" when unknown */
    int64_t employees;
    char state[16];
    bool has_location;
    double lat, lon;
    char address[512];
    char postal_code[12];
    int64_t county_id;       /* 0 when unknown */
    int64_t zone_id;         /* 0 when none */
    char contact_name[128];
    char phone[32];
    int64_t version;
    char created_at[21], updated_at[21];
};

/* Reads a field of the outside record by canonical name; NULL when absent. */
typedef const char *(*field_getter)(void *ctx, const char *field);

/* The unit fields, in the order of forms, exports and the import header. */
extern const char *const unit_fields[];

/* Fills u from outside text. Every problem is reported (not only the first).
 * County and zone are resolved by the caller: county_name is left in
 * *county_text for lookup, zone by id. Returns true when errs is empty. */
bool unit_from_fields(field_getter get, void *ctx, struct unit *u, const char **county_text,
                      struct field_errors *errs);

/* The editable fields of a zone (the store's struct zone adds aggregates). */
struct zone_input {
    char kind[24];
    char name[256];
    bool has_center;
    double center_lat, center_lon;
    double area_ha; /* < 0 when not given */
    char stage[32];
    char notes[1024];
};
bool zone_from_fields(field_getter get, void *ctx, struct zone_input *z, const char **county_text,
                      struct field_errors *errs);

/* Iran's extent with a margin, for "a coordinate outside Iran". */
bool registry_in_iran(double lat, double lon);

/* Parses a decimal coordinate in any digit script ("35٫55", "۵۱.۲۳"). */
bool registry_parse_coordinate(const char *s, double min, double max, double *out);

/* Copies trimmed text (spaces, tabs, newlines at both ends) into dst; false when it
 * does not fit or holds control characters. */
bool registry_copy_text(char *dst, size_t cap, const char *src);

#endif
