/**
 * The hotline's sandboxed capture fetcher: downloads a reported page and the images and videos on it, into memory,
 * so that they can be hashed and matched before any person sees them.
 *
 * <p>Whoever reports a URL chooses where the fetcher goes and what it is fed, so it is strict. It fetches only
 * http and https; resolves each host name once, refuses it if any address is private, loopback, link-local or
 * otherwise not public (unless the configured allow-list names the range), and connects to exactly the address it
 * vetted, on every redirect too; bounds bytes, time, redirects and items, counting as it reads; accepts only
 * declared page and media types and checks media bytes against their claimed format; and keeps everything in
 * memory, never in a temporary file. A refused page fails the capture; a refused item is listed as skipped.
 * Messages never contain URLs or content, since a reported URL may itself lead to abuse material. The rules, with
 * their reasons, are in docs/hotline.md.
 *
 * <p>The public API is {@link org.tideline.server.hotline.capture.SafeFetcher} with its
 * {@link org.tideline.server.hotline.capture.FetchPolicy} and {@link org.tideline.server.hotline.capture.HostResolver},
 * the results {@link org.tideline.server.hotline.capture.Capture}, {@link org.tideline.server.hotline.capture.Page},
 * {@link org.tideline.server.hotline.capture.CapturedItem}, {@link org.tideline.server.hotline.capture.Skipped} and
 * {@link org.tideline.server.hotline.capture.Fetched}, and {@link org.tideline.server.hotline.capture.FetchRefused}.
 * The HTTP/1.1 client, address rules and HTML scanning are package-private.
 */
package org.tideline.server.hotline.capture;
