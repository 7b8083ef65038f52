/*
 * evzone.h: an event's times as seen from another zone (`--in ZONE`).
 *
 * Display only: the caller converts its own copies of the events (list and
 * export convert what they loaded, never what they store).
 */
#ifndef ITIN_EVZONE_H
#define ITIN_EVZONE_H

#include "itin/event.h"
#include "itin/tz.h"

/*
 * Express a checked, zoned, timed event's start and end as wall-clock times
 * in tz: its tz becomes tz and its end zone goes. The instants do not
 * change. All-day and floating events are left as they are: they have no
 * instant to convert.
 */
void event_to_zone(struct event *ev, const struct tz *tz);

#endif
