import Model
public enum ReportingPlaceholder {}
