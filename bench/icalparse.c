/*
 * icalparse.c: the floor of `itin import` of a .ics, for bench/table.sh:
 * libical's own parse of the whole file into one component tree (what
 * a program gets from icalparser_parse_string()), whose peak memory
 * itin's import must stay well under.
 *
 *   icalparse FILE.ics     prints the number of VEVENTs
 */
#include <stdio.h>
#include <stdlib.h>

#include <libical/ical.h>

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1))) {
		if (fread(buf, 1, (size_t)n, f) == (size_t)n) {
			buf[n] = '\0';
		} else {
			free(buf);
			buf = NULL;
		}
	}
	fclose(f);
	return buf;
}

int main(int argc, char **argv)
{
	icalcomponent *cal, *ev;
	char *buf;
	long n = 0;

	if (argc != 2) {
		fputs("usage: icalparse FILE.ics\n", stderr);
		return 2;
	}
	buf = slurp(argv[1]);
	if (!buf) {
		perror(argv[1]);
		return 1;
	}
	cal = icalparser_parse_string(buf);
	if (!cal) {
		fprintf(stderr, "icalparse: %s: libical read no calendar\n",
			argv[1]);
		free(buf);
		return 1;
	}
	for (ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	     ev;
	     ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
		n++;
	printf("%ld\n", n);
	icalcomponent_free(cal);
	free(buf);
	return n > 0 ? 0 : 1;
}
