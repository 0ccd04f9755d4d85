package dev.sessionshop.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * What a person does in the tutorial, in a real browser: browse, add to the cart, open "Where is my
 * session?", crash the instance that served them, reload the cart. Each step leaves the screenshot the
 * docs show, as {@code <strategy>-<step>.png} in {@code target/screenshots/} (in {@code docs/images/} with
 * {@code -Pdocs-screenshots}, see {@link Browser}).
 */
final class BrowserTour {

    private BrowserTour() {
    }

    /** Runs the tour; it ends with the instance that served the shopper killed. */
    static void run(Topology shop) {
        String strategy = shop.strategy().launcherName();
        try (Browser browser = new Browser()) {
            browser.open("");
            assertTrue(browser.has(".products .card"), "the product list shows products");
            browser.screenshot(strategy + "-1-products");
            awaitSessionEverywhere(browser, shop);

            browser.find(".products .card form button").click();
            browser.awaitPage("/cart");
            assertTrue(browser.has("#cart-lines"), () -> "adding takes the shopper to a cart with a line, not: "
                    + browser.find("main").getText());
            String before = browser.servedBy();
            browser.screenshot(strategy + "-2-cart");

            browser.find("header nav").findElement(By.linkText("Where is my session?")).click();
            browser.awaitPage("/session");
            assertTrue(browser.find("#location-summary").getText().length() > 10, "the page says where");
            assertTrue(browser.has(switch (shop.strategy().home()) {
                case MEMORY -> "#location-memory";
                case GRID -> "#location-owner";
                case REDIS -> "#location-key";
                case MEMCACHED -> "#location-backup";
            }), "the " + strategy + " answer is shown");
            browser.screenshot(strategy + "-3-where-is-my-session");

            labs(browser, strategy);

            int killed = StickyIT.instanceNumber(before);
            shop.kill(killed);
            browser.open("cart");
            String after = browser.servedBy();
            assertNotEquals(before, after, "another instance answers after " + before + " died");
            if (shop.strategy().home() == Strategy.Home.MEMORY) {
                assertTrue(browser.has("#cart-empty"), strategy + ": the cart died with " + before);
            } else {
                assertTrue(browser.has("#cart-lines"), strategy + ": the cart survived " + before);
                assertEquals(1, browser.find("#cart-lines tbody").findElements(By.tagName("tr")).size());
            }
            browser.screenshot(strategy + "-4-after-kill");
        }
    }

    /**
     * Opens the labs page from the menu and runs labs 1 and 2 with their buttons; each result, steps and
     * conclusion, becomes a screenshot for docs/05-labs.md. What the results must be is asserted by the
     * strategy classes through the same JSON; here the page must draw them.
     */
    private static void labs(Browser browser, String strategy) {
        browser.find("header nav").findElement(By.linkText("Labs")).click();
        browser.awaitPage("/labs");
        for (String lab : new String[] {"in-place", "concurrent"}) {
            WebElement section = browser.find("#lab-" + lab);
            section.findElement(By.tagName("button")).click();
            WebElement conclusion = browser.await("#lab-" + lab + " .lab-conclusion", Duration.ofSeconds(60));
            assertTrue(conclusion.getText().length() > 20, "lab " + lab + " concludes: " + conclusion.getText());
            assertTrue(section.findElements(By.cssSelector(".lab-steps tbody tr")).size() >= 3, "and shows its steps");
            browser.screenshot(section, strategy + "-lab-" + lab);
        }
    }

    /**
     * The first page made the session; the form on it must find that session wherever nginx sends the
     * POST. With clustering a brand-new session can take a moment to reach the grid (the replication
     * window the labs show), so {@code /api/session}, which never creates a session, is asked within that
     * window until the instance answering it knows the session too.
     */
    private static void awaitSessionEverywhere(Browser browser, Topology shop) {
        String cookie = shop.strategy().sessionCookie();
        String sessionId = Carts.sessionIdOf(browser.cookie(cookie));
        Instant deadline = Instant.now().plus(ReplicatedSessions.replicationWindow(shop));
        String known = "\"sessionId\":\"" + sessionId + "\"";
        String answer = browser.text("api/session");
        while (!answer.contains(known) && Instant.now().isBefore(deadline)) {
            StickyIT.sleepBriefly();
            answer = browser.text("api/session");
        }
        assertTrue(answer.contains(known), "the next instance knows the session " + sessionId + ": " + answer);
        browser.open("");
    }
}
