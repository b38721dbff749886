package dev.logmon.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Debian package as an operator gets it: {@code apt-get install ./logmon_*.deb}, then logmon
 * run from a directory outside the checkout on a machine without Maven or a JDK (a mount namespace
 * hides them, the checkout and ~/.m2, and makes /usr read-only, so the program cannot write into
 * its install directory), its man pages, bash and zsh completion and systemd unit, and the
 * service's command line as an unprivileged user; {@code apt-get purge} at the end.
 *
 * <p>Runs where the dist profile built the package ({@code mvn -Pdist verify}; always in CI) and
 * the user is root. In CI a missing package, tool or root fails the run instead of skipping it.
 */
class DebianPackageIT {
  private static final Path DIST = Path.of(System.getProperty("logmon.dist", "target/dist"));
  private static final String VERSION = System.getProperty("logmon.version", "");
  private static final DateTimeFormatter CLF_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);
  private static Path work;
  private static boolean installed;

  @BeforeAll
  static void install() throws Exception {
    needs(System.getProperty("logmon.dist") != null, "the package (mvn -Pdist verify)");
    needs("root".equals(System.getProperty("user.name")), "root, to install the package");
    needs(onPath("dpkg") && onPath("apt-get"), "dpkg and apt-get (Debian)");
    Path deb;
    try (Stream<Path> files = Files.list(DIST)) {
      deb = files.filter(f -> f.getFileName().toString().endsWith(".deb")).findFirst().orElse(null);
    }
    needs(deb != null, "a .deb in " + DIST);
    if (run(List.of("dpkg", "-s", "logmon"), null).code() == 0) {
      // CI machines are disposable, and an interrupted earlier run can leave the package behind;
      // on a developer's machine an installed logmon is theirs, so the test refuses to touch it.
      assertThat(System.getenv("CI"))
          .as("a logmon package is already installed; this test would replace and remove it")
          .isNotNull();
      run(List.of("dpkg", "--configure", "-a"), null); // finishes an interrupted dpkg, if any
      Result purged = run(List.of("apt-get", "purge", "-y", "-q", "logmon"), null);
      assertThat(purged.code()).as("apt-get purge of a leftover logmon\n%s", purged).isZero();
    }
    work = Files.createTempDirectory("logmon-package");
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createDirectories(work.resolve("home"));
    installed = true;
    Result r =
        run(
            List.of("apt-get", "install", "-y", "-q", "--no-install-recommends", deb.toString()),
            null);
    assertThat(r.code()).as("apt-get install\n%s", r).isZero();
  }

  @AfterAll
  static void purge() throws Exception {
    if (work != null) {
      deleteTree(work); // the test leaves nothing in /tmp
    }
    if (installed) {
      Result r = run(List.of("apt-get", "purge", "-y", "-q", "logmon"), null);
      assertThat(r.code()).as("apt-get purge\n%s", r).isZero();
      assertThat(Path.of("/usr/bin/logmon")).doesNotExist();
      assertThat(Path.of("/usr/lib/logmon")).doesNotExist();
      assertThat(Path.of("/etc/logmon")).doesNotExist();
    }
  }

  @Test
  void runsWithoutMavenJavaOrTheCheckout() throws Exception {
    Result r =
        asOperator(
            "! command -v mvn || { echo 'mvn is reachable' >&2; exit 90; }\n"
                + "! command -v java || { echo 'java is reachable' >&2; exit 91; }\n"
                + "[ ! -e pom.xml ] && cd / && logmon --version");
    assertThat(r.code()).as("%s", r).isZero();
    assertThat(r.out()).startsWith("logmon " + VERSION + "\n");
  }

  /** The installed program gives the golden replay's output byte for byte. */
  @Test
  void replaysTheGoldenLog() throws Exception {
    Path golden = Path.of("src/test/resources/golden");
    Files.copy(golden.resolve("spike.log"), work.resolve("spike.log"));
    Result r = asOperator("logmon --replay --window 30s --interval 30s --output json spike.log");
    assertThat(r.code()).as("%s", r).isZero();
    assertThat((r.out() + "--- stderr ---\n" + r.err()).replace("spike.log", "<spike.log>"))
        .isEqualTo(Files.readString(golden.resolve("spike.json.expected")));
  }

  /** The class-data sharing archive is the user's, outside the (read-only) install directory. */
  @Test
  void classDataSharingArchiveIsInTheUsersCache() throws Exception {
    Result r =
        asOperator(
            "logmon --version >/dev/null\n"
                + "jsa=$(ls \"$HOME\"/.cache/logmon/*.jsa)\n"
                + "LOGMON_JAVA_OPTS=\"-Xshare:on -XX:SharedArchiveFile=$jsa -XX:+UseSerialGC\""
                + " logmon --version");
    assertThat(r.code()).as("the archive maps (-Xshare:on)\n%s", r).isZero();
    assertThat(r.out()).startsWith("logmon " + VERSION);
  }

  /**
   * The example config file is a conffile that logmon reads by default, all commented out; every
   * setting it shows is valid once uncommented.
   */
  @Test
  void exampleConfigFileIsReadAndValid() throws Exception {
    Result r =
        asOperator(
            "grep -qx /etc/logmon/logmon.conf /var/lib/dpkg/info/logmon.conffiles\n"
                + "logmon --print-config | grep -v '^#' >defaults.txt\n"
                + "sed -n 's/^# \\([a-z-]* = .*\\)$/\\1/p' /etc/logmon/logmon.conf >all.conf\n"
                + "logmon --config all.conf --print-config");
    assertThat(r.code()).as("%s", r).isZero();
    assertThat(r.out())
        .contains("exclude = health: path ~ \"^/health\"\n", "ignore-crawlers = true\n")
        .contains("include = ip in 10.0.0.0/8\n", "file = /var/log/nginx/*access.log\n");
    assertThat(Files.readString(work.resolve("defaults.txt")))
        .contains("threshold = 10\n", "ignore-crawlers = false\n")
        .doesNotContain("exclude =");
  }

  @Test
  void manPagesAreInstalled() throws Exception {
    Result r = asOperator("man -w logmon logmon-generate && MANWIDTH=100 man logmon");
    assertThat(r.code()).as("%s", r).isZero();
    assertThat(r.out())
        .startsWith("/usr/share/man/man1/logmon.1.gz\n/usr/share/man/man1/logmon-generate.1.gz\n")
        .contains("--replay", "EXIT CODES", "/etc/logmon/logmon.env", "logmon-generate(1)");
  }

  @Test
  void bashCompletionLoadsAndCompletes() throws Exception {
    Result r =
        asOperator(
            // As in an interactive shell: no -e, -u or pipefail.
            "set +e +u +o pipefail\n"
                + ". /usr/share/bash-completion/completions/logmon\n"
                + "complete -p logmon\n"
                + "COMP_WORDS=(logmon --repl); COMP_CWORD=1; _complete_logmon; echo ${COMPREPLY[@]}\n"
                + "COMP_WORDS=(logmon --output ''); COMP_CWORD=2; _complete_logmon;"
                + " echo ${COMPREPLY[@]}");
    assertThat(r.code()).as("%s", r).isZero();
    assertThat(r.out().lines())
        .containsExactly(
            "complete -o default -F _complete_logmon logmon", "--replay", "auto plain json tui");
  }

  /** zsh (typing in tmux) loads _logmon from its fpath on the first TAB. */
  @Test
  void zshCompletionCompletesAnOption() throws Exception {
    needs(onPath("zsh") && onPath("tmux"), "zsh and tmux");
    String session = "logmon-zsh-" + ProcessHandle.current().pid();
    run(
        tmux(
            "new-session",
            "-d",
            "-s",
            session,
            "-x",
            "100",
            "-y",
            "10",
            "env -i HOME=" + work.resolve("home") + " TERM=screen PATH=/usr/bin:/bin zsh -f"),
        null);
    try {
      run(
          tmux(
              "send-keys",
              "-t",
              session,
              "autoload -Uz compinit && compinit -u",
              "Enter",
              "logmon --repl",
              "Tab"),
          null);
      Instant deadline = Instant.now().plusSeconds(30);
      String pane = "";
      while (!pane.contains("logmon --replay") && Instant.now().isBefore(deadline)) {
        Thread.sleep(100);
        pane = run(tmux("capture-pane", "-p", "-t", session), null).out();
      }
      assertThat(pane).contains("logmon --replay").doesNotContain("not found");
    } finally {
      run(tmux("kill-server"), null);
    }
  }

  @Test
  void systemdAcceptsTheUnit() throws Exception {
    Result r =
        asOperator(
            "systemd-analyze verify /lib/systemd/system/logmon.service\n"
                + "systemd-analyze security --offline=true /lib/systemd/system/logmon.service"
                + " | tail -1");
    assertThat(r.code()).as("%s", r).isZero();
    assertThat(r.err()).as("systemd-analyze verify warns").isEmpty();
    Matcher exposure = Pattern.compile("exposure level for \\S+: (\\d+\\.\\d)").matcher(r.out());
    assertThat(exposure.find()).as(r.out()).isTrue();
    assertThat(Double.parseDouble(exposure.group(1)))
        .as("systemd's exposure score")
        .isLessThan(2.0);
  }

  /**
   * The unit's command line, with its user's rights: not root, group adm (so an adm-only log is
   * readable), a writable state directory and cache only; the web page on a free port for the test.
   */
  @Test
  void serviceCommandRunsAsAnUnprivilegedUserInGroupAdm() throws Exception {
    String unit = Files.readString(Path.of("/lib/systemd/system/logmon.service"));
    assertThat(unit)
        .contains("DynamicUser=yes", "SupplementaryGroups=adm", "StateDirectory=logmon");
    String exec = unit.lines().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow();
    assertThat(exec).contains("--web 127.0.0.1:", "--state /var/lib/logmon/", "$LOGMON_ARGS");
    Path logs = Files.createDirectories(work.resolve("logs"));
    Path log = logs.resolve("access.log");
    run(List.of("chgrp", "adm", logs.toString()), null);
    run(List.of("chmod", "750", logs.toString()), null);
    Path state = Files.createDirectories(work.resolve("state"));
    Path cache = Files.createDirectories(work.resolve("cache"));
    run(List.of("chown", "nobody", state.toString(), cache.toString()), null);
    String command =
        exec.substring("ExecStart=".length())
            .replaceAll("--web 127\\.0\\.0\\.1:\\d+", "--web 127.0.0.1:0")
            .replace("/var/lib/logmon/", state + "/")
            .replace("$LOGMON_ARGS", log.toString());
    String user = "setpriv --reuid=nobody --regid=nogroup --groups=adm --inh-caps=-all ";
    String script = "export CACHE_DIRECTORY=" + cache + "\nexec " + user + command;
    try (LogmonProcess service = LogmonProcess.start(builder(namespace(script), work))) {
      URI metrics = service.url().resolve("/metrics");
      // A log that appears later is read from its start, so the line cannot be missed.
      service.awaitErr("waiting for " + log);
      String time = CLF_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
      Path next = logs.resolve("access.log.new");
      Files.writeString(next, "10.0.0.1 - - [" + time + "] \"GET /a HTTP/1.1\" 200 9\n");
      run(List.of("chgrp", "adm", next.toString()), null);
      run(List.of("chmod", "640", next.toString()), null);
      assertThat(asOperator(user.replace("--groups=adm", "--clear-groups") + "cat " + next).code())
          .as("without group adm the log is unreadable")
          .isNotZero();
      Files.move(next, log);
      HttpClient http = HttpClient.newHttpClient();
      Instant deadline = Instant.now().plusSeconds(30);
      String body = "";
      String hit =
          "logmon_http_requests_total{method=\"GET\",section=\"/a\",status_class=\"2xx\"} 1.0";
      while (!body.contains(hit) && Instant.now().isBefore(deadline)) {
        Thread.sleep(100);
        body =
            http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString())
                .body();
      }
      assertThat(body).contains(hit).contains("process_cpu_seconds_total");
      assertThat(service.stop()).isZero();
    }
    assertThat(state.resolve("state")).isRegularFile();
    try (Stream<Path> files = Files.list(cache)) {
      assertThat(files.map(f -> f.getFileName().toString())).anyMatch(f -> f.endsWith(".jsa"));
    }
  }

  /** Runs a bash script as an operator would, in the namespace, from the work directory. */
  private static Result asOperator(String script) throws IOException, InterruptedException {
    return run(namespace(script), work);
  }

  /**
   * bash running {@code script} in a mount namespace where /usr is read-only and Maven, every JDK,
   * the checkout and the local Maven repository are hidden under empty file systems.
   */
  private static List<String> namespace(String script) {
    List<String> hidden = new ArrayList<>();
    hidden.add("/usr/lib/jvm");
    hidden.add(System.getProperty("java.home"));
    String maven = System.getProperty("maven.home");
    if (maven != null) {
      hidden.add(maven);
    }
    hidden.add(Path.of("").toAbsolutePath().toString());
    hidden.add(Path.of(System.getProperty("user.home"), ".m2").toString());
    StringBuilder setup =
        new StringBuilder("mount --bind /usr /usr; mount -o remount,bind,ro /usr\n");
    for (String dir : hidden) {
      setup.append("if [ -d '").append(dir).append("' ]; then mount -t tmpfs -o ro none '");
      setup.append(dir).append("'; fi\n");
    }
    return List.of(
        "unshare",
        "--mount",
        "--propagation",
        "private",
        "bash",
        "-euo",
        "pipefail",
        "-c",
        setup + script);
  }

  /** A finished command: its exit code and what it printed. */
  private record Result(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit code " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
  }

  /**
   * A command with a plain environment (the standard PATH, no JAVA_HOME, no Maven variables); in
   * {@code dir}, with {@code dir/home} as HOME, when given.
   */
  private static ProcessBuilder builder(List<String> command, Path dir) {
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    env.clear();
    env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    env.put("LANG", "C.UTF-8");
    env.put("DEBIAN_FRONTEND", "noninteractive");
    env.put("HOME", dir == null ? System.getProperty("user.home") : dir.resolve("home").toString());
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    return pb;
  }

  private static Result run(List<String> command, Path dir)
      throws IOException, InterruptedException {
    Process p =
        builder(command, dir)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    CompletableFuture<byte[]> err =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return p.getErrorStream().readAllBytes();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("still running after 5 minutes: " + command);
    }
    return new Result(p.exitValue(), out, new String(err.join(), StandardCharsets.UTF_8));
  }

  /** A tmux command on a server of the test's own, its socket in the work folder. */
  private static List<String> tmux(String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of("env", "TMUX_TMPDIR=" + work, "tmux", "-L", "zsh", "-f", "/dev/null"));
    cmd.addAll(List.of(args));
    return cmd;
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  private static boolean onPath(String tool) {
    return Stream.of("/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin")
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
  }

  private static void needs(boolean present, String what) {
    if (!present) {
      if (System.getenv("CI") != null) {
        throw new IllegalStateException("CI is set but this test lacks " + what);
      }
      Assumptions.abort("needs " + what);
    }
  }
}
