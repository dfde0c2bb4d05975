import Model
import Testing
@testable import Facts

/// Issue 10: lengths of time written with literals (token lifetimes) and query parameters appended
/// to URLs (tokens in URLs).
@Suite struct LifetimeAndURLFactsTests {
    /// `keyword=seconds[+clock]` for each argument and property of the first resolved call.
    private func durations(_ code: String, _ language: Language) -> [String] {
        let facts = Extract.facts(code, language)
        guard let call = facts.calls.first(where: { $0.qualifiedName != nil }) else { return [] }
        var out: [String] = []
        for argument in call.arguments + call.arguments.flatMap(\.properties) {
            guard let seconds = argument.seconds else { continue }
            out.append("\(argument.keyword ?? "_")=\(Int(seconds))\(argument.isExpiry ? "+clock" : "")")
        }
        return out
    }

    @Test func pythonTimedeltasAndClockOffsets() {
        let code = """
            import jwt
            jwt.encode({"sub": u, "exp": datetime.utcnow() + timedelta(minutes=1), "iat": datetime.utcnow(),
                        "nbf": int(time.time()) + 60 * 5, "ttl": datetime.timedelta(hours=1, seconds=30),
                        "x": datetime.utcnow() + timedelta(minutes=settings.TTL), "y": 3600},
                       key, expires=timedelta(1), other=(15 * 60))
            """
        #expect(durations(code, .python) == ["expires=86400", "other=900", "exp=60+clock", "nbf=300+clock", "ttl=3630"])
    }

    @Test func typeScriptClockOffsetsAndShorthand() {
        let code = """
            import jwt from 'jsonwebtoken';
            jwt.sign({ sub, exp: Math.floor(Date.now() / 1000) + 60 * 60 }, key, { expiresIn: 15 * 60 });
            """
        let facts = Extract.facts(code, .typescript)
        let call = facts.calls.first { $0.qualifiedName == "jsonwebtoken.default.sign" || $0.qualifiedName == "jsonwebtoken.sign" }
        #expect(call?.arguments[0].properties.map { $0.keyword ?? "" } == ["sub", "exp"])
        #expect(call?.arguments[0].property("sub")?.name == "sub")
        #expect(call?.arguments[0].property("exp")?.seconds == 3600)
        #expect(call?.arguments[0].property("exp")?.isExpiry == true)
        #expect(call?.arguments[2].property("expiresIn")?.seconds == 900)
        #expect(call?.arguments[2].property("expiresIn")?.isExpiry == false)
    }

    private func parameters(_ code: String, _ language: Language) -> [String] {
        Extract.facts(code, language).urlParameters.map { "\($0.name)=\($0.value)" }
    }

    @Test func typeScriptConcatenationAndTemplates() {
        let code = """
            const a = new WebSocket(url + '?token=' + jwt);
            const b = new WebSocket(`${wsUrl}?jwt=${this.auth.token}&room=${room}`);
            const c = `${base}/ws?ticket=${await getTicket()}`;
            const d = 'token=' + t;
            const e = '?token=abc';
            const f = `${u}?access_token=${t.slice(1)}`;
            """
        #expect(parameters(code, .typescript) == ["token=jwt", "jwt=this.auth.token", "room=room", "ticket=getTicket()", "access_token=t.slice(…)"])
    }

    @Test func pythonFStringsFormatAndPercent() {
        let code = """
            a = f"{ws_url}?token={access_token}"
            b = "wss://h/ws?jwt=%s" % token
            c = "wss://h/ws?x=1&token={}".format(get_token())
            d = "https://h/cb?token=" + self.token
            e = f"{url}?page={page}"
            f = "Bearer token=%s"
            """
        #expect(parameters(code, .python) == ["token=access_token", "jwt=token", "token=get_token()", "token=self.token", "page=page"])
    }
}
