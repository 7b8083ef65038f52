/*
 * progress.c: a progress line on stderr for work that takes a while.
 *
 * Nothing is shown during the first second (most runs never show
 * anything), nor when stderr is not a terminal: logs and pipes get no
 * carriage returns. Much of the slow work (reading a big store) happens
 * inside one core call that cannot report back, so a one-shot timer
 * (SIGALRM, with SA_RESTART so no system call in the core sees EINTR)
 * prints "itin: WHAT..." after one second; progress_update() then adds
 * counts, at most ten times a second. Only one progress runs at a time.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "itin/xalloc.h"

struct progress {
	const char *what;
	size_t total;
	double last;
	struct sigaction old;
};

static volatile sig_atomic_t fired;
static char first_line[128];
static size_t first_len;

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void on_alarm(int sig)
{
	ssize_t n;

	(void)sig;
	fired = 1;
	/* write(2) is safe in a handler; stdio is not. */
	n = write(STDERR_FILENO, first_line, first_len);
	(void)n;
}

struct progress *progress_start(const char *what, size_t total)
{
	struct itimerval it = {{0, 0}, {1, 0}};
	struct sigaction sa;
	struct progress *p;
	int n;

	if (!isatty(STDERR_FILENO))
		return NULL;
	p = xcalloc(1, sizeof(*p));
	p->what = what;
	p->total = total;
	n = snprintf(first_line, sizeof(first_line), "\ritin: %s...", what);
	first_len = n < 0			      ? 0
		    : (size_t)n >= sizeof(first_line) ? sizeof(first_line) - 1
						      : (size_t)n;
	fired = 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, &p->old);
	setitimer(ITIMER_REAL, &it, NULL);
	return p;
}

void progress_update(struct progress *p, size_t done)
{
	double t;

	if (!p || !fired)
		return;
	t = now_s();
	if (t - p->last < 0.1)
		return;
	p->last = t;
	if (p->total)
		fprintf(stderr, "\ritin: %s: %zu/%zu (%d%%)", p->what, done,
			p->total,
			(int)(100.0 * (double)done / (double)p->total));
	else
		fprintf(stderr, "\ritin: %s: %zu", p->what, done);
	fflush(stderr);
}

void progress_clear_line(void)
{
	if (fired)
		fputs("\r\033[K", stderr);
}

void progress_stop(struct progress *p)
{
	struct itimerval off = {{0, 0}, {0, 0}};

	if (!p)
		return;
	setitimer(ITIMER_REAL, &off, NULL);
	sigaction(SIGALRM, &p->old, NULL);
	if (fired)
		fputs("\r\033[K", stderr);
	fired = 0;
	free(p);
}
