package dev.logmon.parse.format;

import dev.logmon.parse.LineParser;
import dev.logmon.parse.RowParser;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one entry point of {@code --format}: turns its value into a parser.
 *
 * <p>{@code auto}, a {@link Preset} name, {@code json[:KEY=PATH,...]}, an Apache {@code LogFormat}
 * string (it has {@code %} directives) or an nginx {@code log_format} string ({@code $variables}).
 */
public final class LogFormats {
  /** The value of {@code --format} that detects each file's format. */
  public static final String AUTO = "auto";

  private LogFormats() {}

  /**
   * The parser for {@code spec}.
   *
   * @param notes where {@code auto} says which format it picked for each file
   * @throws FormatException when {@code spec} is no format logmon can read, pointing at why
   */
  public static LineParser parser(String spec, Consumer<String> notes) {
    if (spec.equalsIgnoreCase(AUTO)) {
      return new AutoDetect(notes);
    }
    var preset = Preset.named(spec);
    if (preset.isPresent()) {
      return preset.get().parser();
    }
    if (spec.equals("json") || spec.startsWith("json:")) {
      return JsonFormat.compile(spec);
    }
    int percent = spec.indexOf('%');
    int dollar = spec.indexOf('$');
    if (percent >= 0 && (dollar < 0 || percent < dollar)) {
      return ApacheFormat.compile(spec);
    }
    if (dollar >= 0) {
      return NginxFormat.compile(spec);
    }
    throw new FormatException(
        "'"
            + spec
            + "' is neither auto, a preset ("
            + Preset.labels()
            + "), json:..., nor a"
            + " format string with %directives or $variables",
        spec,
        1);
  }

  /**
   * What {@code auto} picks for a file whose first lines are {@code sample}: the name its note
   * gives ({@code combined}, {@code w3c}, ...), or empty if nothing fits them; the notes of the
   * detection go to {@code notes}.
   */
  public static Optional<String> detect(
      String source, java.util.List<String> sample, Consumer<String> notes) {
    AutoDetect auto = new AutoDetect(notes);
    auto.forSource(source).preview(sample);
    return Optional.ofNullable(auto.chosen(source));
  }

  /** The Common/Combined-family preset a parsed line belongs to, by its shape. */
  public static String clfName(dev.logmon.parse.LogRecord rec) {
    return rec.vhost() != null ? "vhost_combined" : rec.referrer() == null ? "common" : "combined";
  }

  /**
   * The byte parser that replays files of {@code spec} (valid) in parallel chunks: the built-in one
   * for the Common/Combined family and {@code auto}, a compiled format's byte form for format
   * strings and the presets defined by one; empty for JSON and W3C, which go line by line.
   */
  public static Optional<RowParser> rows(String spec) {
    if (isClfFamily(spec)) {
      return Optional.of(RowParser.CLF);
    }
    return parser(spec, m -> {}) instanceof CompiledFormat c ? c.rows() : Optional.empty();
  }

  /** Whether the parser for {@code spec} is the built-in Common/Combined one (or auto). */
  public static boolean isClfFamily(String spec) {
    return spec.equalsIgnoreCase(AUTO)
        || Preset.named(spec)
            .map(p -> p.ordinal() <= Preset.VHOST_COMBINED.ordinal())
            .orElse(false);
  }
}
