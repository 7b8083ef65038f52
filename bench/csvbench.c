/*
 * csvbench.c: CSV import throughput, for `make bench` (bench/csv.sh).
 *
 *   csvbench gen FILE N     write N rows of native-format CSV to FILE
 *   csvbench bare FILE      libcsv alone, default options, counting fields
 *   csvbench records FILE   itin's record reader (csvrec), counting fields
 *   csvbench piped FILE     the same on its own thread, fields counted on
 *                           the caller's (csvpipe: the import's transport)
 *   csvbench events FILE    itin's event reader into an evlist (the import)
 *
 * Each run prints one line: mode, bytes, seconds, MB/s (10^6 bytes),
 * fields or events, the process's peak RSS in KiB (getrusage), and the
 * CPU seconds of the timed part (steadier than the wall clock on a busy
 * machine), so run each mode in its own process. Files are read in 64 KiB pieces, as
 * the importer reads them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <csv.h>

#include "itin/csvevents.h"
#include "itin/csvpipe.h"
#include "itin/csvrec.h"
#include "itin/datetime.h"
#include "itin/evlist.h"
#include "itin/tz.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long peak_rss_kib(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/*
 * Rows like an office's itinerary: ten a day from 2020-01-01, one all-day
 * visit then timed events in six zones; a zone column on most rows, the
 * gazetteer's on the rest; quoted fields with commas, doubled quotes and
 * line breaks now and then.
 */
static int gen(const char *path, long n)
{
	static const char *const city[] = {"Brussels",	"Tokyo",  "New York",
					   "New Delhi", "Sydney", "Reykjavik"};
	static const char *const cc[] = {"BE", "JP", "US", "IN", "AU", "IS"};
	static const char *const zone[] = {
	    "Europe/Brussels", "Asia/Tokyo",	   "America/New_York",
	    "Asia/Kolkata",    "Australia/Sydney", "Atlantic/Reykjavik"};
	static const char *const type[] = {
	    "visit",	 "meeting", "conference", "interview", "press",
	    "reception", "call",    "other",	  "meeting",   "meeting"};
	FILE *f = fopen(path, "wb");
	char date[ITIN_WHEN_MAX];
	long i;

	if (!f) {
		perror(path);
		return 1;
	}
	fputs("id,type,title,start,end,tz,city,country,venue,participants,"
	      "organization,status,source,notes,tags\r\n",
	      f);
	for (i = 0; i < n; i++) {
		int slot = (int)(i % 10), k = (int)(i % 6), hh = 8 + slot;
		unsigned long h =
		    (unsigned long)i * 2654435761UL % 4294967296UL;

		date_format(18262 + i / 10, date);
		fprintf(f, "%08lx%08lx,%s,", (unsigned long)i, h, type[slot]);
		if (slot == 0) {
			fprintf(f,
				"Visit %ld,%s,,,%s,%s,,Person %ld (Minister); "
				"Person %ld,"
				",confirmed,,,bench; visit\r\n",
				i, date, city[k], cc[k], i % 997, i % 991);
			continue;
		}
		fprintf(f,
			"\"Event %ld, \"\"working\"\" "
			"session\",%sT%02d:00,%sT%02d:45,%s,"
			"%s,%s,Venue %ld,,",
			i, date, hh, date, hh, slot == 5 ? "" : zone[k],
			city[k], cc[k], i % 50);
		if (slot % 3 == 0)
			fprintf(f, "Organisation %ld", i % 113);
		fputs(",confirmed,https://example.org/e,", f);
		if (slot % 4 == 1)
			fprintf(f,
				"\"Generated event %ld\nfor the benchmark.\"",
				i);
		fputs(",\r\n", f);
	}
	if (fclose(f)) {
		perror(path);
		return 1;
	}
	return 0;
}

static size_t nfields;

static void count_field(void *s, size_t len, void *data)
{
	(void)s;
	(void)len;
	(void)data;
	nfields++;
}

static int bare(FILE *f)
{
	struct csv_parser p;
	char *buf = malloc(65536);
	size_t n;

	csv_init(&p, 0);
	while ((n = fread(buf, 1, 65536, f)) > 0)
		if (csv_parse(&p, buf, n, count_field, NULL, NULL) != n)
			return 1;
	csv_fini(&p, count_field, NULL, NULL);
	csv_free(&p);
	free(buf);
	return 0;
}

static int count_record(void *ctx, const struct csvio_record *rec,
			struct itin_err *err)
{
	(void)ctx;
	(void)err;
	nfields += rec->n;
	return 0;
}

int main(int argc, char **argv)
{
	struct itin_err err;
	struct evlist l = EVLIST_INIT;
	long bytes;
	double t0, t1, c0, c1;
	FILE *f;
	int rc = 0;

	if (argc == 4 && !strcmp(argv[1], "gen"))
		return gen(argv[2], atol(argv[3]));
	if (argc != 3) {
		fprintf(
		    stderr,
		    "usage: csvbench gen FILE N | bare|records|piped|events FILE\n");
		return 2;
	}
	f = fopen(argv[2], "rb");
	if (!f) {
		perror(argv[2]);
		return 1;
	}
	fseek(f, 0, SEEK_END);
	bytes = ftell(f);
	rewind(f);
	c0 = cpu_now();
	t0 = now();
	if (!strcmp(argv[1], "bare")) {
		rc = bare(f);
	} else if (!strcmp(argv[1], "records")) {
		rc = csvio_read_records_fp(f, argv[2], 0, count_record, NULL,
					   &err);
	} else if (!strcmp(argv[1], "piped")) {
		rc = csvio_read_records_fp_threaded(f, argv[2], 0, count_record,
						    NULL, &err);
	} else if (!strcmp(argv[1], "events")) {
		rc = csvio_read_events_fp(f, argv[2], 0, &l, NULL, NULL, NULL,
					  &err);
		nfields = l.n;
	} else {
		fprintf(stderr, "csvbench: unknown mode '%s'\n", argv[1]);
		return 2;
	}
	t1 = now();
	c1 = cpu_now();
	fclose(f);
	if (rc) {
		fprintf(stderr, "csvbench: %s: %s:%ld:%ld: %s\n", argv[1],
			err.file, err.line, err.col, err.msg);
		return 1;
	}
	printf("%s\t%ld\t%.3f\t%.1f\t%zu\t%ld\t%.3f\n", argv[1], bytes,
	       t1 - t0, (double)bytes / 1e6 / (t1 - t0), nfields,
	       peak_rss_kib(), c1 - c0);
	evlist_release(&l);
	tz_cache_free();
	return 0;
}
