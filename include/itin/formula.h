/*
 * formula.h: the one rule for spreadsheet formulas in what itin writes
 * (CSV export and import, csvrec.h; `--format tsv`, tsv.h).
 *
 * A spreadsheet runs a cell that starts with = + - @ TAB or CR as a
 * formula (OWASP "CSV injection": "=cmd|' /C calc'!A0"), and pasting TSV
 * into one does the same. A writer puts "'" before every value that starts
 * with one of those, and before every value that starts with "'" followed
 * by one of those or by another "'"; a reader removes one leading "'"
 * exactly where the writer added it. The two are inverses: a value like
 * "'hello" is left alone both ways. A negative number or a date such as
 * "-5" is guarded too: the rule looks at the first character only, so no
 * value can guess its way past it.
 */
#ifndef ITIN_FORMULA_H
#define ITIN_FORMULA_H

#include <stdbool.h>
#include <stddef.h>

/* True when a writer must put "'" before s[0..len). */
bool formula_needs_guard(const char *s, size_t len);

/* True when s[0..len) starts with a "'" a writer added: drop s[0]. */
bool formula_is_guarded(const char *s, size_t len);

/*
 * The offset of s[0..len)'s first character that is in stop (ASCII) or
 * is not one of utf8_acts_on_display()'s: what a reader sees first once
 * the characters it drops or does not see are passed. len if none.
 */
size_t formula_skip_hidden(const char *s, size_t len, const char *stop);

#endif
