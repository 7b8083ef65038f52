/*
 * xinput.c: a report's bytes as plain text (xinput.h).
 *
 * Text: checked (no NUL, valid UTF-8), its byte order mark dropped and its
 * line ends made "\n"; nothing else changes, so lines and columns in the
 * extractor's warnings are the file's.
 *
 * HTML: parsed by libxml2's HTML parser through SAX callbacks, with no
 * tree: memory is the output and the parser's stack of open elements,
 * whatever the page. The callbacks keep the words of the page's content
 * and mute whole subtrees (scripts, styles, navigation, forms, asides,
 * the site's header and footer, elements whose class, id or role say
 * menu, share, related, comments, cookie, advert); block elements give a
 * paragraph break, <br> a line break; runs of white space collapse to one
 * space. Every element is looked at for the page's own date, even inside
 * a muted one (a JSON-LD <script>, a <time> in a header).
 */
#include <string.h>

#include "itin/ascii.h"
#include "itin/recode.h"
#include "itin/strbuf.h"
#include "itin/utf8.h"
#include "itin/xalloc.h"
#include "xinput.h"
#include "itin/xmldl.h"

/* Elements nested deeper are refused: no page needs them, and libxml2's
 * HTML parser looks through the open elements at every end tag. */
#define XINPUT_MAX_DEPTH 256

/* ---- where a byte is, for messages ---- */

/* Line and column (1-based, columns in characters) of data[off]; a byte
 * order mark at the start does not count, as inread.h counts. */
static void locate(const char *data, size_t off, long *line, long *col)
{
	size_t start = 0, i;
	long c = 1;

	*line = 1;
	for (i = 0; i < off; i++)
		if (data[i] == '\n') {
			++*line;
			start = i + 1;
		}
	if (start == 0 && off >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		start = 3;
	for (i = start; i < off; i++)
		if (((unsigned char)data[i] & 0xC0) != 0x80)
			c++;
	*col = c;
}

static int fail_at(const char *data, size_t off, const char *file,
		   struct itin_err *err, const char *what)
{
	long line, col;

	locate(data, off, &line, &col);
	return itin_err_at(err, ITIN_EX_DATAERR, file, line, col, "%s", what);
}

/* A NUL byte anywhere: binary data, not a report. */
static int check_nul(const char *data, size_t len, const char *file,
		     struct itin_err *err)
{
	const char *nul = memchr(data, '\0', len), *option = NULL, *looks;
	char what[160];

	if (!nul)
		return 0;
	/* UTF-16 has a NUL in every ASCII character: say what it is. */
	looks = recode_guess(data, len < 64 ? len : 64, &option);
	if (looks && strcmp(looks, "UTF-16") == 0)
		snprintf(what, sizeof(what),
			 "NUL byte: the file looks like UTF-16; convert it "
			 "to UTF-8 (iconv -f %s -t utf-8)",
			 option);
	else
		snprintf(what, sizeof(what),
			 "binary data (a NUL byte), not a text or HTML report");
	return fail_at(data, (size_t)(nul - data), file, err, what);
}

static int check_utf8(const char *data, size_t len, const char *file,
		      struct itin_err *err)
{
	const char *option = NULL, *looks;
	char what[200];
	size_t bad;

	if (utf8_valid(data, len, &bad))
		return 0;
	looks = recode_guess(data, len, &option);
	if (looks)
		snprintf(what, sizeof(what),
			 "invalid UTF-8 (byte 0x%02X); the file looks like "
			 "%s: convert it to UTF-8 (iconv -f %s -t utf-8)",
			 (unsigned char)data[bad], looks, option);
	else
		snprintf(what, sizeof(what), "invalid UTF-8 (byte 0x%02X)",
			 (unsigned char)data[bad]);
	return fail_at(data, bad, file, err, what);
}

/* ---- plain text ---- */

/* Copy with CR LF and a lone CR made LF. */
static void read_text(const char *p, size_t len, struct strbuf *out)
{
	size_t i;

	strbuf_grow(out, len);
	for (i = 0; i < len; i++) {
		if (p[i] != '\r') {
			strbuf_addch(out, p[i]);
			continue;
		}
		strbuf_addch(out, '\n');
		if (i + 1 < len && p[i + 1] == '\n')
			i++;
	}
}

/* ---- recognising HTML ---- */

static bool starts_with_ci(const char *p, const char *end, const char *word)
{
	size_t n = strlen(word), i;

	if ((size_t)(end - p) < n)
		return false;
	for (i = 0; i < n; i++)
		if (ascii_tolower((unsigned char)p[i]) != word[i])
			return false;
	return true;
}

/* The first markup of a page: a doctype, a comment ("saved from url"),
 * an XML declaration, or one of these elements before any text. */
static bool looks_like_html(const char *p, size_t len)
{
	static const char *const tags[] = {
	    "html",  "head",	"body", "p",	    "div",    "meta",
	    "title", "article", "main", "section",  "h1",     "h2",
	    "h3",    "header",	"nav",	"link",	    "script", "style",
	    "table", "span",	"base", "noscript", "br",     "blockquote"};
	const char *end = p + len, *q;
	size_t i;

	while (p < end && ascii_isspace((unsigned char)*p))
		p++;
	if (p == end || *p != '<')
		return false;
	p++;
	if (starts_with_ci(p, end, "!doctype") ||
	    starts_with_ci(p, end, "!--") || starts_with_ci(p, end, "?xml"))
		return true;
	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++) {
		if (!starts_with_ci(p, end, tags[i]))
			continue;
		q = p + strlen(tags[i]);
		if (q < end && (*q == '>' || *q == '/' ||
				ascii_isspace((unsigned char)*q)))
			return true;
	}
	return false;
}

/* The first "key = value" in [p, end) (the value quoted or not) into
 * out; false when there is none. */
static bool value_of(const char *p, const char *end, const char *key, char *out,
		     size_t size)
{
	size_t k = strlen(key), n = 0;

	for (; p < end; p++) {
		if (!starts_with_ci(p, end, key))
			continue;
		p += k;
		while (p < end && ascii_isspace((unsigned char)*p))
			p++;
		if (p == end || *p != '=')
			continue;
		p++;
		while (p < end && (ascii_isspace((unsigned char)*p) ||
				   *p == '"' || *p == '\''))
			p++;
		while (p < end && n + 1 < size &&
		       (ascii_isalpha((unsigned char)*p) ||
			ascii_isdigit((unsigned char)*p) || *p == '-' ||
			*p == '_' || *p == ':' || *p == '.'))
			out[n++] = *p++;
		out[n] = '\0';
		return n > 0;
	}
	return false;
}

/*
 * The charset a page declares in its first 4 KiB (<meta charset=X> or
 * content="text/html; charset=X"), as a browser's prescan finds it, else
 * in its XML declaration (<?xml ... encoding="X"?>); "" when none.
 */
static void declared_charset(const char *p, size_t len, char *out, size_t size)
{
	const char *end = p + (len < 4096 ? len : 4096), *decl;

	out[0] = '\0';
	if (value_of(p, end, "charset", out, size))
		return;
	if (starts_with_ci(p, end, "<?xml") &&
	    (decl = memchr(p, '>', (size_t)(end - p))) != NULL)
		value_of(p, decl, "encoding", out, size);
}

static bool is_utf8_name(const char *cs)
{
	char low[16];
	size_t i;

	for (i = 0; cs[i] && i + 1 < sizeof(low); i++)
		low[i] = (char)ascii_tolower((unsigned char)cs[i]);
	low[i] = '\0';
	return strcmp(low, "utf-8") == 0 || strcmp(low, "utf8") == 0;
}

/* ---- HTML: the walk ---- */

enum brk { BRK_NONE, BRK_SPACE, BRK_LINE, BRK_PARA };

/* Where the page's date came from, best first. */
enum date_rank {
	RANK_PUBLISHED, /* article:published_time */
	RANK_META,	/* <meta name="date"> and the like */
	RANK_SCHEMA,	/* JSON-LD or itemprop "datePublished" */
	RANK_TIME,	/* the first <time datetime> */
	RANK_NONE
};

struct walk {
	xmlParserCtxtPtr ctxt;
	struct strbuf out;
	enum brk pending; /* the break owed before the next word */
	int depth;	  /* open elements */
	int mute;	  /* depth of the muted element, or 0 */
	int in_content;	  /* depth of the outermost <article>/<main>, or 0 */
	int body;	  /* depth of <body>, or 0 */
	int h1;		  /* depth of the first <h1> while open, or 0 */
	size_t h1_start;  /* where its words start in out */
	bool h1_done;
	int title;     /* depth of <title> while open, or 0 */
	int script_ld; /* depth of a JSON-LD <script> while open, or 0 */
	struct strbuf capture; /* <title> or JSON-LD text */
	enum date_rank rank;
	bool too_deep;
	struct xinput *in;
};

static bool name_in(const char *name, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(name, *list) == 0)
			return true;
	return false;
}

static const char *const muted_tags[] = {
    "script", "style",	  "noscript", "nav",	"aside",    "iframe",
    "svg",    "template", "button",   "select", "textarea", "head",
    "object", "canvas",	  "dialog",   "menu",	NULL};

static const char *const block_tags[] = {
    "p",       "div",	  "h1",		"h2",	      "h3",	 "h4",
    "h5",      "h6",	  "ul",		"ol",	      "li",	 "dl",
    "dt",      "dd",	  "table",	"thead",      "tbody",	 "tfoot",
    "tr",      "caption", "blockquote", "pre",	      "section", "article",
    "main",    "address", "figure",	"figcaption", "hr",	 "center",
    "details", "summary", "fieldset",	"body",	      "html",	 "header",
    "footer",  "hgroup",  NULL};

/* Words in class, id and role that name what is not the report: these
 * anywhere ("site-navigation", "relatedStories")... */
static const char *const muted_words[] = {
    "navigation", "menu", "related", "comments", "cookie", "advert", NULL};
/* ...and these as whole tokens only, being short or parts of other
 * words ("ad" in "headline", "comment" in "commentary"). */
static const char *const muted_tokens[] = {
    "nav",     "ad",	      "ads",	       "share",	     "sharing",
    "comment", "breadcrumb",  "breadcrumbs",   "newsletter", "social",
    "sidebar", "promo",	      "subscribe",     "popup",	     "modal",
    "banner",  "contentinfo", "complementary", "search",     "menubar",
    NULL};

/* True when value (class, id or role) names a muted part (tokens are
 * separated by anything but letters and digits). */
static bool names_muted(const char *value)
{
	char low[256], *tok;
	size_t i, n;

	for (n = 0; value[n] && n + 1 < sizeof(low); n++)
		low[n] = (char)ascii_tolower((unsigned char)value[n]);
	low[n] = '\0';
	for (i = 0; muted_words[i]; i++)
		if (strstr(low, muted_words[i]))
			return true;
	for (tok = low; *tok;) {
		size_t k = 0;

		while (ascii_isalpha((unsigned char)tok[k]) ||
		       ascii_isdigit((unsigned char)tok[k]))
			k++;
		if (k) {
			char save = tok[k];

			tok[k] = '\0';
			if (name_in(tok, muted_tokens))
				return true;
			tok[k] = save;
			tok += k;
		} else {
			tok++;
		}
	}
	return false;
}

static const char *attr(const xmlChar **atts, const char *name)
{
	size_t i;

	for (i = 0; atts && atts[i]; i += 2)
		if (strcmp((const char *)atts[i], name) == 0)
			return atts[i + 1] ? (const char *)atts[i + 1] : "";
	return NULL;
}

static bool eq_ci(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (ascii_tolower((unsigned char)*a) !=
		    ascii_tolower((unsigned char)*b))
			return false;
	return *a == *b;
}

/* Keep value as the page's date if it is ISO 8601 (YYYY-MM-DD...) and
 * comes from a better place than the one kept so far. */
static void offer_date(struct walk *w, const char *value, enum date_rank rank)
{
	const char *v = value;
	size_t n = 0, i;

	if (!v || rank >= w->rank)
		return;
	while (ascii_isspace((unsigned char)*v))
		v++;
	for (i = 0; i < 10; i++) {
		bool dash = i == 4 || i == 7;

		if (dash ? v[i] != '-' : !ascii_isdigit((unsigned char)v[i]))
			return;
	}
	while (v[n] && n + 1 < sizeof(w->in->meta_date) &&
	       !ascii_isspace((unsigned char)v[n]) && v[n] != '"')
		n++;
	memcpy(w->in->meta_date, v, n);
	w->in->meta_date[n] = '\0';
	w->rank = rank;
}

static void meta_date(struct walk *w, const xmlChar **atts)
{
	static const char *const names[] = {"date",
					    "pubdate",
					    "publishdate",
					    "publish-date",
					    "publication_date",
					    "dc.date",
					    "dc.date.issued",
					    "dcterms.date",
					    "dcterms.issued",
					    "article.published",
					    NULL};
	const char *content = attr(atts, "content");
	const char *prop = attr(atts, "property");
	const char *name = attr(atts, "name");
	const char *item = attr(atts, "itemprop");
	size_t i;

	if (!content)
		return;
	if (prop && (eq_ci(prop, "article:published_time") ||
		     eq_ci(prop, "og:article:published_time")))
		offer_date(w, content, RANK_PUBLISHED);
	for (i = 0; name && names[i]; i++)
		if (eq_ci(name, names[i]))
			offer_date(w, content, RANK_META);
	if (item && eq_ci(item, "datePublished"))
		offer_date(w, content, RANK_SCHEMA);
}

/* "datePublished": "2023-01-30T..." anywhere in a JSON-LD block. */
static void jsonld_date(struct walk *w, const char *json)
{
	const char *p = json;

	while ((p = strstr(p, "\"datePublished\"")) != NULL) {
		p += 15;
		while (ascii_isspace((unsigned char)*p))
			p++;
		if (*p != ':')
			continue;
		p++;
		while (ascii_isspace((unsigned char)*p))
			p++;
		if (*p == '"')
			offer_date(w, p + 1, RANK_SCHEMA);
		return;
	}
}

static void owe(struct walk *w, enum brk b)
{
	if (b > w->pending)
		w->pending = b;
}

/* The page's date, wherever it is (muted parts too). */
static void look_for_date(struct walk *w, const char *name,
			  const xmlChar **atts)
{
	const char *type;

	if (strcmp(name, "meta") == 0)
		meta_date(w, atts);
	else if (strcmp(name, "time") == 0) {
		const char *item = attr(atts, "itemprop");

		offer_date(w, attr(atts, "datetime"),
			   item && eq_ci(item, "datePublished") ? RANK_SCHEMA
								: RANK_TIME);
	} else if (strcmp(name, "script") == 0 &&
		   (type = attr(atts, "type")) != NULL &&
		   strstr(type, "ld+json") && !w->script_ld) {
		w->script_ld = w->depth;
		strbuf_reset(&w->capture);
	}
}

/* The page's own content: <article>, <main>, or what says it is. */
static bool is_content(const char *name, const xmlChar **atts)
{
	const char *role = attr(atts, "role");
	const char *item = attr(atts, "itemprop");

	return strcmp(name, "article") == 0 || strcmp(name, "main") == 0 ||
	       (role && eq_ci(role, "main")) ||
	       (item && eq_ci(item, "articleBody"));
}

static bool mutes(const struct walk *w, const char *name, const xmlChar **atts)
{
	static const char *const keys[] = {"class", "id", "role", NULL};
	size_t i;

	if (name_in(name, muted_tags))
		return true;
	/* The site's header and footer, not an article's own (which
	 * holds its headline and date line). */
	if (!w->in_content &&
	    (strcmp(name, "header") == 0 || strcmp(name, "footer") == 0))
		return true;
	/* A search box or a sign-up form, not a form that wraps the whole
	 * page (ASP.NET's <form id="aspnetForm"> right inside <body>). */
	if (strcmp(name, "form") == 0)
		return !(w->body && w->depth == w->body + 1);
	if (attr(atts, "hidden"))
		return true;
	for (i = 0; keys[i]; i++) {
		const char *v = attr(atts, keys[i]);

		if (v && names_muted(v))
			return true;
	}
	return false;
}

static void on_start(void *ctx, const xmlChar *tag, const xmlChar **atts)
{
	struct walk *w = ((xmlParserCtxtPtr)ctx)->_private;
	const char *name = (const char *)tag;

	if (++w->depth > XINPUT_MAX_DEPTH) {
		w->too_deep = true;
		xmlStopParser(w->ctxt);
		return;
	}
	look_for_date(w, name, atts);
	if (strcmp(name, "title") == 0 && !w->title && !w->in->title[0]) {
		w->title = w->depth;
		strbuf_reset(&w->capture);
	}
	if (w->mute)
		return;
	if (strcmp(name, "body") == 0 && !w->body)
		w->body = w->depth;
	if (mutes(w, name, atts)) {
		w->mute = w->depth;
		return;
	}
	if (!w->in_content && is_content(name, atts))
		w->in_content = w->depth;
	if (strcmp(name, "br") == 0)
		owe(w, BRK_LINE);
	else if (strcmp(name, "td") == 0 || strcmp(name, "th") == 0)
		owe(w, BRK_SPACE);
	else if (name_in(name, block_tags))
		owe(w, BRK_PARA);
	if (strcmp(name, "h1") == 0 && !w->h1 && !w->h1_done) {
		w->h1 = w->depth;
		w->h1_start = w->out.len;
	}
}

/* Copy what out holds from `from` into dst, without the leading breaks a
 * heading's first word brought. */
static void copy_span(char *dst, size_t size, const char *src, size_t n)
{
	while (n && (*src == '\n' || *src == ' ')) {
		src++;
		n--;
	}
	if (n >= size) {
		n = size - 1;
		/* Not in the middle of a character. */
		while (n && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* Collapse the white space of a captured <title> into in->title. */
static void keep_title(struct walk *w)
{
	struct strbuf t = STRBUF_INIT;
	const char *p = w->capture.buf;
	bool space = false;

	for (; *p; p++) {
		if (ascii_isspace((unsigned char)*p)) {
			space = t.len > 0;
			continue;
		}
		if (space)
			strbuf_addch(&t, ' ');
		space = false;
		strbuf_addch(&t, *p);
	}
	copy_span(w->in->title, sizeof(w->in->title), t.buf, t.len);
	strbuf_release(&t);
}

static void on_end(void *ctx, const xmlChar *tag)
{
	struct walk *w = ((xmlParserCtxtPtr)ctx)->_private;
	const char *name = (const char *)tag;

	if (w->title == w->depth) {
		keep_title(w);
		w->title = 0;
	}
	if (w->script_ld == w->depth) {
		jsonld_date(w, w->capture.buf);
		w->script_ld = 0;
	}
	if (w->h1 == w->depth) {
		/* The first heading, unless the page has a <title>. */
		if (!w->in->title[0])
			copy_span(w->in->title, sizeof(w->in->title),
				  w->out.buf + w->h1_start,
				  w->out.len - w->h1_start);
		w->h1 = 0;
		w->h1_done = true;
	}
	if (w->mute == w->depth)
		w->mute = 0;
	else if (!w->mute && name_in(name, block_tags))
		owe(w, BRK_PARA);
	if (w->in_content == w->depth)
		w->in_content = 0;
	if (w->body == w->depth)
		w->body = 0;
	if (w->depth > 0)
		w->depth--;
}

/* Unicode's spaces that a page uses between words (no-break, thin,
 * narrow no-break, ideographic): one space, as the ASCII ones are. */
static size_t wide_space(const unsigned char *p, size_t n)
{
	if (n >= 2 && p[0] == 0xC2 && p[1] == 0xA0)
		return 2;
	if (n >= 3 && p[0] == 0xE2 && p[1] == 0x80 &&
	    ((p[2] >= 0x80 && p[2] <= 0x8A) || p[2] == 0xAF))
		return 3;
	if (n >= 3 && p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80)
		return 3;
	return 0;
}

static void emit_break(struct walk *w)
{
	static const char *const text[] = {"", " ", "\n", "\n\n"};

	if (w->out.len > 0)
		strbuf_addstr(&w->out, text[w->pending]);
	w->pending = BRK_NONE;
}

static void on_text(void *ctx, const xmlChar *ch, int len)
{
	struct walk *w = ((xmlParserCtxtPtr)ctx)->_private;
	const unsigned char *p = ch;
	size_t n = len > 0 ? (size_t)len : 0, i = 0, sp;

	if (w->title || w->script_ld)
		strbuf_add(&w->capture, ch, n);
	if (w->mute || w->title)
		return;
	while (i < n) {
		if (ascii_isspace(p[i])) {
			owe(w, BRK_SPACE);
			i++;
		} else if ((sp = wide_space(p + i, n - i)) != 0) {
			owe(w, BRK_SPACE);
			i += sp;
		} else {
			if (w->pending)
				emit_break(w);
			strbuf_addch(&w->out, (char)p[i++]);
		}
	}
}

/* libxml2's complaints about tag soup are none of the user's business. */
static void on_error(void *ctx, xmlErrorPtr error)
{
	(void)ctx;
	(void)error;
}

static void set_handlers(xmlSAXHandler *sax)
{
	memset(sax, 0, sizeof(*sax));
	sax->initialized = XML_SAX2_MAGIC;
	sax->startElement = on_start;
	sax->endElement = on_end;
	sax->characters = on_text;
	sax->cdataBlock = on_text;
	sax->ignorableWhitespace = on_text;
	sax->serror = on_error;
}

/* Invalid UTF-8 out of a converted page (it should not happen, but the
 * text goes into the store) becomes U+FFFD. */
static void repair_utf8(struct strbuf *sb)
{
	struct strbuf fixed = STRBUF_INIT;
	size_t i = 0, bad;

	if (utf8_valid(sb->buf, sb->len, &bad))
		return;
	while (i < sb->len) {
		uint32_t cp;
		size_t k = utf8_decode(sb->buf + i, sb->len - i, &cp);

		if (k) {
			strbuf_add(&fixed, sb->buf + i, k);
			i += k;
		} else {
			strbuf_addstr(&fixed, "\xEF\xBF\xBD");
			i++;
		}
	}
	strbuf_release(sb);
	*sb = fixed;
}

static int parse_html(const char *p, size_t len, const char *enc,
		      struct walk *w, const char *file, struct itin_err *err)
{
	xmlParserCtxtPtr ctxt = htmlNewParserCtxt();

	if (!ctxt)
		return itin_err_set(err, ITIN_EX_OSERR, "out of memory");
	set_handlers(ctxt->sax);
	ctxt->_private = w;
	w->ctxt = ctxt;
	htmlCtxtReadMemory(ctxt, p, (int)len, NULL, enc,
			   HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
			       HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
			       HTML_PARSE_NOIMPLIED);
	htmlFreeParserCtxt(ctxt);
	if (w->too_deep)
		return itin_err_at(err, ITIN_EX_DATAERR, file, 0, 0,
				   "HTML nested deeper than %d elements",
				   XINPUT_MAX_DEPTH);
	repair_utf8(&w->out);
	return 0;
}

/*
 * The charset: a page that declares one other than UTF-8 is converted by
 * libxml2 (which must know it); any other is checked as UTF-8 first, so
 * that bad bytes are named where they are.
 */
static int read_html(const char *p, size_t len, const char *file,
		     struct xinput *out, struct itin_err *err)
{
	struct walk w;
	char cs[64];
	const char *enc = "UTF-8";
	xmlCharEncodingHandlerPtr h;
	int rc;

	/* libxml2 is opened for a page, not for a text (xmldl.h). */
	if (xml_lib_load(err))
		return -1;
	declared_charset(p, len, cs, sizeof(cs));
	if (cs[0] && !is_utf8_name(cs)) {
		h = xmlFindCharEncodingHandler(cs);
		if (!h)
			return itin_err_at(err, ITIN_EX_DATAERR, file, 0, 0,
					   "unknown charset '%s'", cs);
		xmlCharEncCloseFunc(h);
		enc = cs;
	} else if (check_utf8(p, len, file, err) < 0) {
		return -1;
	}
	memset(&w, 0, sizeof(w));
	strbuf_init(&w.out);
	strbuf_init(&w.capture);
	w.rank = RANK_NONE;
	w.in = out;
	rc = parse_html(p, len, enc, &w, file, err);
	strbuf_release(&w.capture);
	if (rc < 0) {
		strbuf_release(&w.out);
		return -1;
	}
	out->text = strbuf_detach(&w.out, &out->len);
	return 0;
}

int xinput_read(const char *data, size_t len, const char *file,
		struct xinput *out, struct itin_err *err)
{
	const char *p = data;
	size_t n = len;

	memset(out, 0, sizeof(*out));
	if (len > XINPUT_MAX_BYTES)
		return itin_err_at(err, ITIN_EX_DATAERR, file, 0, 0,
				   "larger than %zu MiB, the limit for a "
				   "report",
				   (size_t)XINPUT_MAX_BYTES >> 20);
	if (check_nul(data, len, file, err) < 0)
		return -1;
	if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
		p += 3;
		n -= 3;
	}
	if (looks_like_html(p, n)) {
		out->was_html = true;
		return read_html(p, n, file, out, err);
	}
	if (check_utf8(data, len, file, err) < 0)
		return -1;
	{
		struct strbuf sb = STRBUF_INIT;

		read_text(p, n, &sb);
		out->text = strbuf_detach(&sb, &out->len);
	}
	return 0;
}

void xinput_release(struct xinput *in)
{
	free(in->text);
	in->text = NULL;
	in->len = 0;
}
