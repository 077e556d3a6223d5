/* cmd_promises — `tashil promises extract FILE`: reads a Persian news article (UTF-8
 * or Windows-1256 text, or HTML) and prints one JSON object per line for each
 * candidate promise: {"speaker", "office", "text", "cue", "attribution"} (speaker
 * and office null when the article attaches the words to nobody). With --people it
 * prints instead the people the article names, {"person", "office"}, then every
 * office it names, {"office"}. Nothing is stored; the web intake does the same for
 * a person to accept, edit or drop. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "core/arena.h"
#include "core/buf.h"
#include "promise/article.h"
#include "promise/extract.h"

static int print_line(json_t *doc) {
    char *s = json_dumps(doc, JSON_COMPACT);
    json_decref(doc);
    if (!s) return -1;
    puts(s);
    free(s);
    return 0;
}

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

/* Reads the whole of path ("-" for stdin) into b; -1 with a message on failure. */
static int read_all(const char *path, buf *b) {
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f) {
        perror(path);
        return -1;
    }
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_append(b, chunk, n);
    int bad = ferror(f);
    if (f != stdin) fclose(f);
    if (bad) {
        fprintf(stderr, "tashil promises: cannot read %s\n", path);
        return -1;
    }
    return 0;
}

static int extract(const char *path, bool people, bool html) {
    buf in;
    buf_init(&in, (size_t)ARTICLE_MAX + 1);
    if (read_all(path, &in) != 0) {
        buf_free(&in);
        return 1;
    }
    arena a;
    arena_init(&a, 256u << 20);
    const char *text;
    size_t len;
    bool converted;
    fa_err err = {0};
    const char *ext = strrchr(path, '.');
    html = html || (ext && (!strcmp(ext, ".html") || !strcmp(ext, ".htm")));
    int rc = in.failed ? ARTICLE_TOO_LARGE
                       : promise_article_text(in.data ? in.data : "", in.len, html, &a, &text,
                                              &len, &converted, &err);
    buf_free(&in);
    if (rc != ARTICLE_OK) {
        fprintf(stderr, "tashil promises: %s\n",
                rc == ARTICLE_TOO_LARGE ? "the article is longer than 512 KiB" : err.en);
        arena_free(&a);
        return 1;
    }
    if (converted) fprintf(stderr, "tashil promises: %s was read as Windows-1256\n", path);
    struct extract_result *r = arena_alloc(&a, sizeof *r);
    if (!r || promise_extract(text, len, &a, r) != 0) {
        fprintf(stderr, "tashil promises: out of memory\n");
        arena_free(&a);
        return 1;
    }
    int out = 0;
    if (people) {
        for (int i = 0; i < r->npeople && !out; i++)
            out = print_line(json_pack("{s:s, s:s}", "person", r->people[i].name, "office",
                                       r->people[i].office));
        for (int i = 0; i < r->noffices && !out; i++)
            out = print_line(json_pack("{s:s}", "office", r->offices[i]));
    } else {
        for (int i = 0; i < r->n && !out; i++) {
            const struct extract_candidate *c = &r->c[i];
            out = print_line(json_pack("{s:o, s:o, s:s, s:s, s:s}", "speaker",
                                       str_or_null(c->speaker), "office", str_or_null(c->office),
                                       "text", c->text, "cue", c->cue, "attribution",
                                       c->attribution));
        }
    }
    arena_free(&a);
    return out ? 1 : 0;
}

int cmd_promises(int argc, char **argv) {
    static const char usage[] =
        "usage: tashil promises extract [--people] [--html] FILE\n"
        "Reads a Persian news article (UTF-8 or Windows-1256 text, or HTML; FILE '-'\n"
        "is standard input) and prints one JSON object per line for each candidate\n"
        "promise: {\"speaker\",\"office\",\"text\",\"cue\",\"attribution\"}. With --people,\n"
        "prints the people it names, {\"person\",\"office\"}, then the offices, {\"office\"}.\n"
        "Stores nothing.\n";
    if (cli_wants_help(argc, argv)) {
        fputs(usage, stdout);
        return 0;
    }
    const char *file = NULL;
    for (int i = 2; i < argc; i++)
        if (argv[i][0] != '-' || !strcmp(argv[i], "-")) file = argv[i];
    if (argc < 3 || strcmp(argv[1], "extract") != 0 || !file) {
        fputs(usage, stderr);
        return 2;
    }
    return extract(file, cli_has_flag(argc, argv, "--people"), cli_has_flag(argc, argv, "--html"));
}
