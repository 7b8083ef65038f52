/*
 * dynlib.h: a shared library opened when a command first needs it, not at
 * start-up (systemd's dlopen_many_sym_or_warn() in src/shared/dlfcn-util.c
 * is the model). libical pulls ICU and libstdc++ in, ncursesw and libxml2
 * their own: linked into the binary they cost every command, `itin add`
 * and `itin list` included, several milliseconds before main() (6 to 20
 * on the development machine, three times an empty program's start).
 * Each library has a table (src/core/icaldl.c, src/tui/cursesdl.c,
 * src/core/xmldl.c, src/sync/curldl.c): a struct dynlib naming the
 * library and the symbols its users call, made by DYNLIB_DECLARE and
 * DYNLIB_DEFINE below, and a loader its users call before the first use.
 *
 * The library is named by its SONAME (libical.so.3), the name the linker
 * would have written into the binary, so the same ABI is loaded as the
 * headers describe; the Makefile takes it from the library it finds at
 * build time.
 *
 * Ownership: the struct dynlib and its table are the module's (static);
 * a loaded library stays loaded for the life of the process.
 */
#ifndef ITIN_DYNLIB_H
#define ITIN_DYNLIB_H

#include <stddef.h>

#include "itin/err.h"

/*
 * The status of a command that needs a library the system does not have
 * is err.h's ITIN_EX_UNAVAILABLE, sysexits' EX_UNAVAILABLE ("a service is
 * unavailable ... a support program or file does not exist"). Not 65 or
 * 66: the input is fine, and so is the user's file; not 71 (EX_OSERR),
 * which the tool keeps for out of memory.
 */

/* A symbol to resolve and where to put its address. */
struct dynlib_sym {
	const char *name;
	/* The address of a pointer variable: a pointer to a function for a
	 * function, a pointer to the object for a variable (stdscr). */
	void *slot;
};

struct dynlib {
	const char *soname;  /* "libical.so.3" */
	const char *package; /* Debian's package that ships it, "libical3" */
	const char *needed;  /* what needs it, for the error: "to read ..." */
	const struct dynlib_sym *syms;
	size_t nsyms;
	/* The outcome, kept so that the library is opened at most once per
	 * process: 0 not tried, 1 loaded, -1 failed (the message in why). */
	int state;
	char why[sizeof(((struct itin_err *)0)->msg)];
};

/*
 * Open lib and resolve every symbol of its table into its slot, all or
 * none: 0, or -1 with err filled (status ITIN_EX_UNAVAILABLE, a message
 * naming the library, what needs it, the package that provides it and the
 * loader's own words). Only the first call per process does the work; a
 * failure is given again, as it was, to later calls. Thread-safe.
 */
int dynlib_load(struct dynlib *lib, struct itin_err *err);

/*
 * A table, from a list of the library's names: SYMS(X, T) expands to
 * X(T, name) for each name the users call (functions, and variables such
 * as curses' stdscr), e.g.
 *
 *	#define CURLDL_SYMS(X, T) X(T, curl_easy_init) X(T, curl_easy_cleanup)
 *
 * The table's header, after the library's own headers:
 *
 *	DYNLIB_DECLARE(curldl, CURLDL_SYMS)
 *
 * declares struct curldl, one member per name, of type pointer to the
 * name's own type (__typeof__, which gcc and clang have: a call through a
 * member is checked against the library's prototype as a direct call
 * was), and the object curldl holding them. The header then turns each
 * name into its member (#define curl_easy_init (*curldl.curl_easy_init)),
 * which a macro cannot write, unless the table's .c file asks it not to.
 * The table's .c file:
 *
 *	DYNLIB_DEFINE(curldl, CURLDL_SYMS, curl_lib_load, ITIN_CURL_SONAME,
 *		      "libcurl4", "to reach a CalDAV server")
 *
 * defines the object, its list of symbols, its struct dynlib and
 * int curl_lib_load(struct itin_err *) (declared by the module's header),
 * which opens the library once and fills every member (dynlib_load()).
 */
#define DYNLIB_SLOT_(table, name)  __typeof__(name) *name;
#define DYNLIB_ENTRY_(table, name) {#name, &table.name},

#define DYNLIB_DECLARE(table, SYMS)                                            \
	struct table {                                                         \
		SYMS(DYNLIB_SLOT_, table)                                      \
	};                                                                     \
	/* NULL pointers until the loader has run. */                          \
	extern struct table table;

#define DYNLIB_DEFINE(table, SYMS, loader, soname_, package_, needed_)         \
	struct table table;                                                    \
	static const struct dynlib_sym table##_syms_[] = {                     \
	    SYMS(DYNLIB_ENTRY_, table)};                                       \
	static struct dynlib table##_lib_ = {                                  \
	    .soname = soname_,                                                 \
	    .package = package_,                                               \
	    .needed = needed_,                                                 \
	    .syms = table##_syms_,                                             \
	    .nsyms = sizeof(table##_syms_) / sizeof(table##_syms_[0]),         \
	};                                                                     \
	int loader(struct itin_err *err)                                       \
	{                                                                      \
		return dynlib_load(&table##_lib_, err);                        \
	}

#endif
