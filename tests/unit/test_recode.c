/* test_recode.c: what non-UTF-8 bytes look like, and reading them through
 * iconv a buffer at a time (recode.h). */
#include <errno.h>

#include "itin/recode.h"
#include "itin/strbuf.h"
#include "test.h"

static const char *guess(const char *s)
{
	const char *opt = NULL;
	const char *enc = recode_guess(s, strlen(s), &opt);
	static char buf[64];

	if (!enc)
		return "-";
	snprintf(buf, sizeof(buf), "%s %s", enc, opt);
	return buf;
}

TEST(guesses)
{
	/* Windows-1252 text: accents, euro, curly quote, dash. */
	CHECK_STR(guess("Caf\xe9 \x80 l\x92h\xf4tel \x96 Z\xfcrich\r\n"),
		  "Windows-1252 cp1252");
	CHECK_STR(guess("Z\xfcrich,Gen\xe8ve\ttab\n"), "Windows-1252 cp1252");
	/* UTF-8 with one bad byte is not another encoding. */
	CHECK_STR(guess("\xc3\xa9t\xc3"), "-");
	CHECK_STR(guess("caf\xc3\xa9 \xff"), "-");
	/* Control characters and bytes cp1252 leaves undefined: binary. */
	CHECK_STR(guess("a\x01\xe9"), "-");
	CHECK_STR(guess("a\x81"), "-");
	CHECK_STR(guess("a\x7f\xe9"), "-");
	/* Nothing over 0x7F: no encoding to name. */
	CHECK_STR(guess("plain"), "-");
	/* A UTF-16 byte order mark, either way round. */
	CHECK_STR(guess("\xff\xfet"), "UTF-16 utf-16");
	CHECK_STR(guess("\xfe\xff"), "UTF-16 utf-16");
	/* Without the mark: a NUL beside every ASCII byte, either side. */
	{
		const char *opt = NULL;

		CHECK_STR(recode_guess("t\0i\0t\0l\0e\0", 10, &opt), "UTF-16");
		CHECK_STR(opt, "utf-16le");
		CHECK_STR(recode_guess("\0t\0i\0t\0l", 8, &opt), "UTF-16");
		CHECK_STR(opt, "utf-16be");
		CHECK(recode_guess("t\0i\0t\xe9", 6, &opt) == NULL);
	}
}

TEST(names)
{
	CHECK_STR(recode_name("cp1252"), "CP1252");
	CHECK_STR(recode_name("Windows-1252"), "CP1252");
	CHECK_STR(recode_name("LATIN1"), "ISO-8859-1");
	CHECK_STR(recode_name("iso-8859-1"), "ISO-8859-1");
	CHECK_STR(recode_name("utf-8"), "UTF-8");
	CHECK_STR(recode_name("UTF-16"), "UTF-16");
	CHECK(recode_name("ebcdic") == NULL);
	CHECK(recode_name("") == NULL);
}

/* Read all of fp into sb; 0, or errno of the failed read. */
static int slurp(FILE *fp, struct strbuf *sb, size_t chunk)
{
	char buf[70000];
	size_t n;

	while ((n = fread(buf, 1, chunk, fp)) > 0)
		strbuf_add(sb, buf, n);
	return ferror(fp) ? errno : 0;
}

/* Far more than one buffer of the converter, read in odd pieces: the
 * same text as converting it whole. */
TEST(streams_in_pieces)
{
	size_t reps = 20000, chunks[] = {1, 7, 4096, 65536};
	struct strbuf in = STRBUF_INIT, want = STRBUF_INIT;
	struct itin_err err;

	for (size_t i = 0; i < reps; i++) {
		strbuf_addstr(&in, "D\xe9j\x92 \x80 \x96 Z\xfcrich\r\n");
		strbuf_addstr(&want, "D\xc3\xa9j\xe2\x80\x99 \xe2\x82\xac "
				     "\xe2\x80\x93 Z\xc3\xbcrich\r\n");
	}
	for (size_t k = 0; k < sizeof(chunks) / sizeof(chunks[0]); k++) {
		FILE *raw = fmemopen(in.buf, in.len, "r");
		FILE *fp;
		struct strbuf got = STRBUF_INIT;

		CHECK(raw != NULL);
		if (!raw)
			break;
		itin_err_clear(&err);
		fp = recode_open(raw, "CP1252", "t.csv", NULL, &err);
		CHECK(fp != NULL);
		if (!fp) {
			fclose(raw);
			break;
		}
		CHECK_INT(slurp(fp, &got, chunks[k]), 0);
		CHECK_INT(got.len, want.len);
		CHECK(got.len == want.len &&
		      !memcmp(got.buf, want.buf, got.len));
		CHECK_INT(fclose(fp), 0);
		strbuf_release(&got);
	}
	strbuf_release(&in);
	strbuf_release(&want);
}

/* A byte the encoding does not have is a read error, EILSEQ, after the
 * text before it. */
TEST(undefined_byte)
{
	char text[] = "ok \xe9 then \x81 after";
	FILE *raw = fmemopen(text, strlen(text), "r");
	struct strbuf got = STRBUF_INIT;
	struct itin_err err;
	FILE *fp;

	CHECK(raw != NULL);
	if (!raw)
		return;
	fp = recode_open(raw, "CP1252", "t.csv", NULL, &err);
	CHECK(fp != NULL);
	if (!fp) {
		fclose(raw);
		return;
	}
	CHECK_INT(slurp(fp, &got, 4096), EILSEQ);
	CHECK_STR(got.buf ? got.buf : "", "ok \xc3\xa9 then ");
	fclose(fp);
	strbuf_release(&got);
}

/* Read text as `from`; the converted text and readerr. */
static int read_as(const char *text, const char *from, struct strbuf *got,
		   struct itin_err *readerr)
{
	FILE *raw = fmemopen((void *)text, strlen(text), "r");
	struct itin_err err;
	FILE *fp;
	int e;

	itin_err_clear(readerr);
	if (!raw)
		return -1;
	fp = recode_open(raw, from, "t.csv", readerr, &err);
	if (!fp) {
		fclose(raw);
		return -1;
	}
	e = slurp(fp, got, 4096);
	fclose(fp);
	return e;
}

/* Latin-1 as browsers read it: Excel's curly quotes are Windows-1252's,
 * never C1 controls; the bytes Windows-1252 lacks stay Latin-1's. */
TEST(latin1_is_windows_1252)
{
	struct strbuf got = STRBUF_INIT;
	struct itin_err re;

	CHECK_INT(
	    read_as("\x93Gen\xe8ve\x94 \x80\x81", "ISO-8859-1", &got, &re), 0);
	CHECK_STR(got.buf ? got.buf : "",
		  "\xe2\x80\x9cGen\xc3\xa8ve\xe2\x80\x9d \xe2\x82\xac\xc2\x81");
	strbuf_release(&got);
}

/* A byte the encoding lacks is named at its line and column. */
TEST(undefined_byte_line)
{
	struct strbuf got = STRBUF_INIT;
	struct itin_err re;

	CHECK_INT(read_as("a,b\n\xe9t\xe9,x\nok \x81,y\n", "CP1252", &got, &re),
		  EILSEQ);
	CHECK_INT(re.status, 65);
	CHECK_STR(re.file, "t.csv");
	CHECK_INT(re.line, 3);
	CHECK_INT(re.col, 4);
	CHECK(strstr(re.msg, "0x81") != NULL);
	strbuf_release(&got);
}

/* UTF-8 read as Windows-1252 is refused at its first multi-byte
 * sequence, even in a file that also has Windows-1252 rows. */
TEST(utf8_is_not_cp1252)
{
	struct strbuf got = STRBUF_INIT;
	struct itin_err re;

	CHECK_INT(read_as("t\nR\xc3\xa9union\nCaf\xe9\n", "CP1252", &got, &re),
		  EILSEQ);
	CHECK_INT(re.status, 65);
	CHECK_INT(re.line, 2);
	CHECK_INT(re.col, 2);
	CHECK(strstr(re.msg, "UTF-8") != NULL);
	CHECK_STR(got.buf ? got.buf : "", "t\nR");
	strbuf_release(&got);
	/* The same with latin1. */
	CHECK_INT(read_as("\xe2\x80\x99", "ISO-8859-1", &got, &re), EILSEQ);
	CHECK_INT(re.status, 65);
	strbuf_release(&got);
	/* A byte that only starts a sequence is Windows-1252 text. */
	CHECK_INT(read_as("\xc3 \xe9t\xe9", "CP1252", &got, &re), 0);
	CHECK_STR(got.buf ? got.buf : "", "\xc3\x83 \xc3\xa9t\xc3\xa9");
	strbuf_release(&got);
}

TEST(unknown_encoding)
{
	FILE *raw = fmemopen((void *)"x", 1, "r");
	struct itin_err err;

	CHECK(raw != NULL);
	if (!raw)
		return;
	itin_err_clear(&err);
	CHECK(recode_open(raw, "NO-SUCH-ENCODING", "t.csv", NULL, &err) ==
	      NULL);
	CHECK_INT(err.status, 65);
	fclose(raw);
}

int main(void)
{
	RUN(guesses);
	RUN(names);
	RUN(streams_in_pieces);
	RUN(undefined_byte);
	RUN(latin1_is_windows_1252);
	RUN(undefined_byte_line);
	RUN(utf8_is_not_cp1252);
	RUN(unknown_encoding);
	return test_done();
}
