/*
 * progress.c: a progress line on stderr for work that takes a while.
 *
 * Nothing is shown during the first second (most runs never show
 * anything), nor when stderr is not a terminal: logs and pipes get no
 * carriage returns. The line is redrawn at most ten times a second.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "itin/xalloc.h"

struct progress {
	const char *what;
	size_t total;
	double start, last;
	bool shown;
};

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct progress *progress_start(const char *what, size_t total)
{
	struct progress *p;

	if (!isatty(STDERR_FILENO))
		return NULL;
	p = xcalloc(1, sizeof(*p));
	p->what = what;
	p->total = total;
	p->start = now_s();
	return p;
}

void progress_update(struct progress *p, size_t done)
{
	double t;

	if (!p)
		return;
	t = now_s();
	if (t - p->start < 1.0 || (p->shown && t - p->last < 0.1))
		return;
	p->last = t;
	p->shown = true;
	if (p->total)
		fprintf(stderr, "\r%s: %zu/%zu (%d%%)", p->what, done, p->total,
			(int)(100.0 * (double)done / (double)p->total));
	else
		fprintf(stderr, "\r%s: %zu", p->what, done);
	fflush(stderr);
}

void progress_stop(struct progress *p)
{
	if (!p)
		return;
	if (p->shown)
		fputs("\r\033[K", stderr);
	free(p);
}
