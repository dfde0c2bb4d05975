import Model
import Lexing
public enum FactsPlaceholder {}
