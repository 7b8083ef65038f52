/*
 * vtimezone.c: VTIMEZONE descriptions from the tz database.
 *
 * The transitions of the range come from tz_next_transition(), so the
 * description says exactly what tz.c says. They are grouped by what they
 * change to (daylight or not, offsets before and after, abbreviation);
 * within a group, runs of consecutive years that one yearly rule
 * reproduces become an RRULE with UNTIL, and what no run covers becomes
 * RDATEs. A rule is only ever asked to generate the dates it was built
 * from: it is bounded by DTSTART and UNTIL, and within a run every year
 * has its onset, so it cannot invent or lose a transition.
 */
#include <stdlib.h>
#include <string.h>

#include "itin/datetime.h"
#include "itin/vtimezone.h"
#include "itin/xalloc.h"

struct onset {
	int64_t at;
	struct tz_offset before, after;
};

struct onsets {
	struct onset *v;
	size_t n, alloc;
};

static void onsets_add(struct onsets *l, int64_t at, const struct tz_offset *b,
		       const struct tz_offset *a)
{
	l->v = xgrow(l->v, &l->alloc, l->n + 1, sizeof(*l->v));
	l->v[l->n].at = at;
	l->v[l->n].before = *b;
	l->v[l->n].after = *a;
	l->n++;
}

static bool same_group(const struct onset *a, const struct onset *b)
{
	return a->after.is_dst == b->after.is_dst &&
	       a->before.utc_offset == b->before.utc_offset &&
	       a->after.utc_offset == b->after.utc_offset &&
	       !strcmp(a->after.abbr, b->after.abbr);
}

/* The civil parts of an onset's local time (in the offset before it). */
struct civil {
	int year, month, mday, wday, tod;
	int64_t local;
};

static void civil_of(const struct onset *o, struct civil *c)
{
	int64_t day;

	c->local = o->at + o->before.utc_offset;
	day = lsec_day(c->local);
	civil_from_days(day, &c->year, &c->month, &c->mday);
	c->wday = weekday_from_days(day);
	c->tod = lsec_time_of_day(c->local);
}

/* The set of rules that still fit a run: nth 1..4, last, or a window. */
struct fit {
	bool nth_ok, last_ok;
	int nth;
	int lo, hi; /* smallest and largest day of month seen */
};

static void fit_start(struct fit *f, const struct civil *c)
{
	f->nth = (c->mday - 1) / 7 + 1;
	f->nth_ok = f->nth <= 4;
	f->last_ok = c->mday > days_in_month(c->year, c->month) - 7;
	f->lo = f->hi = c->mday;
}

/* Can the run that f describes (last onset prev) take c as its next year? */
static bool fit_extend(struct fit *f, const struct civil *prev,
		       const struct civil *c)
{
	struct fit g = *f;

	if (c->year != prev->year + 1 || c->month != prev->month ||
	    c->wday != prev->wday || c->tod != prev->tod)
		return false;
	g.nth_ok = g.nth_ok && (c->mday - 1) / 7 + 1 == g.nth;
	g.last_ok = g.last_ok && c->mday > days_in_month(c->year, c->month) - 7;
	if (c->mday < g.lo)
		g.lo = c->mday;
	if (c->mday > g.hi)
		g.hi = c->mday;
	if (!g.nth_ok && !g.last_ok && g.hi - g.lo > 6)
		return false;
	*f = g;
	return true;
}

static void fit_rule(const struct fit *f, const struct civil *c,
		     struct vtz_rule *r)
{
	r->month = c->month;
	r->wday = c->wday;
	r->mday_from = 0;
	if (f->nth_ok) {
		r->nth = f->nth;
	} else if (f->last_ok) {
		r->nth = -1;
	} else {
		r->nth = 0;
		r->mday_from = f->hi - 6 >= 1 ? f->hi - 6 : 1;
	}
}

static struct vtz_obs *new_obs(struct vtimezone *vtz, size_t *alloc,
			       const struct onset *o, int64_t local)
{
	struct vtz_obs *ob;

	vtz->obs = xgrow(vtz->obs, alloc, vtz->nobs + 1, sizeof(*vtz->obs));
	ob = &vtz->obs[vtz->nobs++];
	memset(ob, 0, sizeof(*ob));
	ob->dst = o->after.is_dst;
	ob->off_from = o->before.utc_offset;
	ob->off_to = o->after.utc_offset;
	memcpy(ob->name, o->after.abbr, sizeof(ob->name));
	ob->name[sizeof(ob->name) - 1] = '\0';
	ob->start = local;
	return ob;
}

/* Turn one group of onsets (same kind, in order) into observances. */
static void build_group(struct vtimezone *vtz, size_t *alloc,
			const struct onset *const *g, size_t n)
{
	struct civil *c = xmalloc(n * sizeof(*c));
	bool *used = xcalloc(n, sizeof(*used));
	struct vtz_obs *singles = NULL;
	size_t i, j, singles_idx = 0, ralloc = 0;

	for (i = 0; i < n; i++)
		civil_of(g[i], &c[i]);
	for (i = 0; i < n; i = j) {
		struct fit f;

		fit_start(&f, &c[i]);
		for (j = i + 1; j < n && fit_extend(&f, &c[j - 1], &c[j]); j++)
			;
		if (j - i >= 2) {
			struct vtz_obs *ob =
			    new_obs(vtz, alloc, g[i], c[i].local);

			ob->has_rule = true;
			fit_rule(&f, &c[i], &ob->rule);
			ob->rule.until = g[j - 1]->at;
			for (size_t k = i; k < j; k++)
				used[k] = true;
		}
	}
	/* What no run covers: one observance, the rest as RDATEs. */
	for (i = 0; i < n; i++) {
		if (used[i])
			continue;
		if (!singles) {
			singles = new_obs(vtz, alloc, g[i], c[i].local);
			singles_idx = vtz->nobs - 1;
			continue;
		}
		singles = &vtz->obs[singles_idx];
		singles->rdates =
		    xgrow(singles->rdates, &ralloc, singles->nrdates + 1,
			  sizeof(*singles->rdates));
		singles->rdates[singles->nrdates++] = c[i].local;
	}
	free(c);
	free(used);
}

/*
 * The onsets tz has for the local years first_year..last_year into all:
 * first the one in force at the start (the year before's last one, or a
 * fixed onset at local midnight of 1 January), then every transition.
 */
static void collect_onsets(const struct tz *tz, int first_year, int last_year,
			   struct onsets *all)
{
	struct tz_transition tr;
	struct tz_offset off;
	int64_t a, b, t, prev_start;

	a = tz_local_to_utc(tz, days_from_civil(first_year, 1, 1) * ITIN_DAY,
			    NULL);
	b = tz_local_to_utc(tz, days_from_civil(last_year + 1, 1, 1) * ITIN_DAY,
			    NULL);
	prev_start = tz_local_to_utc(
	    tz, days_from_civil(first_year - 1, 1, 1) * ITIN_DAY, NULL);

	/* The onset in force at the start: the year before's last one. */
	t = prev_start - 1;
	while (tz_next_transition(tz, t, a - 1, &tr)) {
		all->n = 0; /* keep only the last */
		onsets_add(all, tr.at, &tr.before, &tr.after);
		t = tr.at;
	}
	if (!all->n) {
		/* A fixed onset at local midnight of 1 January. */
		tz_offset_at(tz, a, &off);
		onsets_add(all,
			   days_from_civil(first_year, 1, 1) * ITIN_DAY -
			       off.utc_offset,
			   &off, &off);
	}
	t = a - 1;
	while (tz_next_transition(tz, t, b - 1, &tr)) {
		onsets_add(all, tr.at, &tr.before, &tr.after);
		t = tr.at;
	}
}

void vtimezone_build(const struct tz *tz, int first_year, int last_year,
		     struct vtimezone *out)
{
	struct onsets all = {NULL, 0, 0};
	size_t alloc = 0, i, j;
	const struct onset **g;
	bool *done;

	memset(out, 0, sizeof(*out));
	if (last_year < first_year)
		last_year = first_year;
	out->tzid = xstrdup(tz_name(tz));
	out->first_year = first_year;
	out->last_year = last_year;
	collect_onsets(tz, first_year, last_year, &all);

	/* Group in order of first appearance; each group keeps time order. */
	g = xmalloc(all.n * sizeof(*g));
	done = xcalloc(all.n, sizeof(*done));
	for (i = 0; i < all.n; i++) {
		size_t n = 0;

		if (done[i])
			continue;
		for (j = i; j < all.n; j++) {
			if (!done[j] && same_group(&all.v[i], &all.v[j])) {
				g[n++] = &all.v[j];
				done[j] = true;
			}
		}
		build_group(out, &alloc, g, n);
	}
	free(g);
	free(done);
	free(all.v);
}

void vtimezone_release(struct vtimezone *vtz)
{
	for (size_t i = 0; i < vtz->nobs; i++)
		free(vtz->obs[i].rdates);
	free(vtz->obs);
	free(vtz->tzid);
	memset(vtz, 0, sizeof(*vtz));
}

/* The day (since the epoch) a rule gives in year y. */
static int64_t rule_day(const struct vtz_rule *r, int y)
{
	int64_t first = days_from_civil(y, r->month, 1), d;
	int dim = days_in_month(y, r->month);

	if (r->nth > 0)
		return first + (r->wday - weekday_from_days(first) + 7) % 7 +
		       7 * (r->nth - 1);
	if (r->nth < 0) {
		d = first + dim - 1;
		return d - (weekday_from_days(d) - r->wday + 7) % 7;
	}
	d = first + r->mday_from - 1;
	return d + (r->wday - weekday_from_days(d) + 7) % 7;
}

static int cmp_onset(const void *pa, const void *pb)
{
	const struct vtz_onset *a = pa, *b = pb;

	return a->at < b->at ? -1 : a->at > b->at;
}

struct vtz_onset *vtimezone_expand(const struct vtimezone *vtz, size_t *n)
{
	struct vtz_onset *v = NULL;
	size_t alloc = 0;

	*n = 0;
	for (size_t i = 0; i < vtz->nobs; i++) {
		const struct vtz_obs *ob = &vtz->obs[i];
		struct vtz_onset o = {0, ob->off_from, ob->off_to, ob->dst,
				      ob->name};

		o.at = ob->start - ob->off_from;
		v = xgrow(v, &alloc, *n + 1, sizeof(*v));
		v[(*n)++] = o;
		if (ob->has_rule) {
			int y, m, d, tod = lsec_time_of_day(ob->start);

			civil_from_days(lsec_day(ob->start), &y, &m, &d);
			for (y++;; y++) {
				o.at = rule_day(&ob->rule, y) * ITIN_DAY + tod -
				       ob->off_from;
				if (o.at > ob->rule.until)
					break;
				v = xgrow(v, &alloc, *n + 1, sizeof(*v));
				v[(*n)++] = o;
			}
		}
		for (size_t k = 0; k < ob->nrdates; k++) {
			o.at = ob->rdates[k] - ob->off_from;
			v = xgrow(v, &alloc, *n + 1, sizeof(*v));
			v[(*n)++] = o;
		}
	}
	if (*n)
		qsort(v, *n, sizeof(*v), cmp_onset);
	return v;
}
