/*
 * evzone.c: times shown in another zone. The instants event_check() cached
 * are the truth; the wall-clock fields are recomputed from them.
 */
#include "itin/evzone.h"

void event_to_zone(struct event *ev, const struct tz *tz)
{
	if (ev->allday || !ev->tz)
		return;
	ev->start = tz_utc_to_local(tz, ev->start_utc);
	if (ev->has_end)
		ev->end = tz_utc_to_local(tz, ev->end_utc);
	event_set_str(ev, &ev->tz, tz_name(tz));
	event_set_str(ev, &ev->end_tz, NULL);
}
