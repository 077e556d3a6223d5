/* xlsx_write — a one-sheet Excel workbook written row by row with libxlsxwriter in
 * constant-memory mode (each row goes to disk as it is written, strings inline), so
 * an export of any size costs one row of memory. The sheet is right-to-left with a
 * bold, frozen header row. Text cells stay text (national codes keep their leading
 * zeros); cells marked numeric are written as numbers. */
#ifndef TASHIL_XLSX_WRITE_H
#define TASHIL_XLSX_WRITE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"

typedef struct xlsx_writer xlsx_writer;

xlsx_writer *xlsx_writer_open(const char *path, const char *sheet_name);
/* Writes one row; numeric[i] marks cells to write as numbers when they parse. */
int xlsx_writer_row(xlsx_writer *w, const char *const *cells, const bool *numeric, size_t n,
                    bool header);
/* Closes and finishes the file; 0 on success. */
int xlsx_writer_close(xlsx_writer *w);

#endif
