public enum JSONCPlaceholder {}
