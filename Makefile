# crm - a customer relationship management toolkit.  See README.md.

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  ?= $(PREFIX)/share/zsh/site-functions
FISHCOMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d
DESTDIR ?=

CC      ?= cc
BUILD   ?= build
VERSION := 0.1.0
PKG_CONFIG ?= pkg-config

CSV_LIBS ?= -lcsv
DEP_CFLAGS := $(shell $(PKG_CONFIG) --cflags sqlite3 jansson 2>/dev/null)
DEP_LIBS   := $(shell $(PKG_CONFIG) --libs sqlite3 jansson 2>/dev/null || echo -lsqlite3 -ljansson) $(CSV_LIBS)

WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
CFLAGS  ?= -O2 -g
Q ?= @
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE -DCRM_VERSION='"$(VERSION)"' $(WARN) $(CFLAGS) $(EXTRA_CFLAGS) $(DEP_CFLAGS) -Ilib -I$(BUILD)/gen -MMD -MP
ALL_LDFLAGS = $(LDFLAGS) $(EXTRA_LDFLAGS)

LIB_SRC   := $(wildcard lib/*.c)
LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/schema.o $(BUILD)/gen/migrations.o
MIGRATIONS := $(sort $(wildcard lib/migrate/*.sql))
CMD_SRC   := $(wildcard cmd/*.c)
CMDS      := $(CMD_SRC:cmd/%.c=$(BUILD)/bin/%)
UNIT_SRC  := $(wildcard tests/unit/test_*.c)
UNITS     := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TOOL_SRC  := $(wildcard tools/*.c)
TOOLS     := $(TOOL_SRC:tools/%.c=$(BUILD)/tools/%)
MANS      := $(wildcard man/*.[1-8])
# Tests are independent (each in its own directory): run them side by side.
PROVE_JOBS ?= 2
VALGRIND_TESTS ?= $(wildcard tests/cli/*.t)
# T selects the tests that `make test` and `make asan` run (default: all),
# e.g. make asan T='tests/cli/order.t'.
T ?= $(UNITS) $(wildcard tests/cli/*.t)

.PHONY: all check test unit cli asan fuzz fuzz-bins valgrind lint fmt install uninstall demo bench clean deps completions

all: $(CMDS) $(TOOLS)

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The schema is built into the binary as a C string.
$(BUILD)/gen/schema.c: lib/schema.sql tools/embed.sh
	@mkdir -p $(@D)
	sh tools/embed.sh crm_schema_sql < lib/schema.sql > $@

$(BUILD)/gen/schema.o: $(BUILD)/gen/schema.c
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

# Migrations from version 1 on, in file-name order.
$(BUILD)/gen/migrations.c: $(MIGRATIONS) tools/embed-migrations.sh
	@mkdir -p $(@D)
	sh tools/embed-migrations.sh $(MIGRATIONS) > $@

$(BUILD)/gen/migrations.o: $(BUILD)/gen/migrations.c
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/libcrm.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/bin/%: $(BUILD)/cmd/%.o $(BUILD)/libcrm.a
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libcrm.a $(ALL_LDFLAGS) $(DEP_LIBS)

$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(BUILD)/libcrm.a
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libcrm.a $(ALL_LDFLAGS) $(DEP_LIBS)

$(BUILD)/tools/%: $(BUILD)/tools/%.o $(BUILD)/libcrm.a
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libcrm.a $(ALL_LDFLAGS) $(DEP_LIBS)

deps:
	@sh tools/deps.sh

# Every test: unit tests of lib/ in C, then command tests of the built tools.
check: deps
	@$(MAKE) --no-print-directory test

test: all $(UNITS)
	@BUILD=$(BUILD) prove -j$(PROVE_JOBS) -f --exec '' $(filter $(UNITS),$(T)) $(filter-out $(UNITS) tests/unit/%,$(T)) $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(filter tests/unit/%.c,$(T)))

unit: $(UNITS)
	@prove -f --exec '' $(UNITS)

cli: all
	@BUILD=$(BUILD) prove -f --exec '' tests/cli/*.t

asan:
	@$(MAKE) --no-print-directory BUILD=build/asan CFLAGS='-O1 -g -fno-omit-frame-pointer' \
	    EXTRA_CFLAGS='-fsanitize=address,undefined -fno-sanitize-recover=all' \
	    EXTRA_LDFLAGS='-fsanitize=address,undefined' test

# libFuzzer targets (tests/fuzz/fuzz_*.c) built with clang, ASan and UBSan
# in build/fuzz; each runs FUZZ_SECONDS on a copy of its seed corpus
# tests/fuzz/corpus/NAME and prints its executions (tests/fuzz/run.sh).
FUZZ_SECONDS ?= 60
FUZZ_SRC  := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BINS := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%)

fuzz:
	@$(MAKE) --no-print-directory CC=clang BUILD=build/fuzz CFLAGS='-O1 -g -fno-omit-frame-pointer' \
	    EXTRA_CFLAGS='-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all' \
	    EXTRA_LDFLAGS='-fsanitize=address,undefined' fuzz-bins
	@sh tests/fuzz/run.sh build/fuzz $(FUZZ_SECONDS)

fuzz-bins: $(FUZZ_BINS)

$(BUILD)/fuzz/%: $(BUILD)/tests/fuzz/%.o $(BUILD)/libcrm.a
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $< $(BUILD)/libcrm.a $(ALL_LDFLAGS) $(DEP_LIBS)

valgrind: all
	@BUILD=$(BUILD) CRM_WRAP='valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect' \
	    prove -j$(PROVE_JOBS) -f --exec '' $(VALGRIND_TESTS)

lint: all
	@echo "mandoc -Tlint"; mandoc -Tlint -Wwarning $(MANS)
	@echo "shellcheck"; shellcheck -s bash -e SC1091 $(wildcard tests/cli/*.t tests/cli/lib.sh tools/*.sh bench/*.sh) .ci/run
	@echo "completions"; sh tools/gencomp.sh $(BUILD) check

completions: all
	sh tools/gencomp.sh $(BUILD) write

fmt:
	clang-format -i lib/*.c lib/*.h cmd/*.c tests/unit/*.c tests/unit/*.h

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7
	install -m 755 $(CMDS) $(DESTDIR)$(BINDIR)/
	for m in $(MANS); do s=$${m##*.}; install -d $(DESTDIR)$(MANDIR)/man$$s; install -m 644 $$m $(DESTDIR)$(MANDIR)/man$$s/; done
	install -d $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR)
	install -m 644 completions/crm.bash $(DESTDIR)$(BASHCOMPDIR)/crm
	for c in $(CMDS); do n=$${c##*/}; [ $$n = crm ] || ln -sf crm $(DESTDIR)$(BASHCOMPDIR)/$$n; done
	install -m 644 completions/_crm $(DESTDIR)$(ZSHCOMPDIR)/_crm
	install -m 644 completions/crm.fish $(DESTDIR)$(FISHCOMPDIR)/crm.fish
	for c in $(CMDS); do n=$${c##*/}; [ $$n = crm ] || ln -sf crm.fish $(DESTDIR)$(FISHCOMPDIR)/$$n.fish; done

uninstall:
	for c in $(CMDS); do n=$${c##*/}; rm -f $(DESTDIR)$(BINDIR)/$$n $(DESTDIR)$(BASHCOMPDIR)/$$n $(DESTDIR)$(FISHCOMPDIR)/$$n.fish; done
	for m in $(MANS); do s=$${m##*.}; rm -f $(DESTDIR)$(MANDIR)/man$$s/$${m##*/}; done
	rm -f $(DESTDIR)$(BASHCOMPDIR)/crm $(DESTDIR)$(ZSHCOMPDIR)/_crm $(DESTDIR)$(FISHCOMPDIR)/crm.fish

demo: deps
	@$(MAKE) --no-print-directory all
	@BUILD=$(BUILD) bash tools/demo.sh

bench: all
	@BUILD=$(BUILD) bash bench/run.sh $(N)

# Duplicates: precision and recall of crm-contact dupes against seeded
# duplicates, its time and peak RSS, and the time of `who` (N rows, default 100000).
.PHONY: bench-dupes
bench-dupes: all
	@BUILD=$(BUILD) /usr/bin/python3 bench/dupes.py $(or $(N),100000)

clean:
	rm -rf build

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
.SECONDARY:
