/*
 * icaldl.h: libical, opened by the reader of .ics files (dynlib.h,
 * icalio_read()). Only icslib.c and icsrrule.c include this header (and
 * icaldl.c), and only this header includes <libical/ical.h>
 * (tests/check-deps.sh): the binary is not linked with libical (nor,
 * through it, with ICU and libstdc++), so a command that reads no
 * iCalendar file never loads it.
 *
 * Every libical function the two files call is listed in ICALDL_SYMS and
 * reached through a pointer in icsdl, filled by ics_lib_load() (icslib.h);
 * the object-like macros below turn each name into its pointer, so that
 * icalparser_parse_string(s) reads as it did and calls
 * (*icsdl.icalparser_parse_string)(s). A macro does not expand inside its
 * own expansion (C17 6.10.3.4), so the member may keep the function's
 * name. Names that are macros in libical's headers (icalerrno is
 * *icalerrno_return()) need nothing more: what they expand to is listed.
 * A call to a libical function missing from the list would need the
 * library at link time, which the binary does not have: it fails to
 * link, it cannot slip through.
 *
 * The members' types are the functions' own (__typeof__, which gcc and
 * clang have), so a call through a pointer is checked against libical's
 * prototypes as a direct call was.
 */
#ifndef ITIN_ICALDL_H
#define ITIN_ICALDL_H

#include <libical/ical.h>

#include "itin/dynlib.h"

#define ICALDL_SYMS(X, T)                                                      \
	X(T, icalcomponent_free)                                               \
	X(T, icalcomponent_get_first_component)                                \
	X(T, icalcomponent_get_first_property)                                 \
	X(T, icalcomponent_get_next_component)                                 \
	X(T, icalcomponent_get_next_property)                                  \
	X(T, icalcomponent_isa)                                                \
	X(T, icalcomponent_new_clone)                                          \
	X(T, icaldurationtype_from_string)                                     \
	X(T, icaldurationtype_is_bad_duration)                                 \
	X(T, icalerrno_return)                                                 \
	X(T, icalerror_clear_errno)                                            \
	X(T, icalparser_parse_string)                                          \
	X(T, icalproperty_get_dtstart)                                         \
	X(T, icalproperty_get_rdate)                                           \
	X(T, icalproperty_get_rrule)                                           \
	X(T, icalproperty_isa)                                                 \
	X(T, icalrecur_iterator_free)                                          \
	X(T, icalrecur_iterator_new)                                           \
	X(T, icalrecur_iterator_next)                                          \
	X(T, icalrecur_iterator_set_start)                                     \
	X(T, icalrecurrencetype_day_position)                                  \
	X(T, icalrecurrencetype_from_string)                                   \
	X(T, icaltime_is_null_time)                                            \
	X(T, icaltime_is_utc)                                                  \
	X(T, icaltime_null_time)                                               \
	X(T, icaltimezone_free)                                                \
	X(T, icaltimezone_get_component)                                       \
	X(T, icaltimezone_get_utc_offset)                                      \
	X(T, icaltimezone_new)                                                 \
	X(T, icaltimezone_set_component)

/* Filled by ics_lib_load() (icslib.h). */
DYNLIB_DECLARE(icsdl, ICALDL_SYMS)

/* icaldl.c names the members itself. */
#ifndef ICALDL_NO_REDIRECT
#define icalcomponent_free (*icsdl.icalcomponent_free)
#define icalcomponent_get_first_component                                      \
	(*icsdl.icalcomponent_get_first_component)
#define icalcomponent_get_first_property                                       \
	(*icsdl.icalcomponent_get_first_property)
#define icalcomponent_get_next_component                                       \
	(*icsdl.icalcomponent_get_next_component)
#define icalcomponent_get_next_property (*icsdl.icalcomponent_get_next_property)
#define icalcomponent_isa		(*icsdl.icalcomponent_isa)
#define icalcomponent_new_clone		(*icsdl.icalcomponent_new_clone)
#define icaldurationtype_from_string	(*icsdl.icaldurationtype_from_string)
#define icaldurationtype_is_bad_duration                                       \
	(*icsdl.icaldurationtype_is_bad_duration)
#define icalerrno_return		(*icsdl.icalerrno_return)
#define icalerror_clear_errno		(*icsdl.icalerror_clear_errno)
#define icalparser_parse_string		(*icsdl.icalparser_parse_string)
#define icalproperty_get_dtstart	(*icsdl.icalproperty_get_dtstart)
#define icalproperty_get_rdate		(*icsdl.icalproperty_get_rdate)
#define icalproperty_get_rrule		(*icsdl.icalproperty_get_rrule)
#define icalproperty_isa		(*icsdl.icalproperty_isa)
#define icalrecur_iterator_free		(*icsdl.icalrecur_iterator_free)
#define icalrecur_iterator_new		(*icsdl.icalrecur_iterator_new)
#define icalrecur_iterator_next		(*icsdl.icalrecur_iterator_next)
#define icalrecur_iterator_set_start	(*icsdl.icalrecur_iterator_set_start)
#define icalrecurrencetype_day_position (*icsdl.icalrecurrencetype_day_position)
#define icalrecurrencetype_from_string	(*icsdl.icalrecurrencetype_from_string)
#define icaltime_is_null_time		(*icsdl.icaltime_is_null_time)
#define icaltime_is_utc			(*icsdl.icaltime_is_utc)
#define icaltime_null_time		(*icsdl.icaltime_null_time)
#define icaltimezone_free		(*icsdl.icaltimezone_free)
#define icaltimezone_get_component	(*icsdl.icaltimezone_get_component)
#define icaltimezone_get_utc_offset	(*icsdl.icaltimezone_get_utc_offset)
#define icaltimezone_new		(*icsdl.icaltimezone_new)
#define icaltimezone_set_component	(*icsdl.icaltimezone_set_component)
#endif

#endif
