package dev.logmon.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Compiled filters (status tables, address parsing, literal shortcuts, per-value caches) decide as
 * a plain interpreter of the expression does, on String fields and on non-String views alike.
 */
class FilterEvaluationProperties {
  @Property(tries = 3000)
  void compiledTestsAgreeWithTheInterpreter(
      @ForAll("expressions") Expr e, @ForAll("lines") List<TestLine> lines) {
    LineTest compiled = FilterCompiler.compile(e);
    for (int round = 0; round < 2; round++) { // the second round meets the caches
      for (TestLine line : lines) {
        boolean expected = interpret(e, line);
        assertThat(compiled.test(line)).as("%s on %s", e.print(), line).isEqualTo(expected);
        assertThat(compiled.test(line.viewed()))
            .as("%s on a view of %s", e.print(), line)
            .isEqualTo(expected);
      }
    }
  }

  /** The meaning of an expression, written as plainly as possible. */
  static boolean interpret(Expr e, TestLine line) {
    if (e instanceof Expr.And a) {
      return interpret(a.left(), line) && interpret(a.right(), line);
    }
    if (e instanceof Expr.Or o) {
      return interpret(o.left(), line) || interpret(o.right(), line);
    }
    if (e instanceof Expr.Not n) {
      return !interpret(n.inner(), line);
    }
    if (e instanceof Expr.Match m) {
      String text = text(m.field(), line);
      return Pattern.compile(m.regex()).matcher(text).find() != m.negated();
    }
    if (e instanceof Expr.In in) {
      boolean any = in.values().stream().anyMatch(v -> equal(in.field(), v, line));
      return any != in.negated();
    }
    Expr.Compare c = (Expr.Compare) e;
    if (c.op() == Expr.Op.EQ || c.op() == Expr.Op.NE) {
      return equal(c.field(), c.value(), line) == (c.op() == Expr.Op.EQ);
    }
    long x =
        switch (c.field()) {
          case STATUS -> line.status();
          case BYTES -> line.bytes();
          default -> line.durationMicros();
        };
    if (x < 0) {
      return false;
    }
    long v =
        c.value() instanceof Literal.Duration d ? d.micros() : ((Literal.Number) c.value()).value();
    return switch (c.op()) {
      case LT -> x < v;
      case LE -> x <= v;
      case GT -> x > v;
      default -> x >= v;
    };
  }

  private static boolean equal(Field field, Literal v, TestLine line) {
    if (v instanceof Literal.Text t) {
      return text(field, line).equals(t.value());
    }
    if (v instanceof Literal.StatusClass c) {
      return line.status() / 100 == c.digit();
    }
    if (v instanceof Literal.Block b) {
      String ip = line.ip();
      long[] a = new long[2];
      return IpAddresses.parse(ip, 0, ip.length(), true, a) && b.contains(a[0], a[1]);
    }
    long n = v instanceof Literal.Duration d ? d.micros() : ((Literal.Number) v).value();
    return switch (field) {
      case STATUS -> line.status() == n;
      case BYTES -> line.bytes() == n;
      default -> line.durationMicros() == n;
    };
  }

  private static String text(Field field, TestLine line) {
    CharSequence s = line.text(field);
    return s == null ? "" : s.toString();
  }

  @Provide
  Arbitrary<Expr> expressions() {
    return ExprArbitraries.expressions();
  }

  @Provide
  Arbitrary<List<TestLine>> lines() {
    Arbitrary<TestLine> line =
        Combinators.combine(
                Arbitraries.of(
                    "10.1.2.3",
                    "::ffff:10.1.2.3",
                    "2001:db8::1",
                    "192.0.2.7",
                    "shop.example",
                    "::1",
                    "fe80::1%eth0",
                    "",
                    "10.0.0.256"),
                Arbitraries.of(101, 200, 301, 302, 404, 500, 503, 999),
                Arbitraries.of("GET", "POST", "HEAD", ""),
                Arbitraries.oneOf(
                    Arbitraries.of("/health", "/api/v1/x", "/index.php", "/", "", "/a.c", "/exact"),
                    Arbitraries.strings().all().ofMaxLength(8)),
                Arbitraries.of(
                    null, "Googlebot/2.1", "Mozilla/5.0 Chrome", "curl/7.1", "x".repeat(300)),
                Arbitraries.of(null, "-", "http://x/"),
                Arbitraries.of(0L, 1L, 1000L, 999_999_999_999_999_999L),
                Arbitraries.of(-1L, 0L, 250_000L, 1_500_000L))
            .as(
                (ip, status, method, path, agent, referrer, bytes, micros) ->
                    TestLine.of(ip, status, method, path)
                        .agent(agent)
                        .referrer(referrer)
                        .vhost(agent == null ? null : "shop.example")
                        .bytes(bytes)
                        .micros(micros));
    return line.list().ofMinSize(1).ofMaxSize(8);
  }
}
