package org.tideline.server.hotline.capture;

/**
 * Media a page links that the capture did not bring back. One failing item never fails the capture.
 *
 * @param url the URL as the page links it, resolved against the page
 * @param reason why, in the terms a refused page would have
 * @param detail the same in words, without the URL
 */
public record Skipped(String url, FetchRefused.Reason reason, String detail) {

    static Skipped of(String url, FetchRefused refused) {
        String message = refused.getMessage();
        String prefix = refused.reason() + ": ";
        String detail = message.startsWith(prefix) ? message.substring(prefix.length()) : message;
        return new Skipped(url, refused.reason(), detail);
    }
}
