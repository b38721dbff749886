package dev.logmon.agent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Groups user agents by family for the agents breakdown: a robot by the crawler list's pattern it
 * matches ({@code Googlebot}, {@code bingbot}), a browser or tool by its product token ({@code
 * Chrome}, {@code Firefox}, {@code curl}), anything else as {@value #OTHER}. Families are few and
 * fixed by the list, so counting by family is bounded whatever the agents.
 *
 * <p>Each distinct agent is classified once while it stays among the last {@value #CACHED} seen: a
 * log repeats a few hundred agents. Not thread-safe: one per counting thread.
 */
public final class AgentFamilies {
  /** The family of an agent that is neither a known browser or tool nor a robot's. */
  public static final String OTHER = "Other";

  /** The family of lines without a User-Agent ({@code -} or empty). */
  public static final String NONE = "(none)";

  static final int CACHED = 4096;

  // Browsers and tools by a token of their agent, in the order to test them: Edge and Opera say
  // "Chrome" too, Chrome says "Safari".
  private static final String[][] PRODUCTS = {
    {"Edg/", "Edge"},
    {"Edge/", "Edge"},
    {"OPR/", "Opera"},
    {"Opera", "Opera"},
    {"SamsungBrowser/", "Samsung Internet"},
    {"YaBrowser/", "Yandex Browser"},
    {"Vivaldi/", "Vivaldi"},
    {"CriOS/", "Chrome"},
    {"Chromium/", "Chromium"},
    {"Chrome/", "Chrome"},
    {"FxiOS/", "Firefox"},
    {"Firefox/", "Firefox"},
    {"MSIE ", "Internet Explorer"},
    {"Trident/", "Internet Explorer"},
    {"Safari/", "Safari"},
    {"curl/", "curl"},
    {"Wget/", "Wget"},
    {"python-requests/", "Python"},
    {"Python-urllib/", "Python"},
    {"Go-http-client/", "Go"},
    {"okhttp/", "OkHttp"},
    {"Java/", "Java"},
  };

  private final Crawlers robots;
  private final Map<String, String> cache =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > CACHED;
        }
      };

  public AgentFamilies(Crawlers robots) {
    this.robots = robots;
  }

  /** The family of {@code agent} (as logged, {@code -} for none). */
  public String of(String agent) {
    String f = cache.get(agent);
    if (f == null) {
      f = classify(agent);
      cache.put(agent, f);
    }
    return f;
  }

  private String classify(String agent) {
    if (agent.isEmpty() || agent.equals("-")) {
      return NONE;
    }
    String robot = robots.family(agent);
    if (robot != null) {
      return robot;
    }
    for (String[] p : PRODUCTS) {
      if (agent.contains(p[0])) {
        return p[1];
      }
    }
    return OTHER;
  }
}
