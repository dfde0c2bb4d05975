import Testing

@Suite struct PlaceholderPipelineTests {}
