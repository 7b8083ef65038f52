/*
 * userzone.c: the zone the user sits in, the one clock behind "today"
 * (now.c), the timeline's and the viewer's axis, all read through tz.c so
 * that they agree at every instant; libc's localtime is never asked.
 *
 * Where the zone comes from, as libc looks for it:
 *   $TZ             a zone of the database ("Europe/Paris", "UTC",
 *                   "EST5EDT"), with or without libc's leading ':'; a
 *                   path into the database ("/usr/share/zoneinfo/...")
 *                   or to another TZif file; a POSIX rule ("JST-9",
 *                   "CET-1CEST,M3.5.0,M10.5.0/3"); empty: UTC, as for libc
 *   /etc/localtime  the zone it links to, else (a copy of the file) the
 *                   name in /etc/timezone, else the copy itself
 *   else UTC.
 * A $TZ that is none of these (a typo) is warned about once and
 * /etc/localtime is used: one clock for every command, said, rather than
 * libc's answer for today beside another for the axis.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "itin/datetime.h"
#include "itin/tz.h"

/* The zone a path into the database names ("/usr/share/zoneinfo/Asia/
 * Seoul"), or NULL. */
static const struct tz *zone_of_path(const char *path)
{
	struct itin_err err;
	const char *p = strstr(path, "zoneinfo/");

	return p ? tz_get(p + 9, &err) : NULL;
}

/* The zone of /etc/localtime: the one it links to, else (a copy) the one
 * /etc/timezone names, else NULL. */
static const struct tz *system_zone(void)
{
	struct itin_err err;
	char buf[PATH_MAX];
	ssize_t n = readlink("/etc/localtime", buf, sizeof(buf) - 1);
	const struct tz *z = NULL;
	FILE *f;

	if (n > 0) {
		buf[n] = '\0';
		return zone_of_path(buf);
	}
	f = fopen("/etc/timezone", "r");
	if (!f)
		return tz_get_file("/etc/localtime", "localtime");
	if (fgets(buf, sizeof(buf), f)) {
		/* One line, the zone's name: no blanks inside. */
		char *s = buf + strspn(buf, " \t");

		s[strcspn(s, " \t\r\n")] = '\0';
		if (*s)
			z = tz_get(s, &err);
	}
	fclose(f);
	return z ? z : tz_get_file("/etc/localtime", "localtime");
}

/* The zone $TZ names (tz without libc's ':'), or NULL after a warning. */
static const struct tz *env_zone(const char *tz)
{
	struct itin_err err;
	const struct tz *z;

	if (*tz == '/') {
		/* The file, as libc reads it: by its name in the database
		 * when it is there, else (a TZif file elsewhere) itself. */
		const char *p = strstr(tz, "zoneinfo/");

		z = p && !access(tz, R_OK) ? zone_of_path(tz) : NULL;
		if (!z)
			z = tz_get_file(tz, p ? p + 9 : tz);
	} else {
		z = tz_get(tz, &err);
		/* Not a zone of the database: a POSIX rule ("JST-9"), as
		 * libc reads it, then what a name too close to a zone's is
		 * taken for. */
		if (!z && strpbrk(tz, "0123456789"))
			z = tz_get_rule(tz);
	}
	if (z)
		return z;
	/* A $TZ we cannot read is a mistake to say, not to hide behind
	 * another clock. */
	warning("unknown time zone '%s' in $TZ; using the system's zone", tz);
	return NULL;
}

static const struct tz *find_user_zone(void)
{
	struct itin_err err;
	const char *tz = getenv("TZ");
	const struct tz *z = NULL;

	if (tz && *tz == ':')
		tz++;
	if (tz && !*tz)
		return tz_get("UTC", &err);
	if (tz)
		z = env_zone(tz);
	if (!z)
		z = system_zone();
	return z ? z : tz_get("UTC", &err);
}

const struct tz *user_zone(void)
{
	/* Found once: the warning is said once, and every caller of one
	 * run sees the same clock. The zone lives in tz.c's cache, which
	 * main frees only after the command (tz_cache_free()); nothing may
	 * ask for the user's zone after that. */
	static const struct tz *zone;

	if (!zone)
		zone = find_user_zone();
	return zone;
}

int64_t user_day(int64_t instant)
{
	return lsec_day(tz_utc_to_local(user_zone(), instant));
}

int64_t user_midnight(int64_t day)
{
	return tz_local_to_utc(user_zone(), day * ITIN_DAY, NULL);
}
