package dev.logmon.present.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium through its chromedriver, given explicitly so Selenium Manager never
 * looks for (or downloads) a browser. Without Chromium the browser tests fail when {@code CI} is
 * set and are skipped otherwise. The browser's profile, home and temporary files live in a folder
 * the test owns (its {@code @TempDir}), so nothing is left in {@code /tmp} or the home folder.
 */
final class Browser {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private Browser() {}

  /** Starts the browser with its profile in a new folder under {@code dir}. */
  static ChromeDriver start(Path dir) throws IOException {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    String why =
        "needs "
            + CHROMIUM
            + " and "
            + CHROMEDRIVER
            + " (apt-get install chromium chromium-driver)";
    if (System.getenv("CI") != null) {
      Assertions.assertTrue(present, why);
    } else {
      Assumptions.assumeTrue(present, why);
    }
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    Path profile = Files.createTempDirectory(dir, "chromium-profile-");
    // Chromium also writes under $HOME (crash reports, a dconf cache) and $TMPDIR: there, too.
    // A short name: Chromium's singleton socket lives under $TMPDIR, in at most 108 characters.
    Path home = Files.createDirectories(dir.resolve("chr"));
    Map<String, String> env = new HashMap<>(System.getenv()); // the driver gets only this
    env.put("HOME", home.toString());
    env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
    env.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
    env.put("TMPDIR", home.toString());
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM.toFile());
    o.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,1000",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .withEnvironment(env)
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, o);
  }
}
