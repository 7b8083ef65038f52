/*
 * cursesdl.h: ncursesw, opened when `itin view` starts (tui_curses_load(),
 * tui.h), not linked into the binary: the header the viewer's files
 * include instead of <curses.h>. As icaldl.h does for libical
 * (src/core/icaldl.h says how): every ncursesw function or variable the
 * viewer uses (all in screen.c) is listed in CURSESDL_SYMS and reached
 * through a pointer in cursesdl, and the macros below turn each name into
 * its pointer, so that screen.c reads as it did: keypad(stdscr, TRUE) is
 * (*cursesdl.keypad)(*cursesdl.stdscr, TRUE). curses.h's own macros
 * (getmaxyx, COLOR_PAIR, the KEY_ and A_ constants) expand to fields and
 * to the names listed. A name used but not listed fails to link.
 */
#ifndef ITIN_CURSESDL_H
#define ITIN_CURSESDL_H

/* The wide-character API (wget_wch), in every file alike. */
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <curses.h>

#include "itin/dynlib.h"

#define CURSESDL_SYMS(X, T)                                                    \
	X(T, COLORS)                                                           \
	X(T, COLOR_PAIRS)                                                      \
	X(T, cbreak)                                                           \
	X(T, clearok)                                                          \
	X(T, curs_set)                                                         \
	X(T, curscr)                                                           \
	X(T, delscreen)                                                        \
	X(T, doupdate)                                                         \
	X(T, endwin)                                                           \
	X(T, has_colors)                                                       \
	X(T, init_pair)                                                        \
	X(T, keypad)                                                           \
	X(T, newterm)                                                          \
	X(T, noecho)                                                           \
	X(T, nonl)                                                             \
	X(T, set_escdelay)                                                     \
	X(T, start_color)                                                      \
	X(T, stdscr)                                                           \
	X(T, use_default_colors)                                               \
	X(T, waddch)                                                           \
	X(T, waddnstr)                                                         \
	X(T, wattrset)                                                         \
	X(T, werase)                                                           \
	X(T, wget_wch)                                                         \
	X(T, wmove)                                                            \
	X(T, wnoutrefresh)                                                     \
	X(T, wtimeout)

/* Filled by tui_curses_load() (tui.h). */
DYNLIB_DECLARE(cursesdl, CURSESDL_SYMS)

/* cursesdl.c names the members itself. */
#ifndef CURSESDL_NO_REDIRECT
#define COLORS		   (*cursesdl.COLORS)
#define COLOR_PAIRS	   (*cursesdl.COLOR_PAIRS)
#define cbreak		   (*cursesdl.cbreak)
#define clearok		   (*cursesdl.clearok)
#define curs_set	   (*cursesdl.curs_set)
#define curscr		   (*cursesdl.curscr)
#define delscreen	   (*cursesdl.delscreen)
#define doupdate	   (*cursesdl.doupdate)
#define endwin		   (*cursesdl.endwin)
#define has_colors	   (*cursesdl.has_colors)
#define init_pair	   (*cursesdl.init_pair)
#define keypad		   (*cursesdl.keypad)
#define newterm		   (*cursesdl.newterm)
#define noecho		   (*cursesdl.noecho)
#define nonl		   (*cursesdl.nonl)
#define set_escdelay	   (*cursesdl.set_escdelay)
#define start_color	   (*cursesdl.start_color)
#define stdscr		   (*cursesdl.stdscr)
#define use_default_colors (*cursesdl.use_default_colors)
#define waddch		   (*cursesdl.waddch)
#define waddnstr	   (*cursesdl.waddnstr)
#define wattrset	   (*cursesdl.wattrset)
#define werase		   (*cursesdl.werase)
#define wget_wch	   (*cursesdl.wget_wch)
#define wmove		   (*cursesdl.wmove)
#define wnoutrefresh	   (*cursesdl.wnoutrefresh)
#define wtimeout	   (*cursesdl.wtimeout)
#endif

#endif
