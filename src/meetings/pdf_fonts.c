/* pdf_fonts — see pdf_fonts.h. One-time setup under pthread_once; its outcome (a
 * configuration or an error message) is kept in statics for every later call. */
#include "meetings/pdf_fonts.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "core/assets.h"

static const char *const font_assets[] = {"vazirmatn-regular.ttf", "vazirmatn-bold.ttf"};
enum { NFONTS = sizeof font_assets / sizeof font_assets[0] };

static pthread_once_t fonts_once = PTHREAD_ONCE_INIT;
static FcConfig *fonts_config; /* NULL when the setup failed */
static char fonts_error[1024];
static char font_dir[512];
static char font_paths[NFONTS][600];

static void remove_font_files(void) {
    for (int i = 0; i < NFONTS; i++)
        if (font_paths[i][0]) unlink(font_paths[i]);
    if (font_dir[0]) rmdir(font_dir);
}

static int write_file(const char *path, const unsigned char *p, size_t n) {
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return -1;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) {
            int saved = errno;
            close(fd);
            errno = saved ? saved : EIO;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return close(fd);
}

static void setup_fonts(void) {
    const char *tmp = getenv("TMPDIR");
    if (!tmp || tmp[0] != '/') tmp = "/tmp";
    int n = snprintf(font_dir, sizeof font_dir, "%s/tashil-fonts-XXXXXX", tmp);
    if (n < 0 || (size_t)n >= sizeof font_dir)
        snprintf(font_dir, sizeof font_dir, "%s", "/tmp/tashil-fonts-XXXXXX");
    if (!mkdtemp(font_dir)) {
        snprintf(fonts_error, sizeof fonts_error, "cannot create a directory for the PDF fonts (%.400s): %s",
                 font_dir, strerror(errno));
        font_dir[0] = 0;
        return;
    }
    FcConfig *config = FcConfigCreate();
    if (!config) {
        snprintf(fonts_error, sizeof fonts_error, "fontconfig: out of memory");
        goto fail;
    }
    for (int i = 0; i < NFONTS; i++) {
        const struct tashil_asset *a = asset_by_name(font_assets[i]);
        if (!a) {
            snprintf(fonts_error, sizeof fonts_error,
                     "font %s is not compiled in (node_modules was missing at build time: run scripts/deps.sh)",
                     font_assets[i]);
            goto fail;
        }
        n = snprintf(font_paths[i], sizeof font_paths[i], "%s/%s", font_dir, font_assets[i]);
        if (n < 0 || (size_t)n >= sizeof font_paths[i]) {
            font_paths[i][0] = 0;
            snprintf(fonts_error, sizeof fonts_error, "font directory path too long");
            goto fail;
        }
        if (write_file(font_paths[i], a->data, a->len)) {
            snprintf(fonts_error, sizeof fonts_error, "cannot write %.400s: %s", font_paths[i],
                     strerror(errno));
            goto fail;
        }
        if (!FcConfigAppFontAddFile(config, (const FcChar8 *)font_paths[i])) {
            snprintf(fonts_error, sizeof fonts_error, "fontconfig cannot read %.400s", font_paths[i]);
            goto fail;
        }
    }
    FcFontSet *set = FcConfigGetFonts(config, FcSetApplication);
    if (!set || set->nfont < NFONTS) {
        snprintf(fonts_error, sizeof fonts_error, "fontconfig found no faces in the embedded fonts");
        goto fail;
    }
    if (atexit(remove_font_files) != 0) {
        snprintf(fonts_error, sizeof fonts_error, "atexit failed");
        goto fail;
    }
    fonts_config = config;
    return;
fail:
    if (config) FcConfigDestroy(config);
    remove_font_files();
}

PangoFontMap *pdf_font_map_new(char *err, size_t errlen) {
    pthread_once(&fonts_once, setup_fonts);
    if (!fonts_config) {
        snprintf(err, errlen, "%s", fonts_error);
        return NULL;
    }
    PangoFontMap *map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    if (!map || !PANGO_IS_FC_FONT_MAP(map)) {
        if (map) g_object_unref(map);
        snprintf(err, errlen, "pango has no fontconfig font map");
        return NULL;
    }
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map), fonts_config);
    return map;
}
