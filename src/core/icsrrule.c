/*
 * icsrrule.c: an RRULE walked with libical's iterator, within the
 * budgets (icsrrule.h); and the bound on a VTIMEZONE's rules.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "icaldl.h"

#include "itin/datetime.h"
#include "itin/icslib.h"
#include "itin/icsread.h"
#include "itin/icsrrule.h"

/* libical 3.0 expands no rule past this year (and none that starts
 * after it): as observed with 3.0.16, not a documented constant. */
#define ICAL_RRULE_LAST_YEAR 2582

/* The values of a BY list, up to its end mark. */
static int64_t by_len(const short *v, size_t size)
{
	size_t i;

	for (i = 0; i < size && v[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
		;
	return (int64_t)i;
}

/* How many values a BY list holds; none given counts as one (DTSTART's). */
static int64_t by_count(const short *v, size_t size)
{
	int64_t n = by_len(v, size);

	return n ? n : 1;
}

/* At most how many days of one period (a month or a year) rt keeps
 * before BYSETPOS picks among them. */
static int64_t days_kept(const struct icalrecurrencetype *rt)
{
	int64_t days, n = 0, per_weekday, months;
	size_t i;

	switch (rt->freq) {
	case ICAL_MONTHLY_RECURRENCE:
		days = 31, per_weekday = 5;
		break;
	default: /* yearly */
		days = 366, per_weekday = 53;
		break;
	}
	/* "1MO" is one day of the period, or of each month of BYMONTH in a
	 * yearly rule (RFC 5545 3.3.10). */
	months = rt->freq == ICAL_YEARLY_RECURRENCE
		     ? by_len(rt->by_month, ICAL_BY_MONTH_SIZE)
		     : 0;
	for (i = 0;
	     i < ICAL_BY_DAY_SIZE && rt->by_day[i] != ICAL_RECURRENCE_ARRAY_MAX;
	     i++)
		n += icalrecurrencetype_day_position(rt->by_day[i])
			 ? (months ? months : 1)
			 : per_weekday;
	if (i && n < days)
		days = n;
	n = by_len(rt->by_month_day, ICAL_BY_MONTHDAY_SIZE);
	months = rt->freq == ICAL_YEARLY_RECURRENCE ? 12 : 1;
	if (n && n * months < days)
		days = n * months;
	n = by_len(rt->by_year_day, ICAL_BY_YEARDAY_SIZE);
	if (n && rt->freq == ICAL_YEARLY_RECURRENCE && n < days)
		days = n;
	return days;
}

/*
 * Whether BYSETPOS asks only for places past the end of every period's
 * set ("BYDAY=TH;BYSETPOS=6": no month has six Thursdays). libical
 * refuses such a rule too, but only after searching every period up to
 * its last year, which takes a second; here it costs nothing.
 */
static bool set_position_never(const struct icalrecurrencetype *rt)
{
	int64_t size;
	size_t i;

	/* libical 3.0 searches so for months and years only; it applies
	 * no BYSETPOS to a WEEKLY rule at all, and what it makes of one
	 * is what is imported. */
	if (rt->freq != ICAL_MONTHLY_RECURRENCE &&
	    rt->freq != ICAL_YEARLY_RECURRENCE)
		return false;
	/* Another calendar (RFC 7529) has other months: left to libical. */
	if (rt->by_set_pos[0] == ICAL_RECURRENCE_ARRAY_MAX || rt->rscale)
		return false;
	size = days_kept(rt) * by_count(rt->by_hour, ICAL_BY_HOUR_SIZE) *
	       by_count(rt->by_minute, ICAL_BY_MINUTE_SIZE) *
	       by_count(rt->by_second, ICAL_BY_SECOND_SIZE);
	for (i = 0; i < ICAL_BY_SETPOS_SIZE &&
		    rt->by_set_pos[i] != ICAL_RECURRENCE_ARRAY_MAX;
	     i++) {
		int pos = rt->by_set_pos[i];

		if ((pos < 0 ? -pos : pos) <= size)
			return false;
	}
	return true;
}

/* libical's iterator: NULL for a rule it refuses, or out of memory. */
static icalrecur_iterator *recur_iterator_new(struct icalrecurrencetype rt,
					      struct icaltimetype start)
{
	icalrecur_iterator *it;

	if (set_position_never(&rt))
		return NULL;
	icalerror_clear_errno();
	it = icalrecur_iterator_new(rt, start);
	if (!it)
		ics_check_memory();
	return it;
}

/* UNTIL on the frame's clock, as libical compares it with occurrences. */
static void frame_until(struct ics_reader *r, struct icalrecurrencetype *rt,
			const struct event *m, const struct frame *f)
{
	struct icaltimetype u = rt->until;
	int64_t l;

	if (icaltime_is_null_time(u))
		return;
	l = days_from_civil(u.year, u.month, u.day) * ITIN_DAY;
	if (!u.is_date)
		l += u.hour * 3600 + u.minute * 60 + u.second;
	if (icaltime_is_utc(u) && !m->allday)
		l = ics_frame_local(r, f, l);
	if (u.is_date && !m->allday)
		l += ITIN_DAY - 1;
	rt->until = ics_ical_local(l, m->allday);
}

/* Whether the series of properties vp has no end: an RRULE with neither
 * COUNT nor UNTIL. Only such a series is cut to the import window. */
bool ics_series_unbounded(const struct vprops *vp, const struct event *m,
			  const struct frame *f)
{
	bool open = false;

	for (size_t i = 0; i < vp->n && !open; i++) {
		struct icalrecurrencetype rt;

		if (!ics_name_is(&vp->v[i], "RRULE"))
			continue;
		rt = icalrecurrencetype_from_string(vp->v[i].value);
		open = rt.freq != ICAL_NO_RECURRENCE && rt.count <= 0 &&
		       icaltime_is_null_time(rt.until);
		/* A rule that matches no date is no series at all. */
		if (open) {
			icalrecur_iterator *it = recur_iterator_new(
			    rt, ics_ical_local(f->start, m->allday));

			open = it != NULL;
			if (it)
				icalrecur_iterator_free(it);
		}
		free(rt.rscale);
	}
	return open;
}

/*
 * How far a rule of days or shorter may be walked. libical steps through
 * every candidate time of such a rule (every second of a FREQ=SECONDLY
 * one, every day of a DAILY one; 2 to 4 microseconds each) until one
 * matches, however far that is (a SECONDLY rule for 29 February on a
 * Monday: 28 years of seconds per occurrence), and only its UNTIL stops
 * it. So such a rule is given an UNTIL this many candidates after where
 * it starts (a few seconds at most), or fewer when the file's budget
 * (reader.cand_left) has fewer left.
 */
#define ICAL_MAX_CANDIDATES 1000000

/* The Gregorian calendar repeats every 400 years (146097 days): a rule
 * that finds no date in that long finds none ever. */
#define GREGORIAN_CYCLE_DAYS 146097

static void warn_no_date(struct ics_reader *r, const struct cprop *p)
{
	itin_warn_at(r->w, r->fname, p->line, 0,
		     "RRULE '%.60s' matches no date (a day no month has, or "
		     "parts RFC 5545 does not allow together); the event is "
		     "imported once, at its DTSTART",
		     p->value);
}

/* An upper bound on the dates a YEARLY rule makes in one year. */
static int64_t yearly_per_year(const struct icalrecurrencetype *rt)
{
	int64_t months = by_count(rt->by_month, ICAL_BY_MONTH_SIZE);
	int64_t days = 1, per;

	if (rt->by_year_day[0] != ICAL_RECURRENCE_ARRAY_MAX) {
		days = by_count(rt->by_year_day, ICAL_BY_YEARDAY_SIZE);
		months = 1;
	} else if (rt->by_week_no[0] != ICAL_RECURRENCE_ARRAY_MAX) {
		days = by_count(rt->by_week_no, ICAL_BY_WEEKNO_SIZE) * 7;
		months = 1;
	} else if (rt->by_month_day[0] != ICAL_RECURRENCE_ARRAY_MAX) {
		days = by_count(rt->by_month_day, ICAL_BY_MONTHDAY_SIZE);
		if (rt->by_month[0] == ICAL_RECURRENCE_ARRAY_MAX)
			months = 12;
	} else if (rt->by_day[0] != ICAL_RECURRENCE_ARRAY_MAX) {
		/* "SU": every Sunday of the month (of the year without
		 * BYMONTH); "-1SU": one. */
		bool in_month = rt->by_month[0] != ICAL_RECURRENCE_ARRAY_MAX;

		days = 0;
		for (int i = 0; i < ICAL_BY_DAY_SIZE &&
				rt->by_day[i] != ICAL_RECURRENCE_ARRAY_MAX;
		     i++)
			days += icalrecurrencetype_day_position(rt->by_day[i])
				    ? 1
				: in_month ? 5
					   : 53;
	}
	per = months * days;
	per *= by_count(rt->by_hour, ICAL_BY_HOUR_SIZE);
	per *= by_count(rt->by_minute, ICAL_BY_MINUTE_SIZE);
	per *= by_count(rt->by_second, ICAL_BY_SECOND_SIZE);
	return per;
}

/*
 * The pace of a walk of rule rt: *step, the seconds one step of it spans,
 * and *per, the candidate times libical tries in each. False for a rule
 * of weeks or longer, which libical expands a period at a time: each of
 * its steps is counted as one candidate.
 */
static bool rule_pace(const struct icalrecurrencetype *rt, int64_t *step,
		      int64_t *per)
{
	int64_t unit, interval = rt->interval > 0 ? rt->interval : 1;

	switch (rt->freq) {
	case ICAL_SECONDLY_RECURRENCE:
		unit = 1;
		break;
	case ICAL_MINUTELY_RECURRENCE:
		unit = 60;
		break;
	case ICAL_HOURLY_RECURRENCE:
		unit = 3600;
		break;
	case ICAL_DAILY_RECURRENCE:
		unit = ITIN_DAY;
		break;
	default:
		return false;
	}
	/* The parts a rule expands into several times per step. */
	*per = 1;
	if (rt->freq >= ICAL_MINUTELY_RECURRENCE)
		*per *= by_count(rt->by_second, ICAL_BY_SECOND_SIZE);
	if (rt->freq >= ICAL_HOURLY_RECURRENCE)
		*per *= by_count(rt->by_minute, ICAL_BY_MINUTE_SIZE);
	if (rt->freq >= ICAL_DAILY_RECURRENCE)
		*per *= by_count(rt->by_hour, ICAL_BY_HOUR_SIZE);
	*step = unit * interval;
	return true;
}

/* The file's budget of candidate times is spent: refuse the file. */
static int over_candidates(struct ics_reader *r, const struct cprop *p)
{
	r->over_budget = true;
	return ics_fail_at(r, p->line, 0,
			   "RRULE '%.60s' takes this file past %lld "
			   "candidate times, the dates and times its rules try "
			   "(the limit for a file: %d for each of the %zu "
			   "occurrences allowed; --max-occurrences raises it)",
			   p->value, (long long)r->cand_max,
			   ICALIO_CANDIDATES_PER_OCCURRENCE, r->occ_max);
}

int ics_zone_rule_dates(const char *rule, int start, int64_t *made)
{
	struct icalrecurrencetype rt = icalrecurrencetype_from_string(rule);
	int end = EMBEDDED_LAST_YEAR, every;

	*made = 0;
	free(rt.rscale);
	ics_check_memory();
	if (rt.freq == ICAL_NO_RECURRENCE)
		return 0; /* libical ignores it too */
	if (rt.freq != ICAL_YEARLY_RECURRENCE)
		return -1;
	if (!icaltime_is_null_time(rt.until) && rt.until.year < end)
		end = rt.until.year;
	every = rt.interval > 0 ? rt.interval : 1;
	if (end >= start)
		*made =
		    ((int64_t)(end - start) / every + 1) * yearly_per_year(&rt);
	if (rt.count > 0 && rt.count < *made)
		*made = rt.count;
	return 0;
}

/* One walk of an RRULE through libical's iterator, and what it cost. */
struct walk {
	const struct cprop *p;
	const struct event *m;
	const struct tz *mtz;
	const struct frame *f;
	bool windowed;
	int64_t span;

	struct icalrecurrencetype rt;
	icalrecur_iterator *it;
	size_t steps, limit, julian;
	/* Steps in proportion to the occurrences allowed (200000 by default).
	 */
	size_t max_steps;
	int64_t walk_from, reach, horizon, step, per;
	int64_t last, until_l;
	/* The candidates this rule may try: its own limit, or what the
	 * file has left when that is less (a cut then refuses the file). */
	int64_t allowed;
	bool by_file, cut, paced, ended;
};

/* The library's end: it expands no rule past this year. */
static int64_t lib_end(void)
{
	return days_from_civil(ICAL_RRULE_LAST_YEAR, 1, 1) * ITIN_DAY;
}

/* A rule libical refuses: a start past its last year, a rule that can
 * match no date (30 February) or that joins parts RFC 5545 does not
 * allow together. */
static void refused_rule(struct ics_reader *r, const struct walk *w,
			 struct series *out)
{
	if (lsec_day(w->f->start) >=
	    days_from_civil(ICAL_RRULE_LAST_YEAR, 1, 1))
		itin_warn_at(r->w, r->fname, w->p->line, 0,
			     "cannot expand RRULE '%.60s' (the iCalendar "
			     "library expands rules up to the year %d); "
			     "only its first occurrence is imported",
			     w->p->value, ICAL_RRULE_LAST_YEAR);
	else
		warn_no_date(r, w->p);
	out->empty_rule = true;
}

/* Rules of a day or shorter: start near the window (two days
 * early: the frame's clock and the event's are less apart), on a
 * step of the rule from its start, so INTERVAL keeps its phase. */
static void start_near_window(struct ics_reader *r, struct walk *w)
{
	int64_t near = r->o->from_day * ITIN_DAY - w->span - 2 * ITIN_DAY;

	if (near > w->f->start) {
		near = w->f->start + (near - w->f->start) / w->step * w->step;
		icalrecur_iterator_set_start(
		    w->it, ics_ical_local(near, w->m->allday));
		w->walk_from = near;
	}
}

static int restart_until(struct walk *w, struct series *out);

/*
 * A walk that could take minutes is given an end (rule_pace()), said if
 * it cuts the series. 0 to walk on, 1 when the rule cannot be walked (out
 * is partial), -1 when the file has not one step left.
 */
static int bound_walk(struct ics_reader *r, struct walk *w, struct series *out)
{
	const struct icaltimetype u = w->rt.until;

	if (!icaltime_is_null_time(u))
		w->until_l =
		    days_from_civil(u.year, u.month, u.day) * ITIN_DAY +
		    u.hour * 3600 + u.minute * 60 + u.second;
	if (w->paced) {
		if (w->allowed < w->per) /* not one step left */
			return over_candidates(r, w->p);
		w->reach = w->allowed / w->per * w->step;
	}
	if (!w->reach || w->walk_from >= lib_end() - w->reach ||
	    w->walk_from + w->reach >= w->until_l)
		return 0;
	/* The day it falls in, for a warning a person reads. */
	w->horizon = lsec_day(w->walk_from + w->reach) * ITIN_DAY;
	if (w->horizon <= w->walk_from) /* a budget of hours */
		w->horizon = w->walk_from + w->reach;
	return restart_until(w, out);
}

/* A new iterator for the rule with w->horizon as its UNTIL. 0, or 1 when
 * libical refuses it (out is partial). */
static int restart_until(struct walk *w, struct series *out)
{
	bool allday = w->m->allday;

	icalrecur_iterator_free(w->it);
	w->rt.until = ics_ical_local(w->horizon, allday);
	w->it = recur_iterator_new(w->rt, ics_ical_local(w->f->start, allday));
	if (w->it && w->walk_from != w->f->start)
		icalrecur_iterator_set_start(
		    w->it, ics_ical_local(w->walk_from, allday));
	if (!w->it) {
		out->partial = true;
		return 1;
	}
	return 0;
}

/* The iterator gave no more: the rule's end, or the library's. A rule
 * without one, a COUNT not reached or an UNTIL past the library's last
 * year was cut short. */
static void walk_ended(struct ics_reader *r, struct walk *w, struct series *out)
{
	const struct icalrecurrencetype *rt = &w->rt;

	w->ended = true;
	if (w->horizon) {
		/* The UNTIL given here stopped it, not the
		 * rule's own COUNT, nor the window's end. */
		w->cut = w->windowed
			     ? w->horizon < (r->o->to_day + 1) * ITIN_DAY
			     : rt->count <= 0 || w->steps < w->limit;
	} else if (!w->steps &&
		   lsec_day(lib_end()) - lsec_day(w->walk_from) >=
		       GREGORIAN_CYCLE_DAYS &&
		   (rt->count > 0 || icaltime_is_null_time(rt->until) ||
		    rt->until.year > ICAL_RRULE_LAST_YEAR)) {
		/* Not one date in 400 years, after which the
		 * calendar repeats: as for a rule libical
		 * refuses at once (FREQ=YEARLY on 30 February),
		 * which a MONTHLY one it walks is not. */
		warn_no_date(r, w->p);
		out->empty_rule = true;
	} else if (rt->count > 0 ? w->steps + w->julian < w->limit
				 : icaltime_is_null_time(rt->until) ||
				       rt->until.year > ICAL_RRULE_LAST_YEAR) {
		itin_warn_at(r->w, r->fname, w->p->line, 0,
			     "RRULE '%.60s' ends after %zu "
			     "occurrence%s (the iCalendar library "
			     "expands rules up to the year %d); "
			     "later ones are not imported",
			     w->p->value, w->steps, w->steps == 1 ? "" : "s",
			     ICAL_RRULE_LAST_YEAR);
		out->partial = true;
	}
}

/* Walk the rule, adding what it makes to out; -1 when a rule of weeks
 * or longer runs out of the file's candidates. */
static int walk_rule(struct ics_reader *r, struct walk *w, struct series *out)
{
	/* RFC 5545: DTSTART is the first of COUNT even when the rule does
	 * not match it; libical counts only the times the rule matches. */
	w->limit = w->rt.count > 0 ? (size_t)w->rt.count : SIZE_MAX;
	w->last = w->walk_from;
	for (;;) {
		struct icaltimetype t;
		int64_t fl, key, local;

		/* A rule of weeks or longer is charged a candidate a step. */
		if (!w->paced && (int64_t)w->steps >= r->cand_left) {
			r->cand_left = 0;
			return over_candidates(r, w->p);
		}
		t = icalrecur_iterator_next(w->it);
		if (icaltime_is_null_time(t)) {
			walk_ended(r, w, out);
			break;
		}
		/* libical's calendar is Julian before 1752: it gives 29
		 * February of 100, 200, ... 1700, which itin's (proleptic
		 * Gregorian) has not, and which would become a second 1
		 * March taking a place under the cap. */
		if (!date_is_valid(t.year, t.month, t.day)) {
			w->julian++; /* libical counted it under COUNT */
			continue;
		}
		fl = days_from_civil(t.year, t.month, t.day) * ITIN_DAY;
		if (!t.is_date)
			fl += t.hour * 3600 + t.minute * 60 + t.second;
		w->last = fl;
		if (!w->steps && fl != w->f->start && w->limit != SIZE_MAX)
			w->limit--;
		if (w->steps >= w->limit)
			break;
		if (++w->steps > w->max_steps) {
			itin_warn_at(
			    r->w, r->fname, w->p->line, 0,
			    "RRULE '%.60s' stopped after %zu steps (the "
			    "limit); later occurrences are not imported",
			    w->p->value, w->max_steps);
			out->partial = true;
			break;
		}
		if (w->windowed && lsec_day(fl) > r->o->to_day + 2)
			break;
		key = ics_frame_key(r, w->f, w->m, w->mtz, fl);
		local = ics_key_local(w->m, w->mtz, key);
		if (w->windowed && !ics_in_window(r, local, w->span))
			continue;
		if (!ics_series_add(out, key, local))
			break;
	}
	return 0;
}

/*
 * The days of the periods a rule of weeks or longer walked through
 * without a date. libical looks at each of them (some 40 microseconds a
 * month: a rule that matches no date, found only by walking it, walks
 * 7,000 months to its last year), so every two of their days are charged
 * as a candidate: a file of such rules runs out of its budget instead of
 * running for minutes. A rule that gives a date every period costs
 * nothing more.
 */
static int64_t empty_days(const struct walk *w, int64_t walked)
{
	int64_t interval = w->rt.interval > 0 ? w->rt.interval : 1, days,
		periods;

	switch (w->rt.freq) {
	case ICAL_WEEKLY_RECURRENCE:
		days = 7 * interval;
		break;
	case ICAL_MONTHLY_RECURRENCE:
		days = 31 * interval;
		break;
	case ICAL_YEARLY_RECURRENCE:
		days = 366 * interval;
		break;
	default:
		return 0;
	}
	if (walked <= w->walk_from)
		return 0;
	periods = (walked - w->walk_from) / (days * ITIN_DAY);
	return periods > (int64_t)w->steps
		   ? (periods - (int64_t)w->steps) * days / 2
		   : 0;
}

/*
 * What the walk cost, charged to the file: the candidates up to where
 * libical got (the last time it gave, or the end it ran into), or its
 * steps. A walk cut by the file's budget refuses the file; one cut by
 * the rule's own limit is said.
 */
static int charge_walk(struct ics_reader *r, struct walk *w, struct series *out)
{
	int64_t walked = w->last, charge, end = lib_end();

	if (w->ended &&
	    !(w->rt.count > 0 && w->steps >= w->limit)) /* not its COUNT */
		walked = w->horizon ? w->horizon
			 : w->until_l != INT64_MAX
			     ? (w->until_l < end ? w->until_l : end)
			     : end;
	charge = w->paced ? (walked > w->walk_from
				 ? (walked - w->walk_from) / w->step + 1
				 : 1) *
				w->per
			  : (int64_t)w->steps + 1 + empty_days(w, walked);
	r->cand_left = charge < r->cand_left ? r->cand_left - charge : 0;
	r->st->candidates += (size_t)charge;
	if (w->cut && w->by_file)
		return over_candidates(r, w->p);
	if (w->cut) {
		char a[ITIN_WHEN_MAX];

		date_format(lsec_day(w->horizon), a);
		itin_warn_at(r->w, r->fname, w->p->line, 0,
			     "RRULE '%.60s' repeats more than once a day: "
			     "expanded only to %s, %d candidate times from %s "
			     "(the limit); later occurrences are not imported",
			     w->p->value, a, ICAL_MAX_CANDIDATES,
			     w->walk_from == w->f->start ? "its start"
							 : "the window");
		out->partial = true;
	}
	return 0;
}

static void walk_init(struct walk *w, struct ics_reader *r,
		      const struct cprop *p, const struct event *m,
		      const struct tz *mtz, const struct frame *f)
{
	memset(w, 0, sizeof(*w));
	w->p = p;
	w->m = m;
	w->mtz = mtz;
	w->f = f;
	w->walk_from = f->start;
	w->per = 1;
	w->until_l = INT64_MAX;
	w->by_file = r->cand_left < ICAL_MAX_CANDIDATES;
	w->allowed = w->by_file ? r->cand_left : ICAL_MAX_CANDIDATES;
	w->rt = icalrecurrencetype_from_string(p->value);
}

int ics_expand_rrule(struct ics_reader *r, const struct cprop *p,
		     const struct event *m, const struct tz *mtz,
		     const struct frame *f, bool windowed, int64_t span,
		     struct series *out)
{
	struct walk w;
	int ret = 0;

	walk_init(&w, r, p, m, mtz, f);
	w.windowed = windowed;
	w.span = span;
	w.max_steps = out->max * (ICAL_MAX_STEPS / ICAL_MAX_OCCURRENCES);
	if (w.rt.freq == ICAL_NO_RECURRENCE) {
		itin_warn_at(r->w, r->fname, p->line, 1,
			     "invalid RRULE '%.60s' ignored", p->value);
		out->partial = true;
		goto out;
	}
	frame_until(r, &w.rt, m, f);
	w.it = recur_iterator_new(w.rt, ics_ical_local(f->start, m->allday));
	if (!w.it) {
		refused_rule(r, &w, out);
		goto out;
	}
	w.paced = rule_pace(&w.rt, &w.step, &w.per);
	if (windowed && w.paced)
		start_near_window(r, &w);
	ret = bound_walk(r, &w, out);
	if (ret) {
		ret = ret < 0 ? -1 : 0;
		goto out;
	}
	ret = walk_rule(r, &w, out);
	if (!ret)
		ret = charge_walk(r, &w, out);
out:
	if (w.it)
		icalrecur_iterator_free(w.it);
	free(w.rt.rscale);
	return ret;
}
