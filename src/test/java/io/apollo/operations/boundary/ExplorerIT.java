package io.apollo.operations.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apollo.testing.Api;
import io.apollo.testing.Browsers;
import io.apollo.testing.ServerTest;
import io.apollo.testing.TestTokens;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The explorer page at {@code /explorer/}, in Debian's headless Chromium: an operator enters a
 * token and a device, sees its series as the API lists them, a chart drawn where the data lies, a
 * range change and a zoom redraw it, raw samples page by page, and an expired token's 401.
 */
class ExplorerIT extends ServerTest {

    private static final String COLLECTION = "explorers";
    /** The latest sample: "Last hour" ends here, so the samples fill the last 600 s of it. */
    private static final Instant LAST = Instant.parse("2021-03-01T12:00:00Z");

    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() throws Exception {
        browser = Browsers.chromium(1400, 1600);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** "temp"/"Raw": 600 numbers, one a second up to LAST; "door"/"State": three strings. */
    private String storeDevice() {
        String device = Api.newDevice();
        StringJoiner batch = new StringJoiner(",", "[", "]");
        for (int i = 0; i < 600; i++) {
            batch.add("{\"timeseriesId\":\"temp\",\"metric\":\"Raw\",\"timestamp\":\"" + LAST.minusSeconds(599 - i)
                    + "\",\"val\":" + (i % 50) + ".50}");
        }
        for (String state : List.of("open", "closed", "open")) {
            batch.add("{\"timeseriesId\":\"door\",\"metric\":\"State\",\"timestamp\":\""
                    + LAST.minusSeconds(10L * state.length()) + "\",\"val\":\"" + state + "\"}");
        }
        api.post(device).token(TestTokens.groups("apollo_write").collections(COLLECTION).sign())
                .body(batch.toString()).send().assertAccepted();
        return device;
    }

    @Test
    void anOperatorExploresADevice() throws Exception {
        String device = storeDevice();
        browser.get(api.base().resolve("explorer/").toString());
        type(By.id("token"), TestTokens.groups("apollo_read").collections(COLLECTION).sign());
        type(By.id("device"), device);
        browser.findElement(By.id("load")).click();

        // The series and their latest values, as the API lists them.
        JsonArray listed = api.call("GET", "apollo/devices/" + Api.segment(device) + "/timeseries")
                .token(TestTokens.groups("apollo_read").collections(COLLECTION).sign()).send()
                .assertEnvelope(200, "").asJsonArray();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#series tbody tr"), listed.size()));
        List<WebElement> rows = browser.findElements(By.cssSelector("#series tbody tr"));
        for (int i = 0; i < listed.size(); i++) {
            JsonObject series = listed.getJsonObject(i);
            assertEquals(List.of(series.getString("timeseriesId"), series.getString("metric"),
                            String.valueOf(series.getInt("count")), series.getString("firstTimestamp"),
                            series.getString("lastTimestamp"), series.getJsonObject("latest").get("val").toString()),
                    rows.get(i).findElements(By.tagName("td")).stream().limit(6).map(WebElement::getText).toList());
        }
        assertEquals("49.50", rows.get(1).findElements(By.tagName("td")).get(5).getText(), "the value as stored");

        // The chart of "temp" over the last hour, drawn only where the data lies: its last 600 s.
        rows.get(1).click();
        String lastHour = chartStatus("over 600 samples");
        Map<String, Long> drawn = strokePixels();
        assertTrue(drawn.get("right") > 100, drawn.toString());
        assertEquals(0L, drawn.get("left"), "nothing drawn in the first half hour, which has no data: " + drawn);
        File screenshot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(screenshot.toPath(), Path.of("target", "explorer.png"), StandardCopyOption.REPLACE_EXISTING);

        // The samples of the range below, 100 a page.
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#samples tbody tr"), 100));
        String firstOfPage = browser.findElement(By.cssSelector("#samples tbody td")).getText();
        assertEquals(LAST.minusSeconds(599).toString().replace("Z", "+00:00"), firstOfPage);
        browser.findElement(By.id("next-page")).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.textToBe(By.cssSelector("#samples tbody td"), firstOfPage)));
        assertEquals(LAST.minusSeconds(499).toString().replace("Z", "+00:00"),
                browser.findElement(By.cssSelector("#samples tbody td")).getText());

        // Another range reloads the chart with longer buckets.
        new Select(browser.findElement(By.id("range"))).selectByValue("86400");
        String lastDay = wait.until(driver -> {
            String status = driver.findElement(By.id("chart-status")).getText();
            return !status.equals(lastHour) && status.contains("over 600 samples") ? status : null;
        });
        assertNotEquals(interval(lastHour), interval(lastDay));

        // Dragging across the chart zooms into a custom range.
        WebElement plot = browser.findElement(By.cssSelector("#chart .u-over"));
        int width = plot.getSize().getWidth();
        new Actions(browser).moveToElement(plot, width / 2 - 60, 0).clickAndHold().moveByOffset(50, 0).release()
                .perform();
        wait.until(driver -> !driver.findElement(By.id("chart-status")).getText().equals(lastDay));
        assertEquals("custom", new Select(browser.findElement(By.id("range"))).getFirstSelectedOption()
                .getAttribute("value"));

        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) browser.executeScript(
                "return performance.getEntriesByType('resource').map(entry => entry.name);");
        assertTrue(loaded.stream().anyMatch(url -> url.contains("/webjars/uplot/")), loaded.toString());
        assertTrue(loaded.stream().allMatch(url -> url.startsWith(api.base().toString())),
                "everything from the service itself: " + loaded);
        assertEquals(null, browser.executeScript("return localStorage.getItem('apollo.explorer.token');"),
                "the token is kept in the tab's session storage only");
    }

    @Test
    void anExpiredTokenShowsTheApisMessage() {
        String device = storeDevice();
        browser.get(api.base().resolve("explorer/").toString());
        type(By.id("token"), TestTokens.groups("apollo_read").collections(COLLECTION).expired().sign());
        type(By.id("device"), device);
        browser.findElement(By.id("load")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertEquals("401 Missing or invalid bearer token", error.getText());

        type(By.id("token"), TestTokens.groups("apollo_read").collections(COLLECTION).sign());
        type(By.id("device"), Api.newDevice());
        browser.findElement(By.id("load")).click();
        wait.until(ExpectedConditions.textToBe(By.id("error"), "404 Device not found"));
    }

    private String chartStatus(String containing) {
        return wait.until(driver -> {
            String status = driver.findElement(By.id("chart-status")).getText();
            return status.contains(containing) ? status : null;
        });
    }

    private static String interval(String status) {
        return status.replaceAll(".* buckets of (PT\\d+S).*", "$1");
    }

    /**
     * Pixels of the series' stroke colour on the chart's canvas, in its left half and in its right
     * third (the plot spans the range; the data lies in its last sixth).
     */
    @SuppressWarnings("unchecked")
    private Map<String, Long> strokePixels() {
        return (Map<String, Long>) browser.executeScript("""
                const canvas = document.querySelector('#chart canvas');
                const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                let left = 0, right = 0;
                for (let i = 0; i < pixels.length; i += 4) {
                    const stroke = Math.abs(pixels[i] - 0x1f) < 40 && Math.abs(pixels[i + 1] - 0x5f) < 40
                        && Math.abs(pixels[i + 2] - 0xb4) < 40 && pixels[i + 3] > 100;
                    if (!stroke) continue;
                    const x = (i / 4) % canvas.width;
                    if (x < canvas.width / 2) left++;
                    if (x > canvas.width * 2 / 3) right++;
                }
                return {left, right};
                """);
    }

    private void type(By field, String text) {
        WebElement input = wait.until(ExpectedConditions.elementToBeClickable(field));
        input.clear();
        input.sendKeys(text);
    }
}
