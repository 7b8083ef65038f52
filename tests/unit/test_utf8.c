/* test_utf8.c: decoding, validation, widths, columns, sanitising, folding. */
#include "test.h"

#include "itin/strbuf.h"
#include "itin/utf8.h"

TEST(decode_valid)
{
	uint32_t cp;

	CHECK_INT(utf8_decode("A", 1, &cp), 1);
	CHECK_INT(cp, 'A');
	CHECK_INT(utf8_decode("\xC3\xA9", 2, &cp), 2);
	CHECK_INT(cp, 0xE9);
	CHECK_INT(utf8_decode("\xEC\x84\x9C", 3, &cp), 3);	/* 서 */
	CHECK_INT(cp, 0xC11C);
	CHECK_INT(utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);	/* 😀 */
	CHECK_INT(cp, 0x1F600);
	CHECK_INT(utf8_decode("\xF4\x8F\xBF\xBF", 4, &cp), 4);
	CHECK_INT(cp, 0x10FFFF);
}

TEST(decode_invalid)
{
	uint32_t cp;

	CHECK_INT(utf8_decode("\xC0\x80", 2, &cp), 0);		/* overlong NUL */
	CHECK_INT(utf8_decode("\xC1\xBF", 2, &cp), 0);		/* overlong */
	CHECK_INT(utf8_decode("\xE0\x80\xAF", 3, &cp), 0);	/* overlong '/' */
	CHECK_INT(utf8_decode("\xF0\x80\x80\xAF", 4, &cp), 0);
	CHECK_INT(utf8_decode("\xED\xA0\x80", 3, &cp), 0);	/* surrogate */
	CHECK_INT(utf8_decode("\xF4\x90\x80\x80", 4, &cp), 0);	/* > U+10FFFF */
	CHECK_INT(utf8_decode("\xE2\x82", 2, &cp), 0);		/* truncated */
	CHECK_INT(utf8_decode("\xE2\x82\xAC", 2, &cp), 0);	/* len too short */
	CHECK_INT(utf8_decode("\x80", 1, &cp), 0);		/* lone continuation */
	CHECK_INT(utf8_decode("\xFF", 1, &cp), 0);
	CHECK_INT(utf8_decode("", 0, &cp), 0);
}

TEST(valid)
{
	size_t bad = 99;

	CHECK(utf8_valid("Gitanas Nausėda 윤석열", strlen("Gitanas Nausėda 윤석열"), &bad));
	CHECK(!utf8_valid("abc\xE2\x82xyz", 7, &bad));
	CHECK_INT(bad, 3);
	CHECK(!utf8_valid("ok\xED\xBF\xBF", 5, &bad));
	CHECK_INT(bad, 2);
	CHECK(utf8_valid("", 0, NULL));
}

TEST(cp_width)
{
	CHECK_INT(utf8_cp_width('a'), 1);
	CHECK_INT(utf8_cp_width(0xE9), 1);		/* é */
	CHECK_INT(utf8_cp_width(0x1B), -1);
	CHECK_INT(utf8_cp_width(0x7F), -1);
	CHECK_INT(utf8_cp_width(0x85), -1);		/* C1 */
	CHECK_INT(utf8_cp_width(0x301), 0);		/* combining acute */
	CHECK_INT(utf8_cp_width(0x200B), 0);		/* zero width space */
	CHECK_INT(utf8_cp_width(0xFE0F), 0);		/* variation selector */
	CHECK_INT(utf8_cp_width(0x1160), 0);		/* Hangul medial vowel */
	CHECK_INT(utf8_cp_width(0xAC00), 2);		/* 가 */
	CHECK_INT(utf8_cp_width(0xD7A3), 2);		/* last syllable */
	CHECK_INT(utf8_cp_width(0x1100), 2);		/* Hangul initial */
	CHECK_INT(utf8_cp_width(0x6F22), 2);		/* 漢 */
	CHECK_INT(utf8_cp_width(0x3042), 2);		/* あ */
	CHECK_INT(utf8_cp_width(0x30A2), 2);		/* ア */
	CHECK_INT(utf8_cp_width(0xFF21), 2);		/* Ａ fullwidth */
	CHECK_INT(utf8_cp_width(0xFF61), 1);		/* ｡ halfwidth */
	CHECK_INT(utf8_cp_width(0x3000), 2);		/* ideographic space */
	CHECK_INT(utf8_cp_width(0x1F600), 2);		/* 😀 */
	CHECK_INT(utf8_cp_width(0x1F1F0), 1);		/* regional indicator: N */
	CHECK_INT(utf8_cp_width(0x20000), 2);		/* CJK ext. B */
	CHECK_INT(utf8_cp_width(0x2603), 1);		/* snowman, narrow */
	CHECK_INT(utf8_cp_width(0x26A1), 2);		/* high voltage, wide */
}

TEST(string_width)
{
	CHECK_INT(utf8_width(""), 0);
	CHECK_INT(utf8_width("Seoul"), 5);
	CHECK_INT(utf8_width("서울"), 4);
	CHECK_INT(utf8_width("東京 Tokyo"), 10);
	CHECK_INT(utf8_width("e\xCC\x81"), 1);		/* e + combining acute */
	CHECK_INT(utf8_width("a\x1b[31m"), 1 + 4 + 4);	/* \x1b then "[31m" */
	CHECK_INT(utf8_width("a\xFF"), 5);		/* invalid byte: \xff */
	CHECK_INT(utf8_width("\xE2\x80\xAE"), 8);	/* RLO: \u{202E} */
}

TEST(prefix_fitting)
{
	size_t cols = 99;

	CHECK_INT(utf8_prefix_fitting("서울시", 5, &cols), 6);
	CHECK_INT(cols, 4);
	CHECK_INT(utf8_prefix_fitting("서울시", 6, &cols), 9);
	CHECK_INT(cols, 6);
	CHECK_INT(utf8_prefix_fitting("abc", 0, &cols), 0);
	CHECK_INT(cols, 0);
	CHECK_INT(utf8_prefix_fitting("abe\xCC\x81x", 3, &cols), 5);	/* keeps the mark */
	CHECK_INT(cols, 3);
	CHECK_INT(utf8_prefix_fitting("ab", 10, NULL), 2);
}

TEST(column)
{
	const char *s = "é\t서울 x";

	CHECK_INT(utf8_column(s, 0), 1);
	CHECK_INT(utf8_column(s, 2), 2);	/* the tab */
	CHECK_INT(utf8_column(s, 3), 3);	/* 서 */
	CHECK_INT(utf8_column(s, 6), 4);	/* 울 */
	CHECK_INT(utf8_column(s, 10), 6);	/* x */
	CHECK_INT(utf8_column("a\xFF" "b", 2), 3);	/* invalid byte counts 1 */
}

TEST(sanitize)
{
	struct strbuf sb = STRBUF_INIT;

	utf8_sanitize(&sb, "plain 서울");
	CHECK_STR(sb.buf, "plain 서울");
	strbuf_reset(&sb);
	utf8_sanitize(&sb, "a\x1b[2Jb\tc\x7f");
	CHECK_STR(sb.buf, "a\\x1b[2Jb\\x09c\\x7f");
	strbuf_reset(&sb);
	utf8_sanitize(&sb, "x\xC2\x9By");	/* C1 CSI */
	CHECK_STR(sb.buf, "x\\x9by");
	strbuf_reset(&sb);
	utf8_sanitize(&sb, "abc\xE2\x80\xAE" "def\xE2\x81\xA6");
	CHECK_STR(sb.buf, "abc\\u{202E}def\\u{2066}");
	strbuf_reset(&sb);
	utf8_sanitize(&sb, "bad\xFF\xC3");
	CHECK_STR(sb.buf, "bad\\xff\\xc3");
	CHECK_INT(utf8_width("bad\xFF\xC3"), sb.len);
	strbuf_release(&sb);
}

/* U+2028, U+2029 break lines in editors and some terminals: escaped like
 * the bidirectional controls, and measured as their escape. */
TEST(sanitize_separators)
{
	struct strbuf sb = STRBUF_INIT;

	utf8_sanitize(&sb, "a\xE2\x80\xA8" "b\xE2\x80\xA9" "c");
	CHECK_STR(sb.buf, "a\\u{2028}b\\u{2029}c");
	CHECK_INT(utf8_width("a\xE2\x80\xA8" "b\xE2\x80\xA9" "c"), sb.len);
	strbuf_reset(&sb);
	/* Every bidirectional control, ALM and the marks included. */
	utf8_sanitize(&sb, "\xD8\x9C\xE2\x80\x8E\xE2\x80\x8F\xE2\x80\xAA"
			   "\xE2\x81\xA9");
	CHECK_STR(sb.buf, "\\u{061C}\\u{200E}\\u{200F}\\u{202A}\\u{2069}");
	strbuf_reset(&sb);
	/* The joiners are spelling, not controls; a backslash stays one. */
	utf8_sanitize(&sb, "\xE2\x80\x8C\xE2\x80\x8D\\x1b");
	CHECK_STR(sb.buf, "\xE2\x80\x8C\xE2\x80\x8D\\x1b");
	strbuf_reset(&sb);
	/* Invisible ones are shown: U+FEFF, soft hyphen, zero width
	 * space, a tag character (five digits, nine columns). */
	utf8_sanitize(&sb, "\xEF\xBB\xBF" "a\xC2\xAD" "b\xE2\x80\x8B\xF3\xA0\x81\x81");
	CHECK_STR(sb.buf, "\\u{FEFF}a\\u{00AD}b\\u{200B}\\u{E0041}");
	CHECK_INT(utf8_width("\xF3\xA0\x81\x81"), 9);
	CHECK_INT(utf8_width("\xEF\xBB\xBF"), 8);
	strbuf_release(&sb);
}

TEST(sets)
{
	uint32_t cp;
	int n_display = 0;

	for (cp = 0; cp <= 0x10FFFF; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		/* What a terminal shows escaped is what files escape: one
		 * set. */
		if (utf8_acts_on_display(cp)) {
			n_display++;
			CHECK(utf8_is_invisible_control(cp));
		} else {
			CHECK(!utf8_is_invisible_control(cp));
		}
	}
	/* 65 controls, 12 bidirectional controls, 2 separators, and the
	 * other format characters (tags, U+FEFF...: over 150). */
	CHECK(n_display > 65 + 12 + 2 + 150);
	CHECK(utf8_acts_on_display(0x00AD));
	CHECK(utf8_acts_on_display(0x200B));
	CHECK(utf8_acts_on_display(0xFEFF));
	CHECK(utf8_acts_on_display(0xE0001));
	CHECK(utf8_acts_on_display(0xE007F));
	CHECK(!utf8_acts_on_display(0x200D));
	CHECK(utf8_is_invisible_control(0x00AD));	/* soft hyphen */
	CHECK(utf8_is_invisible_control(0x200B));	/* zero width space */
	CHECK(utf8_is_invisible_control(0xFEFF));
	CHECK(utf8_is_invisible_control(0xE0041));	/* tag A */
	CHECK(utf8_is_invisible_control(0x85));
	CHECK(!utf8_is_invisible_control(0x200C));
	CHECK(!utf8_is_invisible_control(0x200D));
	CHECK(!utf8_is_invisible_control(' '));
	CHECK(!utf8_is_invisible_control(0xA0));	/* no-break space */
	CHECK(!utf8_is_invisible_control(0x3000));	/* ideographic space */
	CHECK(!utf8_is_invisible_control(0xAC00));
	CHECK(!utf8_is_invisible_control(0x110000));
}

/* The options tsv.c writes with: unambiguous, one line. */
TEST(escape_options)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s = "a\\x1b\tb\r\nc\x1b\xE2\x80\xAE\xC2\x85\xFF";

	utf8_escape(&sb, s, UTF8_ESC_BACKSLASH | UTF8_ESC_BREAKS);
	CHECK_STR(sb.buf, "a\\\\x1b b  c\\x1b\\u{202E}\\x85\\xff");
	strbuf_reset(&sb);
	utf8_escape(&sb, s, UTF8_ESC_BREAKS);
	CHECK_STR(sb.buf, "a\\x1b b  c\\x1b\\u{202E}\\x85\\xff");
	strbuf_reset(&sb);
	utf8_escape(&sb, s, 0);
	CHECK_STR(sb.buf, "a\\x1b\\x09b\\x0d\\x0ac\\x1b\\u{202E}\\x85\\xff");
	strbuf_reset(&sb);
	utf8_escape(&sb, "\\\\", UTF8_ESC_BACKSLASH);
	CHECK_STR(sb.buf, "\\\\\\\\");
	strbuf_release(&sb);
}

/* A bounded copy cut a letter in two: the cut bytes go, whole ones stay. */
TEST(drop_cut_tail)
{
	char a[] = "Emma\xC3";		/* é cut after its lead byte */
	char b[] = "Caf\xC3\xA9";		/* é whole */
	char c[] = "x\xE2\x82";		/* € cut after two of three */
	char d[] = "x\xF0\x9F\x98\x80"; /* an emoji whole */
	char e[] = "plain";
	char f[] = "";

	CHECK_INT(utf8_drop_cut_tail(a), 4);
	CHECK_STR(a, "Emma");
	CHECK_INT(utf8_drop_cut_tail(b), 5);
	CHECK_STR(b, "Caf\xC3\xA9");
	CHECK_INT(utf8_drop_cut_tail(c), 1);
	CHECK_STR(c, "x");
	CHECK_INT(utf8_drop_cut_tail(d), 5);
	CHECK_INT(utf8_drop_cut_tail(e), 5);
	CHECK_INT(utf8_drop_cut_tail(f), 0);
}

TEST(fold)
{
	char buf[64];

	CHECK_INT(utf8_fold("São Paulo", buf, sizeof(buf), 0), 9);
	CHECK_STR(buf, "sao paulo");
	utf8_fold("São Paulo", buf, sizeof(buf), UTF8_FOLD_ALNUM);
	CHECK_STR(buf, "saopaulo");
	utf8_fold("Sharm el-Sheikh", buf, sizeof(buf), UTF8_FOLD_ALNUM);
	CHECK_STR(buf, "sharmelsheikh");
	utf8_fold("Straße ŁÓDŹ Ærø", buf, sizeof(buf), 0);
	CHECK_STR(buf, "strasse lodz aero");
	utf8_fold("Brașov", buf, sizeof(buf), 0);
	CHECK_STR(buf, "brasov");
	utf8_fold("서울 Seoul", buf, sizeof(buf), UTF8_FOLD_ALNUM);
	CHECK_STR(buf, "서울seoul");
	/* Beyond Latin-1 and Latin Extended-A (utf8proc): Vietnamese, with
	 * stacked marks and đ; Greek and Cyrillic case; fullwidth forms. */
	utf8_fold("Hà Nội", buf, sizeof(buf), UTF8_FOLD_ALNUM);
	CHECK_STR(buf, "hanoi");
	utf8_fold("Đà Nẵng", buf, sizeof(buf), UTF8_FOLD_ALNUM);
	CHECK_STR(buf, "danang");
	utf8_fold("Thành phố Hồ Chí Minh", buf, sizeof(buf), UTF8_FOLD_ALNUM);
	CHECK_STR(buf, "thanhphohochiminh");
	utf8_fold("ＴＯＫＹＯ", buf, sizeof(buf), 0);
	CHECK_STR(buf, "tokyo");
	utf8_fold("ΑΘΉΝΑ Москва", buf, sizeof(buf), 0);
	CHECK_STR(buf, "αθηνα москва");
	utf8_fold("İzmir", buf, sizeof(buf), UTF8_FOLD_ALNUM);
	CHECK_STR(buf, "izmir");
	/* Decomposed input folds like composed input. */
	utf8_fold("Sa\xcc\x83o", buf, sizeof(buf), 0);
	CHECK_STR(buf, "sao");
	/* Never longer than the input: U+FDFA expands to 18 letters. */
	CHECK_INT(utf8_fold("\xef\xb7\xba", buf, sizeof(buf), 0), 3);
	/* Truncation is reported like snprintf. */
	CHECK_INT(utf8_fold("abcdef", buf, 4, 0), 6);
	CHECK_STR(buf, "abc");
}

int main(void)
{
	RUN(decode_valid);
	RUN(decode_invalid);
	RUN(valid);
	RUN(cp_width);
	RUN(string_width);
	RUN(prefix_fitting);
	RUN(column);
	RUN(sanitize);
	RUN(sanitize_separators);
	RUN(sets);
	RUN(escape_options);
	RUN(drop_cut_tail);
	RUN(fold);
	return test_done();
}
