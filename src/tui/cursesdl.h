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

#define CURSESDL_SYMS(X)                                                       \
	X(COLORS)                                                              \
	X(COLOR_PAIRS)                                                         \
	X(cbreak)                                                              \
	X(clearok)                                                             \
	X(curs_set)                                                            \
	X(curscr)                                                              \
	X(delscreen)                                                           \
	X(doupdate)                                                            \
	X(endwin)                                                              \
	X(has_colors)                                                          \
	X(init_pair)                                                           \
	X(keypad)                                                              \
	X(newterm)                                                             \
	X(noecho)                                                              \
	X(nonl)                                                                \
	X(set_escdelay)                                                        \
	X(start_color)                                                         \
	X(stdscr)                                                              \
	X(use_default_colors)                                                  \
	X(waddch)                                                              \
	X(waddnstr)                                                            \
	X(wattrset)                                                            \
	X(werase)                                                              \
	X(wget_wch)                                                            \
	X(wmove)                                                               \
	X(wnoutrefresh)                                                        \
	X(wtimeout)

#define CURSESDL_SLOT(name) __typeof__(name) *name;
struct cursesdl {
	CURSESDL_SYMS(CURSESDL_SLOT)
};
#undef CURSESDL_SLOT

/* Filled by tui_curses_load(); NULL pointers until then. */
extern struct cursesdl cursesdl;

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
