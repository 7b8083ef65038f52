/*
 * icaldl.c: libical's table of symbols and its loading (icaldl.h).
 */
#define ICALDL_NO_REDIRECT
#include "icaldl.h"
#include "itin/icslib.h"

/* ITIN_ICAL_SONAME: the Makefile's, from the libical it builds against. */
DYNLIB_DEFINE(icsdl, ICALDL_SYMS, ics_lib_load, ITIN_ICAL_SONAME, "libical3",
	      "to read iCalendar files")
