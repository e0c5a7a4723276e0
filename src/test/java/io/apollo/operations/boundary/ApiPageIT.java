package io.apollo.operations.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apollo.testing.Api;
import io.apollo.testing.Browsers;
import io.apollo.testing.ServerTest;
import io.apollo.testing.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The API page at {@code /}, in Debian's headless Chromium: an operator authorizes with a token,
 * sends the API page's example POST and reads the samples back, all through the page.
 */
class ApiPageIT extends ServerTest {

    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() throws Exception {
        browser = Browsers.chromium(1400, 2000);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anOperatorPostsTheExampleAndReadsItBackThroughThePage() {
        String device = Api.newDevice();
        browser.get(api.base().toString());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".info .title"), "Apollo samples API"));

        click(By.cssSelector(".scheme-container button.authorize"));
        WebElement tokenField = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".modal-ux input")));
        tokenField.sendKeys(TestTokens.groups("apollo_read", "apollo_write").collections("page").sign());
        click(By.cssSelector(".modal-ux .auth-btn-wrapper button.authorize"));
        click(By.cssSelector(".modal-ux button.btn-done"));

        String post = "#operations-samples-postSamples";
        click(By.cssSelector(post + " .opblock-summary-control"));
        type(By.cssSelector(post + " tr[data-param-name='deviceId'] input"), device);
        String example = browser.findElement(By.cssSelector(post + " textarea.body-param__text")).getAttribute("value");
        assertTrue(example.contains("\"mertic\": \"Raw\""), example);
        click(By.cssSelector(post + " button.execute"));
        assertEquals("202", responseStatus(post));
        assertEquals(Json.createReader(new StringReader("{\"status\":{\"Message\":\"\",\"Code\":\"202\"},\"data\":{}}"))
                .readObject(), responseBody(post));

        String get = "#operations-samples-getSamples";
        click(By.cssSelector(get + " .opblock-summary-control"));
        type(By.cssSelector(get + " tr[data-param-name='deviceId'] input"), device);
        click(By.cssSelector(get + " button.execute"));
        assertEquals("200", responseStatus(get));
        JsonArray samples = responseBody(get).getJsonArray("data");
        assertEquals(2, samples.size(), samples.toString());
        assertEquals("2018-01-27T00:00:00+00:00", samples.getJsonObject(0).getString("timestamp"));
        assertEquals("6", samples.getJsonObject(0).get("val").toString());
        assertEquals("2018-01-27T00:15:00+00:00", samples.getJsonObject(1).getString("timestamp"));
        assertEquals("7", samples.getJsonObject(1).get("val").toString());
        assertEquals("Raw", samples.getJsonObject(1).getString("metric"));

        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) browser.executeScript(
                "return performance.getEntriesByType('resource').map(entry => entry.name);");
        assertTrue(loaded.stream().anyMatch(url -> url.endsWith("/swagger-ui-bundle.js")), loaded.toString());
        assertTrue(loaded.stream().allMatch(url -> url.startsWith(api.base().toString())),
                "everything from the service itself: " + loaded);

        assertEquals("page", api.stored(device).getString("collection"));
        assertEquals(2, api.stored(device).getJsonArray("samples").size());
    }

    private void click(By element) {
        wait.until(ExpectedConditions.elementToBeClickable(element)).click();
    }

    private void type(By field, String text) {
        WebElement input = wait.until(ExpectedConditions.elementToBeClickable(field));
        input.clear();
        input.sendKeys(text);
    }

    private String responseStatus(String operation) {
        By status = By.cssSelector(operation + " .live-responses-table .response .response-col_status");
        return wait.until(ExpectedConditions.visibilityOfElementLocated(status)).getText().trim();
    }

    private JsonObject responseBody(String operation) {
        By body = By.cssSelector(operation + " .live-responses-table .response-col_description pre");
        String text = wait.until(ExpectedConditions.visibilityOfElementLocated(body)).getText();
        return Json.createReader(new StringReader(text)).readObject();
    }
}
