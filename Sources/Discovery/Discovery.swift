import Model
public enum Discovery {}
