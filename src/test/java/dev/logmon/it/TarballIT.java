package dev.logmon.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tarball unpacked as a user would, run through a link on the PATH (as after unpacking it into
 * /usr/local) on the Java found on the PATH, with no JAVA_HOME. Runs where the dist profile built
 * it (always in CI, where its absence fails the run).
 */
class TarballIT {
  @TempDir Path dir;

  @Test
  void unpacksAndRunsOnTheJavaOnThePath() throws Exception {
    String dist = System.getProperty("logmon.dist");
    if (dist == null) {
      if (System.getenv("CI") != null) {
        throw new IllegalStateException("CI is set but the dist profile did not run");
      }
      Assumptions.abort("needs the tarball (mvn -Pdist verify)");
    }
    String version = System.getProperty("logmon.version");
    Path tarball = Path.of(dist, "logmon-" + version + ".tar.gz");
    assertThat(run(List.of("tar", "-xzf", tarball.toString(), "-C", dir.toString()), null))
        .isEmpty();
    Path tree = dir.resolve("logmon-" + version);
    for (String file :
        List.of(
            "bin/logmon",
            "lib/logmon/app/classpath",
            "lib/logmon/app/logmon-" + version + ".jar",
            "share/man/man1/logmon.1.gz",
            "share/man/man1/logmon-generate.1.gz",
            "share/bash-completion/completions/logmon",
            "share/zsh/site-functions/_logmon",
            "share/doc/logmon/copyright")) {
      assertThat(tree.resolve(file)).isRegularFile();
    }
    Path bin = Files.createDirectories(dir.resolve("path"));
    Files.createSymbolicLink(bin.resolve("logmon"), tree.resolve("bin/logmon"));
    Path java = Path.of(System.getProperty("java.home"), "bin");
    String path = bin + ":" + java + ":/usr/bin:/bin";
    // bash looks logmon up on the given PATH (ProcessBuilder would use this process's PATH).
    assertThat(
            run(
                List.of("/bin/bash", "-c", "logmon --version"),
                Map.of("PATH", path, "HOME", dir.toString())))
        .startsWith("logmon " + version + "\n");
  }

  /** Runs a command with only {@code env} (or this process's environment) and returns stdout. */
  private static String run(List<String> command, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    if (env != null) {
      pb.environment().clear();
      pb.environment().putAll(env);
    }
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
