/*
 * winzones.h: Windows time-zone names ("Korea Standard Time", "FLE
 * Standard Time"), as Outlook and Exchange write them in TZID, to IANA
 * zones. The table is CLDR's windowsZones.xml, territory "001", shipped as
 * generated data (data/windowszones/, src/core/winzones-data.c).
 */
#ifndef ITIN_WINZONES_H
#define ITIN_WINZONES_H

#include <stddef.h>

/* The IANA zone of a Windows name (ASCII case-insensitive), or NULL. The
 * result is static. */
const char *winzone_to_iana(const char *windows_name);

/* Every entry, for tests: index 0 .. winzone_count() - 1. */
size_t winzone_count(void);
void winzone_at(size_t i, const char **windows_name, const char **iana);

#endif
