/* table — reading the table in a file people upload: CSV (UTF-8, with or without a
 * BOM, or Windows-1256, detected and converted) or an Excel workbook (.xlsx).
 *
 * The format is found from the content, not the name: a ZIP signature is a
 * workbook; otherwise the first 64 KiB must be text. Text that is valid UTF-8 is
 * read as UTF-8; text that is not, but converts cleanly from Windows-1256 into
 * Arabic-script letters, is converted (a file through a temporary file, memory
 * through a buffer); anything else — binary data, an old .xls, UTF-16, an unknown
 * code page — is refused with a message saying so. CSV records are streamed
 * (core/csv); each must be valid UTF-8 or the file is refused at that line. */
#ifndef TASHIL_TABLE_H
#define TASHIL_TABLE_H

#include <stdbool.h>
#include <stddef.h>

enum table_format { TABLE_CSV = 1, TABLE_XLSX = 2 };

struct table_error {
    unsigned long line; /* 0 when not about one line */
    char fa[320];
    char en[240];
};

typedef struct table table;

int table_open_file(const char *path, table **out, struct table_error *err);
/* data must outlive the table. */
int table_open_mem(const void *data, size_t len, table **out, struct table_error *err);

/* 1 and the next record (cells valid until the next call), 0 at the end, -1 on an
 * error that ends the reading (err filled). */
int table_next(table *t, const char *const **cells, size_t *n, unsigned long *line,
               struct table_error *err);

enum table_format table_format_of(const table *t);
const char *table_encoding(const table *t); /* "UTF-8", "windows-1256" or "" (xlsx) */
bool table_strict_width(const table *t);     /* CSV: rows as wide as the header */
/* How far the reading is, 0..1 (files only; 0 when unknown). */
double table_progress(const table *t);
void table_close(table *t);

#endif
