package org.tideline.server.hotline;

/** How a deployment's hotline handles what it is told about. */
public enum HotlineMode {
    /**
     * Reported pages are captured in the sandboxed fetcher, hashed and matched, and what is new is assessed by
     * analysts (the IWF's and most INHOPE hotlines' way).
     */
    ASSESS,
    /**
     * Nothing is ever fetched or displayed: each report goes to the configured law-enforcement recipient as soon as
     * it is triaged. For countries where a hotline may not view the material (Italy).
     */
    FORWARD_ONLY;

    public static HotlineMode parse(String text) {
        String normal = text == null ? "" : text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        for (HotlineMode m : values()) {
            if (m.name().equals(normal)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown hotline mode '" + text + "'; expected assess or forward-only");
    }
}
