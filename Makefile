# itin: plain make. `make` builds ./itin; `make check` runs every test.
# SANITIZE=address,undefined builds everything into build-san/ instead
# (the binary is build-san/itin) and runs the same tests against it.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DESTDIR ?=
VERSION := 0.1.0

CC ?= cc
CFLAGS ?= -O2 -g
PKG_CONFIG ?= pkg-config
PKGS := libical ncursesw libutf8proc

# Required flags are appended to the user's so they cannot be lost.
WARN := -Wall -Wextra -Wpedantic -Wmissing-prototypes -Wstrict-prototypes \
	-Wshadow -Wformat=2 -Wvla
ALL_CFLAGS = $(CFLAGS) -std=c17 -D_GNU_SOURCE -pthread $(WARN) -Iinclude \
	-DITIN_VERSION='"$(VERSION)"' $(shell $(PKG_CONFIG) --cflags $(PKGS))
ALL_LDFLAGS = $(LDFLAGS)
# -pthread: a CSV import parses on a second thread (src/core/csvpipe.c).
LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS)) -lcsv -lm -pthread

ifdef SANITIZE
BUILD := build-san
ALL_CFLAGS += -fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer
ALL_LDFLAGS += -fsanitize=$(SANITIZE)
BIN := $(BUILD)/itin
else
BUILD := build
BIN := itin
endif

CORE_SRC := $(sort $(wildcard src/core/*.c))
TUI_SRC := $(sort $(wildcard src/tui/*.c))
CLI_SRC := $(sort $(wildcard src/cli/*.c))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))

CORE_OBJ := $(CORE_SRC:%.c=$(BUILD)/%.o)
TUI_OBJ := $(TUI_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ := $(CLI_SRC:%.c=$(BUILD)/%.o)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_NAMES := $(FUZZ_SRC:tests/fuzz/fuzz_%.c=%)
# Each fuzz target also links with a plain main() that replays files.
REPLAY_BIN := $(FUZZ_NAMES:%=$(BUILD)/fuzz/replay_%)
LIBCORE := $(BUILD)/libitin.a
# The viewer's objects, so unit tests can link the pure layout code.
LIBTUI := $(BUILD)/libitintui.a

.PHONY: all check check-deps installcheck bench install uninstall clean valgrind format \
	gazetteer windowszones fuzz fuzz-run

all: $(BIN)

$(BIN): $(CLI_OBJ) $(TUI_OBJ) $(LIBCORE)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $(CLI_OBJ) $(TUI_OBJ) $(LIBCORE) $(LIBS)

$(LIBCORE): $(CORE_OBJ)
	@rm -f $@
	$(AR) rcs $@ $(CORE_OBJ)

$(LIBTUI): $(TUI_OBJ)
	@rm -f $@
	$(AR) rcs $@ $(TUI_OBJ)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c tests/unit/test.h $(LIBTUI) $(LIBCORE)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit $(ALL_LDFLAGS) -o $@ $< $(LIBTUI) $(LIBCORE) $(LIBS)

$(BUILD)/fuzz/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz.h $(LIBCORE)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/fuzz $(ALL_LDFLAGS) -o $@ $< tests/fuzz/replay.c $(LIBCORE) $(LIBS)

-include $(CORE_OBJ:.o=.d) $(TUI_OBJ:.o=.d) $(CLI_OBJ:.o=.d)

# Fuzzing with clang's libFuzzer, AddressSanitizer and UBSan: the core is
# built again into build-fuzz/ with coverage instrumentation, and each
# tests/fuzz/fuzz_NAME.c becomes build-fuzz/fuzz_NAME. `make fuzz-run`
# runs each for FUZZ_SECONDS, from its seeds (tests/fuzz/seeds/NAME), the
# regression inputs and, when present, ../shared/corpus; a new corpus
# grows in build-fuzz/corpus/NAME. Crashes are left in build-fuzz/.
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_SEED ?=
FUZZ_BUILD := build-fuzz
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
FUZZ_CFLAGS = -O1 -g -std=c17 -D_GNU_SOURCE -pthread $(WARN) -Iinclude \
	-DITIN_VERSION='"$(VERSION)"' $(shell $(PKG_CONFIG) --cflags $(PKGS)) \
	$(FUZZ_SAN)
FUZZ_CORE_OBJ := $(CORE_SRC:%.c=$(FUZZ_BUILD)/%.o)
FUZZ_BIN := $(FUZZ_NAMES:%=$(FUZZ_BUILD)/fuzz_%)

fuzz: $(FUZZ_BIN)

$(FUZZ_BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(FUZZ_BUILD)/libitin.a: $(FUZZ_CORE_OBJ)
	@rm -f $@
	$(AR) rcs $@ $(FUZZ_CORE_OBJ)

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(FUZZ_BUILD)/libitin.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Itests/fuzz -fsanitize=fuzzer -o $@ $< \
		$(FUZZ_BUILD)/libitin.a $(LIBS)

-include $(FUZZ_CORE_OBJ:.o=.d)

fuzz-run: fuzz
	@FUZZ_DIR=$(abspath $(FUZZ_BUILD)) FUZZ_SECONDS=$(FUZZ_SECONDS) \
		FUZZ_SEED=$(FUZZ_SEED) \
		sh tests/fuzz/run.sh $(FUZZ_NAMES)

# The core never depends on the viewer or the command line.
# Neither the core nor the command line calls what follows the locale
# (<ctype.h>, strcasecmp: itin/ascii.h instead; setlocale only in src/tui/,
# for ncursesw), what keeps static state (strtok, localtime, gmtime, ctime,
# asctime: the _r forms and tz.h), or what cannot bound a write (strcpy,
# strcat, sprintf, vsprintf, gets). Comment lines are skipped.
# In pieces joined with no space: a backslash-newline inside the list
# would put a space into an alternative (" ctime") that never matches.
BANNED_STR := strn?casecmp|strcpy|strcat|v?sprintf|strtok|gets
BANNED_TIME := localtime|gmtime|ctime|asctime|setlocale
BANNED_CTYPE := is(alnum|alpha|blank|cntrl|digit|graph|lower|print|punct|space|upper|xdigit)|toupper|tolower
BANNED := $(BANNED_STR)|$(BANNED_TIME)|$(BANNED_CTYPE)
check-deps:
	@case '$(BANNED)' in *' '*) \
		echo "BANNED has a space inside an alternative (Makefile)" >&2; exit 1;; esac
	@printf 'ctime(t);\nisprint(c);\ntolower (c);\n' | \
		test "$$(grep -cE '\b($(BANNED))[[:space:]]*\(')" = 3 || \
		{ echo "check-deps: BANNED misses a banned call" >&2; exit 1; }
	@if grep -nE '#include *[<"](n?curses|ncursesw|cli/|tui/)' src/core/*.c include/itin/*.h; then \
		echo "core must not include curses, cli or tui headers" >&2; exit 1; fi
	@if grep -nE '\b($(BANNED))[[:space:]]*\(|#[[:space:]]*include[[:space:]]*<ctype\.h>' \
		$(wildcard src/core/*.[ch] src/cli/*.[ch]) | \
		grep -vE '^[^:]+:[0-9]+:[[:space:]]*(/\*|\*|//)'; then \
		echo "banned call in src/core or src/cli (see check-deps in the Makefile)" >&2; \
		exit 1; fi

check: all $(UNIT_BIN) $(REPLAY_BIN) check-deps
	@ITIN=$(abspath $(BIN)) UNIT_DIR=$(abspath $(BUILD)/tests) \
		REPLAY_DIR=$(abspath $(BUILD)/fuzz) sh tests/run.sh

valgrind: all $(UNIT_BIN)
	@ITIN=$(abspath $(BIN)) UNIT_DIR=$(abspath $(BUILD)/tests) ITIN_VALGRIND=1 sh tests/run.sh

BENCH_BIN := $(BUILD)/bench/csvbench

$(BENCH_BIN): bench/csvbench.c $(LIBCORE)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIBCORE) $(LIBS)

bench: all $(BENCH_BIN)
	@ITIN=$(abspath $(BIN)) CSVBENCH=$(abspath $(BENCH_BIN)) sh bench/run.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/itin
	install -m 644 man/itin.1 $(DESTDIR)$(MANDIR)/man1/itin.1
	install -m 644 man/itin.5 $(DESTDIR)$(MANDIR)/man5/itin.5

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/itin $(DESTDIR)$(MANDIR)/man1/itin.1 \
		$(DESTDIR)$(MANDIR)/man5/itin.5

# Install into a scratch DESTDIR, run the installed program, uninstall, and
# check that nothing is left behind.
installcheck: all
	@d=$$(mktemp -d) && trap 'rm -rf "$$d"' EXIT && \
	$(MAKE) -s install DESTDIR="$$d" PREFIX=/opt/itin-test >/dev/null && \
	test -x "$$d/opt/itin-test/bin/itin" && \
	test -f "$$d/opt/itin-test/share/man/man1/itin.1" && \
	test -f "$$d/opt/itin-test/share/man/man5/itin.5" && \
	"$$d/opt/itin-test/bin/itin" --version >/dev/null && \
	$(MAKE) -s uninstall DESTDIR="$$d" PREFIX=/opt/itin-test && \
	test -z "$$(find "$$d" -type f)" && echo "installcheck: ok"

# Regenerate the gazetteer: data/gazetteer/*-data.tsv and src/core/places-data.c,
# from the Debian packages tzdata, iso-codes and libtimezonemap-data (see
# data/gazetteer/README.md). Not part of `all`: the output is committed.
PYTHON ?= python3
gazetteer:
	$(PYTHON) data/gazetteer/gen-places.py
	$(PYTHON) data/gazetteer/check-capitals.py >/dev/null

# Regenerate the Windows zone names table (data/windowszones/README.md).
windowszones:
	$(PYTHON) data/windowszones/gen-windowszones.py

format:
	clang-format -i src/*/*.c include/itin/*.h tests/unit/*.c tests/unit/*.h

clean:
	rm -rf build build-san build-fuzz itin
