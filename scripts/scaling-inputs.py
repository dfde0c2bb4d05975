#!/usr/bin/env python3
"""Generators of inputs that once made ssotguard super-linear (issue 8), for scripts/bench-scaling.

Usage: scripts/scaling-inputs.py KIND N OUTDIR
Writes the input for size N under OUTDIR and prints the path to scan.

Kinds (N is the size knob; each doubles the work when N doubles):
  dup-files N       N files, each the same validate_token calling jwt.decode
  dup-one-file N    N copies of validate_token (renamed validate_tokenK) in one file
  minified-line N   one line of JS: N jwt.verify calls then 1 MB of filler (2.5 MB at N=5000)
  nested-defs N     N nested `def validate_tokenK(t):`, jwt.decode at the bottom (valid Python)
  nested-ts N       N nested `function verifyTokenK(t) {` on one line, jwt.verify inside
  oneline-defs N    `def validate_token(token):` repeated N times on one line
  template-nesting N  "`${" repeated N times on one line (unclosed)
  import-lines N    N lines of `import jwt`
  secret-lines N    N lines `JWT_SECRET_K = "..."` each a distinct secret, with a comment repeating it
  suppressions N    N lines of `import jwt  # ssotguard: ignore[jwt-direct-import] -- legacy`
  jsx-nesting N     "<a>" repeated N times in a .tsx file (never closed)
  brackets N        "(", "[" and "{" each repeated N times, never closed, in .ts and .py files
  py-strings N      N lines each with an unterminated string literal
  calls-nested N    jwt.decode(jwt.decode(... N deep ...)) on one line
  blocks N          issue 10's block facts: N braceless `if`s nested in one TypeScript statement,
                    N nested try/except blocks in Python whose handlers fall through to N returns
                    of a cache, and N `.catch` callbacks chained on one call
  value-flow N      one class with N methods, each binding parameters, locals and `self.` attributes
                    to the library and calling through them (issue 9's value flow), N nested blocks deep
                    in a second file
"""
import os
import sys


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    kind, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    os.makedirs(out, exist_ok=True)
    body = 'import jwt\ndef validate_token(token):\n    return jwt.decode(token, "k", algorithms=["HS256"])\n'
    if kind == "dup-files":
        for i in range(n):
            write(os.path.join(out, "m%d.py" % i), body)
        target = out
    elif kind == "dup-one-file":
        parts = ["import jwt\n"]
        for i in range(n):
            parts.append('def validate_token%d(token):\n    return jwt.decode(token, "k", algorithms=["HS256"])\n' % i)
        target = os.path.join(out, "many.py")
        write(target, "".join(parts))
    elif kind == "minified-line":
        target = os.path.join(out, "min.js")
        write(target, 'const jwt=require("jsonwebtoken");' + "jwt.verify(t,k);" * n + "var x=1;" * 125000)
    elif kind == "nested-defs":
        target = os.path.join(out, "nested.py")
        text = "import jwt\n" + "".join(" " * i + "def validate_token%d(t):\n" % i for i in range(n))
        write(target, text + " " * n + "return jwt.decode(t)\n")
    elif kind == "nested-ts":
        target = os.path.join(out, "nested.ts")
        text = "import jwt from 'jsonwebtoken';\n" + "".join("function verifyToken%d(t) { " % i for i in range(n))
        write(target, text + "return jwt.verify(t, k); " + "} " * n + "\n")
    elif kind == "oneline-defs":
        target = os.path.join(out, "oneline.py")
        write(target, "def validate_token(token):" * n)
    elif kind == "template-nesting":
        target = os.path.join(out, "tpl.ts")
        write(target, "x = " + "`${" * n + "\n")
    elif kind == "import-lines":
        target = os.path.join(out, "imports.py")
        write(target, "import jwt\n" * n)
    elif kind == "secret-lines":
        target = os.path.join(out, "secrets.py")
        lines = ["import jwt\n"]
        for i in range(n):
            s = "Zx%08dQw%08dRt" % (i, i * 7919 % 100000000)
            lines.append('JWT_SECRET_%d = "%s"  # was %s\n' % (i, s, s))
        write(target, "".join(lines))
    elif kind == "suppressions":
        target = os.path.join(out, "suppressed.py")
        write(target, "import jwt  # ssotguard: ignore[jwt-direct-import] -- legacy\n" * n)
    elif kind == "jsx-nesting":
        target = os.path.join(out, "nest.tsx")
        write(target, "const x = " + "<a>" * n + "\n")
    elif kind == "value-flow":
        parts = ["import jwt\nfrom jwt.api_jwt import PyJWT\n\nclass Gate:\n"]
        for i in range(n):
            parts.append("    def handle%d(self, jwt: PyJWT, payload, v%d):\n"
                         "        self.codec%d = jwt\n        v = jwt.decode\n        claims = v(payload, 'k')\n"
                         "        if claims['exp'] < time.time():\n            return self.codec%d.encode(claims, 'k')\n"
                         "        return claims.get('sub')\n" % (i, i, i, i))
        write(os.path.join(out, "flow.py"), "".join(parts))
        text = "import jwt from 'jsonwebtoken';\n" + "".join("function f%d(jwt, t) { const v = jwt.verify; " % i for i in range(n))
        write(os.path.join(out, "flow.ts"), text + "return v(t, 'k'); " + "} " * n + "\n")
        target = out
    elif kind == "blocks":
        write(os.path.join(out, "ifs.ts"), "function f(a, ws) {\n" + "if (!a.token) " * n + "ws.close(1011, 'token');\n}\n")
        lines = ["async def validate(self, token):\n"]
        for i in range(min(n, 90)):
            lines.append("    " * (i + 1) + "try:\n" + "    " * (i + 2) + "r = await self.auth_client.validate_token(token)\n"
                         + "    " * (i + 1) + "except httpx.ConnectError:\n" + "    " * (i + 2) + "log(%d)\n" % i)
        lines.append("    cached = self._cache.get(token)\n")
        lines.append("".join("    if cached.k%d:\n        return {**cached.claims, 'valid': True}\n" % i for i in range(n)))
        write(os.path.join(out, "fallback.py"), "".join(lines))
        write(os.path.join(out, "chain.ts"), "export const p = fetch(u)" + "".join(".catch(() => ({ valid: true, n: %d }))" % i for i in range(n)) + ";\n")
        target = out
    elif kind == "brackets":
        write(os.path.join(out, "b.ts"), "x = " + "(" * n + "[" * n + "{" * n + "\n")
        write(os.path.join(out, "b.py"), "x = " + "(" * n + "[" * n + "{" * n + "\n")
        target = out
    elif kind == "py-strings":
        target = os.path.join(out, "strings.py")
        write(target, "x = 'unterminated\n" * n)
    elif kind == "calls-nested":
        target = os.path.join(out, "calls.py")
        write(target, "import jwt\nx = " + "jwt.decode(" * n + "t" + ")" * n + "\n")
    else:
        sys.exit("unknown kind " + kind)
    print(target)


if __name__ == "__main__":
    main()
