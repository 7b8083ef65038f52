/*
 * json.h: `--format json`: one JSON array of objects with every field of
 * the model, for scripts. Strings are escaped per RFC 8259 (control
 * characters as \u00XX, so terminal escapes cannot pass through).
 */
#ifndef ITIN_JSON_H
#define ITIN_JSON_H

#include "itin/evlist.h"
#include "itin/strbuf.h"

/* Append a JSON string literal (with quotes). */
void json_write_string(struct strbuf *sb, const char *s);
/* Append one event object (no trailing separator). */
void json_write_event(struct strbuf *sb, const struct event *ev);

/*
 * The array of `--format json`, an event at a time: one object per line
 * (greppable, and still one array). Item i of the array, with what comes
 * before it ("[" or ","); then the end, after n items ("[]" for none).
 */
void json_write_item(struct strbuf *sb, const struct event *ev, size_t i);
void json_write_end(struct strbuf *sb, size_t n);

#endif
