/*
 * typeguess.h: the event type a title suggests, for imports that carry no
 * type (CSV from calendars) and for `itin extract` later.
 *
 * Keywords, matched as whole words, case-insensitively (ASCII), in an
 * order that puts what is done before where it happens: "Press conference
 * at the NATO Summit" is press, "Dinner for summit leaders" a reception,
 * "Flight to Vilnius for the summit" travel, "Courtesy call on the
 * President" a meeting, not a call. Nothing found: EV_OTHER.
 */
#ifndef ITIN_TYPEGUESS_H
#define ITIN_TYPEGUESS_H

#include "itin/event.h"

enum event_type typeguess(const char *title);

#endif
