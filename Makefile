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
PKGS := libical ncursesw libutf8proc libxml-2.0 libcurl

# Required flags are appended to the user's so they cannot be lost.
WARN := -Wall -Wextra -Wpedantic -Wmissing-prototypes -Wstrict-prototypes \
	-Wshadow -Wformat=2 -Wvla
# pkg-config runs once, here, not at every compile (:= expands it now).
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS))

# libical, ncursesw, libxml2 and libcurl are not linked: each is opened by the
# command that needs it (include/itin/dynlib.h), so that `itin add` does not
# load ICU, libstdc++ and ncurses first. They are opened by SONAME, the name
# the linker would have recorded: read here from the library the linker
# finds (ncursesw's libncursesw.so is a linker script naming the real
# file), else Debian 12's.
SONAME_OF = $(shell f=$$($(CC) -print-file-name=lib$(1).so); \
	case "$$(head -c 4 "$$f" 2>/dev/null)" in (*ELF) ;; \
	(*) n=$$(tr '()' '  ' <"$$f" 2>/dev/null | \
		awk '$$1 == "INPUT" || $$1 == "GROUP" { print $$2; exit }'); \
	    case "$$n" in (/*) f=$$n ;; (?*) f=$$(dirname "$$f")/$$n ;; esac ;; \
	esac; \
	objdump -p "$$f" 2>/dev/null | awk '$$1 == "SONAME" { print $$2; exit }')
ICAL_SONAME := $(or $(call SONAME_OF,ical),libical.so.3)
CURSES_SONAME := $(or $(call SONAME_OF,ncursesw),libncursesw.so.6)
XML_SONAME := $(or $(call SONAME_OF,xml2),libxml2.so.2)
CURL_SONAME := $(or $(call SONAME_OF,curl),libcurl.so.4)
SONAME_DEFS := -DITIN_ICAL_SONAME='"$(ICAL_SONAME)"' \
	-DITIN_CURSES_SONAME='"$(CURSES_SONAME)"' -DITIN_XML_SONAME='"$(XML_SONAME)"' \
	-DITIN_CURL_SONAME='"$(CURL_SONAME)"'

ALL_CFLAGS = $(CFLAGS) -std=c17 -D_GNU_SOURCE -pthread $(WARN) -Iinclude \
	-DITIN_VERSION='"$(VERSION)"' $(PKG_CFLAGS) $(SONAME_DEFS)
ALL_LDFLAGS = $(LDFLAGS)
# -pthread: a CSV import parses on a second thread (src/core/csvpipe.c).
# dlopen() is in glibc's libc since 2.34 (-ldl before).
LIBS := $(shell $(PKG_CONFIG) --libs libutf8proc) -lcsv -lm -pthread

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
EXTRACT_SRC := $(sort $(wildcard src/extract/*.c))
SYNC_SRC := $(sort $(wildcard src/sync/*.c))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))

CORE_OBJ := $(CORE_SRC:%.c=$(BUILD)/%.o)
TUI_OBJ := $(TUI_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ := $(CLI_SRC:%.c=$(BUILD)/%.o)
EXTRACT_OBJ := $(EXTRACT_SRC:%.c=$(BUILD)/%.o)
SYNC_OBJ := $(SYNC_SRC:%.c=$(BUILD)/%.o)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_NAMES := $(FUZZ_SRC:tests/fuzz/fuzz_%.c=%)
# Each fuzz target also links with a plain main() that replays files.
REPLAY_BIN := $(FUZZ_NAMES:%=$(BUILD)/fuzz/replay_%)
LIBCORE := $(BUILD)/libitin.a
# The viewer's objects, so unit tests can link the pure layout code.
LIBTUI := $(BUILD)/libitintui.a
# `itin extract`'s reader of news reports (src/extract), on top of the core.
LIBEXTRACT := $(BUILD)/libitinextract.a
# `itin sync`'s CalDAV client and reconciliation (src/sync), on top of the core.
LIBSYNC := $(BUILD)/libitinsync.a
# Test programs of the sync layer (tests/sync/NAME.c), run by cli scripts.
SYNCTEST_SRC := $(sort $(wildcard tests/sync/*.c))
SYNCTEST_BIN := $(SYNCTEST_SRC:tests/sync/%.c=$(BUILD)/tests/%)

.PHONY: all check check-deps run-tests installcheck bench install uninstall clean \
	valgrind format gazetteer windowszones fuzz fuzz-run FORCE

all: $(BIN)

$(BIN): $(CLI_OBJ) $(TUI_OBJ) $(LIBEXTRACT) $(LIBSYNC) $(LIBCORE)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $(CLI_OBJ) $(TUI_OBJ) $(LIBEXTRACT) $(LIBSYNC) $(LIBCORE) $(LIBS)

$(LIBCORE): $(CORE_OBJ)
	@rm -f $@
	$(AR) rcs $@ $(CORE_OBJ)

$(LIBTUI): $(TUI_OBJ)
	@rm -f $@
	$(AR) rcs $@ $(TUI_OBJ)

$(LIBEXTRACT): $(EXTRACT_OBJ)
	@rm -f $@
	$(AR) rcs $@ $(EXTRACT_OBJ)

$(LIBSYNC): $(SYNC_OBJ)
	@rm -f $@
	$(AR) rcs $@ $(SYNC_OBJ)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c tests/unit/test.h $(LIBTUI) $(LIBEXTRACT) $(LIBSYNC) $(LIBCORE)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit $(ALL_LDFLAGS) -o $@ $< $(LIBTUI) $(LIBEXTRACT) $(LIBSYNC) $(LIBCORE) $(LIBS)

$(SYNCTEST_BIN): $(BUILD)/tests/%: tests/sync/%.c $(LIBSYNC) $(LIBCORE)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIBSYNC) $(LIBCORE) $(LIBS)

$(BUILD)/fuzz/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz.h $(LIBEXTRACT) $(LIBCORE)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/fuzz $(ALL_LDFLAGS) -o $@ $< tests/fuzz/replay.c \
		$(LIBEXTRACT) $(LIBCORE) $(LIBS)

-include $(CORE_OBJ:.o=.d) $(TUI_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(EXTRACT_OBJ:.o=.d) \
	$(SYNC_OBJ:.o=.d)

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
	-DITIN_VERSION='"$(VERSION)"' $(PKG_CFLAGS) $(SONAME_DEFS) $(FUZZ_SAN)
FUZZ_CORE_OBJ := $(CORE_SRC:%.c=$(FUZZ_BUILD)/%.o)
FUZZ_EXTRACT_OBJ := $(EXTRACT_SRC:%.c=$(FUZZ_BUILD)/%.o)
FUZZ_BIN := $(FUZZ_NAMES:%=$(FUZZ_BUILD)/fuzz_%)

fuzz: $(FUZZ_BIN)

$(FUZZ_BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(FUZZ_BUILD)/libitin.a: $(FUZZ_CORE_OBJ)
	@rm -f $@
	$(AR) rcs $@ $(FUZZ_CORE_OBJ)

$(FUZZ_BUILD)/libitinextract.a: $(FUZZ_EXTRACT_OBJ)
	@rm -f $@
	$(AR) rcs $@ $(FUZZ_EXTRACT_OBJ)

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h \
		$(FUZZ_BUILD)/libitinextract.a $(FUZZ_BUILD)/libitin.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Itests/fuzz -fsanitize=fuzzer -o $@ $< \
		$(FUZZ_BUILD)/libitinextract.a $(FUZZ_BUILD)/libitin.a $(LIBS)

-include $(FUZZ_CORE_OBJ:.o=.d) $(FUZZ_EXTRACT_OBJ:.o=.d)

# FUZZ_TARGETS="extract csv" runs only those targets.
FUZZ_TARGETS ?= $(FUZZ_NAMES)

fuzz-run: $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz_%)
	@FUZZ_DIR=$(abspath $(FUZZ_BUILD)) FUZZ_SECONDS=$(FUZZ_SECONDS) \
		FUZZ_SEED=$(FUZZ_SEED) \
		sh tests/fuzz/run.sh $(FUZZ_TARGETS)

# The layering rules of DESIGN.md (cli -> tui -> core) and the calls that
# core and cli must not make: tests/check-deps.sh, which checks its own
# rules on planted samples first.
check-deps:
	@sh tests/check-deps.sh

# The tests. A suite is one unit-test binary, one fuzz target replayed over
# its seeds and regressions (built without libFuzzer), or one
# tests/cli/t-*.sh script. Each suite is a target that writes
# $(LOGDIR)/NAME.log, so `make -jN check` runs N at a time; tests/run.sh
# then prints the logs one after another and ends with "N skipped" and
# "N passed, N failed". TESTS="t-a t-b" picks the cli scripts (every unit
# test and replay still runs). The slowest scripts (as timed in a make -j2
# check) come first, so that with -jN the short ones fill in around them.
LOGDIR := $(BUILD)/tests/logs
SLOW_CLI := t-ics t-view t-recur t-hostile t-capitals t-concurrency t-limits t-budget \
	t-escapes t-timeline t-bounds
CLI_FOUND := $(patsubst tests/cli/%.sh,%,$(sort $(wildcard tests/cli/t-*.sh)))
CLI_ALL := $(filter $(CLI_FOUND),$(SLOW_CLI)) $(filter-out $(SLOW_CLI),$(CLI_FOUND))
CLI_NAMES := $(if $(TESTS),$(filter $(TESTS),$(CLI_ALL)),$(CLI_ALL))
# A misspelt name would run no script and pass.
ifneq ($(filter-out $(CLI_ALL),$(TESTS)),)
$(error TESTS names no tests/cli script: $(filter-out $(CLI_ALL),$(TESTS)))
endif
UNIT_NAMES := $(UNIT_SRC:tests/unit/%.c=%)
# Targets with neither seeds nor regressions have nothing to replay.
REPLAY_NAMES := $(foreach n,$(FUZZ_NAMES), \
	$(if $(wildcard tests/fuzz/seeds/$(n) tests/fuzz/regressions/$(n)),$(n)))
SUITES = $(CLI_NAMES) $(UNIT_NAMES) $(REPLAY_NAMES:%=replay_%)
RUN_SUITE = ITIN=$(abspath $(BIN)) UNIT_DIR=$(abspath $(BUILD)/tests) \
	REPLAY_DIR=$(abspath $(BUILD)/fuzz) ITIN_VALGRIND=$(ITIN_VALGRIND) \
	sh tests/run.sh one $(LOGDIR)

check: all check-deps run-tests

run-tests: $(SUITES:%=$(LOGDIR)/%.log)
	@sh tests/run.sh sum $(LOGDIR) $(SUITES)

# The suite's own binary is its prerequisite: building and testing overlap.
# "-": a suite whose runner is killed must not stop the others; run.sh sum
# finds no status for it and counts a failure.
$(LOGDIR)/t-%.log: $(BIN) FORCE
	-@$(RUN_SUITE) t-$*
$(LOGDIR)/test_%.log: $(BUILD)/tests/test_% FORCE
	-@$(RUN_SUITE) test_$*
$(LOGDIR)/replay_%.log: $(BUILD)/fuzz/replay_% FORCE
	-@$(RUN_SUITE) replay_$*
FORCE:
# Built only as a suite's prerequisite, they would count as intermediate
# files and be deleted after the run, to be linked again by the next.
.SECONDARY: $(UNIT_BIN) $(REPLAY_BIN) $(SYNCTEST_BIN)
# The scripts that run the sync layer's test programs.
$(LOGDIR)/t-dav.log $(LOGDIR)/t-lazyload.log: $(SYNCTEST_BIN)

# The unit tests and the cli scripts, with itin (not the unit test
# binaries) under valgrind memcheck (tests/cli/lib.sh); no replays, which
# run the core without itin.
valgrind:
	@$(MAKE) --no-print-directory run-tests ITIN_VALGRIND=1 REPLAY_NAMES=

# make bench: issue 15's table (bench/table.sh: itin next to its floors,
# on generated data of BENCH_SIZES events, best of BENCH_ROUNDS rounds),
# then the sections beside it named in BENCH_MORE (bench/run.sh). The
# programs it runs: csvbench (the CSV import next to a bare libcsv loop),
# extractbench (extract_report() in one process), the floors (empty, an
# append with fsync, the empty program linked with libical, libical's
# streaming writer and its parse) and peakrss, which times a command and
# takes its peak memory. The sync section (bench/sync.sh) pushes
# BENCH_SYNC_EVENTS events to a local Radicale (the issue's 10,000:
# Radicale's PUT grows with its collection, so that is an hour or more per
# client; `make bench BENCH_MORE=sync BENCH_SYNC_EVENTS=1000` for a
# minutes-long look). `make bench-quick`: the table alone, 10,000
# events, 2 rounds.
BENCH_SIZES ?= 100000 1000000
BENCH_ROUNDS ?= 5
BENCH_MORE ?= startup view csv ics same extract lock sync
BENCH_SYNC_EVENTS ?= 10000
BENCH_BIN := $(BUILD)/bench/csvbench
EXTRACTBENCH := $(BUILD)/bench/extractbench
EMPTYPROG := $(BUILD)/bench/empty
BENCH_PLAIN := $(EMPTYPROG) $(BUILD)/bench/peakrss $(BUILD)/bench/append
BENCH_ICAL := $(addprefix $(BUILD)/bench/,empty-ical icalwrite icalparse)
BENCH_ICAL_LIBS := $(shell $(PKG_CONFIG) --libs libical)
BENCH_PROGS := $(BENCH_BIN) $(EXTRACTBENCH) $(BENCH_PLAIN) $(BENCH_ICAL)

$(BENCH_BIN): bench/csvbench.c $(LIBCORE)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIBCORE) $(LIBS)

$(EXTRACTBENCH): bench/extractbench.c $(LIBEXTRACT) $(LIBCORE)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIBEXTRACT) $(LIBCORE) $(LIBS)

$(BENCH_PLAIN): $(BUILD)/bench/%: bench/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $<

$(BENCH_ICAL): $(BUILD)/bench/%: bench/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(BENCH_ICAL_LIBS)

.PHONY: bench-progs bench-quick
bench-progs: $(BENCH_PROGS)

bench: all bench-progs
	@ITIN=$(abspath $(BIN)) BENCH_DIR=$(abspath $(BUILD)/bench) \
		BENCH_SIZES="$(BENCH_SIZES)" BENCH_ROUNDS=$(BENCH_ROUNDS) \
		BENCH_MORE="$(BENCH_MORE)" BENCH_SYNC_EVENTS=$(BENCH_SYNC_EVENTS) \
		sh bench/run.sh

bench-quick:
	@$(MAKE) --no-print-directory bench BENCH_SIZES=10000 BENCH_ROUNDS=2 BENCH_MORE=

# tests/cli/t-bench.sh runs the table on a few events, with these programs.
$(LOGDIR)/t-bench.log: $(BENCH_PROGS)

# How well `itin extract` reads the test corpus (tests/extract/README.md):
# recall and precision of its proposals against each report's expected legs.
# EXTRACT_SCORE_ARGS passes options (-v, --json, report names) to the scorer.
.PHONY: extract-score
extract-score: all
	@ITIN=$(abspath $(BIN)) $(PYTHON) tests/extract/score.py $(EXTRACT_SCORE_ARGS)

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
	clang-format -i src/*/*.c include/itin/*.h tests/unit/*.c tests/unit/*.h tests/sync/*.c

clean:
	rm -rf build build-san build-fuzz itin
