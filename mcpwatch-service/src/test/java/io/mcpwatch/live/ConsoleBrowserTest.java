package io.mcpwatch.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (Debian's chromium and chromium-driver, which {@code .ci/run}
 * installs) against a running service on 127.0.0.1: overview order and colours, the alarm page's
 * chart, an ingested burst turning an alarm red without a reload, the test-pattern page, hostile
 * names and lines rendered as text. Screenshots of each page go to {@code target/console-*.png}.
 */
@Tag("slow")
class ConsoleBrowserTest {
  private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
  private static final String RED = "rgba(209, 50, 18, 1)";
  /** Every alarm name ends in markup (alarm keys are plain; the name template is free text). */
  private static final String SUFFIX = " <img src=x onerror=window.pwned=1>";
  private static final String AUTH = "teams-prod-auth-failures" + SUFFIX;
  private static final String HOSTILE_ALARM = "teams-prod-pwn" + SUFFIX;
  private static final String HOSTILE_LINE = "PWN <script>window.pwned=2</script> & <b>bold</b>";

  /** The fixture's two alarms plus a burst alarm and one with a hostile name. */
  private static final String YAML =
      ServiceFixture.YAML.replace(
              "alarmName: \"{app}-{env}-{alarm}\"",
              "alarmName: \"{app}-{env}-{alarm}" + SUFFIX + "\"")
          + String.join(
              "\n",
              "  burst:",
              "    metric: Burst",
              "    pattern: '\"BURST\"'",
              "    threshold: 5",
              "  pwn:",
              "    metric: Pwn",
              "    pattern: '\"PWN\"'",
              "    threshold: 1",
              "");

  @TempDir Path dir;

  @Test
  void console_inChromium_showsAlarmsChartsLiveUpdatesAndEscapesEverything() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "browser tests skipped: /usr/bin/chromium and /usr/bin/chromedriver are needed"
            + " (apt-get install chromium chromium-driver; .ci/run installs them)");
    try (ServiceFixture f =
        new ServiceFixture(dir, YAML, "text", "iso", true, RunOptions.defaults())) {
      LiveService s = f.start();
      URI base = s.httpUri();
      assertThat(base).isNotNull();
      Instant now = ServiceFixture.awayFromBoundary();
      f.append(
          ServiceFixture.obo(now),
          ServiceFixture.obo(now),
          ServiceFixture.obo(now),
          now + " " + HOSTILE_LINE);
      await().atMost(Duration.ofSeconds(15))
          .until(() -> LiveServiceTest.alarmed(f, AUTH)
              && LiveServiceTest.alarmed(f, HOSTILE_ALARM));

      WebDriver d = chromium();
      try {
        JavascriptExecutor js = (JavascriptExecutor) d;
        WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class); // live updates replace the rows

        // overview: GET / leads to it; the two alarms in ALARM first, in red
        d.get(base.resolve("/").toString());
        wait.until(x -> x.findElements(By.cssSelector("table.alarms tbody tr")).size() == 4);
        assertThat(d.getCurrentUrl()).endsWith("/alarms/");
        List<WebElement> rows = d.findElements(By.cssSelector("table.alarms tbody tr"));
        assertThat(rows).extracting(r -> r.getAttribute("data-alarm"))
            .containsExactly(
                AUTH, HOSTILE_ALARM, "teams-prod-burst" + SUFFIX, "teams-prod-http-5xx" + SUFFIX);
        for (int i = 0; i < 2; i++) {
          WebElement badge = rows.get(i).findElement(By.cssSelector(".badge"));
          assertThat(badge.getText()).isEqualTo("ALARM");
          assertThat(badge.getCssValue("background-color")).isEqualTo(RED);
        }
        assertThat(rows.get(3).findElement(By.cssSelector(".badge")).getCssValue(
            "background-color")).isNotEqualTo(RED);
        // the hostile name is text, its markup never ran
        assertThat(rows.get(1).findElement(By.cssSelector("td.name")).getText())
            .isEqualTo(HOSTILE_ALARM);
        assertThat(d.findElements(By.cssSelector("td.name img"))).isEmpty();
        assertThat(js.executeScript("return window.pwned === undefined")).isEqualTo(true);
        // the sparkline of the alarm in ALARM has its datapoint and the threshold line
        assertThat(rows.get(0).findElements(By.cssSelector("svg.spark line.threshold"))).hasSize(1);
        assertThat(rows.get(0).findElement(By.cssSelector("svg.spark")).getAttribute("aria-label"))
            .isEqualTo("1 datapoints, threshold 3");
        screenshot(d, "overview");

        // an ingested burst turns the burst alarm red while the page stays open
        js.executeScript("window.stayed = 'no reload';");
        await().atMost(Duration.ofSeconds(10))
            .until(() -> "live".equals(d.findElement(By.id("conn")).getText())
                && d.findElement(By.id("conn")).getAttribute("class").contains("on"));
        long at = ServiceFixture.awayFromBoundary().toEpochMilli();
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 6; i++) {
          body.append("{\"timestamp\":").append(at).append(",\"logGroup\":\"")
              .append(ServiceFixture.GROUP).append("\",\"message\":\"BURST ").append(i)
              .append("\"}\n");
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(base.resolve("/v1/logs"))
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        wait.until(x -> {
          WebElement row = x.findElement(By.cssSelector("tr[data-alarm='teams-prod-burst" + SUFFIX + "']"));
          return row.getAttribute("class").contains("st-alarm");
        });
        assertThat(js.executeScript("return window.stayed")).isEqualTo("no reload");
        WebElement burst = d.findElement(By.cssSelector("tr[data-alarm='teams-prod-burst" + SUFFIX + "'] .badge"));
        assertThat(burst.getCssValue("background-color")).isEqualTo(RED);
        screenshot(d, "overview-after-burst");

        // alarm page: the chart has the datapoint 3 and the threshold 3
        d.get(wait.until(x -> x.findElement(By.linkText(AUTH)).getAttribute("href")));
        wait.until(x -> "1".equals(x.findElement(By.id("chart")).getAttribute("data-points")));
        @SuppressWarnings("unchecked")
        List<List<Object>> data = (List<List<Object>>) js.executeScript(
            "return document.getElementById('chart').uplot.data.map(a => Array.from(a));");
        assertThat(data.get(1).stream().filter(v -> v != null).map(v -> ((Number) v).doubleValue()))
            .containsExactly(3.0);
        assertThat(data.get(2)).isNotEmpty().allSatisfy(
            v -> assertThat(((Number) v).doubleValue()).isEqualTo(3.0));
        assertThat(d.findElements(By.cssSelector("#chart canvas"))).isNotEmpty();
        assertThat(d.findElement(By.cssSelector(".state-line .badge")).getText()).isEqualTo("ALARM");
        assertThat(d.findElement(By.cssSelector("table.history")).getText())
            .contains("to ALARM");
        assertThat(d.findElement(By.cssSelector("ol.lines")).getText())
            .contains("OBO token exchange failed");
        screenshot(d, "alarm");

        // the hostile alarm's page shows its name and triggering line as text
        d.get(base.resolve("/alarms/").toString());
        d.get(wait.until(x -> x.findElement(By.linkText(HOSTILE_ALARM)).getAttribute("href")));
        wait.until(x -> !x.findElements(By.cssSelector("ol.lines code")).isEmpty());
        assertThat(d.findElement(By.cssSelector("h1.alarm-name")).getText()).isEqualTo(HOSTILE_ALARM);
        assertThat(d.findElement(By.cssSelector("ol.lines code")).getText()).contains(HOSTILE_LINE);
        assertThat(d.findElements(By.cssSelector("main img, main script, ol.lines b"))).isEmpty();
        assertThat(d.getTitle()).startsWith(HOSTILE_ALARM);
        assertThat(js.executeScript("return window.pwned === undefined")).isEqualTo(true);
        screenshot(d, "hostile");

        // test pattern: the same matches as mcpwatch test-pattern
        d.get(base.resolve("/console/test-pattern").toString());
        d.findElement(By.id("pattern")).sendKeys("[level, client, dash, request=*HTTP*, status=5*, ...]");
        d.findElement(By.id("lines")).sendKeys(
            ServiceFixture.accessMessage(503) + "\n" + ServiceFixture.accessMessage(200) + "\n"
                + ServiceFixture.accessMessage(500));
        d.findElement(By.id("test")).click();
        wait.until(x -> !x.findElements(By.id("summary")).isEmpty());
        assertThat(d.findElement(By.id("summary")).getText()).isEqualTo("2 of 3 events matched");
        List<WebElement> matches = d.findElements(By.cssSelector("table.matches tbody tr"));
        assertThat(matches).extracting(m -> m.findElement(By.cssSelector("td")).getText())
            .containsExactly("1", "3");
        assertThat(matches.get(0).getText()).contains("$status = 503");
        screenshot(d, "test-pattern");
      } finally {
        d.quit();
      }
    }
  }

  @Test
  void console_headers_strictCspAndTheSecretOffLoopbackIsNotNeededOnLoopback() throws Exception {
    try (ServiceFixture f = new ServiceFixture(dir, "text", "iso", true)) {
      URI base = f.start().httpUri();
      HttpResponse<String> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(base.resolve("/alarms/")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      Map<String, List<String>> h = r.headers().map();
      assertThat(h.get("content-security-policy").get(0))
          .contains("default-src 'none'").contains("script-src 'self'")
          .doesNotContain("unsafe-inline");
      assertThat(r.body()).doesNotContain("<script>").contains("teams-prod-http-5xx");
    }
  }

  private static WebDriver chromium() throws IOException {
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM.toString());
    o.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
        "--user-data-dir=" + Files.createTempDirectory("mcpwatch-chromium"));
    return new ChromeDriver(
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build(),
        o);
  }

  private static void screenshot(WebDriver d, String name) throws IOException {
    Path target = Paths.get("target");
    Files.createDirectories(target);
    File png = ((TakesScreenshot) d).getScreenshotAs(OutputType.FILE);
    Files.copy(png.toPath(), target.resolve("console-" + name + ".png"),
        StandardCopyOption.REPLACE_EXISTING);
  }
}
