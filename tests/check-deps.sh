#!/bin/sh
# check-deps.sh: the layering rules of /work/shared/DESIGN.md, checked by
# grep (make check-deps). Dependencies point one way: cli -> tui -> core,
# cli -> extract -> core, cli -> core.
#   core   (src/core, include/itin) includes no curses, cli, tui or extract
#          header and no header by a relative path; it never prints (no
#          printf, puts, perror, stdout or stderr: a writer takes the
#          caller's FILE *) and never exits (xalloc.c's out-of-memory exit
#          aside).
#   extract (src/extract, the reader of news reports) keeps the core's
#          rules: no curses, cli or tui header, no printing, no exit.
#   sync   (src/sync and its headers include/itin/dav.h, davxml.h,
#          http.h, sync*.h: `itin sync`'s CalDAV client and reconciliation)
#          keeps the core's rules (no curses, cli, tui or extract header,
#          no printing, no exit); the core includes none of its headers.
#   tui    (src/tui) includes no cli or extract header.
#   cli    (src/cli) reaches the extractor only through extract.h.
#   cli    (src/cli) reaches the viewer only through its public headers,
#          TUI_PUBLIC: tui.h (itin view) and layout.h (the pure layout,
#          also behind itin timeline); the rest of src/tui is its insides.
#   core, extract and cli call nothing that follows the locale (<ctype.h>,
#          strcasecmp: itin/ascii.h instead; setlocale only in src/tui, for
#          ncursesw), keeps static state (strtok, localtime, gmtime, ctime,
#          asctime: the _r forms and tz.h) or cannot bound a write (strcpy,
#          strcat, sprintf, vsprintf, gets).
#   events  an event's strings (id, uid, title, tz, end_tz, venue, city,
#          org, source, notes) and its participant and tag arrays (with,
#          tags) change only through event.h's setters (event_set_str,
#          event_set_strn, event_take_str, event_set_place,
#          event_add_participant, event_add_tag...): they live in the
#          event's arena (evarena.h), and only event.c puts them there. No
#          assignment to ev->title and the like, no free() of one and no
#          *_dup(..., &ev->title) writing one, outside EVENT_WRITERS, in
#          the core, the cli, the viewer, the extractor or the tests
#          and benchmarks (whose events are freed the same way). An event is
#          named ev (pe->ev, nev...) wherever one is written.
#   libs   libical, ncursesw and libxml2 are opened on demand
#          (include/itin/dynlib.h), never linked: only the header that
#          lists what a module calls of one includes that library's
#          headers (src/core/icaldl.h, src/tui/cursesdl.h,
#          include/itin/xmldl.h, src/sync/curldl.h), so that every call
#          goes through its table; and only src/core/dynlib.c includes
#          <dlfcn.h>.
# Comment lines (starting with /*, * or //) are left out. Before checking
# the tree the script checks itself on planted samples, each of which a
# rule must catch, so a rule that stops matching fails here at once.
# Run from the top of the tree; exit 1 naming every offending line.

# The sync layer's headers live in include/itin but are not the core's.
SYNC_HEADERS_RE='include/itin/(dav|davxml|http|sync[a-z_]*)\.h$'
SYNC_HEADERS=$(ls include/itin/*.h | grep -E "$SYNC_HEADERS_RE")
CORE="src/core/*.[ch] $(ls include/itin/*.h | grep -vE "$SYNC_HEADERS_RE")"
SYNC="src/sync/*.[ch] $SYNC_HEADERS"
# The one file of the core that may exit: out of memory (see xalloc.c).
MAY_EXIT=src/core/xalloc.c
TUI_PUBLIC='tui\.h|layout\.h'
# The files that may write an event's strings directly: event.c owns them,
# in the memory of evarena.c.
EVENT_WRITERS='src/core/(event|evarena)\.c'
EV_STR='[[:alnum:]_]*ev->(id|uid|title|tz|end_tz|venue|city|org|source|notes|with|tags)'

INCLUDE=':[0-9]+:[[:space:]]*#[[:space:]]*include[[:space:]]*'
# FILE:LINE:TEXT of the lines allowed to include a library on demand: the
# tables, and bench's floors, which are libical's own programs on purpose.
LIB_INCLUDERS='src/core/icaldl\.h:[0-9]+:[^<]*<libical/|bench/(empty-ical|icalwrite|icalparse)\.c:[0-9]+:[^<]*<libical/|src/tui/cursesdl\.h:[0-9]+:[^<]*<curses\.h|include/itin/xmldl\.h:[0-9]+:[^<]*<libxml/|src/sync/curldl\.h:[0-9]+:[^<]*<curl/|src/core/dynlib\.c:[0-9]+:[^<]*<dlfcn\.h>'
BANNED_STR='strn?casecmp|strcpy|strcat|v?sprintf|strtok|gets'
BANNED_TIME='localtime|gmtime|ctime|asctime|setlocale'
BANNED_CTYPE='is(alnum|alpha|blank|cntrl|digit|graph|lower|print|punct|space|upper|xdigit)|toupper|tolower'
BANNED="$BANNED_STR|$BANNED_TIME|$BANNED_CTYPE"

# The rules. Each reads the files named, prints the lines that break it
# as FILE:LINE:TEXT, and says nothing when there are none.
code_grep() { # ERE FILE...: lines matching ERE outside comments
	_re=$1
	shift
	# Each line as FILE:LINE:TEXT (INCLUDE anchors on that), a comment
	# within it taken out first ("/* c */ printf(...)"); then a line that
	# is all comment ("/* ...", " * ...", "// ...") is left out, but not
	# code that starts with a "*" ("*p = puts(s);").
	awk '{ l = $0; gsub(/\/\*([^*]|\*+[^*\/])*\*+\//, "", l)
	       print FILENAME ":" FNR ":" l }' "$@" |
		grep -E -- "$_re" |
		grep -vE '^[^:]+:[0-9]+:[[:space:]]*(/\*|\*([[:space:]]|/|$)|//)'
}
core_includes() { # sync_includes, and the sync layer's headers
	code_grep "$INCLUDE"'(<(n?curses|ncursesw|term\.h|panel\.h)|"\.\./|"([^"]*/)?(cli|tui|extract|sync)[/.]|"itin/(dav|davxml|http|sync[a-z_]*)\.h")' "$@"
}
sync_includes() { # the core's rule, but for the sync layer's own headers
	code_grep "$INCLUDE"'(<(n?curses|ncursesw|term\.h|panel\.h)|"\.\./|"([^"]*/)?(cli|tui|extract)[/.])' "$@"
}
extract_includes() { # the core's rule, but for its own extract.h
	code_grep "$INCLUDE"'(<(n?curses|ncursesw|term\.h|panel\.h)|"\.\./|"([^"]*/)?(cli|tui)[/.])' "$@"
}
core_prints() {
	code_grep '\b(printf|vprintf|dprintf|puts|putchar|perror|v?warnx?|v?errx?)[[:space:]]*\(|\bwrite[[:space:]]*\([[:space:]]*[12][[:space:]]*,|\b(stdout|stderr)\b' "$@"
}
core_exits() {
	code_grep '\b(_?exit|_Exit|quick_exit|abort)[[:space:]]*\(' "$@" |
		grep -v "^$MAY_EXIT:"
}
tui_includes_cli() { # or the extractor, which the viewer never runs
	code_grep "$INCLUDE"'"([^"]*/)?(cli|extract)[/.]' "$@"
}
cli_includes_extract() { # any header of src/extract but extract.h
	code_grep "$INCLUDE"'"([^"]*/)?extract/' "$@" |
		grep -vE '"\.\./extract/extract\.h"'
}
cli_includes_tui() { # any header of src/tui but the public ones
	code_grep "$INCLUDE"'"([^"]*/)?tui/' "$@" |
		grep -vE '"\.\./tui/('"$TUI_PUBLIC"')"'
}
lib_includes() { # a library's header outside its one includer
	code_grep "$INCLUDE"'<(libical/|n?curses(w/)?[a-z_]*\.h|ncursesw/|libxml/|curl/|dlfcn\.h)' "$@" |
		grep -vE "^($LIB_INCLUDERS)"
}
banned_calls() {
	code_grep "\\b($BANNED)[[:space:]]*\\(|$INCLUDE<ctype\\.h>" "$@"
}
direct_event_strings() { # ev->title = ..., free(ev->title), x_dup(.., &ev->title)
	_assign="$EV_STR[[:space:]]*=([^=]|\$)"
	_free="\\bfree[[:space:]]*\\([[:space:]]*([[:alnum:]_]+(->|\\.))*$EV_STR[[:space:]]*\\)"
	_dup="_dup[[:space:]]*\\([^;]*&$EV_STR\\b"
	code_grep "$_assign|$_free|$_dup" "$@" | grep -vE "^$EVENT_WRITERS:"
}

# expect RULE N FILE: RULE finds exactly N lines in FILE.
selftest_failed=0
expect() {
	_n=$("$1" "$3" | wc -l | tr -d ' ')
	if [ "$_n" != "$2" ]; then
		echo "check-deps.sh: rule $1 finds $_n lines in its sample, want $2" >&2
		selftest_failed=1
	fi
}

selftest() {
	s=$(mktemp -d "${TMPDIR:-/tmp}/check-deps.XXXXXX") || exit 1
	# Each line but the comments breaks the rule the sample is named for.
	cat >"$s/core_includes.c" <<-'EOF'
	#include "../tui/tui.h"
	# include <ncursesw/curses.h>
	#include <curses.h>
	#include "cli/cli.h"
	#include "tui.h"
	#include "../src/core/event.h"
	#include "../extract/extract.h"
	#include "extract.h"
	#include "itin/dav.h"
	#include "itin/syncstate.h"
	// #include "../tui/tui.h"
	EOF
	cat >"$s/core_prints.c" <<-'EOF'
	printf("x");
	puts (s);
	fputs(s, stderr);
	fprintf(stdout, "x");
	perror("x");
	*p = puts("x");
	/* c */ printf("x");
	dprintf(2, "x");
	write(2, s, n);
	errx(1, "x");
	/* printf("x"); */
	 * puts(s);
	warn_no_date(r, p);
	write(fd, s, n);
	EOF
	cat >"$s/core_exits.c" <<-'EOF'
	exit(1);
	_exit(1);
	abort ();
	 * exit(1);
	EOF
	cat >"$s/tui_includes_cli.c" <<-'EOF'
	#include "../cli/cli.h"
	#include "cli.h"
	#include "../extract/extract.h"
	EOF
	cat >"$s/cli_includes_extract.c" <<-'EOF'
	#include "../extract/xdate.h"
	#include "../extract/xinput.h"
	#include "../extract/extract.h"
	EOF
	cat >"$s/cli_includes_tui.c" <<-'EOF'
	#include "../tui/view.h"
	#include "../tui/tui.hh"
	EOF
	cat >"$s/lib_includes.c" <<-'EOF'
	#include <libical/ical.h>
	#include <curses.h>
	# include <ncursesw/curses.h>
	#include <ncurses.h>
	#include <libxml/HTMLparser.h>
	#include <curl/curl.h>
	#include <dlfcn.h>
	// #include <curses.h>
	EOF
	cat >"$s/banned_calls.c" <<-'EOF'
	ctime(t);
	isprint(c);
	tolower (c);
	sprintf(b, "x");
	#include <ctype.h>
	EOF
	cat >"$s/cli_clean.c" <<-'EOF'
	#include "../extract/extract.h"
	#include "../tui/tui.h"
	#include "../tui/layout.h"
	#include "cli.h"
	EOF
	cat >"$s/direct_event_strings.c" <<-'EOF'
	ev->title = xstrdup(s);
	pe->ev->tz = NULL;
	nev->id=event_random_id();
	free(ev->notes);
	if (itinread_unescape_dup(r, vs, ve, &ev->org))
	ev->with = xrealloc(ev->with, n * sizeof(*ev->with));
	free(pe->ev->tags);
	nev->uid = strbuf_detach(&sb, NULL);
	free( ev->venue );
	 * ev->title = s;
	EOF
	# What the rules must let through.
	cat >"$s/clean.c" <<-'EOF'
	#include "itin/err.h"
	#include "places-data.h"
	#include <stdio.h>
	snprintf(b, n, "x");
	fprintf(fp, "x");
	fputs(s, out);
	atexit(restore);
	if (r->in != stdin)
	ascii_tolower(c);
	localtime_r(&t, &tm);
	strtoll(s, &end, 10);
	event_set_str(ev, &ev->title, s);
	event_take_str(ev, &ev->notes, strbuf_detach(&b, NULL));
	if (ev->tz == NULL || ev->city != o->city)
	loc->city = xstrdup(s);
	s->id = xstrdup(id);
	o->with = xrealloc(o->with, n);
	free(vw->with);
	if (ev->tags == NULL || ev->with[0].name == o->tags[0])
	event_add_tag(ev, ev->tags[0]);
	EOF
	expect core_includes 10 "$s/core_includes.c"
	expect sync_includes 8 "$s/core_includes.c"
	expect core_prints 10 "$s/core_prints.c"
	expect core_exits 3 "$s/core_exits.c"
	expect extract_includes 7 "$s/core_includes.c"
	expect tui_includes_cli 3 "$s/tui_includes_cli.c"
	expect cli_includes_extract 2 "$s/cli_includes_extract.c"
	expect cli_includes_tui 2 "$s/cli_includes_tui.c"
	expect lib_includes 7 "$s/lib_includes.c"
	expect banned_calls 5 "$s/banned_calls.c"
	expect direct_event_strings 9 "$s/direct_event_strings.c"
	for rule in core_includes core_prints core_exits tui_includes_cli \
		cli_includes_tui cli_includes_extract lib_includes banned_calls \
		direct_event_strings; do
		expect "$rule" 0 "$s/clean.c"
	done
	expect extract_includes 0 "$s/clean.c"
	expect sync_includes 0 "$s/clean.c"
	expect cli_includes_tui 0 "$s/cli_clean.c"
	expect cli_includes_extract 0 "$s/cli_clean.c"
	rm -rf "$s"
	[ "$selftest_failed" -eq 0 ] || exit 1
}

# check WHY RULE FILE...: run RULE over the tree; WHY when it finds any.
status=0
check() {
	_why=$1
	_rule=$2
	shift 2
	if "$_rule" "$@"; then
		echo "check-deps: $_why (see tests/check-deps.sh)" >&2
		status=1
	fi
}

selftest
# shellcheck disable=SC2086 # the globs are meant to expand
{
	check "core must not include curses, cli or tui headers, nor reach outside by ../" \
		core_includes $CORE
	check "core must not print: return an error, or write to the caller's FILE *" \
		core_prints $CORE
	check "core must not exit: return an error" \
		core_exits $CORE
	check "src/extract must not include curses, cli or tui headers" \
		extract_includes src/extract/*.[ch]
	check "src/extract must not print: return an error, or warn through an itin_warner" \
		core_prints src/extract/*.[ch]
	check "src/extract must not exit: return an error" \
		core_exits src/extract/*.[ch]
	check "the sync layer must not include curses, cli, tui or extract headers" \
		sync_includes $SYNC
	check "the sync layer must not print: return an error" \
		core_prints $SYNC
	check "the sync layer must not exit: return an error" \
		core_exits $SYNC
	check "src/tui must not include src/cli or src/extract headers" \
		tui_includes_cli src/tui/*.[ch]
	check "src/cli reaches the viewer only through src/tui/tui.h and layout.h" \
		cli_includes_tui src/cli/*.[ch]
	check "src/cli reaches the extractor only through src/extract/extract.h" \
		cli_includes_extract src/cli/*.[ch]
	check "a library opened on demand is included only by its table's header (dynlib.h)" \
		lib_includes src/*/*.[ch] include/itin/*.h tests/unit/*.[ch] \
		tests/fuzz/*.[ch] bench/*.c
	check "banned call in src/core, src/sync, src/extract or src/cli" \
		banned_calls $CORE $SYNC src/extract/*.[ch] src/cli/*.[ch]
	check "an event's strings change only through event.h's setters" \
		direct_event_strings $CORE $SYNC src/cli/*.[ch] src/tui/*.[ch] \
		src/extract/*.[ch] tests/unit/*.[ch] tests/fuzz/*.c bench/*.c
}
exit "$status"
