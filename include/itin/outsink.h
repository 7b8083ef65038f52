/*
 * outsink.h: output that streams. A writer appends to the sink's buffer
 * (sink->buf: every strbuf_add* works on it) and, at the end of each
 * record (an event, a header), calls outsink_check(): once the buffer
 * holds OUTSINK_BLOCK bytes or more it is handed to the sink's write
 * function and emptied, so an export never sits whole in memory; it holds
 * one block and the record that crossed it.
 *
 * The write function is the caller's: write(2) to a descriptor
 * (outsink_fd_write), appending to a strbuf (outsink_strbuf_write), or
 * stdio in the cli. It returns 0, or -1 with errno set; the sink keeps
 * that errno in ->error, drops what is appended from then on, and every
 * later check or flush returns -1, so the producer stops at its next
 * record and the caller reports the error (the core never prints).
 *
 * Why a strbuf with a write function rather than a FILE *: every writer
 * already appends to a strbuf, so each keeps its per-event function and
 * a caller that wants the text in memory (tests, `extract`) passes
 * outsink_strbuf_write; records are flushed whole, between events, so a
 * writer never needs to know; and the error comes back as an errno the
 * caller reports its own way (the core never prints).
 *
 * The sink owns its buffer; outsink_release() frees it. A sink is not
 * copied once in use (a writer may keep &sink->buf).
 */
#ifndef ITIN_OUTSINK_H
#define ITIN_OUTSINK_H

#include <stddef.h>
#include "itin/strbuf.h"

/* A pipe's capacity, and a size write(2) takes at once. */
#define OUTSINK_BLOCK 65536

typedef int outsink_write_fn(void *ctx, const void *data, size_t len);

struct outsink {
	struct strbuf buf;	 /* what writers append, not yet written */
	size_t block;		 /* written once buf holds this much */
	outsink_write_fn *write; /* 0, or -1 and errno */
	void *ctx;
	int error; /* errno of the write that failed; 0 while all went well */
};

void outsink_init(struct outsink *s, outsink_write_fn *write, void *ctx);
/* Write functions: ctx points at an int, a file descriptor; a strbuf. */
int outsink_fd_write(void *ctx, const void *data, size_t len);
int outsink_strbuf_write(void *ctx, const void *data, size_t len);
/* Write the buffer if it holds a block or more: 0, or -1 once failed. */
int outsink_check(struct outsink *s);
/* Write whatever the buffer holds: 0, or -1 once failed. */
int outsink_flush(struct outsink *s);
void outsink_release(struct outsink *s);

#endif
