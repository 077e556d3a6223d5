/* extract — proposes candidate promises from a Persian news article: the sentences
 * that carry a commitment, with the speaker and office the article attaches to each,
 * and the people and offices it names. A person then accepts, edits or drops each
 * candidate; nothing here is stored.
 *
 * Design: rules over normalised text, no statistics. The article is split into
 * paragraphs (lines) and sentences; each sentence is tokenized with fa_tokenize, so
 * every token carries its search key (ZWNJ stripped or spaced, ي/ی, digits all
 * folded: «وعدههای» and «وعده‌های» meet) and its byte span in the original, from
 * which all output text is cut. Lexicons (speech verbs, office heads, commitment
 * cues, pronouns, stop words) are written in plain Persian and keyed with the same
 * function (once per process, then shared read-only by all threads), so they match
 * however the article was typed.
 *   speakers   «NAME OFFICE … گفت/افزود/تصریح کرد/اظهار داشت/خاطرنشان کرد:»; the
 *              name is the two or three words before an office head (معاون, مدیرکل,
 *              رئیس, یکی از پیشکسوتان, …); «وی», «او», «ایشان» refer back to the
 *              last speaker, a bare surname («دهقان افزود») to the person of that
 *              name; later sentences of the paragraph keep its speaker.
 *   after      «… خواهد شد، NAME OFFICE گفت.» and «"…" این را NAME گفت.» (the
 *              words were the sentence before) attribute after the words;
 *              «به گفته NAME OFFICE، …» before them.
 *   context    «گفتنی است» / «در این بازدید|جلسه|سفر|نشست» sentences belong to the
 *              occasion: its lead speaker (the first one named). A sub-heading goes
 *              with the speaker of the paragraph under it.
 *   cues       future «خواهد/خواهند…», «در دستور کار», «در حال پیگیری», «پیگیری
 *              شد/می‌شود», «قول», «وعده», «امیدواریم», «در تلاشیم», «قرار است», «تعهد»,
 *              «… عملیاتی/اجرایی/افتتاح … می‌شود», and a present verb («صادر
 *              می‌شود») when the sentence names a time ahead («هفته آینده», «امسال»).
 *   not cues   the reporting prefix «به گزارش …،», the title lines at the top, and
 *              sentences hedged with «به نظر می‌رسد».
 *   once       a sentence repeated (the article repeats its lead) or a sub-heading
 *              whose content words are mostly inside another candidate is dropped.
 *
 * Memory: everything returned lives in the caller's arena. Limits: at most
 * EXTRACT_MAX_CANDIDATES candidates; sentences longer than EXTRACT_MAX_TOKENS tokens
 * are read only that far for speakers. */
#ifndef TASHIL_EXTRACT_H
#define TASHIL_EXTRACT_H

#include <stddef.h>

#include "core/arena.h"

enum { EXTRACT_MAX_CANDIDATES = 40, EXTRACT_MAX_PEOPLE = 40, EXTRACT_MAX_TOKENS = 600 };

struct extract_candidate {
    const char *speaker;     /* NULL when the article attaches it to nobody */
    const char *office;      /* NULL when unknown */
    const char *text;        /* the words: the quote after «گفت:», or the sentence */
    const char *cue;         /* the commitment words found, as written */
    const char *attribution; /* explicit, pronoun, surname, continued, context,
                                headline, none */
    int paragraph;           /* 0-based line of the article */
};

struct extract_person {
    const char *name;
    const char *office; /* "" when none */
};

struct extract_result {
    const char *title; /* the heading lines at the top, joined; "" when none */
    int n;
    struct extract_candidate c[EXTRACT_MAX_CANDIDATES];
    int npeople;
    struct extract_person people[EXTRACT_MAX_PEOPLE];
    int noffices;
    const char *offices[EXTRACT_MAX_PEOPLE];
};

/* Reads text[0..len) (valid UTF-8, as promise_article_text gives). Returns 0, or -1
 * when the arena runs out. */
int promise_extract(const char *text, size_t len, arena *a, struct extract_result *out);

#endif
