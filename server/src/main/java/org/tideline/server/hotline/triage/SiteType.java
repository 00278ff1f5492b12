package org.tideline.server.hotline.triage;

/** Where the reporter saw it: the report form's "where" question. */
public enum SiteType {
    WEBSITE,
    SOCIAL_NETWORK,
    CHAT_OR_MESSAGING,
    EMAIL,
    FILE_SHARING,
    GAME,
    OTHER
}
