package dev.logmon.filter;

import dev.logmon.agent.Crawlers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The filters of a run ({@code --include}, {@code --exclude}, {@code --ignore-crawlers}), parsed
 * and checked, and the labels of their rules. Immutable; each thread that filters lines compiles
 * its own {@link Filters} with {@link #newFilters()}.
 *
 * <p>A line counts when it matches at least one {@code --include} (if any are given), no {@code
 * --exclude}, and, with {@code --ignore-crawlers}, its agent is not a robot's. A line left out is
 * counted under the first rule that leaves it out, in that order: {@value #INCLUDE} (it matched no
 * {@code --include}), each {@code --exclude} by its name or canonical expression, then {@value
 * #CRAWLERS}.
 */
public final class FilterSet {
  /** The label of lines that matched no {@code --include}. */
  public static final String INCLUDE = "include";

  /** The label of lines left out by {@code --ignore-crawlers}. */
  public static final String CRAWLERS = "crawlers";

  /** The most {@code --include} and {@code --exclude} rules a run takes, together. */
  public static final int MAX_RULES = 256;

  /**
   * The most tests that keep a cache of values ({@link TextMemo}: a regular expression that is not
   * plain text, a list of more than four texts), over all rules: each may hold {@value
   * TextMemo#SLOTS} values of a hostile log, so their number bounds the memory filters use.
   */
  public static final int MAX_CACHED_TESTS = 64;

  /** No filters: every line counts. */
  public static final FilterSet NONE = new FilterSet(List.of(), List.of(), false);

  private final List<Rule> includes;
  private final List<Rule> excludes;
  private final boolean ignoreCrawlers;
  private final List<String> labels;

  private FilterSet(List<Rule> includes, List<Rule> excludes, boolean ignoreCrawlers) {
    this.includes = List.copyOf(includes);
    this.excludes = List.copyOf(excludes);
    this.ignoreCrawlers = ignoreCrawlers;
    List<String> l = new ArrayList<>();
    if (!includes.isEmpty()) {
      l.add(INCLUDE);
    }
    for (Rule r : excludes) {
      l.add(r.name() != null ? r.name() : r.expr().print());
    }
    if (ignoreCrawlers) {
      l.add(CRAWLERS);
    }
    this.labels = Collections.unmodifiableList(l);
  }

  /**
   * The filters of these rules; throws IllegalArgumentException when two rules would share a label
   * (a name given twice, or named {@value #INCLUDE} or {@value #CRAWLERS}, or the same exclusion
   * twice), since lines left out are counted by label, or when there are more than {@value
   * #MAX_RULES} rules or {@value #MAX_CACHED_TESTS} cached tests.
   */
  public static FilterSet of(List<Rule> includes, List<Rule> excludes, boolean ignoreCrawlers) {
    if (includes.size() + excludes.size() > MAX_RULES) {
      throw new IllegalArgumentException(
          "more than " + MAX_RULES + " rules; join conditions with 'or' or 'in [...]'");
    }
    int cached = 0;
    for (Rule r : includes) {
      cached += FilterCompiler.cachedTests(r.expr());
    }
    for (Rule r : excludes) {
      cached += FilterCompiler.cachedTests(r.expr());
    }
    if (cached > MAX_CACHED_TESTS) {
      throw new IllegalArgumentException(
          "the rules hold "
              + cached
              + " regular expressions and lists of over four values, more than "
              + MAX_CACHED_TESTS
              + " (each caches up to "
              + TextMemo.SLOTS
              + " values); join them, as in agent ~ \"a|b\" or path in [...]");
    }
    FilterSet set = new FilterSet(includes, excludes, ignoreCrawlers);
    Set<String> seen = new HashSet<>(List.of(INCLUDE, CRAWLERS));
    for (Rule r : excludes) {
      String label = r.name() != null ? r.name() : r.expr().print();
      if (!seen.add(label)) {
        throw new IllegalArgumentException(
            r.name() != null
                ? "the rule name '" + label + "' is used twice or reserved"
                : "the same rule is given twice: " + label);
      }
    }
    return set;
  }

  /** Whether every line counts. */
  public boolean isEmpty() {
    return labels.isEmpty();
  }

  /** The labels of the rules, by the index {@link Filters#ruleOf} returns. */
  public List<String> labels() {
    return labels;
  }

  /** The fields the rules read: a view of a line need only provide these. */
  public Set<Field> fields() {
    Set<Field> fields = EnumSet.noneOf(Field.class);
    for (Rule r : includes) {
      collect(r.expr(), fields);
    }
    for (Rule r : excludes) {
      collect(r.expr(), fields);
    }
    if (ignoreCrawlers) {
      fields.add(Field.AGENT);
    }
    return fields;
  }

  private static void collect(Expr e, Set<Field> into) {
    if (e instanceof Expr.And a) {
      collect(a.left(), into);
      collect(a.right(), into);
    } else if (e instanceof Expr.Or o) {
      collect(o.left(), into);
      collect(o.right(), into);
    } else if (e instanceof Expr.Not n) {
      collect(n.inner(), into);
    } else if (e instanceof Expr.Compare c) {
      into.add(c.field());
    } else if (e instanceof Expr.Match m) {
      into.add(m.field());
    } else {
      into.add(((Expr.In) e).field());
    }
  }

  /** The rules compiled for one thread. */
  public Filters newFilters() {
    List<LineTest> tests = new ArrayList<>();
    if (!includes.isEmpty()) {
      LineTest any = null;
      for (Rule r : includes) {
        LineTest t = FilterCompiler.compile(r.expr());
        LineTest before = any;
        any = before == null ? t : line -> before.test(line) || t.test(line);
      }
      LineTest included = any;
      tests.add(line -> !included.test(line));
    }
    for (Rule r : excludes) {
      tests.add(FilterCompiler.compile(r.expr()));
    }
    if (ignoreCrawlers) {
      TextMemo robots = new TextMemo(Crawlers.load()::isCrawler);
      tests.add(
          line -> {
            CharSequence agent = line.agent();
            return agent != null && robots.test(agent);
          });
    }
    return new Filters(tests.toArray(LineTest[]::new));
  }

  /** The rules as {@code --include}/{@code --exclude} options in canonical form, one per line. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    includes.forEach(r -> b.append("--include ").append(r.print()).append('\n'));
    excludes.forEach(r -> b.append("--exclude ").append(r.print()).append('\n'));
    if (ignoreCrawlers) {
      b.append("--ignore-crawlers\n");
    }
    return b.toString();
  }
}
