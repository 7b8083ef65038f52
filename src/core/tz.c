/*
 * tz.c: time zones from the system tz database (TZif files, RFC 8536).
 *
 * A zone is its transition table (the 64-bit v2+ section when present)
 * plus the POSIX TZ string in the file's footer, which rules every instant
 * after the last transition. Slim TZif files (zic -b slim) stop the table
 * at the last rule change and leave all future years to the footer, so the
 * footer is evaluated exactly as RFC 8536 describes, including its
 * extensions (rule times from -167 to 167 hours, DST all year).
 *
 * Every query is pure arithmetic on the loaded data: a binary search in
 * the table, or for the footer the few transitions of the years around the
 * instant. Nothing touches TZ or localtime(), so the answers do not depend
 * on the environment and are safe on a hot path (one lookup per event).
 *
 * Loaded zones live in a process-wide cache keyed by the name asked for
 * (an alias spelled in another case maps to the canonical zone) until
 * tz_cache_free().
 *
 * This file answers the queries and keeps the cache; tzfile.c reads the
 * database's files, tzrule.c the footer's rule, tznames.c the list of
 * zone names (for another case and for suggestions); tz-impl.h is what
 * they share.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itin/hash.h"
#include "itin/hashmap.h"
#include "itin/tz.h"
#include "itin/xalloc.h"
#include "tz-impl.h"

/* ---- queries ---- */

/* The type in force at instant t and the stretch [*from, *to) it covers
 * (a transition that keeps the same type may split a stretch); *exact
 * false when the stretch is only known to hold at t (tzrule_segment()). */
static const struct tz_ttype *segment_lookup(const struct tz *tz, int64_t t,
					     int64_t *from, int64_t *to,
					     bool *exact)
{
	size_t lo, hi, mid;
	const struct tz_ttype *ty;

	*exact = true;
	if (tz->ntrans == 0) {
		if (tz->has_rule)
			return tzrule_segment(&tz->rule, t, from, to, exact);
		*from = INT64_MIN;
		*to = INT64_MAX;
		return &tz->types[0];
	}
	if (t < tz->trans[0]) {
		/* RFC 8536: before the first transition, type 0 applies. */
		*from = INT64_MIN;
		*to = tz->trans[0];
		return &tz->types[0];
	}
	if (t >= tz->trans[tz->ntrans - 1]) {
		if (!tz->has_rule) {
			*from = tz->trans[tz->ntrans - 1];
			*to = INT64_MAX;
			return &tz->types[tz->idx[tz->ntrans - 1]];
		}
		ty = tzrule_segment(&tz->rule, t, from, to, exact);
		if (*from < tz->trans[tz->ntrans - 1])
			*from = tz->trans[tz->ntrans - 1];
		return ty;
	}
	/* trans[lo] <= t < trans[hi] */
	lo = 0;
	hi = tz->ntrans - 1;
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (tz->trans[mid] <= t)
			lo = mid;
		else
			hi = mid;
	}
	*from = tz->trans[lo];
	*to = tz->trans[hi];
	return &tz->types[tz->idx[lo]];
}

/* segment_lookup(), remembered: every instant of an exact stretch has
 * the same answer. */
static const struct tz_ttype *segment_at(const struct tz *tz, int64_t t,
					 int64_t *from, int64_t *to)
{
	struct tz_memo *m = tz->memo;
	const struct tz_ttype *ty;
	bool exact;

	if (m->ty && t >= m->from && t < m->to) {
		*from = m->from;
		*to = m->to;
		return m->ty;
	}
	ty = segment_lookup(tz, t, from, to, &exact);
	if (exact) {
		m->ty = ty;
		m->from = *from;
		m->to = *to;
	}
	return ty;
}

static void fill_offset(const struct tz_ttype *ty, struct tz_offset *out)
{
	out->utc_offset = ty->off;
	out->is_dst = ty->isdst;
	memcpy(out->abbr, ty->abbr, sizeof(out->abbr));
}

void tz_offset_at(const struct tz *tz, int64_t instant, struct tz_offset *out)
{
	int64_t from, to;

	fill_offset(segment_at(tz, instant, &from, &to), out);
}

static bool same_type(const struct tz_ttype *a, const struct tz_ttype *b)
{
	return a->off == b->off && a->isdst == b->isdst &&
	       !strcmp(a->abbr, b->abbr);
}

/*
 * Walk the stretches of constant type from after on: segment_at() gives
 * each stretch's end, which is the next candidate; a stretch whose type
 * equals the one before (a table entry or rule edge that changes nothing)
 * is passed over.
 */
bool tz_next_transition(const struct tz *tz, int64_t after, int64_t limit,
			struct tz_transition *out)
{
	int64_t from, to, t = after;
	const struct tz_ttype *cur = segment_at(tz, t, &from, &to), *next;

	while (to != INT64_MAX && to <= limit) {
		t = to;
		next = segment_at(tz, t, &from, &to);
		if (!same_type(cur, next)) {
			out->at = t;
			fill_offset(cur, &out->before);
			fill_offset(next, &out->after);
			return true;
		}
		cur = next;
	}
	return false;
}

int64_t tz_utc_to_local(const struct tz *tz, int64_t instant)
{
	int64_t from, to;

	return instant + segment_at(tz, instant, &from, &to)->off;
}

/* The instants that show a wall-clock time (find_local()). */
struct local_sols {
	int64_t sol[2]; /* the first two */
	int32_t soloff[2];
	int nsol;
	int64_t back; /* where the clock is set back after the first */
	bool have_gap;
};

/*
 * A wall-clock time L happens at instant u when u + offset(u) == L. Every
 * offset is within TZ_OFF_LIMIT, so u lies within that much of L: walk the
 * stretches of constant type across that window and keep each u that falls
 * inside its own stretch. None: L is in a gap (info says which); two: L is
 * repeated.
 */
static void find_local(const struct tz *tz, int64_t local, struct local_sols *s,
		       struct tz_local_info *info)
{
	int64_t t = local - TZ_OFF_LIMIT, end = local + TZ_OFF_LIMIT;
	int64_t from, to, u;
	int32_t prev_off = 0;
	bool have_prev = false, have_back = false;
	const struct tz_ttype *ty;

	memset(s, 0, sizeof(*s));
	for (;;) {
		ty = segment_at(tz, t, &from, &to);
		/* The first setting back of the clock after a solution is
		 * what repeats the wall-clock time. */
		if (s->nsol && have_prev && !have_back && ty->off < prev_off) {
			s->back = from;
			have_back = true;
		}
		u = local - ty->off;
		if (u >= from && u < to) {
			if (s->nsol < 2) {
				s->sol[s->nsol] = u;
				s->soloff[s->nsol] = ty->off;
			}
			s->nsol++;
		}
		if (have_prev && !s->have_gap && s->nsol == 0 &&
		    prev_off < ty->off && local >= from + prev_off &&
		    local < from + ty->off) {
			s->have_gap = true;
			info->gap_from = from + prev_off;
			info->gap_to = from + ty->off;
			info->offset_before = prev_off;
			info->offset_after = ty->off;
		}
		if (to == INT64_MAX || to > end)
			break;
		prev_off = ty->off;
		have_prev = true;
		t = to;
	}
}

int64_t tz_local_to_utc(const struct tz *tz, int64_t local,
			struct tz_local_info *info)
{
	struct tz_local_info dummy;
	struct local_sols s;

	if (!info)
		info = &dummy;
	memset(info, 0, sizeof(*info));
	find_local(tz, local, &s, info);
	if (s.nsol == 1) {
		info->kind = TZ_LOCAL_UNIQUE;
		info->offset_before = info->offset_after = s.soloff[0];
		info->gap_from = info->gap_to = 0;
		return s.sol[0];
	}
	if (s.nsol >= 2) {
		/* The repeated wall-clock stretch starts where the clock is
		 * set back to and ends where it was set back from. */
		info->kind = TZ_LOCAL_AMBIGUOUS;
		info->offset_before = s.soloff[0];
		info->offset_after = s.soloff[1];
		info->gap_from = s.back + s.soloff[1];
		info->gap_to = s.back + s.soloff[0];
		return s.sol[0];
	}
	info->kind = TZ_LOCAL_GAP;
	if (!s.have_gap) {
		/* Not reachable with sane data; answer something stable. */
		int64_t f, e2;

		info->offset_before = info->offset_after =
		    segment_at(tz, local, &f, &e2)->off;
		info->gap_from = info->gap_to = local;
	}
	return local - info->offset_before;
}

void tz_format_offset(int32_t offset, char *buf)
{
	int32_t a = offset < 0 ? -offset : offset;

	/* Minutes only: offsets with seconds are pre-1900 local mean time. */
	snprintf(buf, 8, "%c%02d:%02d", offset < 0 ? '-' : '+',
		 (int)(a / 3600 % 100), (int)(a / 60 % 60));
}

const char *tz_name(const struct tz *tz)
{
	return tz->name;
}

/* ---- the cache ---- */

/* A name asked for and the zone it is. */
struct tz_alias {
	struct hashmap_entry e;
	char *key; /* the name asked for */
	struct tz *tz;
};

static bool alias_eq(const void *ctx, const void *entry, const void *key)
{
	(void)ctx;
	return !strcmp(((const struct tz_alias *)entry)->key, key);
}

/* Every name asked for, keyed by hash_name(). */
static struct hashmap aliases = HASHMAP_INIT(struct tz_alias, alias_eq, NULL);

static struct tz_cache {
	struct tz **zones; /* every loaded zone, for freeing */
	size_t nzones, zones_alloc;
} cache;

/* Every event of an import looks its zone up: a byte-by-byte hash of the
 * name cost more than the rest of the lookup. */
static uint64_t hash_name(const char *s)
{
	return hash_short_key(s, strlen(s));
}

static struct tz *cache_find(const char *name)
{
	const struct tz_alias *a = hashmap_get(&aliases, hash_name(name), name);

	return a ? a->tz : NULL;
}

static void cache_put(const char *name, struct tz *tz)
{
	struct tz_alias *a = hashmap_add(&aliases, hash_name(name));

	a->key = xstrdup(name);
	a->tz = tz;
}

/* Keep tz (which may be NULL) for tz_cache_free(). */
static struct tz *keep(struct tz *tz)
{
	if (!tz)
		return NULL;
	cache.zones = xgrow(cache.zones, &cache.zones_alloc, cache.nzones + 1,
			    sizeof(*cache.zones));
	cache.zones[cache.nzones++] = tz;
	return tz;
}

static struct tz *load_and_keep(const char *name)
{
	struct tz *tz = keep(tzfile_load(name));

	if (tz)
		cache_put(name, tz);
	return tz;
}

/* Neither is put under its name: an event's TZID must still name the
 * database, whatever $TZ holds. */
const struct tz *tz_get_rule(const char *rule)
{
	struct tz *tz;

	if (strlen(rule) > TZ_NAME_MAX)
		return NULL;
	tz = xcalloc(1, sizeof(*tz));
	if (!tzrule_parse(rule, &tz->rule)) {
		free(tz);
		return NULL;
	}
	tz->has_rule = true;
	tz->memo = xcalloc(1, sizeof(*tz->memo));
	tz->name = xstrdup(rule);
	return keep(tz);
}

const struct tz *tz_get_file(const char *path, const char *name)
{
	return keep(tzfile_load_path(path, name));
}

const struct tz *tz_get(const char *name, struct itin_err *err)
{
	struct tz *tz = cache_find(name);
	const char *hint, *canon;
	size_t i = 0;

	if (tz)
		return tz;
	if (tzfile_name_is_safe(name)) {
		tz = load_and_keep(name);
		if (tz)
			return tz;
		/* "europe/paris": the database's own spelling, if any. */
		while ((canon = tznames_other_case(name, &i))) {
			tz = cache_find(canon);
			if (!tz)
				tz = load_and_keep(canon);
			if (tz) {
				cache_put(name, tz);
				return tz;
			}
		}
	}
	hint = tz_suggest(name);
	if (hint)
		itin_err_set(err, ITIN_EX_DATAERR,
			     "unknown time zone '%.*s' (did you mean '%s'?)",
			     TZ_NAME_MAX, name, hint);
	else
		itin_err_set(err, ITIN_EX_DATAERR, "unknown time zone '%.*s'",
			     TZ_NAME_MAX, name);
	return NULL;
}

void tz_cache_free(void)
{
	size_t i;

	for (i = 0; i < hashmap_count(&aliases); i++)
		free(((struct tz_alias *)hashmap_at(&aliases, i))->key);
	hashmap_release(&aliases);
	for (i = 0; i < cache.nzones; i++) {
		tzfile_release(cache.zones[i]);
		free(cache.zones[i]);
	}
	free(cache.zones);
	memset(&cache, 0, sizeof(cache));
	tznames_free();
}
