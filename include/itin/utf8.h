/*
 * utf8.h: UTF-8 checks and display widths, without depending on the locale.
 *
 * Display widths and folding come from utf8proc (Unicode's East Asian
 * Width, marks, case folding and decompositions), so the agenda and the
 * timeline align, and names match, the same way whatever LC_CTYPE is.
 */
#ifndef ITIN_UTF8_H
#define ITIN_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Decode one code point at s (at most len bytes). Returns the number of bytes
 * used (1..4), or 0 if the sequence is invalid (overlong, surrogate, > U+10FFFF,
 * truncated); *cp is then undefined.
 */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Encode code point cp as UTF-8 into out (room for 4 bytes); returns the
 * length. */
size_t utf8_encode(uint32_t cp, char *out);

/* True if s[0..len) is valid UTF-8; else *bad (if not NULL) gets the offset. */
bool utf8_valid(const char *s, size_t len, size_t *bad);

/*
 * Drop the sequence a bounded copy cut in two at the end of the string s
 * (snprintf into a fixed buffer cuts at a byte, not a character): valid
 * UTF-8 in, valid UTF-8 out. Returns the new length.
 */
size_t utf8_drop_cut_tail(char *s);

/* Columns a code point takes on a terminal: 0 (combining, zero-width), 1 or 2;
 * -1 for control characters. */
int utf8_cp_width(uint32_t cp);

/* Columns the string takes; control characters count as the width of their
 * visible escape (see utf8_sanitize). Invalid bytes count 4 ("\xHH"). */
size_t utf8_width(const char *s);

/*
 * Longest prefix of s (in bytes) that fits in max_cols columns without
 * splitting a character; *cols gets its width.
 */
size_t utf8_prefix_fitting(const char *s, size_t max_cols, size_t *cols);

/* Code point count in 1-based column terms: the column (1-based, in code
 * points) of byte offset off within s. For error messages. */
long utf8_column(const char *line, size_t off);

/*
 * The characters that act on a terminal or on the text around them, or
 * hide in it: every character Unicode classes as a control, a format
 * character or a line or paragraph separator (general categories Cc, Cf,
 * Zl, Zp, as utf8proc's tables say): the controls (C0, DEL, C1), the
 * bidirectional controls (U+061C, U+200E, U+200F, U+202A..U+202E,
 * U+2066..U+2069), which reorder what follows them, U+2028 and U+2029,
 * which break a line where a reader expects none, and the invisible ones
 * (U+00AD SOFT HYPHEN, U+200B ZERO WIDTH SPACE, U+FEFF, the tag characters
 * U+E0000..U+E007F...), which make two texts that look alike differ.
 * Except U+200C ZERO WIDTH NON-JOINER and U+200D ZERO WIDTH JOINER, which
 * are part of how Persian, the scripts of India and emoji are spelled
 * and move nothing. What every output for people shows as an escape, and
 * what the text format writes as one: one set for both.
 */
bool utf8_acts_on_display(uint32_t cp);

/* What the text format escapes: utf8_acts_on_display(), the same set. */
bool utf8_is_invisible_control(uint32_t cp);

struct strbuf;
/*
 * Append s to out with everything that could act on a terminal made visible
 * (utf8_acts_on_display): C0/C1 controls and DEL as \xHH (tab too), the
 * other characters of that set as \u{XXXX} (\u{XXXXX} above U+FFFF),
 * invalid bytes as \xHH. Printable text is copied unchanged.
 */
void utf8_sanitize(struct strbuf *out, const char *s);

/*
 * utf8_sanitize() with options, for outputs that scripts read as well
 * (tsv.c):
 *   UTF8_ESC_BACKSLASH  a backslash is written "\\", so every escape is
 *                       unambiguous and the text can be decoded back;
 *   UTF8_ESC_BREAKS     a tab, line feed or carriage return becomes one
 *                       space instead of an escape (a record stays one
 *                       line, its fields tab-separated).
 */
#define UTF8_ESC_BACKSLASH 1u
#define UTF8_ESC_BREAKS 2u
void utf8_escape(struct strbuf *out, const char *s, unsigned flags);

/*
 * Fold s for comparisons that ignore case and accents, in any script:
 * Unicode case folding, compatibility decomposition without marks
 * (utf8proc), and the letters Unicode does not decompose folded by hand
 * ("São" -> "sao", "ß" -> "ss", "Ł" -> "l", "Đà Nẵng" -> "đa nang" ->
 * "da nang", "Ｔｏｋｙｏ" -> "tokyo"); Hangul syllables stay whole.
 * With UTF8_FOLD_ALNUM, everything but letters and digits is dropped as
 * well ("Sharm el-Sheikh" -> "sharmelsheikh"), for matching names.
 * Writes at most size bytes including the NUL and returns the length of the
 * whole result, like snprintf; the result is never longer than s, so a
 * buffer of strlen(s) + 1 bytes always suffices. Invalid bytes are kept.
 */
#define UTF8_FOLD_ALNUM 1u
size_t utf8_fold(const char *s, char *buf, size_t size, unsigned flags);

#endif
