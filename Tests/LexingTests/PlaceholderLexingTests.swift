import Testing

@Suite struct PlaceholderLexingTests {}
