/*
 * cursesdl.c: ncursesw's table of symbols and its loading (cursesdl.h).
 */
#define CURSESDL_NO_REDIRECT
#include "cursesdl.h"
#include "tui.h"

/* ITIN_CURSES_SONAME: the Makefile's, from the ncursesw it builds against.
 * Its own dependency (libtinfo, where some of the symbols live) comes
 * with it, and dlsym() looks there too. */
DYNLIB_DEFINE(cursesdl, CURSESDL_SYMS, tui_curses_load, ITIN_CURSES_SONAME,
	      "libncursesw6", "by the viewer")
