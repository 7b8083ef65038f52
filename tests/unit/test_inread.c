/*
 * test_inread.c: the limits every reader checks while reading (inread.h):
 * NUL bytes and overlong lines placed at FILE:LINE:COL however the input
 * is cut into chunks, the CR of a CR LF not counted, the byte order mark
 * not a column, ITIN_MAX_INPUT parsed and enforced.
 */
#include "test.h"

#include <stdint.h>
#include <sys/wait.h>
#include <signal.h>
#include <unistd.h>

#include "itin/inread.h"
#include "itin/strbuf.h"

#define MiB (1024 * 1024)

struct result {
	int ret;
	struct itin_err err;
	size_t kept;
};

/* Feed s[0..len) in chunks of step bytes (0: all at once). */
static struct result feed(const char *s, size_t len, size_t step,
			  unsigned flags)
{
	struct result r;
	struct inread_check c;
	size_t off = 0, keep;

	memset(&r, 0, sizeof(r));
	r.ret = inread_check_init(&c, "f", flags, &r.err);
	while (!r.ret && off < len) {
		size_t n = step && len - off > step ? step : len - off;

		r.ret = inread_check_feed(&c, s + off, n, &keep, &r.err);
		r.kept += keep;
		off += n;
	}
	if (!r.ret)
		r.ret = inread_check_finish(&c, &r.err);
	return r;
}

static const size_t steps[] = {0, 1, 2, 3, 7, 4096, 65536};
#define NSTEPS (sizeof(steps) / sizeof(steps[0]))

/* Every chunking of s fails at line:col with a message starting msg. */
static void fails_at(const char *s, size_t len, long line, long col,
		     const char *msg)
{
	for (size_t i = 0; i < NSTEPS; i++) {
		struct result r = feed(s, len, steps[i], INREAD_TEXT);

		CHECK_INT(r.ret, -1);
		CHECK_INT(r.err.status, ITIN_EX_DATAERR);
		CHECK_INT(r.err.line, line);
		CHECK_INT(r.err.col, col);
		if (strncmp(r.err.msg, msg, strlen(msg))) {
			printf("#   step %zu: \"%s\", want \"%s...\"\n",
			       steps[i], r.err.msg, msg);
			test_failed_now = 1;
		}
	}
}

static void passes(const char *s, size_t len)
{
	for (size_t i = 0; i < NSTEPS; i++) {
		struct result r = feed(s, len, steps[i], INREAD_TEXT);

		if (r.ret)
			printf("#   step %zu: %s\n", steps[i], r.err.msg);
		CHECK_INT(r.ret, 0);
		CHECK_INT(r.kept, len);
	}
}

TEST(nul_located)
{
	static const char a[] = "ab\ncd\xC3\xA9\0x\n";
	static const char b[] = "\xEF\xBB\xBFz\0";
	static const char c[] = "\0";

	fails_at(a, sizeof(a) - 1, 2, 4, "NUL byte in input");
	/* The byte order mark is not a column (itinfmt and icalio skip it). */
	fails_at(b, sizeof(b) - 1, 1, 2, "NUL byte in input");
	fails_at(c, 1, 1, 1, "NUL byte in input");
	passes("plain\r\ntext\n", 12);
}

/* A line of n bytes of 'x', then end ("\n", "\r\n" or ""), then "ok\n". */
static char *line_of(size_t n, const char *end, size_t *len)
{
	size_t e = strlen(end);
	char *s = malloc(n + e + 3);

	memset(s, 'x', n);
	memcpy(s + n, end, e);
	memcpy(s + n + e, "ok\n", 3);
	*len = n + e + 3;
	return s;
}

TEST(line_limit)
{
	size_t len;
	char *s;

	s = line_of(MiB, "\n", &len);
	passes(s, len);
	free(s);
	/* The CR of a CR LF is the line's end, not its text. */
	s = line_of(MiB, "\r\n", &len);
	passes(s, len);
	free(s);
	s = line_of(MiB + 1, "\n", &len);
	fails_at(s, len, 1, MiB + 1,
		 "line too long (1048577 bytes; limit 1 MiB)");
	free(s);
	s = line_of(MiB + 1, "\r\n", &len);
	fails_at(s, len, 1, MiB + 1,
		 "line too long (1048577 bytes; limit 1 MiB)");
	free(s);
	/* Without a final line break, at the end of the input. */
	s = line_of(MiB + 5, "", &len);
	fails_at(s, len - 3, 1, MiB + 1, "line too long (1048581 bytes;");
	free(s);
	s = line_of(MiB, "\r", &len);
	passes(s, len - 3);
	free(s);
}

TEST(line_limit_columns_and_memory)
{
	size_t n = 3 * MiB, i;
	char *s = malloc(n + 1);
	struct result r;

	/* "é" is two bytes, one column: the limit falls at character 524289. */
	for (i = 0; i < n; i += 2)
		memcpy(s + i, "\xC3\xA9", 2);
	s[n] = '\n';
	fails_at(s, n + 1, 1, MiB / 2 + 1, "line too long (3145728 bytes;");
	/* A NUL past the limit: the length is the first problem. */
	s[2 * MiB] = '\0';
	fails_at(s, n + 1, 1, MiB / 2 + 1, "line too long");
	/* The overlong line is counted, not kept. */
	r = feed(s, n + 1, 65536, INREAD_TEXT);
	CHECK(r.kept <= MiB + 65536);
	free(s);
}

TEST(max_input)
{
	size_t v;
	struct itin_err err;
	struct result r;

	unsetenv(INREAD_ENV);
	CHECK_INT(inread_max_input(&v, &err), 0);
	CHECK_INT(v, INREAD_DEFAULT_MAX);
	setenv(INREAD_ENV, "2K", 1);
	CHECK_INT(inread_max_input(&v, &err), 0);
	CHECK_INT(v, 2048);
	setenv(INREAD_ENV, "3m", 1);
	CHECK_INT(inread_max_input(&v, &err), 0);
	CHECK_INT(v, 3 * MiB);
	setenv(INREAD_ENV, "0", 1);
	CHECK_INT(inread_max_input(&v, &err), 0);
	CHECK(v == SIZE_MAX);
	static const char *const bad[] = {
	    "x", "1T", "-1", "1.5G", "K", " 5", "99999999999999999999G"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		setenv(INREAD_ENV, bad[i], 1);
		CHECK_INT(inread_max_input(&v, &err), -1);
		CHECK_INT(err.status, ITIN_EX_USAGE);
	}

	setenv(INREAD_ENV, "10", 1);
	r = feed("123456789\n", 10, 3, INREAD_TEXT);
	CHECK_INT(r.ret, 0);
	r = feed("123456789\nx", 11, 3, INREAD_TEXT);
	CHECK_INT(r.ret, -1);
	CHECK_INT(r.err.status, ITIN_EX_DATAERR);
	CHECK_STR(r.err.file, "f");
	CHECK_INT(r.err.line, 0);
	CHECK_STR(r.err.msg, "input larger than 10 bytes (the limit; set "
			     "ITIN_MAX_INPUT to raise it)");
	/* CSV's check: the size only, a NUL is the reader's business. */
	r = feed("a\0b\n", 4, 1, 0);
	CHECK_INT(r.ret, 0);
	r = feed("a\0b\n0123456789", 14, 0, 0);
	CHECK_INT(r.ret, -1);
	setenv(INREAD_ENV, "1M", 1);
	r = feed("x", 1, 0, 0);
	CHECK_INT(r.ret, 0);
	unsetenv(INREAD_ENV);
}

TEST(read_fd)
{
	int fds[2];
	struct strbuf sb = STRBUF_INIT;
	struct itin_err err;

	CHECK_INT(pipe(fds), 0);
	CHECK_INT(write(fds[1], "one\ntwo\n", 8), 8);
	close(fds[1]);
	CHECK_INT(inread_fd(fds[0], "p", INREAD_TEXT, &sb, &err), 0);
	CHECK_STR(sb.buf, "one\ntwo\n");
	close(fds[0]);
	strbuf_release(&sb);

	CHECK_INT(pipe(fds), 0);
	CHECK_INT(write(fds[1], "one\ntw\0o\n", 9), 9);
	close(fds[1]);
	CHECK_INT(inread_fd(fds[0], "p", INREAD_TEXT, &sb, &err), -1);
	CHECK_INT(err.line, 2);
	CHECK_INT(err.col, 3);
	/* What was read stays, for a caller guessing the encoding. */
	CHECK_INT(sb.len, 9);
	close(fds[0]);
	strbuf_release(&sb);
}

/*
 * An endless input stops at the limit without asking for more room than
 * the limit and a NUL: a buffer doubling from 1 GiB asked for 2 GiB and
 * ended in "out of memory" instead of the limit's error.
 */
TEST(read_fd_within_limit)
{
	int fds[2];
	struct strbuf sb = STRBUF_INIT;
	struct itin_err err;
	static char chunk[4096];
	pid_t pid;

	memset(chunk, 'x', sizeof(chunk));
	chunk[sizeof(chunk) - 1] = '\n';
	setenv(INREAD_ENV, "100K", 1);
	CHECK_INT(pipe(fds), 0);
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		while (write(fds[1], chunk, sizeof(chunk)) > 0)
			;
		_exit(0);
	}
	close(fds[1]);
	CHECK_INT(inread_fd(fds[0], "p", INREAD_TEXT, &sb, &err), -1);
	close(fds[0]);
	waitpid(pid, NULL, 0);
	CHECK_STR(err.msg, "input larger than 100 KiB (the limit; set "
			   "ITIN_MAX_INPUT to raise it)");
	CHECK(sb.len <= 100 * 1024);
	CHECK(sb.alloc <= 100 * 1024 + 1);
	strbuf_release(&sb);
	setenv(INREAD_ENV, "1", 1);
	CHECK_INT(inread_max_input(&(size_t){0}, &err), 0);
	{
		struct result r = feed("ab", 2, 0, 0);

		CHECK_STR(r.err.msg, "input larger than 1 byte (the limit; "
				     "set ITIN_MAX_INPUT to raise it)");
	}
	unsetenv(INREAD_ENV);
}

int main(void)
{
	RUN(nul_located);
	RUN(line_limit);
	RUN(line_limit_columns_and_memory);
	RUN(max_input);
	RUN(read_fd);
	RUN(read_fd_within_limit);
	return test_done();
}
