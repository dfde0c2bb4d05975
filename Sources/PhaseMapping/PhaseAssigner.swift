import Model

/// Assigns every finding the first phase of the plan that accepts it, or `unplanned`.
public enum PhaseAssigner {
    public static func assign(_ findings: [Finding], plan: Plan, aliases: [RuleID: RuleID] = [:]) -> [Finding] {
        var findings = findings
        assign(&findings, plan: plan, aliases: aliases)
        return findings
    }

    /// Sets `phase` and `phaseTitle` on `findings`, in place.
    public static func assign(_ findings: inout [Finding], plan: Plan, aliases: [RuleID: RuleID] = [:]) {
        // The phase depends only on the rule and the path: decide each pair once.
        var decided: [String: (id: String, title: String)] = [:]
        for index in findings.indices {
            let key = findings[index].ruleID.rawValue + "\u{0}" + findings[index].path
            let phase = decided[key] ?? {
                let phase = self.phase(of: findings[index], plan: plan, aliases: aliases)
                decided[key] = (phase.id, phase.title)
                return (phase.id, phase.title)
            }()
            findings[index].phase = phase.id
            findings[index].phaseTitle = phase.title
        }
    }

    /// The phase owning a finding. `aliases` maps a rule's current id to the ids plans may use
    /// for it (old ids keep matching after a rename).
    public static func phase(of finding: Finding, plan: Plan, aliases: [RuleID: RuleID] = [:]) -> Phase {
        let isTest = finding.isTestCode || plan.isTestCode(finding.path)
        for phase in plan.phases {
            for criteria in phase.criteria {
                if criteria.accepts(rule: finding.ruleID, path: finding.path, isTest: isTest) { return phase }
                if let alias = aliases[finding.ruleID], criteria.accepts(rule: alias, path: finding.path, isTest: isTest) {
                    return phase
                }
            }
        }
        return .unplanned
    }
}
