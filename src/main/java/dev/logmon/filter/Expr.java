package dev.logmon.filter;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A parsed filter expression. {@link #print()} writes it back in canonical form (values quoted,
 * lists bracketed, only the parentheses that precedence needs), which parses to an equal
 * expression.
 */
public sealed interface Expr {
  /** The expression in canonical form. */
  default String print() {
    return Printer.print(this, 0);
  }

  /** Both sides hold. */
  record And(Expr left, Expr right) implements Expr {
    public And {
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(right, "right");
    }
  }

  /** Either side holds. */
  record Or(Expr left, Expr right) implements Expr {
    public Or {
      Objects.requireNonNull(left, "left");
      Objects.requireNonNull(right, "right");
    }
  }

  /** The inner expression does not hold. */
  record Not(Expr inner) implements Expr {
    public Not {
      Objects.requireNonNull(inner, "inner");
    }
  }

  /** {@code field op value}, the value of a kind the field takes. */
  record Compare(Field field, Op op, Literal value) implements Expr {
    public Compare {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(op, "op");
      Objects.requireNonNull(value, "value");
    }
  }

  /** {@code field ~ "regex"}: the regular expression matches somewhere in the text field. */
  record Match(Field field, String regex, boolean negated) implements Expr {
    public Match {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(regex, "regex");
    }
  }

  /**
   * {@code field in [a, b, ...]}: the field equals one of the values (or is in an address block).
   */
  record In(Field field, List<Literal> values, boolean negated) implements Expr {
    public In {
      Objects.requireNonNull(field, "field");
      values = List.copyOf(values);
      if (values.isEmpty()) {
        throw new IllegalArgumentException("empty list");
      }
    }
  }

  /** A comparison operator. */
  enum Op {
    EQ("=="),
    NE("!="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    /** Whether the operator orders values (and so needs a number or duration). */
    public boolean orders() {
      return this != EQ && this != NE;
    }

    /** The operator written {@code symbol}, or null. */
    public static Op of(String symbol) {
      for (Op op : values()) {
        if (op.symbol.equals(symbol)) {
          return op;
        }
      }
      return null;
    }
  }

  /** Canonical printing with minimal parentheses: or binds loosest, then and, then not. */
  final class Printer {
    private Printer() {}

    static String print(Expr e, int context) {
      if (e instanceof Or o) {
        return wrap(print(o.left(), 1) + " or " + print(o.right(), 2), context > 1);
      }
      if (e instanceof And a) {
        return wrap(print(a.left(), 2) + " and " + print(a.right(), 3), context > 2);
      }
      if (e instanceof Not n) {
        return "not " + print(n.inner(), 3);
      }
      if (e instanceof Compare c) {
        return c.field().key() + " " + c.op().symbol() + " " + c.value().print();
      }
      if (e instanceof Match m) {
        return m.field().key() + (m.negated() ? " !~ " : " ~ ") + Literal.quote(m.regex());
      }
      In in = (In) e;
      return in.field().key()
          + (in.negated() ? " not in [" : " in [")
          + in.values().stream().map(Literal::print).collect(Collectors.joining(", "))
          + "]";
    }

    private static String wrap(String s, boolean parenthesise) {
      return parenthesise ? "(" + s + ")" : s;
    }
  }
}
