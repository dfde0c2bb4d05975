import Testing

@Suite struct PlaceholderModelTests {}
