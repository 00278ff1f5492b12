package org.tideline.server.hotline.takedown;

/**
 * Where a confirmed URL goes, decided from where it is hosted.
 *
 * @param kind DOMESTIC: law enforcement first, then a notice to the host; PARTNER: the hosting country's hotline
 *     takes it on; FALLBACK: no partner there, the configured fallback (e.g. the international network) is told
 */
public record Route(Kind kind, String recipient, String country) {

    public enum Kind { DOMESTIC, PARTNER, FALLBACK }
}
