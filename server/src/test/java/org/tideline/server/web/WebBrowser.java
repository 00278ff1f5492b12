package org.tideline.server.web;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's chromium, driven by Playwright (which is told never to download a browser of its own). run-tests installs
 * chromium; when it is missing a developer's run skips the browser tests, while CI (CI=true) fails them.
 */
public final class WebBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private final Playwright playwright;
    private final Browser browser;

    private WebBrowser(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    public static WebBrowser launch() {
        if (!Files.isExecutable(CHROMIUM)) {
            assumeTrue(!"true".equals(System.getenv("CI")), "CI promises chromium (run-tests installs it)");
            assumeTrue(false, "chromium is not installed: browser tests skipped (run-tests installs it)");
        }
        Playwright pw = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser b = pw.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(CHROMIUM)
                    .setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                            "--disable-component-update", "--disable-sync", "--no-first-run")));
            return new WebBrowser(pw, b);
        } catch (RuntimeException e) {
            pw.close();
            throw e;
        }
    }

    /** A fresh profile (no cookies) with the given browser language and JavaScript switched on or off. */
    public BrowserContext context(String locale, boolean javaScript) {
        return browser.newContext(new Browser.NewContextOptions()
                .setLocale(locale)
                .setJavaScriptEnabled(javaScript)
                .setExtraHTTPHeaders(Map.of("Accept-Language", locale)));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
