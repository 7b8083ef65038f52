/*
 * csvcols.c: a CSV file's header: which field holds which column.
 *
 * The header decides what each column means: the native names, and the
 * names Google Calendar and Outlook export (matched folded: case, spaces,
 * '_' and '-' ignored). From the columns follows which fields of an event
 * the file carries at all (an import keeps the stored value of the rest).
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "itin/csvrow.h"
#include "itin/evident.h"
#include "itin/strbuf.h"

static const char *const native_names[C_NATIVE] = {
    "id",	    "type",   "title",	 "start", "end",
    "tz",	    "city",   "country", "venue", "participants",
    "organization", "status", "source",	 "notes", "tags",
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

const char *csvev_native_name(enum col c)
{
	return native_names[c];
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

/*
 * The fields each column carries: a field with no column is not "empty"
 * but unknown, and an import keeps what the store has. The zone comes
 * from a tz column or from the place; a type that is only guessed from
 * the title is not carried, nor are the title and the times, which every
 * file has.
 */
static const struct {
	enum col col;
	unsigned fields;
} carries[] = {
    {C_TYPE, EVF_TYPE},
    {C_TZ, EVF_TZ},
    {C_END_TZ, EVF_TZ},
    {C_CITY, EVF_CITY | EVF_TZ},
    {C_COUNTRY, EVF_COUNTRY | EVF_TZ},
    {C_VENUE, EVF_VENUE},
    {C_LOCATION, EVF_VENUE | EVF_CITY | EVF_COUNTRY | EVF_TZ},
    {C_PARTICIPANTS, EVF_WITH},
    {C_ORGANIZER, EVF_WITH},
    {C_REQ_ATTENDEES, EVF_WITH},
    {C_OPT_ATTENDEES, EVF_WITH},
    {C_ORG, EVF_ORG},
    {C_STATUS, EVF_STATUS},
    {C_SOURCE, EVF_SOURCE},
    {C_NOTES, EVF_NOTES},
    {C_TAGS, EVF_TAGS},
    {C_UID, EVF_UID},
    {C_ID, EVF_ID},
};

/* The fields a file with these columns carries (EVF_* of evident.h). */
static unsigned carried_fields(const long *col)
{
	unsigned m = EVF_TITLE | EVF_WHEN;

	for (size_t i = 0; i < sizeof(carries) / sizeof(carries[0]); i++)
		if (col[carries[i].col] >= 0)
			m |= carries[i].fields;
	return m;
}

/* Unknown columns named in the warning; the rest are counted. */
#define UNKNOWN_NAMED 10

/* The column a header cell names: a C_* (C_IGNORED included), or -1. */
static long column_named(const char *s, size_t len)
{
	char name[64];
	long found = -1;
	size_t j;

	fold_name(s, len, name, sizeof(name));
	for (j = 0; j < sizeof(aliases) / sizeof(aliases[0]); j++)
		if (!strcmp(aliases[j].name, name))
			found = aliases[j].col;
	return found;
}

/*
 * Map header cell i to its column, or note it among the unknown ones:
 * one short warning line, even for a thousand columns, names the first
 * few, then a count.
 */
static int map_cell(struct evreader *er, const struct csvio_record *rec,
		    size_t i, struct strbuf *unknown, size_t *nunknown,
		    struct itin_err *err)
{
	const char *s = rec->f[i].s, *e = s + rec->f[i].len;
	const struct csvio_field *first;
	size_t len;
	long found;

	ascii_trim_blank(&s, &e);
	len = (size_t)(e - s);
	if (!len)
		return 0; /* spreadsheets leave empty header cells */
	found = column_named(s, len);
	if (found < 0) {
		if (*nunknown < UNKNOWN_NAMED)
			strbuf_addf(unknown, "%s'%.*s'", *nunknown ? ", " : "",
				    (int)(len > 40 ? 40 : len), s);
		(*nunknown)++;
		return 0;
	}
	if (found == C_IGNORED)
		return 0;
	if (er->col[found] < 0) {
		er->col[found] = (long)i;
		return 0;
	}
	first = &rec->f[er->col[found]];
	return csvev_fail(er, rec, (long)i, err,
			  "duplicate column '%.*s' (the same as '%.*s')",
			  (int)(len > 64 ? 64 : len), s,
			  (int)(first->len > 64 ? 64 : first->len), first->s);
}

int csvev_read_header(struct evreader *er, const struct csvio_record *rec,
		      struct itin_err *err)
{
	struct strbuf unknown = STRBUF_INIT;
	size_t i, nunknown = 0;

	if (rec->problem) {
		*err = *rec->problem;
		return -1;
	}
	for (i = 0; i < C_COUNT; i++)
		er->col[i] = -1;
	er->ncols = rec->n;
	for (i = 0; i < rec->n; i++) {
		if (map_cell(er, rec, i, &unknown, &nunknown, err)) {
			strbuf_release(&unknown);
			return -1;
		}
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
