import Testing

@Suite struct PlaceholderJSONCTests {}
