package dev.logmon.generate;

import java.util.List;

/**
 * The fixed vocabulary of generated traffic: site sections with their pages, user agents and user
 * names, each list in descending order of popularity (the generator draws ranks from a Zipf law).
 *
 * <p>Immutable and thread-safe.
 */
final class TrafficCatalog {

  /**
   * A site section.
   *
   * @param prefix the first path segment with its slash, {@code ""} for the site root
   * @param readOnly whether clients only read it (no POST/PUT/DELETE)
   * @param sizeMu the log of the typical response size in bytes
   * @param leaves pages under the prefix; {@code {n}} stands for a number, a leading {@code ?} is a
   *     query on the prefix itself
   */
  record Section(String prefix, boolean readOnly, double sizeMu, List<String> leaves) {}

  /**
   * A client program.
   *
   * @param text the User-Agent header
   * @param weight relative share of clients using it
   * @param automated whether it is a bot or script (no referrer, no login)
   */
  record Agent(String text, int weight, boolean automated) {}

  static final List<Section> SECTIONS =
      List.of(
          new Section(
              "/api",
              false,
              6.7,
              List.of(
                  "v1/items",
                  "v1/items/{n}",
                  "v2/orders",
                  "v1/items?page={n}",
                  "v2/orders/{n}",
                  "v1/health",
                  "v1/users/me")),
          new Section(
              "/static",
              true,
              9.9,
              List.of("css/site.css", "js/app.js", "js/vendor.js", "fonts/inter.woff2")),
          new Section(
              "/images",
              true,
              10.6,
              List.of("logo.png", "products/{n}.jpg", "hero.jpg", "icon.svg")),
          new Section("", true, 9.1, List.of("", "favicon.ico", "robots.txt", "sitemap.xml")),
          new Section(
              "/blog",
              true,
              9.3,
              List.of("", "2024/01/hello-world", "2024/03/release-notes", "tags/java", "feed.xml")),
          new Section(
              "/search",
              true,
              8.8,
              List.of("?q=shoes", "?q=red+shoes&page=2", "?q=laptop&sort=price", "?q=java")),
          new Section("/user", false, 8.2, List.of("profile", "orders", "settings", "{n}")),
          new Section("/cart", false, 8.0, List.of("", "add?item={n}", "remove?item={n}", "count")),
          new Section(
              "/docs",
              true,
              9.5,
              List.of("", "getting-started", "api/reference", "faq", "install.html")),
          new Section("/login", false, 7.8, List.of("", "?next=/cart/", "reset")),
          new Section("/news", true, 9.2, List.of("", "latest", "{n}")),
          new Section("/checkout", false, 8.1, List.of("", "payment", "confirm")),
          new Section("/help", true, 8.9, List.of("", "contact", "shipping")),
          new Section("/admin", false, 7.5, List.of("", "login.php", "users", "stats")));

  static final List<Agent> AGENTS =
      List.of(
          new Agent(
              "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                  + " Chrome/124.0.0.0 Safari/537.36",
              30,
              false),
          new Agent(
              "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15"
                  + " (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
              18,
              false),
          new Agent(
              "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like"
                  + " Gecko) Version/17.4 Safari/605.1.15",
              12,
              false),
          new Agent(
              "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0", 10, false),
          new Agent(
              "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
                  + " Chrome/124.0.0.0 Mobile Safari/537.36",
              10,
              false),
          new Agent(
              "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", 6, true),
          new Agent(
              "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", 3, true),
          new Agent("curl/8.5.0", 6, true),
          new Agent("python-requests/2.31.0", 5, true));

  static final List<String> USERS = List.of("alice", "bob", "carol", "frank", "grace", "mallory");

  /** Documentation and private IPv4 /24 and /16 prefixes client addresses are drawn from. */
  static final List<String> IPV4_PREFIXES =
      List.of("203.0.113.", "198.51.100.", "192.0.2.", "10.1.", "172.16.", "192.168.1.");

  private TrafficCatalog() {}
}
