package dev.logmon.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where logmon looks for a config file when {@code --config} is not given: every one of these that
 * exists is read, a later file's settings replacing an earlier one's.
 *
 * @param files the files, system-wide first
 */
record ConfigLocations(List<Path> files) {
  /** No config files: what tests use, so they never read the machine's. */
  static final ConfigLocations NONE = new ConfigLocations(List.of());

  ConfigLocations {
    files = List.copyOf(files);
  }

  /**
   * {@code /etc/logmon/logmon.conf}, then {@code $XDG_CONFIG_HOME/logmon/logmon.conf} (by default
   * {@code ~/.config/logmon/logmon.conf}); or the colon-separated list in {@code LOGMON_CONFIG},
   * where an empty value means none.
   */
  static ConfigLocations of(Map<String, String> env) {
    String list = env.get("LOGMON_CONFIG");
    List<Path> files = new ArrayList<>();
    if (list != null) {
      for (String f : list.split(":")) {
        if (!f.isEmpty()) {
          files.add(Path.of(f));
        }
      }
      return new ConfigLocations(files);
    }
    files.add(Path.of("/etc/logmon/logmon.conf"));
    String xdg = env.get("XDG_CONFIG_HOME");
    String home = env.get("HOME");
    if (xdg != null && xdg.startsWith("/")) {
      files.add(Path.of(xdg, "logmon", "logmon.conf"));
    } else if (home != null && home.startsWith("/")) {
      files.add(Path.of(home, ".config", "logmon", "logmon.conf"));
    }
    return new ConfigLocations(files);
  }
}
