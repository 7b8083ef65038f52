/*
 * icstext.c: an event's fields as iCalendar text and back (icstext.h).
 */
#include <string.h>

#include "itin/ascii.h"
#include "itin/icstext.h"
#include "itin/places.h"

/*
 * The text a TEXT property can carry: line breaks (CRLF, CR, LF) become
 * LF (written "\n"), other control characters but TAB become U+FFFD.
 * Returns true when that changed anything.
 */
bool ics_text(struct strbuf *out, const char *s)
{
	bool changed = false;

	strbuf_reset(out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\r') {
			strbuf_addch(out, '\n');
			if (s[1] == '\n')
				s++;
			changed = true;
		} else if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) {
			strbuf_addstr(out, "\xEF\xBF\xBD");
			changed = true;
		} else {
			strbuf_addch(out, (char)c);
		}
	}
	return changed;
}

/*
 * The value of an X-ITIN- property: exact, and free of control
 * characters other than TAB and LF (which TEXT carries): '\' is written
 * "\\" and every other control character "\xHH". ics_x_decode() undoes it.
 */
void ics_x_encode(struct strbuf *out, const char *s)
{
	strbuf_reset(out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\\')
			strbuf_addstr(out, "\\\\");
		else if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f)
			strbuf_addf(out, "\\x%02x", c);
		else
			strbuf_addch(out, (char)c);
	}
}

char *ics_x_decode(const char *s)
{
	struct strbuf out = STRBUF_INIT;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] == '\\') {
			strbuf_addch(&out, '\\');
			s++;
		} else if (s[0] == '\\' && s[1] == 'x' &&
			   ascii_hexval(s[2]) >= 0 && ascii_hexval(s[3]) >= 0 &&
			   ascii_hexval(s[2]) * 16 + ascii_hexval(s[3])) {
			strbuf_addch(&out, (char)(ascii_hexval(s[2]) * 16 +
						  ascii_hexval(s[3])));
			s += 3;
		} else {
			strbuf_addch(&out, *s);
		}
	}
	return strbuf_detach(&out, NULL);
}

/* "Name (Role)", with '\', '(' and ')' of the parts escaped. */
void ics_participant_encode(struct strbuf *out, const struct participant *p)
{
	const char *parts[2] = {p->name, p->role};

	strbuf_reset(out);
	for (int k = 0; k < 2; k++) {
		if (!parts[k])
			break;
		if (k)
			strbuf_addstr(out, " (");
		for (const char *s = parts[k]; *s; s++) {
			if (*s == '\\' || *s == '(' || *s == ')')
				strbuf_addch(out, '\\');
			strbuf_addch(out, *s);
		}
		if (k)
			strbuf_addch(out, ')');
	}
}

/* "Name (Role)" with '\' escapes, as ics_participant_encode() writes it. */
void ics_participant_decode(struct event *ev, const char *s)
{
	struct strbuf name = STRBUF_INIT, role = STRBUF_INIT, *cur = &name;
	size_t n = strlen(s);
	const char *open = NULL;

	/* The role: the last unescaped "(" of a value ending in ")". */
	if (n && s[n - 1] == ')') {
		for (const char *p = s; *p; p++) {
			if (*p == '\\' && p[1]) {
				p++;
				continue;
			}
			if (*p == '(' && p > s && p[-1] == ' ')
				open = p;
		}
	}
	for (const char *p = s; *p; p++) {
		if (open && p == open - 1)
			continue; /* the space before "(" */
		if (open && p == open) {
			cur = &role;
			continue;
		}
		if (open && p == s + n - 1)
			break;
		if (*p == '\\' && p[1])
			p++;
		strbuf_addch(cur, *p);
	}
	if (name.len)
		event_add_participant(ev, name.buf, open ? role.buf : NULL);
	strbuf_release(&name);
	strbuf_release(&role);
}

const char *ics_present(const char *s)
{
	return s && *s ? s : NULL;
}

/* What LOCATION says for an event: "Venue, City, Country name". */
void ics_location_text(struct strbuf *out, const char *venue, const char *city,
		       const char *cc)
{
	const char *parts[3], *name;
	size_t n = 0;

	if (ics_present(venue))
		parts[n++] = venue;
	if (ics_present(city))
		parts[n++] = city;
	if (cc && *cc) {
		name = country_name(cc);
		parts[n++] = name ? name : cc;
	}
	strbuf_reset(out);
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_addstr(out, ", ");
		strbuf_addstr(out, parts[i]);
	}
}

/* What DESCRIPTION says: the notes, then who, the organisation, the source. */
void ics_description_text(struct strbuf *out, const char *notes,
			  const struct participant *with, size_t nwith,
			  const char *org, const char *source)
{
	strbuf_reset(out);
	if (ics_present(notes))
		strbuf_addstr(out, notes);
	if ((nwith || ics_present(org) || ics_present(source)) && out->len)
		strbuf_addstr(out, "\n\n");
	for (size_t i = 0; i < nwith; i++) {
		strbuf_addstr(out, i ? "; " : "With: ");
		strbuf_addstr(out, with[i].name);
		if (ics_present(with[i].role))
			strbuf_addf(out, " (%s)", with[i].role);
		if (i + 1 == nwith)
			strbuf_addch(out, '\n');
	}
	if (ics_present(org))
		strbuf_addf(out, "Organisation: %s\n", org);
	if (ics_present(source))
		strbuf_addf(out, "Source: %s\n", source);
	/* No line break at the very end. */
	if (out->len && out->buf[out->len - 1] == '\n' &&
	    (nwith || ics_present(org) || ics_present(source)))
		out->buf[--out->len] = '\0';
}

/*
 * CATEGORIES: the type, then the tags. Export writes a CATEGORIES value
 * with its commas and semicolons unescaped, as libical did (a comma
 * separates categories), so both become a space here; X-ITIN-TAG keeps
 * the tag exactly.
 */
void ics_categories_text(struct strbuf *out, enum event_type type,
			 char *const *tags, size_t ntags)
{
	strbuf_reset(out);
	strbuf_addstr(out, event_type_name(type));
	for (size_t i = 0; i < ntags; i++) {
		strbuf_addch(out, ',');
		for (const char *s = tags[i]; *s; s++)
			strbuf_addch(out, *s == ',' || *s == ';' ? ' ' : *s);
	}
}
