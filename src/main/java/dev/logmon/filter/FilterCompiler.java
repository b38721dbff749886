package dev.logmon.filter;

import dev.logmon.filter.Expr.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns an {@link Expr} into a {@link LineTest} specialised per field and operator, so a line costs
 * a few comparisons: {@code status in [301, 302]} is a table lookup, {@code ip in 10.0.0.0/8} a
 * parse of the address into two longs and a masked compare, text tests compare without copying, and
 * regular expressions and large value sets answer once per distinct value ({@link TextMemo}).
 *
 * <p>Missing fields: a line without a text field (an agent in Common Log Format) has it as empty
 * text; a line without a duration fails every duration comparison but {@code !=}, which is always
 * {@code not ==}.
 */
final class FilterCompiler {
  private FilterCompiler() {}

  static LineTest compile(Expr e) {
    if (e instanceof Expr.And a) {
      LineTest l = compile(a.left());
      LineTest r = compile(a.right());
      return line -> l.test(line) && r.test(line);
    }
    if (e instanceof Expr.Or o) {
      LineTest l = compile(o.left());
      LineTest r = compile(o.right());
      return line -> l.test(line) || r.test(line);
    }
    if (e instanceof Expr.Not n) {
      return negate(compile(n.inner()));
    }
    if (e instanceof Expr.Match m) {
      Regexes.TextMatcher matcher = Regexes.compile(m.regex());
      // Plain text is matched faster than a cache is looked up.
      Predicate<CharSequence> find =
          Regexes.literalMatcher(m.regex()) != null
              ? matcher::find
              : new TextMemo(matcher::find)::test;
      LineTest t = text(m.field(), find);
      return m.negated() ? negate(t) : t;
    }
    if (e instanceof Expr.Compare c) {
      if (c.op() == Op.NE) {
        return negate(compile(new Expr.Compare(c.field(), Op.EQ, c.value())));
      }
      if (c.op() == Op.EQ) {
        return in(c.field(), List.of(c.value()));
      }
      return ordered(c.field(), c.op(), value(c.value()));
    }
    Expr.In in = (Expr.In) e;
    LineTest t = in(in.field(), in.values());
    return in.negated() ? negate(t) : t;
  }

  /**
   * The number of tests in {@code e} that keep a {@link TextMemo}: a regular expression that is not
   * plain text, an exact test against more than four texts.
   */
  static int cachedTests(Expr e) {
    if (e instanceof Expr.And a) {
      return cachedTests(a.left()) + cachedTests(a.right());
    }
    if (e instanceof Expr.Or o) {
      return cachedTests(o.left()) + cachedTests(o.right());
    }
    if (e instanceof Expr.Not n) {
      return cachedTests(n.inner());
    }
    if (e instanceof Expr.Match m) {
      return Regexes.literalMatcher(m.regex()) == null ? 1 : 0;
    }
    if (e instanceof Expr.In in) {
      long texts = in.values().stream().filter(v -> v instanceof Literal.Text).count();
      return texts > 4 ? 1 : 0;
    }
    return 0;
  }

  private static LineTest negate(LineTest t) {
    return line -> !t.test(line);
  }

  private static long value(Literal l) {
    return l instanceof Literal.Duration d ? d.micros() : ((Literal.Number) l).value();
  }

  private static LineTest ordered(Field field, Op op, long v) {
    return switch (field) {
      case STATUS -> line -> compare(line.status(), op, v);
      case BYTES -> line -> compare(line.bytes(), op, v);
      default ->
          line -> {
            long d = line.durationMicros();
            return d >= 0 && compare(d, op, v);
          };
    };
  }

  private static boolean compare(long x, Op op, long v) {
    return switch (op) {
      case LT -> x < v;
      case LE -> x <= v;
      case GT -> x > v;
      case GE -> x >= v;
      default -> throw new IllegalArgumentException(op + " does not order");
    };
  }

  /** The field equals one of the values (or, for an address, is in one of the blocks). */
  private static LineTest in(Field field, List<Literal> values) {
    switch (field) {
      case STATUS:
        boolean[] table = new boolean[1000];
        for (Literal l : values) {
          for (int s = 100; s < 1000; s++) {
            table[s] |= l instanceof Literal.StatusClass c ? c.contains(s) : value(l) == s;
          }
        }
        return line -> {
          int status = line.status();
          return status >= 0 && status < table.length && table[status];
        };
      case BYTES:
        long[] sizes = sorted(values);
        return line -> Arrays.binarySearch(sizes, line.bytes()) >= 0;
      case DURATION:
        long[] micros = sorted(values);
        return line -> Arrays.binarySearch(micros, line.durationMicros()) >= 0;
      case IP:
        return address(values);
      default:
        return text(field, texts(values));
    }
  }

  private static long[] sorted(List<Literal> values) {
    long[] a = values.stream().mapToLong(FilterCompiler::value).toArray();
    Arrays.sort(a);
    return a;
  }

  /** A test of the text of a text field against exact values: a few compared, many hashed. */
  private static Predicate<CharSequence> texts(List<Literal> values) {
    List<String> list = new ArrayList<>();
    for (Literal l : values) {
      list.add(((Literal.Text) l).value());
    }
    if (list.size() <= 4) {
      String[] a = list.toArray(String[]::new);
      return text -> {
        for (String s : a) {
          if (s.contentEquals(text)) {
            return true;
          }
        }
        return false;
      };
    }
    Set<String> set = new HashSet<>(list);
    return new TextMemo(text -> set.contains(text.toString()))::test;
  }

  private static LineTest text(Field field, Predicate<CharSequence> p) {
    return switch (field) {
      case IP -> line -> p.test(orEmpty(line.ip()));
      case METHOD -> line -> p.test(orEmpty(line.method()));
      case PATH -> line -> p.test(orEmpty(line.path()));
      case SECTION -> line -> p.test(orEmpty(line.section()));
      case VHOST -> line -> p.test(orEmpty(line.vhost()));
      case AGENT -> line -> p.test(orEmpty(line.agent()));
      case REFERRER -> line -> p.test(orEmpty(line.referrer()));
      default -> throw new IllegalArgumentException(field + " is not text");
    };
  }

  private static CharSequence orEmpty(CharSequence s) {
    return s == null ? "" : s;
  }

  /**
   * The client is in one of the blocks (as an address) or equals one of the texts (a host name).
   */
  private static LineTest address(List<Literal> values) {
    List<Literal.Block> blocks = new ArrayList<>();
    List<Literal> texts = new ArrayList<>();
    for (Literal l : values) {
      if (l instanceof Literal.Block b) {
        blocks.add(b);
      } else {
        texts.add(l);
      }
    }
    Literal.Block[] a = blocks.toArray(Literal.Block[]::new);
    Predicate<CharSequence> byText = texts.isEmpty() ? text -> false : texts(texts);
    long[] scratch = new long[2];
    return line -> {
      CharSequence ip = orEmpty(line.ip());
      if (a.length > 0 && IpAddresses.parse(ip, 0, ip.length(), true, scratch)) {
        for (Literal.Block b : a) {
          if (b.contains(scratch[0], scratch[1])) {
            return true;
          }
        }
      }
      return byText.test(ip);
    };
  }
}
