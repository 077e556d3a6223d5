/* win1256 — Windows-1256 (the Arabic-script ANSI code page of Iranian offices' Excel
 * CSVs) to UTF-8 through ICU. Windows-1256 is one byte per character, so any chunk
 * converts on its own and a file converts in a stream. Conversion stops at a byte
 * ICU cannot map rather than substituting. */
#ifndef TASHIL_WIN1256_H
#define TASHIL_WIN1256_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/buf.h"

/* Appends the UTF-8 of in[0..n) to out. Returns 0, or -1 when a byte does not map
 * or the buffer refused. */
int win1256_to_utf8(const void *in, size_t n, buf *out);

/* True when the text converts cleanly, holds Arabic-script letters and no control
 * characters besides tab, CR and LF: what a Windows-1256 CSV looks like. */
bool win1256_plausible(const void *in, size_t n);

/* Converts the rest of `in` into a new temporary file (deleted when closed),
 * rewound; NULL on a read, write or conversion error. */
FILE *win1256_convert_file(FILE *in);

#endif
