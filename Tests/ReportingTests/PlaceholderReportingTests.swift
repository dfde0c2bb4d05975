import Testing

@Suite struct PlaceholderReportingTests {}
