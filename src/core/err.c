/* err.c: filling struct itin_err and passing warnings on. */
#include <stdio.h>
#include <string.h>

#include "itin/err.h"

void itin_err_clear(struct itin_err *err)
{
	if (!err)
		return;
	err->status = 0;
	err->file[0] = '\0';
	err->line = 0;
	err->col = 0;
	err->msg[0] = '\0';
}

static void set_file(struct itin_err *err, const char *file)
{
	if (file)
		snprintf(err->file, sizeof(err->file), "%s", file);
	else
		err->file[0] = '\0';
}

int itin_err_set(struct itin_err *err, int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	itin_err_vat(err, status, NULL, 0, 0, fmt, ap);
	va_end(ap);
	return -1;
}

int itin_err_vat(struct itin_err *err, int status, const char *file,
		 long line, long col, const char *fmt, va_list ap)
{
	if (!err)
		return -1;
	itin_err_clear(err);
	err->status = status;
	set_file(err, file);
	err->line = line;
	err->col = col;
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	return -1;
}

int itin_err_at(struct itin_err *err, int status, const char *file, long line,
		long col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	itin_err_vat(err, status, file, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

void itin_err_format(const struct itin_err *err, char *buf, unsigned long size)
{
	if (err->file[0] && err->line > 0 && err->col > 0)
		snprintf(buf, size, "%s:%ld:%ld: %s", err->file, err->line,
			 err->col, err->msg);
	else if (err->file[0] && err->line > 0)
		snprintf(buf, size, "%s:%ld: %s", err->file, err->line, err->msg);
	else if (err->file[0])
		snprintf(buf, size, "%s: %s", err->file, err->msg);
	else
		snprintf(buf, size, "%s", err->msg);
}

void itin_warn_at(const struct itin_warner *w, const char *file, long line,
		  long col, const char *fmt, ...)
{
	struct itin_err warning;
	va_list ap;

	if (!w || !w->fn)
		return;
	itin_err_clear(&warning);
	set_file(&warning, file);
	warning.line = line;
	warning.col = col;
	va_start(ap, fmt);
	vsnprintf(warning.msg, sizeof(warning.msg), fmt, ap);
	va_end(ap);
	w->fn(w->ctx, &warning);
}
