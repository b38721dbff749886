package dev.logmon.parse.format;

import dev.logmon.parse.RowParser;
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
  public static RowParser parser(String spec, Consumer<String> notes) {
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
}
