/* csv — a streaming RFC 4180 reader for files people send us (imports, points).
 *
 * Reads a FILE (in 64 KiB chunks) or a memory block one record at a time. Fields
 * are separated by commas; a field that starts with '"' is quoted and may hold
 * commas, line breaks and doubled quotes. Records end at LF or CRLF; a UTF-8 BOM at
 * the very start is skipped; the last record needs no line break. Strict where the
 * RFC is: a quote inside an unquoted field, text after a closing quote, an
 * unterminated quote, a bare CR outside quotes and NUL bytes are errors, each
 * reported with its physical line number. Field, record and field-count sizes are
 * capped, so hostile input costs bounded memory.
 *
 * Ownership: the reader owns its buffers; fields returned by csv_next point into
 * them and stay valid until the next csv_next or csv_free. Each field is also
 * NUL-terminated (no field can contain NUL). Not thread-safe per reader. */
#ifndef TASHIL_CSV_H
#define TASHIL_CSV_H

#include <stddef.h>
#include <stdio.h>

enum {
    CSV_EIO = -1,     /* reading the file failed */
    CSV_ESYNTAX = -2, /* malformed input */
    CSV_ELIMIT = -3,  /* a field, record or field count over its cap */
    CSV_ENOMEM = -4
};

typedef struct csv_limits {
    size_t max_field;  /* bytes in one field; default 64 KiB */
    size_t max_record; /* bytes in one record, all fields; default 1 MiB */
    size_t max_fields; /* fields in one record; default 1024 */
} csv_limits;

typedef struct csv_field {
    const char *s; /* NUL-terminated */
    size_t len;
} csv_field;

typedef struct csv_reader {
    FILE *f;                  /* NULL when reading memory */
    const unsigned char *in;  /* current input chunk */
    size_t in_len, in_pos;
    unsigned char *chunk;     /* file mode: the chunk buffer */
    int started, eof, err;
    unsigned long line;       /* physical line of the next byte, from 1 */
    unsigned long rec_line;   /* line where the last record started */
    unsigned long err_line;
    csv_limits lim;
    char *rec;                /* field bytes, each followed by NUL */
    size_t rec_len, rec_cap;
    size_t *offs;             /* field start offsets in rec */
    csv_field *fields;
    size_t nfields, fields_cap;
    char msg[160];
} csv_reader;

void csv_init_mem(csv_reader *r, const void *data, size_t len, const csv_limits *lim);
void csv_init_file(csv_reader *r, FILE *f, const csv_limits *lim); /* lim NULL: defaults */

/* Reads the next record: 1 and its fields, 0 at the end of input, or a negative
 * CSV_E* code (then every later call returns it too; see csv_error). */
int csv_next(csv_reader *r, const csv_field **fields, size_t *nfields);

unsigned long csv_record_line(const csv_reader *r); /* line where the last record began */
unsigned long csv_error_line(const csv_reader *r);  /* line of the error */
const char *csv_error(const csv_reader *r);         /* English, without the line */
void csv_free(csv_reader *r);

#endif
