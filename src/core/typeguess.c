/*
 * typeguess.c: an event type from the words of a title.
 *
 * A short table of phrases, tried in order; the first phrase found as
 * whole words anywhere in the title decides. Phrases are lower-case ASCII;
 * a trailing '*' matches any word ending ("meet*": meet, meets, meeting),
 * so stems are chosen with care ("depart*" would take "department").
 */
#include <stdbool.h>
#include <string.h>

#include "itin/ascii.h"
#include "itin/typeguess.h"

struct rule {
	const char *phrase;
	enum event_type type;
};

static const struct rule rules[] = {
    /* Diplomatic "calls on" someone in person. */
    {"courtesy call*", EV_MEETING},
    {"call on", EV_MEETING},
    {"calls on", EV_MEETING},
    {"flight*", EV_TRAVEL},
    {"fly", EV_TRAVEL},
    {"flies", EV_TRAVEL},
    {"travel*", EV_TRAVEL},
    {"departure*", EV_TRAVEL},
    {"depart", EV_TRAVEL},
    {"departs", EV_TRAVEL},
    {"departing", EV_TRAVEL},
    {"arrival*", EV_TRAVEL},
    {"arrive*", EV_TRAVEL},
    {"press conference*", EV_PRESS},
    {"news conference*", EV_PRESS},
    {"press", EV_PRESS},
    {"presser", EV_PRESS},
    {"media availability", EV_PRESS},
    {"doorstep*", EV_PRESS},
    {"joint statement*", EV_PRESS},
    {"interview*", EV_INTERVIEW},
    {"phone call*", EV_CALL},
    {"telephone*", EV_CALL},
    {"video call*", EV_CALL},
    {"videoconference*", EV_CALL},
    {"video conference*", EV_CALL},
    {"call", EV_CALL},
    {"calls", EV_CALL},
    {"reception*", EV_RECEPTION},
    {"dinner*", EV_RECEPTION},
    {"banquet*", EV_RECEPTION},
    {"lunch*", EV_RECEPTION},
    {"breakfast*", EV_RECEPTION},
    {"gala", EV_RECEPTION},
    {"talks", EV_MEETING},
    {"meet*", EV_MEETING},
    {"bilateral*", EV_MEETING},
    {"consultations", EV_MEETING},
    {"audience", EV_MEETING},
    {"conference*", EV_CONFERENCE},
    {"forum*", EV_CONFERENCE},
    {"speech*", EV_CONFERENCE},
    {"address", EV_CONFERENCE},
    {"lecture*", EV_CONFERENCE},
    {"keynote*", EV_CONFERENCE},
    {"symposium", EV_CONFERENCE},
    {"congress", EV_CONFERENCE},
    {"summit*", EV_SUMMIT},
    {"visit*", EV_VISIT},
    {"trip", EV_VISIT},
    {"tour", EV_VISIT},
};

static bool is_word_char(unsigned char c)
{
	return ascii_isalpha(c) || ascii_isdigit(c) || c >= 0x80;
}

/* Does phrase match at s (a word start)? Spaces in the phrase match any
 * run of spaces, '-' or '/' in the title ("video-call"). */
static bool match_at(const char *s, const char *phrase)
{
	const char *p = phrase;

	for (; *p; p++) {
		if (*p == '*') {
			while (is_word_char((unsigned char)*s))
				s++;
			return true;
		}
		if (*p == ' ') {
			if (*s != ' ' && *s != '-' && *s != '/')
				return false;
			while (*s == ' ' || *s == '-' || *s == '/')
				s++;
			continue;
		}
		if (ascii_tolower((unsigned char)*s) != *p)
			return false;
		s++;
	}
	return !is_word_char((unsigned char)*s);
}

static bool contains(const char *title, const char *phrase)
{
	const char *s;

	for (s = title; *s; s++) {
		if (s > title && is_word_char((unsigned char)s[-1]))
			continue;
		if (match_at(s, phrase))
			return true;
	}
	return false;
}

enum event_type typeguess(const char *title)
{
	size_t i;

	if (!title)
		return EV_OTHER;
	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		if (contains(title, rules[i].phrase))
			return rules[i].type;
	return EV_OTHER;
}
