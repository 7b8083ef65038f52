/*
 * formula.c: the spreadsheet formula guard; see formula.h.
 */
#include "itin/formula.h"

static bool formula_char(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' ||
	       c == '\r';
}

bool formula_needs_guard(const char *s, size_t len)
{
	return len && (formula_char(s[0]) || formula_is_guarded(s, len));
}

bool formula_is_guarded(const char *s, size_t len)
{
	return len >= 2 && s[0] == '\'' && (formula_char(s[1]) || s[1] == '\'');
}
