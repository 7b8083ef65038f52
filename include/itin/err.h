/*
 * err.h: how the core reports problems without printing or exiting.
 *
 * Every core function that can fail returns 0 on success or -1 on failure and
 * fills a caller-owned struct itin_err: the sysexits status the CLI should
 * exit with, and, for problems found in a file, the file name, line and
 * column. The CLI formats it as "itin: FILE:LINE:COL: message".
 *
 * Warnings (a floating time, an ignored column) do not stop the work; the core
 * hands them to a caller-supplied struct itin_warner, which may be NULL to
 * drop them. Nothing here allocates.
 */
#ifndef ITIN_ERR_H
#define ITIN_ERR_H

#include <stdarg.h>

/* sysexits(3) values, named here so the core needs no <sysexits.h>. */
enum itin_status {
	ITIN_OK = 0,
	ITIN_EX_OTHER = 1,
	ITIN_EX_USAGE = 64,	  /* bad command line */
	ITIN_EX_DATAERR = 65,	  /* bad input data */
	ITIN_EX_NOINPUT = 66,	  /* input file missing or unreadable */
	ITIN_EX_UNAVAILABLE = 69, /* a library it needs is missing */
	ITIN_EX_OSERR = 71,	  /* out of memory (xalloc.h) */
	ITIN_EX_CANTCREAT = 73,	  /* cannot create output */
	ITIN_EX_IOERR = 74,	  /* I/O error */
	ITIN_EX_TEMPFAIL = 75,	  /* store busy; a server failing (5xx) */
	ITIN_EX_NOPERM = 77,	  /* a server refused our credentials */
};

struct itin_err {
	int status;	/* enum itin_status; 0 when no error */
	char file[256]; /* empty when the problem is not in a file */
	long line;	/* 1-based; 0 = no line */
	long col;	/* 1-based; 0 = no column */
	char msg[512];
};

#if defined(__GNUC__)
#define ITIN_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define ITIN_PRINTF(f, a)
#endif

void itin_err_clear(struct itin_err *err);

/* Set a problem that is not located in a file. Always returns -1. */
int itin_err_set(struct itin_err *err, int status, const char *fmt, ...)
    ITIN_PRINTF(3, 4);

/* Set a problem at FILE:LINE:COL (line or col may be 0). Always returns -1. */
int itin_err_at(struct itin_err *err, int status, const char *file, long line,
		long col, const char *fmt, ...) ITIN_PRINTF(6, 7);

/*
 * itin_err_at with a va_list: for a module's own "fail here" helper, which
 * works out where and then passes its caller's format and arguments on.
 */
int itin_err_vat(struct itin_err *err, int status, const char *file, long line,
		 long col, const char *fmt, va_list ap) ITIN_PRINTF(6, 0);

/* Format "FILE:LINE:COL: msg" (or just msg) into buf; for the CLI and tests. */
void itin_err_format(const struct itin_err *err, char *buf, unsigned long size);

/* A sink for warnings. fn receives a filled struct itin_err (status 0). */
struct itin_warner {
	void (*fn)(void *ctx, const struct itin_err *warning);
	void *ctx;
};

/* Report a warning through w; w may be NULL. */
void itin_warn_at(const struct itin_warner *w, const char *file, long line,
		  long col, const char *fmt, ...) ITIN_PRINTF(5, 6);

#endif
