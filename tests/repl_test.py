#!/usr/bin/env python3
"""jetsam repl, both ways it is used: lines piped in (the output checked exactly) and a terminal
(pexpect: the prompt, multi-line input, history, Ctrl-C during an input and at the prompt, Ctrl-D).
usage: repl_test.py JETSAM SOURCE_DIR"""
import subprocess
import sys

import pexpect

jetsam, source = sys.argv[1], sys.argv[2]
failures = []


def check(what, ok, detail=""):
    if not ok:
        failures.append(f"{what}\n{detail}")


# --- piped: no prompt, each input's `=> value`, the session's state kept between inputs
piped = """project.label
lam = project.role("lambda")
lam.wildcards
def twice(n)
  n * 2
end
twice(21)
[1,
 2].sum
svc = "sqs"
v = project.with(deploy: proc { config.lambda.iam.policy << svc })
Jetsam.diff(project, v)["roles"][0]["policies"][0]["statements"][0]["origin"]["where"]
nil.upcase
lam.name
File.read("/etc/passwd")
loop {}
lam
puts "still here"
exit 4
puts "not reached"
"""
run = subprocess.run([jetsam, "repl", "samples/demo", "--facts", "samples/facts.yml", "--timeout", "1"],
                     cwd=source, input=piped, capture_output=True, text=True, timeout=60)
expected_out = """=> "samples/demo (env dev)"
=> #<Jetsam::Role IamRole of samples/demo (env dev)>
=> ["logs:*", "s3:Get*", "s3:List*", "ses:*"]
=> :twice
=> 42
=> 3
=> "sqs"
=> #<Jetsam::Project samples/demo (env dev) with deploy at (repl):11>
=> "(repl):11"
=> "IamRole"
still here
=> nil
"""
check("piped: stdout", run.stdout == expected_out, f"--- got:\n{run.stdout}--- expected:\n{expected_out}")
check("piped: exit(4) is the exit status", run.returncode == 4, f"exit {run.returncode}\n{run.stderr}")
for line in ["project: samples/demo (env dev)",
             "(repl):13: NoMethodError: undefined method 'upcase'",
             "(repl):15: NameError: uninitialized constant File",
             "jetsam: the input did not finish within the time limit of 1 s",
             "jetsam: the session starts again",
             "(repl):17: NoMethodError: undefined method 'lam'"]:
    check(f"piped: stderr has {line!r}", line in run.stderr, run.stderr)

run = subprocess.run([jetsam, "repl", "samples/demo"], cwd=source, input="[1,\n", capture_output=True, text=True,
                     timeout=60)
check("piped: an unfinished input at the end is an error", run.returncode == 1 and "unfinished" in run.stderr,
      f"exit {run.returncode}\n{run.stderr}")

# --- a terminal
c = pexpect.spawn(jetsam, ["repl", "samples/demo", "--facts", "samples/facts.yml", "--timeout", "2"], cwd=source,
                  encoding="utf-8", timeout=20)
try:
    c.expect("project: samples/demo")
    c.expect("jetsam:001> ")
    c.sendline("a = 40 + ")
    c.expect(r"jetsam:002\* ")          # the parser wants more
    c.sendline("2")
    c.expect("=> 42")
    c.expect("jetsam:003> ")
    c.send("\x1b[A\x1b[A")              # history: up twice is "a = 40 + "
    c.sendline("")
    c.expect(r"jetsam:004\* ")
    c.sendline("1")
    c.expect("=> 41")
    c.expect("jetsam:005> ")
    c.sendline("loop {}")
    c.expect("loop")
    c.sendintr()                        # Ctrl-C stops a running input
    c.expect("interrupted")
    c.expect("session starts again")
    c.expect("jetsam:006> ")
    c.send("abc")
    c.sendintr()                        # Ctrl-C at the prompt drops the line
    c.expect("jetsam:006> ")
    for _ in range(5):                  # ... also when it lands while keys are being echoed
        c.send("abc\x03")
        c.expect("jetsam:006> ")
    c.sendline('"d\u00e9j\u00e0 \u2713" == "d\\xC3\\xA9j\\xC3\\xA0 \\xE2\\x9C\\x93"')  # UTF-8 keys arrive intact
    c.expect("=> true")
    c.expect("jetsam:007> ")
    c.sendline("project.name")
    c.expect('=> "demo"')
    c.expect("jetsam:008> ")
    c.sendeof()                         # Ctrl-D ends the session
    c.expect(pexpect.EOF)
    c.close()
    check("terminal: Ctrl-D exits 0", c.exitstatus == 0, f"exit {c.exitstatus}")
except (pexpect.TIMEOUT, pexpect.EOF) as e:
    failures.append(f"terminal: {type(e).__name__}; the screen so far (as a Python string):\n{c.before!r}")

if failures:
    print("\n\n".join(failures))
    sys.exit(1)
print("repl: piped and terminal sessions ok")
