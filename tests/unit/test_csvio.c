/* test_csvio.c: the CSV record reader, the event reader and the writer. */
#include "test.h"
#include "derived.h"

#include "itin/csvevents.h"
#include "itin/csvpipe.h"
#include "itin/csvrec.h"
#include "itin/evident.h"
#include "itin/datetime.h"
#include "itin/itinfmt.h"
#include "itin/tz.h"
#include "itin/typeguess.h"
#include "itin/xalloc.h"

/* ---- records as text: "L<line>:a|b|c" per record, \r \n visible ---- */

static int collect(void *ctx, const struct csvio_record *rec,
		   struct itin_err *err)
{
	struct strbuf *sb = ctx;
	size_t i, j;

	(void)err;
	strbuf_addf(sb, "L%ld:", rec->line);
	for (i = 0; i < rec->n; i++) {
		if (i)
			strbuf_addch(sb, '|');
		for (j = 0; j < rec->f[i].len; j++) {
			char c = rec->f[i].s[j];

			if (c == '\n')
				strbuf_addstr(sb, "\\n");
			else if (c == '\r')
				strbuf_addstr(sb, "\\r");
			else if (c == '\0')
				strbuf_addstr(sb, "\\0");
			else
				strbuf_addch(sb, c);
		}
	}
	if (rec->problem)
		strbuf_addf(sb, " !%ld:%ld %s", rec->problem->line,
			    rec->problem->col, rec->problem->msg);
	strbuf_addch(sb, '\n');
	return 0;
}

static char result[8192];

/* Records of text (fed at once, or in pieces of step bytes), or the error. */
static const char *records_step(const char *text, size_t len, char delim,
				size_t step)
{
	struct strbuf sb = STRBUF_INIT;
	struct itin_err err;
	struct csvio_reader *r = csvio_reader_new("t.csv", delim, collect, &sb);
	size_t off = 0;
	int rc = 0;

	while (off < len && !rc) {
		size_t n = step && len - off > step ? step : len - off;

		rc = csvio_reader_feed(r, text + off, n, &err);
		off += n;
	}
	if (!rc)
		rc = csvio_reader_finish(r, &err);
	if (rc) {
		char buf[1024];

		itin_err_format(&err, buf, sizeof(buf));
		strbuf_addf(&sb, "ERROR %d %s\n", err.status, buf);
	}
	csvio_reader_free(r);
	snprintf(result, sizeof(result), "%s", sb.buf);
	strbuf_release(&sb);
	return result;
}

/* collect(), and where each field starts. */
static int collect_all(void *ctx, const struct csvio_record *rec,
		       struct itin_err *err)
{
	struct strbuf *sb = ctx;
	size_t i;

	collect(ctx, rec, err);
	strbuf_addf(sb, "#%ld@", rec->index);
	for (i = 0; i <= rec->n; i++) {
		long line, col;

		csvio_field_pos(rec, i, &line, &col);
		strbuf_addf(sb, " %ld:%ld", line, col);
	}
	strbuf_addch(sb, '\n');
	return 0;
}

/* Records, positions and the error, read from a stream (threaded or not)
 * or from the buffer; the caller releases sb. */
enum how { FROM_BUFFER, FROM_STREAM, THREADED };

static void read_any(const char *text, size_t len, enum how how,
		     csvio_record_fn fn, struct strbuf *sb)
{
	struct itin_err err;
	int rc;

	if (how == FROM_BUFFER) {
		rc = csvio_read_records(text, len, "t.csv", 0, fn, sb, &err);
	} else {
		FILE *fp = len ? fmemopen((void *)text, len, "r")
			       : fopen("/dev/null", "r");

		if (!fp) {
			strbuf_addstr(sb, "cannot open the text as a stream");
			return;
		}
		rc = how == THREADED
			 ? csvio_read_records_fp_threaded(fp, "t.csv", 0, fn,
							  sb, &err)
			 : csvio_read_records_fp(fp, "t.csv", 0, fn, sb, &err);
		fclose(fp);
	}
	if (rc) {
		char buf[1024];

		itin_err_format(&err, buf, sizeof(buf));
		strbuf_addf(sb, "ERROR %d %s\n", err.status, buf);
	}
}

/* The threaded reader gives what the others give: records, positions,
 * problems, the error. */
static void check_threaded(const char *text, size_t len)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT, c = STRBUF_INIT;

	read_any(text, len, FROM_BUFFER, collect_all, &a);
	read_any(text, len, FROM_STREAM, collect_all, &b);
	read_any(text, len, THREADED, collect_all, &c);
	CHECK(!strcmp(a.buf, b.buf));
	CHECK(!strcmp(a.buf, c.buf));
	if (strcmp(a.buf, c.buf))
		printf("#   buffer:\n%.2000s\n#   threaded:\n%.2000s\n", a.buf,
		       c.buf);
	strbuf_release(&a);
	strbuf_release(&b);
	strbuf_release(&c);
}

static const char *records(const char *text)
{
	check_threaded(text, strlen(text));
	return records_step(text, strlen(text), 0, 0);
}

/* The same records whatever the pieces: byte by byte, 2, 3, 7 at a time. */
static void check_steps(const char *text)
{
	static char whole[8192];
	size_t steps[] = {1, 2, 3, 7}, i;

	snprintf(whole, sizeof(whole), "%s", records(text));
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		CHECK_STR(records_step(text, strlen(text), 0, steps[i]), whole);
}

TEST(simple_lf_and_crlf)
{
	CHECK_STR(records("a,b,c\n1,2,3\n"), "L1:a|b|c\nL2:1|2|3\n");
	CHECK_STR(records("a,b,c\r\n1,2,3\r\n"), "L1:a|b|c\nL2:1|2|3\n");
	CHECK_STR(records("a,b\r1,2\r3,4"), "L1:a|b\nL2:1|2\nL3:3|4\n");
	CHECK_STR(records("a,b\n1,2"), "L1:a|b\nL2:1|2\n");
	CHECK_STR(records(""), "");
	CHECK_STR(records("\n"), "");
	check_steps("a,b,c\r\n1,2,3\r\n\"x\r\ny\",2,3\r\n");
	check_steps("a,b\r1,2\r\r3,\"4\r5\"\r");
}

TEST(quoting)
{
	CHECK_STR(records("a,b\n\"x,y\",2\n"), "L1:a|b\nL2:x,y|2\n");
	CHECK_STR(records("a\n\"say \"\"hi\"\"\"\n"), "L1:a\nL2:say \"hi\"\n");
	CHECK_STR(records("a,b\n\"\",\"\"\n"), "L1:a|b\nL2:|\n");
	CHECK_STR(records("a,b\n1,\"line\r\nbreak\"\n2,3\n"),
		  "L1:a|b\nL2:1|line\\r\\nbreak\nL4:2|3\n");
	CHECK_STR(records("a,b\n1,\"lf\nonly\"\n"), "L1:a|b\nL2:1|lf\\nonly\n");
	CHECK_STR(records("a,b\n1,\"\"\"\"\n"), "L1:a|b\nL2:1|\"\n");
	/* Spaces are data; a quote inside an unquoted field is a character. */
	CHECK_STR(records("a,b,c\n1, \"two\" ,3\n"),
		  "L1:a|b|c\nL2:1| \"two\" |3\n");
	CHECK_STR(records("a,b\n3.5\" disk,x\n"), "L1:a|b\nL2:3.5\" disk|x\n");
	CHECK_STR(records("a,b\n  x  ,\ty\t\n"), "L1:a|b\nL2:  x  |\ty\t\n");
	/* Trailing empty fields, a record of empty fields. */
	CHECK_STR(records("a,b,c\n1,,\n,,\n"), "L1:a|b|c\nL2:1||\nL3:||\n");
	check_steps("a,b\n\"x,y\",\"say \"\"hi\"\"\"\n1,\"a\nb\nc\"\n");
}

TEST(blank_lines_and_line_numbers)
{
	CHECK_STR(records("\n\na,b\n\n1,2\n\n\n3,4\n\n"),
		  "L3:a|b\nL5:1|2\nL8:3|4\n");
	CHECK_STR(records("a\r\n\r\n\"x\r\n\r\ny\"\r\nz\r\n"),
		  "L1:a\nL3:x\\r\\n\\r\\ny\nL6:z\n");
	check_steps("\r\na,b\r\n\r\n1,\"2\r\n\r\n\"\r\n\r\n3,4\r\n");
}

TEST(bom)
{
	CHECK_STR(records("\xEF\xBB\xBFid,title\n1,x\n"),
		  "L1:id|title\nL2:1|x\n");
	CHECK_STR(records("\xEF\xBB\xBF"), "");
	/* Not a whole BOM: bytes of a record, which are not UTF-8. */
	CHECK_STR(records("\xEF\xBB"),
		  "L1:\xEF\xBB !1:1 invalid UTF-8 (byte 0xEF); the file looks "
		  "like Windows-1252: try --encoding cp1252\n");
	/* Only at the very start; fed in pieces too. */
	check_steps("\xEF\xBB\xBF"
		    "a;b\n1;2\n");
	CHECK_STR(records_step("\xEF\xBB\xBF"
			       "a;b\n1;2\n",
			       11, 0, 1),
		  "L1:a|b\nL2:1|2\n");
}

TEST(delimiter_detection)
{
	CHECK_STR(records("a;b;c\n1;2,5;3\n"), "L1:a|b|c\nL2:1|2,5|3\n");
	CHECK_STR(records("a\tb\n1,5\t2\n"), "L1:a|b\nL2:1,5|2\n");
	/* Quoted delimiters in the header do not count. */
	CHECK_STR(records("\"a,b,c\";d;e\n1;2;3\n"),
		  "L1:a,b,c|d|e\nL2:1|2|3\n");
	CHECK_STR(records("\"x\ny,z\";d\n1;2\n"), "L1:x\\ny,z|d\nL3:1|2\n");
	/* One column, or a tie: a comma. */
	CHECK_STR(records("title\nx;y\n"), "L1:title\nL2:x;y\n");
	CHECK_STR(records("a,b;c\n"), "L1:a|b;c\n");
	/* Given explicitly. */
	CHECK_STR(records_step("a,b;c\n", 6, ';', 0), "L1:a,b|c\n");
	check_steps("date;title;location\n03.03.2025;\"a;b\";Wien\n");
}

static int positions(void *ctx, const struct csvio_record *rec,
		     struct itin_err *err)
{
	struct strbuf *sb = ctx;
	size_t i;

	(void)err;
	for (i = 0; i <= rec->n; i++) {
		long line, col;

		csvio_field_pos(rec, i, &line, &col);
		strbuf_addf(sb, "%s%ld:%ld", i ? " " : "", line, col);
	}
	strbuf_addch(sb, '\n');
	return 0;
}

/* A callback that fails at record stop_at. */
struct failing {
	long seen, stop_at;
};

static int fail_at(void *ctx, const struct csvio_record *rec,
		   struct itin_err *err)
{
	struct failing *f = ctx;

	f->seen++;
	if (rec->index == f->stop_at)
		return itin_err_at(err, 65, "t.csv", rec->line, 1,
				   "refused record %ld", rec->index);
	return 0;
}

static void check_failing(const char *text, size_t len, long stop_at)
{
	struct failing a = {0, stop_at}, b = {0, stop_at};
	struct itin_err ea, eb;
	FILE *fp = fmemopen((void *)text, len, "r");
	int ra, rb;

	ra = csvio_read_records(text, len, "t.csv", 0, fail_at, &a, &ea);
	rb = csvio_read_records_fp_threaded(fp, "t.csv", 0, fail_at, &b, &eb);
	fclose(fp);
	CHECK_INT(rb, ra);
	CHECK_INT(b.seen, a.seen);
	CHECK_INT(eb.status, ea.status);
	CHECK_STR(eb.msg, ea.msg);
	CHECK_INT(eb.line, ea.line);
	CHECK_INT(eb.col, ea.col);
}

/*
 * Thousands of records, so the threaded reader fills its ring of batches
 * and waits: every record, position and problem arrives in order, a
 * failing callback stops it wherever it fails, and an error in the file
 * comes after every record before it.
 */
TEST(threaded_reader)
{
	struct strbuf sb = STRBUF_INIT;
	long i, n = 30000;

	strbuf_addstr(&sb, "id,title,notes\r\n");
	for (i = 1; i <= n; i++) {
		if (i == 12345)
			strbuf_addstr(&sb, "bad,\xff\xfe,x\r\n");
		else if (i == 20000) {
			/* One field larger than a whole batch. */
			strbuf_addstr(&sb, "big,\"");
			for (long k = 0; k < 70000; k++)
				strbuf_addstr(&sb, "long ");
			strbuf_addstr(&sb, "\",y\n");
		} else if (i % 7 == 0)
			strbuf_addf(&sb, "%ld,\"a, \"\"b\"\"\r\nc\",\r\n", i);
		else
			strbuf_addf(&sb, "%ld,Event %ld,note é %ld\n", i, i, i);
	}
	check_threaded(sb.buf, sb.len);
	check_failing(sb.buf, sb.len, 1);
	check_failing(sb.buf, sb.len, 2);
	check_failing(sb.buf, sb.len, 9000);
	check_failing(sb.buf, sb.len, n + 1);
	check_failing(sb.buf, sb.len, n + 2); /* never: reads to the end */
	strbuf_addstr(&sb, "last,\"never closed\r\nmore\r\n");
	check_threaded(sb.buf, sb.len);
	strbuf_release(&sb);
}

/* Where each field starts (and the record ends), in lines and code points. */
TEST(field_positions)
{
	struct strbuf sb = STRBUF_INIT;
	struct itin_err err;
	const char *csv =
	    "a,\"b\r\nc\",d\r\n\"\",é,\"x\"\"\ny\",\r\n\r\nß\tq,z\r";

	CHECK_INT(csvio_read_records(csv, strlen(csv), "t.csv", ',', positions,
				     &sb, &err),
		  0);
	CHECK_STR(sb.buf,
		  "1:1 1:3 2:4 2:5\n3:1 3:4 3:6 4:4 4:4\n6:1 6:5 6:6\n");
	strbuf_release(&sb);
}

TEST(structural_errors)
{
	/* An unterminated quote is reported where the quoted field began. */
	CHECK_STR(records("a,b\r\n1,\"never closed\r\n2,3\r\n4,5\r\n"),
		  "L1:a|b\nERROR 65 t.csv:2:3: unterminated quoted field (no "
		  "closing '\"' "
		  "before the end of the file)\n");
	CHECK_STR(
	    records("a,b\n1,2\n\n  x,\"é\nü\n"),
	    "L1:a|b\nL2:1|2\nERROR 65 t.csv:4:5: unterminated quoted field (no "
	    "closing '\"' before the end of the file)\n");
	CHECK_STR(records("a,b\r\n\"abc\"def,2\r\n"),
		  "L1:a|b\nERROR 65 t.csv:2:6: text after the closing quote of "
		  "a field "
		  "(a quote inside a quoted field is written \"\")\n");
	CHECK_STR(records("a,b\n1,\"x\ny\" ,2\n"),
		  "L1:a|b\nERROR 65 t.csv:3:3: text after the closing quote of "
		  "a field "
		  "(a quote inside a quoted field is written \"\")\n");
	/* Bad bytes: the record is given with the problem, at the byte. */
	CHECK_STR(records("a,b\n1,Z\xfcrich\n"),
		  "L1:a|b\nL2:1|Z\xfcrich !2:4 invalid UTF-8 (byte 0xFC); the "
		  "file looks like Windows-1252: try --encoding cp1252\n");
	CHECK_STR(records_step("a,b\n\"\xc3\xa9\n\",x\0y\n", 14, 0, 0),
		  "L1:a|b\nL2:\xc3\xa9\\n|x\\0y !3:4 NUL byte in input\n");
}

/* All the records of text, in pieces of step bytes, into sb. */
static void read_all(const char *text, size_t len, char delim, size_t step,
		     bool exact, struct strbuf *sb)
{
	struct itin_err err;
	struct csvio_reader *r = csvio_reader_new("t.csv", delim, collect, sb);
	size_t off = 0;
	int rc = 0;

	if (exact)
		csvio_reader_exact_only(r);
	while (off < len && !rc) {
		size_t n = step && len - off > step ? step : len - off;

		rc = csvio_reader_feed(r, text + off, n, &err);
		off += n;
	}
	if (!rc)
		rc = csvio_reader_finish(r, &err);
	if (rc) {
		char buf[1024];

		itin_err_format(&err, buf, sizeof(buf));
		strbuf_addf(sb, "ERROR %d %s\n", err.status, buf);
	}
	csvio_reader_free(r);
}

/*
 * The fast parser (libcsv's trimming, checked by edge_space()) must read
 * every input exactly as the exact parser alone does: records, fields,
 * lines, errors and their columns. Random texts over the characters that
 * matter, fed whole and in small pieces.
 */
TEST(fast_parser_agrees_with_exact)
{
	/* The second has no quote: its lines are split without libcsv
	 * (csvrecparse.c's split_line()), NULs and bad bytes included. */
	static const char with_quotes[] = "ab  \t\t,,;\"\"\"\n\n\r\xc3\xa9";
	static const char no_quotes[] = "ab  \t\t,,;;\n\n\r\xc3\xa9\xff\0";
	struct strbuf fast = STRBUF_INIT, exact = STRBUF_INIT;
	char text[64];
	unsigned seed = 12345;
	int i, bad = 0;

	for (i = 0; i < 40000 && bad < 3; i++) {
		size_t len, j, steps[] = {0, 1, 3};
		char delim = i % 3 == 0 ? 0 : i % 3 == 1 ? ',' : '\t';
		const char *alphabet = i % 2 ? no_quotes : with_quotes;
		size_t nalpha = i % 2 ? sizeof(no_quotes) : sizeof(with_quotes) - 1;

		seed = seed * 1103515245 + 12345;
		len = (seed >> 16) % sizeof(text);
		for (j = 0; j < len; j++) {
			seed = seed * 1103515245 + 12345;
			text[j] = alphabet[(seed >> 16) % nalpha];
		}
		for (j = 0; j < 3; j++) {
			strbuf_reset(&fast);
			strbuf_reset(&exact);
			read_all(text, len, delim, steps[j], false, &fast);
			read_all(text, len, delim, steps[j], true, &exact);
			if (strcmp(fast.buf, exact.buf)) {
				printf("# input %d (step %zu): '%.*s'\n# fast:\n%s"
				       "# exact:\n%s",
				       i, steps[j], (int)len, text, fast.buf,
				       exact.buf);
				bad++;
				break;
			}
		}
	}
	CHECK_INT(bad, 0);
	strbuf_release(&fast);
	strbuf_release(&exact);
}

TEST(limits)
{
	size_t big = CSVIO_MAX_FIELD + 10, i;
	char *s = malloc(big + 64);
	const char *r;

	/* One field over 1 MiB, unquoted and quoted. */
	memcpy(s, "a,b\n1,", 6);
	memset(s + 6, 'x', big);
	s[6 + big] = '\n';
	r = records_step(s, 7 + big, 0, 0);
	CHECK_STR(r, "L1:a|b\nERROR 65 t.csv:2:3: field too long (1048586 "
		     "bytes; limit 1 MiB)\n");
	s[6] = '"';
	r = records_step(s, 6 + big, 0, 65536);
	CHECK(strstr(r, "ERROR 65 t.csv:2:3: field too long") != NULL);
	/* More than 10000 fields. */
	for (i = 0; i < 10001; i++)
		s[i] = ',';
	s[10001] = '\n';
	r = records_step(s, 10002, 0, 0);
	CHECK_STR(r, "ERROR 65 t.csv:1:10001: too many fields in a record "
		     "(limit 10000)\n");
	free(s);
}

/* ---- events ---- */

static int nwarn;
static char warnings[4096];

static void warn(void *ctx, const struct itin_err *w)
{
	char buf[1024];
	size_t n = strlen(warnings);

	(void)ctx;
	nwarn++;
	itin_err_format(w, buf, sizeof(buf));
	snprintf(warnings + n, sizeof(warnings) - n, "%s\n", buf);
}

static const struct itin_warner warner = {warn, NULL};

static char evout[16384];

/* Events of a CSV text in canonical .itin form, or "ERROR ..." */
static const char *events_flags(const char *text, unsigned flags)
{
	struct evlist l = EVLIST_INIT;
	struct strbuf sb = STRBUF_INIT;
	struct itin_err err;

	static char first[sizeof(evout)], first_warnings[sizeof(warnings)];
	size_t len = strlen(text);
	int pass;

	/* From the buffer, then from a stream (the record reader on its own
	 * thread): the same events, warnings and errors. */
	for (pass = 0; pass < 2; pass++) {
		int rc;

		nwarn = 0;
		warnings[0] = '\0';
		if (pass == 0) {
			rc = csvio_read_events(text, len, "t.csv", flags, &l,
					       &warner, NULL, &err);
		} else {
			FILE *fp = len ? fmemopen((void *)text, len, "r")
				       : fopen("/dev/null", "r");

			CHECK(fp != NULL);
			if (!fp)
				break;
			rc = csvio_read_events_fp(fp, "t.csv", flags, &l,
						  &warner, NULL, NULL, &err);
			fclose(fp);
		}
		if (rc) {
			char buf[1024];

			itin_err_format(&err, buf, sizeof(buf));
			snprintf(evout, sizeof(evout), "ERROR %d %s",
				 err.status, buf);
		} else {
			test_derived(&l);
			itinfmt_write(&sb, &l);
			snprintf(evout, sizeof(evout), "%s", sb.buf);
		}
		evlist_release(&l);
		strbuf_release(&sb);
		if (pass == 0) {
			memcpy(first, evout, sizeof(first));
			memcpy(first_warnings, warnings, sizeof(first_warnings));
		} else {
			CHECK_STR(evout, first);
			CHECK_STR(warnings, first_warnings);
		}
	}
	return evout;
}

static const char *events(const char *text)
{
	return events_flags(text, 0);
}

TEST(native_columns_any_order)
{
	CHECK_STR(events("Title,START,End,TZ,type,id\n"
			 "Talks,2023-01-30 "
			 "10:00,2023-01-30T11:30,Asia/Seoul,meeting,m1\n"),
		  "2023-01-30 10:00-11:30     meeting    Talks\n"
		  "    id: m1\n"
		  "    tz: Asia/Seoul\n");
	CHECK_INT(nwarn, 0);
	CHECK_STR(
	    events(
		"id,type,title,start,end,tz,city,country,venue,participants,"
		"organization,status,source,notes,tags\n"
		"f1,travel,Flight to Tokyo,2023-01-30T18:30,2023-01-30T20:45 "
		"Asia/Tokyo,"
		"Asia/Seoul,Seoul,KR,Gimpo,,,tentative,https://x.example,"
		"\"one\ntwo\",a; b\\; c\n"),
	    "2023-01-30 18:30..2023-01-30 20:45  travel     Flight to Tokyo @ "
	    "Gimpo, Seoul, KR\n"
	    "    id: f1\n"
	    "    tz: Asia/Seoul\n"
	    "    end-tz: Asia/Tokyo\n"
	    "    status: tentative\n"
	    "    tags: a; b\\; c\n"
	    "    source: https://x.example\n"
	    "    note: one\n"
	    "    note: two\n");
}

/* The end's own zone rides in the end field: "WHEN ZONE". */
TEST(end_zone)
{
	static const char *const want =
	    "2023-01-31 22:00..2023-02-01 01:30  travel     F\n"
	    "    id: f\n"
	    "    tz: Asia/Seoul\n"
	    "    end-tz: Asia/Tokyo\n";

	CHECK_STR(events("id,type,title,start,end,tz\n"
			 "f,travel,F,2023-01-31T22:00,2023-02-01T01:30 "
			 "Asia/Tokyo,Asia/Seoul\n"),
		  want);
	/* The same with a space in the time and spaces around. */
	CHECK_STR(events("id,type,title,start,end,tz\n"
			 "f,travel,F,2023-01-31 22:00,  2023-02-01 01:30  "
			 "asia/tokyo ,Asia/Seoul\n"),
		  want);
	/* An end_tz column, as older files and other tools have it. */
	CHECK_STR(events("id,type,title,start,end,tz,end_tz\n"
			 "f,travel,F,2023-01-31T22:00,2023-02-01T01:30,"
			 "Asia/Seoul,Asia/Tokyo\n"),
		  want);
	CHECK_STR(events("id,type,title,start,end,tz,End-TZ\n"
			 "f,travel,F,2023-01-31T22:00,2023-02-01T01:30 "
			 "Asia/Tokyo,Asia/Seoul,Asia/Tokyo\n"),
		  want);
	CHECK_STR(events("id,type,title,start,end,tz,end_tz\n"
			 "f,travel,F,2023-01-31T22:00,2023-02-01T01:30 "
			 "Asia/Tokyo,Asia/Seoul,Europe/Paris\n"),
		  "ERROR 65 t.csv:2:68: end zone 'Europe/Paris' is not the "
		  "one the end gives ('Asia/Tokyo')");
	/* The zone alone: an end zone and no end. */
	CHECK_STR(events("id,type,title,start,end,tz\n"
			 "f,travel,F,2023-01-31T22:00,Asia/Tokyo,Asia/Seoul\n"),
		  "2023-01-31 22:00           travel     F\n"
		  "    id: f\n"
		  "    tz: Asia/Seoul\n"
		  "    end-tz: Asia/Tokyo\n");
	CHECK_STR(events("id,type,title,start,end,tz\n"
			 "f,travel,F,2023-01-31T22:00,UTC,Asia/Seoul\n"),
		  "2023-01-31 22:00           travel     F\n"
		  "    id: f\n"
		  "    tz: Asia/Seoul\n"
		  "    end-tz: UTC\n");
	/* Not zones: AM/PM, a word that names no zone, a bad zone. */
	CHECK_STR(events("title,start,end,tz\n"
			 "F,1/31/2023 10:00 AM,1/31/2023 2:00 PM,Asia/Seoul\n"),
		  "2023-01-31 10:00-14:00     other      F\n"
		  "    id: (derived)\n"
		  "    tz: Asia/Seoul\n");
	CHECK_STR(events("title,start,end,tz\n"
			 "F,2023-01-31T10:00,TBD,Asia/Seoul\n"),
		  "ERROR 65 t.csv:2:20: invalid date 'TBD' (expected "
		  "YYYY-MM-DD, YYYY/MM/DD, DD/MM/YYYY or MM/DD/YYYY, "
		  "DD.MM.YYYY or DD-MM-YYYY)");
	CHECK_STR(events("title,start,end,tz\n"
			 "F,2023-01-31T10:00,2023-01-31T12:00 Asia/Tokio,"
			 "Asia/Seoul\n"),
		  "ERROR 65 t.csv:2:20: unknown time zone 'Asia/Tokio' (did "
		  "you mean 'Asia/Tokyo'?)");
	/* An end before the start, read in the end's zone. */
	CHECK_STR(events("title,start,end,tz\n"
			 "F,2023-01-31T22:00,2023-01-31T21:30 Asia/Tokyo,"
			 "Asia/Seoul\n"),
		  "ERROR 65 t.csv:2:20: end '2023-01-31 21:30' (Asia/Tokyo) "
		  "is before start '2023-01-31 22:00' (Asia/Seoul)");
}

/* Every end-zone form goes out and comes back unchanged. */
TEST(end_zone_round_trip)
{
	static const char *const text =
	    "2023-01-31 22:00..2023-02-01 01:30  travel     A\n"
	    "    id: a\n"
	    "    tz: Asia/Seoul\n"
	    "    end-tz: Asia/Tokyo\n"
	    "2023-01-31 22:00           travel     B\n"
	    "    id: b\n"
	    "    tz: Asia/Seoul\n"
	    "    end-tz: Asia/Tokyo\n"
	    "2023-01-31 22:00-23:00     travel     C\n"
	    "    id: c\n"
	    "    tz: floating\n"
	    "2023-01-31 22:00..2023-01-31 23:00  travel     D\n"
	    "    id: d\n"
	    "    tz: Asia/Seoul\n"
	    "    end-tz: Asia/Seoul\n";
	struct evlist l = EVLIST_INIT, l2 = EVLIST_INIT;
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT, t = STRBUF_INIT;
	struct itin_err err;

	CHECK_INT(itinfmt_parse(text, strlen(text), "t.itin", &l, NULL, &err),
		  0);
	csvio_write(&a, &l, 0);
	CHECK_STR(a.buf, "id,type,title,start,end,tz,city,country,venue,"
			 "participants,organization,status,source,notes,"
			 "tags\r\n"
			 "a,travel,A,2023-01-31T22:00,2023-02-01T01:30 "
			 "Asia/Tokyo,Asia/Seoul,,,,,,confirmed,,,\r\n"
			 "b,travel,B,2023-01-31T22:00,Asia/Tokyo,Asia/Seoul,"
			 ",,,,,confirmed,,,\r\n"
			 "c,travel,C,2023-01-31T22:00,2023-01-31T23:00,"
			 "floating,,,,,,confirmed,,,\r\n"
			 "d,travel,D,2023-01-31T22:00,2023-01-31T23:00 "
			 "Asia/Seoul,Asia/Seoul,,,,,,confirmed,,,\r\n");
	CHECK_INT(csvio_read_events(a.buf, a.len, "t.csv", 0, &l2, NULL, NULL,
				    &err),
		  0);
	csvio_write(&b, &l2, 0);
	CHECK_STR(b.buf, a.buf);
	itinfmt_write(&t, &l2);
	CHECK_STR(t.buf, text);
	evlist_release(&l);
	evlist_release(&l2);
	strbuf_release(&a);
	strbuf_release(&b);
	strbuf_release(&t);
}

TEST(header_problems)
{
	CHECK_STR(events("subjectx,start\nx,2023-01-01\n"),
		  "ERROR 65 t.csv:1:1: missing column 'title'");
	CHECK_STR(events("\n\ntitle,end\nx,2023-01-01\n"),
		  "ERROR 65 t.csv:3:1: missing column 'start'");
	CHECK_STR(
	    events("title,start,Colour,Private,,mood\nx,2023-01-01,red,,,\n"),
	    "2023-01-01                 other      x\n"
	    "    id: (derived)\n");
	CHECK_INT(nwarn, 1);
	/* Private is Google's and Outlook's: known, and nothing to keep. */
	CHECK_STR(warnings, "t.csv:1:1: ignoring 2 unknown columns: 'Colour', "
			    "'mood'\n");
	CHECK_STR(events("title,start,Subject\nx,2023-01-01,y\n"),
		  "ERROR 65 t.csv:1:13: duplicate column 'Subject' (the same "
		  "as 'title')");
	/* Empty file, header only: nothing, no error. */
	CHECK_STR(events(""), "");
	CHECK_STR(events("title,start\r\n"), "");
}

TEST(google_calendar)
{
	const char *csv =
	    "Subject,Start Date,Start Time,End Date,End Time,All Day Event,"
	    "Description,Location,Private\r\n"
	    "Meeting with Prime Minister Kishida,01/31/2023,06:00 "
	    "PM,01/31/2023,"
	    "07:00 PM,False,Bilateral,\"Hiroshima, Japan\",False\r\n"
	    "Visit to the Republic of Korea,01/29/2023,,01/30/2023,,True,,"
	    "\"Seoul, South Korea\",True\r\n"
	    "Press conference,2023-07-12,4:00 PM,,4:45 PM,False,,"
	    "\"LITEXPO, Vilnius, Lithuania\",False\r\n"
	    "Breakfast,7/1/2023,12:30 AM,,12:45 AM,,,Singapore,\r\n";

	CHECK_STR(
	    events(csv),
	    "2023-01-31 18:00-19:00     meeting    Meeting with Prime Minister "
	    "Kishida @ Hiroshima, JP\n"
	    "    id: (derived)\n"
	    "    tz: Asia/Tokyo\n"
	    "    note: Bilateral\n"
	    "2023-01-29..2023-01-30     visit      Visit to the Republic of "
	    "Korea @ Seoul, KR\n"
	    "    id: (derived)\n"
	    "2023-07-12 16:00-16:45     press      Press conference @ LITEXPO, "
	    "Vilnius, LT\n"
	    "    id: (derived)\n"
	    "    tz: Europe/Vilnius\n"
	    "2023-07-01 00:30-00:45     reception  Breakfast @ Singapore, SG\n"
	    "    id: (derived)\n"
	    "    tz: Asia/Singapore\n");
	/* Every column of Google's export is known. */
	CHECK_STR(warnings, "");
}

TEST(outlook)
{
	const char *csv = "\"Subject\",\"Start Date\",\"Start Time\",\"End "
			  "Date\",\"End Time\","
			  "\"All day event\",\"Reminder on/off\",\"Reminder "
			  "Date\",\"Reminder Time\","
			  "\"Meeting Organizer\",\"Required "
			  "Attendees\",\"Optional Attendees\","
			  "\"Meeting Resources\",\"Billing "
			  "Information\",\"Categories\",\"Description\","
			  "\"Location\",\"Mileage\",\"Priority\",\"Private\","
			  "\"Sensitivity\",\"Show time as\"\r\n"
			  "\"NATO Summit\",\"7/11/2023\",\"12:00:00 "
			  "AM\",\"7/13/2023\",\"12:00:00 AM\","
			  "\"True\",\"False\",,,\"Jens Stoltenberg\",\"Jens "
			  "Stoltenberg;Joe Biden\","
			  "\"Fumio Kishida\",,,\"Summit; NATO\",\"Heads of "
			  "State\",\"Vilnius, Lithuania\","
			  ",\"Normal\",\"False\",\"Normal\",\"3\"\r\n"
			  "\"Working dinner\",\"7/11/2023\",\"8:30:00 "
			  "PM\",\"7/11/2023\",\"10:00:00 PM\","
			  "\"False\",\"True\",\"7/11/2023\",\"8:15:00 "
			  "PM\",,,,,,,,\"Vilnius\",,\"Normal\","
			  "\"False\",\"Normal\",\"2\"\r\n";

	CHECK_STR(
	    events(csv),
	    "2023-07-11..2023-07-12     summit     NATO Summit @ Vilnius, LT\n"
	    "    id: (derived)\n"
	    "    with: Jens Stoltenberg (organizer); Joe Biden; Fumio Kishida\n"
	    "    tags: Summit; NATO\n"
	    "    note: Heads of State\n"
	    "2023-07-11 20:30-22:00     reception  Working dinner @ Vilnius, LT\n"
	    "    id: (derived)\n"
	    "    tz: Europe/Vilnius\n");
	/* Outlook's extra columns are known: no warning. */
	CHECK_INT(nwarn, 0);
	/* An all-day event of one day, Outlook style: midnight to midnight. */
	CHECK_STR(
	    events("Subject,Start Date,Start Time,End Date,End Time,All day "
		   "event\n"
		   "Holiday,5/1/2023,12:00:00 AM,5/2/2023,12:00:00 AM,True\n"
		   "Other,5/30/2023,12:00:00 AM,5/31/2023,12:00:00 AM,True\n"),
	    "2023-05-01                 other      Holiday\n"
	    "    id: (derived)\n"
	    "2023-05-30                 other      Other\n"
	    "    id: (derived)\n");
}

/* events_flags() without the id lines: what these tests check is the
 * dates, and derived ids change with the identity rules. */
static const char *events_n(const char *text, unsigned flags)
{
	static char buf[sizeof(evout)];
	const char *s = events_flags(text, flags);
	char *o = buf;

	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) + 1 : strlen(s);

		if (strncmp(s, "    id: ", 8)) {
			memcpy(o, s, n);
			o += n;
		}
		s += n;
	}
	*o = '\0';
	return buf;
}

/* The order of slash and dot dates (csvevents.h): given, or the file's. */
TEST(date_order)
{
	const char *amb = "title,start\na,05/07/2023\nb,06/07/2023\n";
	char buf[512];

	/* Nothing decides: refused at the first ambiguous date, with the
	 * options that choose, even when bad rows may be skipped. */
	CHECK_STR(events_n(amb, 0),
		  "ERROR 65 t.csv:2:3: ambiguous date '05/07/2023': day-first "
		  "or month-first? no date in the file has a field over 12 to "
		  "tell; use --date-order dmy or --date-order mdy");
	CHECK_STR(events_n(amb, CSVIO_SKIP_INVALID),
		  "ERROR 65 t.csv:2:3: ambiguous date '05/07/2023': day-first "
		  "or month-first? no date in the file has a field over 12 to "
		  "tell; use --date-order dmy or --date-order mdy");
	/* Given. */
	CHECK_STR(events_n(amb, CSVIO_DMY),
		  "2023-07-05                 other      a\n"
		  "2023-07-06                 other      b\n");
	CHECK_STR(events_n(amb, CSVIO_MDY),
		  "2023-05-07                 other      a\n"
		  "2023-06-07                 other      b\n");
	CHECK_STR(events_n(amb, CSVIO_YMD),
		  "ERROR 65 t.csv:2:3: invalid date '05/07/2023': the year "
		  "must come first (--date-order ymd)");
	CHECK_STR(events_n("title,start\na,2023/07/05\n", CSVIO_YMD),
		  "2023-07-05                 other      a\n");
	/* Given, a date against it is refused as impossible, naming the
	 * order in force; decided by the file, naming the line. */
	CHECK_STR(events_n("title,start\na,30/07/2023\n", CSVIO_MDY),
		  "ERROR 65 t.csv:2:3: invalid date '30/07/2023': month must "
		  "be 01 to 12 (read month-first: --date-order mdy)");
	CHECK_STR(events_n("title,start\na,07/30/2023\n", CSVIO_DMY),
		  "ERROR 65 t.csv:2:3: invalid date '07/30/2023': month must "
		  "be 01 to 12 (read day-first: --date-order dmy)");
	CHECK_STR(events_n("title,start\na,30/07/2023\nb,13/13/2023\n", 0),
		  "ERROR 65 t.csv:3:3: invalid date '13/13/2023': month must "
		  "be 01 to 12 (read day-first, as line 2 has '30/07/2023')");
	CHECK_STR(events_n("title,start\na,03.07.2023\nb,31.13.2023\n", 0),
		  "ERROR 65 t.csv:3:3: invalid date '31.13.2023': month must "
		  "be 01 to 12 (read day-first, as dotted dates are)");
	/* A later day over 12 decides for the rows before it, which keep
	 * their place in the file; an end date decides too. */
	CHECK_STR(events_n("title,start,end\na,05/07/2023,\nb,06/07/2023,"
			   "30/07/2023\nc,2023-08-01,\nd,01/08/2023,\n",
			   0),
		  "2023-07-05                 other      a\n"
		  "2023-07-06..2023-07-30     other      b\n"
		  "2023-08-01                 other      c\n"
		  "2023-08-01                 other      d\n");
	/* The same for a row that waited and turns out bad. */
	CHECK_STR(events_n("title,start,end\na,05/07/2023,04/07/2023\n"
			   "b,30/07/2023,\n",
			   0),
		  "ERROR 65 t.csv:2:14: end '2023-07-04' is before start "
		  "'2023-07-05'");
	/* Month-first evidence. */
	CHECK_STR(events_n("title,start\na,05/07/2023\nb,07/30/2023\n", 0),
		  "2023-05-07                 other      a\n"
		  "2023-07-30                 other      b\n");
	/* Both: refused, naming both lines, even with skipping. */
	snprintf(buf, sizeof(buf),
		 "title,start\na,30/07/2023\nb,01/01/2023\nc,07/30/2023\n");
	CHECK_STR(events_n(buf, CSVIO_SKIP_INVALID),
		  "ERROR 65 t.csv:4:3: date '07/30/2023' is month-first, but "
		  "line 2 has '30/07/2023', day-first; give --date-order dmy "
		  "or mdy");
	/* Dotted dates are day-first by convention; one that cannot be is
	 * refused, naming the one read that way. */
	CHECK_STR(events_n("title,start\na,05.07.2023\n", 0),
		  "2023-07-05                 other      a\n");
	CHECK_STR(events_n("title,start\na,05.07.2023\nb,07.30.2023\n", 0),
		  "ERROR 65 t.csv:3:3: date '07.30.2023' is month-first, but "
		  "line 2 has '05.07.2023', read day-first as dotted dates "
		  "are; give --date-order dmy or mdy");
	/* Dashes with the year last go with the slashes. */
	CHECK_STR(events_n("title,start\na,05-07-2023\nb,30/07/2023\n"
			   "c,2023-7-6\n",
			   0),
		  "2023-07-05                 other      a\n"
		  "2023-07-30                 other      b\n"
		  "2023-07-06                 other      c\n");
	/* ISO is ISO, and the same numbers twice are no question. */
	CHECK_STR(events_n("title,start\na,2023-05-07\nb,07/07/2023\n", 0),
		  "2023-05-07                 other      a\n"
		  "2023-07-07                 other      b\n");
}

TEST(dates_and_times)
{
	const char *h = "title,date,time,end time,tz\n";
	char buf[512];

	snprintf(buf, sizeof(buf),
		 "%sa,12/31/2023,12:00 AM,12:59:59 AM,UTC\n"
		 "b,31.12.2023,12:00 PM,1:05 "
		 "pm,UTC\nc,2023-12-31,23:59,23:59:30,UTC\n"
		 "d,1/2/2024,9:05 a.m.,11:00 P.M.,UTC\n",
		 h);
	CHECK_STR(events(buf), "2023-12-31 00:00-00:59:59  other      a\n    "
			       "id: (derived)\n    tz: UTC\n"
			       "2023-12-31 12:00-13:05     other      b\n    "
			       "id: (derived)\n    tz: UTC\n"
			       "2023-12-31 23:59-23:59:30  other      c\n    "
			       "id: (derived)\n    tz: UTC\n"
			       "2024-01-02 09:05-23:00     other      d\n    "
			       "id: (derived)\n    tz: UTC\n");
	snprintf(buf, sizeof(buf), "%sa,02/30/2023,10:00,,UTC\n", h);
	CHECK_STR(events(buf), "ERROR 65 t.csv:2:3: invalid date '02/30/2023': "
			       "February 2023 has 28 days");
	snprintf(buf, sizeof(buf), "%sa,2023-01-01,13:00 PM,,UTC\n", h);
	CHECK_STR(events(buf), "ERROR 65 t.csv:2:14: invalid time '13:00 PM' "
			       "(expected HH:MM, HH:MM:SS or 2:00 PM)");
	/* A day over 12 makes the file day-first, and dates that are too
	 * big either way are still refused. */
	snprintf(buf, sizeof(buf), "%sa,13/01/2023,10:00,,UTC\n", h);
	CHECK_STR(events(buf), "2023-01-13 10:00           other      a\n"
			       "    id: (derived)\n    tz: UTC\n");
	snprintf(buf, sizeof(buf), "%sa,13/13/2023,10:00,,UTC\n", h);
	CHECK_STR(events(buf), "ERROR 65 t.csv:2:3: invalid date '13/13/2023': "
			       "month must be 01 to 12");
	snprintf(buf, sizeof(buf), "%sa,2023-01-01,10:00,09:00,UTC\n", h);
	CHECK_STR(events(buf), "ERROR 65 t.csv:2:20: end '2023-01-01 09:00' is "
			       "before start '2023-01-01 10:00'");
	CHECK_STR(events("title,start\nx,tomorrow\n"),
		  "ERROR 65 t.csv:2:3: invalid date 'tomorrow' (expected "
		  "YYYY-MM-DD, YYYY/MM/DD, DD/MM/YYYY or MM/DD/YYYY, "
		  "DD.MM.YYYY or DD-MM-YYYY)");
	CHECK_STR(events("title,start,end\nx,2023-01-01 10:00,2023-01-02\n"),
		  "ERROR 65 t.csv:2:20: the end needs a time, like the start");
	CHECK_STR(
	    events("title,start,end\nx,2023-01-01,2023-01-02 10:00\n"),
	    "ERROR 65 t.csv:2:14: the end has a time but the start is a date");
	CHECK_STR(events("title,start,end\nx,2023-01-03,2023-01-02\n"),
		  "ERROR 65 t.csv:2:14: end '2023-01-02' is before start "
		  "'2023-01-03'");
	CHECK_STR(events("title,start,tz\nx,2023-03-26 03:30,Europe/Vilnius\n"),
		  "ERROR 65 t.csv:2:3: time 2023-03-26 03:30 does not exist in "
		  "Europe/Vilnius "
		  "(clocks jump from 03:00 to 04:00)");
}

TEST(types_participants_places)
{
	CHECK_STR(
	    events("title,start,type\nx,2023-01-01,Summit\ny,2023-01-02,\n"
		   "Phone call with Biden,2023-01-03,\n"),
	    "2023-01-01                 summit     x\n    id: "
	    "(derived)\n"
	    "2023-01-02                 other      y\n    id: "
	    "(derived)\n"
	    "2023-01-03                 call       Phone call with Biden\n    "
	    "id: (derived)\n");
	CHECK_STR(events("title,start,type\nx,2023-01-01,party\n"),
		  "ERROR 65 t.csv:2:14: unknown type 'party' (expected one of: "
		  "visit, meeting, "
		  "summit, conference, interview, press, travel, reception, "
		  "call, other)");
	CHECK_STR(events("title,start,participants\n"
			 "x,2023-01-01,\"Yoon Suk-yeol (President); Park Jin;  "
			 "A\\; B (C \\(acting\\)) \"\n"),
		  "2023-01-01                 other      x\n"
		  "    id: (derived)\n"
		  "    with: Yoon Suk-yeol (President); Park Jin; A\\; B (C "
		  "\\(acting\\))\n");
	/* Zones: tz column, city, country, unknown place (floating, warning).
	 */
	CHECK_STR(events("title,start,city,country,tz\n"
			 "a,2023-01-01 10:00,Seoul,,\n"
			 "b,2023-01-01 10:00,,Japan,\n"
			 "c,2023-01-01 10:00,Atlantis,,\n"
			 "d,2023-01-01 10:00,Seoul,KR,floating\n"
			 "e,2023-01-01 10:00,Seoul,KR,Europe/Paris\n"),
		  "2023-01-01 10:00           other      a @ Seoul\n    id: "
		  "(derived)\n    tz: Asia/Seoul\n"
		  "2023-01-01 10:00           other      b @ JP\n    id: "
		  "(derived)\n    tz: Asia/Tokyo\n"
		  "2023-01-01 10:00           other      c @ Atlantis\n    id: "
		  "(derived)\n    tz: floating\n"
		  "2023-01-01 10:00           other      d @ Seoul, KR\n    "
		  "id: (derived)\n    tz: floating\n"
		  "2023-01-01 10:00           other      e @ Seoul, KR\n    "
		  "id: (derived)\n    tz: Europe/Paris\n");
	CHECK_STR(warnings, "t.csv:4:20: no time zone known for 'Atlantis'; "
			    "time is floating\n");
	CHECK_STR(events("title,start,tz\nx,2023-01-01 10:00,Europe/Pari\n"),
		  "ERROR 65 t.csv:2:20: unknown time zone 'Europe/Pari' (did "
		  "you mean 'Europe/Paris'?)");
	CHECK_STR(events("title,start,country\nx,2023-01-01,Atlantis\n"),
		  "ERROR 65 t.csv:2:14: unknown country 'Atlantis'");
}

/* Rows and ids: the same row twice is one event, rows that only look
 * alike are two, a uid column is the uid; the header says what a file
 * carries. */
TEST(identity)
{
	struct evlist l = EVLIST_INIT;
	struct csvio_stats st;
	struct itin_err err;
	const char *csv;

	CHECK_STR(events("title,start,end,notes\n"
			 "Talks,2023-01-30 10:00,2023-01-30 11:00,first\n"
			 "Talks,2023-01-30 10:00,2023-01-30 11:00,first\n"),
		  "2023-01-30 10:00-11:00     meeting    Talks\n"
		  "    id: (derived)\n"
		  "    tz: floating\n"
		  "    note: first\n");
	CHECK_STR(warnings, "t.csv:3:1: row is the same event as line 2; read once\n");
	csv = "title,start,end,city,country,participants,notes\n"
	      "Talks,2023-01-30 10:00,2023-01-30 11:00,Seoul,KR,A (x),one\n"
	      "Talks,2023-01-30 10:00,2023-01-30 12:00,Seoul,KR,B (y),two\n";
	CHECK_INT(csvio_read_events(csv, strlen(csv), "t.csv", 0, &l, &warner,
				    &st, &err), 0);
	CHECK_INT(l.n, 2);
	if (l.n == 2)
		CHECK(strcmp(l.v[0]->id, l.v[1]->id) != 0);
	CHECK_INT(st.carried, EVF_TITLE | EVF_WHEN | EVF_TZ | EVF_CITY |
				  EVF_COUNTRY | EVF_WITH | EVF_NOTES);
	evlist_release(&l);
	CHECK_STR(events("title,start,uid\nx,2023-01-01,abc@example.com\n"),
		  "2023-01-01                 other      x\n"
		  "    id: (derived)\n"
		  "    uid: abc@example.com\n");
	/* Outlook's columns: a place, no type, organisation or status. */
	csv = "Subject,Start Date,Start Time,Location,Description\n"
	      "x,1/31/2023,10:00 AM,Seoul,\n";
	CHECK_INT(csvio_read_events(csv, strlen(csv), "t.csv", 0, &l, &warner,
				    &st, &err), 0);
	CHECK_INT(st.carried, EVF_TITLE | EVF_WHEN | EVF_TZ | EVF_VENUE |
				  EVF_CITY | EVF_COUNTRY | EVF_NOTES);
	evlist_release(&l);
}

TEST(errors_point_at_the_file)
{
	/* A multi-line quoted field, then an error on a later row. */
	CHECK_STR(events("title,notes,start\r\n"
			 "a,\"line 1\r\nline 2\r\nline 3\",2023-01-01\r\n"
			 "b,\"x\",2023-02-30\r\n"),
		  "ERROR 65 t.csv:5:7: invalid date '2023-02-30': February "
		  "2023 has 28 days");
	CHECK_STR(
	    events("title,start,notes\nab,2023-01-01,\"\xc3\xa9t\xc3\n\"\n"),
	    "ERROR 65 t.csv:2:18: invalid UTF-8 (byte 0xC3)");
	CHECK_STR(events("title,start,id\na,2023-01-01,x1\nb,2023-01-02,x1\n"),
		  "ERROR 65 t.csv:3:14: duplicate id 'x1' (first at line 2)");
	CHECK_STR(events("title,start\n,2023-01-01\n"),
		  "ERROR 65 t.csv:2:1: missing title");
	CHECK_STR(events("title,start\na,2023-01-01,,\nb,2023-01-01,,x\n"),
		  "ERROR 65 t.csv:3:15: field 4 has no column in the header (2 "
		  "columns)");
	/* Rows of empty fields are skipped. */
	CHECK_STR(events("title,start\n,\n  , \t\na,2023-01-01\n"),
		  "2023-01-01                 other      a\n    id: "
		  "(derived)\n");
}

TEST(skip_invalid)
{
	struct evlist l = EVLIST_INIT;
	struct csvio_stats st;
	struct itin_err err;
	const char *csv = "title,start,type\r\n"
			  "good,2023-01-01,visit\r\n"
			  "bad date,2023-13-01,visit\r\n"
			  "bad type,2023-01-02,party\r\n"
			  "also good,2023-01-04,\r\n";

	nwarn = 0;
	warnings[0] = '\0';
	CHECK_INT(csvio_read_events(csv, strlen(csv), "t.csv",
				    CSVIO_SKIP_INVALID, &l, &warner, &st, &err),
		  0);
	CHECK_INT(l.n, 2);
	CHECK_INT(st.rows, 4);
	CHECK_INT(st.events, 2);
	CHECK_INT(st.skipped, 2);
	CHECK_STR(warnings, "t.csv:3:10: invalid date '2023-13-01': month must "
			    "be 01 to 12; row skipped\n"
			    "t.csv:4:21: unknown type 'party' (expected one "
			    "of: visit, meeting, summit, "
			    "conference, interview, press, travel, reception, "
			    "call, other); row skipped\n");
	evlist_release(&l);
	/* Without it, the first bad row stops everything. */
	CHECK_STR(events(csv), "ERROR 65 t.csv:3:10: invalid date "
			       "'2023-13-01': month must be 01 to 12");
	/* Bytes in another encoding stop it even so: they are in every
	 * row, and skipping them would import nothing and succeed. */
	CHECK_STR(events_flags("title,start\na,2023-01-01\nb \xe9,2023-01-02\n",
			       CSVIO_SKIP_INVALID),
		  "ERROR 65 t.csv:3:3: invalid UTF-8 (byte 0xE9); the file "
		  "looks like Windows-1252: try --encoding cp1252");
	/* Structural problems stop it even so. */
	CHECK_STR(events_flags("title,start\na,2023-01-01\n\"b,2023\n",
			       CSVIO_SKIP_INVALID),
		  "ERROR 65 t.csv:3:1: unterminated quoted field (no closing "
		  "'\"' before the "
		  "end of the file)");
}

/* ---- writer ---- */

static const char *field_out(const char *s, unsigned flags)
{
	static char buf[256];
	struct strbuf sb = STRBUF_INIT;

	csvio_write_field(&sb, s, strlen(s), flags);
	snprintf(buf, sizeof(buf), "%s", sb.buf);
	strbuf_release(&sb);
	return buf;
}

TEST(writer_quoting_and_neutralisation)
{
	CHECK_STR(field_out("plain text", 0), "plain text");
	CHECK_STR(field_out("a,b", 0), "\"a,b\"");
	CHECK_STR(field_out("say \"hi\"", 0), "\"say \"\"hi\"\"\"");
	CHECK_STR(field_out("two\nlines", 0), "\"two\nlines\"");
	CHECK_STR(field_out("cr\r", 0), "\"cr\r\"");
	CHECK_STR(field_out(" spaces ", 0), " spaces ");
	CHECK_STR(field_out("a;b\tc", 0), "a;b\tc");
	CHECK_STR(field_out("=SUM(A1)", 0), "'=SUM(A1)");
	CHECK_STR(field_out("+1", 0), "'+1");
	CHECK_STR(field_out("-1", 0), "'-1");
	CHECK_STR(field_out("@x", 0), "'@x");
	CHECK_STR(field_out("\tx", 0), "'\tx");
	CHECK_STR(field_out("\rx", 0), "\"'\rx\"");
	CHECK_STR(field_out("=HYPERLINK(\"x\",\"y\")", 0),
		  "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
	CHECK_STR(field_out("'=x", 0), "''=x");
	CHECK_STR(field_out("''", 0), "'''");
	CHECK_STR(field_out("'hello", 0), "'hello");
	CHECK_STR(field_out("'", 0), "'");
	CHECK_STR(field_out("=SUM(A1)", CSVIO_RAW), "=SUM(A1)");
	CHECK_STR(field_out("'=x", CSVIO_RAW), "'=x");
	CHECK_STR(field_out("", 0), "");
}

static struct event *tricky_event(void)
{
	struct event *ev = event_new();

	event_set_str(ev, &ev->id, "tricky-1");
	ev->type = EV_PRESS;
	event_set_str(ev, &ev->title, "=cmd|' /C calc'!A0");
	ev->start = days_from_civil(2023, 7, 12) * ITIN_DAY + 16 * 3600;
	ev->has_end = true;
	ev->end = ev->start + 45 * 60;
	event_set_str(ev, &ev->tz, "Europe/Vilnius");
	event_set_str(ev, &ev->city, "'Vilnius");
	event_set_str(ev, &ev->venue, "-LITEXPO, \"Hall 1\"");
	event_set_str(ev, &ev->org, "@NATO");
	event_set_str(ev, &ev->source, "'+x");
	event_set_str(ev, &ev->notes, "\tfirst\nsecond, \"quoted\"\n");
	ev->status = EV_CANCELLED;
	memcpy(ev->country, "LT", 3);
	event_add_participant(ev, "A; B (x)", "role (acting); y\\z");
	event_add_participant(ev, " Spacey ", NULL);
	event_add_participant(ev, "=Evil", "-r");
	event_add_tag(ev, "a;b");
	event_add_tag(ev, " c\\d ");
	return ev;
}

/* No raw control character but tab and LF in a cell; back exactly. */
TEST(control_characters)
{
	struct evlist l = EVLIST_INIT, l2 = EVLIST_INIT;
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT, ia = STRBUF_INIT,
		      ib = STRBUF_INIT;
	struct event *ev = event_new();
	struct itin_err err;
	const char *line;

	event_set_str(ev, &ev->id, "c1");
	event_set_str(ev, &ev->title, "\x1b[31mred\x1b[0m \\x1b stays, C:\\docs too");
	ev->start = days_from_civil(2023, 3, 1) * ITIN_DAY;
	ev->allday = true;
	event_set_str(ev, &ev->notes, "line one\r\nline two\x7f\ttab");
	event_set_str(ev, &ev->source, "\r");
	evlist_add(&l, ev);
	CHECK_INT(event_check(ev, NULL, &err), 0);
	csvio_write(&a, &l, 0);
	line = strchr(a.buf, '\n') + 1;
	CHECK_STR(line, "c1,other,\"\\x1b[31mred\\x1b[0m \\x5cx1b stays, "
			"C:\\docs too\",2023-03-01,,,,,,,,confirmed,\\x0d,"
			"\"line one\\x0d\nline two\\x7f\ttab\",\r\n");
	CHECK_INT(csvio_read_events(a.buf, a.len, "t.csv", 0, &l2, NULL, NULL,
				    &err),
		  0);
	csvio_write(&b, &l2, 0);
	CHECK_STR(b.buf, a.buf);
	itinfmt_write(&ia, &l);
	itinfmt_write(&ib, &l2);
	CHECK_STR(ib.buf, ia.buf);
	/* A spreadsheet's own CRLF in a cell is a line break. */
	evlist_release(&l2);
	line = "title,start,notes\r\nx,2023-03-01,\"a\r\nb \\x41\"\r\n";
	CHECK_INT(csvio_read_events(line, strlen(line), "t.csv", 0, &l2, NULL,
				    NULL, &err),
		  0);
	CHECK_STR(l2.n ? l2.v[0]->notes : "", "a\nb \\x41");
	evlist_release(&l);
	evlist_release(&l2);
	strbuf_release(&a);
	strbuf_release(&b);
	strbuf_release(&ia);
	strbuf_release(&ib);
}

TEST(writer_round_trip)
{
	struct evlist l = EVLIST_INIT, l2 = EVLIST_INIT;
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT, ia = STRBUF_INIT,
		      ib = STRBUF_INIT;
	struct itin_err err;
	unsigned modes[] = {0, CSVIO_RAW}, m;

	evlist_add(&l, tricky_event());
	CHECK_INT(event_check(l.v[0], NULL, &err), 0);
	for (m = 0; m < 2; m++) {
		strbuf_reset(&a);
		strbuf_reset(&b);
		strbuf_reset(&ia);
		strbuf_reset(&ib);
		evlist_release(&l2);
		csvio_write(&a, &l, modes[m]);
		CHECK_INT(csvio_read_events(a.buf, a.len, "t.csv", modes[m],
					    &l2, NULL, NULL, &err),
			  0);
		CHECK_INT(l2.n, 1);
		csvio_write(&b, &l2, modes[m]);
		CHECK_STR(b.buf, a.buf);
		itinfmt_write(&ia, &l);
		itinfmt_write(&ib, &l2);
		CHECK_STR(ib.buf, ia.buf);
	}
	strbuf_reset(&a);
	csvio_write(&a, &l, 0);
	CHECK_STR(
	    a.buf,
	    "id,type,title,start,end,tz,city,country,venue,participants,"
	    "organization,"
	    "status,source,notes,tags\r\n"
	    "tricky-1,press,'=cmd|' /C "
	    "calc'!A0,2023-07-12T16:00,2023-07-12T16:45,"
	    "Europe/Vilnius,'Vilnius,LT,\"'-LITEXPO, \"\"Hall 1\"\"\","
	    "A\\; B \\(x\\) (role \\(acting\\)\\; y\\\\z); \\sSpacey\\s; =Evil "
	    "(-r),"
	    "'@NATO,cancelled,''+x,\"'\tfirst\nsecond, \"\"quoted\"\"\n\","
	    "a\\;b; \\sc\\\\d\\s\r\n");
	evlist_release(&l);
	evlist_release(&l2);
	strbuf_release(&a);
	strbuf_release(&b);
	strbuf_release(&ia);
	strbuf_release(&ib);
}

/* The shipped CSV sample is the .itin sample written as CSV. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;

	if (!f)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	return strbuf_detach(&sb, len);
}

TEST(sample_round_trip)
{
	size_t ilen, clen;
	char *itin = slurp("samples/nato-2023.itin", &ilen);
	char *csv = slurp("samples/nato-2023.csv", &clen);
	struct evlist l = EVLIST_INIT, l2 = EVLIST_INIT;
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	struct itin_err err;

	if (!itin || !csv) {
		printf("# samples not found from here; skipped\n");
		free(itin);
		free(csv);
		return;
	}
	CHECK_INT(itinfmt_parse(itin, ilen, "nato-2023.itin", &l, NULL, &err),
		  0);
	csvio_write(&a, &l, 0);
	CHECK(a.len == clen && !memcmp(a.buf, csv, clen));
	nwarn = 0;
	CHECK_INT(csvio_read_events(csv, clen, "nato-2023.csv", 0, &l2, &warner,
				    NULL, &err),
		  0);
	CHECK_INT(nwarn, 0);
	itinfmt_write(&b, &l2);
	CHECK_STR(b.buf, itin);
	evlist_release(&l);
	evlist_release(&l2);
	strbuf_release(&a);
	strbuf_release(&b);
	free(itin);
	free(csv);
}

TEST(type_guessing)
{
	CHECK_INT(typeguess("NATO Summit"), EV_SUMMIT);
	CHECK_INT(typeguess("Official visit to the Republic of Korea"),
		  EV_VISIT);
	CHECK_INT(typeguess("Bilateral talks with Japan"), EV_MEETING);
	CHECK_INT(typeguess("Meeting with President Yoon"), EV_MEETING);
	CHECK_INT(typeguess("Interview with Yonhap News Agency"), EV_INTERVIEW);
	CHECK_INT(typeguess("Closing press conference"), EV_PRESS);
	CHECK_INT(typeguess("Press conference at the NATO Summit"), EV_PRESS);
	CHECK_INT(typeguess("Joint press statement"), EV_PRESS);
	CHECK_INT(typeguess("State banquet"), EV_RECEPTION);
	CHECK_INT(typeguess("Working dinner for summit leaders"), EV_RECEPTION);
	CHECK_INT(typeguess("Phone call with Chancellor Scholz"), EV_CALL);
	CHECK_INT(typeguess("Video-call with Kyiv"), EV_CALL);
	CHECK_INT(typeguess("Courtesy call on the Emperor"), EV_MEETING);
	CHECK_INT(typeguess("Flight to Brussels"), EV_TRAVEL);
	CHECK_INT(typeguess("Departure from Haneda"), EV_TRAVEL);
	CHECK_INT(typeguess("Visit to the Department of State"), EV_VISIT);
	CHECK_INT(typeguess("Speech at Keio University"), EV_CONFERENCE);
	CHECK_INT(typeguess("Munich Security Conference"), EV_CONFERENCE);
	CHECK_INT(typeguess("Talks on pressure campaign"), EV_MEETING);
	CHECK_INT(typeguess("Café da manhã"), EV_OTHER);
	CHECK_INT(typeguess(""), EV_OTHER);
	CHECK_INT(typeguess(NULL), EV_OTHER);
}

int main(void)
{
	RUN(simple_lf_and_crlf);
	RUN(quoting);
	RUN(blank_lines_and_line_numbers);
	RUN(bom);
	RUN(delimiter_detection);
	RUN(field_positions);
	RUN(threaded_reader);
	RUN(structural_errors);
	RUN(fast_parser_agrees_with_exact);
	RUN(limits);
	RUN(native_columns_any_order);
	RUN(end_zone);
	RUN(end_zone_round_trip);
	RUN(header_problems);
	RUN(google_calendar);
	RUN(outlook);
	RUN(date_order);
	RUN(dates_and_times);
	RUN(types_participants_places);
	RUN(errors_point_at_the_file);
	RUN(skip_invalid);
	RUN(writer_quoting_and_neutralisation);
	RUN(control_characters);
	RUN(writer_round_trip);
	RUN(sample_round_trip);
	RUN(type_guessing);
	RUN(identity);
	tz_cache_free();
	return test_done();
}
