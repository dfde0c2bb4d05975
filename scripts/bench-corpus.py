#!/usr/bin/env python3
"""Writes a deterministic synthetic Python + TypeScript corpus for scripts/bench.

Usage: bench-corpus.py LINES DIR. The same arguments always give the same files. About one file
in twenty uses a JWT library so the scan has findings to report.
"""
import os
import random
import sys

PY_HEAD = [
    "import os\nimport logging\nfrom typing import Optional, Dict\n",
    "import json\nfrom dataclasses import dataclass\nfrom app.core.config import settings\n",
]
PY_JWT = "import jwt\nfrom jose import jwt as jose_jwt\n"
TS_HEAD = [
    "import React, { useState } from 'react';\nimport { api } from '../lib/api';\n",
    "import express from 'express';\nimport type { Request } from 'express';\n",
]
TS_JWT = "import jwt from 'jsonwebtoken';\nconst { jwtVerify } = require('jose');\n"


def py_block(rng, n, jwt):
    call = "jwt.decode(token, key, algorithms=['HS256'])" if jwt else "self.client.fetch(token)"
    return (
        f"\n\nclass Service{n}:\n"
        f'    """Handles request {n}: validates input and "quotes" \'in\' docstrings."""\n\n'
        f"    def __init__(self, client, timeout: int = {rng.randint(1, 99)}):\n"
        f"        self.client = client\n        self.timeout = timeout  # seconds\n\n"
        f"    async def handle_{n}(self, token: str, payload: Dict[str, str]) -> Optional[dict]:\n"
        f"        logging.info(f\"handling {{token[:8]}} with {{len(payload)}} keys\")\n"
        f"        if not token or token.count('.') != 2:\n"
        f"            raise ValueError('bad token: ' + repr(token))\n"
        f"        result = {call}\n"
        f"        values = [v.strip() for v in payload.values() if v]\n"
        f"        return {{'id': {n}, 'values': values, 'result': result}}\n"
    )


def ts_block(rng, n, jwt):
    call = "jwt.verify(token, secret)" if jwt else "api.get(`/users/${id}`)"
    return (
        f"\n/** Component {n}: renders a list; `code` in comments is not code. */\n"
        f"export function Widget{n}({{ id, token }}: {{ id: string; token: string }}) {{\n"
        f"  const [items, setItems] = useState<string[]>([]);\n"
        f"  const ratio = items.length / {rng.randint(2, 9)} / 2;\n"
        f"  const re = /^[a-z]+\\/[0-9]{{2,}}$/i;\n"
        f"  const result = {call};\n"
        f"  return (\n    <div className=\"w{n}\" data-ratio={{ratio}}>\n"
        f"      <p>Don't show {{items.length}} items</p>\n"
        f"      {{items.map((x) => <span key={{x}}>{{x}}</span>)}}\n    </div>\n  );\n}}\n"
    )


def main():
    target = int(sys.argv[1])
    root = sys.argv[2]
    rng = random.Random(20261122)
    written = 0
    files = 0
    while written < target:
        python = files % 2 == 0
        jwt = files % 20 == 0
        folder = os.path.join(root, "backend" if python else "frontend", f"pkg{files // 200}")
        os.makedirs(folder, exist_ok=True)
        name = f"module_{files}.py" if python else f"Widget{files}.tsx"
        parts = [rng.choice(PY_HEAD if python else TS_HEAD)]
        if jwt:
            parts.append(PY_JWT if python else TS_JWT)
        blocks = rng.randint(15, 40)
        for n in range(blocks):
            parts.append((py_block if python else ts_block)(rng, n, jwt))
        text = "".join(parts)
        with open(os.path.join(folder, name), "w") as out:
            out.write(text)
        written += text.count("\n")
        files += 1
    with open(os.path.join(root, ".lines"), "w") as out:
        out.write(str(written))
    with open(os.path.join(root, ".files"), "w") as out:
        out.write(str(files))
    print(f"wrote {written} lines in {files} files to {root}")


if __name__ == "__main__":
    main()
