/*
 * icscheck.c: the structure of an iCalendar file, checked before any of
 * it is read into events (icsread.h): the components' nesting, and the
 * changes of time each VTIMEZONE may make before libical expands it.
 */
#include <stdio.h>
#include <string.h>

#include "itin/ascii.h"
#include "itin/icsread.h"
#include "itin/icsrrule.h"
#include "itin/xalloc.h"

/* The error for the control character the lexer found in line i. */
int ics_ctrl_fail(struct ics_reader *r, size_t i)
{
	return ics_fail_at(r, r->ls->cl[i].ctrl_line, r->ls->cl[i].ctrl_col,
			   "control character U+%04X in a value",
			   r->ls->cl[i].ctrl);
}

size_t ics_ctrl_in(const struct ics_reader *r, size_t first, size_t last)
{
	for (size_t i = first; i <= last; i++)
		if (r->ls->cl[i].ctrl && !r->ls->cl[i].skip)
			return i + 1;
	return 0;
}

/* The components open at a content line, outermost first. */
struct nest {
	struct {
		char name[64];
		long line;
		size_t first;
	} stack[ICAL_MAX_DEPTH];
	int depth;
	size_t ncal;
};

static void open_component(struct ics_reader *r, struct nest *n,
			   const struct cprop *p, size_t i)
{
	snprintf(n->stack[n->depth].name, sizeof(n->stack[n->depth].name), "%s",
		 p->value);
	n->stack[n->depth].line = p->line;
	n->stack[n->depth].first = i;
	n->depth++;
	if (n->depth == 1)
		n->ncal++;
	if (n->depth == 2 && !ascii_casecmp(p->value, "VEVENT"))
		r->st->vevents++;
}

/* END at line i of r->ls; a VTIMEZONE it closes is noted in r->vtz (its
 * lines are in r->tzl, then). */
static int close_component(struct ics_reader *r, struct nest *n,
			   const struct cprop *p, size_t i)
{
	int depth = n->depth;

	if (ascii_casecmp(p->value, n->stack[depth - 1].name)) {
		struct strbuf fix = STRBUF_INIT;

		/* Closing an outer one: the inner one was cut. */
		for (int k = depth - 2; k >= 0; k--)
			if (!ascii_casecmp(p->value, n->stack[k].name))
				return ics_fail_at(
				    r, n->stack[depth - 1].line, 1,
				    "BEGIN:%s is never closed (END:%s at line "
				    "%ld comes first)",
				    n->stack[depth - 1].name, p->value,
				    p->line);

		itin_warn_at(r->w, r->fname, p->line, 1,
			     "END:%.60s taken as END:%s (BEGIN at line %ld)",
			     p->value, n->stack[depth - 1].name,
			     n->stack[depth - 1].line);
		strbuf_addf(&fix, "END:%s", n->stack[depth - 1].name);
		ics_replace_cline(r, i, fix.buf);
		strbuf_release(&fix);
	}
	n->depth--;
	if (n->depth == 1 && !ascii_casecmp(n->stack[1].name, "VTIMEZONE")) {
		r->vtz =
		    xgrow(r->vtz, &r->vtzalloc, r->nvtz + 1, sizeof(*r->vtz));
		r->vtz[r->nvtz].tzid = NULL;
		r->vtz[r->nvtz].first = n->stack[1].first;
		r->vtz[r->nvtz].last = i;
		r->vtz[r->nvtz].line = n->stack[1].line;
		r->nvtz++;
	}
	return 0;
}

/* Content line i, p, within the nesting n; -1 when it refuses the file. */
static int check_line(struct ics_reader *r, struct nest *n,
		      const struct cprop *p, size_t i)
{
	bool begin = ics_name_is(p, "BEGIN"), end = ics_name_is(p, "END");

	if (n->depth == 0 &&
	    !(begin && !ascii_casecmp(p->value, "VCALENDAR"))) {
		if (begin)
			return ics_fail_at(
			    r, p->line, 1,
			    "BEGIN:%.60s outside a VCALENDAR (not "
			    "a complete iCalendar file)",
			    p->value);
		itin_warn_at(r->w, r->fname, p->line, 1,
			     "'%.*s' outside a VCALENDAR ignored",
			     (int)(p->nlen > 60 ? 60 : p->nlen), p->name);
		r->ls->cl[i].skip = true;
		ics_mark_skip(r);
		return 0;
	}
	/* A control character (--skip-invalid) is for its VEVENT to
	 * answer for; anywhere else it still refuses the file. */
	if (r->ls->cl[i].ctrl &&
	    !(n->depth >= 2 && !ascii_casecmp(n->stack[1].name, "VEVENT")))
		return ics_ctrl_fail(r, i);
	if (begin) {
		if (n->depth == ICAL_MAX_DEPTH)
			return ics_fail_at(r, p->line, 1,
					   "components nested too deeply");
		open_component(r, n, p, i);
		return 0;
	}
	if (end)
		return close_component(r, n, p, i);
	if (n->depth == 1 && ics_name_is(p, "VERSION") &&
	    strcmp(p->value, "2.0") != 0)
		return ics_fail_at(r, p->line, 1,
				   "unsupported VERSION '%.20s' (itin reads "
				   "iCalendar 2.0)",
				   p->value);
	if (n->depth == 1 && ics_name_is(p, "METHOD") &&
	    !ascii_casecmp(p->value, "CANCEL"))
		r->cancel = true;
	return 0;
}

/* The TZIDs of the VTIMEZONEs. */
static void vtimezone_tzids(struct ics_reader *r)
{
	struct cprop p;

	r->ls = &r->tzl;
	for (size_t k = 0; k < r->nvtz; k++) {
		for (size_t i = r->vtz[k].first + 1; i < r->vtz[k].last; i++) {
			if (r->ls->cl[i].skip)
				continue;
			ics_parse_cline(r, i, &p);
			if (ics_name_is(&p, "TZID")) {
				r->vtz[k].tzid = ics_text_dup(r, p.value);
				break;
			}
			if (ics_name_is(&p, "BEGIN"))
				break;
		}
	}
}

/*
 * The components' nesting. Real files have typos that every calendar
 * app forgives, so this forgives them too, with a warning: a line that is
 * not a content line is skipped, an END that names another component
 * closes the open one, a property outside any VCALENDAR is ignored. What
 * is refused: no VCALENDAR at all (a fragment), a component that is
 * never closed (a cut file), nesting too deep.
 */
/* Whether line p, in the nesting n, is a VTIMEZONE's (kept in r->tzl). */
static bool in_vtimezone(const struct nest *n, const struct cprop *p)
{
	if (n->depth == 1)
		return ics_name_is(p, "BEGIN") &&
		       !ascii_casecmp(p->value, "VTIMEZONE");
	return n->depth >= 2 && !ascii_casecmp(n->stack[1].name, "VTIMEZONE");
}

/* The next content line into r->win, parsed into p (in r->tzl when a
 * VTIMEZONE's, at *i of r->ls): 1, 0 at the end, -1 for a line that is
 * not a content line (skipped), -2 when the file cannot be read. */
static int next_line(struct ics_reader *r, struct ics_lexer *lx,
		     const struct nest *n, struct cprop *p, size_t *i)
{
	ics_lines_reset(&r->win);
	r->ls = &r->win;
	*i = 0;
	int got = ics_lex_next(r, lx, &r->win);

	if (got <= 0)
		return got ? -2 : 0;
	if (ics_parse_cline(r, 0, p))
		return -1;
	if (in_vtimezone(n, p)) {
		*i = ics_lines_copy(&r->tzl, &r->win, 0);
		r->ls = &r->tzl;
		ics_parse_cline(r, *i, p);
	}
	return 1;
}

int ics_check_structure(struct ics_reader *r)
{
	struct nest n;
	struct cprop p;
	struct itin_err keep = *r->err;
	struct ics_lexer lx;
	size_t i;
	int got, ret = -1;

	n.depth = 0;
	n.ncal = 0;
	if (ics_lex_start(&lx, r))
		goto out;
	while ((got = next_line(r, &lx, &n, &p, &i))) {
		if (got == -2)
			goto out;
		if (got < 0) {
			itin_warn_at(r->w, r->fname, r->err->line, r->err->col,
				     "%s; line ignored", r->err->msg);
			*r->err = keep;
			ics_mark_skip(r);
			continue;
		}
		if (check_line(r, &n, &p, i))
			goto out;
	}
	if (n.depth)
		ics_fail_at(r, n.stack[n.depth - 1].line, 1,
			    "BEGIN:%s is never closed (END:%s missing)",
			    n.stack[n.depth - 1].name,
			    n.stack[n.depth - 1].name);
	else if (!n.ncal)
		ics_fail_at(r, 0, 0, "no VCALENDAR (not an iCalendar file)");
	else
		ret = 0;
out:
	ics_lex_end(&lx);
	if (!ret)
		vtimezone_tzids(r);
	return ret;
}

/*
 * A VTIMEZONE's observances are expanded by libical the first time a
 * time is converted with the zone, outside every occurrence budget:
 * an observance with RRULE:FREQ=HOURLY from 1601 took minutes, and a
 * zone of two million RDATEs most of a gigabyte. So, before libical
 * sees a VTIMEZONE, its transitions are bounded here. An observance's
 * RRULE repeats at most yearly (as in RFC 5545's examples, in the tz
 * database and in every calendar of the corpus: a clock that changes
 * more often is no time zone); and what the zone's observances can
 * make (each DTSTART, RDATE, and each rule's dates from its DTSTART to
 * its UNTIL or to the library's last year of expansion, counted per
 * year from its BY parts as an upper bound) is at most
 * ICAL_MAX_ZONE_TRANSITIONS. A real zone has a few hundred.
 */
#define ICAL_MAX_ZONE_TRANSITIONS 10000

static int too_many_changes(struct ics_reader *r, const char *tzid, long line)
{
	return ics_fail_at(r, line, 1,
			   "VTIMEZONE '%.60s' has more than %d changes of time "
			   "(the most itin reads in one zone)",
			   tzid, ICAL_MAX_ZONE_TRANSITIONS);
}

/* Lines first..last (an observance) add to *n; -1 when that refuses. */
static int count_observance(struct ics_reader *r, const char *tzid,
			    size_t first, size_t last, int64_t *n)
{
	struct cprop p;
	int start = 1;
	int v;

	if (++*n > ICAL_MAX_ZONE_TRANSITIONS) /* its DTSTART */
		return too_many_changes(r, tzid, r->ls->cl[first].line);
	for (size_t i = first + 1; i < last; i++)
		if (!r->ls->cl[i].skip && !ics_parse_cline(r, i, &p) &&
		    ics_name_is(&p, "DTSTART") && ics_digits(p.value, 4, &v) &&
		    v > 0)
			start = v;
	for (size_t i = first + 1; i < last && *n <= ICAL_MAX_ZONE_TRANSITIONS;
	     i++) {
		if (r->ls->cl[i].skip || ics_parse_cline(r, i, &p))
			continue;
		if (ics_name_is(&p, "RDATE")) {
			(*n)++;
			for (const char *c = p.value; (c = strchr(c, ',')); c++)
				(*n)++;
		} else if (ics_name_is(&p, "RRULE")) {
			int64_t made;

			if (ics_zone_rule_dates(p.value, start, &made))
				return ics_fail_at(
				    r, p.line, 1,
				    "VTIMEZONE '%.60s': RRULE '%.60s' "
				    "changes the clock more often than "
				    "yearly (a time zone rule is "
				    "FREQ=YEARLY)",
				    tzid, p.value);
			*n += made;
		}
		if (*n > ICAL_MAX_ZONE_TRANSITIONS)
			return too_many_changes(r, tzid, p.line);
	}
	return 0;
}

/* Each VTIMEZONE bounded as said above, before libical expands any. */
int ics_check_vtimezones(struct ics_reader *r)
{
	struct cprop p;

	r->ls = &r->tzl;
	for (size_t k = 0; k < r->nvtz; k++) {
		const char *tzid = r->vtz[k].tzid ? r->vtz[k].tzid : "";
		int64_t n = 0;
		size_t obs = 0;
		int depth = 0;

		/* ics_check_structure() matched every BEGIN with its END. */
		for (size_t i = r->vtz[k].first + 1; i < r->vtz[k].last; i++) {
			if (r->ls->cl[i].skip || ics_parse_cline(r, i, &p))
				continue;
			if (ics_name_is(&p, "BEGIN") && !depth++) {
				obs = i;
			} else if (ics_name_is(&p, "END") && depth &&
				   !--depth) {
				if (count_observance(r, tzid, obs, i, &n))
					return -1;
			}
		}
	}
	return 0;
}
