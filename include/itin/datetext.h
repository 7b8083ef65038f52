/*
 * datetext.h: dates and times as people and spreadsheets write them in
 * files, read into the integers of datetime.h.
 *
 * datetime.h reads the contract's strict WHEN (YYYY-MM-DD[THH:MM[:SS]])
 * and the relative dates of the command line; this is the looser reader
 * that every file format other than iCalendar calls (CSV today): ISO
 * dates, dates with the year first or last and a '/', '.' or '-' between
 * the fields (05/07/2023, 05.07.2023, 2023/07/05), 24-hour and 12-hour
 * times ("14:00", "2:00:00 PM", "2:00 p.m."), and a date and a time
 * together ("1/29/2023 2:00 PM", "2023-01-29T10:00").
 *
 * A date whose year is last could be day-first or month-first. The
 * reader reads it by the order in struct datetext (given by the caller,
 * or decided by an earlier date of the same file) and reports what the
 * date itself says about the order (kind); deciding the file's order from
 * that evidence, and what to do with rows that wait for it, is the
 * caller's. The caller owns the struct datetext, one per file read.
 */
#ifndef ITIN_DATETEXT_H
#define ITIN_DATETEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "itin/err.h"

/* What a slash or dot date says about the file's date order: nothing
 * (ISO, or the same either way), that it is day-first or month-first, or
 * that it could be read either way. */
enum datetext_kind {
	DATETEXT_PLAIN,
	DATETEXT_DMY,	    /* 30/07/2023: the first field is over 12 */
	DATETEXT_MDY,	    /* 07/30/2023: the second field is over 12 */
	DATETEXT_AMBIG,	    /* 05/07/2023 */
	DATETEXT_AMBIG_DOT, /* 05.07.2023 */
};

/*
 * The order of one kind of date (slash or dot): given, or decided by the
 * first date that tells, or not known yet. Slash and dot dates are told
 * apart (a file may write 12/31/2023 and 31.12.2023 from two sources); an
 * ambiguous dotted date is day-first by convention and so decides its
 * kind.
 */
struct datetext_order {
	char order;   /* 0 not known yet, 'd', 'm' or 'y' */
	long at_line; /* the date that decided it, for a conflict */
	char at_s[16];
	bool by_convention; /* a dotted date decided it, day-first */
};

/* The state of reading one file's dates. Zero it, then set the orders
 * when the caller gives them. */
struct datetext {
	struct datetext_order sep[2]; /* slash, dot */
	bool given; /* by the caller: sep[] is fixed, read as it says */
	/* What the date read last says of the order (DATETEXT_PLAIN unless it
	 * has the year last), its separator (0 slash, 1 dot) and its text. */
	enum datetext_kind kind;
	int cur_sep;
	char cur_s[16];
	/* The last date read and its day: rows of a file come in date
	 * order, and a start and an end share their date, so most dates
	 * are the one before. memo_len 0: nothing yet. */
	char memo_s[16];
	size_t memo_len;
	int64_t memo_days;
};

/* A date, a time, or both ("2023-01-29T10:00", "1/29/2023 2:00 PM"). */
struct datetext_when {
	bool has_date, has_time;
	int64_t days;
	int secs;
};

/*
 * A date occupying exactly s[0..len): YYYY-MM-DD, YYYY/MM/DD, YYYY.M.D,
 * M/D/YYYY or D/M/YYYY, D.M.YYYY, D-M-YYYY, read in dt's order (an
 * undecided slash date provisionally month-first, a dotted one day-first).
 * *days gets days since 1970-01-01; dt->kind says what the date tells of
 * the order. On error -1 with status 65 and a message quoting the date
 * (and, for a date impossible in the order in force, why that order);
 * file, line and column are the caller's.
 */
int datetext_date(struct datetext *dt, const char *s, size_t len, int64_t *days,
		  struct itin_err *err);

/* H:MM[:SS] with an optional AM/PM (a.m., p.m.), exactly s[0..len);
 * *secs gets seconds of day. Errors as datetext_date(). */
int datetext_clock(const char *s, size_t len, int *secs, struct itin_err *err);

/* A date, a time, or a date and a time after a 'T' or spaces, blanks
 * around it ignored. Errors as datetext_date(), quoting the whole value
 * when its date is bad. */
int datetext_when(struct datetext *dt, const char *s, size_t len,
		  struct datetext_when *out, struct itin_err *err);

/* "AM", "pm", "a.m.": the end of a 12-hour time (len >= 1). */
bool datetext_is_ampm(const char *s, size_t len);

#endif
