#!/usr/bin/env python3
"""jetsam compile --format yaml, read by PyYAML (its libyaml loader, the parser behind Ruby's Psych,
and its pure-Python loader), is exactly the data of --format cfn, for config strings made of the
code points, indicators and scalars a YAML reader could misread.

usage: yaml_pyyaml_test.py JETSAM_BINARY
"""
import json
import os
import random
import subprocess
import sys
import tempfile

import yaml

PIECES = ["null", "~", "true", "No", "on", "0x1F", "1e3", "1.5", "-1", ".inf", "12:30", "2012-10-17", "<<", "=",
          "-", "?", ":", ",", "[", "]", "{", "}", "#", "&a", "*a", "!t", "|", ">", "'", '"', "%", "@", "`", "- ",
          "? ", ": ", " #", "---", "...", " ", "\t", "\n", "\r", "\\", "s3:GetObject", "iam:*", "*", "a", "0", "é",
          "😀"]
CODE_POINTS = [0x01, 0x07, 0x08, 0x0B, 0x0C, 0x1B, 0x1F, 0x7F, 0x80, 0x85, 0x9F, 0xA0, 0xAD, 0x200B, 0x200E,
               0x2028, 0x2029, 0x202A, 0x202E, 0x2066, 0x2069, 0xFEFF, 0xFFFD, 0xFFFE, 0xFFFF, 0x1FFFE, 0xE0001]


def ruby_literal(s):
    # Every character as \u{...}: the Ruby source stays ASCII and holds exactly `s`.
    return '"' + "".join("\\u{%x}" % ord(c) for c in s) + '"'


def random_string(rng):
    parts = []
    for _ in range(rng.randint(0, 6)):
        parts.append(chr(rng.choice(CODE_POINTS)) if rng.random() < 0.4 else rng.choice(PIECES))
    return "".join(parts)


def main():
    jetsam = sys.argv[1]
    rng = random.Random(20240601)
    strings = [random_string(rng) for _ in range(400)] + [p for p in PIECES] + [chr(c) for c in CODE_POINTS]
    strings = [s for s in strings if s and "\0" not in s]
    with tempfile.TemporaryDirectory() as d:
        os.makedirs(os.path.join(d, "config", "jets"))
        with open(os.path.join(d, "config", "jets", "project.rb"), "w") as f:
            f.write('Jets.project.configure do\n  config.name = "demo"\nend\n')
        with open(os.path.join(d, "config", "jets", "deploy.rb"), "w") as f:
            f.write("Jets.deploy.configure do\n  config.lambda.iam.policy = [\n")
            f.write("".join("    %s,\n" % ruby_literal(s) for s in strings))
            f.write("  ]\n  config.lambda.iam.policy << {Action: ['s3:GetObject'], Effect: 'Allow', Resource: [\n")
            f.write("".join("    %s,\n" % ruby_literal(s) for s in strings))
            f.write("  ], Condition: {StringEquals: {\n")
            f.write("".join("    %s => %s,\n" % (ruby_literal("k" + s), ruby_literal(s)) for s in strings))
            f.write("  }}}\nend\n")
        base = [jetsam, "compile", d, "--role", "lambda", "--region", "us-east-1", "--account", "111122223333",
                "--s3-bucket", "b"]
        cfn = subprocess.run(base, capture_output=True, check=True).stdout
        out = subprocess.run(base + ["--format", "yaml"], capture_output=True, check=True).stdout
    data = json.loads(cfn)
    statements = data["IamRole"]["Properties"]["Policies"][1]["PolicyDocument"]["Statement"]
    assert len(statements) > 100, "the strings did not reach the policy"
    failures = 0
    for loader in (yaml.CSafeLoader, yaml.SafeLoader):
        if yaml.load(out.decode("utf-8"), Loader=loader) != data:
            print("%s reads the YAML differently from the JSON" % loader.__name__)
            failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
