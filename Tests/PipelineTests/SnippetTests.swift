import Foundation
import Model
import RuleEngine
import Testing
@testable import Pipeline

/// The window of a line a finding keeps, and the masking of every secret in it.
@Suite struct SnippetTests {
    static func scan(_ text: String, path: String = "svc/a.py", rules: [Rule]? = nil) throws -> [Finding] {
        let all = try RuleLoader.combine(RuleLoader.builtinPacks())
        let file = try #require(SourceFile(path: path, diskPath: path))
        return Array(text.utf8).withUnsafeBytes { FileScanner.scan(file, bytes: $0, rules: RuleSet(rules: rules ?? all)).findings }
    }

    @Test func longLinesKeepABoundedWindowAroundTheFinding() throws {
        let line = "const jwt = require('jsonwebtoken'); " + String(repeating: "x", count: 5000) + " jwt.verify(t,k) "
            + String(repeating: "y", count: 5000)
        let finding = try #require(try Self.scan(line, path: "m.js").first { $0.ruleID == "jwt-direct-call" })
        let snippet = finding.snippet
        #expect(snippet.text.unicodeScalars.count <= Snippet.maximumWidth)
        #expect(snippet.cutBefore && snippet.cutAfter)
        let scalars = Array(snippet.text.unicodeScalars)
        let marked = String(String.UnicodeScalarView(scalars[snippet.markerStart..<(snippet.markerStart + snippet.markerLength)]))
        #expect(marked == "jwt.verify(t,k)")
        #expect(snippet.markerStart == Snippet.leadingContext)
    }

    @Test func aShortLineIsShownWhole() throws {
        let finding = try #require(try Self.scan("import jwt  # 日本\n").first)
        #expect(finding.snippet == Snippet(text: "import jwt  # 日本", markerStart: 0, markerLength: 10))
    }

    /// Every copy of a recognised secret on the shown line is masked: a second literal, the same
    /// value in a comment, a copy right after the finding.
    @Test func everyOccurrenceOfASecretIsMasked() throws {
        let secret = "Qz7Kp2Wm9Xv4Lr8T"
        let code = """
            import jwt
            JWT_SECRET = "\(secret)"; BACKUP = "\(secret)"  # old value: \(secret)
            token = jwt.encode(p, "\(secret)")  # key \(secret)
            """
        let findings = try Self.scan(code)
        #expect(!findings.isEmpty)
        for finding in findings {
            #expect(!finding.snippet.text.contains("Kp2Wm9Xv"), "\(finding.ruleID): \(finding.snippet.text)")
            #expect(!finding.message.contains("Kp2Wm9Xv"))
        }
        let call = try #require(findings.first { $0.ruleID == "jwt-direct-call" })
        #expect(call.snippet.text == "token = jwt.encode(p, \"Qz…(16 chars)\")  # key Qz…(16 chars)")
        // The marker still covers the whole call, mask included.
        let scalars = Array(call.snippet.text.unicodeScalars)
        let marked = String(String.UnicodeScalarView(scalars[call.snippet.markerStart..<(call.snippet.markerStart + call.snippet.markerLength)]))
        #expect(marked == "jwt.encode(p, \"Qz…(16 chars)\")")
    }

    /// Masking does not depend on which rules run: with the secret rule left out, the direct-call
    /// finding on the same line still hides the key.
    @Test func secretsAreMaskedWhenTheSecretRuleDoesNotRun() throws {
        let rules = try RuleLoader.combine(RuleLoader.builtinPacks()).filter { $0.id != "jwt-hardcoded-secret" }
        let code = "import jwt\ntoken = jwt.encode(p, \"Qz7Kp2Wm9Xv4Lr8T\", algorithm=\"HS256\")\n"
        let findings = try Self.scan(code, rules: rules)
        let call = try #require(findings.first { $0.ruleID == "jwt-direct-call" })
        #expect(!call.snippet.text.contains("Kp2Wm9Xv"))
        #expect(!findings.contains { $0.ruleID == "jwt-hardcoded-secret" })
    }

    /// A secret cut by the window's edge is shown as its mask, whole, never as a piece.
    @Test func aSecretAtTheWindowsEdgeIsMaskedWhole() throws {
        let secret = String(repeating: "Zq", count: 150)
        let code = "import jwt\nKEY = 1; " + String(repeating: " ", count: 10) + "jwt.decode(t, \"" + secret + "\")\n"
        let call = try #require(try Self.scan(code).first { $0.ruleID == "jwt-direct-call" })
        #expect(!call.snippet.text.contains("ZqZqZqZq"))
        #expect(call.snippet.text.contains("Zq…(300 chars)"))
    }

    /// Thousands of findings on one megabyte line: each keeps a window, not the line.
    @Test func findingsOnOneHugeLineStaySmall() throws {
        let code = "const jwt=require('jsonwebtoken');" + String(repeating: "jwt.verify(t,k);", count: 20_000)
        let findings = try Self.scan(code, path: "min.js")
        #expect(findings.count >= 20_000)
        #expect(findings.allSatisfy { $0.snippet.text.utf8.count <= 4 * Snippet.maximumWidth })
        let last = try #require(findings.last)
        #expect(last.location.column == 35 + 16 * 19_999)
    }

    /// 5,000 unclosed template literals on one line of a file a rule looks at: the first 100
    /// problems with their places, then one line counting the rest.
    @Test func problemsPerFileAreCapped() throws {
        let code = "import jwt from 'jsonwebtoken';\nx = " + String(repeating: "`${", count: 5_000) + "\n"
        let file = try #require(SourceFile(path: "t.ts", diskPath: "t.ts"))
        let rules = RuleSet(rules: try RuleLoader.combine(RuleLoader.builtinPacks()))
        let outcome = Array(code.utf8).withUnsafeBytes { FileScanner.scan(file, bytes: $0, rules: rules) }
        #expect(outcome.diagnostics.count == FileScanner.problemLimit + 1)
        #expect(outcome.diagnostics.prefix(FileScanner.problemLimit).allSatisfy { $0.line == 2 && $0.column != nil })
        #expect(outcome.diagnostics.last?.message.hasSuffix("more problems in this file not shown") == true)
    }

    /// Lexing problems matter where a rule could fire: a file that names nothing the rules look
    /// for is not lexed, and its problems are not reported, with the prefilter on or off.
    @Test func problemsOfFilesNoRuleLooksAtAreNotReported() throws {
        let code = "x = " + String(repeating: "`${", count: 50) + "\n"
        let file = try #require(SourceFile(path: "t.ts", diskPath: "t.ts"))
        var rules = RuleSet(rules: try RuleLoader.combine(RuleLoader.builtinPacks()))
        for usesPrefilter in [true, false] {
            rules.usesPrefilter = usesPrefilter
            let outcome = Array(code.utf8).withUnsafeBytes { FileScanner.scan(file, bytes: $0, rules: rules) }
            #expect(outcome.diagnostics.isEmpty && outcome.findings.isEmpty && outcome.scanned)
        }
    }
}
