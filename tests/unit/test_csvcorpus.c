/*
 * test_csvcorpus.c: the CSV record reader against the shared corpus
 * (shared/corpus/csv: crafted, csvkit, csv-spectrum), whose expected
 * records come from Python's csv module (shared/tools/csv-dump).
 *
 * The corpus is found at $ITIN_CORPUS, else ../shared/corpus from the
 * folder the tests run in (the repository root); without it the test
 * reports one skipped line.
 *
 * Per file, from its folder's EXPECTED.tsv:
 *  - parsed by Python: the same records, blank lines aside (Python gives
 *    [] for them, we skip them), the delimiter detected as csv-dump was
 *    told; a NUL must also be reported as a problem of its record;
 *  - read by Python only in another encoding (latin-1, UTF-16): we read
 *    UTF-8 only, so a record must report invalid UTF-8;
 *  - refused by Python (unterminated quote, text after a closing quote,
 *    not UTF-8): we refuse it too, by an error or a record's problem.
 */
#include "test.h"

#include <stdint.h>

#include "itin/csvrec.h"
#include "itin/strbuf.h"

#define FS "\x1f" /* between fields */
#define RS "\x1e" /* after each record */

/* ---- a small JSON reader: arrays of arrays of strings, or of objects ---- */

struct json {
	const char *p, *e;
	int bad;
};

static void ws(struct json *j)
{
	while (j->p < j->e && (*j->p == ' ' || *j->p == '\n' || *j->p == '\r' ||
			       *j->p == '\t'))
		j->p++;
}

static int hex4(struct json *j)
{
	int v = 0, i;

	for (i = 0; i < 4; i++) {
		char c = j->p < j->e ? *j->p++ : 0;

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			j->bad = 1;
	}
	return v;
}

static void put_utf8(struct strbuf *sb, uint32_t cp)
{
	if (cp < 0x80) {
		strbuf_addch(sb, (char)cp);
	} else if (cp < 0x800) {
		strbuf_addch(sb, (char)(0xC0 | (cp >> 6)));
		strbuf_addch(sb, (char)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		strbuf_addch(sb, (char)(0xE0 | (cp >> 12)));
		strbuf_addch(sb, (char)(0x80 | ((cp >> 6) & 0x3F)));
		strbuf_addch(sb, (char)(0x80 | (cp & 0x3F)));
	} else {
		strbuf_addch(sb, (char)(0xF0 | (cp >> 18)));
		strbuf_addch(sb, (char)(0x80 | ((cp >> 12) & 0x3F)));
		strbuf_addch(sb, (char)(0x80 | ((cp >> 6) & 0x3F)));
		strbuf_addch(sb, (char)(0x80 | (cp & 0x3F)));
	}
}

/* A JSON string at j->p, appended to sb. */
static void string(struct json *j, struct strbuf *sb)
{
	ws(j);
	if (j->p >= j->e || *j->p != '"') {
		j->bad = 1;
		return;
	}
	j->p++;
	while (j->p < j->e && *j->p != '"') {
		char c = *j->p++;
		uint32_t cp;

		if (c != '\\') {
			strbuf_addch(sb, c);
			continue;
		}
		c = j->p < j->e ? *j->p++ : 0;
		switch (c) {
		case 'n':
			strbuf_addch(sb, '\n');
			break;
		case 'r':
			strbuf_addch(sb, '\r');
			break;
		case 't':
			strbuf_addch(sb, '\t');
			break;
		case 'b':
			strbuf_addch(sb, '\b');
			break;
		case 'f':
			strbuf_addch(sb, '\f');
			break;
		case 'u':
			cp = (uint32_t)hex4(j);
			if (cp >= 0xD800 && cp < 0xDC00 && j->e - j->p >= 6 &&
			    j->p[0] == '\\' && j->p[1] == 'u') {
				uint32_t lo;

				j->p += 2;
				lo = (uint32_t)hex4(j);
				cp = 0x10000 + ((cp - 0xD800) << 10) +
				     (lo - 0xDC00);
			}
			put_utf8(sb, cp);
			break;
		default:
			strbuf_addch(sb, c);
			break;
		}
	}
	if (j->p >= j->e)
		j->bad = 1;
	else
		j->p++;
}

static int expect(struct json *j, char c)
{
	ws(j);
	if (j->p < j->e && *j->p == c) {
		j->p++;
		return 1;
	}
	return 0;
}

/*
 * The records of an expected JSON file as "f1 FS f2 ... RS". Objects (as
 * csv-spectrum has) give their values, the header their keys first. Empty
 * records ([] for blank lines) are left out.
 */
static int json_records(const char *text, size_t len, struct strbuf *out)
{
	struct json j = {text, text + len, 0};
	int first_object = 1;

	if (!expect(&j, '['))
		return -1;
	if (expect(&j, ']'))
		return 0;
	do {
		struct strbuf keys = STRBUF_INIT, vals = STRBUF_INIT;
		int n = 0;

		if (expect(&j, '[')) {
			if (!expect(&j, ']')) {
				do {
					if (n++)
						strbuf_addstr(out, FS);
					string(&j, out);
				} while (expect(&j, ','));
				if (!expect(&j, ']'))
					j.bad = 1;
			}
			if (n)
				strbuf_addstr(out, RS);
		} else if (expect(&j, '{')) {
			do {
				if (n++) {
					strbuf_addstr(&keys, FS);
					strbuf_addstr(&vals, FS);
				}
				string(&j, &keys);
				if (!expect(&j, ':'))
					j.bad = 1;
				string(&j, &vals);
			} while (expect(&j, ','));
			if (!expect(&j, '}'))
				j.bad = 1;
			if (first_object)
				strbuf_addf(out, "%s" RS, keys.buf);
			first_object = 0;
			strbuf_addf(out, "%s" RS, vals.buf);
		} else {
			j.bad = 1;
		}
		strbuf_release(&keys);
		strbuf_release(&vals);
	} while (!j.bad && expect(&j, ','));
	if (!expect(&j, ']'))
		j.bad = 1;
	return j.bad ? -1 : 0;
}

/* ---- our side ---- */

struct got {
	struct strbuf recs;
	int problems;
	int nul_problems;
};

static int collect(void *ctx, const struct csvio_record *rec,
		   struct itin_err *err)
{
	struct got *g = ctx;
	size_t i;

	(void)err;
	for (i = 0; i < rec->n; i++) {
		if (i)
			strbuf_addstr(&g->recs, FS);
		strbuf_add(&g->recs, rec->f[i].s, rec->f[i].len);
	}
	strbuf_addstr(&g->recs, RS);
	if (rec->problem) {
		g->problems++;
		if (strstr(rec->problem->msg, "NUL"))
			g->nul_problems++;
	}
	return 0;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb = STRBUF_INIT;
	char buf[8192];
	size_t n;

	if (!f)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	return strbuf_detach(&sb, len);
}

/* Read path with the record reader: 0, or -1 with err. */
static int read_file(const char *path, struct got *g, char *delim,
		     struct itin_err *err)
{
	FILE *f = fopen(path, "rb");
	struct csvio_reader *r;
	char buf[1000]; /* odd pieces: records cross reads */
	size_t n;
	int rc = 0;

	if (!f)
		return -1;
	r = csvio_reader_new(path, 0, collect, g);
	while (!rc && (n = fread(buf, 1, sizeof(buf), f)) > 0)
		rc = csvio_reader_feed(r, buf, n, err);
	if (!rc)
		rc = csvio_reader_finish(r, err);
	*delim = csvio_reader_delim(r);
	csvio_reader_free(r);
	fclose(f);
	return rc;
}

/* The first difference, for the failure message. */
static void show_diff(const char *want, const char *got)
{
	size_t i = 0;

	while (want[i] && want[i] == got[i])
		i++;
	printf(
	    "#   records differ at byte %zu: want \"%.40s\", got \"%.40s\"\n",
	    i, want + i, got + i);
}

static void report(const char *name)
{
	if (test_failed_now)
		test_fail_count++;
	else
		test_pass_count++;
	printf("%s %d - %s\n", test_failed_now ? "not ok" : "ok",
	       test_pass_count + test_fail_count, name);
	fflush(stdout);
	test_failed_now = 0;
}

/* One file: what Python made of it (python: "ok" or "error: ..."),
 * the csv-dump options, the expected JSON (NULL if none). */
static void check_file(const char *dir, const char *file, const char *python,
		       const char *opts, const char *json_path)
{
	char path[4096], name[512], delim = 0;
	struct got g = {STRBUF_INIT, 0, 0};
	struct itin_err err;
	int rc;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	snprintf(name, sizeof(name), "corpus %s/%s",
		 strrchr(dir, '/') ? strrchr(dir, '/') + 1 : dir, file);
	rc = read_file(path, &g, &delim, &err);
	if (strncmp(python, "ok", 2) || strstr(opts, "--encoding")) {
		/* Refused by Python, or not UTF-8: refused here too. */
		if (rc == 0 && g.problems == 0) {
			printf("#   %s: accepted, but Python %s (%s)\n", file,
			       python, opts);
			test_failed_now = 1;
		}
	} else if (rc) {
		char buf[1024];

		itin_err_format(&err, buf, sizeof(buf));
		printf("#   %s: %s\n", file, buf);
		test_failed_now = 1;
	} else {
		size_t len;
		char *json = json_path ? slurp(json_path, &len) : NULL;
		struct strbuf want = STRBUF_INIT;

		if (!json || json_records(json, len, &want)) {
			printf("#   %s: cannot read %s\n", file,
			       json_path ? json_path : "(none)");
			test_failed_now = 1;
		} else if (want.len != g.recs.len ||
			   memcmp(want.buf, g.recs.buf, want.len)) {
			show_diff(want.buf, g.recs.buf);
			test_failed_now = 1;
		}
		if (strstr(opts, "--delimiter ;") && delim != ';') {
			printf("#   %s: delimiter '%c', want ';'\n", file,
			       delim);
			test_failed_now = 1;
		}
		if (strstr(opts, "--delimiter tab") && delim != '\t') {
			printf("#   %s: delimiter '%c', want tab\n", file,
			       delim);
			test_failed_now = 1;
		}
		/* A NUL is kept in the field but reported; nothing else is. */
		if (g.problems != g.nul_problems ||
		    (!!memchr(g.recs.buf, '\0', g.recs.len) !=
		     !!g.nul_problems)) {
			printf("#   %s: %d problems, %d about NUL\n", file,
			       g.problems, g.nul_problems);
			test_failed_now = 1;
		}
		strbuf_release(&want);
		free(json);
	}
	strbuf_release(&g.recs);
	report(name);
}

/* Split a TSV line in place into at most max fields. */
static int split_tab(char *line, char **f, int max)
{
	int n = 0;

	while (n < max) {
		f[n++] = line;
		line = strchr(line, '\t');
		if (!line)
			break;
		*line++ = '\0';
	}
	return n;
}

/* crafted/ and csvkit/: file rfc4180 options python records counts note */
static int run_folder(const char *dir)
{
	char path[4096];
	size_t len;
	char *tsv, *line, *save = NULL;
	int first = 1, n = 0;

	snprintf(path, sizeof(path), "%s/EXPECTED.tsv", dir);
	tsv = slurp(path, &len);
	if (!tsv)
		return 0;
	for (line = strtok_r(tsv, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *f[8], json[4096];

		if (first) {
			first = 0;
			continue;
		}
		if (split_tab(line, f, 8) < 4)
			continue;
		snprintf(json, sizeof(json), "%s/expected/%s.json", dir, f[0]);
		check_file(dir, f[0], f[3], f[2], json);
		n++;
	}
	free(tsv);
	return n;
}

/* csv-spectrum/: file expected_json match-or-DIFFERS */
static int run_spectrum(const char *dir)
{
	char path[4096];
	size_t len;
	char *tsv, *line, *save = NULL;
	int first = 1, n = 0;

	snprintf(path, sizeof(path), "%s/EXPECTED.tsv", dir);
	tsv = slurp(path, &len);
	if (!tsv)
		return 0;
	for (line = strtok_r(tsv, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *f[4], json[4096];

		if (first) {
			first = 0;
			continue;
		}
		if (split_tab(line, f, 4) < 3 || strcmp(f[2], "match"))
			continue; /* upstream's own JSON is wrong there */
		snprintf(json, sizeof(json), "%s/%s", dir, f[1]);
		check_file(dir, f[0], "ok", "-", json);
		n++;
	}
	free(tsv);
	return n;
}

int main(void)
{
	const char *root = getenv("ITIN_CORPUS");
	char dir[2048];
	int n = 0;

	if (!root || !*root)
		root = "../shared/corpus";
	if (strlen(root) > 1024) {
		printf("not ok 1 - ITIN_CORPUS is too long\n");
		return 1;
	}
	snprintf(dir, sizeof(dir), "%s/csv/crafted", root);
	n += run_folder(dir);
	snprintf(dir, sizeof(dir), "%s/csv/csvkit", root);
	n += run_folder(dir);
	snprintf(dir, sizeof(dir), "%s/csv/csv-spectrum", root);
	n += run_spectrum(dir);
	if (!n)
		printf("ok 1 - csv corpus # skip: not found at %s\n", root);
	return test_done();
}
