package dev.logmon.present.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The HTML report: one self-contained page ({@code report.html} beside this class) with the JSON
 * report embedded as data and drawn by the page's own inline script. Nothing from the log is ever
 * markup: the JSON sits in a {@code <script type="application/json">} block with {@code <}, {@code
 * >} and {@code &} escaped, and the script writes it as text only. A Content-Security-Policy allows
 * exactly the page's own style and script (by hash) and nothing else: no other script, no request.
 */
public final class ReportHtml {
  private static final String TEMPLATE = template();

  /** The page's Content-Security-Policy: its own style and script, nothing else. */
  public static final String POLICY =
      "default-src 'none'; style-src '"
          + hash(between(TEMPLATE, "<style>", "</style>"))
          + "'; script-src '"
          + hash(between(TEMPLATE, "<script>", "</script>"))
          + "'; img-src data:; base-uri 'none'; form-action 'none'";

  private static final String PAGE = TEMPLATE.replace("{{CSP}}", POLICY);

  private ReportHtml() {}

  /** The page showing {@code json}, a JSON report. */
  public static String of(String json) {
    return PAGE.replace("{{DATA}}", scriptSafe(json));
  }

  /**
   * JSON that cannot end its script block or open a comment there: {@code <}, {@code >} and {@code
   * &} (and the JavaScript line separators) appear only inside JSON strings, where an escape means
   * the same character.
   */
  static String scriptSafe(String json) {
    StringBuilder out = new StringBuilder(json.length() + 64);
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      switch (c) {
        case '<' -> out.append("\\u003c");
        case '>' -> out.append("\\u003e");
        case '&' -> out.append("\\u0026");
        case '\u2028' -> out.append("\\u2028");
        case '\u2029' -> out.append("\\u2029");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String template() {
    try (InputStream in = ReportHtml.class.getResourceAsStream("report.html")) {
      if (in == null) {
        throw new IllegalStateException("report.html is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String between(String s, String open, String close) {
    int from = s.indexOf(open) + open.length();
    return s.substring(from, s.indexOf(close, from));
  }

  private static String hash(String content) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
