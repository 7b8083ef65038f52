/*
 * filter.c: the FILTERS of list, export and view.
 *
 * Text comparisons fold case and Latin accents (utf8_fold), so --with
 * nausėda finds "Gitanas Nausėda" and --city sao paulo finds São Paulo.
 * Cities also match through the gazetteer's alternate names (Kiev, Kyiv).
 */
#include <stdlib.h>
#include <string.h>

#include "itin/ascii.h"
#include "itin/filter.h"
#include "itin/places.h"
#include "itin/utf8.h"
#include "itin/xalloc.h"

void filter_release(struct filter *f)
{
	free(f->city);
	free(f->with);
	free(f->grep);
	f->city = f->with = f->grep = NULL;
}

bool filter_is_empty(const struct filter *f)
{
	return !f->has_from && !f->has_to && !f->type_mask && !f->city &&
	       !f->country[0] && !f->with && !f->grep;
}

static char *fold(const char *s, unsigned flags)
{
	size_t n = strlen(s) + 1;
	char *buf = xmalloc(n);

	utf8_fold(s, buf, n, flags);
	return buf;
}

bool text_contains_folded(const char *haystack, const char *needle)
{
	char *h, *n;
	bool found;

	if (!haystack || !needle)
		return false;
	h = fold(haystack, 0);
	n = fold(needle, 0);
	found = strstr(h, n) != NULL;
	free(h);
	free(n);
	return found;
}

bool text_equal_folded(const char *a, const char *b)
{
	char *fa, *fb;
	bool eq;

	if (!a || !b)
		return false;
	fa = fold(a, UTF8_FOLD_ALNUM);
	fb = fold(b, UTF8_FOLD_ALNUM);
	eq = !strcmp(fa, fb);
	free(fa);
	free(fb);
	return eq;
}

static bool city_matches(const char *want, const struct event *ev)
{
	const struct place *b;

	if (!ev->city)
		return false;
	if (text_equal_folded(want, ev->city))
		return true;
	/* "Kiev" finds "Kyiv": the same gazetteer entry; "Portland" finds
	 * both Portlands ("Portland, ME" among them). */
	b = place_find(ev->city, ev->country, NULL);
	if (!b)
		return false;
	{
		const struct place *all[16];
		size_t n = place_find_all(want, NULL, all, 16);

		for (size_t i = 0; i < n && i < 16; i++)
			if (all[i] == b)
				return true;
	}
	return false;
}

bool filter_match(const struct filter *f, const struct event *ev)
{
	size_t i;

	if (f->has_from && event_last_day(ev) < f->from_day)
		return false;
	if (f->has_to && event_first_day(ev) > f->to_day)
		return false;
	if (f->type_mask && !(f->type_mask & (1u << ev->type)))
		return false;
	if (f->country[0] && ascii_casecmp(f->country, ev->country))
		return false;
	if (f->city && !city_matches(f->city, ev))
		return false;
	if (f->with) {
		for (i = 0; i < ev->nwith; i++)
			if (text_contains_folded(ev->with[i].name, f->with))
				break;
		if (i == ev->nwith)
			return false;
	}
	if (f->grep && !text_contains_folded(ev->title, f->grep) &&
	    !text_contains_folded(ev->venue, f->grep) &&
	    !text_contains_folded(ev->notes, f->grep))
		return false;
	return true;
}
