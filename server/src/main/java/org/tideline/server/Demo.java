package org.tideline.server;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import javax.imageio.ImageIO;
import org.tideline.core.image.ImageRejectedException;
import org.tideline.core.media.MediaHashes;
import org.tideline.server.access.Caller;
import org.tideline.server.access.NewApiKey;
import org.tideline.server.access.OrgType;
import org.tideline.server.access.Role;
import org.tideline.server.bank.BankSettings;
import org.tideline.server.bank.NewContent;
import org.tideline.server.bank.SignalType;

/**
 * First-run setup for a newcomer: on an empty database, a demo organisation, an admin key (printed once) and a
 * bank of benign generated images, with a few of those images written to {@code DATA/demo/} to try lookups with.
 * Nothing here is or resembles abuse material: the images are coloured shapes drawn from a fixed seed.
 */
public final class Demo {

    public static final String ORGANISATION = "Demo Hotline";
    public static final String BANK = "DEMO_BENIGN";
    private static final int IMAGES = 24;
    private static final int WRITTEN = 3;

    /** What the setup made. */
    public record Setup(NewApiKey adminKey, int entries, List<Path> sampleImages, Map<String, String> analysts) {

        @Override
        public String toString() {
            return "Setup[entries=" + entries + ", analysts=" + analysts.keySet() + "]";
        }
    }

    /** Two analysts, because a second analyst must confirm what the first assessed. */
    private static Map<String, String> analysts(Services services, String org) {
        Map<String, String> users = new java.util.LinkedHashMap<>();
        for (String name : List.of("analyst1", "analyst2")) {
            byte[] random = new byte[15];
            new java.security.SecureRandom().nextBytes(random);
            String password = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            services.access().createUser(org, name, password.toCharArray(), Role.ANALYST);
            users.put(name, password);
        }
        return users;
    }

    private Demo() {}

    /** Sets the demo up if the database has no organisation yet. */
    public static Optional<Setup> setUpIfEmpty(Services services, Path dataDirectory) {
        if (!services.access().organisations().isEmpty()) {
            return Optional.empty();
        }
        var org = services.access().createOrganisation(ORGANISATION, OrgType.HOTLINE);
        NewApiKey key = services.access().createApiKey(org.name(), Role.ADMIN, "first admin key (demo)");
        Caller admin = new Caller(org.id(), org.name(), Role.ADMIN, org.operator(), "key:" + key.id());
        services.banks().createBank(admin, BankSettings.named(BANK));
        Random random = new Random(20261123);
        List<NewContent> entries = new ArrayList<>();
        List<Path> written = new ArrayList<>();
        try {
            Path demoDir = dataDirectory.resolve("demo");
            Files.createDirectories(demoDir);
            for (int i = 0; i < IMAGES; i++) {
                byte[] png = png(draw(random));
                MediaHashes h = services.hasher().hash(png);
                entries.add(new NewContent(Map.of(SignalType.PDQ, h.pdq().hash().toHex(), SignalType.MD5,
                        h.digests().md5(), SignalType.SHA256, h.digests().sha256()), Optional.of(h.pdq().quality()),
                        Optional.of("demo"), Optional.of("benign-" + (i + 1)), Map.of(),
                        Optional.of("{\"note\":\"generated benign demo image " + (i + 1) + "\"}"), true));
                if (i < WRITTEN) {
                    Path p = demoDir.resolve("benign-" + (i + 1) + ".png");
                    Files.write(p, png);
                    written.add(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ImageRejectedException e) {
            throw new IllegalStateException("a generated demo image was rejected: " + e.getMessage(), e);
        }
        services.banks().addContents(admin, BANK, entries);
        return Optional.of(new Setup(key, entries.size(), written, analysts(services, org.name())));
    }

    private static BufferedImage draw(Random random) {
        BufferedImage img = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(random.nextInt(0xFFFFFF)));
        g.fillRect(0, 0, 320, 240);
        for (int s = 0; s < 12; s++) {
            g.setColor(new Color(random.nextInt(0xFFFFFF)));
            int x = random.nextInt(320);
            int y = random.nextInt(240);
            int w = 20 + random.nextInt(140);
            int h = 20 + random.nextInt(120);
            if (random.nextBoolean()) {
                g.fillOval(x - w / 2, y - h / 2, w, h);
            } else {
                g.fillRect(x - w / 2, y - h / 2, w, h);
            }
        }
        g.dispose();
        return img;
    }

    private static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
