package org.tideline.core.pdq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Meta's reference hashes in ../shared/testdata/pdq/expected/ (read in place, never copied):
 * {@code full-resolution.csv} (the C++ reference with the 512 pre-resize disabled) and {@code cpp-512.csv} (Meta's
 * C++ CLI as shipped).
 */
final class ReferenceHashes {

    static final Path TESTDATA = Path.of("../../shared/testdata/pdq").toAbsolutePath().normalize();

    record Row(String path, PdqHash hash, int quality, List<PdqHash> dihedral) {
        Path file() {
            return TESTDATA.resolve(path);
        }

        String extension() {
            return path.substring(path.lastIndexOf('.') + 1);
        }
    }

    static List<Row> fullResolution() {
        return read("expected/full-resolution.csv", 4);
    }

    static List<Row> cpp512() {
        return read("expected/cpp-512.csv", 3);
    }

    private static List<Row> read(String csv, int dihedralColumn) {
        try {
            List<String> lines = Files.readAllLines(TESTDATA.resolve(csv));
            List<Row> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) continue;
                String[] f = line.split(",", -1);
                List<PdqHash> dihedral = Arrays.stream(f[dihedralColumn].split(" ")).map(PdqHash::fromHex).toList();
                rows.add(new Row(f[0], PdqHash.fromHex(f[1]), Integer.parseInt(f[2]), dihedral));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("reference data missing: " + TESTDATA.resolve(csv), e);
        }
    }
}
