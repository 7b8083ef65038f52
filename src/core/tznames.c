/*
 * tznames.c: the zone names the database lists (tzdata.zi, else the .tab
 * files), loaded on first need: the database's own spelling of a name
 * given in another case, and the closest name to a misspelt one.
 */
#include <stdlib.h>
#include <string.h>

#include "itin/ascii.h"
#include "itin/strbuf.h"
#include "itin/tz.h"
#include "itin/xalloc.h"
#include "tz-impl.h"

static struct tz_names {
	char **names;
	bool *is_link;
	size_t nnames, names_alloc;
	bool names_loaded;
} db;

static void add_name(const char *b, size_t len, bool link)
{
	size_t i;

	if (!len)
		return;
	for (i = 0; i < db.nnames; i++)
		if (strlen(db.names[i]) == len && !memcmp(db.names[i], b, len))
			return;
	if (db.nnames + 1 > db.names_alloc) {
		size_t a = db.names_alloc;

		db.names = xgrow(db.names, &db.names_alloc, db.nnames + 1,
				 sizeof(*db.names));
		db.is_link =
		    xgrow(db.is_link, &a, db.nnames + 1, sizeof(*db.is_link));
	}
	db.is_link[db.nnames] = link;
	db.names[db.nnames++] = xstrndup(b, len);
}

/* The field-th (0-based) run of non-blank characters of line [b, e). */
static bool field(const char *b, const char *e, int nth, const char **fb,
		  size_t *flen)
{
	const char *p = b, *s;
	int k = 0;

	for (;;) {
		while (p < e && ascii_isblank(*p))
			p++;
		if (p >= e)
			return false;
		s = p;
		while (p < e && !ascii_isblank(*p))
			p++;
		if (k++ == nth) {
			*fb = s;
			*flen = (size_t)(p - s);
			return true;
		}
	}
}

/* tzdata.zi lists every zone ("Z NAME ...") and link ("L TARGET NAME");
 * the .tab files list only the main zones, so they are the fallback. */
static bool load_names_from(const char *file, bool zi)
{
	struct strbuf path = STRBUF_INIT;
	char *data, *p, *e, *end;
	const char *fb;
	size_t len = 0, flen;

	strbuf_addf(&path, "%s/%s", tzfile_dir(), file);
	data = (char *)tzfile_read(path.buf, 16 * TZ_FILE_MAX, &len);
	strbuf_release(&path);
	if (!data)
		return false;
	end = data + len;
	for (p = data; p < end; p = e + 1) {
		e = memchr(p, '\n', (size_t)(end - p));
		if (!e)
			e = end;
		if (zi) {
			if (e - p > 2 && p[0] == 'Z' && p[1] == ' ' &&
			    field(p, e, 1, &fb, &flen))
				add_name(fb, flen, false);
			else if (e - p > 2 && p[0] == 'L' && p[1] == ' ' &&
				 field(p, e, 2, &fb, &flen))
				add_name(fb, flen, true);
		} else if (p < e && *p != '#' && field(p, e, 2, &fb, &flen)) {
			add_name(fb, flen, false);
		}
	}
	free(data);
	return true;
}

static void load_names(void)
{
	if (db.names_loaded)
		return;
	db.names_loaded = true;
	if (load_names_from("tzdata.zi", true))
		return;
	load_names_from("zone1970.tab", false);
	load_names_from("zone.tab", false);
	add_name("UTC", 3, false);
}

const char *tznames_other_case(const char *name, size_t *i)
{
	load_names();
	for (; *i < db.nnames; ++*i) {
		const char *n = db.names[*i];

		if (!ascii_casecmp(n, name) && strcmp(n, name)) {
			++*i;
			return n;
		}
	}
	return NULL;
}

static int fold(int c)
{
	return c == ' ' ? '_' : ascii_tolower(c);
}

/* The edit distance of a and b when it is at most cap, else cap + 1.
 * Stopping once every entry of a row passes cap keeps a file full of
 * misspelt zones from costing a full table per zone name (the fuzzer
 * found inputs that spent seconds here). */
static size_t levenshtein_capped(const char *a, const char *b, size_t cap)
{
	size_t la = strlen(a), lb = strlen(b), i, j, *row, prev, cur, best,
	       row_min;

	if ((la > lb ? la - lb : lb - la) > cap)
		return cap + 1;
	row = xmalloc((lb + 1) * sizeof(*row));
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		row_min = row[0];
		for (j = 1; j <= lb; j++) {
			cur = row[j];
			best = prev + (fold(a[i - 1]) != fold(b[j - 1]));
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			if (best < row_min)
				row_min = best;
			prev = cur;
		}
		if (row_min > cap) {
			free(row);
			return cap + 1;
		}
	}
	cur = row[lb];
	free(row);
	return cur > cap ? cap + 1 : cur;
}

static const char *last_component(const char *s)
{
	const char *slash = strrchr(s, '/');

	return slash ? slash + 1 : s;
}

static bool same_folded(const char *a, const char *b)
{
	while (*a && *b && fold(*a) == fold(*b))
		a++, b++;
	return !*a && !*b;
}

const char *tz_suggest(const char *bad)
{
	size_t len = strlen(bad), i, d, limit, best_d = (size_t)-1;
	const char *leaf = last_component(bad), *best = NULL, *best_leaf = NULL;
	bool best_leaf_link = true, best_link = true;

	if (!len || len > TZ_NAME_MAX)
		return NULL;
	load_names();
	limit = len / 4 > 2 ? len / 4 : 2;
	for (i = 0; i < db.nnames; i++) {
		const char *n = db.names[i];

		/* "Seoul" or "Europe/Seoul" -> "Asia/Seoul": a zone whose
		 * city is the one typed, preferring a zone over a link. */
		if (*leaf && same_folded(leaf, last_component(n)) &&
		    (!best_leaf || (best_leaf_link && !db.is_link[i]))) {
			best_leaf = n;
			best_leaf_link = db.is_link[i];
		}
		/* Only distances up to limit are ever used, and one above the
		 * best so far can never win. */
		d = levenshtein_capped(bad, n, best_d < limit ? best_d : limit);
		if (d < best_d ||
		    (d == best_d && best_link && !db.is_link[i])) {
			best_d = d;
			best = n;
			best_link = db.is_link[i];
		}
	}
	if (best && best_d <= limit)
		return best;
	return best_leaf;
}

void tznames_free(void)
{
	size_t i;

	for (i = 0; i < db.nnames; i++)
		free(db.names[i]);
	free(db.names);
	free(db.is_link);
	memset(&db, 0, sizeof(db));
}
