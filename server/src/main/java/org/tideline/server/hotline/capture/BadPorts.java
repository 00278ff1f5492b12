package org.tideline.server.hotline.capture;

import java.util.Set;

/**
 * The ports browsers refuse to fetch from (the "bad port" list of the WHATWG Fetch standard): mail, shell, file
 * sharing, chat and the like. Material there cannot be what a member of the public saw in a browser, and refusing
 * them keeps the fetcher from being used to speak HTTP at someone else's SMTP or IRC server. Any other port is
 * allowed, since abuse sites do serve on 8080 and the like.
 */
final class BadPorts {

    private static final Set<Integer> PORTS = Set.of(
            0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104,
            109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515,
            526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049,
            3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080);

    private BadPorts() {}

    static boolean contains(int port) {
        return PORTS.contains(port);
    }
}
