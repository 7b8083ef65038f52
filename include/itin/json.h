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

#endif
