package org.tideline.server.hotline.capture;

/**
 * The captured HTML page.
 *
 * @param contentType the declared media type, lower case, without parameters ({@code text/html})
 * @param bytes the body as sent; not copied, so treat it as read-only
 */
public record Page(String contentType, byte[] bytes) {}
