import Testing

@Suite struct PlaceholderFactsTests {}
