#!/usr/bin/env bash
# lint.sh lint|analyze - the static checks of docs/hardening.md ("Static
# checks"); exit 1 on any finding.
#
#   lint     cppcheck (its options are below, its suppressions in
#            tools/cppcheck.supp) and clang-tidy (.clang-tidy) on src/
#   analyze  gcc -fanalyzer on src/
#
# $LINT_CFLAGS holds the build's flags (-std, -D, -I, pkg-config's cflags);
# the Makefile sets it.  $JOBS files are checked at a time (default 2).
set -uo pipefail
cd "$(dirname "$0")/.."
mode=${1:-lint}
jobs=${JOBS:-2}
read -r -a cflags <<<"${LINT_CFLAGS:--std=c11 -D_GNU_SOURCE -Isrc}"
mapfile -t files < <(ls src/*/*.c)

# clang-tidy and gcc report "N warnings generated" for the system headers'
# warnings they then drop; that count says nothing about src/.
quiet() { grep -Ev '^[0-9]+ warnings? (generated|treated as errors)\.?$' >&2; }

run_cppcheck() {
    # Only the -D and -I flags of the build: cppcheck has its own models of
    # libc and POSIX (--library) and is slower and noisier when it reads the
    # system headers themselves.
    cppcheck --std=c11 --platform=unix64 --library=posix --library=gnu \
        -D_GNU_SOURCE -Isrc --enable=warning,style,performance,portability \
        --inline-suppr --suppressions-list=tools/cppcheck.supp \
        --error-exitcode=1 --quiet -j "$jobs" \
        --template='{file}:{line}:{column}: {severity}: {message} [{id}]' src
}

run_clang_tidy() {
    # One file per run: with several files in one run clang-tidy 14's
    # analyzer reported va_list false positives in the second file.
    printf '%s\n' "${files[@]}" |
        xargs -P "$jobs" -I{} clang-tidy --quiet {} -- "${cflags[@]}" \
            2> >(quiet)
}

run_analyzer() {
    # -O0: gcc 12's analyzer follows more paths there than at -O2 (its two
    # other findings on src/, in cmd_diff.c, came at -O0 only).
    # src/base/alloc.h marks kg_malloc & co. as allocators that free()
    # releases, so the analyzer follows our heap memory.  Its leak check is
    # off: gcc 12 loses pointers stored into a realloc'd array or a linked
    # list and calls them leaks (3 findings, all false: the arena's chunk
    # list, the loader's file table, extract's pending outputs); leaks are
    # LeakSanitizer's job (make test) and valgrind's (make memcheck).
    # -Wanalyzer-too-complex (off here) would list the paths it gave up on;
    # docs/hardening.md gives their count.
    local out
    out=$(mktemp)
    printf '%s\n' "${files[@]}" |
        xargs -P "$jobs" -I{} gcc "${cflags[@]}" -O0 -fanalyzer \
            -Wno-analyzer-malloc-leak -fdiagnostics-plain-output \
            -c {} -o /dev/null 2>"$out"
    local rc=$?
    cat "$out" >&2
    if grep -q 'warning:' "$out"; then rc=1; fi
    rm -f "$out"
    return $rc
}

case $mode in
lint)
    rc=0
    echo "lint: cppcheck $(cppcheck --version | sed 's/Cppcheck //') on src/"
    run_cppcheck || rc=1
    echo "lint: clang-tidy $(clang-tidy --version | sed -n 's/.*LLVM version //p') on src/ (${#files[@]} files)"
    run_clang_tidy || rc=1
    ;;
analyze)
    echo "analyze: gcc $(gcc -dumpfullversion) -fanalyzer on src/ (${#files[@]} files)"
    rc=0
    run_analyzer || rc=1
    ;;
*)
    echo "usage: tools/lint.sh lint|analyze" >&2
    exit 2
    ;;
esac
if [ $rc -ne 0 ]; then
    echo "$mode: findings above (docs/hardening.md says how to fix or suppress them)" >&2
    exit 1
fi
echo "$mode: clean"
