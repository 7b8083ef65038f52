/*
 * winzones-data.h: the generated table of winzones-data.c (private to
 * winzones.c). Sorted by the ASCII-lower-cased Windows name.
 */
#ifndef ITIN_WINZONES_DATA_H
#define ITIN_WINZONES_DATA_H

struct winzone {
	const char *windows;	/* "Korea Standard Time" */
	const char *iana;	/* "Asia/Seoul" */
};

extern const struct winzone winzones[];
extern const unsigned long winzones_count;

#endif
