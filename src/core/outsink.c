/* outsink.c: output written a block at a time (see outsink.h). */
#include <errno.h>

#include "itin/fsutil.h"
#include "itin/outsink.h"

void outsink_init(struct outsink *s, outsink_write_fn *write, void *ctx)
{
	strbuf_init(&s->buf);
	s->block = OUTSINK_BLOCK;
	s->write = write;
	s->ctx = ctx;
	s->error = 0;
}

int outsink_fd_write(void *ctx, const void *data, size_t len)
{
	return fs_write_all(*(const int *)ctx, data, len);
}

int outsink_strbuf_write(void *ctx, const void *data, size_t len)
{
	strbuf_add(ctx, data, len);
	return 0;
}

int outsink_flush(struct outsink *s)
{
	if (!s->error && s->buf.len && s->write(s->ctx, s->buf.buf, s->buf.len))
		s->error = errno ? errno : EIO;
	/* Written or failed: either way nothing more is kept. */
	strbuf_reset(&s->buf);
	return s->error ? -1 : 0;
}

int outsink_check(struct outsink *s)
{
	if (s->buf.len >= s->block || s->error)
		return outsink_flush(s);
	return 0;
}

void outsink_release(struct outsink *s)
{
	strbuf_release(&s->buf);
}
