/*
 * winzones.c: Windows time-zone names to IANA zones, by binary search in
 * the generated table.
 */
#include "itin/ascii.h"
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

size_t winzone_count(void)
{
	return winzones_count;
}

void winzone_at(size_t i, const char **windows_name, const char **iana)
{
	*windows_name = winzones[i].windows;
	*iana = winzones[i].iana;
}
