package dev.logmon.generate;

import dev.logmon.generate.TrafficCatalog.Agent;
import dev.logmon.generate.TrafficCatalog.Section;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A source of realistic Combined Log Format lines, deterministic for a given seed.
 *
 * <p>Clients come from a fixed pool of addresses (documentation and private IPv4 ranges, a few
 * {@code 2001:db8::/32} IPv6), each with its own user agent and sometimes a user name; clients,
 * sections and pages are drawn with a Zipf skew, so a few dominate as on a real site. Under load
 * (see {@link #line(long, double)}) the server fails more often with 500 and 503.
 *
 * <p>Not thread-safe: it owns a {@link SplittableRandom}; give each writer thread its own.
 */
public final class TrafficGenerator {
  private static final int CLIENTS = 300;
  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

  private record Client(String host, String user, Agent agent) {}

  private final SplittableRandom random;
  private final List<Client> clients;
  private final Zipf clientRank = new Zipf(CLIENTS, 1.0);
  private final Zipf sectionRank = new Zipf(TrafficCatalog.SECTIONS.size(), 1.0);
  private final List<Zipf> leafRanks =
      TrafficCatalog.SECTIONS.stream().map(s -> new Zipf(s.leaves().size(), 1.2)).toList();
  private final StringBuilder line = new StringBuilder(256);
  private long cachedEpoch = Long.MIN_VALUE;
  private String cachedTimestamp = "";

  /** Creates a generator whose output depends only on {@code seed}. */
  public TrafficGenerator(long seed) {
    this.random = new SplittableRandom(seed);
    this.clients = makeClients(random);
  }

  /** Returns one line, without a terminator, for a request at {@code epochSecond} under no load. */

  /**
   * Returns one line, without a terminator, for a request at {@code epochSecond} (UTC).
   *
   * @param load from 0 (calm) to 1 (at peak rate); raises the share of 5xx responses
   */
  public String line(long epochSecond, double load) {
    Client client = clients.get(clientRank.next(random));
    int sectionIndex = sectionRank.next(random);
    Section section = TrafficCatalog.SECTIONS.get(sectionIndex);
    String method = method(section);
    int status = status(section, method, Math.max(0, Math.min(1, load)));
    line.setLength(0);
    line.append(client.host()).append(" - ").append(client.user());
    line.append(" [").append(timestamp(epochSecond)).append("] \"");
    line.append(method).append(' ').append(path(section, leafRanks.get(sectionIndex)));
    line.append(random.nextInt(50) == 0 ? " HTTP/1.0\" " : " HTTP/1.1\" ");
    line.append(status).append(' ').append(size(section, method, status));
    line.append(" \"").append(referrer(client)).append("\" \"");
    line.append(client.agent().text()).append('"');
    return line.toString();
  }

  private String method(Section section) {
    int p = random.nextInt(100);
    if (section.readOnly()) {
      return p < 97 ? "GET" : "HEAD";
    }
    return p < 75 ? "GET" : p < 90 ? "POST" : p < 95 ? "PUT" : p < 98 ? "DELETE" : "HEAD";
  }

  private String path(Section section, Zipf leafRank) {
    String leaf = section.leaves().get(leafRank.next(random));
    leaf = leaf.replace("{n}", Integer.toString(1 + random.nextInt(999)));
    return leaf.startsWith("?") ? section.prefix() + leaf : section.prefix() + "/" + leaf;
  }

  private int status(Section section, String method, double load) {
    // An overloaded backend fails more, mostly by shedding load (503).
    if (random.nextDouble() < 0.01 + 0.07 * load) {
      return random.nextDouble() < 0.3 + 0.5 * load ? 503 : 500;
    }
    if (section.prefix().equals("/admin") && random.nextInt(5) < 2) {
      return 403;
    }
    int p = random.nextInt(1000);
    if (p < 40) {
      return 404;
    } else if (p < 45) {
      return 403;
    } else if (p < 55) {
      return 301;
    } else if (p < 75) {
      return 302;
    } else if (p < 155 && method.equals("GET") && section.readOnly()) {
      return 304;
    }
    return method.equals("POST") && p > 700 ? 201 : 200;
  }

  private String size(Section section, String method, int status) {
    if (status == 304 || method.equals("HEAD")) {
      return "-";
    }
    // Log-normal sizes: a long tail of large responses around a typical size per section.
    double mu = status >= 300 ? 5.5 : section.sizeMu();
    double sigma = status >= 300 ? 0.4 : 0.9;
    return Long.toString(Math.max(1, Math.round(Math.exp(mu + sigma * random.nextGaussian()))));
  }

  private String referrer(Client client) {
    if (client.agent().automated() || random.nextInt(100) < 35) {
      return "-";
    }
    if (random.nextInt(100) < 8) {
      return "https://www.google.com/";
    }
    Section from = TrafficCatalog.SECTIONS.get(sectionRank.next(random));
    return "https://www.example.com" + from.prefix() + "/";
  }

  private String timestamp(long epochSecond) {
    // Many lines share a second, so format each second once; months by hand keep it locale-free.
    if (epochSecond != cachedEpoch) {
      LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
      cachedTimestamp =
          String.format(
              Locale.ROOT,
              "%02d/%s/%04d:%02d:%02d:%02d +0000",
              t.getDayOfMonth(),
              MONTHS[t.getMonthValue() - 1],
              t.getYear(),
              t.getHour(),
              t.getMinute(),
              t.getSecond());
      cachedEpoch = epochSecond;
    }
    return cachedTimestamp;
  }

  private static List<Client> makeClients(SplittableRandom random) {
    Set<String> hosts = new LinkedHashSet<>();
    while (hosts.size() < CLIENTS) {
      hosts.add(host(random));
    }
    int totalWeight = TrafficCatalog.AGENTS.stream().mapToInt(Agent::weight).sum();
    List<Client> result = new ArrayList<>(CLIENTS);
    for (String host : hosts) {
      Agent agent = pickAgent(random.nextInt(totalWeight));
      // Only some humans log in, and never the busiest clients, so the user field is mostly "-".
      boolean loggedIn = !agent.automated() && result.size() >= 5 && random.nextInt(10) == 0;
      String user =
          loggedIn ? TrafficCatalog.USERS.get(random.nextInt(TrafficCatalog.USERS.size())) : "-";
      result.add(new Client(host, user, agent));
    }
    return List.copyOf(result);
  }

  private static String host(SplittableRandom random) {
    if (random.nextInt(100) < 5) {
      return String.format(
          Locale.ROOT, "2001:db8:%x::%x", random.nextInt(0x10000), 1 + random.nextInt(0xfffe));
    }
    List<String> prefixes = TrafficCatalog.IPV4_PREFIXES;
    String prefix = prefixes.get(random.nextInt(prefixes.size()));
    // A /24 prefix has three dots and needs one more octet, a /16 two.
    String tail =
        prefix.chars().filter(c -> c == '.').count() == 3
            ? Integer.toString(1 + random.nextInt(254))
            : random.nextInt(256) + "." + (1 + random.nextInt(254));
    return prefix + tail;
  }

  private static Agent pickAgent(int draw) {
    for (Agent agent : TrafficCatalog.AGENTS) {
      draw -= agent.weight();
      if (draw < 0) {
        return agent;
      }
    }
    throw new AssertionError("draw exceeds total weight");
  }
}
