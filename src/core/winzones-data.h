/*
 * winzones-data.h: the generated table of winzones-data.c (private to
 * winzones.c and its tests).
 */
#ifndef ITIN_WINZONES_DATA_H
#define ITIN_WINZONES_DATA_H

struct winzone {
	const char *windows;	/* "Korea Standard Time" */
	const char *iana;	/* "Asia/Seoul" */
};

/* CLDR's zone for a Windows zone in one territory, where it is not the
 * 001 one. Sorted by ASCII-lower-cased Windows name, then territory. */
struct winzone_territory {
	const char *windows;	/* "FLE Standard Time" */
	const char *territory;	/* "LT" */
	const char *iana;	/* "Europe/Vilnius" */
};

/* A display name without its "(UTC+hh:mm) " ("Canberra, Melbourne,
 * Sydney") and the Windows zone it names. Sorted by the name. */
struct winzone_display {
	const char *display;
	const char *windows;
};

extern const struct winzone winzones[];
extern const unsigned long winzones_count;
extern const struct winzone_territory winzone_territories[];
extern const unsigned long winzone_territories_count;
extern const struct winzone_display winzone_displays[];
extern const unsigned long winzone_displays_count;

#endif
