/*
 * screen.c: the terminal, through ncursesw: the only file that calls
 * curses (view.c, view-keys.c and view-prompt.c include cursesdl.h, the
 * table ncursesw is opened through, for its KEY_ codes).
 *
 * The terminal is given back on every way out (htop's CRT_done): screen_done
 * on a normal exit, an atexit() hook for any exit() below us, a handler
 * that restores and re-raises SIGABRT (a failed assertion), and
 * SIGINT, SIGTERM, SIGHUP and SIGQUIT only set a flag that the key loop
 * reads, so the restoration runs outside the handler. SIGWINCH is left to
 * ncurses, which turns it into KEY_RESIZE.
 *
 * The locale: main() sets none, on purpose (see main.c); ncursesw needs
 * LC_CTYPE to handle UTF-8, so it is set here, from the environment, or
 * to C.UTF-8 when the environment's is not UTF-8. When neither works, text
 * is drawn in ASCII with '?' for what cannot be shown.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include "cursesdl.h"
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "itin/utf8.h"
#include "tui.h"

static bool active, ascii, colour;
static SCREEN *scr;
static volatile sig_atomic_t stop_signal;
static attr_t attrs[R_COUNT];
static struct sigaction old_int, old_term, old_hup, old_quit, old_abrt;

static void on_stop(int sig)
{
	stop_signal = sig;
}

static void on_abort(int sig)
{
	/* Not async-signal-safe, but we are dying anyway; a terminal left in
	 * raw mode is worse (htop does the same). */
	if (active)
		endwin();
	active = false;
	signal(sig, SIG_DFL);
	raise(sig);
}

static void at_exit(void)
{
	screen_done();
}

int screen_signal(void)
{
	return (int)stop_signal;
}

static bool utf8_locale(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8"));
}

/*
 * A colour for every type, told apart on any colour terminal: eight basic
 * colours serve seven types; the other three take a bright colour where
 * the terminal has sixteen, and on one of eight the basic colour with an
 * attribute (bold, as terminals brighten it; dim for "other"), a pair no
 * other type has. Keep the help's legend (view-keys.c) in step.
 */
struct type_look {
	short colour; /* one of the eight */
	short bright; /* with sixteen colours or more; -1: colour */
	attr_t attr8; /* with eight */
};
static const struct type_look type_look[EV_TYPE_COUNT] = {
    [EV_VISIT] = {COLOR_GREEN, -1, A_NORMAL},
    [EV_MEETING] = {COLOR_BLUE, -1, A_NORMAL},
    [EV_SUMMIT] = {COLOR_RED, -1, A_NORMAL},
    [EV_CONFERENCE] = {COLOR_MAGENTA, -1, A_NORMAL},
    [EV_INTERVIEW] = {COLOR_CYAN, -1, A_NORMAL},
    [EV_PRESS] = {COLOR_YELLOW, -1, A_NORMAL},
    [EV_TRAVEL] = {COLOR_WHITE, -1, A_NORMAL},
    [EV_RECEPTION] = {COLOR_MAGENTA, 8 + COLOR_MAGENTA, A_BOLD},
    [EV_CALL] = {COLOR_CYAN, 8 + COLOR_CYAN, A_BOLD},
    [EV_OTHER] = {COLOR_WHITE, 8 + COLOR_BLACK, A_DIM},
};

static void setup_colours(void)
{
	const char *no = getenv("NO_COLOR");

	/* Monochrome: attributes alone say what colours would. */
	attrs[R_NORMAL] = A_NORMAL;
	attrs[R_TITLE] = A_REVERSE | A_BOLD;
	attrs[R_AXIS] = A_BOLD;
	attrs[R_TODAY] = A_BOLD;
	attrs[R_GRID] = A_DIM;
	attrs[R_LABEL] = A_NORMAL;
	attrs[R_CURSOR] = A_REVERSE;
	attrs[R_STATUS] = A_REVERSE;
	attrs[R_MESSAGE] = A_BOLD;
	attrs[R_HEADING] = A_BOLD;
	attrs[R_FIELD] = A_BOLD;
	for (int t = 0; t < EV_TYPE_COUNT; t++)
		attrs[R_BAR + t] = A_NORMAL;
	colour = !no && has_colors() && start_color() == OK && COLORS >= 8 &&
		 COLOR_PAIRS >= R_COUNT;
	if (!colour)
		return;
	use_default_colors();
	init_pair(1, COLOR_WHITE, COLOR_BLUE);
	attrs[R_TITLE] = COLOR_PAIR(1) | A_BOLD;
	init_pair(2, COLOR_CYAN, -1);
	attrs[R_AXIS] = COLOR_PAIR(2) | A_BOLD;
	init_pair(3, COLOR_RED, -1);
	attrs[R_TODAY] = COLOR_PAIR(3) | A_BOLD;
	init_pair(4, COLOR_YELLOW, -1);
	attrs[R_MESSAGE] = COLOR_PAIR(4) | A_BOLD;
	attrs[R_STATUS] = COLOR_PAIR(1);
	for (int t = 0; t < EV_TYPE_COUNT; t++) {
		const struct type_look *l = &type_look[t];

		if (COLORS >= 16 && l->bright >= 0) {
			init_pair((short)(10 + t), l->bright, -1);
			attrs[R_BAR + t] = COLOR_PAIR(10 + t);
		} else {
			init_pair((short)(10 + t), l->colour, -1);
			attrs[R_BAR + t] =
			    COLOR_PAIR(10 + t) | (COLORS >= 16 ? 0 : l->attr8);
		}
	}
}

int screen_init(char *err, size_t errsize)
{
	struct sigaction sa;

	if (!setlocale(LC_CTYPE, "") || !utf8_locale())
		setlocale(LC_CTYPE, "C.UTF-8");
	ascii = !utf8_locale();

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: the read in wget_wch returns at once. */
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	sigaction(SIGHUP, &sa, &old_hup);
	sigaction(SIGQUIT, &sa, &old_quit);
	sa.sa_handler = on_abort;
	sigaction(SIGABRT, &sa, &old_abrt);

	/* newterm rather than initscr: initscr exits on a bad TERM. */
	if (!(scr = newterm(NULL, stdout, stdin))) {
		snprintf(err, errsize, "cannot use the terminal '%s'",
			 getenv("TERM") ? getenv("TERM") : "");
		screen_done();
		return -1;
	}
	active = true;
	atexit(at_exit);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	/* Wake up now and then to see the flag of a stop signal. */
	wtimeout(stdscr, 500);
	curs_set(0);
	setup_colours();
	return 0;
}

void screen_done(void)
{
	if (active) {
		curs_set(1);
		endwin();
		/* The screen struct is freed only here, for leak checkers. */
		delscreen(scr);
		scr = NULL;
		active = false;
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGTERM, &old_term, NULL);
		sigaction(SIGHUP, &old_hup, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
		sigaction(SIGABRT, &old_abrt, NULL);
	}
}

void screen_size(int *rows, int *cols)
{
	getmaxyx(stdscr, *rows, *cols);
	if (*rows < 0)
		*rows = 0;
	if (*cols < 0)
		*cols = 0;
}

bool screen_ascii(void)
{
	return ascii;
}

void screen_clear(void)
{
	werase(stdscr);
}

void screen_put(int y, int x, const char *s, enum role r)
{
	attr_t a = attrs[r];

	wattrset(stdscr, a);
	if (!ascii) {
		mvwaddstr(stdscr, y, x, s);
	} else {
		/* One '?' per column the character would take. */
		size_t len = strlen(s), i = 0;

		wmove(stdscr, y, x);
		while (i < len) {
			uint32_t cp;
			size_t n = utf8_decode(s + i, len - i, &cp);
			int w;

			if (!n) {
				waddch(stdscr, '?');
				i++;
				continue;
			}
			i += n;
			if (cp < 0x80) {
				waddch(stdscr, (chtype)cp);
				continue;
			}
			w = utf8_cp_width(cp);
			while (w-- > 0)
				waddch(stdscr, '?');
		}
	}
	wattrset(stdscr, A_NORMAL);
}

void screen_blank(int y, int x, int n, enum role r)
{
	wattrset(stdscr, attrs[r]);
	wmove(stdscr, y, x);
	for (int i = 0; i < n; i++)
		waddch(stdscr, ' ');
	wattrset(stdscr, A_NORMAL);
}

void screen_cell(int y, int x, const struct layout_cell *c, bool bold)
{
	attr_t a = A_NORMAL;
	const char *g = layout_glyph(c, ascii);

	switch (c->kind) {
	case LC_GRID:
		a = attrs[R_GRID];
		break;
	case LC_TODAY:
		a = attrs[R_TODAY];
		break;
	case LC_BAR:
		a = attrs[R_BAR + c->type];
		if (c->cut & 1)
			g = ascii ? "<" : "\u25c2";
		else if (c->cut & 2)
			g = ascii ? ">" : "\u25b8";
		break;
	case LC_POINT:
	case LC_BEFORE:
	case LC_AFTER:
		/* Bold brightens a colour into another type's (conference's
		 * magenta into reception's): only without colour. */
		a = attrs[R_BAR + c->type] | (!colour ? A_BOLD : A_NORMAL);
		break;
	default:
		break;
	}
	/* The cursor's row: underlined in colour, where bold would make
	 * one type look like another; bold without colour. */
	if (bold)
		a |= colour ? A_UNDERLINE : A_BOLD;
	wattrset(stdscr, a);
	mvwaddstr(stdscr, y, x, g);
	wattrset(stdscr, A_NORMAL);
}

void screen_mark(int y, int x, char ch, enum role r)
{
	wattrset(stdscr, attrs[r] | A_REVERSE);
	mvwaddch(stdscr, y, x, (chtype)(unsigned char)ch);
	wattrset(stdscr, A_NORMAL);
}

void screen_cursor(int y, int x, bool visible)
{
	curs_set(visible ? 1 : 0);
	if (visible)
		wmove(stdscr, y, x);
}

void screen_repaint(void)
{
	clearok(curscr, TRUE);
}

void screen_update(void)
{
	wnoutrefresh(stdscr);
	doupdate();
}

int screen_key(uint32_t *key)
{
	wint_t wc;
	int r;

	if (stop_signal)
		return -1;
	r = wget_wch(stdscr, &wc);
	if (r == ERR)
		return -1;
	*key = (uint32_t)wc;
	return r == KEY_CODE_YES ? 1 : 0;
}
