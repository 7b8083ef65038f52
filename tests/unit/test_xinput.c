/* test_xinput.c: a report's bytes as plain text (src/extract/xinput.c). */
#include <string.h>

#include "../../src/extract/xinput.h"
#include "itin/xalloc.h"
#include "test.h"

/* Read s (its strlen) as the file "r.txt"; the status it ends with. */
static int readstr(const char *s, struct xinput *in, struct itin_err *err)
{
	itin_err_clear(err);
	if (xinput_read(s, strlen(s), "r.txt", in, err) < 0)
		return err->status;
	return 0;
}

TEST(text_is_kept_with_line_ends_made_lf)
{
	struct xinput in;
	struct itin_err err;

	CHECK_INT(readstr("\xEF\xBB\xBFSEOUL, Jan 30\r\nLine two\rthree\n\n"
			  "Para \xC3\xA9t\xC3\xA9",
			  &in, &err),
		  0);
	CHECK(!in.was_html);
	CHECK_STR(in.text,
		  "SEOUL, Jan 30\nLine two\nthree\n\nPara \xC3\xA9t\xC3\xA9");
	CHECK_INT(in.len, strlen(in.text));
	CHECK_STR(in.meta_date, "");
	xinput_release(&in);
	CHECK(in.text == NULL);
}

TEST(text_starting_with_a_bracket_is_not_html)
{
	struct xinput in;
	struct itin_err err;

	CHECK_INT(readstr("<Reuters> Seoul, Jan 30 <p>", &in, &err), 0);
	CHECK(!in.was_html);
	CHECK_STR(in.text, "<Reuters> Seoul, Jan 30 <p>");
	xinput_release(&in);
}

TEST(nul_byte_is_binary_at_its_line_and_column)
{
	static const char data[] = "line one\nab\xC3\xA9\0zz";
	struct xinput in;
	struct itin_err err;

	CHECK_INT(xinput_read(data, sizeof(data) - 1, "r.bin", &in, &err), -1);
	CHECK_INT(err.status, 65);
	CHECK_STR(err.file, "r.bin");
	CHECK_INT(err.line, 2);
	CHECK_INT(err.col, 4);
	CHECK(strstr(err.msg, "binary") != NULL);
	CHECK(in.text == NULL);
}

TEST(utf16_is_named)
{
	static const char data[] = "\xFF\xFES\0e\0o\0u\0l\0";
	struct xinput in;
	struct itin_err err;

	CHECK_INT(xinput_read(data, sizeof(data) - 1, "r.txt", &in, &err), -1);
	CHECK_INT(err.status, 65);
	CHECK(strstr(err.msg, "UTF-16") != NULL);
	CHECK(strstr(err.msg, "iconv -f utf-16") != NULL);
}

TEST(invalid_utf8_names_line_column_and_byte)
{
	struct xinput in;
	struct itin_err err;

	CHECK_INT(readstr("ok\nR\xE9union\n", &in, &err), 65);
	CHECK_STR(err.file, "r.txt");
	CHECK_INT(err.line, 2);
	CHECK_INT(err.col, 2);
	CHECK(strstr(err.msg, "invalid UTF-8 (byte 0xE9)") != NULL);
	CHECK(strstr(err.msg, "Windows-1252") != NULL);
	/* Columns count characters; mixed encodings get no guess. */
	CHECK_INT(readstr("ok\n\xC3\xA9t\xE9 visit\n", &in, &err), 65);
	CHECK_INT(err.line, 2);
	CHECK_INT(err.col, 3);
	CHECK(strstr(err.msg, "Windows-1252") == NULL);
	/* A byte order mark does not count as a column. */
	CHECK_INT(readstr("\xEF\xBB\xBF"
			  "ab\xFF",
			  &in, &err),
		  65);
	CHECK_INT(err.line, 1);
	CHECK_INT(err.col, 3);
	/* Overlong and truncated sequences are invalid too. */
	CHECK_INT(readstr("a\xC0\xAF", &in, &err), 65);
	CHECK_INT(readstr("abc\xE2\x82", &in, &err), 65);
	CHECK_INT(err.col, 4);
}

TEST(html_blocks_breaks_entities_and_spaces)
{
	struct xinput in;
	struct itin_err err;

	CHECK_INT(readstr("<!DOCTYPE html><html><head><title> NATO  chief"
			  "\n to visit &amp; Seoul </title></head><body>"
			  "<h1>Stoltenberg &ndash; Asia</h1>"
			  "<p>SEOUL,&nbsp;Jan 30 (Yonhap) --\n   The  "
			  "<b>NATO</b> chief<br>will arrive.</p>"
			  "<div>Caf&eacute; &#x4E1C;&#20140; &lt;x&gt;</div>"
			  "<table><tr><td>30 Jan</td><td>Seoul</td></tr>"
			  "</table></body></html>",
			  &in, &err),
		  0);
	CHECK(in.was_html);
	CHECK_STR(in.text, "Stoltenberg \xE2\x80\x93 Asia\n\n"
			   "SEOUL, Jan 30 (Yonhap) -- The NATO chief\n"
			   "will arrive.\n\n"
			   "Caf\xC3\xA9 \xE4\xB8\x9C\xE4\xBA\xAC <x>\n\n"
			   "30 Jan Seoul");
	CHECK_INT(in.len, strlen(in.text));
	CHECK_STR(in.title, "NATO chief to visit & Seoul");
	xinput_release(&in);
}

TEST(html_tag_soup_keeps_its_words)
{
	struct xinput in;
	struct itin_err err;

	/* Misnested and unclosed tags, character references to nothing or
	 * to a surrogate, a script holding an end tag: every word of the
	 * text once, in order. */
	CHECK_INT(readstr("<html><body><p>One <b>two <i>three</b> four</i> "
			  "five<p>Six &#0; seven &#xD800; eight<script>x</p>"
			  "y</script><p>nine</body></html>",
			  &in, &err),
		  0);
	CHECK_STR(in.text, "One two three four five\n\nSix seven eight\n\n"
			   "nine");
	xinput_release(&in);
}

TEST(html_chrome_is_dropped)
{
	struct xinput in;
	struct itin_err err;

	CHECK_INT(readstr("<html><head><style>p{color:red}</style>"
			  "<script>var d = 'Jan 1';</script></head><body>"
			  "<header>Site masthead</header>"
			  "<nav><a href=/>Home</a></nav>"
			  "<div class=\"cookie-banner\">We use cookies</div>"
			  "<ul id=\"main-menu\"><li>World</li></ul>"
			  "<article><header><h1>Headline</h1>"
			  "<time datetime=\"2023-01-30\">30 January 2023</time>"
			  "</header><p>Body text.</p>"
			  "<div class=\"share-tools\">Share this</div>"
			  "<aside>Read also</aside>"
			  "<section class=\"relatedStories\">Other</section>"
			  "<div class=\"article-commentary\">Kept.</div>"
			  "<noscript>Enable JS</noscript>"
			  "<form><button>Send</button></form>"
			  "<div role=\"navigation\">Pages</div>"
			  "<svg><text>logo</text></svg>"
			  "<p hidden>Secret</p>"
			  "<div class=\"ad\">Buy</div><div class=\"headline\">"
			  "Also kept.</div></article>"
			  "<footer>Copyright</footer>"
			  "<iframe src=x>frame</iframe></body></html>",
			  &in, &err),
		  0);
	CHECK_STR(in.text, "Headline\n\n30 January 2023\n\nBody text.\n\n"
			   "Kept.\n\nAlso kept.");
	CHECK_STR(in.title, "Headline");
	CHECK_STR(in.meta_date, "2023-01-30");
	xinput_release(&in);
}

TEST(html_form_wrapping_the_page_is_kept)
{
	struct xinput in;
	struct itin_err err;

	/* ASP.NET pages put the whole body in one form (forms do not
	 * nest: a search box in it is a <div>). */
	CHECK_INT(readstr("<html><body><form id=\"aspnetForm\" method=post>"
			  "<div class=search><input name=q>Search</div>"
			  "<div role=\"main\"><header><h1>Talks</h1></header>"
			  "<p>The minister will visit Oslo.</p>"
			  "<button>Go</button></div></form></body></html>",
			  &in, &err),
		  0);
	CHECK_STR(in.text, "Talks\n\nThe minister will visit Oslo.");
	xinput_release(&in);
	/* Anywhere else a form is a sign-up or a search: dropped. */
	CHECK_INT(readstr("<html><body><div><form><label>E-mail</label>"
			  "</form></div><p>Text.</p></body></html>",
			  &in, &err),
		  0);
	CHECK_STR(in.text, "Text.");
	xinput_release(&in);
}

TEST(html_page_date_best_source_wins)
{
	struct xinput in;
	struct itin_err err;

	/* A <time> loses to JSON-LD, which loses to <meta name=date>,
	 * which loses to article:published_time, in any order. */
	CHECK_INT(readstr("<html><body><time datetime=\"2020-01-01\">x</time>"
			  "<script type=\"application/ld+json\">{\"@type\":"
			  "\"NewsArticle\", \"datePublished\" : "
			  "\"2021-02-02T10:00:00Z\"}</script></body></html>",
			  &in, &err),
		  0);
	CHECK_STR(in.meta_date, "2021-02-02T10:00:00Z");
	CHECK_STR(in.text, "x");
	xinput_release(&in);
	CHECK_INT(
	    readstr("<html><head><meta name=\"DC.date\" "
		    "content=\"2022-03-03\"><meta property="
		    "\"article:published_time\" content=\"2023-01-30T00:19"
		    ":20+09:00\"><meta name=\"pubdate\" content="
		    "\"2019-01-01\"></head><body><p>t</p></body></html>",
		    &in, &err),
	    0);
	CHECK_STR(in.meta_date, "2023-01-30T00:19:20+09:00");
	xinput_release(&in);
	/* Not ISO 8601: not a date for xdate_document. */
	CHECK_INT(readstr("<html><head><meta name=\"date\" content=\"30.01.2023"
			  "\"></head><body>t</body></html>",
			  &in, &err),
		  0);
	CHECK_STR(in.meta_date, "");
	CHECK_STR(in.title, "");
	xinput_release(&in);
}

TEST(html_declared_charset_is_converted)
{
	struct xinput in;
	struct itin_err err;

	CHECK_INT(readstr("<html><head><meta http-equiv=\"Content-Type\" "
			  "content=\"text/html; charset=windows-1252\"></head>"
			  "<body><p>R\xE9union \x96 Paris</p></body></html>",
			  &in, &err),
		  0);
	CHECK_STR(in.text, "R\xC3\xA9union \xE2\x80\x93 Paris");
	xinput_release(&in);
	/* XHTML may say it in its XML declaration only. */
	CHECK_INT(readstr("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
			  "<html><body><p>S\xE9oul</p></body></html>",
			  &in, &err),
		  0);
	CHECK_STR(in.text, "S\xC3\xA9oul");
	xinput_release(&in);
	CHECK_INT(readstr("<meta charset=\"x-no-such\"><p>a</p>", &in, &err),
		  65);
	CHECK(strstr(err.msg, "x-no-such") != NULL);
	/* No charset declared: UTF-8, checked where the bad byte is. */
	CHECK_INT(
	    readstr("<html>\n<body><p>R\xE9union</p></body></html>", &in, &err),
	    65);
	CHECK_INT(err.line, 2);
	CHECK_INT(err.col, 11);
}

TEST(html_recognised_by_its_first_markup)
{
	static const char *const pages[] = {
	    "  \n<!doctype html><p>a</p>",
	    "<!-- saved from url -->\n<p>a",
	    "<p class=x>a",
	    "<DIV>a</DIV>",
	    "\xEF\xBB\xBF<html><body>a",
	    "<?xml version=\"1.0\"?><html><body>a</body></html>"};
	struct xinput in;
	struct itin_err err;
	size_t i;

	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		CHECK_INT(readstr(pages[i], &in, &err), 0);
		CHECK(in.was_html);
		CHECK_STR(in.text, "a");
		xinput_release(&in);
	}
}

TEST(html_nesting_is_bounded)
{
	struct xinput in;
	struct itin_err err;
	char *s = xmalloc(5 * 300 + 8);
	size_t i;

	for (i = 0; i < 300; i++)
		memcpy(s + 5 * i, "<div>", 5);
	memcpy(s + 5 * 300, "deep", 5);
	CHECK_INT(readstr(s, &in, &err), 65);
	CHECK(strstr(err.msg, "nested deeper") != NULL);
	/* Unclosed paragraphs close each other: not deep. */
	for (i = 0; i < 300; i++)
		memcpy(s + 5 * i, "<p>x ", 5);
	CHECK_INT(readstr(s, &in, &err), 0);
	CHECK(strncmp(in.text, "x\n\nx\n\n", 6) == 0);
	xinput_release(&in);
	free(s);
}

TEST(input_over_the_cap_is_refused)
{
	struct xinput in;
	struct itin_err err;
	size_t n = XINPUT_MAX_BYTES + 1;
	char *s = xmalloc(n);

	memset(s, 'a', n);
	CHECK_INT(xinput_read(s, n, "big.txt", &in, &err), -1);
	CHECK_INT(err.status, 65);
	CHECK(strstr(err.msg, "16 MiB") != NULL);
	CHECK_INT(xinput_read(s, n - 1, "big.txt", &in, &err), 0);
	CHECK_INT(in.len, n - 1);
	xinput_release(&in);
	free(s);
}

int main(void)
{
	RUN(text_is_kept_with_line_ends_made_lf);
	RUN(text_starting_with_a_bracket_is_not_html);
	RUN(nul_byte_is_binary_at_its_line_and_column);
	RUN(utf16_is_named);
	RUN(invalid_utf8_names_line_column_and_byte);
	RUN(html_blocks_breaks_entities_and_spaces);
	RUN(html_tag_soup_keeps_its_words);
	RUN(html_chrome_is_dropped);
	RUN(html_form_wrapping_the_page_is_kept);
	RUN(html_page_date_best_source_wins);
	RUN(html_declared_charset_is_converted);
	RUN(html_recognised_by_its_first_markup);
	RUN(html_nesting_is_bounded);
	RUN(input_over_the_cap_is_refused);
	return test_done();
}
