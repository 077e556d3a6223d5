/* demo_meetings_text — the Persian of the demo's sessions: what a resolution says for
 * each obstacle category (the main decision and a follow-up, possibly for another
 * agency), the discussion notes, free agenda topics, objections and rulings, the
 * evidence of an outcome, and the people at the table (positions by agency kind,
 * invented names; the heads named in the promise demo keep their names). Tables and
 * small fill-in functions; no I/O. Internal to src/demo/.
 *
 * Templates hold {u} (the unit), {a} (the agency), {m} (an amount in rials), {n} (a
 * letter number) and {d} (a Jalali date); demo_fill puts the values in. */
#ifndef TASHIL_DEMO_MEETINGS_TEXT_H
#define TASHIL_DEMO_MEETINGS_TEXT_H

#include <stddef.h>
#include <stdint.h>

struct demo_fill_values {
    const char *unit, *agency, *amount, *number, *date;
};
/* tpl with its placeholders filled into out[0..cap), cut at a character boundary. */
void demo_fill(const char *tpl, const struct demo_fill_values *v, char *out, size_t cap);

/* The agency kind that answers for a category (ids of migration 0003). */
const char *demo_category_kind(int64_t category);

/* A resolution for a case of `category` titled `title`. Variant 0 is the main
 * decision (the one that answers the title, else one chosen by `pick`); variant 1 a
 * follow-up, which *kind names when it is for another agency's kind ("" = the case's
 * own agency). */
const char *demo_resolution_tpl(int64_t category, const char *title, int variant, uint64_t pick,
                                const char **kind);
/* The discussion of a case item (matching its main decision); the note when an item
 * is put off; the sentence that closes a discussion. */
const char *demo_notes_tpl(int64_t category, const char *title, uint64_t pick);
extern const char demo_note_deferred[];
extern const char demo_note_closing[];

/* Free agenda topics: a title, and for some a resolution (for an agency of `kind`). */
struct demo_topic {
    const char *title;
    const char *kind;       /* NULL: no resolution */
    const char *resolution; /* with {a} */
    const char *notes;
    unsigned bodies; /* bit 1 << body id: where it is discussed */
};
extern const struct demo_topic demo_topics[];
extern const int demo_ntopics;
/* Indexes in demo_topics: the secretariat's report on earlier resolutions, and the
 * banks' representatives who cannot decide. */
enum { DEMO_TOPIC_REPORT = 0, DEMO_TOPIC_BANKS = 7 };

/* Objections by agency kind, the secretariat's rulings, the amended wording. */
const char *demo_objection(const char *kind);
extern const char demo_ruling_upheld[], demo_ruling_amended[], demo_ruling_accepted[];
extern const char demo_amendment[];

/* Evidence of an outcome: 0 carried out, 1 partly (agency's fault), 2 partly
 * (applicant's), 3 not carried out (agency's), 4 not (applicant's). */
const char *demo_evidence_tpl(int which, uint64_t pick);

/* The people. A seat of an agency of `kind`: the head, the usual representative or
 * a deputy (who = 0, 1, 2); `serial` tells agencies of one kind apart. */
const char *demo_position(const char *kind, int who);
void demo_person(const char *agency_name, int who, unsigned serial, char *out, size_t cap);

/* Members without an agency: position, and the bodies that seat them. */
struct demo_member {
    const char *position;
    unsigned bodies;
};
extern const struct demo_member demo_members[];
extern const int demo_nmembers;

#endif
