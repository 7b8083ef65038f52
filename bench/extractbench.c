/*
 * extractbench.c: `itin extract`'s work in one process, for `make bench`
 * (bench/extract.sh).
 *
 *   extractbench ROUNDS FILE...
 *
 * Reads every FILE into memory first, then runs extract_report() over all
 * of them ROUNDS times (each report's events freed before the next, as
 * the command does), and prints one line: reports, events proposed,
 * reports refused (no date, say), the best round's wall and CPU seconds,
 * the process's peak RSS in KiB (getrusage) once the reports are loaded
 * and at the end. What the extraction adds to the peak, over 100 files
 * and over 1,000, says whether memory grows with the number of reports:
 * it must not.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "../src/extract/extract.h"
#include "itin/strbuf.h"

static double clock_s(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int slurp(const char *path, struct strbuf *sb)
{
	FILE *fp = fopen(path, "rb");
	char buf[65536];
	size_t n;

	if (!fp)
		return -1;
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		strbuf_add(sb, buf, n);
	fclose(fp);
	return 0;
}

static long peak_kib(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* One round over every report: the events proposed; *refused counts the
 * reports refused with 65 (the first one named on stderr). */
static long round_once(struct strbuf *docs, char **names, int n, int *refused)
{
	long events = 0;

	*refused = 0;
	for (int i = 0; i < n; i++) {
		struct extract_opts o = {.file = names[i], .source = names[i]};
		struct evlist l = EVLIST_INIT;
		struct itin_err err;

		itin_err_clear(&err);
		if (extract_report(docs[i].buf, docs[i].len, &o, &l, NULL,
				   &err) &&
		    !(*refused)++)
			fprintf(stderr, "extractbench: %s: %s\n", names[i],
				err.msg);
		events += (long)l.n;
		evlist_release(&l);
	}
	return events;
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 0, n = argc - 2;
	double best = 1e9, best_cpu = 1e9;
	struct strbuf *docs;
	long events = 0, loaded;
	int refused = 0;

	if (rounds < 1 || n < 1) {
		fprintf(stderr, "usage: extractbench ROUNDS FILE...\n");
		return 64;
	}
	docs = calloc((size_t)n, sizeof(*docs));
	for (int i = 0; docs && i < n; i++) {
		strbuf_init(&docs[i]);
		if (slurp(argv[i + 2], &docs[i])) {
			perror(argv[i + 2]);
			return 66;
		}
	}
	loaded = peak_kib();
	for (int r = 0; docs && r < rounds; r++) {
		double t0 = clock_s(CLOCK_MONOTONIC);
		double c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID);

		events = round_once(docs, argv + 2, n, &refused);
		if (clock_s(CLOCK_MONOTONIC) - t0 < best)
			best = clock_s(CLOCK_MONOTONIC) - t0;
		if (clock_s(CLOCK_PROCESS_CPUTIME_ID) - c0 < best_cpu)
			best_cpu = clock_s(CLOCK_PROCESS_CPUTIME_ID) - c0;
	}
	printf("%d %ld %d %.4f %.4f %ld %ld\n", n, events, refused, best,
	       best_cpu, loaded, peak_kib());
	for (int i = 0; docs && i < n; i++)
		strbuf_release(&docs[i]);
	free(docs);
	return 0;
}
