/*
 * tzrule.c: the POSIX TZ string of a TZif file's footer (RFC 8536 3.3),
 * which rules every instant after the zone's last transition: reading it
 * and finding the type it gives an instant, with the extensions RFC 8536
 * allows (rule times from -167 to 167 hours, DST all year).
 */
#include <stdint.h>
#include <string.h>

#include "itin/ascii.h"
#include "itin/datetime.h"
#include "tz-impl.h"

static bool parse_abbr(const char **pp, char *out, size_t size)
{
	const char *p = *pp, *b, *e;

	if (*p == '<') {
		b = ++p;
		while (ascii_isalpha(*p) || ascii_isdigit(*p) || *p == '+' ||
		       *p == '-')
			p++;
		if (*p != '>')
			return false;
		e = p++;
	} else {
		b = p;
		while (ascii_isalpha(*p))
			p++;
		e = p;
	}
	if (e - b < 3 || (size_t)(e - b) >= size)
		return false;
	memcpy(out, b, (size_t)(e - b));
	out[e - b] = '\0';
	*pp = p;
	return true;
}

/* [+-]hh[:mm[:ss]] with hh at most maxh. */
static bool parse_hms(const char **pp, int maxh, int32_t *secs)
{
	const char *p = *pp;
	int sign = 1, h = 0, m = 0, s = 0, nd = 0;

	if (*p == '+' || *p == '-')
		sign = *p++ == '-' ? -1 : 1;
	while (ascii_isdigit(*p) && nd < 3) {
		h = h * 10 + (*p++ - '0');
		nd++;
	}
	if (!nd || h > maxh)
		return false;
	if (*p == ':') {
		p++;
		if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9')
			return false;
		m = (p[0] - '0') * 10 + (p[1] - '0');
		p += 2;
		if (*p == ':') {
			p++;
			if (p[0] < '0' || p[0] > '9' || p[1] < '0' ||
			    p[1] > '9')
				return false;
			s = (p[0] - '0') * 10 + (p[1] - '0');
			p += 2;
		}
	}
	if (m > 59 || s > 59)
		return false;
	*secs = sign * (h * 3600 + m * 60 + s);
	*pp = p;
	return true;
}

static bool parse_num(const char **pp, int lo, int hi, int *v)
{
	const char *p = *pp;
	int n = 0, nd = 0;

	while (ascii_isdigit(*p) && nd < 4) {
		n = n * 10 + (*p++ - '0');
		nd++;
	}
	if (!nd || n < lo || n > hi)
		return false;
	*v = n;
	*pp = p;
	return true;
}

static bool parse_rule_date(const char **pp, struct tz_rule_date *r)
{
	const char *p = *pp;

	memset(r, 0, sizeof(*r));
	if (*p == 'J') {
		p++;
		r->kind = 'J';
		if (!parse_num(&p, 1, 365, &r->n))
			return false;
	} else if (*p == 'M') {
		p++;
		r->kind = 'M';
		if (!parse_num(&p, 1, 12, &r->m) || *p++ != '.' ||
		    !parse_num(&p, 1, 5, &r->w) || *p++ != '.' ||
		    !parse_num(&p, 0, 6, &r->d))
			return false;
	} else {
		r->kind = 'n';
		if (!parse_num(&p, 0, 365, &r->n))
			return false;
	}
	r->time = 2 * 3600;
	if (*p == '/') {
		p++;
		/* RFC 8536 3.3.1: hours may run from -167 to 167. */
		if (!parse_hms(&p, 167, &r->time))
			return false;
	}
	*pp = p;
	return true;
}

bool tzrule_parse(const char *s, struct tz_rule *r)
{
	const char *p = s;
	int32_t off;

	memset(r, 0, sizeof(*r));
	if (!parse_abbr(&p, r->std.abbr, sizeof(r->std.abbr)) ||
	    !parse_hms(&p, 24, &off))
		return false;
	/* POSIX counts hours west of Greenwich; we count seconds east. */
	r->std.off = -off;
	if (!*p)
		return true;
	if (!parse_abbr(&p, r->dst.abbr, sizeof(r->dst.abbr)))
		return false;
	r->has_dst = true;
	r->dst.isdst = true;
	r->dst.off = r->std.off + 3600;
	if (*p && *p != ',') {
		if (!parse_hms(&p, 24, &off))
			return false;
		r->dst.off = -off;
	}
	if (!*p) {
		/* POSIX leaves the default rule to the implementation; like
		 * glibc, take the current United States one. */
		p = ",M3.2.0,M11.1.0";
	}
	if (*p++ != ',' || !parse_rule_date(&p, &r->start) || *p++ != ',' ||
	    !parse_rule_date(&p, &r->end) || *p)
		return false;
	return true;
}

static bool is_leap(int y)
{
	return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

/* Days since the epoch of a rule date in year y. */
static int64_t rule_day(const struct tz_rule_date *r, int y)
{
	int64_t jan1 = days_from_civil(y, 1, 1), first, day;
	int last;

	switch (r->kind) {
	case 'J':
		return jan1 + r->n - 1 + (is_leap(y) && r->n >= 60);
	case 'n':
		return jan1 + r->n;
	default:
		first = days_from_civil(y, r->m, 1);
		day = first + (r->d - weekday_from_days(first) + 7) % 7 +
		      7 * (r->w - 1);
		last = days_in_month(y, r->m);
		while (day >= first + last)
			day -= 7;
		return day;
	}
}

struct rule_edge {
	int64_t at;
	bool dst; /* true: DST starts here */
};

/*
 * The type the footer rule gives instant t, and the stretch [*from, *to)
 * of the rule's own transitions around it. The transitions of the year
 * before, of and after t's year are enough: rule times stay within a week
 * of their date, so the transition before t and the one after are among
 * them. A rule may still move a date across a year's end by up to 167
 * hours (RFC 8536); then one side may be missing, the stretch is open on
 * that side, and *exact is set false: the answer holds at t, not
 * necessarily over the whole stretch.
 */
const struct tz_ttype *tzrule_segment(const struct tz_rule *r, int64_t t,
				      int64_t *from, int64_t *to, bool *exact)
{
	struct rule_edge e[6], tmp;
	int y, mo, d, i, j, n = 0, last = -1;

	*from = INT64_MIN;
	*to = INT64_MAX;
	if (!r->has_dst)
		return &r->std;
	civil_from_days(lsec_day(t + r->std.off), &y, &mo, &d);
	for (i = -1; i <= 1; i++) {
		/* Start times are in standard time, end times in DST. */
		e[n].at = rule_day(&r->start, y + i) * ITIN_DAY +
			  r->start.time - r->std.off;
		e[n++].dst = true;
		e[n].at = rule_day(&r->end, y + i) * ITIN_DAY + r->end.time -
			  r->dst.off;
		e[n++].dst = false;
	}
	/* Insertion sort; on a tie the end comes first, so a rule whose DST
	 * ends exactly when the next year's begins is DST all year. */
	for (i = 1; i < n; i++) {
		tmp = e[i];
		for (j = i; j > 0 && (e[j - 1].at > tmp.at ||
				      (e[j - 1].at == tmp.at && e[j - 1].dst &&
				       !tmp.dst));
		     j--)
			e[j] = e[j - 1];
		e[j] = tmp;
	}
	for (i = 0; i < n && e[i].at <= t; i++)
		last = i;
	if (last < 0 || last + 1 >= n)
		*exact = false;
	if (last + 1 < n)
		*to = e[last + 1].at;
	if (last < 0)
		return e[0].dst ? &r->std : &r->dst;
	*from = e[last].at;
	return e[last].dst ? &r->dst : &r->std;
}
