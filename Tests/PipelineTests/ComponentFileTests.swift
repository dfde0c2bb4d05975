import Foundation
import Model
import RuleEngine
import Testing
@testable import Pipeline

/// `.vue` and `.svelte` single-file components: their `<script>` blocks are TypeScript or
/// JavaScript, lexed in place, so findings point at the component file's own lines and columns.
@Suite struct ComponentFileTests {
    static func scan(_ text: String, path: String) throws -> [Finding] {
        let rules = RuleSet(rules: try RuleLoader.combine(RuleLoader.builtinPacks()))
        let file = try #require(SourceFile(path: path, diskPath: path))
        return Array(text.utf8).withUnsafeBytes { FileScanner.scan(file, bytes: $0, rules: rules).findings }
    }

    @Test func vueScriptSetupIsScannedAndTheTemplateIsNot() throws {
        let vue = """
            <template>
              <p>{{ jwt.decode(token) }} import jwt from 'jsonwebtoken'</p>
            </template>

            <script setup lang="ts">
            import { jwtDecode } from 'jwt-decode';
            const claims = jwtDecode<{ sub: string }>(props.token);
            </script>

            <style>.a { color: red }</style>
            """
        let findings = try Self.scan(vue, path: "src/components/Login.vue")
        #expect(findings.map { "\($0.ruleID):\($0.location.line):\($0.location.column)" }
                == ["jwt-direct-import:6:1", "jwt-direct-call:7:16"])
        #expect(findings[1].snippet.text == "const claims = jwtDecode<{ sub: string }>(props.token);")
    }

    @Test func svelteAndPlainScriptsToo() throws {
        let svelte = "<script>\n  import jwt from 'jsonwebtoken';\n  export let token;\n  $: user = jwt.decode(token);\n</script>\n\n<h1>{user.name}</h1>\n"
        let findings = try Self.scan(svelte, path: "src/routes/Profile.svelte")
        #expect(findings.map { "\($0.ruleID):\($0.location.line)" } == ["jwt-direct-import:2", "jwt-direct-call:4"])
        // Two script blocks (Vue's <script> and <script setup>), markup with multi-byte text before.
        let two = "<template><p>日本 😀</p></template>\n<script lang=\"ts\">\nexport default {}\n</script>\n<script setup>\nimport jwt from 'jsonwebtoken'\n</script>\n"
        let more = try Self.scan(two, path: "A.vue")
        #expect(more.map { "\($0.ruleID):\($0.location.line):\($0.location.column)" } == ["jwt-direct-import:6:1"])
    }

    @Test func componentFilesAreDiscovered() throws {
        #expect(SourceFile(path: "a/B.vue", diskPath: "a/B.vue")?.isComponent == true)
        #expect(SourceFile(path: "a/B.svelte", diskPath: "a/B.svelte")?.language == .typescript)
        #expect(SourceFile(path: "a/B.ts", diskPath: "a/B.ts")?.isComponent == false)
    }
}
