package dev.logmon.alert;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** When the alert window's traffic counts as high, by name. */
public enum AlertRule {
  /** The window's average hits/s is above the threshold. */
  ABSOLUTE("absolute") {
    @Override
    public boolean high(double windowRate, double lifetimeRate, double threshold) {
      return windowRate > threshold;
    }
  },
  /** The window's average exceeds the lifetime average by more than the threshold. */
  RELATIVE("relative") {
    @Override
    public boolean high(double windowRate, double lifetimeRate, double threshold) {
      return windowRate - lifetimeRate > threshold;
    }
  };

  private final String label;

  AlertRule(String label) {
    this.label = label;
  }

  /** Whether traffic is high under this rule. */
  public abstract boolean high(double windowRate, double lifetimeRate, double threshold);

  public String label() {
    return label;
  }

  /** The rule with this name, case-insensitive; throws naming the valid ones otherwise. */
  public static AlertRule named(String name) {
    for (AlertRule r : values()) {
      if (r.label.equals(name.toLowerCase(Locale.ROOT))) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "unknown alert rule '"
            + name
            + "', expected one of: "
            + Arrays.stream(values()).map(AlertRule::label).collect(Collectors.joining(", ")));
  }
}
