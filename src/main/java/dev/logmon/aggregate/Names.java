package dev.logmon.aggregate;

/**
 * The text of ids, and their order as texts ({@code String.compareTo}), for top tables; a
 * dictionary can compare keys without making Strings.
 */
interface Names {
  String key(int id);

  /** Compares the keys of two ids as {@code key(a).compareTo(key(b))} would. */
  default int compare(int a, int b) {
    return key(a).compareTo(key(b));
  }

  /** HTTP status codes: all three digits, so their text order is their numeric order. */
  Names STATUS_CODES =
      new Names() {
        @Override
        public String key(int id) {
          return String.valueOf(id);
        }

        @Override
        public int compare(int a, int b) {
          return Integer.compare(a, b);
        }
      };
}
