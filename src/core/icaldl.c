/*
 * icaldl.c: libical's table of symbols and its loading (icaldl.h).
 */
#define ICALDL_NO_REDIRECT
#include "icaldl.h"
#include "itin/dynlib.h"
#include "itin/icslib.h"

struct icsdl icsdl;

#define ICALDL_ENTRY(name) {#name, &icsdl.name},
static const struct dynlib_sym ical_syms[] = {ICALDL_SYMS(ICALDL_ENTRY)};
#undef ICALDL_ENTRY

/* ITIN_ICAL_SONAME: the Makefile's, from the libical it builds against. */
static struct dynlib ical = {
    .soname = ITIN_ICAL_SONAME,
    .package = "libical3",
    .needed = "to read iCalendar files",
    .syms = ical_syms,
    .nsyms = sizeof(ical_syms) / sizeof(ical_syms[0]),
};

int ics_lib_load(struct itin_err *err)
{
	return dynlib_load(&ical, err);
}
