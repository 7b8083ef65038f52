/*
 * syncev.c: an event as a CalDAV resource (syncev.h): its UID and href,
 * its body written and read through the project's iCalendar code, and
 * the canonical hash sync compares.
 */
#include <stdlib.h>
#include <string.h>

#include "itin/ascii.h"
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

static const char hex[] = "0123456789ABCDEF";

/* Byte c as an href holds it: itself when unreserved or '@', else %XX. */
static void put_href_byte(struct strbuf *sb, unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (c && strchr("-._~@", c))) {
		strbuf_addch(sb, c);
	} else {
		strbuf_addch(sb, '%');
		strbuf_addch(sb, hex[c >> 4]);
		strbuf_addch(sb, hex[c & 15]);
	}
}

void syncev_href(struct strbuf *sb, const struct event *ev)
{
	struct strbuf uid = STRBUF_INIT;
	size_t i;

	syncev_uid(&uid, ev);
	for (i = 0; i < uid.len; i++)
		put_href_byte(sb, (unsigned char)uid.buf[i]);
	strbuf_addstr(sb, ".ics");
	strbuf_release(&uid);
}

char *syncev_href_norm(const char *href)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = href, *scheme = strstr(href, "://");

	if (scheme && !memchr(href, '/', (size_t)(scheme - href))) {
		p = strchr(scheme + 3, '/');
		if (!p)
			p = "/";
	}
	for (; *p; p++) {
		int hi, lo;

		if (*p == '/') {
			strbuf_addch(&sb, '/');
			continue;
		}
		if (*p == '%' && (hi = ascii_hexval(p[1])) >= 0 &&
		    (lo = ascii_hexval(p[2])) >= 0) {
			put_href_byte(&sb, (unsigned char)(hi << 4 | lo));
			p += 2;
			continue;
		}
		put_href_byte(&sb, (unsigned char)*p);
	}
	return strbuf_detach(&sb, NULL);
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

int syncev_read(const char *body, size_t len, const char *href,
		int64_t today_day, struct evlist *out,
		const struct itin_warner *w, struct itin_err *err)
{
	struct icalio_read_opts o = {
	    .flags = 0,
	    .from_day = days_add_years(today_day, -1),
	    .to_day = days_add_years(today_day, 1),
	};
	size_t before = out->n, i;
	struct strbuf crlf = STRBUF_INIT;
	int ret;

	/* Servers store and return what they parsed, often with bare LF
	 * line ends (Radicale does): a server's choice, not the user's
	 * mistake, so not a warning at every sync. */
	for (i = 0; i < len; i++) {
		if (body[i] == '\n' && (i == 0 || body[i - 1] != '\r'))
			strbuf_addch(&crlf, '\r');
		strbuf_addch(&crlf, body[i]);
	}
	ret = icalio_read(crlf.buf ? crlf.buf : "", crlf.len, href, &o, out, w,
			  NULL, err);
	strbuf_release(&crlf);
	if (ret)
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
