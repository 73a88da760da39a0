#!/usr/bin/env python3
"""Runs jetsam over every Jets config snippet in the Jets docs (rubyonjets/jets-docs).

Reads the docs straight from their git repository (git show HEAD:...; nothing is copied into
this tree), writes each ```ruby snippet that calls Jets.project/bootstrap/deploy.configure into a
throwaway Jets project, evaluates it with jetsam and prints a summary. See run.sh.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

CONFIGURE = re.compile(r"Jets\.(project|bootstrap|deploy)\.configure")
FENCE_OPEN = re.compile(r"^(\s*)```(\w*)\s*$")
FENCE_CLOSE = re.compile(r"^\s*```\s*$")
LIQUID_PARAM = re.compile(r"\{\{\s*include\.(\w+)\s*\}\}")
INCLUDE_CALL = re.compile(r"\{%-?\s*include\s+(\S+)((?:\s+\w+=\"[^\"]*\")*)\s*-?%\}")
INCLUDE_ARG = re.compile(r"(\w+)=\"([^\"]*)\"")
# Failures that are the snippet's fault, not jetsam's: Jets rejects these too.
REJECTED = ("belongs to Jets.",  # config.ci in Jets.bootstrap.configure: a deploy setting
            "takes the domain as an option")  # acm_cert_arn("x.com"): the docs say domain: is required
LOCATION = re.compile(r"(config/jets/[\w/]+\.rb):(\d+)")


def git(repo, *args):
    return subprocess.run(["git", "-C", repo, *args], capture_output=True, text=True, check=True).stdout


def not_ruby_reason(src):
    """Why a snippet is a template or an excerpt rather than Ruby, or None."""
    if "<%" in src:
        return "ERB template (<% %>)"
    if "{{" in src or "{%" in src:
        return "Liquid template ({{ }} / {% %})"
    for line in src.split("\n"):
        code = line.split("#", 1)[0].strip()
        if code == "..." or code.startswith("... ") or code.endswith(" ...") or "= ..." in code:
            return "elided with a `...` placeholder"
    return None


def snippets(repo):
    """Yields (doc path, first line of the snippet in the doc, source) for every configure snippet.

    Snippets in _includes/ that use Liquid parameters ({{ include.config_path }}) are rendered once
    for each distinct set of parameters the docs include them with.
    """
    files = [f for f in git(repo, "ls-tree", "-r", "--name-only", "HEAD", "_docs", "_includes").split("\n")
             if f.endswith((".md", ".html"))]
    texts = {f: git(repo, "show", "HEAD:" + f) for f in files}
    calls = {}  # include path -> list of {param: value}
    for text in texts.values():
        for m in INCLUDE_CALL.finditer(text):
            params = dict(INCLUDE_ARG.findall(m.group(2)))
            if params:
                calls.setdefault("_includes/" + m.group(1), []).append(params)
    for path in files:
        lines = texts[path].split("\n")
        i = 0
        while i < len(lines):
            m = FENCE_OPEN.match(lines[i])
            if not m:
                i += 1
                continue
            indent, lang, start = len(m.group(1)), m.group(2), i + 1
            j = start
            while j < len(lines) and not FENCE_CLOSE.match(lines[j]):
                j += 1
            i = j + 1
            body = [l[indent:] if l[:indent].strip() == "" else l for l in lines[start:j]]
            src = "\n".join(body) + "\n"
            if lang != "ruby" or not CONFIGURE.search(src):
                continue
            names = set(LIQUID_PARAM.findall(src))
            variants = []
            if names and path in calls:
                for params in calls[path]:
                    if names <= set(params):
                        rendered = LIQUID_PARAM.sub(lambda x: params[x.group(1)], src)
                        label = ",".join(f"{k}={params[k]}" for k in sorted(names))
                        if (label, rendered) not in variants:
                            variants.append((label, rendered))
            if variants:
                for label, rendered in variants:
                    yield f"{path} [{label}]", start + 1, rendered
            else:
                yield path, start + 1, src


def write_project(root, src):
    objects = CONFIGURE.findall(src)
    obj = objects[0]
    jets = os.path.join(root, "config", "jets")
    os.makedirs(jets)
    with open(os.path.join(jets, f"{obj}.rb"), "w") as f:
        f.write(src)
    if obj != "project":
        with open(os.path.join(jets, "project.rb"), "w") as f:
            f.write('Jets.project.configure do\n  config.name = "demo"\nend\n')
    elif not re.search(r"config\.name\s*=", src):
        with open(os.path.join(jets, "info.yml"), "w") as f:
            f.write("project_name: demo\n")
    return obj


def evaluate(binary, root):
    """(ok, message) for one project."""
    driver = os.path.basename(binary).startswith("drive")
    cmd = [binary, root] if driver else [binary, "settings", root]
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": "/nonexistent", "NO_COLOR": "1"}
    try:
        run = subprocess.run(cmd, capture_output=True, text=True, timeout=60, env=env)
    except subprocess.TimeoutExpired:
        return False, "timed out"
    if driver:
        err = [l for l in run.stdout.split("\n") if l.startswith("ERR ")]
        if run.returncode == 0 and not err:
            return True, ""
        return False, (err[0][4:] if err else run.stderr.strip() or f"exit {run.returncode}")
    if run.returncode == 0:
        return True, ""
    msg = "\n".join(l for l in run.stderr.strip().split("\n") if l.strip())
    return False, msg or f"exit {run.returncode}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("docs_git_dir")
    ap.add_argument("jetsam")
    ap.add_argument("--keep", help="write the projects here and keep them")
    ap.add_argument("--verbose", "-v", action="store_true", help="list every snippet")
    args = ap.parse_args()

    work = args.keep or tempfile.mkdtemp(prefix="jetsam-docs-corpus-")
    if args.keep:
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
    ok, failed, not_ruby = [], [], []
    by_object = {}
    try:
        for n, (doc, line, src) in enumerate(snippets(args.docs_git_dir), 1):
            root = os.path.join(work, f"{n:03d}")
            obj = write_project(root, src)
            by_object[obj] = by_object.get(obj, 0) + 1
            where = f"{doc}:{line}"
            reason = not_ruby_reason(src)
            if reason:
                not_ruby.append((n, where, reason))
                continue
            good, msg = evaluate(args.jetsam, root)
            if good:
                ok.append((n, where))
                continue
            first = msg.split("\n")[0]
            m = LOCATION.search(first)
            if m:  # where the failing line is in the doc itself
                first += f"  (doc line {line + int(m.group(2)) - 1})"
            failed.append((n, where, first, msg))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    total = len(ok) + len(failed) + len(not_ruby)
    syntax = [f for f in failed if "SyntaxError" in f[3] or "syntax error" in f[3]]
    rejected = [f for f in failed if any(m in f[3] for m in REJECTED)]
    other = [f for f in failed if f not in syntax and f not in rejected]
    if args.verbose:
        for n, where in ok:
            print(f"  ok        {n:03d} {where}")
    print(f"snippets: {total} ({', '.join(f'{k} {v}' for k, v in sorted(by_object.items()))})")
    print(f"  evaluated OK:     {len(ok)}")
    print(f"  syntax errors:    {len(syntax)}")
    for n, where, first, _ in syntax:
        print(f"    {n:03d} {where}: {first}")
    print(f"  rejected (the snippet misuses Jets: a misplaced setting, a helper against its documented signature): {len(rejected)}")
    for n, where, first, _ in rejected:
        print(f"    {n:03d} {where}: {first}")
    print(f"  not Ruby (not evaluated): {len(not_ruby)}")
    if not_ruby:
        print("    templates (Liquid {{ }}, ERB <% %>) that the docs site renders before showing them, and")
        print("    excerpts whose `...` stands for elided lines: neither is a config file as written")
    for n, where, reason in not_ruby:
        print(f"    {n:03d} {where}: {reason}")
    print(f"  other failures:   {len(other)}")
    for n, where, first, msg in other:
        print(f"    {n:03d} {where}: {first}")
        for extra in msg.split("\n")[1:4]:
            print(f"          {extra}")
    if args.keep:
        print(f"projects kept in {work}")
    return 1 if other else 0


if __name__ == "__main__":
    sys.exit(main())
