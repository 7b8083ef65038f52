/*
 * inzone.c: `--in ZONE` of list and export: the zone every time is shown
 * in. ZONE is an IANA name ("Europe/Brussels"), a city of the gazetteer
 * ("Brussels"), a country of one zone ("Belgium") or a name such as UTC.
 */
#include <string.h>

#include "cli.h"
#include "itin/places.h"
#include "itin/tz.h"

int parse_in_arg(const char *arg, const struct tz **out, struct itin_err *err)
{
	const struct place *p;
	const char *zone = NULL, *cc;
	struct strbuf msg = STRBUF_INIT;
	bool amb;

	if (check_utf8_arg(arg, "--in", err))
		return -1;
	/* A zone name: tz_get's own message suggests a close one. */
	if (strchr(arg, '/'))
		return (*out = tz_get(arg, err)) ? 0 : -1;
	if ((p = place_find(arg, NULL, &amb)) != NULL) {
		if (amb)
			warn_ambiguous_place(arg, NULL, p);
		zone = p->tz;
	} else if ((cc = country_lookup(arg)) != NULL) {
		zone = country_single_zone(cc);
	}
	if (!zone)
		zone = arg; /* "UTC", "GMT": zones without a slash */
	if ((*out = tz_get(zone, err)) != NULL)
		return 0;
	place_suggestions(&msg, arg);
	itin_err_clear(err);
	itin_err_set(err, ITIN_EX_DATAERR, "unknown time zone or place '%s'%s",
		     arg, msg.buf);
	strbuf_release(&msg);
	return -1;
}
