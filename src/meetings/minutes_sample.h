/* minutes_sample — a fixed, realistic minutes from the demo story (a session of the
 * Tehran working group held in Islamshahr: a shoe maker's loan rescheduling with
 * Bank Melli, power cuts in an industrial spot, the shoe park), for
 * `tashil minutes sample-pdf` and the renderer's tests. Static data; nothing to free. */
#ifndef TASHIL_MINUTES_SAMPLE_H
#define TASHIL_MINUTES_SAMPLE_H

#include "meetings/minutes.h"

const struct minutes_doc *minutes_sample(void);

#endif
