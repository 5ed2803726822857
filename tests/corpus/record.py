#!/usr/bin/env python3
"""Record golden outputs of the differential test corpus from real CPython.

The cases are the programs in tests/corpus/cases/*.py, named after their
file (cases/001_seed_article.py is the case 001_seed_article), and the
examples of the page's gallery, www/src/gallery/*.py, named with the prefix
"gallery_" (gallery/01_list_freed_by_del.py is the case
gallery_01_list_freed_by_del); SOURCES lists both directories. For every case and every profile ("3.13", "3.12") this runs

    python3 -S FILE.py

with cwd = the case's directory, PYTHONHASHSEED=0, PYTHONDONTWRITEBYTECODE=1,
PYTHONIOENCODING=utf-8 and no other PYTHON* variable, stdin closed and a 60 s
timeout, twice, and writes golden/<profile>/NAME.json =
{"exit": N, "stderr": ..., "stdout": ...} (sorted keys, indent 1).

The two runs must agree, or the case is refused. CPython prints the script's
absolute path in tracebacks; it is normalised to the bare file name
(`File "FILE.py", line 3`), so goldens do not depend on the checkout location,
and addresses on stderr are kept as `0x?`.

Interpreters: $GCPLAY_PY313 / $GCPLAY_PY312 (path to a python executable)
if set, else `pyenv prefix 3.13.0` / `pyenv prefix 3.12.1` + /bin/python3.
The version is verified exactly.

Usage:
    python3 tests/corpus/record.py [FILTER ...]          record (all or matching cases)
    python3 tests/corpus/record.py --check [FILTER ...]  compare with committed goldens
    python3 tests/corpus/record.py --check --diff ...    ... and show each difference
    python3 tests/corpus/record.py --profile 3.13 ...    only one profile (repeatable)

A FILTER selects a case when it is a substring of the case's name ("gallery_"
selects every gallery example).
Recording everything (no filter) also removes goldens whose case is gone;
--check without a filter reports them.

Exit codes: 0 ok; 1 a case was nondeterministic or timed out (nothing is
written), or --check found differences; 2 an interpreter is missing or has
the wrong version (nothing is run), or bad usage.
"""

import argparse
import difflib
import json
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
# (directory, case name prefix): each FILE.py in the directory is the case PREFIX + FILE.
# crate/tests/corpus.rs reads the same list.
SOURCES = [
    (os.path.join(HERE, "cases"), ""),
    (os.path.join(ROOT, "www", "src", "gallery"), "gallery_"),
]
GOLDEN = os.path.join(HERE, "golden")
TIMEOUT = 60

# profile -> (exact CPython version, environment variable override)
PROFILES = {
    "3.13": ("3.13.0", "GCPLAY_PY313"),
    "3.12": ("3.12.1", "GCPLAY_PY312"),
}


def die(code, msg):
    print("record.py: " + msg, file=sys.stderr)
    sys.exit(code)


def find_interpreter(profile):
    version, var = PROFILES[profile]
    exe = os.environ.get(var)
    how = "$" + var
    if not exe:
        pyenv = shutil.which("pyenv")
        if pyenv is None:
            die(2, "CPython %s (profile %s) not found: set %s or install it "
                   "with pyenv (`pyenv install %s`)" % (version, profile, var, version))
        r = subprocess.run([pyenv, "prefix", version], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
        prefix = r.stdout.strip().splitlines()[0] if r.stdout.strip() else ""
        if r.returncode != 0 or not prefix:
            die(2, "CPython %s (profile %s) not found: `pyenv prefix %s` failed; "
                   "set %s or run `pyenv install %s`" % (version, profile, version, var, version))
        exe = os.path.join(prefix, "bin", "python3")
        how = "pyenv prefix " + version
    if not (os.path.isfile(exe) and os.access(exe, os.X_OK)):
        die(2, "CPython %s (profile %s) not found: %s gives %r, which is not an "
               "executable" % (version, profile, how, exe))
    r = subprocess.run([exe, "-S", "-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    got = r.stdout.strip()
    if r.returncode != 0 or got != version:
        die(2, "CPython %s (profile %s) not found: %s (%s) reports version %r"
               % (version, profile, exe, how, got or r.stderr.strip()))
    return exe


def case_env():
    # The C locale, whatever the recording machine's: the locale changes what
    # CPython allocates for sys.stdout, which shows in gc.get_count().
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "LC_")) and k not in ("LANG", "LANGUAGE")}
    env["PYTHONHASHSEED"] = "0"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def run_case(exe, case):
    directory, file = case
    try:
        r = subprocess.run([exe, "-S", file], cwd=directory, env=case_env(),
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return None
    return {
        "stdout": normalize(r.stdout.decode("utf-8", "surrogateescape"), directory),
        "stderr": mask_addresses(normalize(r.stderr.decode("utf-8", "surrogateescape"), directory)),
        "exit": r.returncode,
    }


def normalize(text, directory):
    """CPython prints the script's absolute path in tracebacks; keep only FILE.py."""
    for d in {os.path.realpath(directory), directory}:
        text = text.replace(d + os.sep, "")
    return text


def mask_addresses(text):
    """Addresses on stderr (e.g. "Exception ignored in: <function X.__del__ at 0x7f…>")
    change from run to run; the golden keeps `0x?` and the test masks gcplay's the same way."""
    return re.sub(r"0x[0-9a-f]+", "0x?", text)


def dump(result):
    return json.dumps(result, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def list_cases(filters):
    """{case name: (directory, file)} for every case a filter selects."""
    cases = {}
    for directory, prefix in SOURCES:
        for f in os.listdir(directory):
            if f.endswith(".py"):
                cases[prefix + f[:-3]] = (directory, f)
    if filters:
        cases = {n: c for n, c in cases.items() if any(f in n for f in filters)}
    return cases


def stale_goldens(profile, names):
    d = os.path.join(GOLDEN, profile)
    if not os.path.isdir(d):
        return []
    have = set(names)
    return sorted(f[:-5] for f in os.listdir(d) if f.endswith(".json") and f[:-5] not in have)


def main():
    ap = argparse.ArgumentParser(description="Record or check the corpus goldens.")
    ap.add_argument("--check", action="store_true",
                    help="re-record into memory and report goldens that differ")
    ap.add_argument("--diff", action="store_true",
                    help="with --check, also show a unified diff of each difference")
    ap.add_argument("--profile", action="append", choices=sorted(PROFILES),
                    help="only this profile (repeatable); default: all")
    ap.add_argument("filters", nargs="*", help="substrings of case names")
    args = ap.parse_args()

    cases = list_cases(args.filters)
    names = sorted(cases)
    if not names:
        die(2, "no case matches %s" % (" ".join(args.filters) or "(no cases at all)"))
    profiles = args.profile or sorted(PROFILES, reverse=True)
    # Find every interpreter before running anything: never write partial goldens.
    exes = {p: find_interpreter(p) for p in profiles}

    results = {}
    bad = []
    for p in profiles:
        for n in names:
            a = run_case(exes[p], cases[n])
            b = run_case(exes[p], cases[n]) if a is not None else None
            if a is None or b is None:
                bad.append("%s [%s]: timed out after %d s" % (n, p, TIMEOUT))
            elif a != b:
                bad.append("%s [%s]: two runs differ (nondeterministic)" % (n, p))
            else:
                results[(p, n)] = a
    if bad:
        for line in bad:
            print("record.py: " + line, file=sys.stderr)
        die(1, "%d case(s) refused; no golden written" % len(bad))

    if args.check:
        problems = 0
        for (p, n), res in sorted(results.items()):
            path = os.path.join(GOLDEN, p, n + ".json")
            try:
                with open(path, encoding="utf-8") as f:
                    old = f.read()
            except FileNotFoundError:
                problems += 1
                print("%s [%s]: no golden" % (n, p))
                continue
            new = dump(res)
            if old != new:
                problems += 1
                print("%s [%s]: golden differs" % (n, p))
                if args.diff:
                    sys.stdout.writelines(difflib.unified_diff(
                        old.splitlines(True), new.splitlines(True),
                        "golden/%s/%s.json" % (p, n), "recorded now"))
        if not args.filters:
            for p in profiles:
                for n in stale_goldens(p, names):
                    problems += 1
                    print("%s [%s]: golden has no case" % (n, p))
        print("%d checked, %d differ" % (len(results), problems))
        sys.exit(1 if problems else 0)

    for (p, n), res in sorted(results.items()):
        d = os.path.join(GOLDEN, p)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, n + ".json"), "w", encoding="utf-8", newline="\n") as f:
            f.write(dump(res))
    if not args.filters:
        for p in profiles:
            for n in stale_goldens(p, names):
                os.remove(os.path.join(GOLDEN, p, n + ".json"))
                print("removed golden/%s/%s.json (no such case)" % (p, n))
    print("recorded %d case(s) x %d profile(s)" % (len(names), len(profiles)))


if __name__ == "__main__":
    main()
