/*
 * formula.c: the spreadsheet formula guard; see formula.h.
 */
#include <stdint.h>
#include <string.h>

#include "itin/formula.h"
#include "itin/utf8.h"

#define FORMULA_CHARS "=+-@\t\r"

static bool formula_char(char c)
{
	return c && strchr(FORMULA_CHARS, c);
}

size_t formula_skip_hidden(const char *s, size_t len, const char *stop)
{
	size_t i = 0, n;
	uint32_t cp;

	while (i < len && !(s[i] && strchr(stop, s[i]))) {
		n = utf8_decode(s + i, len - i, &cp);
		if (!n || !utf8_acts_on_display(cp))
			break;
		i += n;
	}
	return i;
}

/*
 * Whether s[0..len) would run: it starts with a formula character, or
 * does once the characters in front that an output turns into a space
 * (a line break, in tsv) or that a reader may drop or not see (U+FEFF,
 * U+200B, the controls: the characters of utf8_acts_on_display()) are
 * passed:
 * "\n-5" is " -5" in tsv, and a spreadsheet that drops a leading U+FEFF
 * runs what follows it. A space the value itself starts with is text to
 * a spreadsheet (" =x" is not run), and stays unguarded.
 */
static bool starts_formula(const char *s, size_t len)
{
	size_t i = formula_skip_hidden(s, len, FORMULA_CHARS);

	return i < len && formula_char(s[i]);
}

bool formula_needs_guard(const char *s, size_t len)
{
	return starts_formula(s, len) || formula_is_guarded(s, len);
}

bool formula_is_guarded(const char *s, size_t len)
{
	return len >= 2 && s[0] == '\'' &&
	       (starts_formula(s + 1, len - 1) || s[1] == '\'');
}
