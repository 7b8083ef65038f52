/*
 * icslib.c: the reader's calls to libical besides the RRULE walk
 * (icsrrule.c): a file's own VTIMEZONE and DURATION values (icslib.h).
 */
#include <stdlib.h>

#include "icaldl.h"

#include "itin/datetime.h"
#include "itin/icslib.h"
#include "itin/xalloc.h"

/*
 * libical's errors are not fatal: a malloc that fails in it gives NULL and
 * icalerrno ICAL_NEWFAILED_ERROR. That is our out of memory (xalloc.h),
 * never an event exported without a field (add_prop) or an input refused
 * by mistake. Callers clear icalerrno before the calls they check.
 */
void ics_check_memory(void)
{
	if (icalerrno == ICAL_NEWFAILED_ERROR)
		xalloc_die(0);
}

struct icaltimetype ics_ical_local(int64_t lsec, bool is_date)
{
	struct icaltimetype t = icaltime_null_time();
	int y, m, d, s = lsec_time_of_day(lsec);

	civil_from_days(lsec_day(lsec), &y, &m, &d);
	t.year = y;
	t.month = m;
	t.day = d;
	if (is_date) {
		t.is_date = 1;
	} else {
		t.hour = s / 3600;
		t.minute = s / 60 % 60;
		t.second = s % 60;
	}
	return t;
}

/* A VTIMEZONE and the first year only its open-ended rules are in force. */
struct ics_vzone {
	icaltimezone *zone;
	int open_from; /* open_rules_from(zone), 0: not yet */
};

struct ics_vzone *ics_vzone_parse(const char *text)
{
	icalcomponent *c, *vtz;
	icaltimezone *z;
	struct ics_vzone *vz;

	icalerror_clear_errno();
	c = icalparser_parse_string(text);
	ics_check_memory();
	if (!c)
		return NULL;
	vtz = icalcomponent_isa(c) == ICAL_VTIMEZONE_COMPONENT
		  ? c
		  : icalcomponent_get_first_component(c,
						      ICAL_VTIMEZONE_COMPONENT);
	z = icaltimezone_new();
	if (!vtz ||
	    !icaltimezone_set_component(z, icalcomponent_new_clone(vtz))) {
		ics_check_memory();
		icaltimezone_free(z, 1);
		z = NULL;
	}
	icalcomponent_free(c);
	if (!z)
		return NULL;
	vz = xmalloc(sizeof(*vz));
	vz->zone = z;
	vz->open_from = 0;
	return vz;
}

void ics_vzone_free(struct ics_vzone *z)
{
	if (!z)
		return;
	icaltimezone_free(z->zone, 1);
	free(z);
}

/*
 * libical 3.0 expands a VTIMEZONE's changes only up to 2035 and, asked
 * about a later year, expands the whole zone again on every call: an
 * .ics of many far-future times took minutes. A later time is asked
 * about in a month up to 2035 laid out the same way (same length, 1st on
 * the same weekday), so rules such as "last Sunday of March" fall on the
 * same day. That month must come after every finite part of the zone
 * (its latest DTSTART, RDATE, UNTIL or end of COUNT), where only the
 * zone's open-ended rules are in force, as they are in the far year;
 * when no such month exists libical is asked about the real year, slow
 * but right.
 */
static int64_t same_month_before(int64_t lsec, int first_year)
{
	int y, m, d;
	int64_t first;

	civil_from_days(lsec_day(lsec), &y, &m, &d);
	if (y <= EMBEDDED_LAST_YEAR)
		return lsec;
	first = days_from_civil(y, m, 1);
	for (int c = EMBEDDED_LAST_YEAR;
	     c >= first_year && c > EMBEDDED_LAST_YEAR - 400; c--) {
		int64_t cfirst = days_from_civil(c, m, 1);

		if (days_in_month(c, m) == days_in_month(y, m) &&
		    weekday_from_days(cfirst) == weekday_from_days(first))
			return lsec + (cfirst - first) * ITIN_DAY;
	}
	return lsec;
}

/*
 * The last year property p of an observance (STANDARD, DAYLIGHT) that
 * starts in year start is in force: an RDATE's, an RRULE's UNTIL or the
 * end of its COUNT; 0 for the rest, or an RRULE with neither.
 */
static int last_year_of(icalproperty *p, int start)
{
	if (icalproperty_isa(p) == ICAL_RDATE_PROPERTY) {
		struct icaldatetimeperiodtype dp = icalproperty_get_rdate(p);

		return icaltime_is_null_time(dp.time) ? dp.period.start.year
						      : dp.time.year;
	}
	if (icalproperty_isa(p) == ICAL_RRULE_PROPERTY) {
		struct icalrecurrencetype rt = icalproperty_get_rrule(p);

		if (!icaltime_is_null_time(rt.until))
			return rt.until.year;
		/* At most yearly in a VTIMEZONE. */
		if (rt.count > 0)
			return start +
			       rt.count * (rt.interval > 0 ? rt.interval : 1);
	}
	return 0;
}

/* The first year after every finite part of the VTIMEZONE z. */
static int open_rules_from(icaltimezone *z)
{
	icalcomponent *c = icaltimezone_get_component(z), *sub;
	int last = 0;

	for (sub = c ? icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT)
		     : NULL;
	     sub;
	     sub = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT)) {
		icalproperty *p = icalcomponent_get_first_property(
		    sub, ICAL_DTSTART_PROPERTY);
		int start = p ? icalproperty_get_dtstart(p).year : 0;

		if (start > last)
			last = start;
		for (p = icalcomponent_get_first_property(sub,
							  ICAL_ANY_PROPERTY);
		     p; p = icalcomponent_get_next_property(
			    sub, ICAL_ANY_PROPERTY)) {
			int y = last_year_of(p, start);

			if (y > last)
				last = y;
		}
	}
	return last + 1;
}

int32_t ics_vzone_offset(struct ics_vzone *z, int64_t lsec)
{
	struct icaltimetype t;
	int dl = 0;

	if (!z->open_from)
		z->open_from = open_rules_from(z->zone);
	t = ics_ical_local(same_month_before(lsec, z->open_from), false);
	return (int32_t)icaltimezone_get_utc_offset(z->zone, &t, &dl);
}

/* unsigned int fields: no overflow in 64 bits. */
bool ics_duration_parse(const char *s, struct ics_duration *d)
{
	struct icaldurationtype du = icaldurationtype_from_string(s);

	if (icaldurationtype_is_bad_duration(du))
		return false;
	d->neg = du.is_neg;
	d->days = (int64_t)du.weeks * 7 + du.days;
	d->secs =
	    (int64_t)du.hours * 3600 + (int64_t)du.minutes * 60 + du.seconds;
	return true;
}
