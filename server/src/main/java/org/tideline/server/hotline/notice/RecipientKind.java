package org.tideline.server.hotline.notice;

/** Who a notice goes to, which changes what the notice asks of them. */
public enum RecipientKind {
    /** The hosting provider of the server the material is on: asked to remove it. */
    HOST,
    /** A content delivery network in front of the host: asked to stop serving it and to name the origin host. */
    CDN,
    /** The registrar of the domain: asked to act on the domain under its abuse policy. */
    REGISTRAR,
    /** The network that connects the host to the internet: asked to make the host act, after the host did not. */
    UPSTREAM
}
