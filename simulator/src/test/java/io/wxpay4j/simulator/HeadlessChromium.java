package io.wxpay4j.simulator;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (never Selenium Manager, which
 * would download one): one browser per test class, a fresh profile, nothing from the network.
 * {@code .ci/run} and the simulator's build install both packages when missing ({@code
 * scripts/install-chromium.sh}).
 */
final class HeadlessChromium implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  /** Screenshots for the README are rewritten only with -Dwxpay4j.updateScreenshots=true. */
  private static final boolean UPDATE_SCREENSHOTS = Boolean.getBoolean("wxpay4j.updateScreenshots");

  private static final Logger SELENIUM = Logger.getLogger("org.openqa.selenium");

  /** Chromium opens spare connections that never carry a request; MockWebServer warns of each. */
  private static final Logger SERVER =
      Logger.getLogger(mockwebserver3.MockWebServer.class.getName());

  final ChromeDriver driver;
  private final Path profile;

  HeadlessChromium() {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new IllegalStateException(
          CHROMIUM
              + " or "
              + CHROMEDRIVER
              + " is missing: install them with simulator/scripts/install-chromium.sh"
              + " (apt-get install chromium chromium-driver), as the build does");
    }
    SELENIUM.setLevel(Level.SEVERE); // no "CDP version" chatter in the build output
    SERVER.setLevel(Level.SEVERE);
    try {
      profile = Files.createTempDirectory("wxpay4j-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .withSilent(true)
            .build();
    driver = new ChromeDriver(service, options);
  }

  /**
   * Waits up to 15 s, ignoring elements that vanish meanwhile (the dashboard reloads after each
   * button).
   */
  WebDriverWait waiting() {
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  /**
   * Saves a screenshot of the page as {@code target/screenshots/NAME}, and as {@code images/NAME}
   * (linked by the README) when screenshots are being updated.
   */
  void screenshot(String name) {
    byte[] png = driver.getScreenshotAs(OutputType.BYTES);
    try {
      Path target = Path.of("target", "screenshots");
      Files.createDirectories(target);
      Files.write(target.resolve(name), png);
      if (UPDATE_SCREENSHOTS) {
        Path images = Path.of("images");
        Files.createDirectories(images);
        Files.write(images.resolve(name), png);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      } catch (IOException e) {
        // a leftover temporary profile is harmless
      }
    }
  }
}
