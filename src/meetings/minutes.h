/* minutes — the content of a session's minutes (صورتجلسه) as plain display text,
 * ready for a renderer: the HTML print view (web/pages_minutes.c) and the server-side
 * PDF (meetings/minutes_pdf.c) both take this one structure, so the two never drift.
 *
 * Every string is UTF-8 display text, already formatted for a person: Jalali dates
 * and Persian digits («۱۴۰۵/۰۸/۲۱», «۱۰:۳۰»). NULL or "" means "not recorded". The
 * caller owns all memory; renderers only read. */
#ifndef TASHIL_MINUTES_H
#define TASHIL_MINUTES_H

#include <stdbool.h>
#include <stddef.h>

struct minutes_attendee {
    const char *name;     /* «مهندس علی رضایی» */
    const char *position; /* «معاون امور اقتصادی فرماندار» */
    const char *agency;   /* «بانک ملی ایران»; NULL for members without an agency */
    bool full_authority;  /* با اختیار تام */
};

struct minutes_resolution {
    const char *number;   /* notice number «۱۴۰۵/۱۲/۳» */
    const char *text;     /* the resolution itself (may be several paragraphs, \n) */
    const char *agency;   /* responsible agency */
    const char *deadline; /* Jalali date */
    const char *cases;    /* the cases decided, e.g. «پرونده ۱۲۳، ۱۲۵» */
};

struct minutes_item {
    int position;         /* 1-based order on the agenda */
    const char *title;    /* the case title or topic */
    const char *applicant;/* the unit concerned, if any */
    const char *notes;    /* discussion notes (may be several paragraphs, \n) */
    const struct minutes_resolution *resolutions;
    size_t nresolutions;
};

struct minutes_doc {
    const char *body;      /* «کارگروه تسهیل و رفع موانع تولید استان تهران» */
    const char *number;    /* session number «۱۴۰۵/۱۲» */
    const char *date;      /* Jalali long date «شنبه ۲۱ آبان ۱۴۰۵» */
    const char *time;      /* «۱۰:۳۰» */
    const char *place;
    const char *chair;
    const char *secretary;
    const struct minutes_attendee *attendees;
    size_t nattendees;
    const struct minutes_item *items;
    size_t nitems;
};

#endif
