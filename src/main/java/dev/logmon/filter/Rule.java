package dev.logmon.filter;

import java.util.Objects;

/**
 * One {@code --include} or {@code --exclude} as written: an optional name ({@code health: path ~
 * "^/health"}) and its expression. {@link #print()} is its canonical text.
 */
public record Rule(String name, Expr expr) {
  public Rule {
    Objects.requireNonNull(expr, "expr");
  }

  /** The rule in canonical form, with its name if it has one; parses back to an equal rule. */
  public String print() {
    return name == null ? expr.print() : name + ": " + expr.print();
  }
}
