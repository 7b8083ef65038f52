/*
 * winzones.c: Windows time-zone names to IANA zones, by binary search in
 * the generated tables; Outlook display names by a scan of folded names
 * (about 150, and each TZID of a file is resolved once).
 */
#include <string.h>

#include "itin/ascii.h"
#include "itin/utf8.h"
#include "itin/winzones.h"
#include "winzones-data.h"

const char *winzone_to_iana(const char *name)
{
	size_t lo = 0, hi = winzones_count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = ascii_casecmp(name, winzones[mid].windows);

		if (!c)
			return winzones[mid].iana;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const char *winzone_to_iana_in(const char *name, const char *cc)
{
	const char *dflt = winzone_to_iana(name);

	if (!dflt || !cc || !*cc)
		return dflt;
	for (unsigned long i = 0; i < winzone_territories_count; i++)
		if (!ascii_casecmp(winzone_territories[i].windows, name) &&
		    !ascii_casecmp(winzone_territories[i].territory, cc))
			return winzone_territories[i].iana;
	return dflt;
}

/* s without a leading "(UTC+05:30) ", "(GMT-03:00) " or "(UTC) ". */
static const char *skip_offset(const char *s)
{
	const char *close;

	while (*s == ' ')
		s++;
	if (*s != '(' || (ascii_ncasecmp(s + 1, "UTC", 3) &&
			  ascii_ncasecmp(s + 1, "GMT", 3)))
		return s;
	close = strchr(s, ')');
	if (!close || close - s > 12)
		return s;
	for (s = close + 1; *s == ' '; s++)
		;
	return s;
}

const char *winzone_from_display(const char *display)
{
	char want[256], have[256];
	size_t n;

	n = utf8_fold(skip_offset(display), want, sizeof(want), UTF8_FOLD_ALNUM);
	if (!n || n >= sizeof(want))
		return NULL;
	for (unsigned long i = 0; i < winzone_displays_count; i++) {
		n = utf8_fold(winzone_displays[i].display, have, sizeof(have),
			      UTF8_FOLD_ALNUM);
		if (n < sizeof(have) && !strcmp(want, have))
			return winzone_displays[i].windows;
	}
	return NULL;
}

size_t winzone_count(void)
{
	return winzones_count;
}

void winzone_at(size_t i, const char **windows_name, const char **iana)
{
	*windows_name = winzones[i].windows;
	*iana = winzones[i].iana;
}
