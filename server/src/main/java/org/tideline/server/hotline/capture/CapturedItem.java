package org.tideline.server.hotline.capture;

/**
 * One image or video, in memory, for hashing before anyone looks at it.
 *
 * @param url the URL as the page links it (resolved against the page), or the reported URL for a direct link
 * @param finalUrl where it was actually served from after redirects: what tracing the hosting needs
 * @param contentType the declared media type, lower case, without parameters; the bytes were checked to start like
 *     one of the image or video formats the fetcher knows
 * @param bytes the body as sent; not copied, so treat it as read-only
 */
public record CapturedItem(String url, String finalUrl, String contentType, byte[] bytes) {}
