/*
 * recode.h: input in another encoding than UTF-8.
 *
 * itin reads UTF-8. Spreadsheets on Windows save CSV in Windows-1252 (or
 * Latin-1), which is not valid UTF-8 as soon as a name has an accent, so
 * the readers refuse it; recode_guess() lets the message say what the
 * bytes look like, and recode_open() reads such a file as UTF-8 (the
 * single-byte encodings by a table of its own, UTF-16 through iconv), a
 * buffer at a time (the file is never held whole). The caller owns the
 * readerr it passes; the stream owns the file it wraps.
 */
#ifndef ITIN_RECODE_H
#define ITIN_RECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "itin/err.h"

/*
 * The canonical name of an encoding the user may give ("cp1252",
 * "windows-1252", "latin1", "iso-8859-1", "utf-8", "utf-16", any case):
 * one of "CP1252", "ISO-8859-1", "UTF-8", "UTF-16", "UTF-16LE",
 * "UTF-16BE"; NULL when it is none of them.
 */
const char *recode_name(const char *arg);

/*
 * What invalid UTF-8 bytes look like, for a message: "Windows-1252" when
 * every byte over 0x7F in s[0..len) is a character of Windows-1252, no
 * whole UTF-8 sequence is among them and there is no control character
 * but tab and line ends; "UTF-16" when s starts with a UTF-16 byte order
 * mark, or its first (up to 32) pairs of bytes are each a NUL and a
 * non-NUL the same way round; NULL when they look like nothing in
 * particular (binary). *option gets the --encoding value that reads it
 * ("cp1252", "utf-16", "utf-16le", "utf-16be").
 */
const char *recode_guess(const char *s, size_t len, const char **option);

/*
 * A stream that gives in's bytes converted from the encoding `from`
 * (a name recode_name() returns) to UTF-8. It owns in: closing it closes
 * in, unless in is stdin. Windows-1252 and Latin-1 are read by recode.c
 * itself, Latin-1 as browsers read it (Windows-1252's characters for
 * 0x80-0x9F, the C1 controls for the five bytes Windows-1252 leaves
 * undefined); UTF-16 through iconv.
 *
 * Bad data is a read error, with errno EILSEQ, after the text before it:
 * a byte the encoding does not define, or, for the single-byte ones, a
 * whole UTF-8 multi-byte sequence (the file is UTF-8, or mixes
 * encodings). readerr (the caller's, which must outlive the stream; may
 * be NULL) then gets status 65, name:LINE:COL of it, counted in the
 * converted text, and a message. NULL with err filled (65) when iconv
 * cannot convert from that encoding.
 */
FILE *recode_open(FILE *in, const char *from, const char *name,
		  struct itin_err *readerr, struct itin_err *err);

#endif
