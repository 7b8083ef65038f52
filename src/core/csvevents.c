/*
 * csvevents.c: CSV records to events and events to CSV (the native
 * columns), over the record reader of csvio.c.
 *
 * The header decides what each column means: the native names, and the
 * names Google Calendar and Outlook export (matched folded: case, spaces,
 * '_' and '-' ignored). A row becomes an event as the text format makes
 * one: the zone from the tz column, else from the place (gazetteer), else
 * floating with a warning; the id from the id column, else derived; then
 * event_check(). Every problem points at the row's field: FILE:LINE:COL.
 *
 * Dates are read as spreadsheets write them: YYYY-MM-DD, MM/DD/YYYY (US,
 * as Google and Outlook export), DD.MM.YYYY (day first, as German Excel
 * writes); times as HH:MM[:SS] or with AM/PM ("2:00:00 PM").
 *
 * All-day ends. Google's CSV "End Date" is the last day of the event
 * (support.google.com/calendar/answer/37118: "The last day of the event"),
 * as in itin. Outlook exports an all-day event as midnight to midnight:
 * End Date the next day, End Time 12:00:00 AM. So an all-day end with a
 * time of midnight, after the start, is exclusive and the day before is the
 * last day; without a time (or at another time) End Date is the last day.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "itin/ascii.h"

#include "itin/csvio.h"
#include "itin/datetime.h"
#include "itin/formula.h"
#include "itin/hash.h"
#include "itin/location.h"
#include "itin/places.h"
#include "itin/typeguess.h"
#include "itin/evident.h"
#include "itin/tz.h"
#include "itin/utf8.h"
#include "itin/xalloc.h"

enum col {
	/* The native columns, in writing order. */
	C_ID,
	C_TYPE,
	C_TITLE,
	C_START,
	C_END,
	C_TZ,
	C_CITY,
	C_COUNTRY,
	C_VENUE,
	C_PARTICIPANTS,
	C_ORG,
	C_STATUS,
	C_SOURCE,
	C_NOTES,
	C_TAGS,
	C_NATIVE,
	/*
	 * Read, never written: an end zone column (the native end field
	 * carries its zone as "WHEN ZONE"), and Google Calendar, Outlook and
	 * common spreadsheet columns.
	 */
	C_END_TZ = C_NATIVE,
	C_START_DATE,
	C_START_TIME,
	C_END_DATE,
	C_END_TIME,
	C_ALLDAY,
	C_LOCATION,
	C_REQ_ATTENDEES,
	C_OPT_ATTENDEES,
	C_ORGANIZER,
	C_UID, /* an iCalendar UID (the event's uid, not its id) */
	C_COUNT,
	/* Calendar columns with nothing in the model: read silently. */
	C_IGNORED = C_COUNT,
};

static const char *const native_names[C_NATIVE] = {
    "id",     "type",	 "title", "start",	  "end",	  "tz",
    "city",   "country", "venue", "participants", "organization", "status",
    "source", "notes",	 "tags",
};

/* Header names, folded (lower case, no spaces, '_' or '-'). */
static const struct {
	const char *name;
	enum col col;
} aliases[] = {
    {"id", C_ID},
    {"uid", C_UID},
    {"type", C_TYPE},
    {"title", C_TITLE},
    {"subject", C_TITLE},
    {"summary", C_TITLE},
    {"start", C_START},
    {"end", C_END},
    {"tz", C_TZ},
    {"timezone", C_TZ},
    {"city", C_CITY},
    {"country", C_COUNTRY},
    {"venue", C_VENUE},
    {"participants", C_PARTICIPANTS},
    {"with", C_PARTICIPANTS},
    {"attendees", C_PARTICIPANTS},
    {"organization", C_ORG},
    {"organisation", C_ORG},
    {"org", C_ORG},
    {"status", C_STATUS},
    {"source", C_SOURCE},
    {"url", C_SOURCE},
    {"notes", C_NOTES},
    {"note", C_NOTES},
    {"description", C_NOTES},
    {"tags", C_TAGS},
    {"tag", C_TAGS},
    {"categories", C_TAGS},
    {"endtz", C_END_TZ},
    {"endtimezone", C_END_TZ},
    {"startdate", C_START_DATE},
    {"date", C_START_DATE},
    {"starttime", C_START_TIME},
    {"time", C_START_TIME},
    {"enddate", C_END_DATE},
    {"endtime", C_END_TIME},
    {"alldayevent", C_ALLDAY},
    {"allday", C_ALLDAY},
    {"location", C_LOCATION},
    {"requiredattendees", C_REQ_ATTENDEES},
    {"optionalattendees", C_OPT_ATTENDEES},
    {"meetingorganizer", C_ORGANIZER},
    {"organizer", C_ORGANIZER},
    {"organiser", C_ORGANIZER},
    /* Google Calendar's and Outlook's, known and unused. */
    {"private", C_IGNORED},
    {"reminderon/off", C_IGNORED},
    {"reminderdate", C_IGNORED},
    {"remindertime", C_IGNORED},
    {"meetingresources", C_IGNORED},
    {"billinginformation", C_IGNORED},
    {"mileage", C_IGNORED},
    {"priority", C_IGNORED},
    {"sensitivity", C_IGNORED},
    {"showtimeas", C_IGNORED},
};

#define TYPES_EXPECTED                                                         \
	"visit, meeting, summit, conference, interview, press, travel, "       \
	"reception, call, other"

/*
 * The ids read so far, to refuse a duplicate. A million ids make a table
 * that no cache holds, so a slot is kept to 8 bytes (the id's hash and
 * the event's place in out; the id itself is the event's, never copied)
 * and the line each event came from sits in an array written in order.
 */
#define HUGE_PAGE ((size_t)2 * 1024 * 1024)

struct idslot {
	uint32_t hash;
	uint32_t pos; /* 1 + index in out->v; 0: empty */
};

struct idset {
	struct idslot *v;
	size_t cap, n; /* cap: 0 or a power of two */
	long *lines;   /* by index in out->v, from base on */
	size_t base, nlines, alines;
};

static uint32_t id_hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static uint32_t id_hash_n(const char *s, size_t len)
{
	uint32_t h = 2166136261u;

	while (len--)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static struct idslot *idset_slot(const struct idset *set,
				 const struct evlist *out, const char *id,
				 uint32_t h)
{
	size_t mask = set->cap - 1, i = h & mask;

	while (set->v[i].pos && (set->v[i].hash != h ||
				 strcmp(out->v[set->v[i].pos - 1]->id, id)))
		i = (i + 1) & mask;
	return &set->v[i];
}

/*
 * A zeroed table of n slots. A large one is asked to sit in huge pages:
 * each probe is a random access, and with 4 KiB pages a table of millions
 * misses the TLB as well as the cache (madvise is only a hint).
 */
static struct idslot *idset_table(size_t n)
{
	size_t bytes = n * sizeof(struct idslot);
	void *p;

	if (bytes < HUGE_PAGE || posix_memalign(&p, HUGE_PAGE, bytes))
		return xcalloc(n, sizeof(struct idslot));
#ifdef MADV_HUGEPAGE
	madvise(p, bytes, MADV_HUGEPAGE);
#endif
	memset(p, 0, bytes);
	return p;
}

/* The slot of id: found (->pos set) or where it goes. */
static struct idslot *idset_find(struct idset *set, const struct evlist *out,
				 const char *id, uint32_t h)
{
	if ((set->n + 1) * 4 > set->cap * 3) {
		struct idslot *old = set->v;
		size_t oldcap = set->cap, i;

		set->cap = oldcap ? 2 * oldcap : 1024;
		set->v = idset_table(set->cap);
		for (i = 0; i < oldcap; i++) {
			size_t j = old[i].hash & (set->cap - 1);

			if (!old[i].pos)
				continue;
			while (set->v[j].pos)
				j = (j + 1) & (set->cap - 1);
			set->v[j] = old[i];
		}
		free(old);
	}
	return idset_slot(set, out, id, h);
}

static void idset_release(struct idset *set)
{
	free(set->v);
	free(set->lines);
}

/*
 * Answers per distinct string: the zone a tz column names, the code a
 * country column names, the zone of a city in a country. A file repeats
 * a few of each on every row, and each answer costs a hash lookup, a
 * search of the gazetteer or an accent-folding comparison; here it costs
 * a hash of the key and one comparison. Direct-mapped, keys up to
 * SCACHE_KEY - 1 bytes (longer ones are not cached); values are borrowed
 * from the tz cache or the gazetteer, which outlive the read.
 */
#define SCACHE_SIZE 64
#define SCACHE_KEY 64
struct scache_ent {
	char key[SCACHE_KEY];
	size_t klen; /* 0: empty */
	const char *val;
	int how;
};

struct scache {
	struct scache_ent e[SCACHE_SIZE];
};

static struct scache_ent *scache_at(struct scache *c, const char *k,
				    size_t klen, bool *hit)
{
	struct scache_ent *e;

	*hit = false;
	if (!klen || klen >= SCACHE_KEY)
		return NULL;
	e = &c->e[hash_short_key(k, klen) & (SCACHE_SIZE - 1)];
	*hit = e->klen == klen && !memcmp(e->key, k, klen);
	return e;
}

static void scache_put(struct scache_ent *e, const char *k, size_t klen,
		       const char *val, int how)
{
	if (!e)
		return;
	memcpy(e->key, k, klen);
	e->klen = klen;
	e->val = val;
	e->how = how;
}

/*
 * The last date read and its day: rows of a file come in date order, and
 * a start and an end share their date, so most dates are the one before.
 */
struct datememo {
	char s[16];
	size_t len; /* 0: nothing yet */
	int64_t days;
};

/*
 * What a slash or dot date says about the file's date order (csvio.h):
 * nothing (ISO, or the same either way), that it is day-first or
 * month-first, or that it could be read either way.
 */
enum datekind {
	DK_PLAIN,
	DK_DMY,	      /* 30/07/2023: the first field is over 12 */
	DK_MDY,	      /* 07/30/2023: the second field is over 12 */
	DK_AMBIG,     /* 05/07/2023 */
	DK_AMBIG_DOT, /* 05.07.2023 */
};

/*
 * The order of a file's slash and dot dates: given (CSVIO_DMY...), or
 * decided by the first date that tells, or not known yet. Slash and dot
 * dates are told apart (a file may write 12/31/2023 and 31.12.2023 from
 * two sources); an ambiguous dotted date is day-first by convention and
 * so decides its kind. The rows with an ambiguous slash date wait for the
 * order, as copies of their records.
 */
struct pending {
	struct csvio_record rec; /* pointing into the memory after it */
	struct itin_err problem; /* rec.problem points here, if it had one */
};

struct seporder {
	char order;   /* 0 not known yet, 'd', 'm' or 'y' */
	long at_line; /* the date that decided it, for a conflict */
	char at_s[16];
	bool by_convention; /* a dotted date decided it, day-first */
};

struct dateorder {
	struct seporder sep[2]; /* slash, dot */
	bool given;		/* by the caller: no evidence is gathered */
	/* The date parse_date() read last, when it was not DK_PLAIN. */
	enum datekind kind;
	int cur_sep; /* 0 slash, 1 dot */
	char cur_s[16];
	/* This row: an ambiguous date met; an order decided by it. */
	bool row_ambig, decided_now;
	/* The first ambiguous slash date, for the error when nothing
	 * decides. */
	bool slash_ambig;
	struct itin_err first_ambig;
	struct pending **wait;
	size_t nwait, await;
};

struct evreader {
	const char *fname;
	unsigned flags;
	struct evlist *out;
	const struct itin_warner *w;
	struct csvio_stats st;
	bool have_header;
	long col[C_COUNT]; /* field index of each column, or -1 */
	size_t ncols;	   /* fields in the header */
	struct idset ids;
	struct scache zones, countries, places, keywords;
	struct datememo dates;
	struct dateorder dord;
	/* A problem of the whole file: it stops even CSVIO_SKIP_INVALID. */
	bool fatal;
	struct strbuf tmp;
	const struct csvio_progress *prog;
	/* The event being built (event_new_staged()) and how much of its
	 * room the row's strings take. */
	struct event *stage;
	size_t stage_used;
};

/* Room for the strings of most rows; a larger row spills to the heap. */
#define STAGE_ROOM (64 * 1024)

/* ---- small helpers ---- */

static bool is_ws(char c)
{
	return c == ' ' || c == '\t';
}

static void trim(const char **s, size_t *len)
{
	while (*len && is_ws(**s)) {
		(*s)++;
		(*len)--;
	}
	while (*len && is_ws((*s)[*len - 1]))
		(*len)--;
}

/* Fold a header name: ASCII lower case, no spaces, '_' or '-'. */
static void fold_name(const char *s, size_t len, char *out, size_t size)
{
	size_t i, n = 0;

	for (i = 0; i < len && n + 1 < size; i++) {
		char c = s[i];

		if (c == ' ' || c == '_' || c == '-' || c == '\t')
			continue;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 'a' - 'A');
		out[n++] = c;
	}
	out[n] = '\0';
}

/* A field of the row: the column's value, un-neutralised (see csvio.h). */
struct val {
	const char *s; /* NUL-terminated */
	size_t len;
	long idx; /* field index, -1 if the column is absent */
};

static inline struct val get(const struct evreader *er,
			      const struct csvio_record *rec, enum col c)
{
	struct val v = {"", 0, er->col[c]};

	if (v.idx < 0 || (size_t)v.idx >= rec->n)
		return v;
	v.s = rec->f[v.idx].s;
	v.len = rec->f[v.idx].len;
	if (!(er->flags & CSVIO_RAW) && formula_is_guarded(v.s, v.len)) {
		v.s++;
		v.len--;
	}
	return v;
}

/*
 * A string of the event being built: in the staged event's room (one
 * allocation for the whole import), or on the heap once that is full.
 */
static char *stage_strn(struct evreader *er, const char *s, size_t len)
{
	char *d = event_stage_room(er->stage, &er->stage_used, len + 1);

	memcpy(d, s, len);
	d[len] = '\0';
	return d;
}

static char *dup_val(struct evreader *er, struct val v)
{
	return v.len ? stage_strn(er, v.s, v.len) : NULL;
}

/*
 * Control characters in text cells. A cell never holds a raw control
 * character other than tab and line feed (a CSV file is shown on
 * terminals): the writer puts \xHH for the others (C0 and DEL), and
 * \x5c for a backslash that would otherwise read as such an escape.
 * The reader decodes \xHH when HH is a control character or 5c, and
 * leaves every other backslash alone ("C:\docs" stays), so the two are
 * exact inverses.
 */
static int hexval(char c);

static bool ctl_escaped(unsigned c)
{
	return c < 0x20 || c == 0x7f || c == '\\';
}

/* The byte "\xHH" at s (s < e) stands for, or -1. */
static int ctl_escape_at(const char *s, const char *e)
{
	int hi, lo;

	if (e - s < 4 || s[0] != '\\' || s[1] != 'x')
		return -1;
	hi = hexval(s[2]);
	lo = hexval(s[3]);
	if (hi < 0 || lo < 0 || !ctl_escaped((unsigned)(hi * 16 + lo)))
		return -1;
	return hi * 16 + lo;
}

/*
 * A text cell's value: escapes decoded; for notes (crlf) a CR before an
 * LF dropped first, as spreadsheets write line breaks in a cell.
 */
static char *text_val(struct evreader *er, struct val v, bool crlf)
{
	const char *p = v.s, *e = v.s + v.len;
	char *out, *o;

	if (!v.len)
		return NULL;
	if (!memchr(v.s, '\\', v.len) && (!crlf || !memchr(v.s, '\r', v.len)))
		return stage_strn(er, v.s, v.len);
	out = o = event_stage_room(er->stage, &er->stage_used, v.len + 1);
	while (p < e) {
		int b;

		if (crlf && *p == '\r' && p + 1 < e && p[1] == '\n') {
			p++;
			continue;
		}
		b = ctl_escape_at(p, e);
		if (b >= 0) {
			*o++ = (char)b;
			p += 4;
		} else {
			*o++ = *p++;
		}
	}
	*o = '\0';
	return out;
}

/* Where to point for a field (or the row when the column is absent). */
static void pos_of(const struct csvio_record *rec, long idx, long *line,
		   long *col)
{
	if (idx < 0) {
		*line = rec->line;
		*col = 1;
		return;
	}
	csvio_field_pos(rec, (size_t)idx, line, col);
}

static int fail_field(const struct evreader *er, const struct csvio_record *rec,
		      long idx, struct itin_err *err, const char *fmt, ...)
    ITIN_PRINTF(5, 6);
static int fail_field(const struct evreader *er, const struct csvio_record *rec,
		      long idx, struct itin_err *err, const char *fmt, ...)
{
	char msg[sizeof(err->msg)];
	long line, col;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pos_of(rec, idx, &line, &col);
	return itin_err_at(err, ITIN_EX_DATAERR, er->fname, line, col, "%s",
			   msg);
}

/* Place an error another module filled in at a field. */
static int locate(const struct evreader *er, const struct csvio_record *rec,
		  long idx, struct itin_err *err)
{
	long line, col;

	pos_of(rec, idx, &line, &col);
	if (!err->status)
		err->status = ITIN_EX_DATAERR;
	snprintf(err->file, sizeof(err->file), "%s", er->fname);
	err->line = line;
	err->col = col;
	return -1;
}

/* ---- the header ---- */

/*
 * The fields a file with these columns carries: a field with no column
 * is not "empty" but unknown, and an import keeps what the store has.
 * The zone comes from a tz column or from the place; a type that is only
 * guessed from the title is not carried.
 */
static unsigned carried_fields(const long *col)
{
	bool loc = col[C_LOCATION] >= 0;
	unsigned m = EVF_TITLE | EVF_WHEN;

	if (col[C_TYPE] >= 0)
		m |= EVF_TYPE;
	if (col[C_TZ] >= 0 || col[C_END_TZ] >= 0 || col[C_CITY] >= 0 ||
	    col[C_COUNTRY] >= 0 || loc)
		m |= EVF_TZ;
	if (col[C_VENUE] >= 0 || loc)
		m |= EVF_VENUE;
	if (col[C_CITY] >= 0 || loc)
		m |= EVF_CITY;
	if (col[C_COUNTRY] >= 0 || loc)
		m |= EVF_COUNTRY;
	if (col[C_PARTICIPANTS] >= 0 || col[C_ORGANIZER] >= 0 ||
	    col[C_REQ_ATTENDEES] >= 0 || col[C_OPT_ATTENDEES] >= 0)
		m |= EVF_WITH;
	if (col[C_ORG] >= 0)
		m |= EVF_ORG;
	if (col[C_STATUS] >= 0)
		m |= EVF_STATUS;
	if (col[C_SOURCE] >= 0)
		m |= EVF_SOURCE;
	if (col[C_NOTES] >= 0)
		m |= EVF_NOTES;
	if (col[C_TAGS] >= 0)
		m |= EVF_TAGS;
	if (col[C_UID] >= 0)
		m |= EVF_UID;
	if (col[C_ID] >= 0)
		m |= EVF_ID;
	return m;
}

/* Unknown columns named in the warning; the rest are counted. */
#define UNKNOWN_NAMED 10

static int read_header(struct evreader *er, const struct csvio_record *rec,
		       struct itin_err *err)
{
	struct strbuf unknown = STRBUF_INIT;
	size_t i, j, nunknown = 0;
	char name[64];

	if (rec->problem) {
		*err = *rec->problem;
		return -1;
	}
	for (i = 0; i < C_COUNT; i++)
		er->col[i] = -1;
	er->ncols = rec->n;
	for (i = 0; i < rec->n; i++) {
		const char *s = rec->f[i].s;
		size_t len = rec->f[i].len;
		long found = -1;

		trim(&s, &len);
		if (!len)
			continue; /* spreadsheets leave empty header cells */
		fold_name(s, len, name, sizeof(name));
		for (j = 0; j < sizeof(aliases) / sizeof(aliases[0]); j++)
			if (!strcmp(aliases[j].name, name))
				found = aliases[j].col;
		if (found < 0) {
			/* One short warning line, even for a thousand
			 * columns: the first few names, then a count. */
			if (nunknown < UNKNOWN_NAMED)
				strbuf_addf(&unknown, "%s'%.*s'",
					    nunknown ? ", " : "",
					    (int)(len > 40 ? 40 : len), s);
			nunknown++;
			continue;
		}
		if (found == C_IGNORED)
			continue;
		if (er->col[found] >= 0) {
			const struct csvio_field *first =
			    &rec->f[er->col[found]];

			strbuf_release(&unknown);
			return fail_field(
			    er, rec, (long)i, err,
			    "duplicate column '%.*s' (the same as '%.*s')",
			    (int)(len > 64 ? 64 : len), s,
			    (int)(first->len > 64 ? 64 : first->len), first->s);
		}
		er->col[found] = (long)i;
	}
	if (er->col[C_TITLE] < 0 ||
	    (er->col[C_START] < 0 && er->col[C_START_DATE] < 0)) {
		strbuf_release(&unknown);
		return itin_err_at(err, ITIN_EX_DATAERR, er->fname, rec->line,
				   1, "missing column '%s'",
				   er->col[C_TITLE] < 0 ? "title" : "start");
	}
	er->st.carried = carried_fields(er->col);
	if (nunknown > UNKNOWN_NAMED)
		strbuf_addf(&unknown, " and %zu more",
			    nunknown - UNKNOWN_NAMED);
	if (nunknown)
		itin_warn_at(er->w, er->fname, rec->line, 1,
			     "ignoring %zu unknown column%s: %s", nunknown,
			     nunknown == 1 ? "" : "s", unknown.buf);
	strbuf_release(&unknown);
	er->have_header = true;
	return 0;
}

/* ---- dates and times ---- */

/* Up to max digits at s[*i]; -1 if none. */
static int digits(const char *s, size_t len, size_t *i, int max)
{
	int v = 0, n = 0;

	while (*i < len && n < max && s[*i] >= '0' && s[*i] <= '9') {
		v = v * 10 + (s[*i] - '0');
		(*i)++;
		n++;
	}
	return n ? v : -1;
}

static int bad_date(struct itin_err *err, const char *s, size_t len)
{
	return itin_err_set(
	    err, ITIN_EX_DATAERR,
	    "invalid date '%.*s' (expected YYYY-MM-DD, YYYY/MM/DD, "
	    "DD/MM/YYYY or MM/DD/YYYY, DD.MM.YYYY or DD-MM-YYYY)",
	    (int)(len > 64 ? 64 : len), s);
}

static int parse_date_uncached(const char *s, size_t len, int64_t *days,
			       struct dateorder *o, struct itin_err *err);

/* YYYY-MM-DD, YYYY/MM/DD, M/D/YYYY, D.M.YYYY or D-M-YYYY (see struct
 * dateorder), exactly s[0..len). o->kind says what the date tells of the
 * order. */
static int parse_date(const char *s, size_t len, int64_t *days,
		      struct datememo *m, struct dateorder *o,
		      struct itin_err *err)
{
	o->kind = DK_PLAIN;
	if (m && len == m->len && !memcmp(s, m->s, len)) {
		*days = m->days;
		return 0;
	}
	if (parse_date_uncached(s, len, days, o, err))
		return -1;
	/* An ambiguous date read before the order is known is provisional:
	 * never remember it. */
	if (m && len < sizeof(m->s) && o->kind != DK_AMBIG &&
	    o->kind != DK_AMBIG_DOT) {
		memcpy(m->s, s, len);
		m->len = len;
		m->days = *days;
	}
	return 0;
}

static int check_ymd(int y, int month, int day, const char *s, size_t len,
		     int64_t *days, struct itin_err *err)
{
	if (month < 1 || month > 12)
		return itin_err_set(
		    err, ITIN_EX_DATAERR,
		    "invalid date '%.*s': month must be 01 to 12", (int)len, s);
	if (!date_is_valid(y, month, day))
		return itin_err_set(err, ITIN_EX_DATAERR,
				    "invalid date '%.*s': %s %d has %d days",
				    (int)len, s, month_name(month), y,
				    days_in_month(y, month));
	*days = days_from_civil(y, month, day);
	return 0;
}

/* A date impossible in the order in force: say which order, and why. */
static void explain_order(const struct dateorder *o, int dot, char order,
			  struct itin_err *err)
{
	const struct seporder *so = &o->sep[dot];
	const char *how = order == 'd' ? "day-first" : "month-first";
	size_t n = strlen(err->msg);

	if (o->given)
		snprintf(err->msg + n, sizeof(err->msg) - n,
			 " (read %s: --date-order %s)", how,
			 order == 'd' ? "dmy" : "mdy");
	else if (so->order && so->by_convention)
		snprintf(err->msg + n, sizeof(err->msg) - n,
			 " (read day-first, as dotted dates are)");
	else if (so->order)
		snprintf(err->msg + n, sizeof(err->msg) - n,
			 " (read %s, as line %ld has '%s')", how, so->at_line,
			 so->at_s);
}

static int parse_date_uncached(const char *s, size_t len, int64_t *days,
			       struct dateorder *o, struct itin_err *err)
{
	size_t i = 0;
	int a, b, y;
	char sep, order;

	if (len == 10 && s[4] == '-')
		return date_parse(s, len, days, err);
	/* 2023/07/05, 2023.07.05, 2023-7-5: a year first is never
	 * ambiguous. */
	if (len >= 8 && len <= 10 &&
	    (s[4] == '/' || s[4] == '.' || s[4] == '-') &&
	    (y = digits(s, len, &i, 4)) >= 0 && i == 4) {
		if (y < 1)
			return bad_date(err, s, len);
		sep = s[i++];
		a = digits(s, len, &i, 2);
		if (a < 0 || i >= len || s[i] != sep)
			return bad_date(err, s, len);
		i++;
		b = digits(s, len, &i, 2);
		if (b < 0 || i != len)
			return bad_date(err, s, len);
		return check_ymd(y, a, b, s, len, days, err);
	}
	/* The year last: 05/07/2023, 05.07.2023, 05-07-2023 (as the Dutch
	 * write it; with the slash dates for the order). */
	i = 0;
	a = digits(s, len, &i, 2);
	if (a < 0 || i >= len || (s[i] != '/' && s[i] != '.' && s[i] != '-'))
		return bad_date(err, s, len);
	sep = s[i++];
	b = digits(s, len, &i, 2);
	if (b < 0 || i >= len || s[i] != sep)
		return bad_date(err, s, len);
	i++;
	if (len - i != 4)
		return bad_date(err, s, len);
	y = digits(s, len, &i, 4);
	if (y < 1 || i != len)
		return bad_date(err, s, len);
	if (o->given && o->sep[0].order == 'y')
		return itin_err_set(err, ITIN_EX_DATAERR,
				    "invalid date '%.*s': the year must come "
				    "first (--date-order ymd)",
				    (int)len, s);
	order = o->sep[sep == '.'].order;
	if (!o->given && a >= 1 && b >= 1 && a != b && (a <= 12 || b <= 12)) {
		size_t n = len < sizeof(o->cur_s) ? len : sizeof(o->cur_s) - 1;

		o->kind = a > 12       ? DK_DMY
			  : b > 12     ? DK_MDY
			  : sep == '.' ? DK_AMBIG_DOT
				       : DK_AMBIG;
		memcpy(o->cur_s, s, n);
		o->cur_s[n] = '\0';
		o->cur_sep = sep == '.';
		if (o->kind == DK_DMY || o->kind == DK_MDY) {
			char says = o->kind == DK_DMY ? 'd' : 'm';

			/* A conflict is the caller's to report, with both
			 * lines; read the date as it says meanwhile. */
			order = says;
		} else if (order) {
			o->kind = DK_PLAIN;
		}
	}
	/* Not known yet: dotted dates are day-first by convention, and an
	 * ambiguous slash date is read month-first only provisionally. */
	if (!order)
		order = sep == '.' ? 'd' : 'm';
	if (!(order == 'd' ? check_ymd(y, b, a, s, len, days, err)
			   : check_ymd(y, a, b, s, len, days, err)))
		return 0;
	explain_order(o, sep == '.', order, err);
	return -1;
}

static int bad_time(struct itin_err *err, const char *s, size_t len)
{
	return itin_err_set(
	    err, ITIN_EX_DATAERR,
	    "invalid time '%.*s' (expected HH:MM, HH:MM:SS or 2:00 PM)",
	    (int)(len > 64 ? 64 : len), s);
}

/* H:MM[:SS] with an optional AM/PM (a.m., p.m.), exactly s[0..len). */
static int parse_time(const char *s, size_t len, int *secs,
		      struct itin_err *err)
{
	size_t i = 0;
	int h, m, sec = 0, ampm = 0;

	h = digits(s, len, &i, 2);
	if (h < 0 || i >= len || s[i] != ':')
		return bad_time(err, s, len);
	i++;
	if (len - i < 2)
		return bad_time(err, s, len);
	m = digits(s, len, &i, 2);
	if (m < 0 || m > 59 || s[i - 1] == ':' || s[i - 2] == ':')
		return bad_time(err, s, len);
	if (i < len && s[i] == ':') {
		size_t at = ++i;

		sec = digits(s, len, &i, 2);
		if (sec < 0 || sec > 59 || i - at != 2)
			return bad_time(err, s, len);
	}
	while (i < len && s[i] == ' ')
		i++;
	if (i < len) {
		char c = (char)(s[i] | 0x20);
		size_t rest;

		if (c != 'a' && c != 'p')
			return bad_time(err, s, len);
		ampm = c == 'a' ? 1 : 2;
		i++;
		rest = len - i;
		if (!((rest == 1 && (s[i] | 0x20) == 'm') ||
		      (rest == 3 && s[i] == '.' && (s[i + 1] | 0x20) == 'm' &&
		       s[i + 2] == '.')))
			return bad_time(err, s, len);
	}
	if (ampm) {
		if (h < 1 || h > 12)
			return bad_time(err, s, len);
		h = h % 12 + (ampm == 2 ? 12 : 0);
	} else if (h > 23) {
		return bad_time(err, s, len);
	}
	*secs = h * 3600 + m * 60 + sec;
	return 0;
}

/* A date, a time, or both ("2023-01-29T10:00", "1/29/2023 2:00 PM"). */
struct dt {
	bool has_date, has_time;
	int64_t days;
	int secs;
};

static int parse_when(const char *s, size_t len, struct dt *out,
		      struct datememo *m, struct dateorder *o,
		      struct itin_err *err)
{
	size_t i = 0;

	trim(&s, &len);
	while (i < len && s[i] != ' ' && s[i] != 'T' && s[i] != ':')
		i++;
	if (i < len && s[i] == ':') {
		out->has_time = true;
		return parse_time(s, len, &out->secs, err);
	}
	if (parse_date(s, i, &out->days, m, o, err)) {
		/* Name the whole value, not just its date part. */
		if (i < len)
			bad_date(err, s, len);
		return -1;
	}
	out->has_date = true;
	if (i == len)
		return 0;
	i++;
	while (i < len && s[i] == ' ')
		i++;
	out->has_time = true;
	return parse_time(s + i, len - i, &out->secs, err);
}

/* "AM", "pm", "a.m.": the end of a 12-hour time, not a zone. */
static bool is_ampm(const char *s, size_t len)
{
	char c = (char)(s[0] | 0x20);

	if (c != 'a' && c != 'p')
		return false;
	return (len == 2 && (s[1] | 0x20) == 'm') ||
	       (len == 4 && s[1] == '.' && (s[2] | 0x20) == 'm' && s[3] == '.');
}

/*
 * The native end field carries the end's own zone, when it has one, after
 * the time: "2023-01-31T11:15 Asia/Tokyo" (a flight that lands in another
 * zone); or is the zone alone for an event with an end zone and no end.
 * The zone is the last word when it starts with a letter and is not AM or
 * PM; alone, it must look like a zone (a '/', or a name the database
 * knows), so "TBD" stays a bad date. Splits it off into *zone.
 */
static void split_end_zone(struct val *when, struct val *zone)
{
	const char *s = when->s;
	size_t len = when->len, i;

	zone->s = "";
	zone->len = 0;
	zone->idx = when->idx;
	trim(&s, &len);
	if (!len)
		return;
	for (i = len; i > 0 && !is_ws(s[i - 1]);)
		i--;
	if (!ascii_isalpha((unsigned char)s[i]) || is_ampm(s + i, len - i))
		return;
	if (i == 0 && !memchr(s, '/', len)) {
		struct itin_err e;
		char buf[64];

		if (len >= sizeof(buf))
			return;
		memcpy(buf, s, len);
		buf[len] = '\0';
		if (!tz_get(buf, &e))
			return;
	}
	zone->s = s + i;
	zone->len = len - i;
	when->s = s;
	when->len = i;
	trim(&when->s, &when->len);
}

/*
 * After a date of field idx: take what it says of the file's date order.
 * A date that contradicts the order an earlier one decided stops the
 * whole file (ITIN_EX_DATAERR with er->fatal set), naming both lines.
 */
static int note_date(struct evreader *er, const struct csvio_record *rec,
		     long idx, struct itin_err *err)
{
	struct dateorder *o = &er->dord;
	struct seporder *so = &o->sep[o->cur_sep];
	long line, col;
	char says;

	switch (o->kind) {
	case DK_PLAIN:
		return 0;
	case DK_AMBIG:
		o->row_ambig = true;
		if (!o->slash_ambig) {
			o->slash_ambig = true;
			pos_of(rec, idx, &line, &col);
			itin_err_at(&o->first_ambig, ITIN_EX_DATAERR, er->fname,
				    line, col,
				    "ambiguous date '%s': day-first or "
				    "month-first? no date in the file has a "
				    "field over 12 to tell; use --date-order "
				    "dmy or --date-order mdy",
				    o->cur_s);
		}
		return 0;
	case DK_AMBIG_DOT:
	case DK_DMY:
	case DK_MDY:
		break;
	}
	says = o->kind == DK_MDY ? 'm' : 'd';
	pos_of(rec, idx, &line, &col);
	if (!so->order) {
		so->order = says;
		so->at_line = line;
		so->by_convention = o->kind == DK_AMBIG_DOT;
		memcpy(so->at_s, o->cur_s, sizeof(so->at_s));
		o->decided_now = o->cur_sep == 0;
		return 0;
	}
	if (so->order == says)
		return 0;
	er->fatal = true;
	if (so->by_convention)
		return itin_err_at(err, ITIN_EX_DATAERR, er->fname, line, col,
				   "date '%s' is month-first, but line %ld "
				   "has '%s', read day-first as dotted dates "
				   "are; give --date-order dmy or mdy",
				   o->cur_s, so->at_line, so->at_s);
	return itin_err_at(err, ITIN_EX_DATAERR, er->fname, line, col,
			   "date '%s' is %s-first, but line %ld has '%s', "
			   "%s-first; give --date-order dmy or mdy",
			   o->cur_s, says == 'd' ? "day" : "month", so->at_line,
			   so->at_s, so->order == 'd' ? "day" : "month");
}

/* The start or the end of a row, from its when, date and time columns. */
static int row_when(struct evreader *er, const struct csvio_record *rec,
		    const char *what, struct val when, struct val date,
		    struct val time, struct dt *out, long *where,
		    struct itin_err *err)
{
	memset(out, 0, sizeof(*out));
	*where = when.idx >= 0 ? when.idx : date.idx >= 0 ? date.idx : time.idx;
	if (when.len) {
		if (parse_when(when.s, when.len, out, &er->dates, &er->dord,
			       err))
			return locate(er, rec, when.idx, err);
		if (out->has_date && note_date(er, rec, when.idx, err))
			return -1;
	}
	if (date.len) {
		const char *s = date.s;
		size_t len = date.len;

		if (out->has_date)
			return fail_field(er, rec, date.idx, err,
					  "the %s date is given twice", what);
		trim(&s, &len);
		if (parse_date(s, len, &out->days, &er->dates, &er->dord, err))
			return locate(er, rec, date.idx, err);
		if (note_date(er, rec, date.idx, err))
			return -1;
		out->has_date = true;
		if (!when.len)
			*where = date.idx;
	}
	if (time.len) {
		const char *s = time.s;
		size_t len = time.len;

		if (out->has_time)
			return fail_field(er, rec, time.idx, err,
					  "the %s time is given twice", what);
		trim(&s, &len);
		if (parse_time(s, len, &out->secs, err))
			return locate(er, rec, time.idx, err);
		out->has_time = true;
	}
	return 0;
}

/* True/False, Yes/No, 1/0, empty = false. */
static int parse_bool(const char *s, size_t len, bool *out)
{
	static const char *const yes[] = {"true", "yes", "y", "1", "x"};
	static const char *const no[] = {"false", "no", "n", "0"};
	size_t i;

	trim(&s, &len);
	*out = false;
	if (!len)
		return 0;
	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (strlen(yes[i]) == len && !ascii_ncasecmp(s, yes[i], len))
			return (*out = true), 0;
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (strlen(no[i]) == len && !ascii_ncasecmp(s, no[i], len))
			return 0;
	return -1;
}

/* ---- lists: participants and tags ---- */

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)(c | 0x20);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/*
 * Decode the text format's escapes in [s, e) into out (reset first). An
 * unknown escape stays as written: a spreadsheet is not the text format,
 * and "C:\dir" should not be an error.
 */
static void unescape(struct strbuf *out, const char *s, const char *e)
{
	strbuf_reset(out);
	while (s < e) {
		if (*s != '\\' || s + 1 >= e) {
			strbuf_addch(out, *s++);
			continue;
		}
		switch (s[1]) {
		case '\\':
		case ';':
		case '(':
		case ')':
		case ',':
		case '@':
			strbuf_addch(out, s[1]);
			break;
		case 'n':
			strbuf_addch(out, '\n');
			break;
		case 't':
			strbuf_addch(out, '\t');
			break;
		case 's':
			strbuf_addch(out, ' ');
			break;
		case 'x': {
			int hi = s + 2 < e ? hexval(s[2]) : -1;
			int lo = s + 3 < e ? hexval(s[3]) : -1;

			if (hi >= 0 && lo >= 0 && hi <= 7 && hi * 16 + lo) {
				strbuf_addch(out, (char)(hi * 16 + lo));
				s += 4;
				continue;
			}
			strbuf_addch(out, '\\');
			s++;
			continue;
		}
		default:
			strbuf_addch(out, '\\');
			s++;
			continue;
		}
		s += 2;
	}
}

static const char *find_unescaped(const char *s, const char *e, char c)
{
	for (; s < e; s++) {
		if (*s == '\\') {
			if (s + 1 < e)
				s++;
			continue;
		}
		if (*s == c)
			return s;
	}
	return NULL;
}

static void trim_ptr(const char **s, const char **e)
{
	while (*s < *e && (is_ws(**s) || **s == '\r' || **s == '\n'))
		(*s)++;
	while (*e > *s &&
	       (is_ws((*e)[-1]) || (*e)[-1] == '\r' || (*e)[-1] == '\n'))
		(*e)--;
}

static bool has_participant(const struct event *ev, const char *name)
{
	size_t i;

	for (i = 0; i < ev->nwith; i++)
		if (!strcmp(ev->with[i].name, name))
			return true;
	return false;
}

/* "Name (Role)" (participant_split()), or a name with role_dflt. */
static void add_participant(struct evreader *er, struct event *ev,
			    const char *s, const char *e, const char *role_dflt,
			    bool dedup)
{
	const char *ne, *rs, *re;
	char *name;

	if (participant_split(s, e, &ne, &rs, &re)) {
		trim_ptr(&s, &ne);
		if (s == ne)
			return;
		unescape(&er->tmp, s, ne);
		name = xstrndup(er->tmp.buf, er->tmp.len);
		trim_ptr(&rs, &re);
		unescape(&er->tmp, rs, re);
		if (!dedup || !has_participant(ev, name))
			event_add_participant(ev, name, er->tmp.buf);
		free(name);
		return;
	}
	unescape(&er->tmp, s, ne);
	if (!er->tmp.len || (dedup && has_participant(ev, er->tmp.buf)))
		return;
	event_add_participant(ev, er->tmp.buf, role_dflt);
}

/*
 * Split v on unescaped ';' into participants (with) or tags. Attendee
 * lists from calendars (dedup) skip a name already there: the organizer
 * is often among the required attendees.
 */
static void each_item(struct evreader *er, struct event *ev, struct val v,
		      bool with, const char *role_dflt, bool dedup)
{
	const char *s = v.s, *e = v.s + v.len;

	if (!v.len)
		return; /* most rows leave most of these columns empty */
	while (s <= e) {
		const char *semi = find_unescaped(s, e, ';');
		const char *ps = s, *pe = semi ? semi : e;

		trim_ptr(&ps, &pe);
		if (ps < pe) {
			if (with) {
				add_participant(er, ev, ps, pe, role_dflt,
						dedup);
			} else {
				unescape(&er->tmp, ps, pe);
				if (er->tmp.len)
					event_add_tag(ev, er->tmp.buf);
			}
		}
		if (!semi)
			break;
		s = semi + 1;
	}
}

/* ---- places ---- */

/*
 * A calendar's Location ("Hiroshima, Japan", "Rue de la Loi 200, 1049
 * Brussels, Belgium", "405 E 42nd St, New York, NY 10017, USA"): venue,
 * city and country by the one parser of location.h.
 */
static void parse_location(struct evreader *er, struct event *ev, struct val v)
{
	struct location loc;

	strbuf_reset(&er->tmp);
	strbuf_add(&er->tmp, v.s, v.len);
	location_parse(er->tmp.buf, &loc);
	ev->venue = loc.venue;
	ev->city = loc.city;
	memcpy(ev->country, loc.country, 3);
	loc.venue = loc.city = NULL;
	location_release(&loc);
}

/* ---- rows ---- */

/*
 * Warnings from event_check() get the row's file and the start's line and
 * column, worked out only when there is a warning: locating a field lexes
 * the record again.
 */
struct located_warner {
	const struct itin_warner *inner;
	const char *file;
	const struct csvio_record *rec;
	long idx;
};

static void located_warn(void *ctx, const struct itin_err *w)
{
	const struct located_warner *lw = ctx;
	struct itin_err c = *w;

	if (!c.file[0])
		snprintf(c.file, sizeof(c.file), "%s", lw->file);
	if (!c.line)
		pos_of(lw->rec, lw->idx, &c.line, &c.col);
	lw->inner->fn(lw->inner->ctx, &c);
}

/*
 * A short value as a C string without allocating: the field itself when
 * trimming left its end alone (fields are NUL-terminated), else a copy in
 * buf; NULL when it does not fit (no zone, code or keyword is that long).
 */
static const char *cstr(struct val v, char *buf, size_t size)
{
	if (v.s[v.len] == '\0')
		return v.s;
	if (v.len >= size)
		return NULL;
	memcpy(buf, v.s, v.len);
	buf[v.len] = '\0';
	return buf;
}

/*
 * A type or status keyword (kind 't' or 's') by parse, or -1; the answer
 * cached per spelling.
 */
static int keyword_of(struct evreader *er, char kind, struct val v,
		      int (*parse)(const char *))
{
	char key[16];
	struct scache_ent *e;
	bool hit;
	int r;

	if (v.len + 1 >= sizeof(key))
		return -1; /* no keyword is that long */
	key[0] = kind;
	memcpy(key + 1, v.s, v.len);
	e = scache_at(&er->keywords, key, v.len + 1, &hit);
	if (hit)
		return e->how;
	key[v.len + 1] = '\0';
	r = parse(key + 1);
	if (r >= 0)
		scache_put(e, key, v.len + 1, NULL, r);
	return r;
}

/* The canonical name of the zone v names, or NULL with err filled. */
static const char *zone_of(struct evreader *er, struct val v,
			   struct itin_err *err)
{
	bool hit;
	struct scache_ent *e = scache_at(&er->zones, v.s, v.len, &hit);
	const struct tz *z;
	const char *name;
	char buf[256];

	if (hit)
		return e->val;
	name = cstr(v, buf, sizeof(buf));
	z = tz_get(name ? name : "", err);
	if (!z)
		return NULL;
	scache_put(e, v.s, v.len, tz_name(z), 0);
	return tz_name(z);
}

/* The code of the country v names, or NULL. */
static const char *country_of(struct evreader *er, struct val v)
{
	bool hit;
	struct scache_ent *e = scache_at(&er->countries, v.s, v.len, &hit);
	const char *name, *cc;
	char buf[128];

	if (hit)
		return e->val;
	name = cstr(v, buf, sizeof(buf));
	cc = name ? country_lookup(name) : NULL;
	if (cc)
		scache_put(e, v.s, v.len, cc, 0);
	return cc;
}

/* The zone of the event's place (place_zone()), or NULL; *how says why. */
static const char *place_zone_of(struct evreader *er, const struct event *ev,
				  int *how)
{
	size_t clen = ev->city ? strlen(ev->city) : 0;
	struct scache_ent *e = NULL;
	struct place_zone pz;
	char key[SCACHE_KEY];
	bool hit = false;

	if (clen + 4 < sizeof(key)) {
		if (clen)
			memcpy(key, ev->city, clen);
		key[clen] = '\x1f';
		memcpy(key + clen + 1, ev->country, 3);
		e = scache_at(&er->places, key, clen + 3, &hit);
	}
	if (hit) {
		*how = e->how;
		return e->val;
	}
	place_zone(ev->city, ev->country, &pz);
	scache_put(e, key, clen + 3, pz.tz, (int)pz.how);
	*how = (int)pz.how;
	return pz.tz;
}

static bool row_is_empty(const struct csvio_record *rec)
{
	size_t i, j;

	for (i = 0; i < rec->n; i++)
		for (j = 0; j < rec->f[i].len; j++)
			if (!is_ws(rec->f[i].s[j]))
				return false;
	return true;
}

/* 0 built, -1 refused (err), 1 the row waits for the date order. */
static int build_event(struct evreader *er, const struct csvio_record *rec,
		       struct event *ev, struct itin_err *err)
{
	struct val title = get(er, rec, C_TITLE), type = get(er, rec, C_TYPE);
	struct val v, tz, city, country, venue, loc, end, endzone;
	struct dt s, e;
	long s_at, e_at, place_at;
	bool allday_flag = false;
	size_t i;

	if (!title.len)
		return fail_field(er, rec, title.idx, err, "missing title");
	ev->title = text_val(er, title, false);

	v = type;
	trim(&v.s, &v.len);
	if (v.len) {
		int t = keyword_of(er, 't', v, event_type_parse);

		if (t < 0)
			return fail_field(er, rec, type.idx, err,
					  "unknown type '%.*s' (expected one "
					  "of: " TYPES_EXPECTED ")",
					  (int)(v.len > 64 ? 64 : v.len), v.s);
		ev->type = (enum event_type)t;
	} else {
		ev->type = typeguess(ev->title);
	}

	/* When. */
	v = get(er, rec, C_ALLDAY);
	if (parse_bool(v.s, v.len, &allday_flag))
		return fail_field(er, rec, v.idx, err,
				  "invalid value '%.*s' for an all-day flag "
				  "(expected True or False)",
				  (int)(v.len > 64 ? 64 : v.len), v.s);
	if (row_when(er, rec, "start", get(er, rec, C_START),
		     get(er, rec, C_START_DATE), get(er, rec, C_START_TIME), &s,
		     &s_at, err))
		return -1;
	end = get(er, rec, C_END);
	split_end_zone(&end, &endzone);
	if (row_when(er, rec, "end", end,
		     get(er, rec, C_END_DATE), get(er, rec, C_END_TIME), &e,
		     &e_at, err))
		return -1;
	/* An ambiguous date waits for the order; once a row waits, every
	 * row after it waits too, so that rows are built, and their
	 * messages come, in file order. */
	if (er->dord.row_ambig || er->dord.nwait)
		return 1;
	if (!s.has_date)
		return fail_field(er, rec, s_at, err,
				  s.has_time ? "missing start date"
					     : "missing start");
	if (allday_flag)
		s.has_time = false; /* Outlook writes 12:00:00 AM */
	if (!e.has_date && e.has_time)
		e.days = s.days; /* an end time alone: the start's day */
	ev->allday = !s.has_time;
	ev->start = s.days * ITIN_DAY + (s.has_time ? s.secs : 0);
	if (e.has_date || e.has_time) {
		if (ev->allday) {
			if (e.has_time && !allday_flag)
				return fail_field(er, rec, e_at, err,
						  "the end has a time but the "
						  "start is a date");
			if (e.has_time && e.secs == 0 && e.days > s.days)
				e.days--; /* Outlook's exclusive midnight */
			if (e.days != s.days) {
				ev->has_end = true;
				ev->end = e.days * ITIN_DAY;
			}
		} else {
			if (!e.has_time)
				return fail_field(
				    er, rec, e_at, err,
				    "the end needs a time, like the start");
			ev->has_end = true;
			ev->end = e.days * ITIN_DAY + e.secs;
		}
	}

	/* Where. */
	city = get(er, rec, C_CITY);
	country = get(er, rec, C_COUNTRY);
	venue = get(er, rec, C_VENUE);
	loc = get(er, rec, C_LOCATION);
	place_at = city.len ? city.idx : loc.len ? loc.idx : country.idx;
	v = country;
	trim(&v.s, &v.len);
	if (v.len) {
		const char *cc = country_of(er, v);

		if (!cc)
			return fail_field(er, rec, country.idx, err,
					  "unknown country '%.*s'",
					  (int)(v.len > 64 ? 64 : v.len), v.s);
		memcpy(ev->country, cc, 3);
	}
	ev->city = text_val(er, city, false);
	ev->venue = text_val(er, venue, false);
	if (!city.len && !venue.len && !country.len && loc.len)
		parse_location(er, ev, loc);

	/* The zone: the tz column, else the place's, else floating. */
	tz = get(er, rec, C_TZ);
	trim(&tz.s, &tz.len);
	if (!ev->allday) {
		bool floating =
		    tz.len == 8 && !ascii_ncasecmp(tz.s, "floating", 8);

		if (tz.len && !floating) {
			const char *name = zone_of(er, tz, err);

			if (!name)
				return locate(er, rec, tz.idx, err);
			ev->tz = stage_strn(er, name, strlen(name));
		} else if (!tz.len) {
			int how;
			const char *name = place_zone_of(er, ev, &how);

			if (name && how == PLACE_ZONE_MAIN) {
				long line, col;

				pos_of(rec, place_at, &line, &col);
				if (ev->city)
					itin_warn_at(
					    er->w, er->fname, line, col,
					    "no city '%s' in the gazetteer; "
					    "time in %s, the zone with the "
					    "most people in %s",
					    ev->city, name, ev->country);
				else
					itin_warn_at(
					    er->w, er->fname, line, col,
					    "time in %s, the zone with the "
					    "most people in %s (of several "
					    "zones)",
					    name, ev->country);
			}
			if (name) {
				ev->tz = stage_strn(er, name, strlen(name));
			} else if (how == PLACE_ZONE_UNKNOWN) {
				long line, col;

				pos_of(rec, place_at, &line, &col);
				itin_warn_at(er->w, er->fname, line, col,
					     "no time zone known for '%s'; "
					     "time is floating",
					     ev->city ? ev->city : ev->country);
			}
		}
		/* The end zone: in the end field, or an end_tz column. */
		v = get(er, rec, C_END_TZ);
		trim(&v.s, &v.len);
		if (endzone.len || v.len) {
			struct val which = endzone.len ? endzone : v;
			const char *name = zone_of(er, which, err);

			if (!name)
				return locate(er, rec, which.idx, err);
			if (endzone.len && v.len) {
				const char *name2 = zone_of(er, v, err);

				if (!name2)
					return locate(er, rec, v.idx, err);
				if (strcmp(name, name2))
					return fail_field(
					    er, rec, v.idx, err,
					    "end zone '%s' is not the one "
					    "the end gives ('%s')",
					    name2, name);
			}
			ev->end_tz = stage_strn(er, name, strlen(name));
		}
	}

	/* Who, and the rest. */
	each_item(er, ev, get(er, rec, C_PARTICIPANTS), true, NULL, false);
	each_item(er, ev, get(er, rec, C_ORGANIZER), true, "organizer", true);
	each_item(er, ev, get(er, rec, C_REQ_ATTENDEES), true, NULL, true);
	each_item(er, ev, get(er, rec, C_OPT_ATTENDEES), true, NULL, true);
	each_item(er, ev, get(er, rec, C_TAGS), false, NULL, false);
	ev->org = text_val(er, get(er, rec, C_ORG), false);
	ev->source = text_val(er, get(er, rec, C_SOURCE), false);
	v = get(er, rec, C_NOTES);
	if (v.len)
		ev->notes = text_val(er, v, true);
	v = get(er, rec, C_STATUS);
	trim(&v.s, &v.len);
	if (v.len) {
		int st = keyword_of(er, 's', v, event_status_parse);

		if (st < 0)
			return fail_field(er, rec, er->col[C_STATUS], err,
					  "unknown status '%.*s' (expected one "
					  "of: confirmed, "
					  "tentative, cancelled)",
					  (int)(v.len > 64 ? 64 : v.len), v.s);
		ev->status = (enum event_status)st;
	}
	ev->id = dup_val(er, get(er, rec, C_ID));
	ev->uid = dup_val(er, get(er, rec, C_UID));
	ev->line = (uint32_t)rec->line; /* for import's warnings */

	/* Columns past the header's: only empty ones are allowed. */
	for (i = er->ncols; i < rec->n; i++)
		if (rec->f[i].len)
			return fail_field(er, rec, (long)i, err,
					  "field %zu has no column in the "
					  "header (%zu columns)",
					  i + 1, er->ncols);

	{
		struct located_warner lw = {er->w, er->fname, rec, s_at};
		struct itin_warner wrap = {located_warn, &lw};
		enum event_part part;
		long at = -1;

		if (!event_check_part(ev, er->w && er->w->fn ? &wrap : NULL,
				      err, &part))
			return 0;
		switch (part) {
		case EV_PART_TITLE:
			at = title.idx;
			break;
		case EV_PART_TYPE:
			at = type.idx;
			break;
		case EV_PART_START:
			at = s_at;
			break;
		case EV_PART_END:
			at = e_at;
			break;
		case EV_PART_TZ:
			at = tz.len ? tz.idx : place_at;
			break;
		case EV_PART_END_TZ:
			at = endzone.len ? endzone.idx : er->col[C_END_TZ];
			break;
		case EV_PART_ID:
			at = er->col[C_ID];
			break;
		default:
			break;
		}
		return locate(er, rec, at, err);
	}
}

/* Keep a copy of rec, which waits for the file's date order. */
static void wait_for_order(struct evreader *er, const struct csvio_record *rec)
{
	struct dateorder *o = &er->dord;
	size_t flen = (size_t)(rec->f[rec->n - 1].s + rec->f[rec->n - 1].len +
			       1 - rec->f[0].s);
	size_t size = sizeof(struct pending) + rec->n * sizeof(*rec->f) + flen +
		      rec->raw_len;
	struct pending *p = xmalloc(size);
	struct csvio_field *f = (struct csvio_field *)(p + 1);
	char *text = (char *)(f + rec->n), *raw = text + flen;

	memcpy(text, rec->f[0].s, flen);
	for (size_t i = 0; i < rec->n; i++) {
		f[i].s = text + (rec->f[i].s - rec->f[0].s);
		f[i].len = rec->f[i].len;
	}
	memcpy(raw, rec->raw, rec->raw_len);
	p->rec = *rec;
	p->rec.f = f;
	p->rec.raw = raw;
	p->rec.problem = NULL;
	if (rec->problem) {
		p->problem = *rec->problem;
		p->rec.problem = &p->problem;
	}
	if (o->nwait == o->await)
		o->wait =
		    xgrow(o->wait, &o->await, o->nwait + 1, sizeof(*o->wait));
	o->wait[o->nwait++] = p;
}

static int build_row(struct evreader *er, const struct csvio_record *rec,
		     struct itin_err *err);

/* A row whose bytes are bad, with CSVIO_SKIP_INVALID: skipped, said. */
static int skip_bad_row(struct evreader *er, const struct csvio_record *rec,
			struct itin_err *err)
{
	*err = *rec->problem;
	er->st.skipped++;
	itin_warn_at(er->w, err->file, err->line, err->col, "%s; row skipped",
		     err->msg);
	itin_err_clear(err);
	return 0;
}

/* The order is known: make the rows that waited for it, in file order. */
static int flush_waiting(struct evreader *er, struct itin_err *err)
{
	struct dateorder *o = &er->dord;
	size_t n = o->nwait, i;
	int ret = 0;

	o->nwait = 0; /* their rows now build, not wait */
	for (i = 0; i < n && !ret; i++) {
		const struct csvio_record *rec = &o->wait[i]->rec;

		ret = rec->problem ? skip_bad_row(er, rec, err)
				   : build_row(er, rec, err);
		free(o->wait[i]);
		o->wait[i] = NULL;
	}
	for (; i < n; i++) {
		free(o->wait[i]);
		o->wait[i] = NULL;
	}
	return ret;
}

/* A data row with no problem of its own: an event, or refused. */
static int build_row(struct evreader *er, const struct csvio_record *rec,
		     struct itin_err *err)
{
	struct event *ev;
	struct idslot *slot;
	uint32_t h;
	int r;

	if (er->ids.cap) {
		/* The id's slot is a cache miss in a table of millions; ask
		 * for it now, so it has arrived when the event is built. */
		struct val id = get(er, rec, C_ID);

		__builtin_prefetch(
		    &er->ids.v[id_hash_n(id.s, id.len) & (er->ids.cap - 1)]);
	}
	/* Built in the stage, kept as one packed allocation. */
	er->stage_used = 0;
	er->dord.row_ambig = er->dord.decided_now = false;
	r = build_event(er, rec, er->stage, err);
	if (r) {
		event_clear(er->stage);
		/* Refused with nothing waiting before it, or for the whole
		 * file: say so now. */
		if (r < 0 && (!er->dord.nwait || er->fatal))
			goto refused;
		/* Otherwise it waits in its turn, refused or not, so that
		 * rows and their messages keep the file's order; once the
		 * order is known (this row may have decided it), the rows
		 * are made, this one last. */
		itin_err_clear(err);
		wait_for_order(er, rec);
		if (!er->dord.sep[0].order)
			return 0;
		return flush_waiting(er, err);
	}
	ev = event_stage_take(er->stage, &er->stage_used);
	h = id_hash(ev->id);
	slot = idset_find(&er->ids, er->out, ev->id, h);
	if (slot->pos) {
		long line, col;
		long first = er->ids.lines[slot->pos - 1 - er->ids.base];

		/* The same row twice is one event (a spreadsheet's copy);
		 * two different rows under one id are a mistake. */
		if (evident_same(er->out->v[slot->pos - 1], ev, EVF_ALL)) {
			itin_warn_at(er->w, er->fname, rec->line, 1,
				     "row is the same event as line %ld; "
				     "read once",
				     first);
			event_free(ev);
			return 0;
		}
		pos_of(rec, er->col[C_ID], &line, &col);
		itin_err_at(err, ITIN_EX_DATAERR, er->fname, line, col,
			    "duplicate id '%s' (first at line %ld)", ev->id,
			    er->ids.lines[slot->pos - 1 - er->ids.base]);
		event_free(ev);
		goto refused;
	}
	if (er->out->n >= UINT32_MAX) {
		event_free(ev);
		return itin_err_at(err, ITIN_EX_DATAERR, er->fname, rec->line,
				   1, "too many events in one file");
	}
	slot->hash = h;
	slot->pos = (uint32_t)er->out->n + 1;
	er->ids.n++;
	if (er->ids.nlines == er->ids.alines)
		er->ids.lines = xgrow(er->ids.lines, &er->ids.alines,
				      er->ids.nlines + 1, sizeof(long));
	er->ids.lines[er->ids.nlines++] = rec->line;
	evlist_add(er->out, ev);
	er->st.events++;
	return 0;
refused:
	if (!(er->flags & CSVIO_SKIP_INVALID) || er->fatal)
		return -1;
	er->st.skipped++;
	itin_warn_at(er->w, err->file, err->line, err->col, "%s; row skipped",
		     err->msg);
	itin_err_clear(err);
	return 0;
}

static int on_record(void *ctx, const struct csvio_record *rec,
		     struct itin_err *err)
{
	struct evreader *er = ctx;

	if (!er->have_header)
		return read_header(er, rec, err);
	if (!rec->problem && row_is_empty(rec))
		return 0; /* ",,,," rows: spreadsheets pad with them */
	er->st.rows++;
	if (er->prog && er->st.rows % CSVIO_PROGRESS_ROWS == 0)
		er->prog->fn(er->prog->ctx, er->st.rows);
	if (rec->problem) {
		*err = *rec->problem;
		/* Bytes in another encoding are in every row: skipping
		 * them would skip the file. */
		if (!(er->flags & CSVIO_SKIP_INVALID) ||
		    csvio_problem_is_encoding(rec->problem))
			return -1;
		/* Rows wait for the date order: this one's warning comes
		 * in its turn. */
		if (er->dord.nwait) {
			itin_err_clear(err);
			wait_for_order(er, rec);
			return 0;
		}
		return skip_bad_row(er, rec, err);
	}
	return build_row(er, rec, err);
}

/* At the end of the file: the rows that still wait for the date order. */
static int finish_waiting(struct evreader *er, struct itin_err *err)
{
	struct dateorder *o = &er->dord;

	if (!o->nwait)
		return 0;
	*err = o->first_ambig;
	return -1;
}

static void evreader_init(struct evreader *er, const char *fname,
			  unsigned flags, struct evlist *out,
			  const struct itin_warner *w)
{
	memset(er, 0, sizeof(*er));
	er->fname = fname ? fname : "-";
	er->flags = flags;
	er->out = out;
	er->w = w;
	er->ids.base = out->n;
	strbuf_init(&er->tmp);
	er->stage = event_new_staged(STAGE_ROOM);
	if (flags & (CSVIO_DMY | CSVIO_MDY | CSVIO_YMD)) {
		char order = flags & CSVIO_DMY	 ? 'd'
			     : flags & CSVIO_MDY ? 'm'
						 : 'y';

		er->dord.given = true;
		er->dord.sep[0].order = er->dord.sep[1].order = order;
	}
}

static int evreader_done(struct evreader *er, int ret, struct csvio_stats *st,
			 struct itin_err *err)
{
	if (!ret)
		ret = finish_waiting(er, err);
	for (size_t i = 0; i < er->dord.nwait; i++)
		free(er->dord.wait[i]);
	free(er->dord.wait);
	for (int k = 0; k < 2 && !er->dord.given; k++) {
		const struct seporder *so = &er->dord.sep[k];

		er->st.order[k].order = so->order;
		er->st.order[k].by_convention = so->by_convention;
		er->st.order[k].line = so->at_line;
		memcpy(er->st.order[k].date, so->at_s,
		       sizeof(er->st.order[k].date));
	}
	if (st)
		*st = er->st;
	idset_release(&er->ids);
	strbuf_release(&er->tmp);
	event_free(er->stage);
	return ret;
}

int csvio_read_events_fp(FILE *fp, const char *fname, unsigned flags,
			 struct evlist *out, const struct itin_warner *w,
			 const struct csvio_progress *prog,
			 struct csvio_stats *st, struct itin_err *err)
{
	struct evreader er;

	evreader_init(&er, fname, flags, out, w);
	er.prog = prog && prog->fn ? prog : NULL;
	return evreader_done(&er,
			     csvio_read_records_fp_threaded(
				 fp, er.fname, 0, on_record, &er, err),
			     st, err);
}

int csvio_read_events(const char *buf, size_t len, const char *fname,
		      unsigned flags, struct evlist *out,
		      const struct itin_warner *w, struct csvio_stats *st,
		      struct itin_err *err)
{
	struct evreader er;

	evreader_init(&er, fname, flags, out, w);
	return evreader_done(
	    &er, csvio_read_records(buf, len, er.fname, 0, on_record, &er, err),
	    st, err);
}

/* ---- writing ---- */

void csvio_write_header(struct strbuf *sb)
{
	size_t i;

	for (i = 0; i < C_NATIVE; i++) {
		if (i)
			strbuf_addch(sb, ',');
		strbuf_addstr(sb, native_names[i]);
	}
	strbuf_addstr(sb, "\r\n");
}

/* Escape one list item as the reader's unescape() takes it back. */
static void put_item(struct strbuf *sb, const char *s, const char *special)
{
	size_t len = strlen(s), i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\\')
			strbuf_addstr(sb, "\\\\");
		else if (c == '\n')
			strbuf_addstr(sb, "\\n");
		else if (c == '\t')
			strbuf_addstr(sb, "\\t");
		else if (c < 0x20 || c == 0x7f)
			strbuf_addf(sb, "\\x%02x", c);
		else if (c == ' ' && (i == 0 || i == len - 1))
			strbuf_addstr(sb, "\\s");
		else if (strchr(special, c)) {
			strbuf_addch(sb, '\\');
			strbuf_addch(sb, (char)c);
		} else
			strbuf_addch(sb, (char)c);
	}
}

static void field(struct strbuf *sb, const char *s, unsigned flags, bool last)
{
	if (s)
		csvio_write_field(sb, s, strlen(s), flags);
	strbuf_addstr(sb, last ? "\r\n" : ",");
}

/* A text cell: control characters escaped (see text_val()). */
static void text_field(struct strbuf *sb, struct strbuf *tmp, const char *s,
		       unsigned flags)
{
	const char *p, *e;

	if (!s) {
		field(sb, NULL, flags, false);
		return;
	}
	for (p = s; *p; p++)
		if (((unsigned char)*p < 0x20 && *p != '\t' && *p != '\n') ||
		    *p == 0x7f || *p == '\\')
			break;
	if (!*p) {
		field(sb, s, flags, false);
		return;
	}
	e = p + strlen(p);
	strbuf_reset(tmp);
	strbuf_add(tmp, s, (size_t)(p - s));
	for (; p < e; p++) {
		unsigned char c = (unsigned char)*p;

		if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f ||
		    ctl_escape_at(p, e) >= 0)
			strbuf_addf(tmp, "\\x%02x", c);
		else
			strbuf_addch(tmp, (char)c);
	}
	field(sb, tmp->buf, flags, false);
}

void csvio_write_event(struct strbuf *sb, const struct event *ev,
		       unsigned flags)
{
	struct strbuf tmp = STRBUF_INIT;
	char w[ITIN_WHEN_MAX];
	size_t i;

	field(sb, ev->id, flags, false);
	field(sb, event_type_name(ev->type), flags, false);
	text_field(sb, &tmp, ev->title, flags);
	when_format(ev->start, !ev->allday, 'T', w);
	field(sb, w, flags, false);
	/* The end, and the end's own zone after it ("WHEN ZONE"); the zone
	 * alone for an event with an end zone and no end. */
	strbuf_reset(&tmp);
	if (ev->has_end &&
	    !(ev->allday && lsec_day(ev->end) == lsec_day(ev->start))) {
		when_format(ev->end, !ev->allday, 'T', w);
		strbuf_addstr(&tmp, w);
	}
	if (!ev->allday && ev->end_tz) {
		if (tmp.len)
			strbuf_addch(&tmp, ' ');
		strbuf_addstr(&tmp, ev->end_tz);
	}
	field(sb, tmp.buf, flags, false);
	strbuf_reset(&tmp);
	field(sb,
	      ev->allday ? NULL
	      : ev->tz	 ? ev->tz
			 : "floating",
	      flags, false);
	text_field(sb, &tmp, ev->city, flags);
	field(sb, ev->country, flags, false);
	text_field(sb, &tmp, ev->venue, flags);
	strbuf_reset(&tmp);
	for (i = 0; i < ev->nwith; i++) {
		if (!ev->with[i].name || !*ev->with[i].name)
			continue;
		if (tmp.len)
			strbuf_addstr(&tmp, "; ");
		put_item(&tmp, ev->with[i].name, ";()");
		if (ev->with[i].role && *ev->with[i].role) {
			strbuf_addstr(&tmp, " (");
			put_item(&tmp, ev->with[i].role, ";()");
			strbuf_addch(&tmp, ')');
		}
	}
	field(sb, tmp.buf, flags, false);
	text_field(sb, &tmp, ev->org, flags);
	field(sb, event_status_name(ev->status), flags, false);
	text_field(sb, &tmp, ev->source, flags);
	text_field(sb, &tmp, ev->notes, flags);
	strbuf_reset(&tmp);
	for (i = 0; i < ev->ntags; i++) {
		if (!ev->tags[i] || !*ev->tags[i])
			continue;
		if (tmp.len)
			strbuf_addstr(&tmp, "; ");
		put_item(&tmp, ev->tags[i], ";");
	}
	field(sb, tmp.buf, flags, true);
	strbuf_release(&tmp);
}

void csvio_write(struct strbuf *sb, const struct evlist *l, unsigned flags)
{
	size_t i;

	csvio_write_header(sb);
	for (i = 0; i < l->n; i++)
		csvio_write_event(sb, l->v[i], flags);
}
