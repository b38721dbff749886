package dev.logmon.parse.format;

import dev.logmon.parse.LineParser;
import dev.logmon.parse.MalformedReason;
import dev.logmon.parse.ParseResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code --format auto}: each source gets the first preset that reads one of its lines, and a note
 * says which; until then every line is tried against each preset.
 *
 * <p>The first line that no preset reads gets one note per source, quoting it and naming the preset
 * that got furthest into it (by the field it stopped at). Once picked, a source keeps its format: a
 * broken line in a Combined log is malformed, not a reason to switch. Stateful; owned by the
 * pipeline thread.
 */
final class AutoDetect implements LineParser {
  private final Consumer<String> notes;
  private final Map<String, Detector> bySource = new HashMap<>();

  AutoDetect(Consumer<String> notes) {
    this.notes = notes;
  }

  @Override
  public LineParser forSource(String source) {
    return bySource.computeIfAbsent(source, Detector::new);
  }

  @Override
  public ParseResult parse(String line) {
    return forSource("(unnamed)").parse(line);
  }

  /** One source's detection state. */
  private final class Detector implements LineParser {
    private final String source;
    // The order matters only for lines two presets could read; W3C first for its headers.
    private final List<Preset> order =
        List.of(Preset.W3C, Preset.COMBINED, Preset.CADDY, Preset.TRAEFIK);
    private final List<LineParser> candidates;
    private final LineParser nginxJson = JsonFormat.compile("json");
    private LineParser chosen;
    private long lines;
    private boolean complained;

    Detector(String source) {
      this.source = source;
      this.candidates = order.stream().map(Preset::parser).toList();
    }

    @Override
    public ParseResult parse(String line) {
      if (chosen != null) {
        return chosen.parse(line);
      }
      lines++;
      if (line == null || line.isBlank()) {
        return Failures.of(MalformedReason.EMPTY);
      }
      String nearest = null;
      MalformedReason nearestReason = MalformedReason.FORMAT_MISMATCH;
      for (int i = 0; i <= candidates.size(); i++) {
        LineParser c = i < candidates.size() ? candidates.get(i) : nginxJson;
        ParseResult r = c.parse(line);
        if (r instanceof ParseResult.Parsed
            || (r instanceof ParseResult.Malformed m
                && m.reason() == MalformedReason.HEADER_LINE)) {
          chosen = c;
          String name = i < candidates.size() ? name(order.get(i), r) : "json (nginx escape=json)";
          notes.accept("format: " + source + ": detected " + name + " (from line " + lines + ")");
          return r;
        }
        MalformedReason reason = ((ParseResult.Malformed) r).reason();
        if (nearest == null || progress(reason) > progress(nearestReason)) {
          nearest = i < candidates.size() ? order.get(i).label() : "json";
          nearestReason = reason;
        }
      }
      if (!complained) {
        complained = true;
        notes.accept(
            "format: "
                + source
                + ": line "
                + lines
                + " matches no known format: "
                + clip(line)
                + " -- nearest: "
                + nearest
                + " ("
                + nearestReason.label()
                + "); give --format (a preset, a LogFormat/log_format string or json:...)");
      }
      return Failures.of(nearestReason);
    }
  }

  /** The Combined-family name by the record's shape, else the preset's. */
  private static String name(Preset p, ParseResult r) {
    if (p != Preset.COMBINED || !(r instanceof ParseResult.Parsed parsed)) {
      return p.label();
    }
    return LogFormats.clfName(parsed.record());
  }

  /** How far into a line a parser got before it failed, by the field it stopped at. */
  private static int progress(MalformedReason r) {
    return switch (r) {
      case BAD_HOST -> 1;
      case BAD_TIMESTAMP -> 2;
      case BAD_REQUEST_FIELD -> 3;
      case BAD_STATUS -> 4;
      case BAD_SIZE -> 5;
      case BAD_HEADER_FIELD, BAD_DURATION -> 6;
      case TRAILING_GARBAGE -> 7;
      default -> 0;
    };
  }

  private static String clip(String line) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < line.length() && b.length() < 160; i++) {
      char c = line.charAt(i);
      b.append(c < ' ' || c == 0x7f ? '?' : c);
    }
    return b.length() < line.length() ? b + "..." : b.toString();
  }
}
