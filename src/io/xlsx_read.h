/* xlsx_read — the rows of the first worksheet of an Office Open XML workbook (.xlsx),
 * with libzip for the archive and libxml2's streaming reader for the XML.
 *
 * Design: the shared strings (xl/sharedStrings.xml) are read whole into one arena
 * of NUL-terminated strings (bounded); the sheet is streamed row by row, so a large
 * sheet costs one row of memory. The first sheet is the first <sheet> of
 * xl/workbook.xml, resolved through xl/_rels/workbook.xml.rels. Cells are placed by
 * their reference (B7 → column 2); missing cells are empty. Numbers are written
 * back shortest-exact ("35.5525", "10320123456"), booleans as 0/1, inline and
 * formula strings as their text. Entities are not expanded and no network access
 * is made. A damaged or truncated archive, or a ZIP that is no workbook, is an
 * error with a Persian and an English message. */
#ifndef TASHIL_XLSX_READ_H
#define TASHIL_XLSX_READ_H

#include <stddef.h>

typedef struct xlsx_reader xlsx_reader;

struct xlsx_error {
    char fa[256];
    char en[192];
};

/* Opens a workbook from a file or from memory (which must outlive the reader). */
int xlsx_open_file(const char *path, xlsx_reader **out, struct xlsx_error *err);
int xlsx_open_mem(const void *data, size_t len, xlsx_reader **out, struct xlsx_error *err);

/* The next non-empty row: 1 with its cells (valid until the next call) and its row
 * number, 0 at the end, -1 on an error (err filled). */
int xlsx_next_row(xlsx_reader *x, const char *const **cells, size_t *n, unsigned long *row,
                  struct xlsx_error *err);

void xlsx_close(xlsx_reader *x);

#endif
