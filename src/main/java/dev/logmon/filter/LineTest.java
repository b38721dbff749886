package dev.logmon.filter;

/**
 * A compiled condition on one line. Implementations keep per-value caches and scratch space, so a
 * test is used by one thread (each thread compiles its own, see {@link FilterSet#newFilters()}).
 */
@FunctionalInterface
public interface LineTest {
  boolean test(LineFields line);
}
