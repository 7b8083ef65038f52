/*
 * icalwrite.c: the floor of `itin export` to .ics, for bench/table.sh:
 * libical's own streaming writer. Reads the events of bench/gen.sh's
 * .tsv (the properties of its .ics, unescaped), builds each as a VEVENT
 * with libical, writes it with icalcomponent_as_ical_string_r() and
 * frees it before the next, so that its memory does not grow with the
 * number of events.
 *
 *   icalwrite EVENTS.tsv OUT.ics
 *
 * A line: UID, DTSTART, DTEND, TZID (empty for dates), SUMMARY,
 * LOCATION, DESCRIPTION ("\n" for a line break), CATEGORIES (comma-
 * separated), STATUS, then NAME:VALUE x-properties, separated by tabs.
 * It writes no VTIMEZONE and no GEO, which itin's export also writes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

enum {
	F_UID,
	F_START,
	F_END,
	F_TZID,
	F_SUMMARY,
	F_LOCATION,
	F_DESC,
	F_CATS,
	F_STATUS,
	F_FIXED
};

/* "\n" in place to a line break. */
static char *unescape(char *s)
{
	char *r = s, *w = s;

	for (; *r; r++) {
		if (r[0] == '\\' && r[1] == 'n') {
			*w++ = '\n';
			r++;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
	return s;
}

static void add_text(icalcomponent *ev, icalproperty *(*mk)(const char *),
		     const char *v)
{
	if (*v)
		icalcomponent_add_property(ev, mk(v));
}

/* The x-properties NAME:VALUE of f[from..n-1]. */
static void add_x(icalcomponent *ev, char **f, int from, int n)
{
	for (int i = from; i < n; i++) {
		char *colon = strchr(f[i], ':');
		icalproperty *p;

		if (!colon)
			continue;
		*colon = '\0';
		p = icalproperty_new_x(colon + 1);
		icalproperty_set_x_name(p, f[i]);
		icalcomponent_add_property(ev, p);
	}
}

/* The VEVENT of one line's fields f[0..n-1]. */
static icalcomponent *vevent(char **f, int n)
{
	icalcomponent *ev = icalcomponent_new_vevent();
	struct icaltimetype stamp = icaltime_from_string("20230125T120000Z");
	icalproperty *start, *end;
	char *cat, *save = NULL;

	start = icalproperty_new_dtstart(icaltime_from_string(f[F_START]));
	end = icalproperty_new_dtend(icaltime_from_string(f[F_END]));
	if (*f[F_TZID]) {
		icalproperty_add_parameter(start,
					   icalparameter_new_tzid(f[F_TZID]));
		icalproperty_add_parameter(end,
					   icalparameter_new_tzid(f[F_TZID]));
	}
	icalcomponent_add_property(ev, icalproperty_new_uid(f[F_UID]));
	icalcomponent_add_property(ev, icalproperty_new_dtstamp(stamp));
	icalcomponent_add_property(ev, icalproperty_new_sequence(0));
	icalcomponent_add_property(ev, start);
	icalcomponent_add_property(ev, end);
	add_text(ev, icalproperty_new_summary, f[F_SUMMARY]);
	add_text(ev, icalproperty_new_location, f[F_LOCATION]);
	add_text(ev, icalproperty_new_description, unescape(f[F_DESC]));
	for (cat = strtok_r(f[F_CATS], ",", &save); cat;
	     cat = strtok_r(NULL, ",", &save))
		icalcomponent_add_property(ev,
					   icalproperty_new_categories(cat));
	icalcomponent_add_property(
	    ev, icalproperty_new_status(
		    icalproperty_string_to_status(f[F_STATUS])));
	add_x(ev, f, F_FIXED, n);
	return ev;
}

/* Split line at tabs into f (at most max fields); the count. */
static int split(char *line, char **f, int max)
{
	int n = 0;

	line[strcspn(line, "\n")] = '\0';
	f[n++] = line;
	for (char *t = strchr(line, '\t'); t && n < max; t = strchr(t, '\t')) {
		*t++ = '\0';
		f[n++] = t;
	}
	return n;
}

int main(int argc, char **argv)
{
	FILE *in, *out;
	char *line = NULL, *f[64];
	size_t cap = 0;
	long events = 0;

	if (argc != 3) {
		fputs("usage: icalwrite EVENTS.tsv OUT.ics\n", stderr);
		return 2;
	}
	in = fopen(argv[1], "r");
	out = fopen(argv[2], "w");
	if (!in || !out) {
		perror(in ? argv[2] : argv[1]);
		return 1;
	}
	fputs("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//itin//bench "
	      "icalwrite//EN\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n",
	      out);
	while (getline(&line, &cap, in) > 0) {
		int n = split(line, f, 64);
		icalcomponent *ev;
		char *s;

		if (n < F_FIXED) {
			fprintf(stderr,
				"icalwrite: %s:%ld: %d fields, not %d\n",
				argv[1], events + 1, n, F_FIXED);
			return 1;
		}
		ev = vevent(f, n);
		s = icalcomponent_as_ical_string_r(ev);
		fputs(s, out);
		free(s);
		icalcomponent_free(ev);
		events++;
	}
	fputs("END:VCALENDAR\r\n", out);
	free(line);
	fclose(in);
	if (fclose(out)) {
		perror(argv[2]);
		return 1;
	}
	return 0;
}
