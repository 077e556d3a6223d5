/* import — the rules of a registry import, without I/O: which column is which field
 * (a header in Persian or English, compared by search key so «کد پستی», «کدپستی» and
 * «كد پستي» are one name), and the validation of each row into a unit or a zone,
 * with every problem reported by line and column in Persian and English.
 *
 * Rows are checked against reference data the caller loads from the store once
 * (counties, ISIC classes, zone ids) and against the rows before them (a national
 * ID, or a zone's county and name, may appear once per file). Reading files and
 * writing the store are the driver's (io/import_run). Not thread-safe per object. */
#ifndef TASHIL_IMPORT_H
#define TASHIL_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "registry/registry.h"
#include "registry/zone_fields.h"

enum import_kind { IMPORT_UNITS, IMPORT_ZONES };

/* Canonical field names of a kind (unit_fields or zone_import_fields). */
const char *const *import_fields(enum import_kind kind);
/* The Persian column name of a field (export headers, messages). */
const char *import_field_label(enum import_kind kind, const char *field);

/* --- the report ------------------------------------------------------------------ */
enum { IMPORT_MAX_PROBLEMS = 2000 };

struct import_problem {
    unsigned long line;  /* 0 for the file as a whole */
    char column[96];     /* the column as written in the header, "" for none */
    char fa[320];
    char en[240];
};

struct import_report {
    struct import_problem *items; /* the first IMPORT_MAX_PROBLEMS problems */
    size_t n, cap;
    long total;                   /* all problems, stored or not */
    long bad_rows;
    char notes[512];              /* ignored columns and the like (English) */
    char notes_fa[768];
};
void import_report_init(struct import_report *r);
void import_report_free(struct import_report *r);
void import_report_add(struct import_report *r, unsigned long line, const char *column,
                       const char *fa, const char *en);

/* --- reference data ---------------------------------------------------------------- */
struct import_refs;
struct import_refs *import_refs_new(void);
void import_refs_free(struct import_refs *refs);
int import_refs_add_county(struct import_refs *refs, int64_t id, const char *name);
void import_refs_add_isic(struct import_refs *refs, const char *code);
int import_refs_add_zone(struct import_refs *refs, int64_t id);
/* Call after the last add. */
void import_refs_ready(struct import_refs *refs);

/* --- the header ------------------------------------------------------------------- */
enum { IMPORT_MAX_COLUMNS = 64, IMPORT_FIELDS_MAX = 24 };
struct import_map {
    enum import_kind kind;
    size_t ncols;
    int field_of_col[IMPORT_MAX_COLUMNS];     /* index into import_fields, -1 ignored */
    char header[IMPORT_MAX_COLUMNS][96];      /* as written (trimmed, cut to fit) */
    int col_of_field[IMPORT_FIELDS_MAX];      /* -1 when the file has no such column */
};
/* Maps a header row. Returns 0, or -1 after reporting why the file cannot be read
 * (a required column missing, a column named twice, too many columns). */
int import_map_header(struct import_map *m, enum import_kind kind, const char *const *cells,
                      size_t n, struct import_report *rep);

/* --- rows ---------------------------------------------------------------------------- */
struct import_seen;
struct import_seen *import_seen_new(void);
void import_seen_free(struct import_seen *s);

struct import_row {
    const char *const *cells;
    size_t n;
    unsigned long line;
    bool strict_width; /* CSV: a row must have as many fields as the header */
};

/* True when the row is blank (every cell empty or spaces): such rows are skipped. */
bool import_row_blank(const struct import_row *row);

/* Validates one row into *u. Reports every problem; returns true when there is none. */
bool import_unit_row(const struct import_map *m, struct import_refs *refs,
                     struct import_seen *seen, const struct import_row *row, struct unit *u,
                     struct import_report *rep);
bool import_zone_row(const struct import_map *m, struct import_refs *refs,
                     struct import_seen *seen, const struct import_row *row,
                     struct zone_record *z, struct import_report *rep);

#endif
