import Model
public enum RuleEnginePlaceholder {}
