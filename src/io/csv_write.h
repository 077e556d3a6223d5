/* csv_write — writing RFC 4180 CSV for people who open it in Excel: a UTF-8 byte
 * order mark first (so Excel reads the Persian), CRLF line ends, a field quoted
 * only when it holds a comma, quote, CR, LF or leading/trailing space.
 *
 * Formula injection: a text cell that starts with = + - @ would run as a formula in
 * a spreadsheet, so text fields marked `text` are written with a leading apostrophe
 * there (Excel's own "this is text" mark); the importer removes it again
 * (csv_unguard). Output goes to a buf the caller flushes (it may be a response
 * body or a file's write buffer). */
#ifndef TASHIL_CSV_WRITE_H
#define TASHIL_CSV_WRITE_H

#include <stdbool.h>

#include "core/buf.h"

void csv_write_bom(buf *b);
/* Appends one field; `first` says whether it opens a record (no comma before it). */
void csv_write_field(buf *b, const char *s, bool first, bool text);
void csv_write_eol(buf *b);

/* The text of a cell with the export's guard apostrophe removed ("'=x" → "=x"). */
const char *csv_unguard(const char *s);

#endif
