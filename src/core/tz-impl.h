/*
 * tz-impl.h: what the files of the time-zone module (tz.h) share, and
 * nothing else includes: a loaded zone, which tzfile.c reads from a TZif
 * file and tz.c answers from; the POSIX TZ rule of its footer, which
 * tzrule.c reads and evaluates; and the database's list of zone names
 * (tznames.c), for names in another case and suggestions.
 */
#ifndef ITIN_TZ_IMPL_H
#define ITIN_TZ_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* TZif files are a few KiB; anything far bigger is not one. */
#define TZ_FILE_MAX (1024 * 1024)
#define TZ_NAME_MAX 255
/* RFC 8536 keeps offsets within -89999..93599 s; allow a little more. */
#define TZ_OFF_LIMIT (26 * 3600)

struct tz_ttype {
	int32_t off;
	bool isdst;
	char abbr[16];
};

/* One date of a POSIX TZ rule: "Jn", "n" or "Mm.w.d", then "/time". */
struct tz_rule_date {
	char kind; /* 'J': day 1..365, Feb 29 never counted; 'n': 0..365;
		    * 'M': weekday d of week w (5 = last) of month m */
	int n, m, w, d;
	int32_t time; /* seconds after local midnight, may be < 0 or > 24 h */
};

struct tz_rule {
	struct tz_ttype std, dst;
	bool has_dst;
	struct tz_rule_date start, end;
};

/*
 * The last stretch a zone was asked about. Imports ask about one zone's
 * neighbouring days over and over, and past the table every answer
 * computes the rule's dates for three years; inside the stretch the answer
 * is the same. Held through a pointer so that the const zone can keep it.
 */
struct tz_memo {
	const struct tz_ttype *ty; /* NULL: nothing yet */
	int64_t from, to;
};

struct tz {
	char *name;
	struct tz_memo *memo;
	size_t ntrans;
	int64_t *trans; /* ascending */
	uint8_t *idx;	/* type index for each transition */
	size_t ntypes;
	struct tz_ttype *types;
	bool has_rule;
	struct tz_rule rule;
};

/* ---- tzrule.c: the POSIX TZ string of a TZif footer ---- */

/* Read a POSIX TZ string ("CET-1CEST,M3.5.0,M10.5.0/3") into r. */
bool tzrule_parse(const char *s, struct tz_rule *r);
const struct tz_ttype *tzrule_segment(const struct tz_rule *r, int64_t t,
				      int64_t *from, int64_t *to, bool *exact);

/* ---- tzfile.c: zones from the database's files ---- */

/* The database's directory: $TZDIR, else /usr/share/zoneinfo. */
const char *tzfile_dir(void);
/* Read a whole regular file of at most max bytes; NULL on failure. */
unsigned char *tzfile_read(const char *path, size_t max, size_t *len);
/* Whether name may be looked up as a file of the database. */
bool tzfile_name_is_safe(const char *name);
/* The zone of the database's file name (a safe name), or NULL. */
struct tz *tzfile_load(const char *name);
/* The zone of the TZif file at path, called name, or NULL. */
struct tz *tzfile_load_path(const char *path, const char *name);
/* Free what a zone holds (not the struct). */
void tzfile_release(struct tz *tz);

/* ---- tznames.c: the database's list of zone names ---- */

/*
 * The next name of the database from *i on that is name in another case
 * ("Europe/Paris" for "europe/paris"), or NULL; *i moves past it.
 */
const char *tznames_other_case(const char *name, size_t *i);
/* Free the list. */
void tznames_free(void);

#endif
