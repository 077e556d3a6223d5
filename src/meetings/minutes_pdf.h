/* minutes_pdf — a session's minutes (صورتجلسه) as an A4 PDF: Persian, right to left,
 * set in the embedded Vazirmatn with pango (shaping, bidi) and cairo (PDF output).
 *
 * The page: 18 mm margins; the first page opens with the body, «صورتجلسه» and the
 * session's number, date, time and place; then «حاضران» (a table), «دستور جلسه», each
 * item's «خلاصه مذاکرات» and «مصوبات», and «امضای حاضران» (a line to sign for the chair,
 * the secretary and every other attendee: an attendee whose name is exactly the
 * chair's or the secretary's signs once, in that box). Every page ends with
 * «صفحه ۲ از ۵». Long texts continue on the next page between lines; table rows and
 * signature boxes are never split (their cells show at most 4 lines, then «…»).
 *
 * Safe for any content: NULL or "" fields, invalid UTF-8 (shown as U+FFFD), control
 * characters (shown as spaces), unbroken runs (broken between characters), fields up
 * to 512 KiB each (longer: an error). Thread-safe: renders may run at once. */
#ifndef TASHIL_MINUTES_PDF_H
#define TASHIL_MINUTES_PDF_H

#include <stddef.h>

#include "core/buf.h"
#include "meetings/minutes.h"

/* Appends the PDF of doc to out (initialised by the caller, whose cap bounds the
 * file). Returns 0, or -1 with an English message in err; out then holds what it
 * held before the call (with its failed flag set when its cap was the reason).
 * The first call in a process writes the fonts out (see meetings/pdf_fonts.h). */
int minutes_pdf_render(const struct minutes_doc *doc, buf *out, char *err, size_t errlen);

#endif
