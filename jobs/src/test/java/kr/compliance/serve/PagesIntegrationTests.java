package kr.compliance.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import kr.compliance.ingest.IngestService;
import kr.compliance.scoring.ScoringService;
import kr.compliance.store.EvidenceTables;
import kr.compliance.store.Quarter;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The pages in a real headless Chromium: log in, filter, drill down and back, download. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {ServeFixture.HOME, ServeFixture.SHORT_LOCK})
class PagesIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    DSLContext dsl;

    @Autowired
    Users users;

    @Autowired
    IngestService ingest;

    @Autowired
    ScoringService scoring;

    WebDriver browser;
    Path downloads;

    @BeforeEach
    void start() throws Exception {
        ServeFixture.load(dsl, users);
        Path target = Path.of("target").toAbsolutePath();
        downloads = Files.createTempDirectory(target, "downloads-");
        var options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1280,900",
                "--user-data-dir=" + Files.createTempDirectory(target, "chrome-profile-"));
        options.setExperimentalOption(
                "prefs",
                Map.of("download.default_directory", downloads.toString(), "download.prompt_for_download", false));
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anAuditorLogsInFiltersDrillsDownAndBackAndDownloads() throws Exception {
        String base = "http://localhost:" + port;
        browser.get(base + "/?period=2026Q3");
        assertThat(browser.getCurrentUrl()).contains("/login");
        logIn("auditor", ServeFixture.PASSWORD);
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("2026Q3");
        assertThat(browser.findElements(By.cssSelector("#scores tbody tr"))).hasSize(7);

        navigate(By.id("findings-link"));
        assertThat(browser.findElement(By.id("total")).getText()).startsWith("13");
        browser.findElement(By.id("control")).sendKeys("R2.3");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("status"))).selectByValue("FAIL");
        navigate(By.id("filter"));
        assertThat(browser.findElement(By.id("total")).getText()).startsWith("1건");
        ((TakesScreenshot) browser)
                .getScreenshotAs(OutputType.FILE)
                .renameTo(Path.of("target", "findings-page.png").toFile());

        navigate(By.linkText("CHANGE CHG-1"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("CHANGE CHG-1");
        assertThat(browser.getPageSource())
                .contains("new summary")
                .contains("INC-1")
                .contains("T-1");
        Files.copy(
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                Path.of("target", "record-page.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        // the Back link's script is a file of its own: the content policy allows no inline script
        navigate(By.id("back"));
        assertThat(browser.findElement(By.id("total")).getText()).startsWith("1건");

        browser.findElement(By.id("csv-link")).click();
        Path csv = downloads.resolve("findings-2026Q3.csv");
        for (int i = 0; i < 50 && !Files.exists(csv); i++) {
            Thread.sleep(100);
        }
        assertThat(Files.readString(csv)).contains("R2.3").doesNotContain("R1.1,");
    }

    @Test
    void aReviewerFollowsAControlsFailuresToTheRecordAndReadsTheExceptionsAndTheAccessLog() throws Exception {
        EvidenceTables.clear(dsl);
        ingest.ingest(Path.of("src/main/resources/sample-drop"), null, java.time.Duration.ZERO);
        long run = scoring.score(
                        Quarter.parse("2026Q3"),
                        java.time.Instant.parse("2026-10-05T00:00:00Z"),
                        java.time.Duration.ZERO)
                .runId();
        String base = "http://localhost:" + port;
        browser.get(base + "/?period=2026Q3");
        logIn("admin", ServeFixture.PASSWORD);
        assertThat(browser.findElement(By.id("run-state")).getText()).contains("Run " + run + " · DRAFT");
        assertThat(browser.findElement(By.tagName("body")).getText())
                .as("the as-of in the report zone, not UTC")
                .contains("As of 2026-10-05 09:00:00 +09:00");
        assertThat(browser.findElements(By.cssSelector("#controls tbody tr"))).hasSize(17);
        screenshot("scores-page.png");

        navigate(By.id("count-R2.3-FAIL"));
        assertThat(browser.findElement(By.id("total")).getText()).startsWith("1건");
        List<WebElement> cells = browser.findElements(By.cssSelector("tbody tr:first-child td"));
        assertThat(cells.get(0).getText()).isEqualTo("R2.3");
        assertThat(cells.get(3).getText()).isEqualTo("FAIL");
        assertThat(cells.get(4).findElement(By.cssSelector("[lang=ko]")).getText())
                .as("the reason in Korean, with the same ids and times")
                .contains("장애 INC-2")
                .contains("진행 중이었음");
        assertThat(cells.get(4).findElement(By.cssSelector("[lang=en]")).getText())
                .contains("incident INC-2 open on");
        screenshot("control-findings-page.png");

        navigate(By.linkText("CHANGE CHG-103"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("CHANGE CHG-103");
        assertThat(browser.findElement(By.id("links")).getText())
                .as("the incident R2.3 judged open is the one it cites, not a second rule's")
                .contains("cited by R2.3: INCIDENT INC-2")
                .contains("caused: INCIDENT INC-3")
                .doesNotContain("started during");
        assertThat(browser.findElements(By.cssSelector("#findings thead th"))).hasSize(5);
        assertThat(browser.findElement(By.id("fields")).getText())
                .contains("Data center")
                .doesNotContain("content_hash")
                .doesNotContain("data_center_key");
        screenshot("record-page-chg-103.png");
        navigate(By.id("back"));
        assertThat(browser.findElement(By.id("total")).getText()).startsWith("1건");

        browser.get(base + "/periods/2026Q3/exceptions");
        assertThat(browser.getPageSource())
                .contains("R1.1 CHG-106")
                .contains("a self-approved exception covers nothing")
                .contains("outside the exception&#39;s validity".replace("&#39;", "'"));
        screenshot("exceptions-page.png");

        browser.get(base + "/access-log?user=admin");
        assertThat(browser.findElement(By.tagName("table")).getText())
                .contains("GET /periods/2026Q3/findings")
                .contains("GET /periods/2026Q3/exceptions");
        screenshot("access-log-page.png");
    }

    private void screenshot(String name) throws java.io.IOException {
        Files.copy(
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                Path.of("target", name),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void recordsWhoseIdsHoldSlashAndPercentOpenAndLinkToEachOther() throws Exception {
        ServeFixture.ingestOddIds(ingest);
        String base = "http://localhost:" + port;
        browser.get(base + "/records/TEST?id=T%2F1%25");
        logIn("auditor", ServeFixture.PASSWORD);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("TEST " + ServeFixture.ODD_TEST);
        navigate(By.linkText("CHANGE " + ServeFixture.ODD_CHANGE));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("CHANGE " + ServeFixture.ODD_CHANGE);
        assertThat(browser.getPageSource()).contains("odd id");
    }

    @Test
    void theLoginFormIsLockedAfterFiveWrongPasswordsRightOneIncluded() {
        browser.get("http://localhost:" + port + "/login");
        for (int i = 0; i < 5; i++) {
            logIn("officer", "wrong password " + i);
            assertThat(browser.getCurrentUrl()).endsWith("/login?error");
        }
        logIn("officer", ServeFixture.PASSWORD);
        assertThat(browser.getCurrentUrl()).contains("/login?locked=");
        assertThat(browser.findElement(By.id("locked")).getText()).contains("try again in");
    }

    /** Clicks what leads to another page and waits for it, so nothing of the page before is read after. */
    private void navigate(By link) {
        leavingThePage(() -> browser.findElement(link).click());
    }

    /** Submits the login form and waits for the next page, so no element of the login page is read after. */
    private void logIn(String user, String password) {
        browser.findElement(By.id("username")).clear();
        browser.findElement(By.id("username")).sendKeys(user);
        leavingThePage(() -> browser.findElement(By.id("password")).sendKeys(password, Keys.ENTER));
    }

    /**
     * Runs an action that loads another document and waits until it has, by a mark set on the old
     * window: asking the old page's elements whether they are stale can fail on their own (Chromium
     * 156 answers "Node with given id does not belong to the document" instead).
     */
    private void leavingThePage(Runnable action) {
        // a mark of its own per page left: a page restored by Back from the browser's cache keeps an older one
        String mark = java.util.UUID.randomUUID().toString();
        ((JavascriptExecutor) browser).executeScript("window.leftByTheTest = arguments[0];", mark);
        action.run();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(driver -> Boolean.TRUE.equals(((JavascriptExecutor) driver)
                        .executeScript(
                                "return document.readyState === 'complete' && window.leftByTheTest !== arguments[0];",
                                mark)));
    }
}
