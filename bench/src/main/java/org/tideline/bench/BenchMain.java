package org.tideline.bench;

import java.util.Arrays;

/** {@code ./tideline bench <what> [options]}: dispatches to one harness per subject. */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println("usage: tideline bench hash [--dir DIR] [--rounds N] [--threads N]");
            System.out.println("       tideline bench index [options]   (see docs/index.md)");
            System.out.println("       tideline bench server [options]  (see docs/server.md)");
            return;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "hash" -> HashBench.main(rest);
            case "index" -> IndexBench.main(rest);
            case "server" -> ServerBench.main(rest);
            default -> {
                System.err.println("tideline bench: unknown benchmark '" + args[0] + "' (try: hash, index, server)");
                System.exit(2);
            }
        }
    }
}
