/*
 * placemsg.c: what the command line says about places: "Santiago, CL", the
 * warning when a name fits several places, and "did you mean" for an
 * unknown one. add, edit, where and --in say it the same way.
 */
#include <string.h>

#include "cli.h"
#include "itin/places.h"

void place_label(struct strbuf *sb, const struct place *p)
{
	strbuf_addf(sb, "%s, %s", p->city, p->country);
}

void warn_ambiguous_place(const char *name, const struct place *p)
{
	warning("'%s' is ambiguous; using %s, %s (%s)", name, p->city,
		p->country, p->tz);
}

void place_suggestions(struct strbuf *sb, const char *name)
{
	const struct place *s[3];
	size_t n = place_suggest(name, s, 3);

	if (!n)
		return;
	strbuf_addstr(sb, " (did you mean ");
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_addstr(sb, i + 1 < n ? ", " : " or ");
		strbuf_addch(sb, '\'');
		place_label(sb, s[i]);
		strbuf_addch(sb, '\'');
	}
	strbuf_addstr(sb, "?)");
}

int parse_country_arg(const char *arg, char out[3], struct itin_err *err)
{
	const char *cc = country_lookup(arg);

	if (cc) {
		memcpy(out, cc, 3);
		return 0;
	}
	if (strlen(arg) == 2)
		return itin_err_set(err, ITIN_EX_DATAERR,
				    "unknown country code '%s'", arg);
	return itin_err_set(err, ITIN_EX_DATAERR, "unknown country '%s'", arg);
}
