import Testing

@Suite struct PlaceholderRuleEngineTests {}
