/*
 * cursesdl.c: ncursesw's table of symbols and its loading (cursesdl.h).
 */
#define CURSESDL_NO_REDIRECT
#include "cursesdl.h"
#include "itin/dynlib.h"
#include "tui.h"

struct cursesdl cursesdl;

#define CURSESDL_ENTRY(name) {#name, &cursesdl.name},
static const struct dynlib_sym curses_syms[] = {CURSESDL_SYMS(CURSESDL_ENTRY)};
#undef CURSESDL_ENTRY

/* ITIN_CURSES_SONAME: the Makefile's, from the ncursesw it builds against.
 * Its own dependency (libtinfo, where some of the symbols live) comes
 * with it, and dlsym() looks there too. */
static struct dynlib curses = {
    .soname = ITIN_CURSES_SONAME,
    .package = "libncursesw6",
    .needed = "by the viewer",
    .syms = curses_syms,
    .nsyms = sizeof(curses_syms) / sizeof(curses_syms[0]),
};

int tui_curses_load(struct itin_err *err)
{
	return dynlib_load(&curses, err);
}
