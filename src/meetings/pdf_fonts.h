/* pdf_fonts — the embedded Vazirmatn (Regular and Bold TTF, compiled in by
 * tools/embed.c) made visible to pango, so the binary needs no installed fonts.
 *
 * Design: on first use (pthread_once) the two TTFs are written to a private
 * directory made with mkdtemp under $TMPDIR (or /tmp), mode 0700 with 0600 files,
 * and added to a fontconfig configuration of our own that holds nothing else. Every
 * font map made here uses that configuration only, so PDFs are set in Vazirmatn
 * whatever the machine has installed (a character Vazirmatn lacks shows as a box,
 * never in a fallback font), and the process-wide fontconfig setup is left alone.
 * The files must stay while the process runs (fontconfig, cairo and HarfBuzz open
 * them by path); an atexit handler removes them, so only a killed process leaves its
 * directory (about 250 KB) behind in the temporary directory.
 *
 * The configuration is shared and read-only after setup; a font map is not
 * thread-safe, so each render makes its own. */
#ifndef TASHIL_PDF_FONTS_H
#define TASHIL_PDF_FONTS_H

#include <stddef.h>

#include <pango/pango.h>

#define PDF_FONT_FAMILY "Vazirmatn"

/* A new pango-cairo font map that sees only the embedded Vazirmatn; the caller
 * unrefs it (g_object_unref). NULL with an English message in err when the fonts
 * could not be set up (the reason is the same for every later call). */
PangoFontMap *pdf_font_map_new(char *err, size_t errlen);

#endif
