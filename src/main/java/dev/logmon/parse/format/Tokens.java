package dev.logmon.parse.format;

import java.util.ArrayList;
import java.util.List;

/**
 * The tokens of a format string as a compiler finds them: literal text and fields, alternating.
 *
 * <p>Adjacent literals are joined. Two fields with no literal between them cannot be told apart
 * when scanning, so that is an error, except a path followed by its query ({@code %U%q}, {@code
 * $uri$is_args$args}), which is read as one target.
 */
final class Tokens {
  /** One field with the literal text before it; {@code time} only for strftime times. */
  record Field(String before, FieldKind kind, Strftime time, String name) {}

  private final String format;
  private final List<Field> fields = new ArrayList<>();
  private final StringBuilder pending = new StringBuilder();

  Tokens(String format) {
    this.format = format;
  }

  void literal(char c) {
    pending.append(c);
  }

  void literal(String s) {
    pending.append(s);
  }

  /** Adds a field found at the 1-based {@code column} as {@code name}. */
  void field(FieldKind kind, Strftime time, String name, int column) {
    if (pending.length() == 0 && !fields.isEmpty()) {
      Field prev = fields.get(fields.size() - 1);
      boolean pathQuery =
          (prev.kind() == FieldKind.PATH || prev.kind() == FieldKind.TARGET)
              && kind == FieldKind.QUERY;
      if (!pathQuery) {
        throw new FormatException(
            prev.name() + " and " + name + " need literal text between them", format, column);
      }
      fields.set(fields.size() - 1, new Field(prev.before(), FieldKind.TARGET, null, prev.name()));
      return;
    }
    fields.add(new Field(pending.toString(), kind, time, name));
    pending.setLength(0);
  }

  /** The compiled parser. */
  ByteFormat compile() {
    return new ByteFormat(format, fields(), tail());
  }

  /** The fields in order. */
  List<Field> fields() {
    if (fields.isEmpty()) {
      throw new FormatException("no fields", format, 1);
    }
    return List.copyOf(fields);
  }

  /** The literal text after the last field. */
  String tail() {
    return pending.toString();
  }
}
