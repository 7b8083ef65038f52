/*
 * test_outsink.c: output that streams (outsink.h): what is written, when,
 * and what a failed write leaves; the writers' begin/event/end calls give
 * the bytes of the whole-list writers whatever the block size; the
 * hand-made dates and numbers are printf's.
 */
#include "test.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <dirent.h>
#include <sys/wait.h>
#include <unistd.h>

#include "itin/datefmt.h"
#include "itin/datetime.h"
#include "itin/fsutil.h"
#include "itin/icalio.h"
#include "itin/itinfmt.h"
#include "itin/json.h"
#include "itin/outsink.h"
#include "itin/tz.h"
#include "itin/xalloc.h"

/* A write function that records each call and fails from call fail_at
 * on (0: never) with ENOSPC. */
struct recorder {
	struct strbuf got;
	int calls, fail_at;
	size_t largest;
};

static int record(void *ctx, const void *data, size_t len)
{
	struct recorder *r = ctx;

	r->calls++;
	if (r->fail_at && r->calls >= r->fail_at) {
		errno = ENOSPC;
		return -1;
	}
	if (len > r->largest)
		r->largest = len;
	strbuf_add(&r->got, data, len);
	return 0;
}

/* Appended records stay in memory until a block is full, then go out
 * whole and in order; what is under a block waits for the flush. */
TEST(blocks)
{
	struct recorder r = {STRBUF_INIT, 0, 0, 0};
	struct outsink s;
	struct strbuf want = STRBUF_INIT;

	outsink_init(&s, record, &r);
	s.block = 100;
	for (int i = 0; i < 1000; i++) {
		size_t before = want.len;

		strbuf_addf(&s.buf, "record %d\n", i);
		strbuf_addf(&want, "record %d\n", i);
		CHECK_INT(outsink_check(&s), 0);
		/* Never more than a block and the record that crossed it. */
		CHECK(s.buf.len < 100 + (want.len - before));
	}
	CHECK(r.calls > 10);
	CHECK(r.largest < 120);
	CHECK_INT(r.got.len + s.buf.len, want.len);
	CHECK_INT(outsink_flush(&s), 0);
	CHECK_INT(s.buf.len, 0);
	CHECK_STR(r.got.buf, want.buf);
	CHECK_INT(outsink_flush(&s), 0); /* nothing left: no call */
	outsink_release(&s);
	strbuf_release(&want);
	strbuf_release(&r.got);
}

/* A write that fails: its errno is kept, nothing more is written or
 * kept in memory, and every later check and flush says so. */
TEST(failing_write)
{
	struct recorder r = {STRBUF_INIT, 0, 3, 0};
	struct outsink s;
	int i, failed_at = -1;

	outsink_init(&s, record, &r);
	s.block = 64;
	for (i = 0; i < 100 && failed_at < 0; i++) {
		strbuf_addstr(&s.buf, "0123456789abcdef0123456789abcdef\n");
		if (outsink_check(&s))
			failed_at = i;
	}
	CHECK(failed_at > 0);
	CHECK_INT(s.error, ENOSPC);
	CHECK_INT(r.calls, 3);
	CHECK_INT(r.got.len, 2 * 66);
	CHECK_INT(s.buf.len, 0);
	strbuf_addstr(&s.buf, "more");
	CHECK_INT(outsink_check(&s), -1);
	CHECK_INT(s.buf.len, 0);
	CHECK_INT(outsink_flush(&s), -1);
	CHECK_INT(r.calls, 3); /* never called again */
	outsink_release(&s);
	strbuf_release(&r.got);
}

/* To a file descriptor: a file gets every byte; a pipe whose reader has
 * gone fails with EPIPE (SIGPIPE ignored, as a caller may). */
TEST(fd_write)
{
	char path[] = "/tmp/test_outsink.XXXXXX";
	int fd = mkstemp(path), p[2];
	struct outsink s;
	struct strbuf back = STRBUF_INIT;
	char buf[4096];
	ssize_t n;

	CHECK(fd >= 0);
	if (fd < 0)
		return;
	outsink_init(&s, outsink_fd_write, &fd);
	for (int i = 0; i < 40000; i++) {
		strbuf_addf(&s.buf, "%d,", i);
		CHECK_INT(outsink_check(&s), 0);
	}
	CHECK_INT(outsink_flush(&s), 0);
	lseek(fd, 0, SEEK_SET);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		strbuf_add(&back, buf, (size_t)n);
	CHECK(back.len > 2 * OUTSINK_BLOCK);
	CHECK(!strncmp(back.buf, "0,1,2,", 6));
	CHECK(back.len > 6 && !strcmp(back.buf + back.len - 6, "39999,"));
	close(fd);
	unlink(path);
	strbuf_release(&back);
	outsink_release(&s);

	CHECK_INT(pipe(p), 0);
	close(p[0]);
	signal(SIGPIPE, SIG_IGN);
	outsink_init(&s, outsink_fd_write, &p[1]);
	strbuf_addstr(&s.buf, "x");
	CHECK_INT(outsink_flush(&s), -1);
	CHECK_INT(s.error, EPIPE);
	signal(SIGPIPE, SIG_DFL);
	close(p[1]);
	outsink_release(&s);
}

/* Every shape an ics VEVENT takes: all-day, a day in the year 9999 (no
 * DTEND), zoned with an end zone, floating, a title long enough to fold
 * and with what TEXT escapes, a URL source, notes and participants. */
static const char text[] =
    "2024-06-01..2024-06-03  summit  G7 summit; leaders, \"outreach\" "
    "partners and a title long enough to be folded twice over the 75-octet "
    "line limit @ Borgo Egnazia, Fasano, IT\n"
    "    id: g7\n"
    "    with: Giorgia Meloni (Host); Olaf Scholz\n"
    "    tags: g7; summit\n"
    "    source: https://example.org/g7\n"
    "    note: first line\n"
    "    note: second; with, escapes\\\\\n"
    "9999-12-31  other  Last day\n"
    "    id: last\n"
    "2024-06-04 23:10..2024-06-05 06:40  travel  Overnight flight @ Rome, IT\n"
    "    id: fl\n"
    "    end-tz: America/New_York\n"
    "    seq: 12\n"
    "2024-06-06 08:15:30  call  Floating call\n"
    "    id: fc\n"
    "    status: cancelled\n";

/* The calendar written an event at a time through a sink of any block
 * size is icalio_write()'s, byte for byte; so is json's array. */
TEST(writers_stream)
{
	static const size_t blocks[] = {1, 7, 500, OUTSINK_BLOCK};
	const struct icalio_write_opts o = {1700000000, NULL};
	struct evlist l = EVLIST_INIT;
	struct strbuf whole = STRBUF_INIT, jwhole = STRBUF_INIT;
	struct itin_err err;

	CHECK_INT(itinfmt_parse(text, strlen(text), "t", &l, NULL, &err), 0);
	if (l.n != 4)
		printf("#   %ld:%ld: %s\n", err.line, err.col, err.msg);
	icalio_write(&whole, &l, &o);
	strbuf_addstr(&jwhole, "[\n");
	for (size_t i = 0; i < l.n; i++) {
		json_write_event(&jwhole, l.v[i]);
		strbuf_addstr(&jwhole, i + 1 < l.n ? ",\n" : "\n");
	}
	strbuf_addstr(&jwhole, "]\n");
	for (size_t b = 0; b < sizeof(blocks) / sizeof(*blocks); b++) {
		struct strbuf got = STRBUF_INIT, jgot = STRBUF_INIT;
		struct icalio_zones z = ICALIO_ZONES_INIT;
		struct icalio_writer w;
		struct outsink s, js;

		outsink_init(&s, outsink_strbuf_write, &got);
		outsink_init(&js, outsink_strbuf_write, &jgot);
		s.block = js.block = blocks[b];
		for (size_t i = 0; i < l.n; i++)
			icalio_zones_add(&z, l.v[i]);
		icalio_write_begin(&w, &s.buf, &z, &o);
		icalio_zones_release(&z);
		CHECK_INT(outsink_check(&s), 0);
		for (size_t i = 0; i < l.n; i++) {
			icalio_write_event(&w, l.v[i]);
			CHECK_INT(outsink_check(&s), 0);
			json_write_item(&js.buf, l.v[i], i);
			CHECK_INT(outsink_check(&js), 0);
		}
		icalio_write_end(&w);
		json_write_end(&js.buf, l.n);
		CHECK_INT(outsink_flush(&s), 0);
		CHECK_INT(outsink_flush(&js), 0);
		CHECK(got.len == whole.len &&
		      !memcmp(got.buf, whole.buf, got.len));
		CHECK_STR(jgot.buf, jwhole.buf);
		outsink_release(&s);
		outsink_release(&js);
		strbuf_release(&got);
		strbuf_release(&jgot);
	}
	strbuf_release(&whole);
	strbuf_release(&jwhole);
	strbuf_reset(&whole);
	json_write_end(&whole, 0);
	CHECK_STR(whole.buf, "[]\n");
	strbuf_release(&whole);
	evlist_release(&l);
}

TEST(add_uint)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_add_uint(&sb, 0, 0);
	strbuf_addch(&sb, ' ');
	strbuf_add_uint(&sb, 7, 2);
	strbuf_addch(&sb, ' ');
	strbuf_add_uint(&sb, 123, 2);
	strbuf_addch(&sb, ' ');
	strbuf_add_uint(&sb, 42, 6);
	strbuf_addch(&sb, ' ');
	strbuf_add_uint(&sb, UINTMAX_MAX, 0);
	CHECK_STR(sb.buf, "0 07 123 000042 18446744073709551615");
	strbuf_release(&sb);
}

/* got is want; else say so, at most 5 times in all. */
static void same_text(const struct strbuf *got, const char *want, int *bad)
{
	if (*bad < 5 && strcmp(got->buf, want)) {
		CHECK_STR(got->buf, want);
		(*bad)++;
	}
}

/* datefmt writes what date_format, clock_format and when_format write,
 * for every time of day and days from year -1 to 10000. */
TEST(datefmt_is_printf)
{
	struct strbuf sb = STRBUF_INIT;
	char want[ITIN_WHEN_MAX];
	int64_t first = days_from_civil(-1, 1, 1);
	int64_t last = days_from_civil(10000, 12, 31);
	int bad = 0;

	for (int64_t d = first; d <= last; d += 13) {
		strbuf_reset(&sb);
		datefmt_date(&sb, d);
		date_format(d, want);
		same_text(&sb, want, &bad);
	}
	for (int s = 0; s < 86400; s++) {
		strbuf_reset(&sb);
		datefmt_clock(&sb, s);
		clock_format(s, want);
		same_text(&sb, want, &bad);
	}
	strbuf_reset(&sb);
	datefmt_when(&sb, 19387 * ITIN_DAY + 36005, true, 'T');
	when_format(19387 * ITIN_DAY + 36005, true, 'T', want);
	same_text(&sb, want, &bad);
	CHECK_INT(bad, 0);
	strbuf_release(&sb);
}

/* Out of memory (an exit) while an export -o is being written: the
 * temporary file goes with the process; the old file stays. */
TEST(exit_removes_temp)
{
	char dir[] = "/tmp/test_outsink.XXXXXX";
	struct strbuf path = STRBUF_INIT, ls = STRBUF_INIT;
	struct dirent *de;
	int status = -1;
	FILE *fp;
	DIR *d;
	pid_t pid;

	CHECK(mkdtemp(dir) != NULL);
	strbuf_addf(&path, "%s/cal.ics", dir);
	fp = fopen(path.buf, "w");
	CHECK(fp != NULL);
	if (!fp)
		return;
	fputs("old\n", fp);
	fclose(fp);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		struct fs_output o;
		struct itin_err err;

		/* xalloc_die's message is not this test's output. */
		if (!freopen("/dev/null", "w", stderr))
			_exit(1);
		if (fs_output_open(&o, path.buf, &err) == 0 &&
		    fs_write_all(o.fd, "new, half written", 17) == 0)
			xalloc_die(0); /* exit(71), as xmalloc does */
		_exit(1);
	}
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 71);
	d = opendir(dir);
	while (d && (de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			strbuf_addf(&ls, "%s ", de->d_name);
	if (d)
		closedir(d);
	CHECK_STR(ls.buf, "cal.ics ");
	fp = fopen(path.buf, "r");
	if (fp) {
		char line[16] = "";

		CHECK(fgets(line, sizeof(line), fp) != NULL);
		CHECK_STR(line, "old\n");
		fclose(fp);
	}
	unlink(path.buf);
	rmdir(dir);
	strbuf_release(&path);
	strbuf_release(&ls);
}

int main(void)
{
	RUN(blocks);
	RUN(failing_write);
	RUN(fd_write);
	RUN(writers_stream);
	RUN(add_uint);
	RUN(datefmt_is_printf);
	RUN(exit_removes_temp);
	tz_cache_free();
	return test_done();
}
