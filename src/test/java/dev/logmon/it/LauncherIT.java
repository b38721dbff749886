package dev.logmon.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./logmon} launcher, the README's first command, on a checkout without a build: it
 * builds with visible progress and then runs; a machine without Java or Maven gets one line saying
 * what is missing instead of {@code mvn: command not found}.
 */
class LauncherIT {
  private static final Path PROJECT = Path.of("").toAbsolutePath();

  @TempDir Path dir;

  /** The launcher's output and exit code. */
  record Run(int code, String out, String err) {}

  private Run launch(Path checkout, Map<String, String> env, String... args) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("/bin/bash", checkout.resolve("logmon").toString());
    pb.command().addAll(List.of(args));
    pb.directory(dir.toFile());
    pb.environment().putAll(env);
    pb.redirectOutput(dir.resolve("out.txt").toFile());
    pb.redirectError(dir.resolve("err.txt").toFile());
    Process p = pb.start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("the launcher did not finish; stderr: " + read("err.txt"));
    }
    return new Run(p.exitValue(), read("out.txt"), read("err.txt"));
  }

  private String read(String name) throws IOException {
    return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
  }

  /** A checkout with the launcher only: no jar, so the launcher would build. */
  private Path launcherOnly() throws IOException {
    Path checkout = Files.createDirectory(dir.resolve("checkout"));
    Files.copy(PROJECT.resolve("logmon"), checkout.resolve("logmon"));
    return checkout;
  }

  /** {@code ./logmon} on a machine without Maven printed "mvn: command not found". */
  @Test
  void withoutJavaOrMavenItSaysInOneLineWhatIsMissing() throws Exception {
    Path checkout = launcherOnly();
    Path bin = Files.createDirectory(dir.resolve("bin"));
    Run none = launch(checkout, Map.of("PATH", bin.toString()), "--version");
    assertThat(none.code()).isEqualTo(1);
    assertThat(none.err().lines())
        .singleElement()
        .asString()
        .startsWith("logmon: Java is not installed (or not on PATH)")
        .contains("apt-get install openjdk-17-jdk-headless maven");

    Path java = bin.resolve("java");
    Files.writeString(java, "#!/bin/sh\nexec " + LogmonProcess.javaBin() + " \"$@\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Run noMaven = launch(checkout, Map.of("PATH", bin.toString()), "--version");
    assertThat(noMaven.code()).isEqualTo(1);
    assertThat(noMaven.err().lines())
        .singleElement()
        .asString()
        .startsWith("logmon: Maven (mvn) is not installed (or not on PATH)")
        .contains("apt-get install maven");
    assertThat(noMaven.out()).isEmpty();
  }

  /** The first run built silently behind {@code mvn -q}, for a minute, before anything showed. */
  @Test
  void theFirstRunShowsTheBuildsStepsThenRuns() throws Exception {
    Path checkout = launcherOnly();
    Files.copy(PROJECT.resolve("pom.xml"), checkout.resolve("pom.xml"));
    copyTree(PROJECT.resolve(".mvn"), checkout.resolve(".mvn")); // javac's exports for Error Prone
    copyTree(PROJECT.resolve("src/main"), checkout.resolve("src/main"));
    Run first = launch(checkout, Map.of(), "--version");
    assertThat(first.code()).as("stderr: %s", first.err()).isZero();
    assertThat(first.out()).startsWith("logmon 0.1.0");
    assertThat(first.err().lines())
        .first()
        .asString()
        .startsWith("logmon: first run: building logmon with Maven.");
    assertThat(first.err().lines())
        .contains("logmon: build: maven-compiler-plugin:3.14.0:compile", "logmon: build: done")
        .allMatch(l -> l.startsWith("logmon: "));
    assertThat(checkout.resolve("target/build.log")).content().contains("BUILD SUCCESS");

    Run again = launch(checkout, Map.of(), "--version");
    assertThat(again.code()).isZero();
    assertThat(again.err()).as("a second run builds nothing").isEmpty();
    assertThat(again.out()).startsWith("logmon 0.1.0");
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
