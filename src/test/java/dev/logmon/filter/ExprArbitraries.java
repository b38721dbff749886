package dev.logmon.filter;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random filter expressions, literals and lines for the property tests. */
final class ExprArbitraries {
  static final List<String> REGEXES =
      List.of(
          "^/health",
          "bot",
          "(?i)bot|crawl|spider",
          "\\.php$",
          "^/api/v[0-9]+/",
          "^$",
          "a.c",
          "^/exact$",
          "[",
          "x*y+z?",
          "\\d{2,4}",
          "é",
          "^GET$");

  private ExprArbitraries() {}

  static Arbitrary<Expr> expressions() {
    return expressions(4);
  }

  private static Arbitrary<Expr> expressions(int depth) {
    if (depth == 0) {
      return conditions();
    }
    Arbitrary<Expr> sub = Arbitraries.lazy(() -> expressions(depth - 1));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, conditions()),
        net.jqwik.api.Tuple.of(1, Combinators.combine(sub, sub).as(Expr.And::new)),
        net.jqwik.api.Tuple.of(1, Combinators.combine(sub, sub).as(Expr.Or::new)),
        net.jqwik.api.Tuple.of(1, sub.map(Expr.Not::new)));
  }

  static Arbitrary<Expr> conditions() {
    return Arbitraries.of(Field.class).flatMap(ExprArbitraries::condition);
  }

  private static Arbitrary<Expr> condition(Field field) {
    Arbitrary<Literal> value = literal(field);
    Arbitrary<Expr.Op> ops =
        field.isText() ? Arbitraries.of(Expr.Op.EQ, Expr.Op.NE) : Arbitraries.of(Expr.Op.class);
    Arbitrary<Expr> compare =
        Combinators.combine(ops, value)
            .filter((op, v) -> !(op.orders() && v instanceof Literal.StatusClass))
            .as((op, v) -> new Expr.Compare(field, op, v));
    Arbitrary<Expr> in =
        Combinators.combine(value.list().ofMinSize(1).ofMaxSize(6), Arbitraries.of(true, false))
            .as((vs, neg) -> new Expr.In(field, vs, neg));
    if (!field.isText()) {
      return Arbitraries.oneOf(compare, in);
    }
    Arbitrary<Expr> match =
        Combinators.combine(regexes(), Arbitraries.of(true, false))
            .as((r, neg) -> new Expr.Match(field, r, neg));
    return Arbitraries.oneOf(compare, in, match);
  }

  static Arbitrary<String> regexes() {
    return Arbitraries.oneOf(
        Arbitraries.of(REGEXES).filter(r -> !r.equals("[")),
        Arbitraries.strings().alpha().numeric().withChars("/-_ ").ofMaxLength(12));
  }

  static Arbitrary<Literal> literal(Field field) {
    return switch (field) {
      case STATUS ->
          Arbitraries.oneOf(
              Arbitraries.integers().between(100, 999).map(s -> new Literal.Number(s)),
              Arbitraries.integers().between(1, 5).map(Literal.StatusClass::new));
      case BYTES ->
          Arbitraries.longs().between(0, 999_999_999_999_999_999L).map(Literal.Number::new);
      case DURATION ->
          Arbitraries.longs().between(0, 1_000_000_000_000L).map(Literal.Duration::new);
      case IP -> Arbitraries.oneOf(blocks(), hostNames().map(Literal.Text::new));
      default -> texts().map(Literal.Text::new);
    };
  }

  static Arbitrary<String> texts() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(12),
        Arbitraries.strings().withChars("\\\"'nrtu/.-~ ()[],=!<>").ofMaxLength(12),
        Arbitraries.of(
            "GET",
            "POST",
            "/api",
            "/health",
            "-",
            "",
            "and",
            "or",
            "not",
            "in",
            "5xx",
            "curl/7.1",
            "http://x/",
            "shop.example"));
  }

  static Arbitrary<String> hostNames() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .ofMinLength(1)
        .ofMaxLength(8)
        .list()
        .ofMinSize(1)
        .ofMaxSize(3)
        .map(parts -> String.join(".", parts));
  }

  static Arbitrary<Literal> blocks() {
    Arbitrary<Literal> v4 =
        Combinators.combine(
                Arbitraries.longs().between(0, 0xffff_ffffL), Arbitraries.integers().between(0, 32))
            .as(
                (a, len) -> {
                  int prefix = 96 + len;
                  long lo = (IpAddresses.MAPPED_PREFIX_LO | a) & Literal.Block.maskLo(prefix);
                  return new Literal.Block(0, lo, prefix, true);
                });
    Arbitrary<Literal> v6 =
        Combinators.combine(sparseLongs(), sparseLongs(), Arbitraries.integers().between(0, 128))
            .as(
                (hi, lo, prefix) ->
                    new Literal.Block(
                        hi & Literal.Block.maskHi(prefix),
                        lo & Literal.Block.maskLo(prefix),
                        prefix,
                        false));
    Arbitrary<Literal> common =
        Arbitraries.of("10.0.0.0/8", "2001:db8::/32", "::1", "192.0.2.7", "::ffff:0:0/96", "::/0")
            .map(s -> ((Expr.In) FilterParser.parse("ip in " + s)).values().get(0));
    return Arbitraries.oneOf(v4, v6, common);
  }

  /** 64-bit values with runs of zero groups and IPv4-mapped shapes, as addresses have. */
  static Arbitrary<Long> sparseLongs() {
    return Arbitraries.oneOf(
        Arbitraries.longs(),
        Arbitraries.of(0L, 1L, 0xffff_0000_0000L, 0x2001_0db8_0000_0000L, -1L),
        Arbitraries.integers()
            .between(0, 15)
            .list()
            .ofSize(4)
            .map(
                groups -> {
                  long v = 0;
                  for (int g : groups) {
                    v = (v << 16) | (g < 8 ? 0 : g);
                  }
                  return v;
                }));
  }
}
