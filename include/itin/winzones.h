/*
 * winzones.h: Windows time-zone names ("Korea Standard Time", "FLE
 * Standard Time") and Outlook's display names ("(UTC-05:00) Eastern Time
 * (US & Canada)", "Canberra, Melbourne, Sydney"), as Outlook and Exchange
 * write them in TZID, to IANA zones. The tables are CLDR's
 * windowsZones.xml (every territory) and Microsoft's display names,
 * shipped as generated data (data/windowszones/, src/core/winzones-data.c).
 */
#ifndef ITIN_WINZONES_H
#define ITIN_WINZONES_H

#include <stddef.h>

/* The IANA zone of a Windows name (ASCII case-insensitive), or NULL. The
 * result is static. */
const char *winzone_to_iana(const char *windows_name);

/*
 * The IANA zone of a Windows name in country cc (ISO 3166 alpha-2, any
 * case; NULL or "" for none): CLDR's zone for that territory when it has
 * one ("FLE Standard Time" in LT: Europe/Vilnius), else the 001 zone
 * ("FLE Standard Time": Europe/Kyiv). NULL for an unknown name.
 */
const char *winzone_to_iana_in(const char *windows_name, const char *cc);

/*
 * The Windows zone (static, canonical spelling) of an Outlook display
 * name, with or without its "(UTC+hh:mm) " or "(GMT+hh:mm) " prefix;
 * compared folded (case, accents and punctuation ignored: Outlook in
 * Portuguese writes "Brasília"). NULL if none is known.
 */
const char *winzone_from_display(const char *display);

/* Every entry, for tests: index 0 .. winzone_count() - 1. */
size_t winzone_count(void);
void winzone_at(size_t i, const char **windows_name, const char **iana);

#endif
