import Model
import Testing
@testable import Facts

/// Issue 10: blocks (try bodies, handlers, branches) and returns, for rules that ask what runs
/// when a call or a check fails.
@Suite struct ControlBlocksTests {
    /// `kind header | body text` per block, with the try body a handler belongs to and the parent.
    private func render(_ code: String, _ language: Language) -> [String] {
        let facts = Extract.facts(code, language)
        let utf8 = Array(code.utf8)
        func text(_ range: ByteRange) -> String {
            String(decoding: utf8[range.start..<range.end], as: UTF8.self)
                .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        return facts.blocks.enumerated().map { index, block in
            var line = "\(index) \(block.kind) [\(block.header)] | \(text(block.body))"
            if let tryBlock = block.tryBlock { line += " try=\(tryBlock)" }
            if let parent = block.parent { line += " in=\(parent)" }
            return line
        }
    }

    private func returns(_ code: String, _ language: Language) -> [String] {
        let facts = Extract.facts(code, language)
        let utf8 = Array(code.utf8)
        return facts.returns.map { fact in
            let value = fact.value.map { String(decoding: utf8[$0.range.start..<$0.range.end], as: UTF8.self) } ?? "-"
            return value
        }
    }

    @Test func pythonTryExceptIfElse() {
        let code = """
            def validate(token):
                try:
                    return client.validate(token)
                except (ConnectionError, httpx.TimeoutException) as exc:
                    if cached := cache.get(token):
                        return cached
                    else:
                        log(exc)
                    return jwt.decode(token, KEY, algorithms=["HS256"])
                except Exception: raise
                finally:
                    done()
                for x in y:
                    pass
                else:
                    z()
            """
        #expect(render(code, .python) == [
            "0 tryBody [] | return client.validate(token)",
            "1 handler [(ConnectionError, httpx.TimeoutException)] | if cached := cache.get(token): return cached else: log(exc) return jwt.decode(token, KEY, algorithms=[\"HS256\"]) try=0",
            "2 branch [cached := cache.get(token)] | return cached in=1",
            "3 elseBranch [cached := cache.get(token)] | log(exc) in=1",
            "4 handler [Exception] | raise try=0",
        ])
        #expect(returns(code, .python) == ["client.validate(token)", "cached", "jwt.decode(token, KEY, algorithms=[\"HS256\"])"])
        let facts = Extract.facts(code, .python)
        #expect(facts.blocks[1].headerWords == ["ConnectionError", "httpx", "TimeoutException"])
    }

    @Test func pythonOneLineBranchesAndElif() {
        let code = """
            if not result.valid: await ws.close(code=1011)
            elif result.expired:
                await ws.close(code=4001, reason="expired")
            else:
                pass
            """
        #expect(render(code, .python) == [
            "0 branch [not result.valid] | await ws.close(code=1011)",
            "1 branch [result.expired] | await ws.close(code=4001, reason=\"expired\")",
            "2 elseBranch [result.expired] | pass",
        ])
    }

    @Test func typeScriptTryCatchIfElse() {
        let code = """
            async function check(token: string) {
              try {
                return await auth.validate(token);
              } catch (err: unknown) {
                if (!token) return { valid: false };
                else return jwt.verify(token, secret)
              }
              if (!ok) ws.close(1011, 'auth failed');
              else {
                ws.send('x');
              }
            }
            """
        #expect(render(code, .typescript) == [
            "0 tryBody [] | { return await auth.validate(token); }",
            "1 handler [err: unknown] | { if (!token) return { valid: false }; else return jwt.verify(token, secret) } try=0",
            "2 branch [!token] | return { valid: false }; in=1",
            "3 elseBranch [!token] | return jwt.verify(token, secret) in=1",
            "4 branch [!ok] | ws.close(1011, 'auth failed');",
            "5 elseBranch [!ok] | { ws.send('x'); }",
        ])
        #expect(returns(code, .typescript) == ["auth.validate(token)", "{ valid: false }", "jwt.verify(token, secret)"])
    }

    @Test func typeScriptPromiseCatchIsAHandlerOfItsChain() {
        let code = """
            const ok = fetch(url).then(r => r.json()).catch(() => jwt.verify(token, secret));
            """
        #expect(render(code, .typescript) == [
            "0 tryBody [] | fetch(url).then(r => r.json()).catch(",
            "1 handler [.catch] | () => jwt.verify(token, secret) try=0",
        ])
    }

    @Test func onlyCatchCallbacksHaveTheirArrowBodyAsAResult() {
        let code = """
            p.then((r) => r.json()).catch((err: unknown) => ({ valid: false }));
            q.catch(async () => cache.get(t)).finally(() => done());
            const f = (x) => x + 1;
            """
        #expect(returns(code, .typescript) == ["{ valid: false }", "cache.get(t)"])
        #expect(Extract.facts(code, .typescript).returns.allSatisfy { $0.isArrowBody })
    }

    @Test func typeScriptReturnEndsAtALineBreak() {
        let code = """
            function f() {
              return
              x
            }
            const g = () => { return a
              .b()
            }
            """
        #expect(returns(code, .typescript) == ["-", "a\n  .b()"])
    }

    @Test func longChainsKeepTheirNamesShort() {
        // 40 chained calls: the first 16 links are named, later ones `.…` plus their own link.
        let code = "p" + String(repeating: ".then(f)", count: 20) + String(repeating: ".catch(g)", count: 20) + ";\n"
        let facts = Extract.facts(code, .typescript)
        let calls = facts.calls.filter { $0.callee.hasPrefix("p.") }
        #expect(calls.count == 40)
        #expect(calls.allSatisfy { $0.callee.utf8.count < 200 })
        #expect(calls.last?.callee.hasSuffix(".…().catch") == true)
        #expect(calls[15].callee.contains("…") == false)
        // Each `.catch` is still a handler of its chain.
        #expect(facts.blocks.filter { $0.kind == .handler }.count == 20)
    }

    @Test func headersAreCutAndCollapsed() {
        let long = String(repeating: "a_long_name and ", count: 20)
        let facts = Extract.facts("if \(long)x:\n    pass\n", .python)
        #expect(facts.blocks.count == 1)
        #expect(facts.blocks[0].header.hasSuffix("…"))
        #expect(facts.blocks[0].header.utf8.count <= 100 + 3)
        #expect(facts.blocks[0].headerWords.count == 32)
    }
}
