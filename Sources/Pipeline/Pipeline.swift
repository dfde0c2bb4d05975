import Model
public enum PipelinePlaceholder {}
