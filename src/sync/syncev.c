/*
 * syncev.c: an event as a CalDAV resource (syncev.h): its UID and href,
 * its body written and read through the project's iCalendar code, and
 * the canonical hash sync compares.
 */
#include <stdlib.h>
#include <string.h>

#include "itin/datetime.h"
#include "itin/evident.h"
#include "itin/hash.h"
#include "itin/icalio.h"
#include "itin/syncev.h"
#include "itin/xalloc.h"

void syncev_uid(struct strbuf *sb, const struct event *ev)
{
	if (ev->uid && *ev->uid)
		strbuf_addstr(sb, ev->uid);
	else
		icalio_uid(sb, ev->id);
}

void syncev_href(struct strbuf *sb, const struct event *ev)
{
	static const char hex[] = "0123456789ABCDEF";
	struct strbuf uid = STRBUF_INIT;
	size_t i;

	syncev_uid(&uid, ev);
	for (i = 0; i < uid.len; i++) {
		unsigned char c = (unsigned char)uid.buf[i];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-._~@", c)) {
			strbuf_addch(sb, c);
		} else {
			strbuf_addch(sb, '%');
			strbuf_addch(sb, hex[c >> 4]);
			strbuf_addch(sb, hex[c & 15]);
		}
	}
	strbuf_addstr(sb, ".ics");
	strbuf_release(&uid);
}

void syncev_body(struct strbuf *sb, const struct event *const *evs, size_t n,
		 int64_t now)
{
	struct icalio_zones zones = ICALIO_ZONES_INIT;
	struct icalio_write_opts o = {.now = now, .prodid = NULL};
	struct icalio_writer w;
	size_t i;

	for (i = 0; i < n; i++)
		icalio_zones_add(&zones, evs[i]);
	icalio_write_begin(&w, sb, &zones, &o);
	icalio_zones_release(&zones);
	for (i = 0; i < n; i++)
		icalio_write_event(&w, evs[i]);
	icalio_write_end(&w);
}

/* One year either side of day, as import's default window. */
static int64_t year_from(int64_t day, int years)
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	y += years;
	if (m == 2 && d == 29 && !date_is_valid(y, m, d))
		d = 28;
	return days_from_civil(y, m, d);
}

int syncev_read(const char *body, size_t len, const char *href,
		int64_t today_day, struct evlist *out,
		const struct itin_warner *w, struct itin_err *err)
{
	struct icalio_read_opts o = {
	    .flags = 0,
	    .from_day = year_from(today_day, -1),
	    .to_day = year_from(today_day, 1),
	};
	size_t before = out->n;

	if (icalio_read(body, len, href, &o, out, w, NULL, err))
		return -1;
	if (out->n == before)
		return itin_err_at(err, ITIN_EX_DATAERR, href, 0, 0,
				   "no event in the resource");
	return 0;
}

struct digest {
	const char *id;
	uint64_t h;
};

static int cmp_digest(const void *pa, const void *pb)
{
	const struct digest *a = pa, *b = pb;

	return strcmp(a->id, b->id);
}

uint64_t syncev_hash(const struct event *const *evs, size_t n)
{
	struct digest *d = xcalloc(n ? n : 1, sizeof(*d));
	uint64_t h = FNV1A_OFFSET;
	size_t i;

	for (i = 0; i < n; i++) {
		d[i].id = evs[i]->id ? evs[i]->id : "";
		d[i].h = evident_hash(evs[i], EVF_CONTENT | EVF_UID);
	}
	qsort(d, n, sizeof(*d), cmp_digest);
	for (i = 0; i < n; i++) {
		unsigned char b[8];
		int k;

		h = fnv1a_str(h, d[i].id);
		h = fnv1a_bytes(h, "", 1); /* the id's end */
		for (k = 0; k < 8; k++)
			b[k] = (unsigned char)(d[i].h >> (8 * k));
		h = fnv1a_bytes(h, b, sizeof(b));
	}
	free(d);
	h = fmix64(h);
	return h ? h : 1;
}
